/* How each class of address is named and drawn: one table for the text
 * export and the terminal UI alike. */
#ifndef RBLSCOPE_LEGEND_H
#define RBLSCOPE_LEGEND_H

#include "core/scan/scan.h"

struct legend_entry {
	const char *name;     /* "guilty": for CSV, JSON and keys */
	const char *label;    /* "guilty (L1)": for legends */
	const char *ascii;    /* one-column glyph in ASCII */
	const char *utf8;     /* one-column glyph in UTF-8 */
	const char *meaning;  /* one sentence for help screens */
};

/* The entry of a class. */
const struct legend_entry *legend_of(enum cell_class c);

/* Classes in the order legends list them, worst first; *n their count. */
const enum cell_class *legend_order(size_t *n);

#endif
