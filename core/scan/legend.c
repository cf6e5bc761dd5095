/* The names and glyphs of address classes. */
#include "core/scan/legend.h"

/* Glyphs: each class its own shape in both sets, so that a grid reads
 * without colour (NO_COLOR, monochrome terminals, a printout).  In UTF-8:
 * the full block, a square, a triangle, "!", "?" and a ring, each drawn
 * in its class's colour at full strength; never a shade (U+2591-U+2593
 * mix the colour with the background: a paler colour, or a stipple) nor a
 * dot that vanishes when dimmed; all are in the WGL4 set terminal fonts
 * carry.  The ASCII set mirrors it where it can: "#" the full block, "="
 * a range, "~" the whole ASN.
 *
 * Labels stay short: legends align them in a 12-column field and the
 * summary line shows them when they fit.  Range and ASN listings block
 * addresses that are not listed themselves: their meanings say so with
 * the word of the summary's "collateral ratio". */
static const struct legend_entry entries[CC_COUNT] = {
	[CC_GUILTY] = { "guilty", "guilty (L1)", "#", "\u2588",
	                "listed itself on level 1" },
	[CC_RANGE] = { "range", "range (L2)", "=", "\u25a0",
	               "collateral: clean on level 1; level 2 lists its range" },
	[CC_ASN] = { "asn", "ASN (L3)", "~", "\u25b2",
	             "collateral: clean on level 1; level 3 lists its whole ASN" },
	[CC_ERROR] = { "error", "error", "!", "!",
	               "a lookup failed: state unknown, not clean" },
	[CC_PENDING] = { "pending", "pending", "?", "?",
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
