/* Unit tests for core/export/runs.c and the order of the text snapshot:
 * the verdict and counts come first; a listed range is one entry even
 * when rbldnsd wrote each address into its TXT; no line is wider than
 * 100 columns, long texts wrap whole; numbers are grouped as in the UI. */
#include <stdarg.h>
#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>
#include <setjmp.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <cmocka.h>

#include "core/base/ip.h"
#include "core/export/report.h"
#include "core/export/runs.h"
#include "core/scan/session.h"

#define A(a, b, c, d) ((uint32_t)(a) << 24 | (uint32_t)(b) << 16 | (uint32_t)(c) << 8 | (uint32_t)(d))
#define NET A(192, 0, 2, 0)

static char texts[256][128];
static char long_txt[400];

static void set(struct lookup *l, enum lk_state st, const char *txt)
{
	memset(l, 0, sizeof *l);
	l->state = st;
	l->code = st == LK_LISTED ? A(127, 0, 0, 2) : 0;
	l->txt = txt;
}

/* 192.0.2.0/24 under uceprotect: .0-.127 in a listed /25 whose TXT
 * names each address; .5 also listed itself with a 300-byte TXT;
 * .200 timed out on l1; the rest clean. */
static char *sample_report(struct scan *sc, struct session *s)
{
	const struct profile *p = profile_find("uceprotect");
	char *buf = NULL;
	size_t len = 0;
	FILE *f;

	assert_non_null(p);
	assert_int_equal(scan_init(sc, p, NULL, NET, 24, NULL), 0);
	memset(long_txt, 'x', sizeof long_txt - 1);
	for (size_t k = 40; k < 300; k += 41)
		long_txt[k] = ' ';
	long_txt[300] = '\0';
	for (unsigned i = 0; i < 256; i++) {
		snprintf(texts[i], sizeof texts[i], "Net 192.0.2.0/25 is listed, asked for 192.0.2.%u", i);
		set(&sc->cells[i].zone[0], i == 5 ? LK_LISTED : LK_CLEAN, i == 5 ? long_txt : "");
		set(&sc->cells[i].zone[1], i < 128 ? LK_LISTED : LK_CLEAN, i < 128 ? texts[i] : "");
		set(&sc->cells[i].zone[2], LK_CLEAN, "");
	}
	sc->cells[200].zone[0].state = LK_ERROR;
	sc->cells[200].zone[0].error = LKE_TIMEOUT;
	sc->done = sc->total;
	sc->failed = 1;
	memset(s, 0, sizeof *s);
	s->profile = p;
	s->nzones = p->nzones;
	f = open_memstream(&buf, &len);
	assert_non_null(f);
	report_write(f, s, sc, NULL, (time_t)1795357800);
	assert_int_equal(fclose(f), 0);
	return buf;
}

static void one_entry_per_range(void **state)
{
	struct scan sc;
	struct session s;
	char *out = sample_report(&sc, &s);

	(void)state;
	assert_non_null(strstr(out, "\n  192.0.2.0 - 192.0.2.4 (5 addresses) range"));
	assert_non_null(strstr(out, "\n  192.0.2.5       guilty"));
	assert_non_null(strstr(out, "\n  192.0.2.6 - 192.0.2.127 (122 addresses) range"));
	/* the run's TXT says where each address goes */
	assert_non_null(strstr(out, "TXT Net 192.0.2.0/25 is listed, asked for <address>\n"));
	assert_null(strstr(out, "\n  192.0.2.7 "));
	assert_non_null(strstr(out, "\n  192.0.2.200     error"));
	free(out);
	scan_free(&sc);
}

static void verdict_first_and_100_columns(void **state)
{
	struct scan sc;
	struct session s;
	char *out = sample_report(&sc, &s);
	const char *verdict = strstr(out, "\n  verdict "), *grid = strstr(out, "/24     0 1 2");
	size_t xs = 0;

	(void)state;
	assert_non_null(verdict);
	assert_non_null(grid);
	assert_true(verdict < grid);
	assert_true(strstr(out, "\n  guilty 1, collateral 127") < grid);
	for (const char *p = out, *e; *p; p = e + 1) {
		e = strchr(p, '\n');
		assert_non_null(e);
		if (e - p > 100)
			fail_msg("a line of %d columns: %.*s", (int)(e - p), (int)(e - p), p);
	}
	/* the long TXT is all there, wrapped */
	for (const char *p = out; *p; p++)
		xs += *p == 'x';
	assert_true(xs >= 300 - 7);
	free(out);
	scan_free(&sc);
}

static void wrapping(void **state)
{
	char *buf = NULL;
	size_t len = 0;
	FILE *f = open_memstream(&buf, &len);
	char word[150];

	(void)state;
	memset(word, 'w', sizeof word - 1);
	word[sizeof word - 1] = '\0';
	fputs("head ", f);
	text_wrapped(f, "short text", 5, 10);
	text_wrapped(f, "", 0, 0);
	text_wrapped(f, word, 0, 4);
	assert_int_equal(fclose(f), 0);
	assert_memory_equal(buf, "head short text\n\n", 17);
	/* a word longer than a line is cut, the rest indented */
	assert_int_equal(strcspn(buf + 17, "\n"), 100);
	assert_memory_equal(buf + 17 + 101, "    www", 7);
	free(buf);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(one_entry_per_range),
		cmocka_unit_test(verdict_first_and_100_columns),
		cmocka_unit_test(wrapping),
	};

	return cmocka_run_group_tests(tests, NULL, NULL);
}
