/* Unit tests for tui/overview.c and tui/ovsnap.c: the class of each /24
 * block from its probe and from the scans of the session, the map rows,
 * the detail of the selected block, the keys, and the ASCII snapshot,
 * without a terminal. */
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <setjmp.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <cmocka.h>

#include "core/base/ip.h"
#include "tests/tui/appfix.h"
#include "tui/overview.h"

#define IP(a, b, c, d) ((uint32_t)(a) << 24 | (uint32_t)(b) << 16 | (uint32_t)(c) << 8 | (uint32_t)(d))
#define L2_TXT_200 "Net 198.18.200.0/24 is UCEPROTECT-Level2 listed because 35 impacts are " \
                   "seen from DEMO-HOSTING, ZZ/AS64512 there."

struct fixture {
	struct options opt;
	struct session s;
	struct appfix a;
	struct overview ov;
};

/* The overview of 198.18.0.0/16, cursor on block 7, probes pending. */
static void fixture_open(struct fixture *f)
{
	uint32_t probes[OVERVIEW_BLOCKS];

	memset(f, 0, sizeof *f);
	appfix_init(&f->opt, &f->s, &f->a, false);
	f->ov.base = (struct screen){ &overview_ops, &f->a.cx, false };
	layout_compute(&f->a.lay, 100, 30);
	f->ov.net = IP(198, 18, 0, 0);
	f->ov.cursor = 7;
	assert_int_equal(session_reach_profile(&f->s, &f->ov.sub, f->ov.zones), 0);
	for (unsigned b = 0; b < OVERVIEW_BLOCKS; b++)
		probes[b] = f->ov.net | b << 8;
	assert_int_equal(scan_init_list(&f->ov.sc, &f->ov.sub, f->ov.zones, probes,
	                                OVERVIEW_BLOCKS, NULL), 0);
}

static void fixture_close(struct fixture *f)
{
	scan_free(&f->ov.sc);
}

/* A key of the overview; what it asks for. */
static enum request_kind act(struct fixture *f, enum action a)
{
	struct request req = { .kind = REQ_NONE };

	overview_ops.action(&f->ov.base, a, &req);
	return req.kind;
}

/* A click at x, y; what it asks for. */
static enum request_kind click(struct fixture *f, int x, int y)
{
	struct request req = { .kind = REQ_NONE };

	overview_ops.click(&f->ov.base, x, y, &req);
	return req.kind;
}

/* Answer the probe of block b on level 2 and level 3. */
static void answer(struct fixture *f, unsigned b, enum lk_state l2, enum lk_state l3,
                   const char *l2_txt)
{
	struct scan_cell *c = &f->ov.sc.cells[b];
	enum lk_state st[2] = { l2, l3 };

	for (size_t z = 0; z < 2; z++) {
		c->zone[z] = (struct lookup){ .state = st[z], .txt = "" };
		if (st[z] == LK_ERROR)
			c->zone[z].error = LKE_TIMEOUT;
		if (st[z] != LK_PENDING)
			f->ov.sc.done++;
	}
	if (l2 == LK_LISTED)
		c->zone[0].txt = l2_txt;
}

/* Like the demo under 8 Feb 2021: level 3 everywhere, level 2 on block
 * 200; but block 9's level-2 probe timed out and level 3 does not list
 * it (a listing would outweigh the error), block 10 is clean; blocks 7
 * (2 guilty) and 8 (none) were scanned. */
static void answer_demo(struct fixture *f)
{
	for (unsigned b = 0; b < OVERVIEW_BLOCKS; b++)
		answer(f, b, LK_CLEAN, LK_LISTED, "");
	answer(f, 200, LK_LISTED, LK_LISTED, L2_TXT_200);
	answer(f, 9, LK_ERROR, LK_CLEAN, "");
	answer(f, 10, LK_CLEAN, LK_CLEAN, "");
	f->ov.sc.done = f->ov.sc.total;
	seen_record(&f->a.seen, IP(198, 18, 7, 99), 256, 2, 0);
	seen_record(&f->a.seen, IP(198, 18, 8, 0), 256, 0, 0);
}

/* The value of the detail line labelled label, or NULL. */
static const char *detail_value(struct overview_line *l, size_t n, const char *label)
{
	for (size_t i = 0; i < n; i++)
		if (strcmp(l[i].label, label) == 0)
			return l[i].value;
	return NULL;
}

static void test_pending(void **state)
{
	struct fixture f;
	char row[256];

	(void)state;
	fixture_open(&f);
	overview_row_text(&f.ov, 0, row, sizeof row);
	assert_string_equal(row, " ?  0 ?  1 ?  2 ?  3 ?  4 ?  5 ?  6>?  7"
	                         " ?  8 ?  9 ? 10 ? 11 ? 12 ? 13 ? 14 ? 15");
	overview_ops.title(&f.ov.base, row, sizeof row);
	assert_string_equal(row, "rblscope  198.18.0.0/16  overview: 256 /24s, one probe each");
	fixture_close(&f);
}

static void test_classes(void **state)
{
	struct fixture f;
	struct overview_tally t;
	char row[256];

	(void)state;
	fixture_open(&f);
	answer_demo(&f);
	assert_int_equal(overview_block_class(&f.ov, 0), CC_ASN);
	assert_int_equal(overview_block_class(&f.ov, 200), CC_RANGE);
	assert_int_equal(overview_block_class(&f.ov, 9), CC_ERROR);
	assert_int_equal(overview_block_class(&f.ov, 10), CC_CLEAN);
	/* Level 1 counts beat the probe: block 7 has guilty addresses. */
	assert_int_equal(overview_block_class(&f.ov, 7), CC_GUILTY);
	assert_int_equal(overview_block_class(&f.ov, 8), CC_ASN);
	/* The cursor mark wins over the "scanned" mark of block 7. */
	overview_row_text(&f.ov, 0, row, sizeof row);
	assert_string_equal(row, " ~  0 ~  1 ~  2 ~  3 ~  4 ~  5 ~  6>#  7"
	                         "+~  8 !  9 . 10 ~ 11 ~ 12 ~ 13 ~ 14 ~ 15");
	overview_row_text(&f.ov, 12, row, sizeof row);
	assert_string_equal(row, " ~192 ~193 ~194 ~195 ~196 ~197 ~198 ~199"
	                         " =200 ~201 ~202 ~203 ~204 ~205 ~206 ~207");
	overview_tally(&f.ov, &t);
	assert_int_equal(t.cls[CC_GUILTY], 1);
	assert_int_equal(t.cls[CC_RANGE], 1);
	assert_int_equal(t.cls[CC_ASN], 252);
	assert_int_equal(t.cls[CC_ERROR], 1);
	assert_int_equal(t.cls[CC_PENDING], 0);
	assert_int_equal(t.cls[CC_CLEAN], 1);
	assert_int_equal(t.scanned, 2);
	assert_int_equal(t.guilty, 2);
	fixture_close(&f);
}

static void test_detail(void **state)
{
	struct overview_line l[OVERVIEW_DETAIL_MAX];
	struct fixture f;
	char want[256];
	size_t n;

	(void)state;
	fixture_open(&f);
	answer_demo(&f);
	n = overview_detail(&f.ov, l, OVERVIEW_DETAIL_MAX);
	assert_string_equal(detail_value(l, n, "block"), "198.18.7.0/24  guilty (UCE-1)  no ASN database");
	assert_true(l[0].listed);
	assert_string_equal(detail_value(l, n, "probe"), "198.18.7.0: l2 clean, l3 listed");
	assert_string_equal(detail_value(l, n, "UCE-1"),
	                    "2 of 256 addresses guilty (scanned in this session)");

	f.ov.cursor = 9;
	n = overview_detail(&f.ov, l, OVERVIEW_DETAIL_MAX);
	snprintf(want, sizeof want, "198.18.9.0: l2 error: %s, l3 clean", lk_error_text(LKE_TIMEOUT));
	assert_string_equal(detail_value(l, n, "probe"), want);
	assert_string_equal(detail_value(l, n, "UCE-1"), "not scanned yet: Enter scans its addresses");
	assert_false(l[n - 1].listed);

	f.ov.cursor = 200;
	n = overview_detail(&f.ov, l, OVERVIEW_DETAIL_MAX);
	assert_string_equal(detail_value(l, n, "l2"), L2_TXT_200);
	fixture_close(&f);
}

static void test_keys(void **state)
{
	struct fixture f;
	int x, y;

	(void)state;
	fixture_open(&f);
	act(&f, ACT_LEFT);
	assert_int_equal(f.ov.cursor, 6);
	act(&f, ACT_UP);          /* the top row: no further */
	assert_int_equal(f.ov.cursor, 6);
	act(&f, ACT_DOWN);
	assert_int_equal(f.ov.cursor, 22);
	act(&f, ACT_LAST);
	assert_int_equal(f.ov.cursor, 255);
	act(&f, ACT_RIGHT);
	act(&f, ACT_DOWN);
	assert_int_equal(f.ov.cursor, 255);
	act(&f, ACT_FIRST);
	act(&f, ACT_LEFT);
	assert_int_equal(f.ov.cursor, 0);
	/* A click lands on the block drawn there, as in the grid. */
	layout_cell_pos(&f.a.lay, 33, &x, &y);
	assert_int_equal(click(&f, x + 2, y), REQ_NONE);
	assert_int_equal(f.ov.cursor, 33);
	assert_int_equal(click(&f, 1, 0), REQ_NONE);
	assert_int_equal(f.ov.cursor, 33);
	/* Again on the selected block: its grid, on the octet it came with. */
	f.ov.octet = 77;
	{
		struct request req = { .kind = REQ_NONE };

		overview_ops.click(&f.ov.base, x, y, &req);
		assert_int_equal(req.kind, REQ_TARGET);
		assert_int_equal(req.target.net, IP(198, 18, 33, 0));
		assert_int_equal(req.target.prefix, 24);
		assert_int_equal(req.target.focus, IP(198, 18, 33, 77));
	}
	fixture_close(&f);
}

/* The snapshot: header, ASCII map, legend and the blocks worth a line. */
static void test_snapshot(void **state)
{
	struct fixture f;
	char *text = NULL;
	size_t len = 0;
	FILE *out;

	(void)state;
	fixture_open(&f);
	answer_demo(&f);
	out = open_memstream(&text, &len);
	assert_non_null(out);
	assert_int_equal(overview_write(out, &f.ov, 0), 0);
	fclose(out);
	assert_non_null(strstr(text, "rblscope "));
	assert_non_null(strstr(text, " overview snapshot, 1970-01-01 00:00:00 UTC\n"));
	assert_non_null(strstr(text, "\n  range     198.18.0.0/16: 256 /24 blocks, one probe each at "
	                             "its .0 address\n  source    -\n"));
	assert_non_null(strstr(text, "\n  probes    512 of 512 lookups answered, 0 failed\n"));
	assert_non_null(strstr(text, "\n  blocks    1 guilty (UCE-1), 1 range (UCE-2), 252 ASN "
	                             "(UCE-3), 1 error, 0 pending, 1 clean\n"));
	assert_non_null(strstr(text, "\n  scanned   2 /24s address by address in this session: "
	                             "2 listed on UCE-1\n"));
	assert_null(strstr(text, "policy"));   /* not the demo */
	assert_non_null(strstr(text, "\n  third octet  +0 +1 +2 +3 +4 +5 +6 +7 +8 +9+10+11+12+13"
	                             "+14+15\n"));
	assert_non_null(strstr(text, "\n            0   ~  ~  ~  ~  ~  ~  ~ +# +~  !  .  ~  ~  ~  ~"
	                             "  ~\n"));
	assert_non_null(strstr(text, "\n          192   ~  ~  ~  ~  ~  ~  ~  ~  =  ~  ~  ~  ~  ~  ~"
	                             "  ~\n"));
	assert_non_null(strstr(text, "\n    #  guilty (UCE-1)  scanned here: some addresses are listed "
	                             "on UCE-1\n"));
	assert_non_null(strstr(text, "\n    +  scanned         scanned address by address in this "
	                             "session\n"));
	assert_non_null(strstr(text, "\n    198.18.7.0/24      guilty (UCE-1), UCE-1: 2 of 256 "
	                             "addresses\n"));
	assert_non_null(strstr(text, "\n    198.18.8.0/24      ASN (UCE-3), UCE-1: 0 of 256 "
	                             "addresses\n"));
	assert_non_null(strstr(text, "\n    198.18.9.0/24      error\n      l2: error: "));
	assert_non_null(strstr(text, "\n    198.18.200.0/24    range (UCE-2)\n      l2: " L2_TXT_200
	                             "\n"));
	/* Blocks with nothing to add get no line. */
	assert_null(strstr(text, "198.18.10.0/24"));
	for (const char *p = text; *p; p++)
		assert_true((unsigned char)*p < 0x80 && (*p >= 0x20 || *p == '\n'));
	free(text);
	fixture_close(&f);
}

static void test_meanings(void **state)
{
	(void)state;
	for (int c = 0; c < CC_COUNT; c++)
		assert_true(strlen(overview_meaning((enum cell_class)c)) > 0);
	assert_string_equal(overview_meaning(CC_COUNT), "");
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_pending),
		cmocka_unit_test(test_classes),
		cmocka_unit_test(test_detail),
		cmocka_unit_test(test_keys),
		cmocka_unit_test(test_snapshot),
		cmocka_unit_test(test_meanings),
	};

	return cmocka_run_group_tests(tests, NULL, NULL);
}
