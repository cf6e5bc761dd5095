/* Layout of the main view.  Most terminals stack the detail under the
 * grid, so TXT lines keep their length, with the legend beside the grid
 * when there is room; very wide ones put the detail beside the grid and
 * the legend under it. */
#include "tui/layout.h"

void layout_compute(struct layout *l, int cols, int rows)
{
	l->cols = cols;
	l->rows = rows;
	l->too_small = cols < LAYOUT_MIN_COLS || rows < LAYOUT_MIN_ROWS;
	l->title_y = 0;
	l->status_y = 1;
	l->grid_y = 2;
	l->grid_x = 0;
	l->summary_y = l->grid_y + GRID_SIDE;
	l->keys_y = rows - 1;
	l->msg_y = rows - 2;
	l->warn_y = -1;
	l->side = cols >= GRID_W + 2 + LAYOUT_SIDE_MIN_W;
	if (l->side) {
		l->detail_x = GRID_W + 2;
		l->detail_y = l->grid_y;
		l->detail_w = cols - l->detail_x;
		l->detail_h = l->keys_y - l->detail_y;
		l->notes_x = 0;
		l->notes_y = l->summary_y + 2;
		l->notes_w = GRID_W;
		l->notes_h = l->keys_y - l->notes_y;
	} else {
		l->detail_x = 0;
		l->detail_y = l->summary_y + 1;
		l->detail_w = cols;
		l->detail_h = l->keys_y - l->detail_y;
		l->notes_x = GRID_W + 2;
		l->notes_y = l->grid_y;
		l->notes_w = cols - l->notes_x;
		l->notes_h = l->notes_w >= LAYOUT_NOTES_MIN_W ? GRID_SIDE : 0;
	}
	if (l->detail_h < 0)
		l->detail_h = 0;
	if (l->notes_h < 0)
		l->notes_h = 0;
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
	int row = y - l->grid_y, col;

	if (l->too_small || x < l->grid_x || row < 0 || row >= GRID_SIDE)
		return -1;
	col = (x - l->grid_x) / GRID_CELL_W;
	if (col >= GRID_SIDE)
		return -1;
	return row * GRID_SIDE + col;
}

void layout_cell_pos(const struct layout *l, int cell, int *x, int *y)
{
	*x = l->grid_x + (cell % GRID_SIDE) * GRID_CELL_W;
	*y = l->grid_y + cell / GRID_SIDE;
}
