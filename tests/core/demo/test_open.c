/* Unit tests for core/demo/demo.c with core/scan/session.c: --demo
 * completes the options, the session opens on the demo's zone files and
 * reads them again after each change. */
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

#include "tests/core/testfix.h"

#include "core/base/loop.h"
#include "core/demo/demo.h"
#include "core/scan/options.h"
#include "core/scan/session.h"

#define A(a, b, c, d) ((uint32_t)(a) << 24 | (uint32_t)(b) << 16 | (uint32_t)(c) << 8 | (uint32_t)(d))

static char tmp[64];   /* TMPDIR for the demo, empty after each test */

static int setup(void **state)
{
	(void)state;
	snprintf(tmp, sizeof tmp, "/tmp/rblscope-test-open.XXXXXX");
	if (!mkdtemp(tmp) || setenv("TMPDIR", tmp, 1) < 0)
		return -1;
	/* no system ASN database; the demo's own is looked for */
	setenv("RBLSCOPE_DB", "", 1);
	return 0;
}

/* rmdir fails unless every demo removed all it wrote. */
static int teardown(void **state)
{
	(void)state;
	return rmdir(tmp);
}

/* Probe the zones and run the loop until every probe has its answer. */
static void probe(struct session *s)
{
	session_probe_start(s);
	for (int i = 0; i < 1000 && session_probing(s); i++)
		loop_run_once(s->lp, 10);
	assert_false(session_probing(s));
}

static void on_lookup(void *arg, const struct lookup *res)
{
	*(enum lk_state *)arg = res->state;
}

/* Look ip up in zone (an index into the session's zones) through the
 * session's backend. */
static enum lk_state query(struct session *s, size_t zone, uint32_t ip)
{
	enum lk_state st = LK_PENDING;

	assert_non_null(s->be);
	assert_true(backend_query(s->be, ip, s->zones[zone], BQ_NOCACHE, on_lookup, &st) >= 0);
	for (int i = 0; i < 100 && st == LK_PENDING; i++)
		loop_run_once(s->lp, 10);
	return st;
}

/* The demo completes the options; the session opens on its zones. */
static void demo(void **state)
{
	struct options o;
	struct session s;
	struct demo *d;
	char err[512] = "", dir[4096];

	(void)state;
	parse_options(&o, (const char *[]){ "--demo", NULL });
	d = demo_open(&o, err, sizeof err);
	if (!d)
		fail_msg("demo: %s", err);
	assert_ptr_equal(o.zones_dir, demo_dir(d));
	assert_null(o.resolver);
	assert_true(o.rate == 0);
	assert_non_null(o.profile);
	assert_true(o.db_path || o.db_note);
	assert_true(o.has_target);
	assert_int_equal(o.target.kind, TARGET_NET);
	assert_int_equal(o.target.focus, A(198, 18, 7, 200));
	assert_int_equal(o.target.net, A(198, 18, 7, 0));
	assert_int_equal(o.target.prefix, 24);
	assert_string_equal(o.target.text, "198.18.7.200");
	snprintf(dir, sizeof dir, "%s", o.zones_dir);
	if (session_open(&s, &o, err, sizeof err) != 0)
		fail_msg("demo: %s", err);
	assert_non_null(s.be);
	/* the demo's zones answer their probes */
	probe(&s);
	for (size_t z = 0; z < s.nzones; z++)
		assert_int_equal(s.health[z], ZH_OK);
	session_close(&s);
	/* the files are the demo's: they go with it */
	assert_int_equal(access(dir, R_OK), 0);
	demo_cleanup(d);
	assert_int_not_equal(access(dir, F_OK), 0);
}

/* A target on the command line stays the target in the demo. */
static void demo_keeps_the_target(void **state)
{
	struct options o;
	struct demo *d;
	char err[512] = "";

	(void)state;
	parse_options(&o, (const char *[]){ "--demo", "198.19.44.0/26", NULL });
	d = demo_open(&o, err, sizeof err);
	assert_non_null(d);
	assert_int_equal(o.target.net, A(198, 19, 44, 0));
	assert_int_equal(o.target.prefix, 26);
	demo_cleanup(d);
}

/* The demo's ASN database: $RBLSCOPE_DEMO_DB unless --db names one. */
static void demo_db(void **state)
{
	struct options o;
	struct demo *d;
	char err[512] = "";

	(void)state;
	setenv("RBLSCOPE_DEMO_DB", "/nowhere/demo-asn.mmdb", 1);
	parse_options(&o, (const char *[]){ "--demo", NULL });
	d = demo_open(&o, err, sizeof err);
	assert_non_null(d);
	assert_string_equal(o.db_path, "/nowhere/demo-asn.mmdb");
	assert_null(o.db_note);
	demo_cleanup(d);
	parse_options(&o, (const char *[]){ "--demo", "--db", "/mine.mmdb", NULL });
	d = demo_open(&o, err, sizeof err);
	assert_non_null(d);
	assert_string_equal(o.db_path, "/mine.mmdb");
	demo_cleanup(d);
	unsetenv("RBLSCOPE_DEMO_DB");
}

/* Nowhere to be found (this test is not beside build/demo/, and unless
 * rblscope is installed): no database, and the note says why. */
static void demo_db_missing(void **state)
{
	struct options o;
	struct session s;
	struct demo *d;
	char err[512] = "", installed[600];

	(void)state;
	snprintf(installed, sizeof installed, "%s/demo-asn.mmdb", RBLSCOPE_DATADIR);
	if (access(installed, R_OK) == 0)
		skip();
	parse_options(&o, (const char *[]){ "--demo", NULL });
	d = demo_open(&o, err, sizeof err);
	assert_non_null(d);
	assert_null(o.db_path);
	assert_non_null(o.db_note);
	assert_int_equal(session_open(&s, &o, err, sizeof err), 0);
	assert_null(s.db);
	assert_string_equal(s.db_note, "the demo's ASN database is not built (make); "
	                    "ASN columns are empty");
	session_close(&s);
	demo_cleanup(d);
}

/* The demo rewrites its files; the session answers from the new ones
 * once it reloads them.  Under 8 Feb 2021 one more impact lists all of
 * AS64512 on level 3 (tests/core/demo/test_demo.c works it out), and
 * taking it back unlists it. */
static void demo_reload(void **state)
{
	struct options o;
	struct session s;
	struct demo *d;
	char err[512] = "";
	uint32_t ip = A(198, 19, 200, 1), back;

	(void)state;
	parse_options(&o, (const char *[]){ "--demo", NULL });
	d = demo_open(&o, err, sizeof err);
	assert_non_null(d);
	assert_int_equal(session_open(&s, &o, err, sizeof err), 0);
	assert_int_equal(demo_policy_step(d, 2, err, sizeof err), 0);
	assert_string_equal(demo_policy(d)->name, "2021-02-08");
	assert_int_equal(session_reload_zones(&s, err, sizeof err), 0);
	assert_int_equal(query(&s, 0, ip), LK_CLEAN);
	assert_int_equal(query(&s, 2, ip), LK_CLEAN);
	assert_int_equal(demo_add_impact(d, ip, err, sizeof err), 0);
	assert_int_equal(query(&s, 2, ip), LK_CLEAN);   /* the old files, as read */
	assert_int_equal(session_reload_zones(&s, err, sizeof err), 0);
	assert_int_equal(query(&s, 0, ip), LK_LISTED);
	assert_int_equal(query(&s, 2, ip), LK_LISTED);
	assert_int_equal(query(&s, 2, A(198, 18, 0, 1)), LK_LISTED);
	assert_int_equal(demo_undo_impact(d, &back, err, sizeof err), 0);
	assert_int_equal(session_reload_zones(&s, err, sizeof err), 0);
	assert_int_equal(query(&s, 0, ip), LK_CLEAN);
	assert_int_equal(query(&s, 2, A(198, 18, 0, 1)), LK_CLEAN);
	session_close(&s);
	demo_cleanup(d);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(demo),
		cmocka_unit_test(demo_keeps_the_target),
		cmocka_unit_test(demo_db),
		cmocka_unit_test(demo_db_missing),
		cmocka_unit_test(demo_reload),
	};

	return cmocka_run_group_tests(tests, setup, teardown);
}
