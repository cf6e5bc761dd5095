/* Layout of the main view.  Most terminals stack the detail under the
 * grid, so TXT lines keep their length, with the legend beside the grid
 * when there is room; very wide ones put the detail beside the grid and
 * the legend under it.
 *
 * The cells: below 80 columns they are three columns wide and show no
 * octet; from 80 on five columns by one row, as on an 80x24 terminal;
 * where the terminal has room for more, the largest of 7x2, 8x3, 10x4,
 * 12x5 ... (two columns more per row from there, so they stay about as
 * wide as tall on the screen) that still leaves the detail its room:
 * LAYOUT_SIDE_MIN_W columns beside the grid (and LAYOUT_SIDE_NOTES_MIN_H
 * rows of notes under it), or LAYOUT_BELOW_MIN_H rows under it. */
#include "tui/layout.h"

/* Rows besides the grid: title, status, summary and key line. */
#define FIXED_ROWS 4

/* The width of a cell h rows high, h > 1. */
static int big_cell_w(int h)
{
	return h == 2 ? 7 : 2 * h + 2;
}

static bool side_fits(int cols, int rows, int w, int h)
{
	return cols >= GRID_SIDE * w + 2 + LAYOUT_SIDE_MIN_W &&
	       rows >= GRID_SIDE * h + FIXED_ROWS + 1 + LAYOUT_SIDE_NOTES_MIN_H;
}

static bool below_fits(int cols, int rows, int w, int h)
{
	return cols >= GRID_SIDE * w && rows >= GRID_SIDE * h + FIXED_ROWS + LAYOUT_BELOW_MIN_H;
}

/* Choose the cell size and whether the detail goes beside the grid. */
static void cells_choose(struct layout *l, int cols, int rows)
{
	int h = (rows - FIXED_ROWS) / GRID_SIDE, hw = (cols / GRID_SIDE - 2) / 2;

	/* No cell taller than the rows or wider than the columns allow. */
	if (h > hw)
		h = hw;
	for (; h > 1; h--) {
		int w = big_cell_w(h);

		if (side_fits(cols, rows, w, h) || below_fits(cols, rows, w, h)) {
			l->cell_w = w;
			l->cell_h = h;
			l->side = side_fits(cols, rows, w, h);
			return;
		}
	}
	l->cell_w = cols < GRID_SIDE * GRID_CELL_W ? LAYOUT_CELL_W_COMPACT : GRID_CELL_W;
	l->cell_h = 1;
	l->side = cols >= GRID_SIDE * l->cell_w + 2 + LAYOUT_SIDE_MIN_W;
}

void layout_compute(struct layout *l, int cols, int rows)
{
	l->cols = cols;
	l->rows = rows;
	l->too_small = cols < LAYOUT_MIN_COLS || rows < LAYOUT_MIN_ROWS;
	cells_choose(l, cols, rows);
	l->octets = l->cell_w >= LAYOUT_OCTET_CELL_W;
	l->grid_w = GRID_SIDE * l->cell_w;
	l->grid_h = GRID_SIDE * l->cell_h;
	l->title_y = 0;
	l->status_y = 1;
	l->grid_y = 2;
	l->grid_x = 0;
	l->summary_y = l->grid_y + l->grid_h;
	l->summary_w = l->side ? l->grid_w : cols;
	l->keys_y = rows - 1;
	/* The last line above the keys: the last detail line, or with no
	 * detail under the grid the summary; never higher. */
	l->msg_y = l->keys_y - 1 < l->summary_y ? l->summary_y : l->keys_y - 1;
	l->warn_y = -1;
	if (l->side) {
		l->detail_x = l->grid_w + 2;
		l->detail_y = l->grid_y;
		l->detail_w = cols - l->detail_x;
		l->detail_h = l->keys_y - l->detail_y;
		l->notes_x = 0;
		l->notes_y = l->summary_y + 2;
		l->notes_w = l->grid_w;
		l->notes_h = l->keys_y - l->notes_y;
	} else {
		l->detail_x = 0;
		l->detail_y = l->summary_y + 1;
		l->detail_w = cols;
		l->detail_h = l->keys_y - l->detail_y;
		l->notes_x = l->grid_w + 2;
		l->notes_y = l->grid_y;
		l->notes_w = cols - l->notes_x;
		/* Never beside compact cells: 79 - 50 columns is too few, and
		 * the help has the legend. */
		l->notes_h = l->notes_w >= LAYOUT_NOTES_MIN_W ? l->grid_h : 0;
	}
	if (l->detail_w < 0)
		l->detail_w = 0;
	if (l->detail_h < 0)
		l->detail_h = 0;
	if (l->notes_w < 0)
		l->notes_w = 0;
	if (l->notes_h < 0)
		l->notes_h = 0;
	l->notes = l->notes_h > 0;
}

void layout_reserve_warning(struct layout *l)
{
	if (l->too_small || l->side || l->detail_h < 3 || l->warn_y >= 0)
		return;
	l->warn_y = l->detail_y;
	l->detail_y++;
	l->detail_h--;
}

int layout_cell_at(const struct layout *l, int x, int y)
{
	int dx = x - l->grid_x, dy = y - l->grid_y;

	if (l->too_small || dx < 0 || dy < 0 || dx >= l->grid_w || dy >= l->grid_h)
		return -1;
	return dy / l->cell_h * GRID_SIDE + dx / l->cell_w;
}

void layout_cell_pos(const struct layout *l, int cell, int *x, int *y)
{
	*x = l->grid_x + (cell % GRID_SIDE) * l->cell_w;
	*y = l->grid_y + cell / GRID_SIDE * l->cell_h;
}

void layout_help(const struct layout *l, int lines, int scroll, struct help_box *b)
{
	int maxh = l->rows - 2;

	if (lines < 0)
		lines = 0;
	b->w = l->cols - 4 < LAYOUT_HELP_MAX_W ? l->cols - 4 : LAYOUT_HELP_MAX_W;
	if (b->w < 0)
		b->w = 0;
	b->h = lines + LAYOUT_HELP_CHROME < maxh ? lines + LAYOUT_HELP_CHROME : maxh;
	if (b->h < 0)
		b->h = 0;
	b->x = (l->cols - b->w) / 2;
	b->y = (l->rows - b->h) / 2;
	b->title_y = b->y + 1;
	b->text_x = b->x + 2;
	b->text_y = b->y + 2;
	b->text_w = b->w - 4 > 0 ? b->w - 4 : 0;
	b->visible = b->h - LAYOUT_HELP_CHROME > 0 ? b->h - LAYOUT_HELP_CHROME : 0;
	if (scroll > lines - b->visible)
		scroll = lines - b->visible;
	if (scroll < 0)
		scroll = 0;
	b->scroll = scroll;
	b->more_above = scroll > 0;
	b->more_below = scroll + b->visible < lines;
}

size_t layout_list_top(size_t top, size_t cursor, size_t rows, size_t n)
{
	if (cursor < top)
		top = cursor;
	if (cursor >= top + rows)
		top = cursor - rows + 1;
	if (top + rows > n)
		top = n > rows ? n - rows : 0;
	return top;
}
