/* Unit tests for core/scan/scan.c on core/base/loop.c, with a real backend written
 * here: it answers from a fixed rule, at once for some zones and through
 * a loop timer for others, fails some addresses and records how many
 * lookups it holds at a time. */
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

#include "core/lookup/backend.h"
#include "core/base/loop.h"
#include "core/scan/scan.h"

#define A(a, b, c, d) ((uint32_t)(a) << 24 | (uint32_t)(b) << 16 | (uint32_t)(c) << 8 | (uint32_t)(d))
#define NET A(192, 0, 2, 0)
#define LISTED_CODE A(127, 0, 0, 2)

/* Zones whose names start with "sync." answer inside query(). */
static const struct profile test_profile = { "test", "scan test", 4, {
	{ "s", "sync.single.test", ZR_SINGLE, "single", "s", true, 0, NULL },
	{ "r", "async.range.test", ZR_RANGE, "range", "r", true, 0, NULL },
	{ "a", "async.asn.test", ZR_ASN, "asn", "a", true, 0, NULL },
	{ "i", "sync.info.test", ZR_INFO, "info", "i", true, 0, NULL },
}, "test" };

/* ---------------------------------------------------------------- */
/* The test backend                                                  */

struct tq;

struct tbe {
	struct backend base;        /* first: the scan sees only this */
	struct loop *lp;
	const struct profile *p;
	int gen;                    /* written into every answer */
	unsigned delay_ms;          /* of asynchronous answers */
	bool all_async;             /* ignore the "sync." prefix */
	int fail_start_host;        /* query() returns -1 for this host byte (-1: none) */
	bool fail_all;              /* query() always returns -1 */
	bool cached;                /* synchronous answers come from a cache (1) */
	int timeout_after;          /* answers past this many are timeouts (-1: none) */
	unsigned inflight, max_inflight;
	size_t queries, delivered, refused;
	struct tq *pending;
};

struct tq {
	struct loop_timer t;
	struct tbe *be;
	backend_cb cb;
	void *arg;
	struct lookup res;
	struct tq *next;
};

/* The answer the backend gives for host byte h in zone z: the rule the
 * tests check against. */
static struct lookup rule_answer(unsigned h, size_t z, int gen)
{
	struct lookup l = { .state = LK_CLEAN, .txt = "" };

	if (h == 9) {
		/* one address no zone can answer for */
		l.state = LK_ERROR;
		l.error = LKE_REFUSED;
	} else if (z == 0) {
		if (h % 5 == 1)
			l.state = LK_LISTED;
		else if (h % 7 == 3)
			l.state = LK_ERROR, l.error = LKE_TIMEOUT;
	} else if (z == 1) {
		if (h >= 16 && h < 24)
			l.state = LK_LISTED;
		else if (h == 30)
			l.state = LK_ERROR, l.error = LKE_SERVFAIL;
	} else if (z == 2) {
		if (h % 2 == 0)
			l.state = LK_LISTED;
	} else {
		if (h % 8 == 7)
			l.state = LK_LISTED;
		else if (h == 12)
			l.state = LK_ERROR, l.error = LKE_NETWORK;
	}
	if (l.state == LK_LISTED)
		l.code = LISTED_CODE + (uint32_t)gen;
	/* the scan keeps its own copy: a few buffers outlive the callback */
	static char texts[8][16];

	snprintf(texts[gen % 8], sizeof texts[0], "gen %d", gen);
	l.txt = texts[gen % 8];
	return l;
}

static size_t zone_index(const struct tbe *be, const char *zone)
{
	for (size_t z = 0; z < be->p->nzones; z++)
		if (strcmp(be->p->zones[z].zone, zone) == 0)
			return z;
	fail_msg("query for unknown zone %s", zone);
	return 0;
}

static void tq_fire(void *arg)
{
	struct tq *q = arg, **pp;
	struct tbe *be = q->be;
	struct lookup res = q->res;
	backend_cb cb = q->cb;
	void *cb_arg = q->arg;

	for (pp = &be->pending; *pp != q; pp = &(*pp)->next)
		assert_non_null(*pp);
	*pp = q->next;
	free(q);
	be->inflight--;
	be->delivered++;
	cb(cb_arg, &res);
}

static int tbe_query(struct backend *b, uint32_t ip, const char *zone, unsigned flags,
                     backend_cb cb, void *arg)
{
	struct tbe *be = (struct tbe *)b;
	size_t z = zone_index(be, zone);
	unsigned h = ip & 255;
	struct lookup res;
	struct tq *q;

	(void)flags;
	if (be->fail_all || (int)h == be->fail_start_host) {
		be->refused++;
		return -1;
	}
	be->queries++;
	res = rule_answer(h, z, be->gen);
	if (be->timeout_after >= 0 && be->queries > (size_t)be->timeout_after)
		lk_set_error(&res, LKE_TIMEOUT);
	be->inflight++;
	if (be->inflight > be->max_inflight)
		be->max_inflight = be->inflight;
	if (!be->all_async && strncmp(zone, "sync.", 5) == 0) {
		be->inflight--;
		be->delivered++;
		cb(arg, &res);
		return be->cached ? 1 : 0;
	}
	q = calloc(1, sizeof *q);
	assert_non_null(q);
	*q = (struct tq){ .be = be, .cb = cb, .arg = arg, .res = res, .next = be->pending };
	q->t = (struct loop_timer){ .fn = tq_fire, .arg = q };
	be->pending = q;
	/* spread the answers a little so that they come back out of order */
	loop_timer_arm(be->lp, &q->t, loop_now() + be->delay_ms + h % 3);
	return 0;
}

static unsigned tbe_inflight(const struct backend *b)
{
	return ((const struct tbe *)b)->inflight;
}

static const char *tbe_describe(const struct backend *b)
{
	(void)b;
	return "scan test backend";
}

static void tbe_destroy(struct backend *b)
{
	struct tbe *be = (struct tbe *)b;

	/* what is in flight ends with LKE_OTHER, as the interface says */
	while (be->pending) {
		struct tq *q = be->pending;
		struct lookup res = { .txt = "" };

		be->pending = q->next;
		loop_timer_cancel(be->lp, &q->t);
		be->inflight--;
		lk_set_error(&res, LKE_OTHER);
		q->cb(q->arg, &res);
		free(q);
	}
	free(be);
}

static const struct backend_ops tbe_ops = {
	.query = tbe_query,
	.inflight = tbe_inflight,
	.describe = tbe_describe,
	.ptr = NULL,
	.destroy = tbe_destroy,
};

static struct tbe *tbe_new(struct loop *lp, const struct profile *p)
{
	struct tbe *be = calloc(1, sizeof *be);

	assert_non_null(be);
	be->timeout_after = -1;
	be->base.ops = &tbe_ops;
	be->lp = lp;
	be->p = p;
	be->delay_ms = 3;
	be->fail_start_host = -1;
	return be;
}

/* ---------------------------------------------------------------- */
/* Running scans                                                     */

struct watch {
	volatile sig_atomic_t stop;
	struct loop_timer t;
	size_t answers;             /* on_answer calls */
	unsigned char *seen;        /* per lookup index */
	const struct scan *sc;
	bool after_done;            /* an answer came after done == total */
};

static void on_watchdog(void *arg)
{
	((struct watch *)arg)->stop = 1;
}

static void count_answer(void *arg, size_t cell, size_t zone)
{
	struct watch *w = arg;

	w->answers++;
	if (!w->sc)
		return;   /* the scan was freed: this call is itself the failure */
	if (w->seen)
		w->seen[cell * w->sc->nzones + zone]++;
	if (w->sc->done > w->sc->total)
		w->after_done = true;
}

/* Arm a watchdog of ms so that a hang fails instead of blocking. */
static void watch_begin(struct watch *w, struct scan *sc, struct loop *lp, uint64_t ms)
{
	memset(w, 0, sizeof *w);
	w->sc = sc;
	w->t = (struct loop_timer){ .fn = on_watchdog, .arg = w };
	loop_timer_arm(lp, &w->t, loop_now() + ms);
	sc->on_answer = count_answer;
	sc->on_answer_arg = w;
}

static void watch_end(struct watch *w, struct loop *lp)
{
	loop_timer_cancel(lp, &w->t);
	free(w->seen);
	w->seen = NULL;
}

/* Run the loop until the backend holds nothing (or the watchdog fires). */
static void drain(struct tbe *be, struct watch *w)
{
	while (be->inflight > 0 && !w->stop)
		loop_run_once(be->lp, -1);
	assert_false(w->stop);
}

/* ---------------------------------------------------------------- */
/* Tests                                                             */

static void every_cell_gets_every_answer(void **state)
{
	struct loop *lp = loop_new();
	struct tbe *be = tbe_new(lp, &test_profile);
	struct scan sc;
	struct watch w;
	size_t errors = 0;

	(void)state;
	assert_non_null(lp);
	assert_int_equal(scan_init(&sc, &test_profile, NULL, NET | 7, 27, NULL), 0);
	assert_int_equal(sc.net, NET);   /* host bits cleared */
	assert_int_equal(sc.ncells, 32);
	assert_int_equal(sc.total, 32 * 4);
	watch_begin(&w, &sc, lp, 10000);
	w.seen = calloc(sc.total, 1);
	assert_non_null(w.seen);
	scan_start(&sc, lp, &be->base, 0, 8, BQ_TXT);
	scan_run(&sc, &w.stop);
	assert_false(w.stop);
	assert_true(scan_finished(&sc));
	assert_int_equal(sc.done, sc.total);
	assert_int_equal(w.answers, sc.total);
	assert_false(w.after_done);

	for (unsigned h = 0; h < 32; h++) {
		const struct scan_cell *c = &sc.cells[h];

		assert_int_equal(c->ip, NET | h);
		for (size_t z = 0; z < 4; z++) {
			struct lookup want = rule_answer(h, z, 0);

			assert_int_equal(w.seen[h * 4 + z], 1);   /* once each */
			assert_int_equal(c->zone[z].state, want.state);
			assert_int_equal(c->zone[z].error, want.error);
			if (want.state == LK_LISTED)
				assert_int_equal(c->zone[z].code, want.code);
			errors += want.state == LK_ERROR;
		}
	}
	assert_int_equal(sc.failed, errors);
	assert_int_equal(be->delivered, sc.total);
	assert_int_equal(be->inflight, 0);

	watch_end(&w, lp);
	scan_free(&sc);
	backend_destroy(&be->base);
	loop_free(lp);
}

static void cell_of_an_address(void **state)
{
	struct scan sc;

	(void)state;
	assert_int_equal(scan_init(&sc, &test_profile, NULL, NET, 25, NULL), 0);
	assert_ptr_equal(scan_cell_of(&sc, NET), &sc.cells[0]);
	assert_ptr_equal(scan_cell_of(&sc, NET | 100), &sc.cells[100]);
	assert_ptr_equal(scan_cell_of(&sc, NET | 127), &sc.cells[127]);
	assert_null(scan_cell_of(&sc, NET | 128));
	assert_null(scan_cell_of(&sc, NET - 1));
	assert_null(scan_cell_of(&sc, A(198, 51, 100, 1)));
	scan_free(&sc);
}

static void list_scan_of_sparse_addresses(void **state)
{
	/* one address per /24, ascending, as an ASN sample is */
	static const uint32_t ips[] = {
		A(198, 51, 100, 1), A(198, 51, 101, 1), A(198, 51, 103, 9), A(203, 0, 113, 200),
		A(203, 0, 114, 0),
	};
	enum { N = sizeof ips / sizeof ips[0] };
	struct loop *lp = loop_new();
	struct tbe *be = tbe_new(lp, &test_profile);
	struct scan sc;
	struct watch w;

	(void)state;
	assert_int_equal(scan_init_list(&sc, &test_profile, NULL, ips, N, NULL), 0);
	assert_int_equal(sc.ncells, N);
	assert_int_equal(sc.total, N * 4);
	for (size_t i = 0; i < N; i++) {
		assert_int_equal(sc.cells[i].ip, ips[i]);
		assert_ptr_equal(scan_cell_of(&sc, ips[i]), &sc.cells[i]);
	}
	/* addresses between, before and after the listed ones */
	assert_null(scan_cell_of(&sc, A(198, 51, 100, 2)));
	assert_null(scan_cell_of(&sc, A(198, 51, 102, 1)));
	assert_null(scan_cell_of(&sc, A(198, 51, 100, 0)));
	assert_null(scan_cell_of(&sc, A(203, 0, 114, 1)));

	watch_begin(&w, &sc, lp, 10000);
	scan_start(&sc, lp, &be->base, 0, 3, 0);
	scan_run(&sc, &w.stop);
	assert_true(scan_finished(&sc));
	assert_int_equal(w.answers, N * 4);
	for (size_t i = 0; i < N; i++)
		for (size_t z = 0; z < 4; z++)
			assert_int_equal(sc.cells[i].zone[z].state, rule_answer(ips[i] & 255, z, 0).state);
	watch_end(&w, lp);
	scan_free(&sc);

	/* an empty list is finished before it starts */
	assert_int_equal(scan_init_list(&sc, &test_profile, NULL, ips, 0, NULL), 0);
	assert_int_equal(sc.total, 0);
	assert_null(scan_cell_of(&sc, ips[0]));
	scan_start(&sc, lp, &be->base, 0, 3, 0);
	assert_true(scan_finished(&sc));
	scan_free(&sc);
	backend_destroy(&be->base);
	loop_free(lp);
}

/* Set the three UCEPROTECT answers of a cell by letter: c clean,
 * l listed, e error, p pending. */
static void cell_set(struct scan_cell *c, const char *states)
{
	for (size_t z = 0; states[z]; z++) {
		struct lookup *l = &c->zone[z];

		memset(l, 0, sizeof *l);
		l->txt = "";
		switch (states[z]) {
		case 'c': l->state = LK_CLEAN; break;
		case 'l': l->state = LK_LISTED; l->code = LISTED_CODE; break;
		case 'e': l->state = LK_ERROR; l->error = LKE_TIMEOUT; break;
		case 'p': l->state = LK_PENDING; break;
		default: fail_msg("bad state letter %c", states[z]);
		}
	}
}

static void cell_class_order(void **state)
{
	static const struct {
		const char *states;     /* l1 l2 l3 */
		enum cell_class want;
	} cases[] = {
		{ "lll", CC_GUILTY },   /* guilty beats everything */
		{ "lcc", CC_GUILTY },
		{ "lee", CC_GUILTY },
		{ "cll", CC_RANGE },    /* range beats asn */
		{ "clc", CC_RANGE },
		{ "ele", CC_RANGE },    /* a listing beats an error */
		{ "plp", CC_RANGE },
		{ "ccl", CC_ASN },
		{ "eel", CC_ASN },
		{ "pcl", CC_ASN },
		{ "epc", CC_ERROR },    /* error beats pending */
		{ "cce", CC_ERROR },
		{ "ecc", CC_ERROR },
		{ "cpc", CC_PENDING },  /* pending beats clean */
		{ "ppp", CC_PENDING },
		{ "ccc", CC_CLEAN },
	};
	const struct profile *p = profile_find("uceprotect");
	struct scan sc;

	(void)state;
	assert_non_null(p);
	assert_int_equal(scan_init(&sc, p, NULL, NET, 27, NULL), 0);
	for (size_t i = 0; i < sizeof cases / sizeof cases[0]; i++) {
		cell_set(&sc.cells[i], cases[i].states);
		if (scan_cell_class(&sc, &sc.cells[i]) != cases[i].want)
			fail_msg("cell %s: class %d, want %d", cases[i].states,
			         scan_cell_class(&sc, &sc.cells[i]), cases[i].want);
	}
	/* the severity order itself, worst last */
	assert_true(CC_CLEAN < CC_PENDING && CC_PENDING < CC_ERROR && CC_ERROR < CC_ASN &&
	            CC_ASN < CC_RANGE && CC_RANGE < CC_GUILTY);
	scan_free(&sc);
}

static void uncounted_zones_do_not_colour_a_cell(void **state)
{
	const struct profile *p = profile_find("uceprotect-full");
	struct scan sc;
	struct scan_tally t;
	size_t bs = 0, wl = 0;

	(void)state;
	assert_non_null(p);
	for (size_t z = 0; z < p->nzones; z++) {
		if (p->zones[z].role == ZR_INFO)
			bs = z;
		if (p->zones[z].role == ZR_ALLOW)
			wl = z;
	}
	assert_true(bs >= 3 && wl >= 3);
	assert_int_equal(scan_init(&sc, p, NULL, NET, 30, NULL), 0);
	for (size_t i = 0; i < 4; i++)
		cell_set(&sc.cells[i], "ccccc");
	sc.cells[0].zone[bs].state = LK_LISTED;      /* backscatterer */
	sc.cells[1].zone[wl].state = LK_LISTED;      /* whitelisted */
	sc.cells[2].zone[bs].state = LK_ERROR;
	sc.cells[2].zone[bs].error = LKE_TIMEOUT;
	sc.cells[3].zone[wl].state = LK_PENDING;
	for (size_t i = 0; i < 4; i++)
		assert_int_equal(scan_cell_class(&sc, &sc.cells[i]), CC_CLEAN);
	scan_tally(&sc, &t);
	assert_int_equal(t.guilty, 0);
	assert_int_equal(t.collateral, 0);
	assert_int_equal(t.cls[CC_CLEAN], 4);
	assert_int_equal(t.listed[bs], 1);
	assert_int_equal(t.listed[wl], 1);
	assert_int_equal(t.error[bs], 1);
	assert_int_equal(t.pending[wl], 1);
	scan_free(&sc);
}

static void tally_guilty_and_collateral(void **state)
{
	static const char *const cells[8] = {
		"lll",   /* guilty: listed itself, not collateral */
		"clc",   /* collateral by range */
		"ccl",   /* collateral by ASN only */
		"cll",   /* collateral, counted under range */
		"ell",   /* L1 unknown: neither guilty nor collateral */
		"pll",   /* L1 not answered: neither */
		"ccc",   /* nothing */
		"cec",   /* nothing: an L2 error is no listing */
	};
	const struct profile *p = profile_find("uceprotect");
	struct scan sc;
	struct scan_tally t;

	(void)state;
	assert_int_equal(scan_init(&sc, p, NULL, NET, 29, NULL), 0);
	for (size_t i = 0; i < 8; i++)
		cell_set(&sc.cells[i], cells[i]);
	scan_tally(&sc, &t);
	assert_int_equal(t.cells, 8);
	assert_int_equal(t.guilty, 1);
	assert_int_equal(t.collateral, 3);
	assert_int_equal(t.collateral_range, 2);
	assert_int_equal(t.collateral_asn, 1);
	assert_int_equal(t.collateral, t.collateral_range + t.collateral_asn);
	/* per zone */
	assert_int_equal(t.listed[0], 1);
	assert_int_equal(t.clean[0], 5);
	assert_int_equal(t.error[0], 1);
	assert_int_equal(t.pending[0], 1);
	assert_int_equal(t.listed[1], 5);
	assert_int_equal(t.clean[1], 2);
	assert_int_equal(t.error[1], 1);
	assert_int_equal(t.listed[2], 5);
	assert_int_equal(t.clean[2], 3);
	/* per class */
	assert_int_equal(t.cls[CC_GUILTY], 1);
	assert_int_equal(t.cls[CC_RANGE], 4);
	assert_int_equal(t.cls[CC_ASN], 1);
	assert_int_equal(t.cls[CC_ERROR], 1);
	assert_int_equal(t.cls[CC_PENDING], 0);
	assert_int_equal(t.cls[CC_CLEAN], 1);
	scan_free(&sc);
}

static void tally_of_a_real_run(void **state)
{
	struct loop *lp = loop_new();
	struct tbe *be = tbe_new(lp, &test_profile);
	struct scan sc;
	struct scan_tally t;
	struct watch w;
	size_t guilty = 0, coll = 0, coll_range = 0, coll_asn = 0;

	(void)state;
	assert_int_equal(scan_init(&sc, &test_profile, NULL, NET, 27, NULL), 0);
	watch_begin(&w, &sc, lp, 10000);
	scan_start(&sc, lp, &be->base, 0, 16, 0);
	scan_run(&sc, &w.stop);
	assert_true(scan_finished(&sc));
	/* the definitions of rblscope-facts(7) (WORDS AND CLASSES), applied
	 * to the rule's answers */
	for (unsigned h = 0; h < 32; h++) {
		enum lk_state l1 = rule_answer(h, 0, 0).state;
		bool range = rule_answer(h, 1, 0).state == LK_LISTED;
		bool asn = rule_answer(h, 2, 0).state == LK_LISTED;

		if (l1 == LK_LISTED) {
			guilty++;
		} else if (l1 == LK_CLEAN && (range || asn)) {
			coll++;
			coll_range += range;
			coll_asn += !range;
		}
	}
	assert_true(guilty > 0 && coll_range > 0 && coll_asn > 0);
	scan_tally(&sc, &t);
	assert_int_equal(t.guilty, guilty);
	assert_int_equal(t.collateral, coll);
	assert_int_equal(t.collateral_range, coll_range);
	assert_int_equal(t.collateral_asn, coll_asn);
	assert_int_equal(t.done, sc.total);
	assert_int_equal(t.total, sc.total);
	assert_int_equal(t.failed, sc.failed);
	watch_end(&w, lp);
	scan_free(&sc);
	backend_destroy(&be->base);
	loop_free(lp);
}

static void window_is_never_exceeded(void **state)
{
	static const unsigned windows[] = { 1, 3, 5, 40 };
	struct scan sc;
	struct watch w;

	(void)state;
	for (size_t i = 0; i < sizeof windows / sizeof windows[0]; i++) {
		for (int async = 0; async < 2; async++) {
			struct loop *lp = loop_new();
			struct tbe *be = tbe_new(lp, &test_profile);

			be->all_async = async;
			assert_int_equal(scan_init(&sc, &test_profile, NULL, NET, 26, NULL), 0);
			watch_begin(&w, &sc, lp, 20000);
			scan_start(&sc, lp, &be->base, 0, windows[i], 0);
			scan_run(&sc, &w.stop);
			assert_true(scan_finished(&sc));
			if (be->max_inflight > windows[i])
				fail_msg("window %u: %u lookups in flight", windows[i], be->max_inflight);
			/* with every answer late, the window is used in full */
			if (async)
				assert_int_equal(be->max_inflight, windows[i]);
			watch_end(&w, lp);
			scan_free(&sc);
			backend_destroy(&be->base);
			loop_free(lp);
		}
	}
}

static void rate_limits_the_pace(void **state)
{
	static const struct profile one = { "one", "one zone", 1, {
		{ "s", "sync.single.test", ZR_SINGLE, "single", "s", true, 0, NULL },
	}, "test" };
	const double rate = 200;
	const size_t n = 64;
	struct loop *lp = loop_new();
	struct tbe *be = tbe_new(lp, &one);
	struct scan sc;
	struct watch w;
	uint64_t t0, took;
	double burst = rate / 10 + 1, least_ms;

	(void)state;
	assert_int_equal(scan_init(&sc, &one, NULL, NET, 26, NULL), 0);
	assert_int_equal(sc.total, n);
	watch_begin(&w, &sc, lp, 20000);
	t0 = loop_now();
	scan_start(&sc, lp, &be->base, rate, 100, 0);
	scan_run(&sc, &w.stop);
	took = loop_now() - t0;
	assert_true(scan_finished(&sc));
	/* at most a burst at once, then rate per second: a lower bound only,
	 * with a margin for clock granularity */
	least_ms = ((double)n - burst) * 1000 / rate * 0.8;
	if ((double)took < least_ms)
		fail_msg("%zu lookups at %g/s took %llu ms, want at least %.0f", n, rate,
		         (unsigned long long)took, least_ms);
	watch_end(&w, lp);
	scan_free(&sc);
	backend_destroy(&be->base);
	loop_free(lp);
}

/* Answers from a cache cost the resolver nothing: they are not paced. */
static void cache_hits_skip_the_pacing(void **state)
{
	static const struct profile one = { "one", "one zone", 1, {
		{ "s", "sync.single.test", ZR_SINGLE, "single", "s", true, 0, NULL },
	}, "test" };
	struct loop *lp = loop_new();
	struct tbe *be = tbe_new(lp, &one);
	struct scan sc;

	(void)state;
	assert_int_equal(scan_init(&sc, &one, NULL, NET, 24, NULL), 0);
	be->cached = true;
	/* at 1 query a second, a paced scan would not be done for minutes;
	 * from the cache, it is done before scan_start returns */
	scan_start(&sc, lp, &be->base, 1, 100, 0);
	assert_true(scan_finished(&sc));
	assert_int_equal(sc.done, 256);
	/* the same answers sent to a resolver are paced */
	be->cached = false;
	scan_start(&sc, lp, &be->base, 1, 100, 0);
	assert_false(scan_finished(&sc));
	assert_true(sc.done <= 2);
	scan_free(&sc);
	backend_destroy(&be->base);
	loop_free(lp);
}

/* A resolver that never answers: the scan gives up after a streak of
 * timeouts, and marks the rest with that reason, without asking. */
static void a_dead_resolver_ends_the_scan(void **state)
{
	static const struct profile one = { "one", "one zone", 1, {
		{ "s", "single.test", ZR_SINGLE, "single", "s", true, 0, NULL },
	}, "test" };
	struct loop *lp = loop_new();
	struct tbe *be = tbe_new(lp, &one);
	struct scan sc;
	struct watch w;

	(void)state;
	assert_int_equal(scan_init(&sc, &one, NULL, NET, 20, NULL), 0);
	be->timeout_after = 0;
	watch_begin(&w, &sc, lp, 20000);
	scan_start(&sc, lp, &be->base, 0, 8, 0);
	scan_run(&sc, &w.stop);
	assert_true(scan_finished(&sc));
	assert_int_equal(sc.gave_up, LKE_TIMEOUT);
	assert_int_equal(sc.failed, sc.total);
	assert_true(be->queries < 64);   /* 4,096 lookups, a few dozen asked */
	for (size_t i = 0; i < sc.ncells; i++)
		assert_int_equal(sc.cells[i].zone[0].error, LKE_TIMEOUT);
	watch_end(&w, lp);
	drain(be, &w);

	/* one proper answer first: timeouts after it are only timeouts */
	be->queries = 0;
	be->timeout_after = 1;
	watch_begin(&w, &sc, lp, 20000);
	scan_start(&sc, lp, &be->base, 0, 8, 0);
	scan_run(&sc, &w.stop);
	assert_int_equal(sc.gave_up, LKE_NONE);
	assert_int_equal(be->queries, sc.total);
	watch_end(&w, lp);
	scan_free(&sc);
	backend_destroy(&be->base);
	loop_free(lp);
}

static void paced_async_scan_finishes(void **state)
{
	struct loop *lp = loop_new();
	struct tbe *be = tbe_new(lp, &test_profile);
	struct scan sc;
	struct watch w;
	bool finished;
	size_t done, answers;
	unsigned held;
	uint64_t t0, took;

	(void)state;
	/* answers and the pace timer fall due in the same milliseconds, so
	 * answer callbacks re-arm the pace timer while it is due too */
	be->all_async = true;
	be->delay_ms = 0;
	assert_int_equal(scan_init(&sc, &test_profile, NULL, NET, 25, NULL), 0);
	watch_begin(&w, &sc, lp, 15000);
	t0 = loop_now();
	scan_start(&sc, lp, &be->base, 400, 1000, 0);
	scan_run(&sc, &w.stop);
	took = loop_now() - t0;
	finished = scan_finished(&sc);
	done = sc.done;
	held = be->inflight;
	answers = w.answers;
	watch_end(&w, lp);
	scan_free(&sc);
	backend_destroy(&be->base);
	loop_free(lp);
	if (!finished)
		fail_msg("paced scan stopped at %zu of %zu answers after %llu ms (watchdog: 15000 ms),"
		         " %u held by the backend", done, (size_t)128 * 4,
		         (unsigned long long)took, held);
	assert_int_equal(answers, 128 * 4);
}

static void restart_drops_late_answers(void **state)
{
	struct loop *lp = loop_new();
	struct tbe *be = tbe_new(lp, &test_profile);
	struct scan sc;
	struct watch w;
	size_t before, errors = 0;

	(void)state;
	assert_int_equal(scan_init(&sc, &test_profile, NULL, NET, 27, NULL), 0);
	watch_begin(&w, &sc, lp, 20000);
	/* first run: every async answer takes 40 ms, all in flight at once */
	be->gen = 0;
	be->delay_ms = 40;
	scan_start(&sc, lp, &be->base, 0, 1000, 0);
	before = w.answers;
	assert_true(be->inflight > 0);

	/* restart: the new answers are quick but the window is small, so the
	 * old ones arrive in the middle of the new run */
	be->gen = 1;
	be->delay_ms = 2;
	scan_start(&sc, lp, &be->base, 0, 4, 0);
	assert_true(sc.done < sc.total);
	scan_run(&sc, &w.stop);
	assert_true(scan_finished(&sc));
	drain(be, &w);   /* every late answer of the first run delivered */

	assert_int_equal(sc.done, sc.total);
	assert_int_equal(w.answers - before, sc.total);
	assert_false(w.after_done);
	for (unsigned h = 0; h < 32; h++) {
		for (size_t z = 0; z < 4; z++) {
			const struct lookup *l = &sc.cells[h].zone[z];
			struct lookup want = rule_answer(h, z, 1);

			assert_int_equal(l->state, want.state);
			if (l->state != LK_ERROR)
				assert_string_equal(l->txt, "gen 1");
			if (l->state == LK_LISTED)
				assert_int_equal(l->code, LISTED_CODE + 1);
			errors += want.state == LK_ERROR;
		}
	}
	assert_int_equal(sc.failed, errors);
	watch_end(&w, lp);
	scan_free(&sc);
	backend_destroy(&be->base);
	loop_free(lp);
}

/* A paused scan sends nothing more (answers in flight still land) and
 * goes on where it stopped when resumed. */
static void pause_then_resume(void **state)
{
	struct loop *lp = loop_new();
	struct tbe *be = tbe_new(lp, &test_profile);
	struct scan sc;
	struct watch w;

	(void)state;
	be->all_async = true;
	assert_int_equal(scan_init(&sc, &test_profile, NULL, NET, 27, NULL), 0);
	watch_begin(&w, &sc, lp, 20000);
	scan_start(&sc, lp, &be->base, 0, 4, 0);
	assert_int_equal(be->queries, 4);
	scan_pause(&sc);
	drain(be, &w);
	assert_int_equal(be->queries, 4);
	assert_int_equal(sc.done, 4);
	assert_false(scan_finished(&sc));
	scan_resume(&sc);
	assert_true(be->queries > 4);
	scan_run(&sc, &w.stop);
	assert_true(scan_finished(&sc));
	assert_int_equal(be->queries, sc.total);
	watch_end(&w, lp);
	scan_free(&sc);
	backend_destroy(&be->base);
	loop_free(lp);
}

/* After scan_requery the old answers show (stale) until new ones come;
 * one zone alone gives its own class. */
static void requery_keeps_old_states(void **state)
{
	struct loop *lp = loop_new();
	struct tbe *be = tbe_new(lp, &test_profile);
	const struct scan_cell *c;
	struct scan sc;
	struct watch w;
	bool stale;

	(void)state;
	assert_int_equal(scan_init(&sc, &test_profile, NULL, NET, 27, NULL), 0);
	watch_begin(&w, &sc, lp, 20000);
	scan_start(&sc, lp, &be->base, 0, 1000, 0);
	scan_run(&sc, &w.stop);
	assert_true(scan_finished(&sc));
	c = &sc.cells[16];   /* listed on the single and the range zone */
	assert_int_equal(scan_cell_shown(&sc, c, -1, &stale), CC_GUILTY);
	assert_false(stale);
	assert_int_equal(scan_cell_shown(&sc, c, 1, NULL), CC_RANGE);
	assert_int_equal(scan_cell_shown(&sc, c, 2, NULL), CC_ASN);

	be->all_async = true;
	be->delay_ms = 30;
	scan_requery(&sc, lp, &be->base, 0, 1000, 0);
	assert_int_equal(c->zone[0].state, LK_PENDING);
	assert_int_equal(scan_cell_class(&sc, c), CC_PENDING);
	assert_int_equal(scan_cell_shown(&sc, c, -1, &stale), CC_GUILTY);
	assert_true(stale);
	assert_int_equal(scan_cell_shown(&sc, c, 1, &stale), CC_RANGE);
	assert_true(stale);
	scan_run(&sc, &w.stop);
	assert_int_equal(scan_cell_shown(&sc, c, -1, &stale), CC_GUILTY);
	assert_false(stale);

	/* A plain restart forgets them. */
	scan_start(&sc, lp, &be->base, 0, 1000, 0);
	assert_int_equal(scan_cell_shown(&sc, c, -1, &stale), CC_PENDING);
	assert_false(stale);
	scan_run(&sc, &w.stop);
	drain(be, &w);
	watch_end(&w, lp);
	scan_free(&sc);
	backend_destroy(&be->base);
	loop_free(lp);
}

static void free_with_answers_in_flight(void **state)
{
	struct loop *lp = loop_new();
	struct tbe *be = tbe_new(lp, &test_profile);
	struct scan *sc = malloc(sizeof *sc);
	struct watch w;
	size_t answers;

	(void)state;
	assert_non_null(sc);
	assert_int_equal(scan_init(sc, &test_profile, NULL, NET, 27, NULL), 0);
	watch_begin(&w, sc, lp, 20000);
	be->delay_ms = 20;
	scan_start(sc, lp, &be->base, 0, 50, 0);
	assert_true(be->inflight > 0);
	answers = w.answers;
	scan_free(sc);
	/* the scan's memory is gone: a late answer touching it is caught by
	 * ASan */
	free(sc);
	w.sc = NULL;
	drain(be, &w);
	assert_int_equal(w.answers, answers);   /* nothing recorded after the free */
	loop_timer_cancel(lp, &w.t);
	backend_destroy(&be->base);
	loop_free(lp);
}

static void free_then_backend_destroy_cancels(void **state)
{
	struct loop *lp = loop_new();
	struct tbe *be = tbe_new(lp, &test_profile);
	struct scan *sc = malloc(sizeof *sc);
	struct watch w;
	size_t answers;

	(void)state;
	assert_non_null(sc);
	assert_int_equal(scan_init(sc, &test_profile, NULL, NET, 27, NULL), 0);
	watch_begin(&w, sc, lp, 20000);
	be->delay_ms = 1000;
	scan_start(sc, lp, &be->base, 0, 50, 0);
	assert_true(be->inflight > 0);
	answers = w.answers;
	scan_free(sc);
	free(sc);
	/* destroy runs the pending callbacks with LKE_OTHER: all dropped */
	loop_timer_cancel(lp, &w.t);
	backend_destroy(&be->base);
	assert_int_equal(w.answers, answers);
	loop_free(lp);
}

static void distrust_turns_answers_into_errors(void **state)
{
	struct loop *lp = loop_new();
	struct tbe *be = tbe_new(lp, &test_profile);
	struct scan sc;
	struct scan_tally t;
	struct watch w;
	size_t failed, answered_l2 = 0;

	(void)state;
	assert_int_equal(scan_init(&sc, &test_profile, NULL, NET, 27, NULL), 0);
	watch_begin(&w, &sc, lp, 10000);
	scan_start(&sc, lp, &be->base, 0, 16, 0);
	scan_run(&sc, &w.stop);
	assert_true(scan_finished(&sc));
	failed = sc.failed;
	for (unsigned h = 0; h < 32; h++)
		answered_l2 += sc.cells[h].zone[1].state != LK_ERROR;
	assert_true(answered_l2 > 0);

	/* the range zone failed its probe after its answers came in */
	scan_distrust(&sc, 1);
	assert_int_equal(sc.failed, failed + answered_l2);
	assert_int_equal(sc.done, sc.total);
	for (unsigned h = 0; h < 32; h++) {
		const struct lookup *l = &sc.cells[h].zone[1];
		struct lookup want = rule_answer(h, 1, 0);

		assert_int_equal(l->state, LK_ERROR);
		if (want.state != LK_ERROR)
			assert_int_equal(l->error, LKE_UNTRUSTED);
		assert_int_not_equal(scan_cell_class(&sc, &sc.cells[h]), CC_RANGE);
	}
	scan_tally(&sc, &t);
	assert_int_equal(t.listed[1], 0);
	assert_int_equal(t.error[1], 32);
	assert_int_equal(t.collateral_range, 0);
	assert_int_equal(t.failed, sc.failed);

	/* twice is once; a zone that does not exist is ignored */
	scan_distrust(&sc, 1);
	scan_distrust(&sc, 17);
	assert_int_equal(sc.failed, failed + answered_l2);
	watch_end(&w, lp);
	scan_free(&sc);
	backend_destroy(&be->base);
	loop_free(lp);
}

static void distrust_before_the_answers_come(void **state)
{
	struct loop *lp = loop_new();
	struct tbe *be = tbe_new(lp, &test_profile);
	struct scan sc;
	struct watch w;
	size_t errors = 0;

	(void)state;
	assert_int_equal(scan_init(&sc, &test_profile, NULL, NET, 27, NULL), 0);
	watch_begin(&w, &sc, lp, 10000);
	be->delay_ms = 10;
	scan_start(&sc, lp, &be->base, 0, 1000, 0);
	/* the asn zone answers asynchronously: none of its answers is in */
	for (unsigned h = 0; h < 32; h++)
		assert_int_equal(sc.cells[h].zone[2].state, LK_PENDING);
	scan_distrust(&sc, 2);
	scan_run(&sc, &w.stop);
	assert_true(scan_finished(&sc));
	for (unsigned h = 0; h < 32; h++) {
		assert_int_equal(sc.cells[h].zone[2].state, LK_ERROR);
		assert_int_equal(sc.cells[h].zone[2].error, LKE_UNTRUSTED);
		assert_int_not_equal(scan_cell_class(&sc, &sc.cells[h]), CC_ASN);
		for (size_t z = 0; z < 4; z++)
			errors += sc.cells[h].zone[z].state == LK_ERROR;
	}
	assert_int_equal(sc.failed, errors);
	watch_end(&w, lp);
	scan_free(&sc);
	backend_destroy(&be->base);
	loop_free(lp);
}

static void query_start_failure_is_an_error(void **state)
{
	struct loop *lp = loop_new();
	struct tbe *be = tbe_new(lp, &test_profile);
	struct scan sc;
	struct watch w;

	(void)state;
	be->fail_start_host = 13;
	assert_int_equal(scan_init(&sc, &test_profile, NULL, NET, 27, NULL), 0);
	watch_begin(&w, &sc, lp, 10000);
	scan_start(&sc, lp, &be->base, 0, 8, 0);
	scan_run(&sc, &w.stop);
	assert_false(w.stop);
	assert_true(scan_finished(&sc));
	assert_int_equal(be->refused, 4);
	for (size_t z = 0; z < 4; z++) {
		assert_int_equal(sc.cells[13].zone[z].state, LK_ERROR);
		assert_int_not_equal(sc.cells[13].zone[z].error, LKE_NONE);
	}
	assert_int_equal(scan_cell_class(&sc, &sc.cells[13]), CC_ERROR);
	/* the neighbours were answered normally */
	assert_int_equal(sc.cells[14].zone[2].state, rule_answer(14, 2, 0).state);
	watch_end(&w, lp);
	scan_free(&sc);
	backend_destroy(&be->base);
	loop_free(lp);
}

static void every_query_failing_still_finishes(void **state)
{
	struct loop *lp = loop_new();
	struct tbe *be = tbe_new(lp, &test_profile);
	struct scan sc;
	struct watch w;

	(void)state;
	be->fail_all = true;
	assert_int_equal(scan_init(&sc, &test_profile, NULL, NET, 28, NULL), 0);
	watch_begin(&w, &sc, lp, 10000);
	/* paced, so the failures must also drive the pace timer */
	scan_start(&sc, lp, &be->base, 1000, 4, 0);
	scan_run(&sc, &w.stop);
	assert_false(w.stop);
	assert_true(scan_finished(&sc));
	assert_int_equal(sc.failed, sc.total);
	assert_int_equal(w.answers, sc.total);
	watch_end(&w, lp);
	scan_free(&sc);
	backend_destroy(&be->base);
	loop_free(lp);
}

static void instant_answers_over_a_wide_net(void **state)
{
	static const struct profile one = { "one", "one zone", 1, {
		{ "s", "sync.single.test", ZR_SINGLE, "single", "s", true, 0, NULL },
	}, "test" };
	struct loop *lp = loop_new();
	struct tbe *be = tbe_new(lp, &one);
	struct scan sc;
	struct watch w;

	(void)state;
	/* 65536 answers that all come back inside query(): no deep recursion */
	assert_int_equal(scan_init(&sc, &one, NULL, A(10, 1, 0, 0), 16, NULL), 0);
	watch_begin(&w, &sc, lp, 30000);
	scan_start(&sc, lp, &be->base, 0, 500, 0);
	scan_run(&sc, &w.stop);
	assert_true(scan_finished(&sc));
	assert_int_equal(w.answers, 65536);
	assert_true(be->max_inflight <= 500);
	watch_end(&w, lp);
	scan_free(&sc);
	backend_destroy(&be->base);
	loop_free(lp);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(every_cell_gets_every_answer),
		cmocka_unit_test(cell_of_an_address),
		cmocka_unit_test(list_scan_of_sparse_addresses),
		cmocka_unit_test(cell_class_order),
		cmocka_unit_test(uncounted_zones_do_not_colour_a_cell),
		cmocka_unit_test(tally_guilty_and_collateral),
		cmocka_unit_test(tally_of_a_real_run),
		cmocka_unit_test(window_is_never_exceeded),
		cmocka_unit_test(rate_limits_the_pace),
		cmocka_unit_test(cache_hits_skip_the_pacing),
		cmocka_unit_test(a_dead_resolver_ends_the_scan),
		cmocka_unit_test(paced_async_scan_finishes),
		cmocka_unit_test(restart_drops_late_answers),
		cmocka_unit_test(pause_then_resume),
		cmocka_unit_test(requery_keeps_old_states),
		cmocka_unit_test(free_with_answers_in_flight),
		cmocka_unit_test(free_then_backend_destroy_cancels),
		cmocka_unit_test(distrust_turns_answers_into_errors),
		cmocka_unit_test(distrust_before_the_answers_come),
		cmocka_unit_test(query_start_failure_is_an_error),
		cmocka_unit_test(every_query_failing_still_finishes),
		cmocka_unit_test(instant_answers_over_a_wide_net),
	};

	/* Each test has its own watchdog timer, but a corrupted timer list
	 * can lose it: end the whole driver rather than hang the build. */
	alarm(300);
	return cmocka_run_group_tests(tests, NULL, NULL);
}
