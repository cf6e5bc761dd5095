/* Unit tests for tui/layout.c: the main view from the 60x20 minimum to
 * 300x80, the cell sizes, mouse positions to cells, and the help
 * overlay's frame and scrolling. */
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <setjmp.h>
#include <cmocka.h>

#include "tui/layout.h"

/* ---- regions of the screen ---- */

struct rect {
	const char *name;
	int x, y, w, h;
};

/* The parts that must not overlap: the message line is left out, as it
 * sits over the detail or the summary on purpose. */
static size_t regions(const struct layout *l, struct rect *r)
{
	size_t n = 0;

	r[n++] = (struct rect){ "title", 0, l->title_y, l->cols, 1 };
	r[n++] = (struct rect){ "status", 0, l->status_y, l->cols, 1 };
	r[n++] = (struct rect){ "grid", l->grid_x, l->grid_y, l->grid_w, l->grid_h };
	r[n++] = (struct rect){ "summary", 0, l->summary_y, l->summary_w, 1 };
	r[n++] = (struct rect){ "detail", l->detail_x, l->detail_y, l->detail_w, l->detail_h };
	r[n++] = (struct rect){ "notes", l->notes_x, l->notes_y, l->notes_w, l->notes_h };
	r[n++] = (struct rect){ "keys", 0, l->keys_y, l->cols, 1 };
	if (l->warn_y >= 0)
		r[n++] = (struct rect){ "warning", 0, l->warn_y, l->cols, 1 };
	return n;
}

static bool empty(const struct rect *a)
{
	return a->w <= 0 || a->h <= 0;
}

static bool overlap(const struct rect *a, const struct rect *b)
{
	return !empty(a) && !empty(b) && a->x < b->x + b->w && b->x < a->x + a->w &&
	       a->y < b->y + b->h && b->y < a->y + a->h;
}

/* Every region inside the screen, none over another, the message line
 * under the grid and above the keys, and the flags agreeing with the
 * sizes; fails naming the size and the region. */
static void check_sane(const struct layout *l)
{
	struct rect r[8];
	size_t n = regions(l, r);

	for (size_t i = 0; i < n; i++) {
		if (empty(&r[i]))
			continue;
		if (r[i].x < 0 || r[i].y < 0 || r[i].x + r[i].w > l->cols ||
		    r[i].y + r[i].h > l->rows)
			fail_msg("%dx%d: %s (%d,%d %dx%d) leaves the screen", l->cols, l->rows,
			         r[i].name, r[i].x, r[i].y, r[i].w, r[i].h);
		for (size_t j = i + 1; j < n; j++)
			if (overlap(&r[i], &r[j]))
				fail_msg("%dx%d: %s overlaps %s", l->cols, l->rows, r[i].name,
				         r[j].name);
	}
	if (l->msg_y < l->grid_y + l->grid_h || l->msg_y >= l->keys_y ||
	    l->msg_y == l->title_y || l->msg_y == l->status_y)
		fail_msg("%dx%d: message line %d over the title, status or grid", l->cols, l->rows,
		         l->msg_y);
	if (l->detail_h > 0 && l->msg_y != l->detail_y + l->detail_h - 1)
		fail_msg("%dx%d: message line %d not over the last detail line", l->cols, l->rows,
		         l->msg_y);
	if (l->detail_h == 0 && l->msg_y != l->summary_y)
		fail_msg("%dx%d: no detail, message line %d not over the summary", l->cols,
		         l->rows, l->msg_y);
	assert_int_equal(l->grid_w, GRID_SIDE * l->cell_w);
	assert_int_equal(l->grid_h, GRID_SIDE * l->cell_h);
	assert_int_equal(l->summary_y, l->grid_y + l->grid_h);
	assert_int_equal(l->octets, l->cell_w >= 5);
	assert_int_equal(l->notes, l->notes_h > 0);
	if (!l->octets && l->notes)
		fail_msg("%dx%d: notes beside compact cells", l->cols, l->rows);
	assert_int_equal(l->summary_w, l->side ? l->grid_w : l->cols);
}

/* ---- today's sizes, unchanged ---- */

static void test_80x24_stacks(void **state)
{
	struct layout l;

	(void)state;
	layout_compute(&l, 80, 24);
	assert_false(l.too_small);
	assert_false(l.side);
	assert_int_equal(l.cell_w, 5);
	assert_int_equal(l.cell_h, 1);
	assert_true(l.octets);
	assert_int_equal(l.grid_x, 0);
	assert_int_equal(l.grid_y, 2);
	assert_int_equal(l.grid_w, GRID_W);
	assert_int_equal(l.grid_h, GRID_SIDE);
	assert_int_equal(l.summary_y, 18);
	assert_int_equal(l.summary_w, 80);
	assert_int_equal(l.detail_x, 0);
	assert_int_equal(l.detail_y, 19);
	assert_int_equal(l.detail_w, 80);
	assert_int_equal(l.detail_h, 4);   /* the address and three zones */
	assert_int_equal(l.msg_y, 22);
	assert_int_equal(l.keys_y, 23);
	assert_int_equal(l.notes_h, 0);   /* no room beside the grid */
	assert_false(l.notes);
	check_sane(&l);
}

static void test_120x40_notes_beside(void **state)
{
	struct layout l;

	(void)state;
	layout_compute(&l, 120, 40);
	assert_false(l.too_small);
	assert_false(l.side);
	assert_int_equal(l.cell_w, 5);
	assert_int_equal(l.cell_h, 1);
	assert_int_equal(l.grid_w, GRID_W);
	assert_int_equal(l.summary_y, 18);
	/* The detail takes the full width below the grid ... */
	assert_int_equal(l.detail_x, 0);
	assert_int_equal(l.detail_w, 120);
	assert_int_equal(l.detail_y, 19);
	assert_int_equal(l.detail_h, 20);
	assert_int_equal(l.msg_y, 38);
	assert_int_equal(l.keys_y, 39);
	/* ... and the legend sits in the room right of the grid. */
	assert_true(l.notes);
	assert_int_equal(l.notes_x, GRID_W + 2);
	assert_int_equal(l.notes_w, 38);
	assert_int_equal(l.notes_y, 2);
	assert_int_equal(l.notes_h, GRID_SIDE);
	check_sane(&l);
}

static void test_100x40_stacks(void **state)
{
	struct layout l;

	(void)state;
	layout_compute(&l, 100, 40);
	assert_false(l.side);
	assert_int_equal(l.cell_w, 5);
	assert_int_equal(l.cell_h, 1);
	assert_int_equal(l.detail_w, 100);
	assert_int_equal(l.detail_h, 40 - 1 - 19);
	assert_int_equal(l.notes_h, 0);   /* 18 columns beside the grid: too few */
	check_sane(&l);
}

static void test_138x40_side_by_side(void **state)
{
	struct layout l;

	(void)state;
	layout_compute(&l, 137, 40);   /* one column short */
	assert_false(l.side);
	layout_compute(&l, 138, 40);
	assert_true(l.side);
	assert_int_equal(l.cell_w, 5);
	assert_int_equal(l.cell_h, 1);
	assert_int_equal(l.detail_x, GRID_W + 2);
	assert_int_equal(l.detail_w, LAYOUT_SIDE_MIN_W);
	assert_int_equal(l.detail_y, l.grid_y);
	assert_int_equal(l.detail_y + l.detail_h, l.keys_y);
	assert_int_equal(l.summary_w, GRID_W);
	assert_int_equal(l.notes_x, 0);
	assert_int_equal(l.notes_w, GRID_W);
	assert_int_equal(l.notes_y, l.summary_y + 2);
	assert_int_equal(l.notes_y + l.notes_h, l.keys_y);
	assert_true(l.notes);
	check_sane(&l);
}

/* ---- narrow and short terminals ---- */

static void test_60x20_compact(void **state)
{
	struct layout l;

	(void)state;
	layout_compute(&l, 60, 20);
	assert_false(l.too_small);
	assert_false(l.side);
	assert_int_equal(l.cell_w, 3);   /* mark, glyph, space */
	assert_int_equal(l.cell_h, 1);
	assert_false(l.octets);
	assert_int_equal(l.grid_w, 48);
	assert_int_equal(l.grid_h, 16);
	assert_int_equal(l.title_y, 0);
	assert_int_equal(l.status_y, 1);
	assert_int_equal(l.grid_y, 2);
	assert_int_equal(l.summary_y, 18);
	assert_int_equal(l.keys_y, 19);
	assert_int_equal(l.detail_h, 0);   /* no row left */
	assert_false(l.notes);
	assert_int_equal(l.notes_h, 0);
	assert_int_equal(l.msg_y, l.summary_y);   /* over the summary */
	check_sane(&l);
}

static void test_79x21_compact(void **state)
{
	struct layout l;

	(void)state;
	layout_compute(&l, 79, 21);
	assert_false(l.too_small);
	assert_int_equal(l.cell_w, 3);
	assert_false(l.octets);
	assert_int_equal(l.grid_w, 48);
	assert_false(l.notes);   /* 29 columns beside the grid, but narrow */
	assert_int_equal(l.detail_y, 19);
	assert_int_equal(l.detail_h, 1);
	assert_int_equal(l.msg_y, 19);   /* over the one detail line */
	assert_int_equal(l.keys_y, 20);
	check_sane(&l);
	/* Tall but narrow: still compact, the detail takes the rows. */
	layout_compute(&l, 79, 60);
	assert_int_equal(l.cell_w, 3);
	assert_int_equal(l.cell_h, 1);
	assert_int_equal(l.detail_h, 40);
	check_sane(&l);
}

static void test_80x22_full_cells(void **state)
{
	struct layout l;

	(void)state;
	layout_compute(&l, 80, 22);
	assert_false(l.too_small);
	assert_int_equal(l.cell_w, 5);
	assert_true(l.octets);
	assert_int_equal(l.grid_w, 80);
	assert_int_equal(l.detail_y, 19);
	assert_int_equal(l.detail_h, 2);
	assert_int_equal(l.msg_y, 20);
	check_sane(&l);
	layout_compute(&l, 80, 20);   /* octets, but no detail */
	assert_int_equal(l.cell_w, 5);
	assert_int_equal(l.detail_h, 0);
	assert_int_equal(l.msg_y, 18);
	check_sane(&l);
}

static void test_too_small(void **state)
{
	struct layout l;

	(void)state;
	assert_int_equal(LAYOUT_MIN_COLS, 60);
	assert_int_equal(LAYOUT_MIN_ROWS, 20);
	layout_compute(&l, LAYOUT_MIN_COLS, LAYOUT_MIN_ROWS);
	assert_false(l.too_small);
	layout_compute(&l, LAYOUT_MIN_COLS - 1, 40);
	assert_true(l.too_small);
	layout_compute(&l, 200, LAYOUT_MIN_ROWS - 1);
	assert_true(l.too_small);
	layout_compute(&l, 59, 19);
	assert_true(l.too_small);
	layout_compute(&l, 30, 10);
	assert_true(l.too_small);
	assert_true(l.detail_h >= 0 && l.notes_h >= 0 && l.detail_w >= 0 && l.notes_w >= 0);
	layout_compute(&l, 0, 0);
	assert_true(l.too_small);
	assert_true(l.detail_h >= 0 && l.notes_h >= 0 && l.detail_w >= 0 && l.notes_w >= 0);
	assert_true(l.cell_w > 0 && l.cell_h > 0);
}

/* ---- large terminals ---- */

static void test_160x50_bigger_cells_first(void **state)
{
	struct layout l;

	(void)state;
	/* 7x2 cells with the detail under them beat 5x1 ones beside it. */
	layout_compute(&l, 160, 50);
	assert_int_equal(l.cell_w, 7);
	assert_int_equal(l.cell_h, 2);
	assert_true(l.octets);
	assert_false(l.side);
	assert_int_equal(l.grid_w, 112);
	assert_int_equal(l.grid_h, 32);
	assert_int_equal(l.detail_y, 35);
	assert_int_equal(l.detail_h, 14);
	assert_true(l.detail_h >= LAYOUT_BELOW_MIN_H);
	assert_true(l.notes);   /* 46 columns right of the grid */
	assert_int_equal(l.notes_x, 114);
	assert_int_equal(l.notes_h, 32);
	check_sane(&l);
	/* Four rows fewer and the detail would have too few: 5x1, beside. */
	layout_compute(&l, 160, 43);
	assert_int_equal(l.cell_w, 5);
	assert_int_equal(l.cell_h, 1);
	assert_true(l.side);
	check_sane(&l);
}

static void test_200x60(void **state)
{
	struct layout l;

	(void)state;
	layout_compute(&l, 200, 60);
	assert_int_equal(l.cell_w, 8);
	assert_int_equal(l.cell_h, 3);
	assert_true(l.side);
	assert_int_equal(l.grid_w, 128);
	assert_int_equal(l.grid_h, 48);
	assert_int_equal(l.detail_x, 130);
	assert_int_equal(l.detail_w, 70);
	assert_int_equal(l.detail_h, 57);
	assert_true(l.notes_h >= LAYOUT_SIDE_NOTES_MIN_H);
	check_sane(&l);
}

static void test_300x80_fills_the_screen(void **state)
{
	struct layout l;
	long area = 300L * 80, grid, detail;

	(void)state;
	layout_compute(&l, 300, 80);
	assert_false(l.too_small);
	assert_int_equal(l.cell_w, 10);
	assert_int_equal(l.cell_h, 4);
	assert_true(l.octets);
	assert_true(l.side);
	assert_true(l.detail_w >= LAYOUT_SIDE_MIN_W);
	grid = (long)l.grid_w * l.grid_h;
	detail = (long)l.detail_w * l.detail_h;
	/* The map itself takes over a third of the screen, and with the
	 * detail over four fifths. */
	assert_true(grid * 3 >= area);
	assert_true((grid + detail) * 5 >= area * 4);
	check_sane(&l);
}

/* Larger terminals never get smaller cells, and any cell taller than
 * a row leaves the detail its room. */
static void test_cells_grow(void **state)
{
	struct layout l, wider, taller;

	(void)state;
	for (int cols = LAYOUT_MIN_COLS; cols <= 420; cols++)
		for (int rows = LAYOUT_MIN_ROWS; rows <= 130; rows++) {
			layout_compute(&l, cols, rows);
			layout_compute(&wider, cols + 1, rows);
			layout_compute(&taller, cols, rows + 1);
			if (wider.cell_w < l.cell_w || wider.cell_h < l.cell_h ||
			    taller.cell_w < l.cell_w || taller.cell_h < l.cell_h)
				fail_msg("%dx%d: %dx%d cells, smaller ones one column or row more",
				         cols, rows, l.cell_w, l.cell_h);
			assert_int_equal(l.cell_w < 5, cols < 80);
			if (l.cell_h > 1 && !(l.side ? l.detail_w >= LAYOUT_SIDE_MIN_W &&
			                                   l.notes_h >= LAYOUT_SIDE_NOTES_MIN_H
			                             : l.detail_h >= LAYOUT_BELOW_MIN_H))
				fail_msg("%dx%d: %dx%d cells leave the detail too little", cols, rows,
				         l.cell_w, l.cell_h);
		}
}

/* Every size from the minimum up, with and without the warning line. */
static void test_every_size_sane(void **state)
{
	struct layout l;

	(void)state;
	for (int cols = LAYOUT_MIN_COLS; cols <= 420; cols++)
		for (int rows = LAYOUT_MIN_ROWS; rows <= 130; rows++) {
			layout_compute(&l, cols, rows);
			assert_false(l.too_small);
			check_sane(&l);
			layout_reserve_warning(&l);
			check_sane(&l);
		}
}

static void test_warning_line(void **state)
{
	struct layout l;

	(void)state;
	layout_compute(&l, 80, 24);
	assert_int_equal(l.warn_y, -1);
	layout_reserve_warning(&l);
	assert_int_equal(l.warn_y, 19);
	assert_int_equal(l.detail_y, 20);
	assert_int_equal(l.detail_h, 3);
	layout_reserve_warning(&l);   /* once only */
	assert_int_equal(l.detail_y, 20);
	/* Two detail lines are kept for the address and a zone. */
	layout_compute(&l, 80, 22);
	layout_reserve_warning(&l);
	assert_int_equal(l.warn_y, -1);
	layout_compute(&l, 60, 20);
	layout_reserve_warning(&l);
	assert_int_equal(l.warn_y, -1);
	/* Side by side: the notes under the grid list the warnings. */
	layout_compute(&l, 160, 40);
	layout_reserve_warning(&l);
	assert_int_equal(l.warn_y, -1);
	/* Big cells with the detail below: the line comes out of its rows. */
	layout_compute(&l, 160, 50);
	layout_reserve_warning(&l);
	assert_int_equal(l.warn_y, l.summary_y + 1);
	assert_int_equal(l.detail_y, l.summary_y + 2);
	check_sane(&l);
}

/* ---- cells and the mouse ---- */

static void check_cells(int cols, int rows)
{
	struct layout l;
	int x, y, nx, ny;

	layout_compute(&l, cols, rows);
	for (int cell = 0; cell < 256; cell++) {
		layout_cell_pos(&l, cell, &x, &y);
		assert_int_equal(x, l.grid_x + cell % GRID_SIDE * l.cell_w);
		assert_int_equal(y, l.grid_y + cell / GRID_SIDE * l.cell_h);
		/* Every position of the cell's rectangle maps back ... */
		for (int dy = 0; dy < l.cell_h; dy++)
			for (int dx = 0; dx < l.cell_w; dx++)
				if (layout_cell_at(&l, x + dx, y + dy) != cell)
					fail_msg("%dx%d: %d,%d in cell %d gives %d", cols, rows, x + dx,
					         y + dy, cell, layout_cell_at(&l, x + dx, y + dy));
		/* ... and the next cell starts right after it. */
		if (cell % GRID_SIDE < GRID_SIDE - 1) {
			layout_cell_pos(&l, cell + 1, &nx, &ny);
			assert_int_equal(nx, x + l.cell_w);
			assert_int_equal(ny, y);
		}
	}
	/* Around the grid: nothing. */
	for (int x0 = l.grid_x - 1; x0 <= l.grid_x + l.grid_w; x0++) {
		assert_int_equal(layout_cell_at(&l, x0, l.grid_y - 1), -1);
		assert_int_equal(layout_cell_at(&l, x0, l.grid_y + l.grid_h), -1);
	}
	for (int y0 = l.grid_y; y0 < l.grid_y + l.grid_h; y0++) {
		assert_int_equal(layout_cell_at(&l, l.grid_x - 1, y0), -1);
		assert_int_equal(layout_cell_at(&l, l.grid_x + l.grid_w, y0), -1);
	}
}

static void test_cell_positions(void **state)
{
	struct layout l;

	(void)state;
	check_cells(60, 20);
	check_cells(79, 21);
	check_cells(80, 24);
	check_cells(100, 40);
	check_cells(138, 40);
	check_cells(160, 50);
	check_cells(200, 60);
	check_cells(300, 80);
	layout_compute(&l, 30, 10);
	assert_int_equal(layout_cell_at(&l, 1, 2), -1);
}

/* ---- the help overlay ---- */

static void test_help_fits(void **state)
{
	struct layout l;
	struct help_box b;

	(void)state;
	/* Short content: the frame fits it, centred, nothing to scroll. */
	layout_compute(&l, 80, 24);
	layout_help(&l, 10, 0, &b);
	assert_int_equal(b.w, 76);
	assert_int_equal(b.x, 2);
	assert_int_equal(b.h, 13);
	assert_int_equal(b.y, 5);
	assert_int_equal(b.title_y, 6);
	assert_int_equal(b.text_x, 4);
	assert_int_equal(b.text_y, 7);
	assert_int_equal(b.text_w, 72);
	assert_int_equal(b.visible, 10);
	assert_int_equal(b.scroll, 0);
	assert_false(b.more_above);
	assert_false(b.more_below);
	layout_help(&l, 10, 7, &b);   /* nothing to scroll to */
	assert_int_equal(b.scroll, 0);
	/* At most 76 columns, centred, however wide the terminal. */
	layout_compute(&l, 300, 80);
	layout_help(&l, 10, 0, &b);
	assert_int_equal(b.w, LAYOUT_HELP_MAX_W);
	assert_int_equal(b.x, 112);
	/* Narrow: two columns either side. */
	layout_compute(&l, 60, 20);
	layout_help(&l, 10, 0, &b);
	assert_int_equal(b.w, 56);
	assert_int_equal(b.x, 2);
	/* No content: the frame and its title. */
	layout_help(&l, 0, 3, &b);
	assert_int_equal(b.h, LAYOUT_HELP_CHROME);
	assert_int_equal(b.visible, 0);
	assert_int_equal(b.scroll, 0);
	assert_false(b.more_above || b.more_below);
}

static void test_help_scrolls(void **state)
{
	struct layout l;
	struct help_box b;

	(void)state;
	layout_compute(&l, 80, 24);
	layout_help(&l, 40, 0, &b);
	assert_int_equal(b.h, 22);   /* rows - 2 */
	assert_int_equal(b.y, 1);
	assert_int_equal(b.visible, 19);
	assert_int_equal(b.text_y, 3);
	assert_int_equal(b.scroll, 0);
	assert_false(b.more_above);
	assert_true(b.more_below);
	layout_help(&l, 40, 5, &b);
	assert_int_equal(b.scroll, 5);
	assert_true(b.more_above);
	assert_true(b.more_below);
	layout_help(&l, 40, 21, &b);   /* the last line at the bottom */
	assert_int_equal(b.scroll, 21);
	assert_true(b.more_above);
	assert_false(b.more_below);
	layout_help(&l, 40, 1000, &b);   /* clamped to it */
	assert_int_equal(b.scroll, 21);
	assert_false(b.more_below);
	layout_help(&l, 40, -3, &b);
	assert_int_equal(b.scroll, 0);
	assert_false(b.more_above);
	/* The minimum terminal. */
	layout_compute(&l, 60, 20);
	layout_help(&l, 40, 99, &b);
	assert_int_equal(b.h, 18);
	assert_int_equal(b.visible, 15);
	assert_int_equal(b.scroll, 25);
}

/* The frame stays on the screen and the visible lines inside it. */
static void test_help_every_size(void **state)
{
	struct layout l;
	struct help_box b;

	(void)state;
	for (int cols = LAYOUT_MIN_COLS; cols <= 320; cols += 7)
		for (int rows = LAYOUT_MIN_ROWS; rows <= 100; rows += 3)
			for (int lines = 0; lines < 60; lines += 5)
				for (int scroll = -2; scroll < 70; scroll += 9) {
					layout_compute(&l, cols, rows);
					layout_help(&l, lines, scroll, &b);
					assert_true(b.x >= 0 && b.x + b.w <= cols);
					assert_true(b.y >= 1 && b.y + b.h <= rows - 1);
					assert_true(b.w <= LAYOUT_HELP_MAX_W);
					assert_true(b.x - (cols - b.x - b.w) <= 1 &&
					            b.x - (cols - b.x - b.w) >= -1);
					assert_true(b.text_y + b.visible <= b.y + b.h - 1);
					assert_true(b.visible <= lines);
					assert_true(b.scroll >= 0 && b.scroll + b.visible <= lines);
					assert_int_equal(b.more_above, b.scroll > 0);
					assert_int_equal(b.more_below, b.scroll + b.visible < lines);
				}
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_80x24_stacks),
		cmocka_unit_test(test_120x40_notes_beside),
		cmocka_unit_test(test_100x40_stacks),
		cmocka_unit_test(test_138x40_side_by_side),
		cmocka_unit_test(test_60x20_compact),
		cmocka_unit_test(test_79x21_compact),
		cmocka_unit_test(test_80x22_full_cells),
		cmocka_unit_test(test_too_small),
		cmocka_unit_test(test_160x50_bigger_cells_first),
		cmocka_unit_test(test_200x60),
		cmocka_unit_test(test_300x80_fills_the_screen),
		cmocka_unit_test(test_cells_grow),
		cmocka_unit_test(test_every_size_sane),
		cmocka_unit_test(test_warning_line),
		cmocka_unit_test(test_cell_positions),
		cmocka_unit_test(test_help_fits),
		cmocka_unit_test(test_help_scrolls),
		cmocka_unit_test(test_help_every_size),
	};

	return cmocka_run_group_tests(tests, NULL, NULL);
}
