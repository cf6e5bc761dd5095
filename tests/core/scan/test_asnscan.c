/* Unit tests for core/scan/asnscan.c over a small ASN database built at start
 * by assets/build/mkasndb.pl (run from the repository root; exits 77 when
 * the Perl writer is missing) and a backend written here that holds every
 * query until the test lets the answers out, by a fixed rule. */
#include <stdarg.h>
#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>
#include <setjmp.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/wait.h>
#include <unistd.h>
#include <cmocka.h>

#include "tests/core/testfix.h"

#include "core/scan/asnscan.h"
#include "core/lookup/backend.h"
#include "core/base/loop.h"
#include "core/scan/session.h"
#include "geo/asn.h"

#define MKASNDB "assets/build/mkasndb.pl"
#define A(a, b, c, d) ((uint32_t)(a) << 24 | (uint32_t)(b) << 16 | (uint32_t)(c) << 8 | (uint32_t)(d))

#define BIG 64496u     /* four networks */
#define OTHER 64500u   /* one */

/* The networks of BIG in address order, as the CSV below declares them. */
static const struct { uint32_t net; unsigned prefix; } big_nets[] = {
	{ A(10, 0, 0, 0), 22 },      /* 4 /24s */
	{ A(100, 64, 0, 0), 14 },    /* 1024 /24s */
	{ A(192, 0, 2, 0), 25 },     /* smaller than a /24 */
	{ A(198, 51, 100, 0), 24 },
};

static const char asn_csv[] =
	"# start,end,asn,org\n"
	"198.51.100.0,198.51.100.255,64496,Big Net\n"
	"10.0.0.0,10.0.3.255,64496,Big Net\n"
	"192.0.2.0,192.0.2.127,64496,Big Net\n"
	"100.64.0.0,100.67.255.255,64496,Big Net\n"
	"203.0.113.0,203.0.113.255,64500,Other Net\n";

struct fixture {
	char dir[512], csv[600], db[600];
};

/* ---------------------------------------------------------------- */
/* The test backend: queries wait in a list; held ones wait longer.  */

struct hq {
	uint32_t ip;
	bool l3;
	backend_cb cb;
	void *arg;
	struct hq *next;
};

struct hbe {
	struct backend base;
	struct hq *queue;
	unsigned inflight;
	size_t l1_queries, queries;
};

static bool in_net(uint32_t ip, uint32_t net, unsigned prefix)
{
	return (ip & (prefix ? ~(uint32_t)0 << (32 - prefix) : 0)) == net;
}

/* The /24 index of ip inside 100.64.0.0/14. */
static unsigned idx14(uint32_t ip)
{
	return (ip - A(100, 64, 0, 0)) >> 8;
}

/* Answers wait until released when this says so. */
static bool rule_held(uint32_t ip, bool l3)
{
	if (in_net(ip, A(10, 0, 2, 0), 24))
		return true;
	if (l3 && in_net(ip, A(100, 64, 0, 0), 14) && idx14(ip) == 1001)
		return true;
	return l3 && in_net(ip, A(192, 0, 2, 0), 25);
}

/* The rule the figures are checked against:
 *   10.0.0.0/22:   /24 0 listed on both, 1 failed on both, 2 held, 3 clean
 *   100.64.0.0/14: L2 lists /24s 0-255, fails 512-515; L3 fails on 1000
 *                  and holds 1001
 *   192.0.2.0/25:  L2 listed, L3 held
 *   198.51.100/24: L3 listed, L2 clean
 * Held answers are clean when released. */
static enum lk_state rule_state(uint32_t ip, bool l3)
{
	if (in_net(ip, A(10, 0, 0, 0), 22)) {
		unsigned k = (ip >> 8) & 3;

		return k == 0 ? LK_LISTED : k == 1 ? LK_ERROR : LK_CLEAN;
	}
	if (in_net(ip, A(100, 64, 0, 0), 14)) {
		unsigned k = idx14(ip);

		if (l3)
			return k == 1000 ? LK_ERROR : LK_CLEAN;
		return k < 256 ? LK_LISTED : k >= 512 && k <= 515 ? LK_ERROR : LK_CLEAN;
	}
	if (in_net(ip, A(192, 0, 2, 0), 25))
		return l3 ? LK_CLEAN : LK_LISTED;
	if (in_net(ip, A(198, 51, 100, 0), 24))
		return l3 ? LK_LISTED : LK_CLEAN;
	return LK_CLEAN;
}

static int hbe_query(struct backend *b, uint32_t ip, const char *zone, unsigned flags,
                     backend_cb cb, void *arg)
{
	struct hbe *be = (struct hbe *)b;
	struct hq *q = calloc(1, sizeof *q);

	(void)flags;
	assert_non_null(q);
	if (strcmp(zone, "dnsbl-1.uceprotect.net") == 0)
		be->l1_queries++;
	else if (strcmp(zone, "dnsbl-3.uceprotect.net") != 0 &&
	         strcmp(zone, "dnsbl-2.uceprotect.net") != 0)
		fail_msg("query for zone %s", zone);
	*q = (struct hq){ ip, strcmp(zone, "dnsbl-3.uceprotect.net") == 0, cb, arg, be->queue };
	be->queue = q;
	be->inflight++;
	be->queries++;
	return 0;
}

/* Answer what is queued (and what those answers make the scan ask),
 * the held ones too when release is set. */
static void hbe_answer(struct hbe *be, bool release)
{
	bool any = true;

	while (any) {
		struct hq **pp = &be->queue;

		any = false;
		while (*pp) {
			struct hq *q = *pp;
			struct lookup res = { .txt = "" };

			if (!release && rule_held(q->ip, q->l3)) {
				pp = &q->next;
				continue;
			}
			*pp = q->next;
			be->inflight--;
			res.state = rule_state(q->ip, q->l3);
			if (res.state == LK_LISTED)
				res.code = A(127, 0, 0, 2);
			else if (res.state == LK_ERROR)
				res.error = LKE_TIMEOUT;
			q->cb(q->arg, &res);
			free(q);
			any = true;
			pp = &be->queue;   /* the callback may have queued more */
		}
	}
}

static unsigned hbe_inflight(const struct backend *b)
{
	return ((const struct hbe *)b)->inflight;
}

static const char *hbe_describe(const struct backend *b)
{
	(void)b;
	return "asnscan test backend";
}

static void hbe_destroy(struct backend *b)
{
	struct hbe *be = (struct hbe *)b;

	while (be->queue) {
		struct hq *q = be->queue;
		struct lookup res = { .txt = "" };

		be->queue = q->next;
		lk_set_error(&res, LKE_OTHER);
		q->cb(q->arg, &res);
		free(q);
	}
	free(be);
}

static const struct backend_ops hbe_ops = {
	.query = hbe_query,
	.inflight = hbe_inflight,
	.describe = hbe_describe,
	.ptr = NULL,
	.destroy = hbe_destroy,
};

/* ---------------------------------------------------------------- */
/* Fixture                                                           */

static int run_writer(const char *out, const char *csv)
{
	int status;
	pid_t pid = fork();

	if (pid == 0) {
		execlp("perl", "perl", MKASNDB, "--ip-version", "4", "-o", out, csv, (char *)NULL);
		_exit(127);
	}
	if (pid < 0 || waitpid(pid, &status, 0) < 0)
		return -1;
	return WIFEXITED(status) && WEXITSTATUS(status) == 0 ? 0 : -1;
}

static int setup(void **state)
{
	static struct fixture fx;
	const char *tmp = getenv("TMPDIR");
	FILE *f;

	snprintf(fx.dir, sizeof fx.dir, "%s/rblscope-asnscan-XXXXXX", tmp && *tmp ? tmp : "/tmp");
	if (!mkdtemp(fx.dir))
		return -1;
	snprintf(fx.csv, sizeof fx.csv, "%s/asn.csv", fx.dir);
	snprintf(fx.db, sizeof fx.db, "%s/asn.mmdb", fx.dir);
	f = fopen(fx.csv, "w");
	if (!f)
		return -1;
	fputs(asn_csv, f);
	if (fclose(f) != 0 || run_writer(fx.db, fx.csv) < 0) {
		fprintf(stderr, "cannot build the test database in %s\n", fx.dir);
		return -1;
	}
	*state = &fx;
	return 0;
}

static int teardown(void **state)
{
	struct fixture *fx = *state;

	unlink(fx->csv);
	unlink(fx->db);
	rmdir(fx->dir);
	return 0;
}

/* A session by hand: profile, its zones, a loop, the DB, and (when
 * with_be) the holding backend. */
static struct hbe *session_make(struct session *s, const struct fixture *fx,
                                const char *profile, bool with_db, bool with_be)
{
	char err[256] = "";
	struct hbe *be = NULL;

	memset(s, 0, sizeof *s);
	s->profile = profile_find(profile);
	assert_non_null(s->profile);
	s->nzones = s->profile->nzones;
	for (size_t z = 0; z < s->nzones; z++)
		s->zones[z] = s->profile->zones[z].zone;
	s->lp = loop_new();
	assert_non_null(s->lp);
	if (with_db) {
		s->db = asn_db_open(fx->db, err, sizeof err);
		if (!s->db)
			fail_msg("%s", err);
	}
	if (with_be) {
		be = calloc(1, sizeof *be);
		assert_non_null(be);
		be->base.ops = &hbe_ops;
		s->be = &be->base;
	}
	return be;
}

static void session_drop(struct session *s)
{
	backend_destroy(s->be);
	if (s->db)
		asn_db_close(s->db);
	loop_free(s->lp);
}

/* ---------------------------------------------------------------- */
/* Plans                                                             */

static void plan_every_24(void **state)
{
	struct session s;
	struct asnscan a;
	char err[256] = "";

	session_make(&s, *state, "uceprotect", true, false);
	assert_int_equal(asnscan_init(&a, &s, BIG, 0, err, sizeof err), 0);
	assert_int_equal(a.asn, BIG);
	assert_string_equal(a.org, "Big Net");
	assert_int_equal(a.total, 1024 + 262144 + 128 + 256);
	assert_int_equal(a.nnets, 4);
	/* only the range and ASN zones are probed */
	assert_int_equal(a.sub.nzones, 2);
	assert_int_equal(a.sc.nzones, 2);
	assert_string_equal(a.zones[0], "dnsbl-2.uceprotect.net");
	assert_string_equal(a.zones[1], "dnsbl-3.uceprotect.net");

	size_t first = 0;

	for (size_t i = 0; i < 4; i++) {
		const struct asnscan_net *n = &a.nets[i];
		uint64_t n24 = big_nets[i].prefix >= 24 ? 1 : (uint64_t)1 << (24 - big_nets[i].prefix);

		assert_int_equal(n->net, big_nets[i].net);
		assert_int_equal(n->prefix, big_nets[i].prefix);
		assert_int_equal(n->n24, n24);
		assert_int_equal(n->first, first);
		assert_int_equal(n->count, n24);   /* under budget: one per /24 */
		for (size_t j = 0; j < n->count; j++) {
			uint32_t ip = a.sc.cells[n->first + j].ip;

			assert_true(in_net(ip, n->net, n->prefix));
			/* the j-th probe in the j-th /24 */
			assert_int_equal((ip - n->net) >> 8, (uint32_t)j);
		}
		first += n->count;
	}
	assert_int_equal(a.sc.ncells, 4 + 1024 + 1 + 1);
	for (size_t c = 1; c < a.sc.ncells; c++)
		assert_true(a.sc.cells[c - 1].ip < a.sc.cells[c].ip);
	asnscan_free(&a);
	session_drop(&s);
}

static void plan_sampled(void **state)
{
	struct session s;
	struct asnscan a;
	struct asnscan_sum sum;
	char err[256] = "";
	/* 1030 /24s for 64 probes: 4*64/1030 = 0 -> 1, 1024*64/1030 = 63,
	 * then 1 and 1 */
	static const size_t want[4] = { 1, 63, 1, 1 };

	session_make(&s, *state, "uceprotect", true, false);
	assert_int_equal(asnscan_init(&a, &s, BIG, 64, err, sizeof err), 0);
	assert_int_equal(a.sc.ncells, 66);
	for (size_t i = 0; i < 4; i++) {
		const struct asnscan_net *n = &a.nets[i];

		assert_int_equal(n->count, want[i]);
		assert_true(n->count >= 1);
		asnscan_summary(&a, i, &sum);
		assert_int_equal(sum.probes, want[i]);
		assert_int_equal(sum.sampled, want[i] < n->n24);
	}
	/* the /14: evenly spread, one per distinct /24, from its start */
	const struct asnscan_net *n = &a.nets[1];
	uint32_t prev = 0;

	assert_int_equal(a.sc.cells[n->first].ip, n->net);
	for (size_t j = 0; j < n->count; j++) {
		uint32_t ip = a.sc.cells[n->first + j].ip;
		uint32_t k = (ip - n->net) >> 8;

		assert_true(in_net(ip, n->net, n->prefix));
		assert_int_equal(ip & 255, 0);
		if (j) {
			/* 1024/63 is 16.25: steps of 16 or 17 /24s */
			assert_true(k - prev == 16 || k - prev == 17);
		}
		prev = k;
	}
	/* the last probe is in the last step, not far before the end */
	assert_true(prev >= 1024 - 17);
	for (size_t c = 1; c < a.sc.ncells; c++)
		assert_true(a.sc.cells[c - 1].ip < a.sc.cells[c].ip);
	asnscan_free(&a);

	/* a tiny budget still gives every network a probe */
	assert_int_equal(asnscan_init(&a, &s, BIG, 1, err, sizeof err), 0);
	for (size_t i = 0; i < 4; i++)
		assert_true(a.nets[i].count >= 1);
	asnscan_free(&a);

	/* the other ASN: its one network */
	assert_int_equal(asnscan_init(&a, &s, OTHER, 64, err, sizeof err), 0);
	assert_int_equal(a.nnets, 1);
	assert_string_equal(a.org, "Other Net");
	assert_int_equal(a.nets[0].net, A(203, 0, 113, 0));
	assert_int_equal(a.sc.ncells, 1);
	assert_int_equal(a.sc.cells[0].ip, A(203, 0, 113, 0));
	asnscan_free(&a);
	session_drop(&s);
}

static void init_errors(void **state)
{
	struct session s;
	struct asnscan a;
	char err[256];

	/* no DB */
	session_make(&s, *state, "uceprotect", false, false);
	err[0] = '\0';
	assert_int_equal(asnscan_init(&a, &s, BIG, 0, err, sizeof err), -1);
	assert_non_null(strstr(err, "AS64496"));
	assert_non_null(strstr(err, "database"));
	session_drop(&s);

	/* an ASN the DB does not have */
	session_make(&s, *state, "uceprotect", true, false);
	err[0] = '\0';
	assert_int_equal(asnscan_init(&a, &s, 64511, 0, err, sizeof err), -1);
	assert_non_null(strstr(err, "AS64511"));
	session_drop(&s);

	/* a profile with no range or ASN zone */
	session_make(&s, *state, "spamhaus", true, false);
	err[0] = '\0';
	assert_int_equal(asnscan_init(&a, &s, BIG, 0, err, sizeof err), -1);
	assert_non_null(strstr(err, "spamhaus"));
	session_drop(&s);
}

/* ---------------------------------------------------------------- */
/* Probing                                                           */

static void summaries_and_totals(void **state)
{
	struct session s;
	struct asnscan a;
	struct asnscan_sum sum;
	char err[256] = "";
	uint64_t l3a, l2a;
	size_t l3n;
	struct hbe *be = session_make(&s, *state, "uceprotect", true, true);

	assert_int_equal(asnscan_init(&a, &s, BIG, 0, err, sizeof err), 0);
	asnscan_start(&a, &s, 0, 1u << 20, 0);
	assert_int_equal(be->l1_queries, 0);
	assert_int_equal(be->queries, 2 * a.sc.ncells);

	/* nothing answered: all pending */
	for (size_t i = 0; i < a.nnets; i++) {
		asnscan_summary(&a, i, &sum);
		assert_int_equal(sum.l3, LK_PENDING);
		assert_int_equal(sum.pending, a.nets[i].count);
		assert_int_equal(sum.listed + sum.clean + sum.error, 0);
		assert_false(sum.sampled);
	}
	asnscan_totals(&a, &l3a, &l2a, &l3n);
	assert_int_equal(l3a, 0);
	assert_int_equal(l2a, 0);
	assert_int_equal(l3n, 0);

	/* everything but the held answers */
	hbe_answer(be, false);

	asnscan_summary(&a, 0, &sum);           /* 10.0.0.0/22 */
	assert_int_equal(sum.l3, LK_LISTED);    /* listed beats error and pending */
	assert_int_equal(sum.listed, 1);
	assert_int_equal(sum.error, 1);
	assert_int_equal(sum.pending, 1);
	assert_int_equal(sum.clean, 1);
	assert_int_equal(sum.probes, 4);

	asnscan_summary(&a, 1, &sum);           /* 100.64.0.0/14 */
	assert_int_equal(sum.l3, LK_ERROR);     /* error beats pending and clean */
	assert_int_equal(sum.listed, 256);
	assert_int_equal(sum.error, 4);
	assert_int_equal(sum.pending, 0);
	assert_int_equal(sum.clean, 1024 - 256 - 4);

	asnscan_summary(&a, 2, &sum);           /* 192.0.2.0/25 */
	assert_int_equal(sum.l3, LK_PENDING);   /* pending beats clean */
	assert_int_equal(sum.listed, 1);
	assert_int_equal(sum.probes, 1);

	asnscan_summary(&a, 3, &sum);           /* 198.51.100.0/24 */
	assert_int_equal(sum.l3, LK_LISTED);
	assert_int_equal(sum.clean, 1);
	assert_int_equal(sum.listed, 0);

	/* the held ones come back clean */
	hbe_answer(be, true);
	assert_true(scan_finished(&a.sc));
	asnscan_summary(&a, 0, &sum);
	assert_int_equal(sum.l3, LK_LISTED);
	assert_int_equal(sum.pending, 0);
	assert_int_equal(sum.clean, 2);
	asnscan_summary(&a, 1, &sum);
	assert_int_equal(sum.l3, LK_ERROR);
	asnscan_summary(&a, 2, &sum);
	assert_int_equal(sum.l3, LK_CLEAN);

	/* level 3: the /22 and the /24; level 2: a quarter of the /22, a
	 * quarter of the /14 and the whole /25 */
	asnscan_totals(&a, &l3a, &l2a, &l3n);
	assert_int_equal(l3n, 2);
	assert_int_equal(l3a, 1024 + 256);
	assert_int_equal(l2a, 256 + 65536 + 128);
	asnscan_free(&a);
	session_drop(&s);
}

/* Sampled, the level 2 figure is estimated from the probes' share. */
static void totals_sampled(void **state)
{
	struct session s;
	struct asnscan a;
	struct asnscan_sum sum;
	char err[256] = "";
	uint64_t l3a, l2a;
	size_t l3n, listed = 0;
	struct hbe *be = session_make(&s, *state, "uceprotect", true, true);

	assert_int_equal(asnscan_init(&a, &s, BIG, 64, err, sizeof err), 0);
	asnscan_start(&a, &s, 0, 1u << 20, 0);
	hbe_answer(be, true);
	assert_true(scan_finished(&a.sc));
	/* which of the /14's probes fall in its first 256 /24s */
	for (size_t j = 0; j < a.nets[1].count; j++)
		listed += idx14(a.sc.cells[a.nets[1].first + j].ip) < 256;
	asnscan_summary(&a, 1, &sum);
	assert_true(sum.sampled);
	assert_int_equal(sum.listed, listed);
	/* the /22's one probe is in its listed first /24 */
	asnscan_summary(&a, 0, &sum);
	assert_true(sum.sampled);
	assert_int_equal(sum.listed, 1);
	assert_int_equal(sum.l3, LK_LISTED);
	asnscan_totals(&a, &l3a, &l2a, &l3n);
	assert_int_equal(l3n, 2);
	assert_int_equal(l3a, 1024 + 256);
	assert_int_equal(l2a, 1024 + (uint64_t)262144 * listed / a.nets[1].count + 128);
	asnscan_free(&a);
	session_drop(&s);
}

/* A hand-built ASN scan of 198.18.0.0/16 probed at four /24s, with the
 * level-2 answers given; no database or backend needed. */
struct l2case {
	struct asnscan a;
	struct asnscan_net net;
};

static void l2case_init(struct l2case *t)
{
	static const uint32_t ips[4] = {
		A(198, 18, 0, 0), A(198, 18, 64, 0), A(198, 18, 128, 0), A(198, 18, 192, 0),
	};

	memset(t, 0, sizeof *t);
	t->a.sub = (struct profile){ .name = "t", .nzones = 1,
	                             .zones = { { "l2", "l2.test", ZR_RANGE, "level 2" } } };
	t->a.zones[0] = "l2.test";
	t->net = (struct asnscan_net){ A(198, 18, 0, 0), 16, 0, 4, 256 };
	t->a.nets = &t->net;
	t->a.nnets = 1;
	assert_int_equal(scan_init_list(&t->a.sc, &t->a.sub, t->a.zones, ips, 4, NULL), 0);
	for (size_t i = 0; i < 4; i++)
		t->a.sc.cells[i].zone[0].state = LK_CLEAN;
}

/* Probe i says listed, with TXT text. */
static void l2case_listed(struct l2case *t, size_t i, const char *text)
{
	struct lookup *l = &t->a.sc.cells[i].zone[0];

	l->state = LK_LISTED;
	l->code = A(127, 0, 0, 2);
	l->txt = text;
}

static void l2_from_named_ranges(void **state)
{
	struct l2case t;

	(void)state;
	/* A /25 and a /18 named: exactly their addresses. */
	l2case_init(&t);
	l2case_listed(&t, 0, "Net 198.18.0.0/25 is UCEPROTECT-Level2 listed because 4 impacts");
	l2case_listed(&t, 1, "Net 198.18.64.0/18 is UCEPROTECT-Level2 listed because 90 impacts");
	assert_int_equal(asnscan_l2_addrs(&t.a, 0), 128 + 16384);
	scan_free(&t.a.sc);

	/* Two probes in one /17: counted once. */
	l2case_init(&t);
	l2case_listed(&t, 0, "Net 198.18.0.0/17 is UCEPROTECT-Level2 listed");
	l2case_listed(&t, 1, "Net 198.18.0.0/17 is UCEPROTECT-Level2 listed");
	assert_int_equal(asnscan_l2_addrs(&t.a, 0), 32768);
	scan_free(&t.a.sc);

	/* A range wider than the network covers the network, no more. */
	l2case_init(&t);
	l2case_listed(&t, 2, "Net 198.0.0.0/8 is UCEPROTECT-Level2 listed");
	assert_int_equal(asnscan_l2_addrs(&t.a, 0), 65536);
	scan_free(&t.a.sc);
}

static void l2_unnamed_ranges_are_estimated(void **state)
{
	struct l2case t;

	(void)state;
	/* One listing of four probes names no range: a quarter of the /16,
	 * plus the /25 the other names. */
	l2case_init(&t);
	l2case_listed(&t, 0, "Net 198.18.0.0/25 is UCEPROTECT-Level2 listed");
	l2case_listed(&t, 3, "listed, no network given");
	assert_int_equal(asnscan_l2_addrs(&t.a, 0), 128 + 16384);
	scan_free(&t.a.sc);

	/* A named range outside the network says nothing about it: it is
	 * counted as a listing without a range. */
	l2case_init(&t);
	l2case_listed(&t, 1, "Net 203.0.113.0/24 is UCEPROTECT-Level2 listed");
	assert_int_equal(asnscan_l2_addrs(&t.a, 0), 16384);
	scan_free(&t.a.sc);

	/* Nothing listed: nothing. */
	l2case_init(&t);
	assert_int_equal(asnscan_l2_addrs(&t.a, 0), 0);
	scan_free(&t.a.sc);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(plan_every_24),
		cmocka_unit_test(plan_sampled),
		cmocka_unit_test(init_errors),
		cmocka_unit_test(summaries_and_totals),
		cmocka_unit_test(totals_sampled),
		cmocka_unit_test(l2_from_named_ranges),
		cmocka_unit_test(l2_unnamed_ranges_are_estimated),
	};

	int missing = asndb_writer_missing(MKASNDB);

	if (missing)
		return missing;
	return cmocka_run_group_tests(tests, setup, teardown);
}
