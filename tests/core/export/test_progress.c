/* Unit tests for core/export/progress.c: the line's text, and silence
 * when standard error is not a terminal. */
#include <stdarg.h>
#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>
#include <setjmp.h>
#include <stdio.h>
#include <string.h>
#include <cmocka.h>

#include "core/export/progress.h"

static void text(void **state)
{
	char out[120];

	(void)state;
	progress_format(out, sizeof out, 1, 1, 500, 2000, 10000);
	assert_string_equal(out, "500 of 2000 lookups, 50/s, 0:30 left");
	progress_format(out, sizeof out, 3, 40, 65536, 65536, 2000);
	assert_string_equal(out, "target 3 of 40: 65536 of 65536 lookups, 32768/s");
	progress_format(out, sizeof out, 1, 1, 0, 100, 0);
	assert_string_equal(out, "0 of 100 lookups, 0/s");
	progress_format(out, sizeof out, 1, 1, 1, 100000, 60000);
	assert_string_equal(out, "1 of 100000 lookups, 0/s, 99999:00 left");
	assert_int_equal(progress_format(out, 10, 1, 1, 1, 100000, 60000), 9);
	assert_int_equal(strlen(out), 9);
}

static void not_a_terminal(void **state)
{
	struct progress p;
	FILE *f = tmpfile();

	(void)state;
	progress_init(&p, f, true, 1);
	assert_null(p.f);
	progress_draw(&p, 1, 2, 5);
	progress_clear(&p);
	assert_int_equal(ftell(f), 0);
	fclose(f);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(text),
		cmocka_unit_test(not_a_terminal),
	};

	return cmocka_run_group_tests(tests, NULL, NULL);
}
