/* Unit tests for tui/seen.c: the level 1 counts of the /24s scanned in
 * a session, found by any address of the /24, replaced when scanned
 * again, the oldest forgotten once the table is full. */
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <setjmp.h>
#include <stdlib.h>
#include <cmocka.h>

#include "tui/seen.h"

#define IP(a, b, c, d) ((uint32_t)(a) << 24 | (uint32_t)(b) << 16 | (uint32_t)(c) << 8 | (uint32_t)(d))

static void test_record_and_find(void **state)
{
	struct seen *s = calloc(1, sizeof *s);
	const struct seen_entry *e;

	(void)state;
	assert_non_null(s);
	assert_null(seen_find(s, IP(192, 0, 2, 0)));
	seen_record(s, IP(192, 0, 2, 77), 256, 7, 0);
	e = seen_find(s, IP(192, 0, 2, 200));
	assert_non_null(e);
	assert_int_equal(e->base, IP(192, 0, 2, 0));
	assert_int_equal(e->cells, 256);
	assert_int_equal(e->guilty, 7);
	assert_null(seen_find(s, IP(192, 0, 3, 0)));
	/* A second scan of the /24 replaces the first. */
	seen_record(s, IP(192, 0, 2, 0), 128, 3, 2);
	assert_int_equal(s->n, 1);
	e = seen_find(s, IP(192, 0, 2, 0));
	assert_int_equal(e->cells, 128);
	assert_int_equal(e->guilty, 3);
	assert_int_equal(e->errors, 2);
	free(s);
}

static void test_full_table(void **state)
{
	struct seen *s = calloc(1, sizeof *s);

	(void)state;
	assert_non_null(s);
	for (uint32_t i = 0; i <= SEEN_MAX; i++)
		seen_record(s, IP(10, 0, 0, 0) + (i << 8), 256, (size_t)(i % 256), 0);
	assert_int_equal(s->n, SEEN_MAX);
	assert_null(seen_find(s, IP(10, 0, 0, 0)));          /* the oldest went */
	assert_non_null(seen_find(s, IP(10, 0, 1, 0)));
	assert_non_null(seen_find(s, IP(10, 0, 0, 0) + (SEEN_MAX << 8)));
	free(s);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_record_and_find),
		cmocka_unit_test(test_full_table),
	};

	return cmocka_run_group_tests(tests, NULL, NULL);
}
