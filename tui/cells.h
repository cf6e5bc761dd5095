/* A 16x16 map of cells: the grid of a /24 and the overview of a /16
 * draw their 256 cells the same way, each from its own look. */
#ifndef RBLSCOPE_TUI_CELLS_H
#define RBLSCOPE_TUI_CELLS_H

#include <stddef.h>

#include "tui/ctx.h"
#include "tui/curses.h"

/* How one of the 256 cells looks. */
struct cell_look {
	const char *mark, *glyph;
	attr_t mark_attr, attr;
	attr_t octet_attr;         /* the octet: reversed under the cursor */
	bool fill;                 /* a big cell is filled with the glyph */
	char octet[4];
};

/* Fills in the look of cell 0-255 of the map owner. */
typedef void (*cell_look_fn)(const void *owner, unsigned cell, struct cell_look *l);

/* Row (0-15) of a map as plain text: per cell the mark, glyph and octet. */
void cells_row_text(const void *owner, cell_look_fn look, int row, char *out, size_t len);

/* Draw the 256 cells at the layout's cell positions. */
void cells_draw(const struct ctx *cx, const void *owner, cell_look_fn look);

/* The look of a class in the context's theme; stale dims it. */
attr_t cells_class_attr(const struct ctx *cx, enum cell_class cls, bool stale);

#endif
