/* Unit tests for tui/frame.c: the "terminal too small" screen says
 * what it needs and never runs past a tiny window. */
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <setjmp.h>
#include <string.h>
#include <cmocka.h>

#include "tui/layout.h"
#include "tui/frame.h"

static void test_says_what_it_needs(void **state)
{
	char lines[3][64];

	(void)state;
	assert_int_equal(toosmall_lines(30, 10, lines, 3), 3);
	assert_string_equal(lines[0], "terminal too small");
	assert_string_equal(lines[1], "need 60x20, have 30x10");
	assert_string_equal(lines[2], "enlarge it, or q to quit");
}

static void test_fits_tiny_windows(void **state)
{
	char lines[3][64];

	(void)state;
	assert_int_equal(toosmall_lines(8, 2, lines, 3), 3);
	for (size_t i = 0; i < 3; i++)
		assert_true(strlen(lines[i]) <= 8);
	assert_string_equal(lines[0], "termi...");   /* cut, and marked */
	assert_int_equal(toosmall_lines(0, 0, lines, 3), 3);
	assert_string_equal(lines[0], "");
	assert_int_equal(toosmall_lines(30, 10, lines, 1), 1);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_says_what_it_needs),
		cmocka_unit_test(test_fits_tiny_windows),
	};

	return cmocka_run_group_tests(tests, NULL, NULL);
}
