/* Unit tests for tui/layout.c: the main view in 80x24, 100x40 and
 * 120x40 terminals, the minimum size, and mouse positions to cells. */
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <setjmp.h>
#include <cmocka.h>

#include "tui/layout.h"

static void test_80x24_stacks(void **state)
{
	struct layout l;

	(void)state;
	layout_compute(&l, 80, 24);
	assert_false(l.too_small);
	assert_false(l.side);
	assert_int_equal(l.grid_y, 2);
	assert_int_equal(l.summary_y, 18);
	assert_int_equal(l.detail_y, 19);
	assert_int_equal(l.detail_h, 4);   /* the address and three zones */
	assert_int_equal(l.keys_y, 23);
	assert_int_equal(l.notes_h, 0);   /* no room beside the grid */
	assert_true(l.grid_x + GRID_W <= 80);
}

static void test_120x40_notes_beside(void **state)
{
	struct layout l;

	(void)state;
	layout_compute(&l, 120, 40);
	assert_false(l.too_small);
	assert_false(l.side);
	/* The detail takes the full width below the grid ... */
	assert_int_equal(l.detail_x, 0);
	assert_int_equal(l.detail_w, 120);
	assert_int_equal(l.detail_y, l.summary_y + 1);
	assert_int_equal(l.detail_y + l.detail_h, l.keys_y);
	/* ... and the legend sits in the room right of the grid. */
	assert_true(l.notes_x >= GRID_W + 1);
	assert_int_equal(l.notes_x + l.notes_w, 120);
	assert_int_equal(l.notes_y, l.grid_y);
	assert_int_equal(l.notes_h, GRID_SIDE);
}

static void test_wide_side_by_side(void **state)
{
	struct layout l;

	(void)state;
	layout_compute(&l, 160, 50);
	assert_true(l.side);
	assert_true(l.detail_x >= GRID_W + 1);
	assert_int_equal(l.detail_x + l.detail_w, 160);
	assert_true(l.detail_w >= LAYOUT_SIDE_MIN_W);
	assert_int_equal(l.detail_y, l.grid_y);
	assert_int_equal(l.detail_y + l.detail_h, l.keys_y);
	assert_int_equal(l.notes_x, 0);
	assert_true(l.notes_y > l.summary_y);
	assert_int_equal(l.notes_y + l.notes_h, l.keys_y);
}

static void test_100x40_stacks(void **state)
{
	struct layout l;

	(void)state;
	layout_compute(&l, 100, 40);
	assert_false(l.side);
	assert_int_equal(l.detail_w, 100);
	assert_int_equal(l.detail_h, 40 - 1 - 19);
	assert_int_equal(l.notes_h, 0);   /* 18 columns beside the grid: too few */
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
	/* The minimum size keeps its two detail lines. */
	layout_compute(&l, 80, LAYOUT_MIN_ROWS);
	layout_reserve_warning(&l);
	assert_int_equal(l.warn_y, -1);
	/* Side by side: the notes under the grid list the warnings. */
	layout_compute(&l, 160, 50);
	layout_reserve_warning(&l);
	assert_int_equal(l.warn_y, -1);
}

static void test_minimum(void **state)
{
	struct layout l;

	(void)state;
	layout_compute(&l, LAYOUT_MIN_COLS, LAYOUT_MIN_ROWS);
	assert_false(l.too_small);
	assert_true(l.detail_h >= 2);
	layout_compute(&l, LAYOUT_MIN_COLS - 1, 40);
	assert_true(l.too_small);
	layout_compute(&l, 200, LAYOUT_MIN_ROWS - 1);
	assert_true(l.too_small);
	layout_compute(&l, 30, 10);
	assert_true(l.too_small);
	layout_compute(&l, 0, 0);
	assert_true(l.too_small);
	assert_true(l.detail_h >= 0 && l.notes_h >= 0);
}

static void test_cell_positions(void **state)
{
	struct layout l;
	int x, y;

	(void)state;
	layout_compute(&l, 100, 40);
	for (int cell = 0; cell < 256; cell++) {
		layout_cell_pos(&l, cell, &x, &y);
		/* Every column of the cell, mark to last digit, maps back. */
		for (int dx = 0; dx < GRID_CELL_W; dx++)
			assert_int_equal(layout_cell_at(&l, x + dx, y), cell);
	}
	layout_cell_pos(&l, 0, &x, &y);
	assert_int_equal(y, l.grid_y);
	layout_cell_pos(&l, 17, &x, &y);
	assert_int_equal(x, l.grid_x + GRID_CELL_W);
	assert_int_equal(y, l.grid_y + 1);
	assert_int_equal(layout_cell_at(&l, 0, l.grid_y - 1), -1);
	assert_int_equal(layout_cell_at(&l, 0, l.grid_y + GRID_SIDE), -1);
	assert_int_equal(layout_cell_at(&l, GRID_W, l.grid_y), -1);
	layout_compute(&l, 30, 10);
	assert_int_equal(layout_cell_at(&l, 1, 2), -1);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_80x24_stacks),
		cmocka_unit_test(test_120x40_notes_beside),
		cmocka_unit_test(test_wide_side_by_side),
		cmocka_unit_test(test_100x40_stacks),
		cmocka_unit_test(test_warning_line),
		cmocka_unit_test(test_minimum),
		cmocka_unit_test(test_cell_positions),
	};

	return cmocka_run_group_tests(tests, NULL, NULL);
}
