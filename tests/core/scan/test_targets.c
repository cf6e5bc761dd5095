/* Unit tests for core/scan/targets.c: the lines of a targets file and
 * the list of one run. */
#include <stdarg.h>
#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>
#include <setjmp.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>
#include <cmocka.h>

#include "core/scan/targets.h"

static void lines(void **state)
{
	struct target t;
	char line[128], err[200];

	(void)state;
	strcpy(line, "  # a comment");
	assert_int_equal(targets_line(line, &t, err, sizeof err), 0);
	strcpy(line, "");
	assert_int_equal(targets_line(line, &t, err, sizeof err), 0);
	strcpy(line, " [192.0.2.7]  # pasted");
	assert_int_equal(targets_line(line, &t, err, sizeof err), 1);
	assert_int_equal(t.prefix, 24);
	assert_string_equal(t.text, "192.0.2.7");
	strcpy(line, "198.51.100.0/16");
	assert_int_equal(targets_line(line, &t, err, sizeof err), 1);
	strcpy(line, "10.0.0.0/15");
	assert_int_equal(targets_line(line, &t, err, sizeof err), -1);
	assert_non_null(strstr(err, "too wide"));
	strcpy(line, "AS64500");
	assert_int_equal(targets_line(line, &t, err, sizeof err), -1);
	assert_non_null(strstr(err, "networks only"));
	strcpy(line, "192.0.2.1\033[2J");
	assert_int_equal(targets_line(line, &t, err, sizeof err), -1);
	assert_string_equal(err, "control character in the line");
}

static void from_args_and_file(void **state)
{
	char path[] = "/tmp/rblscope-targets-XXXXXX", err[300], want[200];
	char *args[] = { "192.0.2.0/30", "198.51.100.1" };
	const struct target *t;
	size_t n;
	int fd = mkstemp(path);
	FILE *f = fdopen(fd, "w");

	(void)state;
	assert_non_null(f);
	fputs("# two more\n203.0.113.0/29\r\n\n203.0.113.8/29", f);
	fclose(f);
	assert_int_equal(targets_collect(args, 2, path, &t, &n, err, sizeof err), 0);
	assert_int_equal(n, 4);
	assert_string_equal(t[0].text, "192.0.2.0/30");
	assert_string_equal(t[1].text, "198.51.100.1");
	assert_string_equal(t[2].text, "203.0.113.0/29");
	assert_string_equal(t[3].text, "203.0.113.8/29");
	f = fopen(path, "w");
	fputs("203.0.113.0/29\n\n# x\n203.0.113.999/29\n", f);
	fclose(f);
	assert_int_equal(targets_collect(NULL, 0, path, &t, &n, err, sizeof err), -1);
	snprintf(want, sizeof want, "%s:4: bad target '203.0.113.999/29'", path);
	assert_memory_equal(err, want, strlen(want));
	f = fopen(path, "w");
	fputs("# none\n", f);
	fclose(f);
	assert_int_equal(targets_collect(NULL, 0, path, &t, &n, err, sizeof err), -1);
	assert_non_null(strstr(err, "no target"));
	unlink(path);
	assert_int_equal(targets_collect(NULL, 0, path, &t, &n, err, sizeof err), -1);
	assert_non_null(strstr(err, "cannot read the targets"));
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(lines),
		cmocka_unit_test(from_args_and_file),
	};

	return cmocka_run_group_tests(tests, NULL, NULL);
}
