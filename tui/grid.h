/* The 16x16 grid of the /24 in view: one cell per address, labelled by
 * its last octet, drawn in the look of its class. */
#ifndef RBLSCOPE_TUI_GRID_H
#define RBLSCOPE_TUI_GRID_H

#include <stddef.h>

#include "tui/curses.h"

struct app;

/* How one of the 256 cells of a 16x16 map looks: the grid of a /24 and
 * the overview of a /16 draw the same way from their own looks. */
struct cell_look {
	const char *mark, *glyph;
	attr_t mark_attr, attr;
	char octet[4];
};

/* Fills in the look of cell 0-255. */
typedef void (*cell_look_fn)(const struct app *a, unsigned cell, struct cell_look *l);

/* Row (0-15) of a map as plain text: per cell the mark, glyph and octet. */
void cells_row_text(const struct app *a, cell_look_fn look, int row, char *out, size_t len);

/* Draw the 256 cells of a map at the layout's cell positions. */
void cells_draw(const struct app *a, cell_look_fn look);

/* Row (0-15) of the grid as plain text, as the screen shows it without
 * attributes: per cell a mark column, the glyph and the octet. */
void grid_row_text(const struct app *a, int row, char *out, size_t len);

/* Draw the grid. */
void grid_draw(const struct app *a);

#endif
