/* Unit tests for tui/status.c: the progress bar, the counts line, the
 * title, the collateral ratio and the session warnings. */
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <setjmp.h>
#include <string.h>
#include <cmocka.h>

#include "core/scan/session.h"
#include "tui/status.h"

static void test_bar_fill(void **state)
{
	(void)state;
	assert_int_equal(status_bar_fill(0, 768, 20), 0);
	assert_int_equal(status_bar_fill(1, 768, 20), 1);       /* something moved */
	assert_int_equal(status_bar_fill(384, 768, 20), 10);
	assert_int_equal(status_bar_fill(767, 768, 20), 19);    /* full only when done */
	assert_int_equal(status_bar_fill(768, 768, 20), 20);
	assert_int_equal(status_bar_fill(0, 0, 20), 20);        /* nothing to do is done */
	assert_int_equal(status_bar_fill(5, 10, 0), 0);
}

static void test_ratio(void **state)
{
	struct scan_tally t;
	char out[64];

	(void)state;
	memset(&t, 0, sizeof t);
	status_ratio(out, sizeof out, &t, true);
	assert_string_equal(out, "collateral ratio -");
	t.guilty = 7;
	t.collateral = 188;
	status_ratio(out, sizeof out, &t, true);
	assert_string_equal(out, "collateral ratio 26.9");
	status_ratio(out, sizeof out, &t, false);
	assert_string_equal(out, "ratio 26.9");
	t.guilty = 0;
	status_ratio(out, sizeof out, &t, false);
	assert_string_equal(out, "ratio n/a (none guilty)");
}

static void title_of(const char *target, int steps, char *out, size_t len)
{
	struct target t;
	struct view v;
	char err[160];

	assert_int_equal(target_parse(target, &t, err, sizeof err), 0);
	view_init(&v, &t);
	while (steps-- > 0)
		view_step(&v, 1);
	out[0] = '\0';
	status_title(out, len, &v, profile_find("uceprotect"));
}

static void test_title(void **state)
{
	char out[256];

	(void)state;
	title_of("192.0.2.77", 0, out, sizeof out);
	assert_string_equal(out, "rblscope  192.0.2.0/24  UCEPROTECT levels 1-3");
	title_of("198.51.100.0/28", 0, out, sizeof out);
	assert_string_equal(out, "rblscope  198.51.100.0/24  (scanning 198.51.100.0/28 only)  "
	                    "UCEPROTECT levels 1-3");
	title_of("10.1.0.0/16", 2, out, sizeof out);
	assert_string_equal(out, "rblscope  10.1.2.0/24  (3 of 256 in 10.1.0.0/16)  "
	                    "UCEPROTECT levels 1-3");
}

static void test_counts(void **state)
{
	struct scan sc;
	char out[256];

	(void)state;
	memset(&sc, 0, sizeof sc);
	sc.total = 768;
	sc.done = 192;
	sc.started_ms = 10000;
	status_counts(out, sizeof out, &sc, 12000);
	assert_string_equal(out, "192/768 lookups  96/s  about 6 s left");
	sc.failed = 1;
	status_counts(out, sizeof out, &sc, 12000);
	assert_string_equal(out, "192/768 lookups  1 error  96/s  about 6 s left");
	/* a /16 at 50 queries a second */
	sc.total = 196608;
	sc.done = 100;
	status_counts(out, sizeof out, &sc, 12000);
	assert_string_equal(out, "100/196608 lookups  1 error  50/s  about 66 min left");
	sc.total = 768;
	sc.done = 768;
	sc.failed = 3;
	sc.finished_ms = 17680;
	status_counts(out, sizeof out, &sc, 99999);
	assert_string_equal(out, "768/768 lookups  3 errors  100/s  done in 7.7 s");
	/* Zone files answer at once: no rate from a zero interval. */
	sc.failed = 0;
	sc.finished_ms = 10003;
	status_counts(out, sizeof out, &sc, 99999);
	assert_string_equal(out, "768/768 lookups  done in 0.0 s");
}

static void test_warnings(void **state)
{
	struct session s;
	char lines[STATUS_WARN_MAX][STATUS_LINE_MAX];
	size_t n;

	(void)state;
	memset(&s, 0, sizeof s);
	s.profile = profile_find("uceprotect");
	s.nzones = 3;
	for (size_t z = 0; z < 3; z++) {
		s.zones[z] = s.profile->zones[z].zone;
		s.health[z] = ZH_OK;
	}
	assert_int_equal(status_warnings(&s, lines, STATUS_WARN_MAX), 0);
	s.health[1] = ZH_DEAD;
	s.health[2] = ZH_FAILED;
	s.health_error[2] = LKE_TIMEOUT;
	snprintf(s.zone_note, sizeof s.zone_note, "zone a: no file\nzone b: no file\n");
	snprintf(s.db_note, sizeof s.db_note, "no ASN database found");
	n = status_warnings(&s, lines, STATUS_WARN_MAX);
	assert_int_equal(n, 5);
	assert_non_null(strstr(lines[0], "l2 dnsbl-2.uceprotect.net: DEAD"));
	assert_non_null(strstr(lines[1], "l3 dnsbl-3.uceprotect.net: probe failed: no answer"));
	assert_string_equal(lines[2], "zone a: no file");
	assert_string_equal(lines[3], "zone b: no file");
	assert_string_equal(lines[4], "no ASN database found");
	/* Probes in flight are said too; the list never overflows. */
	s.probes_left = 2;
	n = status_warnings(&s, lines, 2);
	assert_int_equal(n, 2);
	n = status_warnings(&s, lines, STATUS_WARN_MAX);
	assert_non_null(strstr(lines[2], "RFC 5782"));
}

static void test_summary_plan(void **state)
{
	const struct profile *pr = profile_find(PROFILE_DEFAULT);
	struct scan_tally t;
	struct summary_plan p;
	struct scan sc;

	(void)state;
	memset(&sc, 0, sizeof sc);
	assert_int_equal(scan_init(&sc, pr, NULL, 0xc0000200u, 24, NULL), 0);
	memset(&t, 0, sizeof t);
	t.cls[CC_GUILTY] = t.guilty = 7;
	t.cls[CC_RANGE] = 187;
	t.cls[CC_ASN] = 1;
	t.cls[CC_CLEAN] = 61;
	t.collateral = 188;
	/* Every zone's reach, not only the class that wins. */
	t.listed[0] = 7;
	t.listed[1] = 187;
	t.listed[2] = 256;
	/* The labels name the profile's zones: "guilty (UCE-1) 7". */
	summary_plan(&sc, &t, 145, &p);
	assert_true(p.labels);
	assert_false(p.skip_zero);
	assert_string_equal(p.reach, "listed: l1 7, l2 187, l3 256");
	assert_string_equal(p.ratio, "collateral ratio 26.9");
	summary_plan(&sc, &t, 144, &p);
	assert_false(p.labels);
	assert_false(p.skip_zero);
	assert_string_equal(p.ratio, "collateral ratio 26.9");
	summary_plan(&sc, &t, 100, &p);
	assert_true(p.skip_zero);
	assert_string_equal(p.ratio, "collateral ratio 26.9");
	/* 80 columns: the reach and the ratio matter more than "error 0". */
	summary_plan(&sc, &t, 79, &p);
	assert_true(p.skip_zero);
	assert_string_equal(p.reach, "l1 7 l2 187 l3 256");
	assert_string_equal(p.ratio, "ratio 26.9");
	/* While answers are pending, the pending count stays; the reach
	 * gives way before the ratio. */
	t.cls[CC_PENDING] = 12;
	summary_plan(&sc, &t, 79, &p);
	assert_true(p.skip_zero);
	assert_string_equal(p.reach, "");
	assert_string_equal(p.ratio, "ratio 26.9");
	t.cls[CC_PENDING] = 0;
	summary_plan(&sc, &t, 62, &p);
	assert_string_equal(p.reach, "");
	assert_string_equal(p.ratio, "ratio 26.9");
	scan_free(&sc);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_bar_fill),
		cmocka_unit_test(test_ratio),
		cmocka_unit_test(test_title),
		cmocka_unit_test(test_counts),
		cmocka_unit_test(test_warnings),
		cmocka_unit_test(test_summary_plan),
	};

	return cmocka_run_group_tests(tests, NULL, NULL);
}
