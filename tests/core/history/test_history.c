/* Unit tests for core/history/: the schema and its version, files that
 * are not an rblscope history or are newer, intervals extended by a scan
 * that sees the same answer and started by one that does not, addresses
 * no scan covered, and two processes recording at once. */
#include <stdarg.h>
#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>
#include <setjmp.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <sys/wait.h>
#include <unistd.h>
#include <cmocka.h>
#include <sqlite3.h>

#include "core/history/history.h"

#define NET_A 0xc0000200u   /* 192.0.2.0 */

static char dir[64], path[128];
static char err[1024];

static int setup(void **state)
{
	(void)state;
	snprintf(dir, sizeof dir, "/tmp/rblscope-history.XXXXXX");
	if (!mkdtemp(dir))
		return -1;
	snprintf(path, sizeof path, "%s/sub/history.sqlite", dir);
	return 0;
}

static int teardown(void **state)
{
	char cmd[128];

	(void)state;
	snprintf(cmd, sizeof cmd, "rm -rf '%s'", dir);
	return system(cmd) == 0 ? 0 : -1;
}

/* One integer from sql over the file, outside the code under test. */
static long long sql_int(const char *sql)
{
	sqlite3 *db;
	sqlite3_stmt *st;
	long long v = -1;

	assert_int_equal(sqlite3_open_v2(path, &db, SQLITE_OPEN_READONLY, NULL), SQLITE_OK);
	assert_int_equal(sqlite3_prepare_v2(db, sql, -1, &st, NULL), SQLITE_OK);
	if (sqlite3_step(st) == SQLITE_ROW)
		v = sqlite3_column_int64(st, 0);
	sqlite3_finalize(st);
	sqlite3_close(db);
	return v;
}

/* "ok" from PRAGMA integrity_check (https://sqlite.org/pragma.html). */
static void integrity_is_ok(void)
{
	sqlite3 *db;
	sqlite3_stmt *st;

	assert_int_equal(sqlite3_open_v2(path, &db, SQLITE_OPEN_READONLY, NULL), SQLITE_OK);
	assert_int_equal(sqlite3_prepare_v2(db, "PRAGMA integrity_check", -1, &st, NULL), SQLITE_OK);
	assert_int_equal(sqlite3_step(st), SQLITE_ROW);
	assert_string_equal((const char *)sqlite3_column_text(st, 0), "ok");
	sqlite3_finalize(st);
	sqlite3_close(db);
}

static void sql_run(const char *sql)
{
	sqlite3 *db;

	assert_int_equal(sqlite3_open(path, &db), SQLITE_OK);
	assert_int_equal(sqlite3_exec(db, sql, NULL, NULL, NULL), SQLITE_OK);
	sqlite3_close(db);
}

/* The answers of a /30 over two zones, set per test. */
static const uint32_t code2 = 0x7f000002;
static struct lookup ans[4][2];

static void answers_clean(void)
{
	for (int i = 0; i < 4; i++)
		for (int z = 0; z < 2; z++)
			ans[i][z] = (struct lookup){ .state = LK_CLEAN, .txt = "" };
}

static void answer_listed(int i, int z, const char *txt)
{
	ans[i][z] = (struct lookup){ .state = LK_LISTED, .code = code2, .ncodes = 1,
	                             .codes = &code2, .txt = txt };
}

static int record_at(struct history *h, uint32_t net, unsigned prefix, int64_t when,
                     const struct lookup *answers)
{
	static const char *const names[] = { "one.example", "two.example" };
	static const char *const keys[] = { "z1", "z2" };
	struct history_scan hs = {
		.time = when, .target = "test", .profile = "unit", .source = "memory", .net = net,
		.prefix = prefix, .nzones = 2, .zone_names = names, .zone_keys = keys,
		.answers = answers,
	};

	return history_record(h, &hs, err, sizeof err);
}

static void new_file_gets_the_schema(void **state)
{
	struct history *h;

	(void)state;
	h = history_open(path, HISTORY_WRITE, err, sizeof err);
	assert_non_null(h);
	history_close(h);
	assert_int_equal(sql_int("PRAGMA user_version"), HISTORY_SCHEMA);
	assert_int_equal(sql_int("PRAGMA application_id"), HISTORY_APP_ID);
	assert_int_equal(sql_int("SELECT count(*) FROM sqlite_master WHERE type = 'table' AND "
	                         "name IN ('scan', 'zone', 'txt', 'state')"), 4);
	/* the folder made for it is the user's alone */
	{
		struct stat st;
		char sub[160];

		snprintf(sub, sizeof sub, "%s/sub", dir);
		assert_int_equal(stat(sub, &st), 0);
		assert_int_equal(st.st_mode & 0777, 0700);
	}
	/* opened again: nothing to migrate, still version 1 */
	h = history_open(path, HISTORY_READ, err, sizeof err);
	assert_non_null(h);
	history_close(h);
}

static void empty_sqlite_file_is_migrated(void **state)
{
	struct history *h;

	(void)state;
	h = history_open(path, HISTORY_WRITE, err, sizeof err);   /* makes the folder */
	history_close(h);
	unlink(path);
	sql_run("PRAGMA user_version = 0");   /* an empty SQLite file */
	h = history_open(path, HISTORY_READ, err, sizeof err);
	assert_null(h);
	assert_non_null(strstr(err, "empty"));
	h = history_open(path, HISTORY_WRITE, err, sizeof err);
	assert_non_null(h);
	history_close(h);
	assert_int_equal(sql_int("PRAGMA user_version"), 1);
}

static void newer_and_foreign_files_are_refused(void **state)
{
	struct history *h;
	FILE *f;

	(void)state;
	h = history_open(path, HISTORY_WRITE, err, sizeof err);
	assert_non_null(h);
	history_close(h);
	sql_run("PRAGMA user_version = 2");
	for (int mode = HISTORY_READ; mode <= HISTORY_WRITE; mode++) {
		assert_null(history_open(path, (enum history_mode)mode, err, sizeof err));
		assert_non_null(strstr(err, "newer rblscope (schema 2"));
	}
	assert_int_equal(sql_int("PRAGMA user_version"), 2);   /* left as it was */

	unlink(path);
	sql_run("CREATE TABLE notes (x)");
	assert_null(history_open(path, HISTORY_WRITE, err, sizeof err));
	assert_non_null(strstr(err, "not an rblscope history"));
	assert_int_equal(sql_int("SELECT count(*) FROM sqlite_master"), 1);

	unlink(path);
	f = fopen(path, "w");
	assert_non_null(f);
	fputs("this is a text file, long enough to be taken for a database header...\n", f);
	fclose(f);
	assert_null(history_open(path, HISTORY_WRITE, err, sizeof err));
	assert_non_null(strstr(err, "not an SQLite database"));

	unlink(path);
	assert_null(history_open(path, HISTORY_READ, err, sizeof err));
	assert_non_null(strstr(err, "no history database"));
	assert_int_equal(access(path, F_OK), -1);   /* reading creates nothing */
}

static void same_answer_extends_the_interval(void **state)
{
	struct history_timeline t;
	struct history *h;

	(void)state;
	h = history_open(path, HISTORY_WRITE, err, sizeof err);
	assert_non_null(h);
	answers_clean();
	answer_listed(1, 0, "listed for spam");
	answer_listed(2, 0, "listed for spam");
	for (int i = 0; i < 5; i++)
		assert_int_equal(record_at(h, NET_A, 30, 1000 + i * 3600, &ans[0][0]), 0);
	/* five scans, one interval per address and zone */
	assert_int_equal(sql_int("SELECT count(*) FROM scan"), 5);
	assert_int_equal(sql_int("SELECT count(*) FROM state"), 8);
	assert_int_equal(sql_int("SELECT min(scans) FROM state"), 5);
	assert_int_equal(sql_int("SELECT count(*) FROM txt"), 1);

	/* .1 delisted, .2 with another TXT: two new intervals */
	answers_clean();
	answer_listed(2, 0, "listed again");
	assert_int_equal(record_at(h, NET_A, 30, 1000 + 5 * 3600, &ans[0][0]), 0);
	assert_int_equal(sql_int("SELECT count(*) FROM state"), 10);
	assert_int_equal(history_timeline(h, NET_A + 1, NET_A + 1, &t, err, sizeof err), 0);
	assert_int_equal(t.n, 3);
	assert_int_equal(t.scans, 6);
	assert_string_equal(t.iv[0].zone_key, "z1");
	assert_int_equal(t.iv[0].state, LK_LISTED);
	assert_string_equal(t.iv[0].codes, "127.0.0.2");
	assert_string_equal(t.iv[0].txt, "listed for spam");
	assert_int_equal(t.iv[0].first_time, 1000);
	assert_int_equal(t.iv[0].last_time, 1000 + 4 * 3600);
	assert_int_equal(t.iv[0].scans, 5);
	assert_int_equal(t.iv[1].state, LK_CLEAN);
	assert_int_equal(t.iv[1].first_scan, 6);
	assert_string_equal(t.iv[2].zone_key, "z2");
	assert_int_equal(t.iv[2].scans, 6);
	history_timeline_free(&t);
	/* back to the first TXT: a new interval, not the old one reopened */
	answer_listed(2, 0, "listed for spam");
	assert_int_equal(record_at(h, NET_A, 30, 1000 + 6 * 3600, &ans[0][0]), 0);
	assert_int_equal(history_timeline(h, NET_A + 2, NET_A + 2, &t, err, sizeof err), 0);
	assert_int_equal(t.n, 4);
	assert_string_equal(t.iv[2].txt, "listed for spam");
	assert_int_equal(t.iv[2].first_scan, 7);
	history_timeline_free(&t);
	history_close(h);
}

static void uncovered_addresses_have_no_history(void **state)
{
	struct history_timeline t;
	struct lookup *big = calloc(256 * 2, sizeof *big);
	struct history *h;

	(void)state;
	assert_non_null(big);
	h = history_open(path, HISTORY_WRITE, err, sizeof err);
	answers_clean();
	assert_int_equal(record_at(h, NET_A, 30, 100, &ans[0][0]), 0);
	/* a /24 elsewhere, in two scans: not a word about 192.0.2.x */
	for (int i = 0; i < 512; i++)
		big[i] = (struct lookup){ .state = LK_CLEAN, .txt = "" };
	big[7] = (struct lookup){ .state = LK_PENDING, .txt = "" };   /* not observed */
	assert_int_equal(record_at(h, 0xc6336400u, 24, 200, big), 0);
	assert_int_equal(record_at(h, 0xc6336400u, 24, 300, big), 0);
	assert_int_equal(history_timeline(h, NET_A, NET_A + 3, &t, err, sizeof err), 0);
	assert_int_equal(t.scans, 1);
	assert_int_equal(t.n, 8);
	for (size_t i = 0; i < t.n; i++)
		assert_int_equal(t.iv[i].last_time, 100);   /* not extended to 300 */
	history_timeline_free(&t);
	assert_int_equal(history_timeline(h, NET_A + 4, NET_A + 255, &t, err, sizeof err), 0);
	assert_int_equal(t.n, 0);
	assert_int_equal(t.scans, 0);
	history_timeline_free(&t);
	/* 198.51.100.3 zone 2 was pending: no row, the other zone has one */
	assert_int_equal(history_timeline(h, 0xc6336403u, 0xc6336403u, &t, err, sizeof err), 0);
	assert_int_equal(t.n, 1);
	assert_string_equal(t.iv[0].zone_key, "z1");
	history_timeline_free(&t);
	history_close(h);
	free(big);
}

static void errors_keep_their_reason(void **state)
{
	struct history_timeline t;
	struct history *h;

	(void)state;
	h = history_open(path, HISTORY_WRITE, err, sizeof err);
	answers_clean();
	ans[0][1] = (struct lookup){ .state = LK_ERROR, .error = LKE_TIMEOUT, .txt = "" };
	assert_int_equal(record_at(h, NET_A, 30, 10, &ans[0][0]), 0);
	ans[0][1].error = LKE_SERVFAIL;
	assert_int_equal(record_at(h, NET_A, 30, 20, &ans[0][0]), 0);
	assert_int_equal(history_timeline(h, NET_A, NET_A, &t, err, sizeof err), 0);
	assert_int_equal(t.n, 3);
	assert_int_equal(t.iv[1].state, LK_ERROR);
	assert_string_equal(t.iv[1].error, "timeout");
	assert_string_equal(t.iv[2].error, "servfail");
	assert_int_equal(history_error_of(t.iv[2].error), LKE_SERVFAIL);
	history_timeline_free(&t);
	history_close(h);
}

/* Each child records scans of a /24 through a handle of its own. */
static void writer(int id, int scans)
{
	struct lookup *a = calloc(256 * 2, sizeof *a);
	struct history *h = history_open(path, HISTORY_WRITE, err, sizeof err);
	int bad = !a || !h;

	for (int i = 0; i < 512 && a; i++)
		a[i] = (struct lookup){ .state = (i / 2 + id) % 7 ? LK_CLEAN : LK_LISTED,
		                        .code = code2, .ncodes = 1, .codes = &code2, .txt = "" };
	for (int s = 0; s < scans && !bad; s++) {
		a[2 * s].state = a[2 * s].state == LK_CLEAN ? LK_LISTED : LK_CLEAN;
		bad = record_at(h, 0xcb007100u, 24, 1000 + s, a) < 0;
	}
	if (bad)
		fprintf(stderr, "writer %d: %s\n", id, err);
	history_close(h);
	free(a);
	_exit(bad);
}

static void two_writers_at_once_both_succeed(void **state)
{
	pid_t pid[2];
	int status;

	(void)state;
	for (int i = 0; i < 2; i++) {
		pid[i] = fork();
		assert_true(pid[i] >= 0);
		if (pid[i] == 0)
			writer(i, 30);
	}
	for (int i = 0; i < 2; i++) {
		assert_int_equal(waitpid(pid[i], &status, 0), pid[i]);
		assert_true(WIFEXITED(status));
		assert_int_equal(WEXITSTATUS(status), 0);
	}
	assert_int_equal(sql_int("SELECT count(*) FROM scan"), 60);
	/* every scan whole: the latest interval of every address and zone
	 * ends at the last scan */
	assert_int_equal(sql_int("SELECT count(*) FROM state WHERE last_scan = 60"), 512);
	assert_int_equal(sql_int("SELECT count(*) FROM (SELECT ip, zone, sum(scans) AS n "
	                         "FROM state GROUP BY ip, zone) WHERE n != 60"), 0);
	integrity_is_ok();
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test_setup_teardown(new_file_gets_the_schema, setup, teardown),
		cmocka_unit_test_setup_teardown(empty_sqlite_file_is_migrated, setup, teardown),
		cmocka_unit_test_setup_teardown(newer_and_foreign_files_are_refused, setup, teardown),
		cmocka_unit_test_setup_teardown(same_answer_extends_the_interval, setup, teardown),
		cmocka_unit_test_setup_teardown(uncovered_addresses_have_no_history, setup, teardown),
		cmocka_unit_test_setup_teardown(errors_keep_their_reason, setup, teardown),
		cmocka_unit_test_setup_teardown(two_writers_at_once_both_succeed, setup, teardown),
	};

	return cmocka_run_group_tests(tests, NULL, NULL);
}
