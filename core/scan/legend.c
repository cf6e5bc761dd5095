/* The names and glyphs of address classes, and their words, which name
 * the zones of the profile in use. */
#include "core/scan/legend.h"

#include <stdio.h>
#include <string.h>

/* Glyphs: each class its own shape in both sets, so that a grid reads
 * without colour (NO_COLOR, monochrome terminals, a printout).  In UTF-8:
 * the full block, a square, a triangle, "!", "?" and a ring, each drawn
 * in its class's colour at full strength; never a shade (U+2591-U+2593
 * mix the colour with the background: a paler colour, or a stipple) nor a
 * dot that vanishes when dimmed; all are in the WGL4 set terminal fonts
 * carry.  The ASCII set mirrors it where it can: "#" the full block, "="
 * a range, "~" the whole ASN.
 *
 * Labels and meanings name the zone of the profile that holds the class's
 * role (legend_words), so that they read right whatever lists a scan
 * asks.  Range and ASN listings block addresses that are not listed
 * themselves: their meanings say so with the word of the summary's
 * "collateral ratio". */
static const struct legend_entry entries[CC_COUNT] = {
	[CC_GUILTY] = { "guilty", "guilty ({single})", "#", "\u2588",
	                "listed itself on {single}", ZR_SINGLE },
	[CC_RANGE] = { "range", "range ({range})", "=", "\u25a0",
	               "collateral: clean on {single}; {range} lists its range", ZR_RANGE },
	[CC_ASN] = { "asn", "ASN ({asn})", "~", "\u25b2",
	             "collateral: clean on {single}; {asn} lists its whole ASN", ZR_ASN },
	[CC_ERROR] = { "error", "error", "!", "!",
	               "a lookup failed: state unknown, not clean", -1 },
	[CC_PENDING] = { "pending", "pending", "?", "?",
	                 "waiting for answers", -1 },
	[CC_CLEAN] = { "clean", "clean", ".", "\u25cb",
	               "listed nowhere", -1 },
};

static const enum cell_class order[] = {
	CC_GUILTY, CC_RANGE, CC_ASN, CC_ERROR, CC_PENDING, CC_CLEAN,
};

/* The slots legend_words fills in, by the role they name, and the word
 * for a zone of that role. */
static const struct {
	const char *name;
	enum zone_role role;
	const char *word;
} slots[] = {
	{ "single", ZR_SINGLE, "single-address" }, { "range", ZR_RANGE, "range" },
	{ "asn", ZR_ASN, "ASN" },
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

/* The slot "{name}" at s (up to its '}', at end), or -1. */
static int slot_at(const char *s, const char *end)
{
	size_t n = (size_t)(end - s - 1);

	for (size_t i = 0; i < sizeof slots / sizeof slots[0]; i++)
		if (strlen(slots[i].name) == n && strncmp(s + 1, slots[i].name, n) == 0)
			return (int)i;
	return -1;
}

/* Append n bytes of s to out, cut at the end of its len bytes. */
static void put(char *out, size_t len, size_t *used, const char *s, size_t n)
{
	if (*used + n >= len)
		n = len - 1 - *used;
	memcpy(out + *used, s, n);
	*used += n;
	out[*used] = '\0';
}

void legend_words(const struct profile *p, const char *text, char *out, size_t len)
{
	size_t used = 0;

	if (len == 0)
		return;
	out[0] = '\0';
	for (const char *s = text; *s;) {
		const char *end = *s == '{' ? strchr(s, '}') : NULL;
		int k = end ? slot_at(s, end) : -1;
		bool enclosed = k >= 0 && s > text && s[-1] == '(' && end[1] == ')';

		if (k < 0) {
			put(out, len, &used, s++, 1);
		} else if (enclosed && !profile_role_zone(p, slots[k].role)) {
			/* " (" is written already: take it back. */
			if (used > 0 && out[used - 1] == '(')
				used--;
			if (used > 0 && out[used - 1] == ' ')
				used--;
			out[used] = '\0';
			s = end + 2;
		} else {
			const char *word = profile_role_label(p, slots[k].role);

			put(out, len, &used, word, strlen(word));
			s = end + 1;
		}
	}
}

void legend_label(enum cell_class c, const struct profile *p, char *out, size_t len)
{
	legend_words(p, legend_of(c)->label_tpl, out, len);
}

bool legend_possible(enum cell_class c, const struct profile *p)
{
	int role = legend_of(c)->role;

	return role < 0 || profile_role_zone(p, (enum zone_role)role) != NULL;
}

void legend_explain(enum cell_class c, const struct profile *p, const char *tpl, char *out,
                    size_t len)
{
	const char *word = "such";

	if (legend_possible(c, p)) {
		legend_words(p, tpl, out, len);
		return;
	}
	for (size_t i = 0; i < sizeof slots / sizeof slots[0]; i++)
		if ((int)slots[i].role == legend_of(c)->role)
			word = slots[i].word;
	snprintf(out, len, "none: profile %s has no %s zone", p ? p->name : "-", word);
}

void legend_meaning(enum cell_class c, const struct profile *p, char *out, size_t len)
{
	legend_explain(c, p, legend_of(c)->meaning_tpl, out, len);
}

int legend_label_width(const struct profile *p)
{
	char label[LEGEND_LABEL_MAX];
	size_t w = 0;

	for (size_t i = 0; i < sizeof order / sizeof order[0]; i++) {
		legend_label(order[i], p, label, sizeof label);
		if (strlen(label) > w)
			w = strlen(label);
	}
	return (int)w;
}
