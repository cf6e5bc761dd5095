/* Unit tests for core/export/export.c on scans filled in by hand: the CSV and
 * JSON Lines formats (columns, RFC 4180 quoting, JSON escaping, unknown
 * ASNs, error reasons by name), the exit status rules, and text snapshot
 * files that never overwrite each other. */
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

#include "core/export/export.h"
#include "core/scan/options.h"
#include "core/scan/scan.h"
#include "core/scan/session.h"

#define A(a, b, c, d) ((uint32_t)(a) << 24 | (uint32_t)(b) << 16 | (uint32_t)(c) << 8 | (uint32_t)(d))
#define NET A(192, 0, 2, 0)

/* 2026-11-22 14:30:00 UTC */
#define WHEN ((time_t)1795357800)

#define HEADER "ip,asn,as_org,as_network,l1,l2,l3," \
               "l1_code,l1_codes,l1_meanings,l1_reason,l1_txt," \
               "l2_code,l2_codes,l2_meanings,l2_reason,l2_txt," \
               "l3_code,l3_codes,l3_meanings,l3_reason,l3_txt,class,target\n"

/* ---------------------------------------------------------------- */
/* Hand-filled scans                                                 */

static void set_asn(struct scan_cell *c, uint32_t asn, const char *org, uint32_t net,
                    unsigned prefix)
{
	c->asn.found = true;
	c->asn.asn = asn;
	c->asn.org = org;
	c->asn.net = net;
	c->asn.prefix = prefix;
}

static void set_listed(struct lookup *l, uint32_t code, const char *txt)
{
	l->state = LK_LISTED;
	l->error = LKE_NONE;
	l->code = code;
	l->txt = txt;
}

static void set_error(struct lookup *l, enum lk_error e)
{
	memset(l, 0, sizeof *l);
	l->txt = "";
	l->state = LK_ERROR;
	l->error = e;
}

/* Every lookup not set yet becomes clean. */
static void rest_clean(struct scan *sc)
{
	for (size_t i = 0; i < sc->ncells * sc->nzones; i++)
		if (sc->answers[i].state == LK_PENDING)
			sc->answers[i].state = LK_CLEAN;
}

/* Count the answers as a finished scan would have. */
static void finish(struct scan *sc)
{
	sc->done = sc->total;
	sc->failed = 0;
	for (size_t i = 0; i < sc->ncells * sc->nzones; i++)
		sc->failed += sc->answers[i].state == LK_ERROR;
}

static void scan_of(struct scan *sc, const char *profile, unsigned prefix)
{
	const struct profile *p = profile_find(profile);

	assert_non_null(p);
	assert_int_equal(scan_init(sc, p, NULL, NET, prefix, NULL), 0);
	assert_int_equal(sc->ncells, (size_t)1 << (32 - prefix));
}

/* 192.0.2.0/30 under "uceprotect":
 *   .0  clean, AS64496 with an org that needs quoting
 *   .1  listed on l1 with a TXT holding a comma, quotes and a backslash
 *   .2  listed on l2 with a TXT with a leading space; no ASN data
 *   .3  l1 timed out, l3 blocked; the DB has its network but no ASN */
static void fill_sample(struct scan *sc)
{
	scan_of(sc, "uceprotect", 30);
	set_asn(&sc->cells[0], 64496, "Acme, \"Net\" ", A(192, 0, 2, 0), 24);
	set_asn(&sc->cells[1], 64496, "Acme, \"Net\" ", A(192, 0, 2, 0), 24);
	set_listed(&sc->cells[1].zone[0], A(127, 0, 0, 2), "Listed, see \"x\" \\ back");
	set_listed(&sc->cells[2].zone[1], A(127, 0, 0, 10), " lead");
	set_asn(&sc->cells[3], 0, "", A(192, 0, 2, 3), 32);
	set_error(&sc->cells[3].zone[0], LKE_TIMEOUT);
	set_error(&sc->cells[3].zone[2], LKE_BLOCKED);
	rest_clean(sc);
	finish(sc);
}

/* What export_write writes with the policy line policy (NULL: none), as
 * a malloc'd string. */
static char *export_text(enum export_format fmt, const struct session *s,
                         const struct scan *sc, const char *policy)
{
	char *buf = NULL;
	size_t len = 0;
	FILE *f = open_memstream(&buf, &len);

	assert_non_null(f);
	assert_int_equal(export_write(f, fmt, s, sc, policy, WHEN), 0);
	assert_int_equal(fclose(f), 0);
	return buf;
}

static void session_blank(struct session *s, const struct scan *sc)
{
	memset(s, 0, sizeof *s);
	s->profile = sc->profile;
	s->nzones = sc->nzones;
	for (size_t z = 0; z < sc->nzones; z++)
		s->zones[z] = sc->zones[z];
	snprintf(s->db_note, sizeof s->db_note, "no ASN database in this test");
}

/* ---------------------------------------------------------------- */
/* CSV and JSON                                                      */

static void csv_rows(void **state)
{
	static const char want[] =
		HEADER
		"192.0.2.0,64496,\"Acme, \"\"Net\"\" \",192.0.2.0/24,clean,clean,clean"
		",,,,,,,,,,,,,,,,clean,\n"
		"192.0.2.1,64496,\"Acme, \"\"Net\"\" \",192.0.2.0/24,listed,clean,clean"
		",127.0.0.2,127.0.0.2,listed on level 1,,\"Listed, see \"\"x\"\" \\ back\""
		",,,,,,,,,,,guilty,\n"
		"192.0.2.2,,,,clean,listed,clean"
		",,,,,,127.0.0.10,127.0.0.10,,,\" lead\",,,,,,range,\n"
		"192.0.2.3,,,192.0.2.3/32,error,clean,error"
		",,,,timeout,,,,,,,,,,blocked,,error,\n";
	struct scan sc;
	struct session s;
	char *out;

	(void)state;
	fill_sample(&sc);
	session_blank(&s, &sc);
	out = export_text(EXPORT_CSV, &s, &sc, NULL);
	assert_string_equal(out, want);
	free(out);
	scan_free(&sc);
}

static void csv_quoting_edges(void **state)
{
	struct scan sc;
	struct session s;
	char *out, *line;

	(void)state;
	scan_of(&sc, "uceprotect", 30);
	/* inner blanks alone need no quotes; a trailing one does */
	set_asn(&sc.cells[0], 64500, "Plain Org", A(192, 0, 2, 0), 30);
	set_asn(&sc.cells[1], 64501, "trail ", A(192, 0, 2, 0), 30);
	set_listed(&sc.cells[1].zone[2], A(127, 0, 0, 4), "\"");
	set_asn(&sc.cells[2], 64502, "", A(192, 0, 2, 0), 30);
	set_listed(&sc.cells[2].zone[2], A(127, 0, 0, 4), "a,b");
	rest_clean(&sc);
	finish(&sc);
	session_blank(&s, &sc);
	out = export_text(EXPORT_CSV, &s, &sc, NULL);
	line = strchr(out, '\n') + 1;
	assert_memory_equal(line, "192.0.2.0,64500,Plain Org,192.0.2.0/30,clean,clean,clean,",
	                    strlen("192.0.2.0,64500,Plain Org,192.0.2.0/30,clean,clean,clean,"));
	assert_non_null(strstr(out, "\n192.0.2.1,64501,\"trail \",192.0.2.0/30,clean,clean,listed"
	                            ",,,,,,,,,,,127.0.0.4,127.0.0.4,,,\"\"\"\",asn,\n"));
	assert_non_null(strstr(out, "\n192.0.2.2,64502,,192.0.2.0/30,clean,clean,listed"
	                            ",,,,,,,,,,,127.0.0.4,127.0.0.4,,,\"a,b\",asn,\n"));
	free(out);
	scan_free(&sc);
}

static void json_rows(void **state)
{
	static const char want[] =
		"{\"ip\":\"192.0.2.0\",\"asn\":64496,\"as_org\":\"Acme, \\\"Net\\\" \","
		"\"as_network\":\"192.0.2.0/24\",\"l1\":\"clean\",\"l2\":\"clean\",\"l3\":\"clean\","
		"\"l1_code\":\"\",\"l1_codes\":[],\"l1_meanings\":[],\"l1_reason\":\"\",\"l1_txt\":\"\","
		"\"l2_code\":\"\",\"l2_codes\":[],\"l2_meanings\":[],\"l2_reason\":\"\",\"l2_txt\":\"\","
		"\"l3_code\":\"\",\"l3_codes\":[],\"l3_meanings\":[],\"l3_reason\":\"\",\"l3_txt\":\"\","
		"\"class\":\"clean\",\"target\":\"\"}\n"
		"{\"ip\":\"192.0.2.1\",\"asn\":64496,\"as_org\":\"Acme, \\\"Net\\\" \","
		"\"as_network\":\"192.0.2.0/24\",\"l1\":\"listed\",\"l2\":\"clean\",\"l3\":\"clean\","
		"\"l1_code\":\"127.0.0.2\",\"l1_codes\":[\"127.0.0.2\"],"
		"\"l1_meanings\":[\"listed on level 1\"],\"l1_reason\":\"\","
		"\"l1_txt\":\"Listed, see \\\"x\\\" \\\\ back\","
		"\"l2_code\":\"\",\"l2_codes\":[],\"l2_meanings\":[],\"l2_reason\":\"\",\"l2_txt\":\"\","
		"\"l3_code\":\"\",\"l3_codes\":[],\"l3_meanings\":[],\"l3_reason\":\"\",\"l3_txt\":\"\","
		"\"class\":\"guilty\",\"target\":\"\"}\n"
		"{\"ip\":\"192.0.2.2\",\"asn\":null,\"as_org\":\"\","
		"\"as_network\":\"\",\"l1\":\"clean\",\"l2\":\"listed\",\"l3\":\"clean\","
		"\"l1_code\":\"\",\"l1_codes\":[],\"l1_meanings\":[],\"l1_reason\":\"\",\"l1_txt\":\"\","
		"\"l2_code\":\"127.0.0.10\",\"l2_codes\":[\"127.0.0.10\"],\"l2_meanings\":[\"\"],"
		"\"l2_reason\":\"\",\"l2_txt\":\" lead\","
		"\"l3_code\":\"\",\"l3_codes\":[],\"l3_meanings\":[],\"l3_reason\":\"\",\"l3_txt\":\"\","
		"\"class\":\"range\",\"target\":\"\"}\n"
		"{\"ip\":\"192.0.2.3\",\"asn\":null,\"as_org\":\"\","
		"\"as_network\":\"192.0.2.3/32\",\"l1\":\"error\",\"l2\":\"clean\",\"l3\":\"error\","
		"\"l1_code\":\"\",\"l1_codes\":[],\"l1_meanings\":[],\"l1_reason\":\"timeout\",\"l1_txt\":\"\","
		"\"l2_code\":\"\",\"l2_codes\":[],\"l2_meanings\":[],\"l2_reason\":\"\",\"l2_txt\":\"\","
		"\"l3_code\":\"\",\"l3_codes\":[],\"l3_meanings\":[],\"l3_reason\":\"blocked\",\"l3_txt\":\"\","
		"\"class\":\"error\",\"target\":\"\"}\n";
	struct scan sc;
	struct session s;
	char *out;

	(void)state;
	fill_sample(&sc);
	session_blank(&s, &sc);
	out = export_text(EXPORT_JSON, &s, &sc, NULL);
	/* the snapshot's header first, then a record per address */
	assert_memory_equal(out, "{\"record\":\"header\",\"format\":\"rblscope-snapshot\","
	                    "\"version\":1,", 60);
	assert_non_null(strstr(out, "\"time\":\"2026-11-22T14:30:00Z\""));
	assert_true(strchr(out, '\n') < strstr(out, "{\"ip\""));
	assert_string_equal(strchr(out, '\n') + 1, want);
	free(out);
	scan_free(&sc);
}

/* Every error reason is written by its name. */
static void error_reason_names(void **state)
{
	struct scan sc;
	struct session s;
	char *out;

	(void)state;
	for (int e = LKE_TIMEOUT; e < LKE_COUNT; e++) {
		char want[64];

		scan_of(&sc, "uceprotect", 32);
		set_error(&sc.cells[0].zone[1], (enum lk_error)e);
		rest_clean(&sc);
		finish(&sc);
		session_blank(&s, &sc);
		out = export_text(EXPORT_CSV, &s, &sc, NULL);
		assert_true(lk_error_name((enum lk_error)e)[0]);
		snprintf(want, sizeof want, "192.0.2.0,,,,clean,error,clean,,,,,,,,,%s,,,,,,,error,\n",
		         lk_error_name((enum lk_error)e));
		assert_string_equal(strchr(out, '\n') + 1, want);
		free(out);
		out = export_text(EXPORT_JSON, &s, &sc, NULL);
		snprintf(want, sizeof want, "\"l2_reason\":\"%s\"", lk_error_name((enum lk_error)e));
		assert_non_null(strstr(out, want));
		free(out);
		scan_free(&sc);
	}
}

/* The header follows the profile's keys: the full profile has five. */
static void csv_header_follows_profile(void **state)
{
	struct scan sc;
	struct session s;
	char *out;

	(void)state;
	scan_of(&sc, "uceprotect-full", 32);
	rest_clean(&sc);
	finish(&sc);
	session_blank(&s, &sc);
	out = export_text(EXPORT_CSV, &s, &sc, NULL);
	assert_string_equal(out,
		"ip,asn,as_org,as_network,l1,l2,l3,bs,wl,"
		"l1_code,l1_codes,l1_meanings,l1_reason,l1_txt,"
		"l2_code,l2_codes,l2_meanings,l2_reason,l2_txt,"
		"l3_code,l3_codes,l3_meanings,l3_reason,l3_txt,"
		"bs_code,bs_codes,bs_meanings,bs_reason,bs_txt,"
		"wl_code,wl_codes,wl_meanings,wl_reason,wl_txt,class,target\n"
		"192.0.2.0,,,,clean,clean,clean,clean,clean"
		",,,,,,,,,,,,,,,,,,,,,,,,,,clean,\n");
	free(out);
	scan_free(&sc);
}

/* An answer with several codes carries them all, each with its meaning
 * from the profile, in the order of the answer. */
static void every_code_with_its_meaning(void **state)
{
	static const uint32_t codes[] = { A(127, 0, 0, 4), A(127, 0, 0, 10) };
	struct scan sc;
	struct session s;
	char *out;

	(void)state;
	scan_of(&sc, "spamhaus", 32);
	assert_string_equal(sc.profile->zones[0].key, "zen");
	set_listed(&sc.cells[0].zone[0], codes[0], "");
	sc.cells[0].zone[0].codes = codes;
	sc.cells[0].zone[0].ncodes = 2;
	rest_clean(&sc);
	finish(&sc);
	session_blank(&s, &sc);
	out = export_text(EXPORT_CSV, &s, &sc, NULL);
	assert_non_null(strstr(out, ",127.0.0.4,127.0.0.4;127.0.0.10,"
	                            "XBL;PBL,"));
	free(out);
	out = export_text(EXPORT_JSON, &s, &sc, NULL);
	assert_non_null(strstr(out, "\"zen_code\":\"127.0.0.4\","
	                            "\"zen_codes\":[\"127.0.0.4\",\"127.0.0.10\"],"
	                            "\"zen_meanings\":[\"XBL\",\"PBL\"]"));
	free(out);
	scan_free(&sc);
}

/* ---------------------------------------------------------------- */
/* Exit status                                                       */

static void status_rules(void **state)
{
	struct scan sc;

	(void)state;
	/* all clean */
	scan_of(&sc, "uceprotect", 30);
	rest_clean(&sc);
	finish(&sc);
	assert_int_equal(export_status(&sc), EXIT_NOTHING_LISTED);
	scan_free(&sc);

	/* listed on any counted level */
	for (size_t z = 0; z < 3; z++) {
		scan_of(&sc, "uceprotect", 30);
		set_listed(&sc.cells[2].zone[z], A(127, 0, 0, 2), "");
		rest_clean(&sc);
		finish(&sc);
		assert_int_equal(export_status(&sc), EXIT_LISTED);
		scan_free(&sc);
	}

	/* a failed lookup, nothing listed */
	scan_of(&sc, "uceprotect", 30);
	set_error(&sc.cells[0].zone[2], LKE_SERVFAIL);
	rest_clean(&sc);
	finish(&sc);
	assert_int_equal(export_status(&sc), EXIT_INCOMPLETE);
	scan_free(&sc);

	/* failed beats listed */
	fill_sample(&sc);
	assert_int_equal(export_status(&sc), EXIT_INCOMPLETE);
	scan_free(&sc);
}

static void status_allow_zone(void **state)
{
	struct scan sc;

	(void)state;
	/* a whitelist listing is no listing */
	scan_of(&sc, "uceprotect-full", 30);
	assert_int_equal(sc.profile->zones[4].role, ZR_ALLOW);
	set_listed(&sc.cells[1].zone[4], A(127, 0, 0, 2), "whitelisted");
	set_listed(&sc.cells[3].zone[4], A(127, 0, 0, 2), "whitelisted");
	rest_clean(&sc);
	finish(&sc);
	assert_int_equal(export_status(&sc), EXIT_NOTHING_LISTED);

	/* ... but a level 1 listing beside it still is */
	set_listed(&sc.cells[1].zone[0], A(127, 0, 0, 2), "");
	assert_int_equal(export_status(&sc), EXIT_LISTED);

	/* ... and a failed lookup still wins */
	set_error(&sc.cells[2].zone[3], LKE_REFUSED);
	finish(&sc);
	assert_int_equal(export_status(&sc), EXIT_INCOMPLETE);
	scan_free(&sc);
}

/* ---------------------------------------------------------------- */
/* Snapshot files                                                    */

static char *slurp(const char *path)
{
	FILE *f = fopen(path, "r");
	char *buf;
	long n;

	assert_non_null(f);
	assert_int_equal(fseek(f, 0, SEEK_END), 0);
	n = ftell(f);
	assert_true(n >= 0);
	rewind(f);
	buf = malloc((size_t)n + 1);
	assert_non_null(buf);
	assert_int_equal(fread(buf, 1, (size_t)n, f), (size_t)n);
	buf[n] = '\0';
	fclose(f);
	return buf;
}

static void snapshot_files(void **state)
{
	char dir[512], p1[4096], p2[4096], p3[4096], want[4096];
	const char *tmp = getenv("TMPDIR");
	struct scan sc;
	struct session s;
	char *first, *text;

	(void)state;
	snprintf(dir, sizeof dir, "%s/rblscope-export-XXXXXX", tmp && *tmp ? tmp : "/tmp");
	assert_non_null(mkdtemp(dir));
	fill_sample(&sc);
	session_blank(&s, &sc);

	assert_int_equal(export_snapshot_file(dir, &s, &sc, "2010: T (demo)", WHEN, p1, sizeof p1), 0);
	snprintf(want, sizeof want, "%s/rblscope-192.0.2.0_30-20261122-143000.txt", dir);
	assert_string_equal(p1, want);
	first = slurp(p1);
	/* the file holds the text snapshot, the same as export_write's, and
	 * names the demo's policy */
	text = export_text(EXPORT_TEXT, &s, &sc, "2010: T (demo)");
	assert_string_equal(first, text);
	assert_non_null(strstr(first, "192.0.2.0/30"));
	assert_non_null(strstr(first, "\n  policy    2010: T (demo)\n"));
	free(text);

	/* same second, different content: a new name, the first file kept */
	sc.cells[0].zone[0].state = LK_LISTED;
	sc.cells[0].zone[0].code = A(127, 0, 0, 2);
	assert_int_equal(export_snapshot_file(dir, &s, &sc, NULL, WHEN, p2, sizeof p2), 0);
	snprintf(want, sizeof want, "%s/rblscope-192.0.2.0_30-20261122-143000-1.txt", dir);
	assert_string_equal(p2, want);
	text = slurp(p1);
	assert_string_equal(text, first);
	free(text);
	text = slurp(p2);
	assert_string_not_equal(text, first);
	assert_null(strstr(text, "policy"));   /* outside the demo */
	free(text);

	assert_int_equal(export_snapshot_file(dir, &s, &sc, NULL, WHEN, p3, sizeof p3), 0);
	snprintf(want, sizeof want, "%s/rblscope-192.0.2.0_30-20261122-143000-2.txt", dir);
	assert_string_equal(p3, want);

	/* another second, another name */
	assert_int_equal(export_snapshot_file(dir, &s, &sc, NULL, WHEN + 65, want, sizeof want), 0);
	assert_non_null(strstr(want, "/rblscope-192.0.2.0_30-20261122-143105.txt"));
	unlink(want);

	/* a folder that does not exist: -1, nothing made */
	snprintf(want, sizeof want, "%s/missing", dir);
	assert_int_equal(export_snapshot_file(want, &s, &sc, NULL, WHEN, p3, sizeof p3), -1);

	free(first);
	unlink(p1);
	unlink(p2);
	snprintf(p3, sizeof p3, "%s/rblscope-192.0.2.0_30-20261122-143000-2.txt", dir);
	unlink(p3);
	assert_int_equal(rmdir(dir), 0);
	scan_free(&sc);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(csv_rows),
		cmocka_unit_test(csv_quoting_edges),
		cmocka_unit_test(json_rows),
		cmocka_unit_test(error_reason_names),
		cmocka_unit_test(csv_header_follows_profile),
		cmocka_unit_test(every_code_with_its_meaning),
		cmocka_unit_test(status_rules),
		cmocka_unit_test(status_allow_zone),
		cmocka_unit_test(snapshot_files),
	};

	return cmocka_run_group_tests(tests, NULL, NULL);
}
