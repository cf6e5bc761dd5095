/* The detail panel: everything known about the selected address, and
 * for each zone why it is (or is not) listed there. */
#ifndef RBLSCOPE_TUI_DETAIL_H
#define RBLSCOPE_TUI_DETAIL_H

#include <stddef.h>

#define DETAIL_MAX_LINES 80
#define DETAIL_TEXT_MAX 1024

enum dline_style { DL_PLAIN, DL_HEADING, DL_DIM, DL_WARN, DL_ERROR };

struct dline {
	enum dline_style style;
	int cls;                      /* >= 0: starts with this class's glyph */
	char text[DETAIL_TEXT_MAX];   /* already fitted to the panel */
};

struct app;

/* Lay out the panel for the selected address in width columns and at
 * most maxlines lines: the full form (one item per line, TXT wrapped)
 * when it fits, else one line per zone.  Returns the lines written. */
size_t detail_build(const struct app *a, int width, size_t maxlines, struct dline *out);

/* Draw the panel. */
void detail_draw(const struct app *a);

#endif
