/* Unit tests for core/export/snapfile.c: snapshot files are named after what
 * they show and when, never overwrite one another, and vanish when
 * their writing failed. */
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <setjmp.h>
#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>
#include <cmocka.h>

#include "core/export/snapfile.h"

static void test_names_and_no_overwrite(void **state)
{
	char dir[64] = "/tmp/rblscope-test-snapfile.XXXXXX", path[256], want[256], second[256];
	FILE *f, *g;

	(void)state;
	assert_non_null(mkdtemp(dir));
	/* 1,000,000,000 s after the epoch: 2001-09-09 01:46:40 UTC. */
	f = snapfile_create(dir, "AS64500", 1000000000, path, sizeof path);
	assert_non_null(f);
	snprintf(want, sizeof want, "%s/rblscope-AS64500-20010909-014640.txt", dir);
	assert_string_equal(path, want);
	fputs("first\n", f);
	assert_int_equal(snapfile_finish(f, 0, path), 0);
	g = snapfile_create(dir, "AS64500", 1000000000, second, sizeof second);
	assert_non_null(g);
	snprintf(want, sizeof want, "%s/rblscope-AS64500-20010909-014640-1.txt", dir);
	assert_string_equal(second, want);
	/* A failed write leaves no file behind, and says so. */
	assert_int_equal(snapfile_finish(g, -1, second), -1);
	assert_int_not_equal(access(second, F_OK), 0);
	assert_int_equal(access(path, R_OK), 0);
	assert_int_equal(unlink(path), 0);
	assert_int_equal(rmdir(dir), 0);
}

static void test_errors(void **state)
{
	char path[256], tiny[32];

	(void)state;
	errno = 0;
	assert_null(snapfile_create("/nonexistent-rblscope-dir", "x", 0, path, sizeof path));
	assert_int_equal(errno, ENOENT);
	assert_null(snapfile_create("/tmp", "a-slug-too-long-for-the-buffer", 0, tiny, sizeof tiny));
	assert_int_equal(errno, ENAMETOOLONG);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_names_and_no_overwrite),
		cmocka_unit_test(test_errors),
	};

	return cmocka_run_group_tests(tests, NULL, NULL);
}
