/* How each class of address is named and drawn: one table for the text
 * exports and the terminal UI alike, in the words of the profile. */
#ifndef RBLSCOPE_LEGEND_H
#define RBLSCOPE_LEGEND_H

#include <stdbool.h>
#include <stddef.h>

#include "core/scan/profile.h"
#include "core/scan/scan.h"

/* A label filled in (legend_label): "guilty (" + a zone label + ")". */
#define LEGEND_LABEL_MAX 48
/* A meaning filled in (legend_meaning, legend_words on a screen's text). */
#define LEGEND_TEXT_MAX 256

struct legend_entry {
	const char *name;          /* "guilty": for CSV, JSON and keys */
	const char *label_tpl;     /* "guilty ({single})": for legends (legend_words) */
	const char *ascii;         /* one-column glyph in ASCII */
	const char *utf8;          /* one-column glyph in UTF-8 */
	const char *meaning_tpl;   /* one sentence for help screens (legend_words) */
	int role;                  /* the zone_role whose zone gives the class, or -1 */
};

/* The entry of a class. */
const struct legend_entry *legend_of(enum cell_class c);

/* Classes in the order legends list them, worst first; *n their count. */
const enum cell_class *legend_order(size_t *n);

/* Copy text into out (len bytes) in the words of profile p: "{single}",
 * "{range}" and "{asn}" become what p calls its zone of that role
 * (profile_role_label: "UCE-2", or "a range list" when p has none); a
 * slot in parentheses, " ({range})", is left out whole, blank before it
 * and all, when p has no such zone. */
void legend_words(const struct profile *p, const char *text, char *out, size_t len);

/* The label of class c in p's words: "guilty (UCE-1)", "range (UCE-2)";
 * "range" alone when p has no range zone. */
void legend_label(enum cell_class c, const struct profile *p, char *out, size_t len);

/* Whether a scan of profile p can give class c: range and ASN need a
 * zone of their role. */
bool legend_possible(enum cell_class c, const struct profile *p);

/* What class c means, from a screen's sentence tpl in p's words
 * (legend_words); when p cannot give c, that it has no such zone: "none:
 * profile spamhaus has no range zone". */
void legend_explain(enum cell_class c, const struct profile *p, const char *tpl, char *out,
                    size_t len);

/* The meaning of class c in p's words: "listed itself on UCE-1" (the
 * legend's own sentence, through legend_explain). */
void legend_meaning(enum cell_class c, const struct profile *p, char *out, size_t len);

/* Bytes of the longest label of the legend in p's words: the field the
 * text legends align their labels in. */
int legend_label_width(const struct profile *p);

#endif
