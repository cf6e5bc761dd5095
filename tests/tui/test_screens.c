/* Whole screens, compared with the expected ones in tests/tui/screens/:
 * the demo drawn in-process by the real app into a curses screen whose
 * output goes nowhere, read back cell by cell, at 80x24 and 120x40, in
 * UTF-8 and in ASCII.  A lost column, a cut title or a key line that
 * drops an item shows as a changed line.
 *
 * RBLSCOPE_SCREENS_UPDATE=1 writes the expected files anew; a mismatch
 * leaves the screen drawn in build/tests/screens/ to compare. */
#include <errno.h>
#include <limits.h>
#include <locale.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <setjmp.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>
#include <sys/stat.h>
#include <unistd.h>
#include <wchar.h>
#include <cmocka.h>

#include "core/scan/options.h"
#include "core/scan/session.h"
#include "tests/tui/demofix.h"
#include "tui/app.h"
#include "tui/curses.h"

#define SCREEN_TEXT_MAX (300 * 100 * 4)
#define EXPECTED_DIR "tests/tui/screens"
#define ACTUAL_DIR "build/tests/screens"

struct term {
	FILE *out, *in;
	SCREEN *scr;
};

/* A curses screen of cols x rows that draws into /dev/null. */
static void term_open(struct term *t, int cols, int rows)
{
	t->out = fopen("/dev/null", "w");
	t->in = fopen("/dev/null", "r");
	assert_non_null(t->out);
	assert_non_null(t->in);
	t->scr = newterm("xterm", t->out, t->in);
	assert_non_null(t->scr);
	set_term(t->scr);
	assert_int_equal(resize_term(rows, cols), OK);
}

static void term_close(struct term *t)
{
	endwin();
	delscreen(t->scr);
	fclose(t->out);
	fclose(t->in);
}

/* The screen as text: one line per row, UTF-8, trailing blanks cut. */
static void screen_text(char *out, size_t len)
{
	size_t used = 0;
	mbstate_t st;

	for (int y = 0; y < LINES; y++) {
		size_t row = used;

		for (int x = 0; x < COLS; x++) {
			wchar_t wc[CCHARW_MAX + 1] = { 0 };
			attr_t attr;
			short pair;
			cchar_t cc;
			char mb[MB_LEN_MAX];
			size_t k;

			mvin_wch(y, x, &cc);
			getcchar(&cc, wc, &attr, &pair, NULL);
			memset(&st, 0, sizeof st);
			k = wcrtomb(mb, wc[0] ? wc[0] : L' ', &st);
			if (k == (size_t)-1 || used + k + 2 >= len)
				k = 0;
			memcpy(out + used, mb, k);
			used += k;
			if (mb[0] != ' ' || k != 1)
				row = used;
		}
		used = row;
		out[used++] = '\n';
	}
	out[used] = '\0';
}

static void file_write(const char *path, const char *text)
{
	FILE *f = fopen(path, "w");

	assert_non_null(f);
	fputs(text, f);
	assert_int_equal(fclose(f), 0);
}

static char *file_read(const char *path)
{
	FILE *f = fopen(path, "r");
	char *buf = calloc(1, SCREEN_TEXT_MAX);
	size_t n;

	assert_non_null(buf);
	if (!f) {
		free(buf);
		return NULL;
	}
	n = fread(buf, 1, SCREEN_TEXT_MAX - 1, f);
	buf[n] = '\0';
	fclose(f);
	return buf;
}

/* Compare the screen with the expected one called name. */
static void expect_screen(const char *name)
{
	char *got = malloc(SCREEN_TEXT_MAX), *want, path[512];
	const char *update = getenv("RBLSCOPE_SCREENS_UPDATE");

	assert_non_null(got);
	screen_text(got, SCREEN_TEXT_MAX);
	snprintf(path, sizeof path, "%s/%s.txt", EXPECTED_DIR, name);
	if (update && update[0] == '1')
		file_write(path, got);
	want = file_read(path);
	if (!want || strcmp(want, got) != 0) {
		const char *g = got, *w = want ? want : "";
		int line = 1;

		while (*g && *g == *w) {
			line += *g == '\n';
			g++;
			w++;
		}
		mkdir("build/tests", 0777);
		mkdir(ACTUAL_DIR, 0777);
		snprintf(path, sizeof path, "%s/%s.txt", ACTUAL_DIR, name);
		file_write(path, got);
		print_error("screen %s differs from %s/%s.txt at line %d; drawn: %s\n", name,
		            EXPECTED_DIR, name, line, path);
		free(want);
		free(got);
		fail();
	}
	free(want);
	free(got);
}

/* The app over session s (and the demo d, or NULL) at cols x rows in
 * UTF-8 or ASCII, started on target and given keys; then compare with the
 * screen called name, and leave its text in text (len bytes). */
static void app_screen(struct session *s, struct demo *d, const struct target *target,
                       const char *name, int cols, int rows, bool utf8, const char *keys,
                       char *text, size_t len)
{
	struct theme th = { THEME_MONO, utf8 };
	struct scan *sc[STACK_MAX * SCREEN_SCANS_MAX];
	struct term t;
	struct app *a = calloc(1, sizeof *a);
	char full[128];
	size_t n;

	assert_non_null(a);
	term_open(&t, cols, rows);
	assert_int_equal(app_open(a, s, d, &th, COLS, LINES), 0);
	assert_int_equal(app_start(a, target), 0);
	for (const char *k = keys; *k; k++)
		app_key(a, (unsigned char)*k);
	/* Zone files answer at once; the clock is the one thing that
	 * differs from run to run. */
	n = stack_scans(&a->st, sc, sizeof sc / sizeof sc[0]);
	for (size_t i = 0; i < n; i++) {
		assert_true(scan_finished(sc[i]));
		sc[i]->started_ms = sc[i]->finished_ms = 1000;
	}
	app_draw(a);
	snprintf(full, sizeof full, "%s-%dx%d-%s", name, cols, rows, utf8 ? "utf8" : "ascii");
	expect_screen(full);
	screen_text(text, len);
	app_close(a);
	free(a);
	term_close(&t);
}

/* The demo at cols x rows in UTF-8 or ASCII, after keys; then compare
 * with the screen called name. */
static void demo_screen(const char *name, int cols, int rows, bool utf8, const char *keys)
{
	struct demofix f;
	char *text = malloc(SCREEN_TEXT_MAX);

	assert_non_null(text);
	memset(&f, 0, sizeof f);
	assert_int_equal(demofix_open(&f, NULL), 0);
	app_screen(&f.s, f.d, &f.opt.target, name, cols, rows, utf8, keys, text, SCREEN_TEXT_MAX);
	demofix_close(&f);
	free(text);
}

/* Each screen at both sizes, in both glyph sets. */
static void four_ways(const char *name, const char *keys)
{
	demo_screen(name, 80, 24, true, keys);
	demo_screen(name, 80, 24, false, keys);
	demo_screen(name, 120, 40, true, keys);
	demo_screen(name, 120, 40, false, keys);
}

static void test_grid(void **state)
{
	(void)state;
	four_ways("grid", "");
}

static void test_overview(void **state)
{
	(void)state;
	four_ways("overview", "o");
}

static void test_asn_view(void **state)
{
	(void)state;
	four_ways("asn", "a");
}

static void test_help(void **state)
{
	(void)state;
	four_ways("help", "?");
}

/* The census of the demo's zones, from the grid with C. */
static void test_census(void **state)
{
	(void)state;
	four_ways("census", "C");
}

/* The map of the whole space, on the demo's address, from the grid with M. */
static void test_map(void **state)
{
	(void)state;
	four_ways("map", "M");
}

/* A guilty address of the demo on every list of the catalogue, with L:
 * the demo's zone files answer UCEPROTECT's lists, the rest have no
 * file (errors, never clean). */
static void test_check(void **state)
{
	(void)state;
	four_ways("check", "g198.18.7.25\rL");
}

/* The lesson's turn: 8 Feb 2021 rules, one impact, the whole ASN. */
static void test_tipped(void **state)
{
	(void)state;
	four_ways("tipped", "ppai");
}

/* q from the grid opened in the overview: the overview as it was; q
 * again: the first grid, its cursor where it was. */
static void test_back(void **state)
{
	(void)state;
	demo_screen("back-overview", 80, 24, true, "lllo\rq");
	demo_screen("back-grid", 80, 24, true, "lllo\rqq");
}

static void test_small(void **state)
{
	(void)state;
	demo_screen("compact", 60, 20, true, "");
	demo_screen("toosmall", 50, 15, true, "");
	demo_screen("large", 200, 60, true, "");
}

/* ---- another profile than UCEPROTECT's ---- */

/* A zone file of Spamhaus ZEN in the folder dir: two addresses of the
 * demo's 198.18.7.0/24 listed, and the RFC 5782 test entry. */
static void zen_zone_write(const char *dir)
{
	char path[512];

	snprintf(path, sizeof path, "%s/zen.spamhaus.org", dir);
	file_write(path, ":127.0.0.2:Listed in the SBL\n127.0.0.2\n198.18.7.25\n198.18.7.30\n");
}

/* The screen after keys, scanning 198.18.7.0/24 with the profile
 * spamhaus over zone files: it names the profile's zone, ZEN, and never
 * a level, which only UCEPROTECT has. */
static void spamhaus_screen(const char *name, int cols, int rows, bool utf8, const char *keys,
                            const char *must)
{
	/* A fixed folder: the title names it. */
	char dir[] = "build/tests/zones-spamhaus", path[512], err[512];
	char *argv[] = { "rblscope", "--profile", "spamhaus", "--zones", dir, "--db",
	                 "build/demo/asn.mmdb", "198.18.7.0/24", NULL };
	char *text = malloc(SCREEN_TEXT_MAX);
	struct options opt;
	struct session s;

	assert_non_null(text);
	mkdir("build/tests", 0777);
	assert_true(mkdir(dir, 0777) == 0 || errno == EEXIST);
	zen_zone_write(dir);
	assert_true(options_parse(&opt, 8, argv) < 0);
	assert_int_equal(session_open(&s, &opt, err, sizeof err), 0);
	app_screen(&s, NULL, &opt.target, name, cols, rows, utf8, keys, text, SCREEN_TEXT_MAX);
	session_close(&s);
	snprintf(path, sizeof path, "%s/zen.spamhaus.org", dir);
	assert_int_equal(unlink(path), 0);
	assert_int_equal(rmdir(dir), 0);
	for (const char *p = text; *p; p++)
		if (strncasecmp(p, "level", 5) == 0 || strncmp(p, "L1", 2) == 0)
			fail_msg("screen %s speaks of levels:\n%s", name, text);
	if (!strstr(text, must))
		fail_msg("screen %s lacks \"%s\":\n%s", name, must, text);
	free(text);
}

static void test_other_profile(void **state)
{
	(void)state;
	spamhaus_screen("spamhaus-grid", 120, 40, true, "", "guilty (ZEN)");
	spamhaus_screen("spamhaus-grid", 80, 24, false, "", "guilty 2");
	spamhaus_screen("spamhaus-help", 120, 40, false, "?", "# guilty (ZEN)  listed itself on ZEN");
	spamhaus_screen("spamhaus-census", 80, 24, true, "C", "ZEN");
	spamhaus_screen("spamhaus-map", 80, 24, true, "M", "guilty (ZEN)");
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_grid),
		cmocka_unit_test(test_overview),
		cmocka_unit_test(test_asn_view),
		cmocka_unit_test(test_help),
		cmocka_unit_test(test_tipped),
		cmocka_unit_test(test_census),
		cmocka_unit_test(test_map),
		cmocka_unit_test(test_check),
		cmocka_unit_test(test_back),
		cmocka_unit_test(test_small),
		cmocka_unit_test(test_other_profile),
	};

	/* Wide characters reach curses as text in the locale's encoding. */
	if (!setlocale(LC_ALL, "C.UTF-8"))
		return 1;
	return cmocka_run_group_tests(tests, NULL, NULL);
}
