/* The names and glyphs of address classes. */
#include "core/scan/legend.h"

static const struct legend_entry entries[CC_COUNT] = {
	[CC_GUILTY] = { "guilty", "guilty (L1)", "#", "\u2588",
	                "listed itself on level 1" },
	[CC_RANGE] = { "range", "range (L2)", "=", "\u2593",
	               "not listed itself; its range is listed on level 2" },
	[CC_ASN] = { "asn", "ASN (L3)", "~", "\u2592",
	             "not listed itself; its whole ASN is listed on level 3" },
	[CC_ERROR] = { "error", "error", "!", "!",
	               "a lookup failed: state unknown, not clean" },
	[CC_PENDING] = { "pending", "pending", "?", "\u00b7",
	                 "waiting for answers" },
	[CC_CLEAN] = { "clean", "clean", ".", "\u25cb",
	               "listed nowhere" },
};

static const enum cell_class order[] = {
	CC_GUILTY, CC_RANGE, CC_ASN, CC_ERROR, CC_PENDING, CC_CLEAN,
};

const struct legend_entry *legend_of(enum cell_class c)
{
	return &entries[(unsigned)c < CC_COUNT ? c : CC_ERROR];
}

const enum cell_class *legend_order(size_t *n)
{
	*n = sizeof order / sizeof order[0];
	return order;
}
