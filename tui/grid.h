/* The 16x16 grid of the /24 in view: one cell per address, labelled by
 * its last octet, drawn in the look of its class. */
#ifndef RBLSCOPE_TUI_GRID_H
#define RBLSCOPE_TUI_GRID_H

#include <stddef.h>

struct app;

/* Row (0-15) of the grid as plain text, as the screen shows it without
 * attributes: per cell a mark column, the glyph and the octet. */
void grid_row_text(const struct app *a, int row, char *out, size_t len);

/* Draw the grid. */
void grid_draw(const struct app *a);

#endif
