/* Where each part of the main view goes for a given terminal size.
 * Pure arithmetic, so it is tested without a terminal. */
#ifndef RBLSCOPE_TUI_LAYOUT_H
#define RBLSCOPE_TUI_LAYOUT_H

#include <stdbool.h>

#define GRID_SIDE 16               /* a /24 is 16 rows of 16 addresses */
#define GRID_CELL_W 5              /* mark, glyph, three digits */
#define GRID_W (GRID_SIDE * GRID_CELL_W)
#define LAYOUT_MIN_COLS GRID_W
#define LAYOUT_MIN_ROWS 22         /* title, status, grid, summary, 2 detail, keys */
#define LAYOUT_SIDE_MIN_W 56       /* a detail panel beside the grid: a TXT
                                      line wraps at most once or twice */
#define LAYOUT_NOTES_MIN_W 30      /* the legend beside the grid */

struct layout {
	int cols, rows;
	bool too_small;
	bool side;                 /* detail panel right of the grid */
	int title_y, status_y;
	int grid_y, grid_x;
	int summary_y;
	int detail_y, detail_x, detail_w, detail_h;
	int notes_x, notes_y;      /* legend and warnings: below the grid when the */
	int notes_w, notes_h;      /* detail is beside it, else beside the grid */
	int warn_y;                /* zone warnings above the detail, -1 if none */
	int msg_y;                 /* messages: over the last detail line */
	int keys_y;
};

/* Lay out a cols x rows terminal. */
void layout_compute(struct layout *l, int cols, int rows);

/* Take a line above the detail for warnings, unless the detail is
 * beside the grid (the notes under the grid list them) or cannot spare
 * it. */
void layout_reserve_warning(struct layout *l);

/* The cell (0-255) under screen position x, y, or -1. */
int layout_cell_at(const struct layout *l, int x, int y);

/* The screen position of a cell's mark column. */
void layout_cell_pos(const struct layout *l, int cell, int *x, int *y);

#endif
