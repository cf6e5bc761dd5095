/* Where each part of the main view goes for a given terminal size.
 * Pure arithmetic, so it is tested without a terminal. */
#ifndef RBLSCOPE_TUI_LAYOUT_H
#define RBLSCOPE_TUI_LAYOUT_H

#include <stdbool.h>
#include <stddef.h>

#define GRID_SIDE 16               /* a /24 is 16 rows of 16 addresses */
/* The classic cell, kept for old callers: struct layout's cell_w,
 * cell_h, grid_w and grid_h are the truth for a given terminal. */
#define GRID_CELL_W 5              /* mark, glyph, three digits */
#define GRID_W (GRID_SIDE * GRID_CELL_W)
#define LAYOUT_CELL_W_COMPACT 3    /* mark, glyph, a space: no octet */
#define LAYOUT_OCTET_CELL_W 5      /* the narrowest cell that shows the octet */
#define LAYOUT_MIN_COLS 60         /* the compact grid (48 columns), and title,
                                      status and key lines that still read */
#define LAYOUT_MIN_ROWS 20         /* title, status, grid, summary, keys */
#define LAYOUT_SIDE_MIN_W 56       /* a detail panel beside the grid: a TXT
                                      line wraps at most once or twice */
#define LAYOUT_NOTES_MIN_W 30      /* the legend beside the grid */
#define LAYOUT_BELOW_MIN_H 8       /* cells taller than one row only leave
                                      the detail under the grid this many */
#define LAYOUT_SIDE_NOTES_MIN_H 4  /* ... or, the detail beside the grid, the
                                      notes under it this many */
#define LAYOUT_HELP_MAX_W 76       /* the help frame, borders included */
#define LAYOUT_HELP_CHROME 3       /* its rows besides the content: the two
                                      borders and the title */

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
	int msg_y;                 /* messages: over the last detail line, or the
	                              summary line when there is no detail */
	int keys_y;
	/* The cells: each is cell_w columns by cell_h rows, its top left
	 * corner at layout_cell_pos; the mark and the glyph go first, then
	 * the three-digit octet when octets is set (cell_w >= 5). */
	int cell_w, cell_h;
	bool octets;
	bool notes;                /* the legend and notes are shown (notes_h > 0) */
	int grid_w, grid_h;        /* the map: 16 cells each way */
	int summary_w;             /* the summary line, from column 0 */
};

/* The help overlay for a given number of content lines: a frame (top
 * border, title, content, bottom border) centred on the screen, and
 * the part of the content that shows. */
struct help_box {
	int x, y, w, h;            /* the frame, borders included */
	int title_y;               /* the title line, under the top border */
	int text_x, text_y, text_w;   /* the first content line and its width */
	int visible;               /* content lines shown, from text_y down */
	int scroll;                /* the first content line shown */
	bool more_above;           /* lines hidden above (mark the top border) */
	bool more_below;           /* lines hidden below (mark the bottom border) */
};

/* Lay out a cols x rows terminal. */
void layout_compute(struct layout *l, int cols, int rows);

/* Take a line above the detail for warnings, unless the detail is
 * beside the grid (the notes under the grid list them) or cannot spare
 * it. */
void layout_reserve_warning(struct layout *l);

/* The cell (0-255) under screen position x, y, or -1: any position in
 * a cell's cell_w x cell_h rectangle is that cell. */
int layout_cell_at(const struct layout *l, int x, int y);

/* The screen position of a cell's top left corner, its mark column. */
void layout_cell_pos(const struct layout *l, int cell, int *x, int *y);

/* The first of n list rows to show in rows lines so that cursor is on
 * screen and the list fills them, from the first shown before, top. */
size_t layout_list_top(size_t top, size_t cursor, size_t rows, size_t n);

/* The help frame for lines of content asked to scroll by scroll lines:
 * at most LAYOUT_HELP_MAX_W columns and rows - 2 rows, centred; the
 * scroll is clamped to 0 .. lines - visible. */
void layout_help(const struct layout *l, int lines, int scroll, struct help_box *b);

#endif
