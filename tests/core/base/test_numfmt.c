/* Tests of core/base/numfmt.c: numbers with thousands separators. */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <cmocka.h>

#include "core/base/numfmt.h"

static void groups_of_three_from_the_right(void **state)
{
	char out[32];

	(void)state;
	assert_string_equal(num_grouped(0, out), "0");
	assert_string_equal(num_grouped(999, out), "999");
	assert_string_equal(num_grouped(1000, out), "1,000");
	assert_string_equal(num_grouped(131072, out), "131,072");
	assert_string_equal(num_grouped(2097152, out), "2,097,152");
	assert_string_equal(num_grouped(UINT64_MAX, out), "18,446,744,073,709,551,615");
}

static void returns_its_buffer(void **state)
{
	char out[32];

	(void)state;
	assert_ptr_equal(num_grouped(42, out), out);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(groups_of_three_from_the_right),
		cmocka_unit_test(returns_its_buffer),
	};

	return cmocka_run_group_tests(tests, NULL, NULL);
}
