/* Unit tests for tui/asnview.c: the figures and header lines of the ASN
 * view, its network rows (states, sampling, errors) and its cursor,
 * without a terminal.  The ASN scans are planned by hand, as
 * core/scan/asnscan.c would plan them, and answered in the test; the expected
 * figures are worked out in the comments from the fixtures of the
 * end-to-end tests (AS64500) and the demo scenario (AS64512). */
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <setjmp.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>
#include <cmocka.h>

#include "core/base/ip.h"
#include "core/lookup/zonefile.h"
#include "core/scan/account.h"
#include "core/uceprotect/scenario.h"
#include "tests/tui/appfix.h"
#include "tui/asnview.h"

#define IP(a, b, c, d) ((uint32_t)(a) << 24 | (uint32_t)(b) << 16 | (uint32_t)(c) << 8 | (uint32_t)(d))
#define L3_TXT_64500 "Your ISP EXAMPLE-NET, ZZ/AS64500 is UCEPROTECT-Level3 listed because " \
                     "of a spamscore of 66."

struct net_spec {
	uint32_t net;
	unsigned prefix;
	size_t probes;
};

struct fixture {
	struct options opt;
	struct session s;
	struct appfix a;
	struct asnview av;
	struct demo *demo;
	char tmp[64];
};

static void fixture_open(struct fixture *f)
{
	char err[256];

	memset(f, 0, sizeof *f);
	appfix_init(&f->opt, &f->s, &f->a, false);
	f->av.base = (struct screen){ &asnview_ops, &f->a.cx, false };
	layout_compute(&f->a.lay, 100, 30);
	assert_int_equal(policy_set_load(&f->a.rules, err, sizeof err), 0);
}

/* The networks of an ASN and their probes: spread over each network's
 * /24s as core/scan/asnscan.c spreads them. */
static void asn_plan(struct fixture *f, uint32_t asn, const char *org, const struct net_spec *ns,
                     size_t n)
{
	struct asnscan *as = &f->av.as;
	const struct profile *p = f->s.profile;
	uint32_t ips[128];
	size_t np = 0;

	as->asn = asn;
	as->org = org;
	as->nets = calloc(n, sizeof *as->nets);
	assert_non_null(as->nets);
	as->nnets = n;
	for (size_t i = 0; i < n; i++) {
		struct asnscan_net *net = &as->nets[i];

		*net = (struct asnscan_net){ ns[i].net, ns[i].prefix, np, ns[i].probes,
		                             ns[i].prefix >= 24 ? 1 : cidr_size(ns[i].prefix) / 256 };
		for (size_t j = 0; j < ns[i].probes; j++)
			ips[np++] = net->net + (uint32_t)(net->n24 * j / ns[i].probes) * 256;
		as->total += cidr_size(ns[i].prefix);
	}
	for (size_t z = 0; z < p->nzones; z++) {
		if (p->zones[z].role != ZR_RANGE && p->zones[z].role != ZR_ASN)
			continue;
		as->zones[as->sub.nzones] = f->s.zones[z];
		as->sub.zones[as->sub.nzones++] = p->zones[z];
	}
	assert_int_equal(as->sub.nzones, 2);
	assert_int_equal(scan_init_list(&as->sc, &as->sub, as->zones, ips, np, NULL), 0);
}

static void fixture_close(struct fixture *f)
{
	asnscan_free(&f->av.as);
	policy_set_free(&f->a.rules);
	if (f->demo) {
		demo_cleanup(f->demo);
		assert_int_equal(rmdir(f->tmp), 0);
	}
}

/* Answer probe i: level 2 and level 3 states, and the level-3 TXT. */
static void answer(struct fixture *f, size_t i, enum lk_state l2, enum lk_state l3, const char *txt)
{
	struct scan *sc = &f->av.as.sc;
	struct scan_cell *c = &sc->cells[i];
	enum lk_state st[2] = { l2, l3 };

	for (size_t z = 0; z < 2; z++) {
		c->zone[z] = (struct lookup){ .state = st[z], .txt = "" };
		if (st[z] == LK_LISTED)
			c->zone[z].code = 0x7f000002u;
		if (st[z] == LK_ERROR)
			c->zone[z].error = LKE_TIMEOUT;
		if (st[z] != LK_PENDING)
			sc->done++;
	}
	if (l3 == LK_LISTED)
		c->zone[1].txt = txt;
}

/* A key of the view; what it asks for. */
static enum request_kind act(struct fixture *f, enum action a)
{
	struct request req = { .kind = REQ_NONE };

	asnview_ops.action(&f->av.base, a, &req);
	return req.kind;
}

/* A click at x, y; what it asks for. */
static enum request_kind click(struct fixture *f, int x, int y)
{
	struct request req = { .kind = REQ_NONE };

	asnview_ops.click(&f->av.base, x, y, &req);
	return req.kind;
}

/* The value of the header line labelled label, or NULL. */
static const char *header_value(struct asn_hline *h, size_t n, const char *label)
{
	for (size_t i = 0; i < n; i++)
		if (strcmp(h[i].label, label) == 0)
			return h[i].value;
	return NULL;
}

static const struct net_spec as64500[] = {
	{ IP(192, 0, 2, 0), 25, 1 },
	{ IP(203, 0, 113, 0), 24, 1 },
};

static void test_pending(void **state)
{
	struct fixture f;
	struct asn_figures fig;
	struct asn_hline h[ASNVIEW_HEADER_MAX];
	char row[256];
	size_t n;

	(void)state;
	fixture_open(&f);
	asn_plan(&f, 64500, "EXAMPLE-NET", as64500, 2);
	asnview_figures(&f.av, &fig);
	assert_int_equal(fig.total, 384);
	assert_int_equal(fig.l3_nets, 0);
	assert_int_equal(fig.blocked, 0);
	assert_false(fig.guilty_known);
	/* Cursor mark, pending glyph, 18 columns of network, 13 of size. */
	asnview_row_text(&f.av, 0, row, sizeof row);
	assert_string_equal(row, "> ? 192.0.2.0/25                 128  pending   0 of 1, 1 to go");
	n = asnview_header(&f.av, h, ASNVIEW_HEADER_MAX);
	assert_string_equal(header_value(h, n, "UCE-3 TXT"), "none so far: probes still running");
	asnview_ops.title(&f.av.base, row, sizeof row);
	assert_string_equal(row, "rblscope  AS64500 EXAMPLE-NET");
	fixture_close(&f);
}

/* A long AS name reaches the header and the title whole, with what
 * follows it: only drawing cuts it, to the width, with its mark. */
static void test_long_org(void **state)
{
	struct fixture f;
	struct asn_hline h[ASNVIEW_HEADER_MAX];
	char org[ASN_ORG_MAX], title[TEXT_LINE_MAX];
	size_t n;

	(void)state;
	for (n = 0; n + 10 < sizeof org; n += 9)
		memcpy(org + n, "R\xc3\xa9seau \xe6\x97\xa5", 9);
	org[n] = '\0';
	fixture_open(&f);
	asn_plan(&f, 64500, org, as64500, 2);
	n = asnview_header(&f.av, h, ASNVIEW_HEADER_MAX);
	assert_int_equal(strncmp(header_value(h, n, "ASN"), "AS64500 ", 8), 0);
	assert_int_equal(strncmp(header_value(h, n, "ASN") + 8, org, strlen(org)), 0);
	assert_string_equal(header_value(h, n, "ASN") + 8 + strlen(org),
	                    ": 2 networks, 384 IPv4 addresses");
	asnview_ops.title(&f.av.base, title, sizeof title);
	assert_int_equal(strncmp(title, "rblscope  AS64500 ", 18), 0);
	assert_string_equal(title + 18, org);
	fixture_close(&f);
}

/* The fixture zones: level 3 lists both networks of AS64500, level 2
 * lists 192.0.2.0/25 and nothing of 203.0.113.0/24. */
static void test_real_asn(void **state)
{
	struct fixture f;
	struct asn_figures fig;
	struct asn_hline h[ASNVIEW_HEADER_MAX];
	char row[256];
	size_t n;

	(void)state;
	fixture_open(&f);
	asn_plan(&f, 64500, "EXAMPLE-NET", as64500, 2);
	answer(&f, 0, LK_LISTED, LK_LISTED, L3_TXT_64500);
	answer(&f, 1, LK_CLEAN, LK_LISTED, L3_TXT_64500);
	asnview_figures(&f.av, &fig);
	assert_int_equal(fig.l3_nets, 2);
	assert_int_equal(fig.l3_addrs, 384);
	assert_int_equal(fig.l2_more, 0);   /* inside level 3: nothing more */
	assert_int_equal(fig.blocked, 384);
	assert_false(fig.guilty_known);
	assert_int_equal(fig.said.spamscore, 66);
	assert_string_equal(fig.l3_txt, L3_TXT_64500);

	n = asnview_header(&f.av, h, ASNVIEW_HEADER_MAX);
	assert_int_equal(n, 6);
	assert_string_equal(h[0].value, "AS64500 EXAMPLE-NET: 2 networks, 384 IPv4 addresses");
	/* 0.05% of 384 is 0.192: the 2024 rule needs 1, and at least 50;
	 * the 8 Feb 2021 rule more than 0.192, so 1.  Newest first. */
	assert_string_equal(h[1].label, "needs");
	assert_string_equal(h[1].value, "50 impacts under UCEPROTECT from 2024 (spamscore) [2024-10]: "
	                                ">= 0.05% of 384, at least 50");
	assert_string_equal(h[2].value, "1 impact under UCEPROTECT from 8 Feb 2021 (impacts) "
	                                "[2021-02-08]: > 0.05% of 384");
	/* 66 x 384 / 100,000 is below one impact: no bound is given. */
	assert_string_equal(header_value(h, n, "UCE-3 TXT"), "spamscore 66: " L3_TXT_64500);
	assert_string_equal(header_value(h, n, "damage"),
	                    "guilty unknown (UCE-1 not probed per address) -> 384 addresses "
	                    "blocked (UCE-3: 384, UCE-2 est.: 0 more); collateral ratio unknown");
	assert_null(header_value(h, n, "level 3"));

	asnview_row_text(&f.av, 0, row, sizeof row);
	assert_string_equal(row, "> ~ 192.0.2.0/25                 128  listed    1 of 1");
	asnview_row_text(&f.av, 1, row, sizeof row);
	assert_string_equal(row, "  ~ 203.0.113.0/24               256  listed    0 of 1");
	fixture_close(&f);
}

/* The fixture zones read as zone files: every figure counted exactly
 * (tests/e2e/fixtures/README): level 1 lists .5 .17 .66 of 192.0.2.0/25,
 * level 2 all of it but .100, level 3 both networks; collateral 381 of
 * 384, 127.0 per guilty address.  No probe needs to answer. */
static void test_exact(void **state)
{
	struct fixture f;
	struct asn_figures fig;
	struct asn_hline h[ASNVIEW_HEADER_MAX];
	char row[256], err[256] = "";
	size_t n;

	(void)state;
	fixture_open(&f);
	f.opt.zones_dir = "tests/e2e/fixtures/zones";
	f.s.be = zonedir_backend_new(f.opt.zones_dir, f.s.zones, f.s.nzones, NULL, NULL, 0, err,
	                             sizeof err);
	assert_non_null(f.s.be);
	asn_plan(&f, 64500, "EXAMPLE-NET", as64500, 2);
	asnview_figures(&f.av, &fig);
	assert_true(fig.exact);
	assert_true(fig.guilty_known);
	assert_int_equal(fig.guilty, 3);
	assert_int_equal(fig.blocked, 384);
	assert_int_equal(fig.sum.zone[1], 127);
	assert_int_equal(fig.sum.collateral, 381);
	n = asnview_header(&f.av, h, ASNVIEW_HEADER_MAX);
	assert_string_equal(header_value(h, n, "damage"),
	                    "3 guilty -> 384 addresses blocked (collateral ratio 127.0)");
	assert_string_equal(header_value(h, n, "exact"),
	                    "l1 3, l2 127, l3 384 addresses (every address, from the zone files)");
	assert_null(header_value(h, n, "probed"));
	/* size, l1, l2, l3, blocked, collateral */
	asnview_row_text(&f.av, 0, row, sizeof row);
	assert_string_equal(row, "> ~ 192.0.2.0/25            128        3      127      128      128"
	                         "        125");
	asnview_row_text(&f.av, 1, row, sizeof row);
	assert_string_equal(row, "  ~ 203.0.113.0/24          256        0        0      256      256"
	                         "        256");
	account_free(f.s.acct);
	backend_destroy(f.s.be);
	fixture_close(&f);
}

/* A /22 probed twice (sampled) with one probe on level 2, and a /24
 * whose probe failed: level 2 covers about half the /22. */
static void test_sampled_and_failed(void **state)
{
	static const struct net_spec nets[] = {
		{ IP(10, 0, 0, 0), 22, 2 },
		{ IP(10, 1, 0, 0), 24, 1 },
	};
	struct fixture f;
	struct asn_figures fig;
	struct asn_hline h[ASNVIEW_HEADER_MAX];
	char row[256];
	size_t n;

	(void)state;
	fixture_open(&f);
	asn_plan(&f, 64999, "BIG-NET", nets, 2);
	/* The probes sit at 10.0.0.0 and 10.0.2.0 (2 of 4 /24s). */
	assert_int_equal(f.av.as.sc.cells[1].ip, IP(10, 0, 2, 0));
	answer(&f, 0, LK_LISTED, LK_CLEAN, "");
	answer(&f, 1, LK_CLEAN, LK_CLEAN, "");
	answer(&f, 2, LK_ERROR, LK_CLEAN, "");
	asnview_figures(&f.av, &fig);
	assert_int_equal(fig.total, 1280);
	assert_int_equal(fig.l3_nets, 0);
	assert_int_equal(fig.l2_more, 512);   /* 1,024 x 1 / 2 */
	assert_int_equal(fig.blocked, 512);
	asnview_row_text(&f.av, 0, row, sizeof row);
	assert_string_equal(row, "> = 10.0.0.0/22                1,024  clean     1 of 2 (sampled: 4 /24s)");
	asnview_row_text(&f.av, 1, row, sizeof row);
	assert_string_equal(row, "  ! 10.1.0.0/24                  256  clean     0 of 1, 1 failed");
	n = asnview_header(&f.av, h, ASNVIEW_HEADER_MAX);
	assert_string_equal(header_value(h, n, "UCE-3 TXT"), "none: UCE-3 lists no network");
	assert_string_equal(header_value(h, n, "damage"),
	                    "guilty unknown (UCE-1 not probed per address) -> 512 addresses "
	                    "blocked (UCE-3: 0, UCE-2 est.: 512 more); collateral ratio unknown");
	fixture_close(&f);
}

/* The demo: the figures come from the scenario under the active policy. */
static void open_demo(struct fixture *f, const char *policy)
{
	struct scenario sc;
	char err[256];

	snprintf(f->tmp, sizeof f->tmp, "/tmp/rblscope-test-asnview.XXXXXX");
	assert_non_null(mkdtemp(f->tmp));
	assert_int_equal(setenv("TMPDIR", f->tmp, 1), 0);
	assert_int_equal(scenario_load_demo(&sc, err, sizeof err), 0);
	snprintf(sc.policy, sizeof sc.policy, "%s", policy);
	f->demo = demo_new(&sc, err, sizeof err);
	scenario_free(&sc);
	assert_non_null(f->demo);
	f->a.cx.demo = f->demo;
}

static void test_demo(void **state)
{
	static const struct net_spec nets[] = { { IP(198, 18, 0, 0), 15, 2 } };
	struct fixture f;
	struct asn_figures fig;
	struct asn_hline h[ASNVIEW_HEADER_MAX];
	char err[256];
	size_t n;

	(void)state;
	fixture_open(&f);
	open_demo(&f, "2010");
	asn_plan(&f, 64512, "DEMO-HOSTING, ZZ", nets, 1);
	answer(&f, 0, LK_CLEAN, LK_CLEAN, "");
	/* 2010: level 3 counts the 7 listed addresses against 0.2% of
	 * 131,072 (262.1, so 263).  Level 2 lists 198.18.7.0/25 and
	 * 198.18.200.0/25 (two listed addresses each) and the /26s of
	 * 198.19.44.9, 198.19.45.130 and 198.19.100.3: 448 addresses, less
	 * the whitelisted 198.18.7.10 and 198.19.44.20 inside them. */
	asnview_figures(&f.av, &fig);
	assert_non_null(fig.scenario);
	assert_true(fig.guilty_known);
	assert_int_equal(fig.guilty, 7);
	assert_int_equal(fig.blocked, 446);
	n = asnview_header(&f.av, h, ASNVIEW_HEADER_MAX);
	assert_string_equal(header_value(h, n, "level 3"), "7 listed addresses / 131,072 addresses "
	                    "= 0.005341%: needs >= 0.2% (263 listed addresses): not listed");
	assert_string_equal(header_value(h, n, "policy"), "2010: UCEPROTECT until 18 Jan 2021 (2010 "
	                    "rules) (the demo's scenario; p P switch)");
	assert_string_equal(header_value(h, n, "damage"),
	                    "7 guilty -> 446 addresses blocked (collateral ratio 62.7)");
	assert_string_equal(header_value(h, n, "probed"), "UCE-3 lists 0 of 1 networks "
	                    "(0 addresses); UCE-2 about 0 more (one probe per /24)");
	assert_null(header_value(h, n, "needs"));

	/* 8 Feb 2021: 65 impacts, not more than 0.05% of 131,072 (65.5):
	 * level 3 needs 66.  Level 2 lists the five /24s with 4 or more
	 * impacts, 1,280 addresses less the two whitelisted: 1,278 blocked,
	 * (1,278 - 7) / 7 = 181.6. */
	assert_int_equal(demo_policy_step(f.demo, 2, err, sizeof err), 0);
	assert_string_equal(demo_policy(f.demo)->name, "2021-02-08");
	answer(&f, 0, LK_CLEAN, LK_CLEAN, "");
	n = asnview_header(&f.av, h, ASNVIEW_HEADER_MAX);
	assert_string_equal(header_value(h, n, "level 3"), "65 impacts / 131,072 addresses = "
	                    "0.04959%: needs > 0.05% (66 impacts): not listed");
	assert_string_equal(header_value(h, n, "damage"),
	                    "7 guilty -> 1,278 addresses blocked (collateral ratio 181.6)");

	/* One impact on 198.19.200.1 makes 66: all of AS64512 but its two
	 * whitelisted addresses is blocked, 131,070; (131,070 - 8) / 8 =
	 * 16382.75, shown as 16382.8. */
	assert_int_equal(demo_add_impact(f.demo, IP(198, 19, 200, 1), err, sizeof err), 0);
	answer(&f, 0, LK_CLEAN, LK_LISTED, "Your ISP DEMO-HOSTING, ZZ/AS64512 is "
	       "UCEPROTECT-Level3 listed because of a spamscore of 50.");
	n = asnview_header(&f.av, h, ASNVIEW_HEADER_MAX);
	assert_string_equal(header_value(h, n, "level 3"), "66 impacts / 131,072 addresses = "
	                    "0.05035%: needs > 0.05% (66 impacts): listed");
	assert_string_equal(header_value(h, n, "damage"),
	                    "8 guilty -> 131,070 addresses blocked (collateral ratio 16382.8)");
	assert_string_equal(header_value(h, n, "probed"), "UCE-3 lists 1 of 1 networks "
	                    "(131,072 addresses); UCE-2 about 0 more (one probe per /24)");
	/* The scenario knows the count: no lower bound from the spamscore. */
	assert_string_equal(header_value(h, n, "UCE-3 TXT"), "spamscore 50: Your ISP DEMO-HOSTING, "
	                    "ZZ/AS64512 is UCEPROTECT-Level3 listed because of a spamscore of 50.");
	fixture_close(&f);
}

/* A long list: the cursor stays on screen, pages are a screen less one
 * line, and a click picks the row under it. */
static void test_cursor(void **state)
{
	struct net_spec nets[40];
	struct fixture f;
	char row[256];
	size_t page;
	int bottom;

	(void)state;
	for (unsigned i = 0; i < 40; i++)
		nets[i] = (struct net_spec){ IP(10, 0, i, 0), 24, 1 };
	fixture_open(&f);
	asn_plan(&f, 64999, "BIG-NET", nets, 40);
	bottom = f.a.lay.keys_y - 1;
	act(&f, ACT_DOWN);
	act(&f, ACT_DOWN);
	act(&f, ACT_DOWN);
	act(&f, ACT_UP);
	assert_int_equal(f.av.cursor, 2);
	asnview_row_text(&f.av, 2, row, sizeof row);
	assert_int_equal(row[0], '>');
	act(&f, ACT_LAST);
	assert_int_equal(f.av.cursor, 39);
	act(&f, ACT_DOWN);
	assert_int_equal(f.av.cursor, 39);
	/* the last row shows the last network, selected: a click opens it */
	assert_int_equal(click(&f, 5, bottom), REQ_TARGET);
	assert_int_equal(f.av.cursor, 39);
	act(&f, ACT_FIRST);
	assert_int_equal(f.av.cursor, 0);
	assert_int_equal(f.av.top, 0);
	act(&f, ACT_NEXT24);
	page = f.av.cursor;
	assert_true(page > 5 && page < 39);
	/* a page is the rows less one: the bottom row is the selected one */
	assert_int_equal(click(&f, 5, bottom), REQ_TARGET);
	assert_int_equal(f.av.cursor, page);
	assert_int_equal(click(&f, 5, bottom - 1), REQ_NONE);
	assert_int_equal(f.av.cursor, page - 1);
	act(&f, ACT_PREV24);
	assert_int_equal(f.av.cursor, 0);
	click(&f, 5, 0);             /* the title: not a row */
	assert_int_equal(f.av.cursor, 0);
	fixture_close(&f);
}

static void test_meanings(void **state)
{
	(void)state;
	for (int c = 0; c < CC_COUNT; c++)
		assert_true(strlen(asnview_meaning((enum cell_class)c)) > 0);
	/* the profile's words are filled in by the help (legend_words) */
	assert_string_equal(asnview_meaning(CC_ASN),
	                    "collateral: {asn} lists the network, all its addresses");
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_pending),
		cmocka_unit_test(test_long_org),
		cmocka_unit_test(test_real_asn),
		cmocka_unit_test(test_exact),
		cmocka_unit_test(test_sampled_and_failed),
		cmocka_unit_test(test_demo),
		cmocka_unit_test(test_cursor),
		cmocka_unit_test(test_meanings),
	};

	return cmocka_run_group_tests(tests, NULL, NULL);
}
