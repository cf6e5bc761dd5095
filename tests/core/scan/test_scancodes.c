/* Unit tests for the codes a scan keeps (core/scan/scan.c): every A code
 * of an answer, the scan's own copy, read by what the zone's profile
 * documents; a code the profile does not document is an error. */
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <setjmp.h>
#include <stdlib.h>
#include <string.h>
#include <cmocka.h>

#include "core/lookup/codepool.h"
#include "core/scan/scan.h"
#include "core/scan/zoneclass.h"

#define IP(a, b, c, d) ((uint32_t)(a) << 24 | (uint32_t)(b) << 16 | (uint32_t)(c) << 8 | (uint32_t)(d))
#define NET IP(192, 0, 2, 0)

/* What the backend answers for the last octet of an address. */
static const struct {
	uint32_t codes[3];
	int n;
} answers[8] = {
	[1] = { { IP(127, 0, 0, 4), IP(127, 0, 0, 10) }, 2 },   /* XBL and PBL */
	[2] = { { IP(127, 0, 0, 4), IP(127, 0, 0, 10) }, 2 },   /* the same again */
	[3] = { { IP(127, 0, 0, 4), IP(127, 0, 0, 99) }, 2 },   /* one undocumented */
	[4] = { { IP(127, 255, 255, 254) }, 1 },                /* an error answer */
	[5] = { { IP(127, 0, 0, 2) }, 1 },                      /* SBL */
	[6] = { { IP(127, 0, 0, 10), IP(127, 0, 0, 4) }, 2 },   /* order kept */
};

/* A backend that answers at once, from a buffer it reuses: the scan
 * must keep its own copy of the codes. */
struct fixed_be {
	struct backend base;
	uint32_t buf[3];
	char txt[32];
};

static int fixed_query(struct backend *be, uint32_t ip, const char *zone, unsigned flags,
                       backend_cb cb, void *arg)
{
	struct fixed_be *f = (struct fixed_be *)be;
	unsigned o = ip & 7;
	struct lookup l = { .txt = "" };

	(void)zone;
	(void)flags;
	memcpy(f->buf, answers[o].codes, sizeof f->buf);
	strcpy(f->txt, answers[o].n ? "listed here" : "");
	l.txt = f->txt;
	lk_classify_a(&l, f->buf, answers[o].n);
	cb(arg, &l);
	memset(f->buf, 0xee, sizeof f->buf);   /* gone once the callback returns */
	strcpy(f->txt, "overwritten");
	return 1;
}

static unsigned fixed_inflight(const struct backend *be)
{
	(void)be;
	return 0;
}

static void fixed_destroy(struct backend *be)
{
	free(be);
}

static const struct backend_ops fixed_ops = {
	.query = fixed_query, .inflight = fixed_inflight, .destroy = fixed_destroy,
};

static void scan_spamhaus(struct scan *sc, struct loop *lp, struct backend **be)
{
	const struct profile *p = profile_find("spamhaus");
	struct fixed_be *f = calloc(1, sizeof *f);

	assert_non_null(p);
	assert_non_null(f);
	f->base.ops = &fixed_ops;
	*be = &f->base;
	assert_int_equal(scan_init(sc, p, NULL, NET, 29, NULL), 0);
	scan_start(sc, lp, *be, 0, 0, BQ_TXT);
	assert_true(scan_finished(sc));
}

/* The zen zone of the spamhaus profile: its first. */
static const struct lookup *zen(const struct scan *sc, unsigned octet)
{
	assert_string_equal(sc->profile->zones[0].key, "zen");
	return &sc->cells[octet].zone[0];
}

static void every_code_kept(void **state)
{
	struct loop *lp = loop_new();
	struct backend *be;
	struct scan sc;
	const struct lookup *l;
	char text[200];

	(void)state;
	scan_spamhaus(&sc, lp, &be);
	l = zen(&sc, 1);
	assert_int_equal(l->state, LK_LISTED);
	assert_int_equal(l->ncodes, 2);
	assert_int_equal(l->codes[0], IP(127, 0, 0, 4));
	assert_int_equal(l->codes[1], IP(127, 0, 0, 10));
	assert_string_equal(l->txt, "listed here");
	zone_codes_text(&sc.profile->zones[0], l, text, sizeof text);
	assert_string_equal(text, "127.0.0.4 XBL; 127.0.0.10 PBL");
	/* one copy of a list of codes, however many answers carry it */
	assert_ptr_equal(zen(&sc, 2)->codes, l->codes);
	/* the order of the answer is kept */
	l = zen(&sc, 6);
	assert_int_equal(l->ncodes, 2);
	assert_int_equal(l->codes[0], IP(127, 0, 0, 10));
	assert_int_equal(l->codes[1], IP(127, 0, 0, 4));
	l = zen(&sc, 5);
	assert_int_equal(l->state, LK_LISTED);
	assert_int_equal(l->ncodes, 1);
	assert_int_equal(l->codes[0], IP(127, 0, 0, 2));
	l = zen(&sc, 0);
	assert_int_equal(l->state, LK_CLEAN);
	assert_int_equal(l->ncodes, 0);
	scan_free(&sc);
	backend_destroy(be);
	loop_free(lp);
}

static void undocumented_code_is_an_error(void **state)
{
	struct loop *lp = loop_new();
	struct backend *be;
	struct scan sc;
	const struct lookup *l;
	struct scan_tally t;
	char text[200];

	(void)state;
	scan_spamhaus(&sc, lp, &be);
	l = zen(&sc, 3);
	assert_int_equal(l->state, LK_ERROR);
	assert_int_equal(l->error, LKE_UNEXPECTED);
	assert_int_equal(l->code, IP(127, 0, 0, 99));
	assert_string_equal(l->txt, "");
	/* the codes that came stay, for the record */
	assert_int_equal(l->ncodes, 2);
	zone_codes_text(&sc.profile->zones[0], l, text, sizeof text);
	assert_string_equal(text, "unexpected code 127.0.0.99");
	assert_int_equal(scan_cell_class(&sc, &sc.cells[3]), CC_ERROR);
	/* an error answer is an error, with what the operator says it means */
	l = zen(&sc, 4);
	assert_int_equal(l->state, LK_ERROR);
	assert_int_equal(l->error, LKE_BLOCKED);
	zone_codes_text(&sc.profile->zones[0], l, text, sizeof text);
	assert_non_null(strstr(text, "127.255.255.254: "));
	scan_tally(&sc, &t);
	assert_int_equal(t.error[0], 2);
	assert_int_equal(t.listed[0], 4);
	scan_free(&sc);
	backend_destroy(be);
	loop_free(lp);
}

/* The pool behind it: equal lists are one copy, others are not. */
static void codepool_interns(void **state)
{
	const uint32_t a[] = { 1, 2, 3 }, b[] = { 1, 2, 3 }, c[] = { 1, 2 }, d[] = { 3, 2, 1 };
	struct codepool p;
	const uint32_t *pa, *pc;

	(void)state;
	codepool_init(&p);
	assert_null(codepool_intern(&p, a, 0));
	pa = codepool_intern(&p, a, 3);
	assert_non_null(pa);
	assert_ptr_not_equal(pa, a);
	assert_memory_equal(pa, a, sizeof a);
	assert_ptr_equal(codepool_intern(&p, b, 3), pa);
	pc = codepool_intern(&p, c, 2);
	assert_ptr_not_equal(pc, pa);
	assert_ptr_not_equal(codepool_intern(&p, d, 3), pa);
	/* many lists: the table grows and finds each again */
	for (uint32_t i = 0; i < 1000; i++) {
		uint32_t v[2] = { i, i * 7 };
		const uint32_t *q = codepool_intern(&p, v, 2);

		assert_non_null(q);
		assert_ptr_equal(codepool_intern(&p, v, 2), q);
	}
	assert_ptr_equal(codepool_intern(&p, a, 3), pa);
	assert_int_equal(p.bytes.n, 1003);
	codepool_free(&p);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(every_code_kept),
		cmocka_unit_test(undocumented_code_is_an_error),
		cmocka_unit_test(codepool_interns),
	};

	return cmocka_run_group_tests(tests, NULL, NULL);
}
