/* Unit tests for tui/detail.c: what the panel says about an address,
 * in the full form and the one-line-per-zone form, and for addresses
 * outside the scanned range. */
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <setjmp.h>
#include <locale.h>
#include <stdio.h>
#include <string.h>
#include <cmocka.h>

#include "tests/tui/appfix.h"
#include "tui/grid.h"
#include "tui/detail.h"
#include "tui/text.h"

struct fixture {
	struct options opt;
	struct session s;
	struct scan sc;
	struct appfix x;
	struct gridscreen g;
	struct dline lines[DETAIL_MAX_LINES];
};

static void fixture_open(struct fixture *f, const char *target)
{
	struct target t;
	char err[160];

	memset(f, 0, sizeof *f);
	appfix_init(&f->opt, &f->s, &f->x, false);
	assert_int_equal(target_parse(target, &t, err, sizeof err), 0);
	view_init(&f->g.view, &t);
	assert_int_equal(scan_init(&f->sc, f->s.profile, f->s.zones, f->g.view.net,
	                           f->g.view.prefix, NULL), 0);
	f->g.sc = &f->sc;
	f->g.base = (struct screen){ &grid_ops, &f->x.cx, false };
}

static void fixture_close(struct fixture *f)
{
	scan_free(&f->sc);
}

static void set_zone(struct scan_cell *c, size_t z, enum lk_state st, const char *txt)
{
	c->zone[z].state = st;
	c->zone[z].code = st == LK_LISTED ? 0x7f000002u : 0;
	c->zone[z].error = st == LK_ERROR ? LKE_TIMEOUT : LKE_NONE;
	c->zone[z].txt = txt;
}

/* The panel for the grid's selected address. */
static size_t build(struct fixture *f, int width, size_t maxlines, struct dline *out)
{
	struct detail_in in;

	grid_detail_in(&f->g, &in);
	return detail_build(&f->x.cx, &in, width, maxlines, out);
}

/* The index of the first line holding s, or -1. */
static int find(const struct dline *lines, size_t n, const char *s)
{
	for (size_t i = 0; i < n; i++)
		if (strstr(lines[i].text, s))
			return (int)i;
	return -1;
}

/* 192.0.2.5: guilty, in a listed range, in a listed ASN. */
static struct scan_cell *guilty_cell(struct fixture *f)
{
	struct scan_cell *c = scan_cell_of(&f->sc, f->g.view.cursor);

	set_zone(c, 0, LK_LISTED, "IP 192.0.2.5 is UCEPROTECT-Level 1 listed. See "
	         "http://www.uceprotect.net/rblcheck.php?ipr=192.0.2.5");
	set_zone(c, 1, LK_LISTED, "Net 192.0.2.0/25 is UCEPROTECT-Level2 listed because 4 "
	         "impacts are seen from EXAMPLE-NET, ZZ/AS64500 there.");
	set_zone(c, 2, LK_ERROR, "");
	c->asn = (struct asn_info){ true, 64500, "EXAMPLE-NET", 0xc0000200u, 25 };
	return c;
}

static void test_full(void **state)
{
	struct fixture f;
	size_t n;
	int i;

	(void)state;
	fixture_open(&f, "192.0.2.5");
	guilty_cell(&f);
	f.s.db = (struct asn_db *)&f;   /* only tested for NULL here */
	n = build(&f, 60, 40, f.lines);
	assert_true(n > 10);
	assert_string_equal(f.lines[0].text, "192.0.2.5  guilty (UCE-1)");
	assert_int_equal(f.lines[0].cls, CC_GUILTY);
	assert_true(find(f.lines, n, "listed itself on UCE-1") > 0);
	assert_true(find(f.lines, n, "PTR      not looked up (zone files, no DNS)") > 0);
	assert_true(find(f.lines, n, "ASN      AS64500 EXAMPLE-NET") > 0);
	assert_true(find(f.lines, n, "network  192.0.2.0/25 (ASN DB)") > 0);
	i = find(f.lines, n, "l1  UCEPROTECT level 1 (address)");
	assert_true(i > 0);
	assert_int_equal(f.lines[i].style, DL_HEADING);
	assert_string_equal(f.lines[i + 1].text, "  state    listed");
	assert_int_equal(f.lines[i + 1].style, DL_WARN);
	/* Each code with what the profile says it means. */
	assert_string_equal(f.lines[i + 2].text, "  codes    127.0.0.2 listed on level 1");
	/* The TXT wraps under itself, nothing lost; a URL longer than the
	 * line is cut rather than pushed whole onto a line of its own. */
	assert_string_equal(f.lines[i + 3].text, "  TXT      IP 192.0.2.5 is UCEPROTECT-Level 1 listed. See");
	assert_string_equal(f.lines[i + 4].text, "           http://www.uceprotect.net/rblcheck.php?ipr=");
	assert_string_equal(f.lines[i + 5].text, "           192.0.2.5");
	assert_string_equal(f.lines[i + 6].text, "  says     level 1, address 192.0.2.5");
	assert_true(find(f.lines, n, "says     level 2, net 192.0.2.0/25, 4 impacts, AS64500") > 0);
	assert_true(find(f.lines, n, "(128 addresses)") > 0);
	i = find(f.lines, n, "error: no answer before the timeout");
	assert_true(i > 0);
	assert_int_equal(f.lines[i].style, DL_ERROR);
	for (size_t k = 0; k < n; k++)
		assert_true(text_width(f.lines[k].text, false) <= 60);
	fixture_close(&f);
}

static void test_one_line_per_txt(void **state)
{
	struct fixture f;
	size_t n;
	int i;

	(void)state;
	fixture_open(&f, "192.0.2.5");
	guilty_cell(&f);
	/* Too short for the wrapped form, tall enough for a line per TXT. */
	n = build(&f, 99, 14, f.lines);
	assert_int_equal(n, 11);
	assert_string_equal(f.lines[0].text, "192.0.2.5  guilty (UCE-1)");
	assert_int_equal(find(f.lines, n, "listed itself"), -1);
	i = find(f.lines, n, "l1  listed 127.0.0.2  (UCEPROTECT level 1 (address))");
	assert_true(i > 0);
	assert_int_equal(f.lines[i].style, DL_WARN);
	assert_int_equal(strncmp(f.lines[i + 1].text, "  TXT      IP 192.0.2.5 is UCEPROTECT-Level 1", 45), 0);
	assert_true(text_width(f.lines[i + 1].text, false) <= 99);
	assert_string_equal(f.lines[i + 2].text, "  says     level 1, address 192.0.2.5");
	i = find(f.lines, n, "l3  error: no answer before the timeout");
	assert_int_equal(f.lines[i].style, DL_ERROR);
	fixture_close(&f);
}

static void test_compact_when_short(void **state)
{
	struct fixture f;
	size_t n;

	(void)state;
	fixture_open(&f, "192.0.2.5");
	guilty_cell(&f);
	n = build(&f, 78, 4, f.lines);
	assert_int_equal(n, 4);
	assert_string_equal(f.lines[0].text, "192.0.2.5 guilty (UCE-1)  no ASN database");
	assert_int_equal(strncmp(f.lines[1].text, "l1 listed 127.0.0.2  level 1, address 192.0.2.5", 47), 0);
	assert_int_equal(strncmp(f.lines[2].text, "l2 listed 127.0.0.2  level 2, net 192.0.2.0/25", 46), 0);
	assert_string_equal(f.lines[3].text, "l3 error: no answer before the timeout");
	for (size_t k = 0; k < n; k++)
		assert_true(text_width(f.lines[k].text, false) <= 78);
	/* Fewer lines than zones: cut, never overflowing. */
	assert_int_equal(build(&f, 78, 2, f.lines), 2);
	assert_int_equal(build(&f, 78, 0, f.lines), 0);
	fixture_close(&f);
}

/* An AS name of 316 bytes, its multi-byte characters across byte 127
 * where names were once cut: "Réseau 日本 " is 15 bytes. */
#define ORG_PART "R\xc3\xa9seau \xe6\x97\xa5\xe6\x9c\xac "
#define ORG_PARTS4 ORG_PART ORG_PART ORG_PART ORG_PART
#define LONG_ORG "AS-LONG-NAME " ORG_PARTS4 ORG_PARTS4 ORG_PARTS4 ORG_PARTS4 ORG_PARTS4 "Ltd"

/* The panel's ASN: two lines at most, the second cut at a character
 * and ending in the ellipsis, the network after it; every line within
 * the width.  Returns the first ASN line. */
static const char *expect_long_org_cut(struct fixture *f, int width, size_t maxlines,
                                       const char *mark)
{
	char shown[DETAIL_TEXT_MAX * 2];
	const char *second;
	size_t n = build(f, width, maxlines, f->lines), len;
	int i = find(f->lines, n, "  ASN      AS64500 AS-LONG-NAME R");

	assert_true(i > 0);
	second = f->lines[i + 1].text;
	assert_int_equal(strncmp(second, "           ", 11), 0);
	len = strlen(second);
	assert_true(len > strlen(mark) + 11);
	assert_string_equal(second + len - strlen(mark), mark);
	assert_int_equal(strncmp(f->lines[i + 2].text, "  network  192.0.2.0/25", 23), 0);
	for (size_t k = 0; k < n; k++)
		assert_true(text_width(f->lines[k].text, f->x.th.utf8) <= width);
	/* What shows is the name's start, joined where it wrapped. */
	snprintf(shown, sizeof shown, "%s %.*s", f->lines[i].text + 11,
	         (int)(len - 11 - strlen(mark)), second + 11);
	if (f->x.th.utf8)
		assert_int_equal(strncmp("AS64500 " LONG_ORG, shown, strlen(shown)), 0);
	return f->lines[i].text;
}

static void test_long_org_cut(void **state)
{
	struct fixture f;

	(void)state;
	fixture_open(&f, "192.0.2.5");
	guilty_cell(&f)->asn.org = LONG_ORG;
	f.s.db = (struct asn_db *)&f;
	/* An ASCII terminal: a '?' for each character beyond ASCII. */
	assert_non_null(strstr(expect_long_org_cut(&f, 60, 40, "..."), "R?seau ?? R?seau"));
	/* One line per TXT: the same two lines. */
	expect_long_org_cut(&f, 99, 14, "...");
	assert_null(strstr(f.lines[1].text, "listed itself"));
	assert_non_null(setlocale(LC_CTYPE, "C.UTF-8"));
	f.x.th.utf8 = true;
	expect_long_org_cut(&f, 60, 40, "\xe2\x80\xa6");
	expect_long_org_cut(&f, 47, 40, "\xe2\x80\xa6");
	/* The compact form: one line, cut with the mark. */
	assert_int_equal(build(&f, 78, 4, f.lines), 4);
	assert_int_equal(strncmp(f.lines[0].text, "192.0.2.5 guilty (UCE-1)  AS64500 AS-LONG-NAME R", 48), 0);
	assert_string_equal(f.lines[0].text + strlen(f.lines[0].text) - 3, "\xe2\x80\xa6");
	assert_true(text_width(f.lines[0].text, true) <= 76);
	setlocale(LC_CTYPE, "C");
	fixture_close(&f);
}

static void test_other_asn_said(void **state)
{
	struct fixture f;
	struct scan_cell *c;
	size_t n;

	(void)state;
	fixture_open(&f, "192.0.2.130");
	c = scan_cell_of(&f.sc, f.g.view.cursor);
	c->asn = (struct asn_info){ true, 64501, "Other Net, Inc.", 0xc0000280u, 26 };
	f.g.target_asn = (struct asn_info){ true, 64500, "EXAMPLE-NET", 0xc0000200u, 25 };
	f.s.db = (struct asn_db *)&f;
	n = build(&f, 70, 40, f.lines);
	assert_true(find(f.lines, n, "another ASN than the target's (AS64500)") > 0);
	assert_true(find(f.lines, n, "state    pending") > 0);
	fixture_close(&f);
}

static void test_not_scanned(void **state)
{
	struct fixture f;
	size_t n;

	(void)state;
	fixture_open(&f, "198.51.100.0/28");
	view_select(&f.g.view, 200);
	n = build(&f, 70, 20, f.lines);
	assert_int_equal(n, 2);
	assert_string_equal(f.lines[0].text, "198.51.100.200");
	assert_string_equal(f.lines[1].text, "  not scanned: outside 198.51.100.0/28");
	fixture_close(&f);
}

static void test_hostile_txt(void **state)
{
	struct fixture f;
	struct scan_cell *c;
	size_t n;

	(void)state;
	fixture_open(&f, "192.0.2.5");
	c = scan_cell_of(&f.sc, f.g.view.cursor);
	/* Core sanitises TXT; the panel still never passes a control on. */
	set_zone(c, 0, LK_LISTED, "evil \x1b]0;title\x07 text");
	n = build(&f, 70, 40, f.lines);
	for (size_t k = 0; k < n; k++)
		for (const char *p = f.lines[k].text; *p; p++)
			assert_true((unsigned char)*p >= 0x20 && *p != 0x7f);
	assert_true(find(f.lines, n, "evil ?]0;title? text") > 0);
	fixture_close(&f);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_full),
		cmocka_unit_test(test_one_line_per_txt),
		cmocka_unit_test(test_compact_when_short),
		cmocka_unit_test(test_long_org_cut),
		cmocka_unit_test(test_other_asn_said),
		cmocka_unit_test(test_not_scanned),
		cmocka_unit_test(test_hostile_txt),
	};

	return cmocka_run_group_tests(tests, NULL, NULL);
}
