/* Unit tests for core/base/parse.c: "path:LINE: reason" messages, comment and
 * blank trimming of data-file lines, and strict unsigned numbers. */
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <setjmp.h>
#include <stdio.h>
#include <string.h>
#include <cmocka.h>

#include "core/base/parse.h"

/* Trim a copy of in and compare what is left with want. */
static void trims_to(const char *in, const char *want)
{
	char buf[128];

	snprintf(buf, sizeof buf, "%s", in);
	assert_string_equal(parse_line_trim(buf), want);
}

static void fail_with_line(void **state)
{
	char err[64];
	struct parse_at at = { "p", 3, err, sizeof err };

	(void)state;
	assert_int_equal(parse_fail(&at, "bad %s %d", "field", 7), -1);
	assert_string_equal(err, "p:3: bad field 7");
}

static void fail_before_first_line(void **state)
{
	char err[64];
	struct parse_at at = { "p", 0, err, sizeof err };

	(void)state;
	assert_int_equal(parse_fail(&at, "cannot read"), -1);
	assert_string_equal(err, "p: cannot read");
}

static void fail_truncates_safely(void **state)
{
	char err[8];
	struct parse_at at = { "zones/dnsbl-1", 12, err, 4 };

	(void)state;
	memset(err, 'x', sizeof err);
	/* the prefix alone does not fit: a cut, terminated string, nothing
	 * written past errlen */
	assert_int_equal(parse_fail(&at, "a long message %d", 42), -1);
	assert_string_equal(err, "zon");
	assert_int_equal(err[4], 'x');

	/* the prefix fits, the message is cut */
	char big[12];
	struct parse_at at2 = { "p", 3, big, sizeof big };

	assert_int_equal(parse_fail(&at2, "%s", "0123456789"), -1);
	assert_string_equal(big, "p:3: 012345");

	/* one byte: an empty string */
	char one[1] = { 'x' };
	struct parse_at at3 = { "p", 0, one, 1 };

	assert_int_equal(parse_fail(&at3, "m"), -1);
	assert_int_equal(one[0], '\0');
}

static void blanks(void **state)
{
	(void)state;
	assert_true(parse_is_blank(' '));
	assert_true(parse_is_blank('\t'));
	assert_false(parse_is_blank('\n'));
	assert_false(parse_is_blank('a'));
	assert_false(parse_is_blank('\0'));
}

static void trim_comments(void **state)
{
	(void)state;
	trims_to("  value  ", "value");
	trims_to("\tkey value\t", "key value");
	trims_to("# whole line", "");
	trims_to("   # after blanks", "");
	trims_to("value # note", "value");
	trims_to("value\t# note", "value");
	trims_to("a#b", "a#b");
	trims_to("a#b # c", "a#b");
	trims_to(":127.0.0.2:Listed, see http://x/#anchor", ":127.0.0.2:Listed, see http://x/#anchor");
	trims_to("", "");
	trims_to("   ", "");
}

static void u32_good(void **state)
{
	uint32_t v = 1;

	(void)state;
	assert_int_equal(parse_u32("0", &v), 0);
	assert_int_equal(v, 0);
	assert_int_equal(parse_u32("64496", &v), 0);
	assert_int_equal(v, 64496);
	assert_int_equal(parse_u32("4294967295", &v), 0);
	assert_int_equal(v, UINT32_MAX);
	assert_int_equal(parse_u32("007", &v), 0);
	assert_int_equal(v, 7);
}

static void u32_bad(void **state)
{
	static const char *const bad[] = {
		"", "4294967296", "99999999999999999999", "-1", "+1", " 1", "1 ",
		"1a", "a1", "0x10", "1.5",
	};
	uint32_t v = 12345;

	(void)state;
	for (size_t i = 0; i < sizeof bad / sizeof bad[0]; i++) {
		if (parse_u32(bad[i], &v) != -1)
			fail_msg("parse_u32 accepted \"%s\"", bad[i]);
		/* a refused number leaves the output alone */
		assert_int_equal(v, 12345);
	}
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(fail_with_line),
		cmocka_unit_test(fail_before_first_line),
		cmocka_unit_test(fail_truncates_safely),
		cmocka_unit_test(blanks),
		cmocka_unit_test(trim_comments),
		cmocka_unit_test(u32_good),
		cmocka_unit_test(u32_bad),
	};

	return cmocka_run_group_tests(tests, NULL, NULL);
}
