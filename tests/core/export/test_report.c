/* Unit tests for core/export/report.c: the text snapshot of a scan filled in by
 * hand, read back line by line: header, grids in the legend's ASCII
 * glyphs, counts and the guilty / collateral figures, grouped listings
 * and failed lookups with their reasons. */
#include <stdarg.h>
#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>
#include <setjmp.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <cmocka.h>

#include "core/scan/legend.h"
#include "core/scan/options.h"
#include "core/export/report.h"
#include "core/scan/scan.h"
#include "core/scan/session.h"

#define A(a, b, c, d) ((uint32_t)(a) << 24 | (uint32_t)(b) << 16 | (uint32_t)(c) << 8 | (uint32_t)(d))
#define WHEN ((time_t)1795357800)   /* 2026-11-22 14:30:00 UTC */
#define COLS "0 1 2 3 4 5 6 7 8 9 a b c d e f"

static void set_listed(struct lookup *l, const char *txt)
{
	memset(l, 0, sizeof *l);
	l->txt = "";
	l->state = LK_LISTED;
	l->code = A(127, 0, 0, 2);
	l->txt = txt;
}

static void set_error(struct lookup *l, enum lk_error e)
{
	memset(l, 0, sizeof *l);
	l->txt = "";
	l->state = LK_ERROR;
	l->error = e;
}

static void set_clean(struct lookup *l)
{
	memset(l, 0, sizeof *l);
	l->txt = "";
	l->state = LK_CLEAN;
}

/* Count as a finished scan would: done and failed from the answers. */
static void count(struct scan *sc)
{
	sc->done = sc->failed = 0;
	for (size_t i = 0; i < sc->ncells * sc->nzones; i++) {
		sc->done += sc->answers[i].state != LK_PENDING;
		sc->failed += sc->answers[i].state == LK_ERROR;
	}
}

static void all_clean(struct scan *sc)
{
	for (size_t i = 0; i < sc->ncells * sc->nzones; i++)
		set_clean(&sc->answers[i]);
}

/* The text with the policy line policy (NULL: none), as a malloc'd
 * string. */
static char *report_text(const struct session *s, const struct scan *sc, const char *policy)
{
	char *buf = NULL;
	size_t len = 0;
	FILE *f = open_memstream(&buf, &len);

	assert_non_null(f);
	report_write(f, s, sc, policy, WHEN);
	assert_int_equal(fclose(f), 0);
	return buf;
}

/* Copy the n-th (from 0) line that starts with prefix into buf; false
 * when there is none. */
static bool nth_line(const char *text, const char *prefix, int n, char *buf, size_t len)
{
	for (const char *p = text; *p;) {
		const char *e = strchr(p, '\n');
		size_t l = e ? (size_t)(e - p) : strlen(p);

		if (strncmp(p, prefix, strlen(prefix)) == 0 && n-- == 0) {
			snprintf(buf, len, "%.*s", (int)l, p);
			return true;
		}
		p += l + (e ? 1 : 0);
	}
	return false;
}

static void must_line(const char *text, const char *prefix, char *buf, size_t len)
{
	if (!nth_line(text, prefix, 0, buf, len))
		fail_msg("no line starting with \"%s\" in:\n%s", prefix, text);
}

static void must_contain(const char *line, const char *part)
{
	if (!strstr(line, part))
		fail_msg("\"%s\" not in line \"%s\"", part, line);
}

/* ---------------------------------------------------------------- */
/* Grids                                                             */

/* Grid of the /24 whose base is text: the column of each hex digit in
 * the header, then the glyph at that column in row `row`. */
struct grid {
	char head[256];
	size_t col[16];
	char rows[16][256];
};

static void grid_read(const char *text, const char *base, int which, struct grid *g)
{
	char prefix[64];
	const char *at, *p;

	snprintf(prefix, sizeof prefix, "  %s/24 ", base);
	if (!nth_line(text, prefix, 0, g->head, sizeof g->head))
		fail_msg("no grid header for %s", base);
	at = strstr(g->head, COLS);
	assert_non_null(at);
	for (int c = 0; c < 16; c++)
		g->col[c] = (size_t)(at - g->head) + 2 * (size_t)c;
	/* the rows follow the header, labelled .0 .16 ... .240 */
	p = strstr(text, g->head);
	for (int w = 0; w < which; w++)
		p = strstr(p + 1, g->head);
	assert_non_null(p);
	p = strchr(p, '\n') + 1;
	for (int r = 0; r < 16; r++) {
		const char *e = strchr(p, '\n');
		char label[8];
		const char *lp;

		assert_non_null(e);
		snprintf(g->rows[r], sizeof g->rows[r], "%.*s", (int)(e - p), p);
		snprintf(label, sizeof label, ".%d", r * 16);
		lp = g->rows[r];
		while (*lp == ' ')
			lp++;
		if (strncmp(lp, label, strlen(label)) != 0 || lp[strlen(label)] != ' ')
			fail_msg("grid row %d reads \"%s\"", r, g->rows[r]);
		p = e + 1;
	}
}

/* The glyph drawn for the address at row r, column c ("" = past the end). */
static char glyph_at(const struct grid *g, int r, int c)
{
	return g->col[c] < strlen(g->rows[r]) ? g->rows[r][g->col[c]] : ' ';
}

static char ascii_of(enum cell_class c)
{
	return legend_of(c)->ascii[0];
}

/* ---------------------------------------------------------------- */
/* The sample: 192.0.2.0/28 under "uceprotect"                       */

static struct options sample_opt;

/* .5  l1 and l2 listed: guilty, not collateral
 * .6  l1 timed out: error
 * .8-.11  l2 listed, same answer: collateral by range, one group
 * .12 l3 listed only: collateral by ASN only
 * .13 l2 listed, l1 failed: range class, but not collateral
 * .14 l3 not answered: pending
 * all in AS64496 "Example Org" */
static void sample(struct scan *sc, struct session *s)
{
	const struct profile *p = profile_find("uceprotect");

	assert_non_null(p);
	assert_int_equal(scan_init(sc, p, NULL, A(192, 0, 2, 0), 28, NULL), 0);
	all_clean(sc);
	for (size_t i = 0; i < sc->ncells; i++) {
		sc->cells[i].asn.found = true;
		sc->cells[i].asn.asn = 64496;
		sc->cells[i].asn.org = "Example Org";
		sc->cells[i].asn.net = A(192, 0, 2, 0);
		sc->cells[i].asn.prefix = 24;
	}
	set_listed(&sc->cells[5].zone[0], "Your address is listed");
	set_listed(&sc->cells[5].zone[1], "Range listed");
	set_error(&sc->cells[6].zone[0], LKE_TIMEOUT);
	for (int i = 8; i <= 11; i++)
		set_listed(&sc->cells[i].zone[1], "Range listed");
	set_listed(&sc->cells[12].zone[2], "ASN listed");
	set_error(&sc->cells[13].zone[0], LKE_SERVFAIL);
	set_listed(&sc->cells[13].zone[1], "Range listed");
	memset(&sc->cells[14].zone[2], 0, sizeof(struct lookup));
	count(sc);

	memset(&sample_opt, 0, sizeof sample_opt);
	sample_opt.profile = p;
	sample_opt.has_target = true;
	sample_opt.target.kind = TARGET_NET;
	sample_opt.target.net = A(192, 0, 2, 0);
	sample_opt.target.prefix = 28;
	snprintf(sample_opt.target.text, sizeof sample_opt.target.text, "192.0.2.5/28");

	memset(s, 0, sizeof *s);
	s->opt = &sample_opt;
	s->profile = p;
	s->nzones = p->nzones;
	for (size_t z = 0; z < p->nzones; z++)
		s->zones[z] = p->zones[z].zone;
	s->be = NULL;
	s->db = NULL;
	snprintf(s->db_note, sizeof s->db_note, "no ASN database in this test");
	snprintf(s->zone_note, sizeof s->zone_note, "zone dnsbl-3.uceprotect.net has no file");
	s->health[0] = ZH_OK;
	s->health[1] = ZH_DEAD;
	s->health[2] = ZH_FAILED;
	s->health_error[2] = LKE_REFUSED;
}

static void header_lines(void **state)
{
	struct scan sc;
	struct session s;
	char line[512], want[512];
	char *out;

	(void)state;
	sample(&sc, &s);
	out = report_text(&s, &sc, "2021-02-08: UCEPROTECT from 8 Feb 2021 (impacts) (demo)");
	must_line(out, "rblscope ", line, sizeof line);
	must_contain(line, "2026-11-22 14:30:00");
	must_line(out, "  target ", line, sizeof line);
	must_contain(line, "192.0.2.0/28");
	must_contain(line, "192.0.2.5/28");
	must_line(out, "  profile ", line, sizeof line);
	must_contain(line, "uceprotect");
	must_contain(line, "l1=dnsbl-1.uceprotect.net");
	must_contain(line, "l2=dnsbl-2.uceprotect.net");
	/* the header keeps to 100 columns: the third zone on a line of its own */
	must_contain(out, "l2=dnsbl-2.uceprotect.net\n            l3=dnsbl-3.uceprotect.net\n");
	for (const char *p = out, *e; *p; p = e + 1) {
		e = strchr(p, '\n');
		assert_non_null(e);
		assert_true(e - p <= 100);
	}
	must_line(out, "  policy ", line, sizeof line);
	assert_string_equal(line, "  policy    2021-02-08: UCEPROTECT from 8 Feb 2021 (impacts) (demo)");
	must_line(out, "  asn db ", line, sizeof line);
	must_contain(line, "none: no ASN database in this test");
	must_line(out, "  zones ", line, sizeof line);
	snprintf(want, sizeof want, "l1 %s", zone_health_text(ZH_OK));
	must_contain(line, want);
	snprintf(want, sizeof want, "l2 %s", zone_health_text(ZH_DEAD));
	must_contain(line, want);
	snprintf(want, sizeof want, "l3 %s", zone_health_text(ZH_FAILED));
	must_contain(line, want);
	must_contain(line, lk_error_name(LKE_REFUSED));
	must_line(out, "  warning ", line, sizeof line);
	must_contain(line, "zone dnsbl-3.uceprotect.net has no file");
	/* 16 x 3 lookups, one pending, two failed */
	must_line(out, "  lookups ", line, sizeof line);
	must_contain(line, "47 of 48 answered, 2 failed");
	free(out);
	scan_free(&sc);
}

static void header_without_options(void **state)
{
	struct scan sc;
	struct session s;
	char line[512];
	char *out;

	(void)state;
	sample(&sc, &s);
	s.opt = NULL;
	s.db_note[0] = '\0';
	s.zone_note[0] = '\0';
	out = report_text(&s, &sc, NULL);
	must_line(out, "  target ", line, sizeof line);
	must_contain(line, "192.0.2.0/28");
	assert_null(strstr(line, "asked"));
	must_line(out, "  asn db ", line, sizeof line);
	must_contain(line, "none");
	assert_false(nth_line(out, "  warning ", 0, line, sizeof line));
	assert_false(nth_line(out, "  policy ", 0, line, sizeof line));   /* not the demo */
	free(out);
	scan_free(&sc);
}

static void grid_glyphs(void **state)
{
	static const enum cell_class row0[16] = {
		CC_CLEAN, CC_CLEAN, CC_CLEAN, CC_CLEAN, CC_CLEAN, CC_GUILTY, CC_ERROR, CC_CLEAN,
		CC_RANGE, CC_RANGE, CC_RANGE, CC_RANGE, CC_ASN, CC_RANGE, CC_PENDING, CC_CLEAN,
	};
	struct scan sc;
	struct session s;
	struct grid g;
	char *out;

	(void)state;
	sample(&sc, &s);
	out = report_text(&s, &sc, NULL);
	grid_read(out, "192.0.2.0", 0, &g);
	for (int c = 0; c < 16; c++)
		if (glyph_at(&g, 0, c) != ascii_of(row0[c]))
			fail_msg("192.0.2.%d: '%c', want '%c' (%s)", c, glyph_at(&g, 0, c),
			         ascii_of(row0[c]), legend_of(row0[c])->name);
	assert_int_equal(glyph_at(&g, 0, 5), '#');
	/* outside the /28: blank */
	for (int r = 1; r < 16; r++)
		for (int c = 0; c < 16; c++)
			if (glyph_at(&g, r, c) != ' ')
				fail_msg("192.0.2.%d outside the scan drawn as '%c'", r * 16 + c,
				         glyph_at(&g, r, c));
	/* only one grid for a /28 */
	assert_false(nth_line(out, "  192.0.2.0/24 ", 1, g.head, sizeof g.head));
	free(out);
	scan_free(&sc);
}

/* A /28 that is not at the start of its /24 sits at its own rows. */
static void grid_offset(void **state)
{
	const struct profile *p = profile_find("uceprotect");
	struct scan sc;
	struct session s;
	struct grid g;
	char *out;

	(void)state;
	assert_int_equal(scan_init(&sc, p, NULL, A(192, 0, 2, 0xa0), 28, NULL), 0);
	all_clean(&sc);
	set_listed(&sc.cells[3].zone[0], "");          /* 192.0.2.163 */
	set_listed(&sc.cells[15].zone[2], "");         /* 192.0.2.175 */
	count(&sc);
	memset(&s, 0, sizeof s);
	s.profile = p;
	s.nzones = p->nzones;
	out = report_text(&s, &sc, NULL);
	grid_read(out, "192.0.2.0", 0, &g);
	for (int r = 0; r < 16; r++)
		for (int c = 0; c < 16; c++) {
			char want = ' ';

			if (r == 10)
				want = c == 3 ? '#' : c == 15 ? ascii_of(CC_ASN) : ascii_of(CC_CLEAN);
			if (glyph_at(&g, r, c) != want)
				fail_msg("192.0.2.%d: '%c', want '%c'", r * 16 + c, glyph_at(&g, r, c), want);
		}
	free(out);
	scan_free(&sc);
}

/* A /23 has two grids, and a full /24 no blank cell. */
static void grid_two_blocks(void **state)
{
	const struct profile *p = profile_find("uceprotect");
	struct scan sc;
	struct session s;
	struct grid g;
	char *out;

	(void)state;
	assert_int_equal(scan_init(&sc, p, NULL, A(198, 51, 100, 0), 23, NULL), 0);
	all_clean(&sc);
	set_listed(&sc.cells[256 + 0x42].zone[1], "");   /* 198.51.101.66 */
	count(&sc);
	memset(&s, 0, sizeof s);
	s.profile = p;
	s.nzones = p->nzones;
	out = report_text(&s, &sc, NULL);
	grid_read(out, "198.51.100.0", 0, &g);
	for (int r = 0; r < 16; r++)
		for (int c = 0; c < 16; c++)
			assert_int_equal(glyph_at(&g, r, c), ascii_of(CC_CLEAN));
	grid_read(out, "198.51.101.0", 0, &g);
	for (int r = 0; r < 16; r++)
		for (int c = 0; c < 16; c++)
			assert_int_equal(glyph_at(&g, r, c),
			                 r == 4 && c == 2 ? ascii_of(CC_RANGE) : ascii_of(CC_CLEAN));
	free(out);
	scan_free(&sc);
}

/* The legend's lines, from "  legend " to the blank line after them,
 * into buf; each within 80 columns. */
static void legend_block(const char *text, char *buf, size_t len)
{
	const char *at = strstr(text, "\n  legend "), *end = at ? strstr(at + 1, "\n\n") : NULL;

	assert_non_null(end);
	snprintf(buf, len, "%.*s", (int)(end - at - 1), at + 1);
	for (const char *p = buf, *nl; *p; p = *nl ? nl + 1 : nl)
		assert_true((nl = p + strcspn(p, "\n")) - p <= 80);
}

static void legend_line(void **state)
{
	struct scan sc;
	struct session s;
	char block[512], want[64], label[LEGEND_LABEL_MAX];
	char *out;
	size_t n;
	const enum cell_class *order = legend_order(&n);
	const char *prev = NULL;

	(void)state;
	sample(&sc, &s);
	out = report_text(&s, &sc, NULL);
	legend_block(out, block, sizeof block);
	/* every class, in the legend's order, in the profile's words */
	for (size_t i = 0; i < n; i++) {
		const char *at;

		legend_label(order[i], sc.profile, label, sizeof label);
		snprintf(want, sizeof want, "%s %s", legend_of(order[i])->ascii, label);
		at = strstr(block, want);
		if (!at)
			fail_msg("\"%s\" not in legend \"%s\"", want, block);
		assert_true(!prev || at > prev);
		prev = at;
	}
	assert_non_null(strstr(block, "# guilty (UCE-1)  = range (UCE-2)"));
	free(out);
	scan_free(&sc);
}

/* Another profile than UCEPROTECT's: the snapshot speaks of its zone,
 * ZEN, and never of levels; the classes it has no zone for keep their
 * plain names. */
static void other_profile(void **state)
{
	const struct profile *p = profile_find("spamhaus");
	struct scan sc;
	struct session s = { .profile = p, .nzones = 1, .zones = { "zen.spamhaus.org" } };
	char block[512];
	char *out;

	(void)state;
	assert_int_equal(scan_init(&sc, p, NULL, A(192, 0, 2, 0), 28, NULL), 0);
	all_clean(&sc);
	set_listed(&sc.cells[5].zone[0], "Listed by SBL");
	count(&sc);
	out = report_text(&s, &sc, NULL);
	if (strstr(out, "level") || strstr(out, "Level") || strstr(out, "L1"))
		fail_msg("a spamhaus snapshot speaks of levels:\n%s", out);
	legend_block(out, block, sizeof block);
	assert_non_null(strstr(block, "# guilty (ZEN)"));
	assert_non_null(strstr(block, "= range  "));
	assert_non_null(strstr(block, "~ ASN  "));
	free(out);
	scan_free(&sc);
}

static void counts_and_figures(void **state)
{
	struct scan sc;
	struct session s;
	char line[512];
	char *out;
	unsigned long listed, clean, error, pending;
	char name[64];

	(void)state;
	sample(&sc, &s);
	out = report_text(&s, &sc, NULL);
	/* zone key, zone name, listed, clean, error, pending */
	must_line(out, "  l1 ", line, sizeof line);
	assert_int_equal(sscanf(line, " l1 %63s %lu %lu %lu %lu", name, &listed, &clean, &error,
	                        &pending), 5);
	assert_string_equal(name, "dnsbl-1.uceprotect.net");
	assert_int_equal(listed, 1);
	assert_int_equal(clean, 13);
	assert_int_equal(error, 2);
	assert_int_equal(pending, 0);
	must_line(out, "  l2 ", line, sizeof line);
	assert_int_equal(sscanf(line, " l2 %63s %lu %lu %lu %lu", name, &listed, &clean, &error,
	                        &pending), 5);
	assert_int_equal(listed, 6);
	assert_int_equal(clean, 10);
	assert_int_equal(error, 0);
	assert_int_equal(pending, 0);
	must_line(out, "  l3 ", line, sizeof line);
	assert_int_equal(sscanf(line, " l3 %63s %lu %lu %lu %lu", name, &listed, &clean, &error,
	                        &pending), 5);
	assert_int_equal(listed, 1);
	assert_int_equal(clean, 14);
	assert_int_equal(error, 0);
	assert_int_equal(pending, 1);

	/* .5 is guilty; .8-.11 by range, .12 by ASN only; .13 is not
	 * collateral, its level 1 answer is unknown */
	must_line(out, "  guilty ", line, sizeof line);
	must_contain(line, "guilty 1, collateral 5 (by range 4, by ASN only 1)");
	must_contain(line, "collateral ratio 5.0");
	must_line(out, "  addresses: ", line, sizeof line);
	/* .6 and .13 (which reads range) each have a failed lookup */
	must_contain(line, "16, of them 2 with a failed lookup");
	free(out);
	scan_free(&sc);
}

static void ratio_without_guilty(void **state)
{
	const struct profile *p = profile_find("uceprotect");
	struct scan sc;
	struct session s;
	char line[512];
	char *out;

	(void)state;
	assert_int_equal(scan_init(&sc, p, NULL, A(192, 0, 2, 0), 30, NULL), 0);
	all_clean(&sc);
	set_listed(&sc.cells[0].zone[2], "");
	set_listed(&sc.cells[1].zone[1], "");
	set_listed(&sc.cells[1].zone[2], "");
	count(&sc);
	memset(&s, 0, sizeof s);
	s.profile = p;
	s.nzones = p->nzones;
	out = report_text(&s, &sc, NULL);
	must_line(out, "  guilty ", line, sizeof line);
	/* .1 has both: it counts by range */
	must_contain(line, "guilty 0, collateral 2 (by range 1, by ASN only 1)");
	assert_null(strstr(line, "ratio 2"));
	must_contain(line, "collateral ratio n/a (none guilty)");
	free(out);

	/* three guilty, one collateral: a ratio below one */
	set_listed(&sc.cells[0].zone[0], "");
	set_listed(&sc.cells[2].zone[0], "");
	set_listed(&sc.cells[3].zone[0], "");
	out = report_text(&s, &sc, NULL);
	must_line(out, "  guilty ", line, sizeof line);
	must_contain(line, "guilty 3, collateral 1 (by range 1, by ASN only 0)");
	must_contain(line, "collateral ratio 0.3");
	free(out);
	scan_free(&sc);
}

static void listings(void **state)
{
	struct scan sc;
	struct session s;
	char line[512], want[256];
	char *out;
	const char *sec, *a, *b, *c, *d, *e;

	(void)state;
	sample(&sc, &s);
	out = report_text(&s, &sc, NULL);
	sec = strstr(out, "listed and failed addresses\n");
	assert_non_null(sec);

	must_line(sec, "  192.0.2.5 ", line, sizeof line);
	must_contain(line, "guilty");
	must_contain(line, "AS64496 Example Org");
	must_line(sec, "  192.0.2.6 ", line, sizeof line);
	must_contain(line, "error");
	/* the four same-answer range addresses are one entry */
	must_line(sec, "  192.0.2.8 - 192.0.2.11 (4 addresses)", line, sizeof line);
	must_contain(line, "range");
	assert_false(nth_line(sec, "  192.0.2.9", 0, line, sizeof line));
	assert_false(nth_line(sec, "  192.0.2.10", 0, line, sizeof line));
	must_line(sec, "  192.0.2.12 ", line, sizeof line);
	must_contain(line, "asn");
	/* .13 also reads range but differs from .8-.11 in its l1 answer */
	must_line(sec, "  192.0.2.13 ", line, sizeof line);
	must_contain(line, "range");
	/* clean and pending addresses are not listed */
	assert_false(nth_line(sec, "  192.0.2.7 ", 0, line, sizeof line));
	assert_false(nth_line(sec, "  192.0.2.14 ", 0, line, sizeof line));
	assert_false(nth_line(sec, "  192.0.2.0 ", 0, line, sizeof line));

	/* in address order */
	a = strstr(sec, "  192.0.2.5 ");
	b = strstr(sec, "  192.0.2.6 ");
	c = strstr(sec, "  192.0.2.8 - ");
	d = strstr(sec, "  192.0.2.12 ");
	e = strstr(sec, "  192.0.2.13 ");
	assert_true(a < b && b < c && c < d && d < e);

	/* answers under each: TXT of listings, reasons of errors */
	assert_non_null(strstr(a, "Your address is listed"));
	snprintf(want, sizeof want, "%s: %s", lk_error_name(LKE_TIMEOUT),
	         lk_error_text(LKE_TIMEOUT));
	assert_non_null(strstr(b, want));
	assert_true(strstr(b, want) < c);
	snprintf(want, sizeof want, "%s: %s", lk_error_name(LKE_SERVFAIL),
	         lk_error_text(LKE_SERVFAIL));
	assert_non_null(strstr(e, want));
	assert_non_null(strstr(d, "ASN listed"));
	assert_true(strstr(c, "Range listed") < d);
	free(out);
	scan_free(&sc);
}

static void nothing_listed(void **state)
{
	const struct profile *p = profile_find("uceprotect");
	struct scan sc;
	struct session s;
	char line[256];
	char *out;

	(void)state;
	assert_int_equal(scan_init(&sc, p, NULL, A(192, 0, 2, 0), 29, NULL), 0);
	all_clean(&sc);
	count(&sc);
	memset(&s, 0, sizeof s);
	s.profile = p;
	s.nzones = p->nzones;
	out = report_text(&s, &sc, NULL);
	assert_null(strstr(out, "listed and failed addresses"));
	assert_non_null(strstr(out, "nothing listed"));
	must_line(out, "  guilty ", line, sizeof line);
	must_contain(line, "guilty 0, collateral 0 (by range 0, by ASN only 0), collateral ratio -");
	free(out);
	scan_free(&sc);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(header_lines),
		cmocka_unit_test(header_without_options),
		cmocka_unit_test(grid_glyphs),
		cmocka_unit_test(grid_offset),
		cmocka_unit_test(grid_two_blocks),
		cmocka_unit_test(legend_line),
		cmocka_unit_test(other_profile),
		cmocka_unit_test(counts_and_figures),
		cmocka_unit_test(ratio_without_guilty),
		cmocka_unit_test(listings),
		cmocka_unit_test(nothing_listed),
	};

	return cmocka_run_group_tests(tests, NULL, NULL);
}
