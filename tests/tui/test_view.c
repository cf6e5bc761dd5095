/* Unit tests for tui/view.c: the /24 in view, the scanned part of it,
 * and cursor movement with row wrap and /24 edges. */
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <setjmp.h>
#include <cmocka.h>

#include "core/base/ip.h"
#include "tui/view.h"

#define IP(a, b, c, d) ((uint32_t)(a) << 24 | (uint32_t)(b) << 16 | (uint32_t)(c) << 8 | (uint32_t)(d))

static void view_of(struct view *v, const char *target)
{
	struct target t;
	char err[160];

	assert_int_equal(target_parse(target, &t, err, sizeof err), 0);
	view_init(v, &t);
}

static void test_address_target(void **state)
{
	struct view v;

	(void)state;
	view_of(&v, "192.0.2.77");
	assert_int_equal(v.base, IP(192, 0, 2, 0));
	assert_int_equal(v.cursor, IP(192, 0, 2, 77));
	assert_int_equal(v.net, IP(192, 0, 2, 0));
	assert_int_equal(v.prefix, 24);
	assert_true(view_scanned(&v, IP(192, 0, 2, 255)));
	assert_false(view_scanned(&v, IP(192, 0, 3, 0)));
}

static void test_small_target_scanned_alone(void **state)
{
	struct view v;

	(void)state;
	view_of(&v, "198.51.100.16/28");
	assert_int_equal(v.base, IP(198, 51, 100, 0));
	assert_int_equal(v.cursor, IP(198, 51, 100, 16));
	assert_int_equal(v.net, IP(198, 51, 100, 16));
	assert_int_equal(v.prefix, 28);
	assert_true(view_scanned(&v, IP(198, 51, 100, 31)));
	assert_false(view_scanned(&v, IP(198, 51, 100, 32)));
	/* Another /24 is scanned whole; coming back scans the target again. */
	assert_true(view_step(&v, 1));
	assert_int_equal(v.prefix, 24);
	assert_true(view_step(&v, -1));
	assert_int_equal(v.prefix, 28);
}

static void test_big_target_position(void **state)
{
	struct view v;
	uint32_t index, count;

	(void)state;
	view_of(&v, "10.1.0.0/16");
	assert_int_equal(v.base, IP(10, 1, 0, 0));
	assert_int_equal(v.prefix, 24);
	assert_true(view_position(&v, &index, &count));
	assert_int_equal(index, 1);
	assert_int_equal(count, 256);
	assert_true(view_step(&v, 1));
	assert_true(view_position(&v, &index, &count));
	assert_int_equal(index, 2);
	view_show(&v, IP(10, 2, 0, 1));
	assert_false(view_position(&v, &index, &count));
	view_of(&v, "10.1.0.0/24");
	assert_false(view_position(&v, &index, &count));
}

static void test_move_wraps_rows(void **state)
{
	struct view v;

	(void)state;
	view_of(&v, "192.0.2.15");
	assert_true(view_move(&v, 1, 0));
	assert_int_equal(v.cursor, IP(192, 0, 2, 16));   /* next row */
	assert_true(view_move(&v, -1, 0));
	assert_int_equal(v.cursor, IP(192, 0, 2, 15));
	assert_true(view_move(&v, 0, 1));
	assert_int_equal(v.cursor, IP(192, 0, 2, 31));
	assert_true(view_move(&v, 0, -1));
	assert_int_equal(v.cursor, IP(192, 0, 2, 15));
}

static void test_move_stops_at_edges(void **state)
{
	struct view v;

	(void)state;
	view_of(&v, "192.0.2.0");
	assert_false(view_move(&v, -1, 0));
	assert_false(view_move(&v, 0, -1));
	assert_int_equal(v.cursor, IP(192, 0, 2, 0));
	view_of(&v, "192.0.2.255");
	assert_false(view_move(&v, 1, 0));
	assert_false(view_move(&v, 0, 1));
	assert_int_equal(v.cursor, IP(192, 0, 2, 255));
	view_of(&v, "192.0.2.250");
	assert_false(view_move(&v, 0, 1));   /* no row below */
	assert_int_equal(v.base, IP(192, 0, 2, 0));
}

static void test_select_and_step(void **state)
{
	struct view v;

	(void)state;
	view_of(&v, "192.0.2.77");
	view_select(&v, 200);
	assert_int_equal(v.cursor, IP(192, 0, 2, 200));
	assert_true(view_step(&v, 1));
	assert_int_equal(v.base, IP(192, 0, 3, 0));
	assert_int_equal(v.cursor, IP(192, 0, 3, 200));   /* same octet */
	assert_true(view_step(&v, -1));
	assert_true(view_step(&v, -1));
	assert_int_equal(v.cursor, IP(192, 0, 1, 200));
	view_of(&v, "0.0.0.9");
	assert_false(view_step(&v, -1));
	view_of(&v, "255.255.255.9");
	assert_false(view_step(&v, 1));
	assert_int_equal(v.cursor, IP(255, 255, 255, 9));
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_address_target),
		cmocka_unit_test(test_small_target_scanned_alone),
		cmocka_unit_test(test_big_target_position),
		cmocka_unit_test(test_move_wraps_rows),
		cmocka_unit_test(test_move_stops_at_edges),
		cmocka_unit_test(test_select_and_step),
	};

	return cmocka_run_group_tests(tests, NULL, NULL);
}
