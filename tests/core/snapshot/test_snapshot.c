/* Unit tests for core/snapshot/: a JSON export read back is the scan it
 * was written from; a hostile snapshot is refused with PATH:LINE and a
 * reason; a listing stands only with codes its zone documents; the
 * snapshot backend answers as the scan did, and "absent" elsewhere. */
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <setjmp.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>
#include <cmocka.h>

#include "core/export/diffreport.h"
#include "core/export/export.h"
#include "core/snapshot/snapbe.h"
#include "core/snapshot/snapshot.h"

#define A(a, b, c, d) ((uint32_t)(a) << 24 | (uint32_t)(b) << 16 | (uint32_t)(c) << 8 | (uint32_t)(d))
#define NET A(192, 0, 2, 0)
#define WHEN ((time_t)1795357800)   /* 2026-11-22 14:30:00 UTC */

static char dir[] = "/tmp/rblscope-snap.XXXXXX";
static char path[512];

static int setup(void **state)
{
	(void)state;
	if (!mkdtemp(dir))
		return -1;
	snprintf(path, sizeof path, "%s/snap.json", dir);
	return 0;
}

static int teardown(void **state)
{
	(void)state;
	unlink(path);
	return rmdir(dir);
}

static void file_write(const char *text)
{
	FILE *f = fopen(path, "w");

	assert_non_null(f);
	fputs(text, f);
	assert_int_equal(fclose(f), 0);
}

/* A /29 under spamhaus: .1 on XBL and PBL, .2 timed out, .3 unexpected,
 * the rest clean; .1 in AS64500 "Ex, \"Net\"". */
static void sample(struct scan *sc, struct session *s, struct options *o)
{
	static const uint32_t two[] = { A(127, 0, 0, 4), A(127, 0, 0, 10) };
	static const uint32_t odd[] = { A(127, 0, 0, 99) };
	const struct profile *p = profile_find("spamhaus");

	assert_non_null(p);
	assert_int_equal(scan_init(sc, p, NULL, NET, 29, NULL), 0);
	for (size_t i = 0; i < sc->ncells; i++)
		sc->cells[i].zone[0] = (struct lookup){ .state = LK_CLEAN, .txt = "" };
	sc->cells[1].zone[0] = (struct lookup){ .state = LK_LISTED, .code = two[0], .ncodes = 2,
	                                        .codes = two, .txt = "see \"https://x\"" };
	sc->cells[1].asn = (struct asn_info){ true, 64500, "Ex, \"Net\"", NET, 24 };
	lk_set_error(&sc->cells[2].zone[0], LKE_TIMEOUT);
	sc->cells[3].zone[0] = (struct lookup){ .state = LK_ERROR, .error = LKE_UNEXPECTED,
	                                        .code = odd[0], .ncodes = 1, .codes = odd, .txt = "" };
	sc->done = sc->total;
	memset(s, 0, sizeof *s);
	memset(o, 0, sizeof *o);
	o->has_target = true;
	assert_int_equal(target_parse("192.0.2.0/29", &o->target, (char[64]){ 0 }, 64), 0);
	s->opt = o;
	s->profile = p;
	s->nzones = p->nzones;
	s->zones[0] = p->zones[0].zone;
}

/* The sample, exported as JSON to path. */
static void sample_written(struct scan *sc, struct session *s, struct options *o,
                           const char *policy)
{
	FILE *f;

	sample(sc, s, o);
	f = fopen(path, "w");
	assert_non_null(f);
	assert_int_equal(export_write(f, EXPORT_JSON, s, sc, policy, WHEN), 0);
	assert_int_equal(fclose(f), 0);
}

static void round_trip(void **state)
{
	struct scan sc;
	struct session s;
	struct options o;
	struct snapshot snap;
	char err[256];

	(void)state;
	sample_written(&sc, &s, &o, "policy 2010");
	if (snapshot_read(path, &snap, err, sizeof err) < 0)
		fail_msg("%s", err);
	assert_int_equal(snap.when, WHEN);
	assert_string_equal(snap.profile.name, "spamhaus");
	assert_int_equal(snap.profile.nzones, 1);
	assert_string_equal(snap.profile.zones[0].key, "zen");
	assert_string_equal(snap.profile.zones[0].zone, "zen.spamhaus.org");
	assert_int_equal(snap.profile.zones[0].ncodes, sc.profile->zones[0].ncodes);
	assert_string_equal(snap.policy, "policy 2010");
	assert_int_equal(snap.ntargets, 1);
	assert_int_equal(snap.targets[0].net, NET);
	assert_int_equal(snap.nrows, 8);
	for (size_t i = 0; i < 8; i++) {
		const struct lookup *a = &sc.cells[i].zone[0], *b = &snap.rows[i].zone[0];

		assert_int_equal(snap.rows[i].ip, NET + i);
		assert_int_equal(a->state, b->state);
		assert_int_equal(a->error, b->error);
		assert_int_equal(a->ncodes, b->ncodes);
		if (a->ncodes)
			assert_memory_equal(a->codes, b->codes, a->ncodes * sizeof *a->codes);
		assert_string_equal(a->txt, b->txt);
	}
	assert_int_equal(snap.rows[1].asn.asn, 64500);
	assert_string_equal(snap.rows[1].asn.org, "Ex, \"Net\"");
	assert_int_equal(snap.rows[1].asn.prefix, 24);
	assert_false(snap.rows[0].asn.found);
	snapshot_free(&snap);
	scan_free(&sc);
}

/* The backend answers each address as the snapshot holds it. */
static void backend_answers(void **state)
{
	struct scan sc;
	struct session s;
	struct options o;
	struct snapshot snap;
	struct backend *be;
	struct loop *lp = loop_new();
	struct scan again;
	char err[256];

	(void)state;
	sample_written(&sc, &s, &o, NULL);
	assert_int_equal(snapshot_read(path, &snap, err, sizeof err), 0);
	be = snapshot_backend_new(&snap);
	assert_non_null(be);
	assert_non_null(strstr(be->ops->describe(be), "2026-11-22 14:30 UTC"));
	/* a /28: the /29 it holds, and eight addresses it does not */
	assert_int_equal(scan_init(&again, &snap.profile, NULL, NET, 28, NULL), 0);
	scan_start(&again, lp, be, 0, 0, BQ_TXT);
	assert_true(scan_finished(&again));
	assert_int_equal(again.cells[1].zone[0].state, LK_LISTED);
	assert_int_equal(again.cells[1].zone[0].ncodes, 2);
	assert_int_equal(again.cells[2].zone[0].error, LKE_TIMEOUT);
	assert_int_equal(again.cells[3].zone[0].error, LKE_UNEXPECTED);
	assert_int_equal(again.cells[0].zone[0].state, LK_CLEAN);
	for (size_t i = 8; i < 16; i++) {
		assert_int_equal(again.cells[i].zone[0].state, LK_ERROR);
		assert_int_equal(again.cells[i].zone[0].error, LKE_ABSENT);
	}
	scan_free(&again);
	backend_destroy(be);
	loop_free(lp);
	snapshot_free(&snap);
	scan_free(&sc);
}

#define HDR "{\"record\":\"header\",\"format\":\"rblscope-snapshot\",\"version\":1," \
            "\"time\":\"2026-11-22T14:30:00Z\",\"targets\":[\"192.0.2.0/30\"]," \
            "\"profile\":{\"name\":\"t\",\"title\":\"T\",\"zones\":[{\"key\":\"zen\"," \
            "\"zone\":\"zen.example\",\"role\":\"single\",\"label\":\"Z\",\"title\":\"Zen\"," \
            "\"codes\":[{\"from\":\"127.0.0.2\",\"to\":\"127.0.0.3\",\"meaning\":\"SBL\"}]}]}}\n"

/* Hostile snapshots: each refused with its line and a reason. */
static void refused(void **state)
{
	static const struct {
		const char *text, *why;
	} cases[] = {
		{ "", ":0: empty" },
		{ "{\"ip\":\"192.0.2.1\"}\n", ":1: not an rblscope snapshot" },
		{ "[1]\n", ":1: not a JSON object" },
		{ "{\"record\":\"header\",\"format\":\"rblscope-snapshot\",\"version\":2}\n",
		  ":1: snapshot format version 2" },
		{ HDR "{\"ip\":\"192.0.2.999\",\"zen\":\"clean\"}\n", ":2: no ip" },
		{ HDR "{\"ip\":\"192.0.2.1\",\"zen\":\"maybe\"}\n", ":2: zen: no state" },
		{ HDR "{\"ip\":\"192.0.2.1\",\"zen\":\"clean\",\"zen_codes\":[\"127.0.0.2\"]}\n",
		  ":2: zen: codes with a state" },
		{ HDR "{\"ip\":\"192.0.2.1\",\"zen\":\"listed\",\"zen_codes\":[\"x\"]}\n",
		  ":2: zen_codes: 'x' is not an address" },
		{ HDR "{\"ip\":\"192.0.2.1\",\"asn\":-1,\"zen\":\"clean\"}\n", ":2: asn is not" },
		{ HDR "{\"ip\":\"192.0.2.1\",\"zen\":\"clean\"\n", ":2: not a JSON object" },
		{ "{\"record\":\"header\",\"format\":\"rblscope-snapshot\",\"version\":1,"
		  "\"time\":\"2026-11-22T14:30:00Z\",\"targets\":[],\"profile\":{\"name\":\"t\","
		  "\"title\":\"T\",\"zones\":[{\"key\":\"Bad,Key\",\"zone\":\"zen.example\","
		  "\"role\":\"single\",\"title\":\"Zen\",\"any\":true}]}}\n", ":1: the profile:" },
		{ "{\"record\":\"header\",\"format\":\"rblscope-snapshot\",\"version\":1,"
		  "\"time\":\"yesterday\"}\n", ":1: header: time" },
	};
	struct snapshot snap;
	char err[512];

	(void)state;
	for (size_t i = 0; i < sizeof cases / sizeof cases[0]; i++) {
		file_write(cases[i].text);
		if (snapshot_read(path, &snap, err, sizeof err) == 0)
			fail_msg("case %zu accepted", i);
		if (!strstr(err, cases[i].why) || strncmp(err, path, strlen(path)) != 0)
			fail_msg("case %zu: \"%s\", want \"%s\"", i, err, cases[i].why);
	}
	assert_int_equal(snapshot_read("/nonexistent/x.json", &snap, err, sizeof err), -1);
}

/* What a snapshot says is read as a scan would: a listing without
 * codes or with an undocumented one is an error; an unknown reason is
 * "other"; the first record of an address wins; text is sanitised. */
static void read_as_a_scan(void **state)
{
	struct snapshot snap;
	char err[512];

	(void)state;
	file_write(HDR
	           "{\"ip\":\"192.0.2.3\",\"zen\":\"listed\",\"zen_codes\":[\"127.0.0.99\"]}\n"
	           "{\"ip\":\"192.0.2.1\",\"zen\":\"listed\",\"zen_codes\":[],\"zen_txt\":\"a\\u001b[31mb\"}\n"
	           "{\"ip\":\"192.0.2.2\",\"zen\":\"error\",\"zen_reason\":\"gremlins\"}\n"
	           "{\"ip\":\"192.0.2.0\",\"zen\":\"listed\",\"zen_codes\":[\"127.0.0.3\"]}\n"
	           "{\"ip\":\"192.0.2.0\",\"zen\":\"clean\"}\n");
	if (snapshot_read(path, &snap, err, sizeof err) < 0)
		fail_msg("%s", err);
	assert_int_equal(snap.nrows, 4);
	assert_int_equal(snap.rows[0].ip, NET);
	assert_int_equal(snap.rows[0].zone[0].state, LK_LISTED);   /* the first of two */
	assert_int_equal(snap.rows[1].zone[0].error, LKE_MALFORMED);
	assert_string_equal(snap.rows[1].zone[0].txt, "");
	assert_int_equal(snap.rows[2].zone[0].error, LKE_OTHER);
	assert_int_equal(snap.rows[3].zone[0].error, LKE_UNEXPECTED);
	assert_null(snapshot_row(&snap, NET + 9));
	assert_ptr_equal(snapshot_row(&snap, NET + 2), &snap.rows[2]);
	snapshot_free(&snap);
	/* the escape sequence of a TXT never survives */
	file_write(HDR "{\"ip\":\"192.0.2.1\",\"zen\":\"listed\",\"zen_codes\":[\"127.0.0.2\"],"
	           "\"zen_txt\":\"a\\u001b[31mb\"}\n");
	assert_int_equal(snapshot_read(path, &snap, err, sizeof err), 0);
	assert_string_equal(snap.rows[0].zone[0].txt, "a?[31mb");
	snapshot_free(&snap);
}

/* Two snapshots: one row per changed address, each change named. */
static void diff_of_two(void **state)
{
	char old_path[600], *out = NULL;
	size_t len = 0;
	struct snapshot a, b;
	char err[512];
	FILE *f;

	(void)state;
	snprintf(old_path, sizeof old_path, "%s/old.json", dir);
	file_write(HDR
	           "{\"ip\":\"192.0.2.0\",\"zen\":\"listed\",\"zen_codes\":[\"127.0.0.2\"]}\n"
	           "{\"ip\":\"192.0.2.1\",\"zen\":\"clean\"}\n"
	           "{\"ip\":\"192.0.2.2\",\"zen\":\"clean\"}\n"
	           "{\"ip\":\"192.0.2.3\",\"zen\":\"listed\",\"zen_codes\":[\"127.0.0.2\"]}\n");
	assert_int_equal(rename(path, old_path), 0);
	file_write(HDR
	           "{\"ip\":\"192.0.2.0\",\"zen\":\"clean\"}\n"
	           "{\"ip\":\"192.0.2.1\",\"zen\":\"listed\",\"zen_codes\":[\"127.0.0.3\"]}\n"
	           "{\"ip\":\"192.0.2.2\",\"zen\":\"error\",\"zen_reason\":\"timeout\"}\n"
	           "{\"ip\":\"192.0.2.3\",\"zen\":\"listed\",\"zen_codes\":[\"127.0.0.3\"]}\n"
	           "{\"ip\":\"192.0.2.9\",\"zen\":\"clean\"}\n");
	assert_int_equal(snapshot_read(old_path, &a, err, sizeof err), 0);
	assert_int_equal(snapshot_read(path, &b, err, sizeof err), 0);
	f = open_memstream(&out, &len);
	assert_int_equal(diff_write(f, EXPORT_CSV, &a, &b), EXIT_LISTED);
	assert_int_equal(fclose(f), 0);
	assert_string_equal(out,
		"ip,zen_change,zen_old,zen_new,zen_old_reason,zen_new_reason,zen_old_codes,zen_new_codes\n"
		"192.0.2.0,delisted,listed,clean,,,127.0.0.2,\n"
		"192.0.2.1,listed,clean,listed,,,,127.0.0.3\n"
		"192.0.2.2,error,clean,error,,timeout,,\n"
		"192.0.2.3,codes,listed,listed,,,127.0.0.2,127.0.0.3\n");
	free(out);
	f = open_memstream(&out, &len);
	assert_int_equal(diff_write(f, EXPORT_TEXT, &a, &b), EXIT_LISTED);
	assert_int_equal(fclose(f), 0);
	assert_non_null(strstr(out, "4 in both, 0 only in old, 1 only in new"));
	assert_non_null(strstr(out, "changed   4 addresses: +1 listed, -1 delisted, 1 newly failing"));
	free(out);
	f = open_memstream(&out, &len);
	assert_int_equal(diff_write(f, EXPORT_JSON, &a, &b), EXIT_LISTED);
	assert_int_equal(fclose(f), 0);
	assert_non_null(strstr(out, "{\"ip\":\"192.0.2.3\",\"zen_change\":\"codes\",\"zen_old\":\"listed\","
	                            "\"zen_new\":\"listed\",\"zen_old_reason\":\"\",\"zen_new_reason\":\"\","
	                            "\"zen_old_codes\":[\"127.0.0.2\"],\"zen_new_codes\":[\"127.0.0.3\"]}\n"));
	assert_non_null(strstr(out, "\"zen_old_codes\":[],\"zen_new_codes\":[\"127.0.0.3\"]"));
	free(out);
	/* the same twice: nothing changed */
	f = open_memstream(&out, &len);
	assert_int_equal(diff_write(f, EXPORT_JSON, &b, &b), EXIT_NOTHING_LISTED);
	assert_int_equal(fclose(f), 0);
	assert_string_equal(out, "");
	free(out);
	snapshot_free(&a);
	snapshot_free(&b);
	unlink(old_path);
}

#define HDR2 "{\"record\":\"header\",\"format\":\"rblscope-snapshot\",\"version\":1," \
             "\"time\":\"2026-11-22T14:30:00Z\",\"targets\":[\"192.0.2.0/30\"]," \
             "\"profile\":{\"name\":\"t\",\"title\":\"T\",\"zones\":[" \
             "{\"key\":\"a\",\"zone\":\"a.example\",\"role\":\"single\",\"title\":\"A\",\"any\":true}," \
             "{\"key\":\"b\",\"zone\":\"b.example\",\"role\":\"info\",\"title\":\"B\",\"any\":true}]}}\n"

/* The summary counts addresses, each once by the change that says most
 * of it; the zone lines count answers. */
static void diff_counts_addresses(void **state)
{
	char old_path[600], *out = NULL;
	size_t len = 0;
	struct snapshot a, b;
	char err[512];
	FILE *f;

	(void)state;
	snprintf(old_path, sizeof old_path, "%s/old.json", dir);
	file_write(HDR2
	           "{\"ip\":\"192.0.2.0\",\"a\":\"clean\",\"b\":\"clean\"}\n"
	           "{\"ip\":\"192.0.2.1\",\"a\":\"clean\",\"b\":\"listed\",\"b_codes\":[\"127.0.0.2\"]}\n");
	assert_int_equal(rename(path, old_path), 0);
	file_write(HDR2
	           "{\"ip\":\"192.0.2.0\",\"a\":\"listed\",\"a_codes\":[\"127.0.0.2\"],"
	           "\"b\":\"listed\",\"b_codes\":[\"127.0.0.2\"]}\n"
	           "{\"ip\":\"192.0.2.1\",\"a\":\"error\",\"a_reason\":\"timeout\",\"b\":\"clean\"}\n");
	assert_int_equal(snapshot_read(old_path, &a, err, sizeof err), 0);
	assert_int_equal(snapshot_read(path, &b, err, sizeof err), 0);
	f = open_memstream(&out, &len);
	assert_int_equal(diff_write(f, EXPORT_TEXT, &a, &b), EXIT_LISTED);
	assert_int_equal(fclose(f), 0);
	/* .0: listed on both zones, one address; .1: delisted says more
	 * than newly failing */
	assert_non_null(strstr(out, "changed   2 addresses: +1 listed, -1 delisted, 0 newly failing"));
	assert_non_null(strstr(out, "  b         +1 listed, -1 delisted"));
	free(out);
	snapshot_free(&a);
	snapshot_free(&b);
	unlink(old_path);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(round_trip),
		cmocka_unit_test(backend_answers),
		cmocka_unit_test(refused),
		cmocka_unit_test(read_as_a_scan),
		cmocka_unit_test(diff_of_two),
		cmocka_unit_test(diff_counts_addresses),
	};

	return cmocka_run_group_tests(tests, setup, teardown);
}
