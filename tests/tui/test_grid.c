/* Unit tests for tui/grid.c: the glyph, mark and octet of each cell for
 * a known set of answers, in ASCII, with the cursor and the ASN layer. */
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <setjmp.h>
#include <stdlib.h>
#include <string.h>
#include <cmocka.h>

#include "tests/tui/appfix.h"
#include "tui/grid.h"

struct fixture {
	struct options opt;
	struct session s;
	struct scan sc;
	struct appfix x;
	struct gridscreen g;
};

static void fixture_open(struct fixture *f, const char *target, bool utf8)
{
	struct target t;
	char err[160];

	memset(f, 0, sizeof *f);
	appfix_init(&f->opt, &f->s, &f->x, utf8);
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

/* Answer every zone of the cells first..last with the states given. */
static void answer(struct fixture *f, unsigned first, unsigned last, enum lk_state l1,
                   enum lk_state l2, enum lk_state l3)
{
	enum lk_state st[3] = { l1, l2, l3 };

	for (unsigned o = first; o <= last; o++) {
		struct scan_cell *c = scan_cell_of(&f->sc, f->g.view.base | o);

		assert_non_null(c);
		for (size_t z = 0; z < 3; z++) {
			c->zone[z].state = st[z];
			c->zone[z].code = st[z] == LK_LISTED ? 0x7f000002u : 0;
			c->zone[z].error = st[z] == LK_ERROR ? LKE_TIMEOUT : LKE_NONE;
		}
	}
}

static void test_pending_row(void **state)
{
	struct fixture f;
	char row[256];

	(void)state;
	fixture_open(&f, "192.0.2.77", false);
	grid_row_text(&f.g, 0, row, sizeof row);
	assert_string_equal(row, " ?  0 ?  1 ?  2 ?  3 ?  4 ?  5 ?  6 ?  7"
	                         " ?  8 ?  9 ? 10 ? 11 ? 12 ? 13 ? 14 ? 15");
	fixture_close(&f);
}

static void test_classes_and_cursor(void **state)
{
	struct fixture f;
	char row[256];

	(void)state;
	fixture_open(&f, "192.0.2.77", false);
	answer(&f, 0, 255, LK_CLEAN, LK_CLEAN, LK_CLEAN);
	answer(&f, 64, 79, LK_CLEAN, LK_LISTED, LK_LISTED);   /* range */
	answer(&f, 66, 66, LK_LISTED, LK_LISTED, LK_LISTED);  /* guilty */
	answer(&f, 70, 70, LK_CLEAN, LK_CLEAN, LK_LISTED);    /* ASN */
	answer(&f, 71, 71, LK_CLEAN, LK_ERROR, LK_CLEAN);     /* error */
	answer(&f, 72, 72, LK_CLEAN, LK_PENDING, LK_CLEAN);   /* pending */
	grid_row_text(&f.g, 4, row, sizeof row);
	assert_string_equal(row, " = 64 = 65 # 66 = 67 = 68 = 69 ~ 70 ! 71"
	                         " ? 72 = 73 = 74 = 75 = 76>= 77 = 78 = 79");
	grid_row_text(&f.g, 15, row, sizeof row);
	assert_string_equal(row, " .240 .241 .242 .243 .244 .245 .246 .247"
	                         " .248 .249 .250 .251 .252 .253 .254 .255");
	fixture_close(&f);
}

static void test_utf8_glyphs(void **state)
{
	struct fixture f;
	char row[512];

	(void)state;
	fixture_open(&f, "192.0.2.0", true);
	answer(&f, 0, 15, LK_CLEAN, LK_CLEAN, LK_CLEAN);
	answer(&f, 1, 1, LK_LISTED, LK_CLEAN, LK_CLEAN);
	grid_row_text(&f.g, 0, row, sizeof row);
	assert_int_equal(strncmp(row, "\xe2\x96\xb8\xe2\x97\x8b  0 \xe2\x96\x88  1", 16), 0);
	fixture_close(&f);
}

static void test_outside_scan(void **state)
{
	struct fixture f;
	char row[256];

	(void)state;
	fixture_open(&f, "198.51.100.0/28", false);
	answer(&f, 0, 15, LK_CLEAN, LK_CLEAN, LK_CLEAN);
	grid_row_text(&f.g, 0, row, sizeof row);
	assert_string_equal(row, ">.  0 .  1 .  2 .  3 .  4 .  5 .  6 .  7"
	                         " .  8 .  9 . 10 . 11 . 12 . 13 . 14 . 15");
	/* Not scanned: no glyph, just the octet. */
	grid_row_text(&f.g, 1, row, sizeof row);
	assert_string_equal(row, "   16   17   18   19   20   21   22   23"
	                         "   24   25   26   27   28   29   30   31");
	assert_int_equal(grid_class_of(&f.g, f.g.view.base | 16, NULL), -1);
	fixture_close(&f);
}

/* While a re-query runs, a cell shows its old class, marked stale, and
 * the layer picks one zone. */
static void test_stale_and_layers(void **state)
{
	struct fixture f;
	bool stale;
	char row[256];

	(void)state;
	fixture_open(&f, "192.0.2.0", false);
	answer(&f, 0, 255, LK_CLEAN, LK_LISTED, LK_LISTED);
	answer(&f, 1, 1, LK_LISTED, LK_LISTED, LK_LISTED);
	f.sc.prev = malloc(f.sc.ncells * f.sc.nzones * sizeof *f.sc.prev);
	assert_non_null(f.sc.prev);
	memcpy(f.sc.prev, f.sc.answers, f.sc.ncells * f.sc.nzones * sizeof *f.sc.prev);
	answer(&f, 0, 255, LK_PENDING, LK_PENDING, LK_PENDING);
	answer(&f, 2, 2, LK_CLEAN, LK_CLEAN, LK_CLEAN);     /* .2 answered anew */
	assert_int_equal(grid_class_of(&f.g, f.g.view.base | 1, &stale), CC_GUILTY);
	assert_true(stale);
	assert_int_equal(grid_class_of(&f.g, f.g.view.base | 2, &stale), CC_CLEAN);
	assert_false(stale);
	grid_row_text(&f.g, 0, row, sizeof row);
	assert_int_equal(strncmp(row, ">=  0 #  1 .  2 =  3", 20), 0);
	/* 3: level 3 alone; 1: level 1 alone */
	f.x.cx.layer = 2;
	assert_int_equal(grid_class_of(&f.g, f.g.view.base | 1, NULL), CC_ASN);
	f.x.cx.layer = 0;
	assert_int_equal(grid_class_of(&f.g, f.g.view.base | 3, NULL), CC_CLEAN);
	fixture_close(&f);
}

static void test_asn_layer(void **state)
{
	struct fixture f;
	char row[256];

	(void)state;
	fixture_open(&f, "192.0.2.120", false);
	answer(&f, 0, 255, LK_CLEAN, LK_CLEAN, LK_CLEAN);
	for (unsigned o = 0; o < 256; o++) {
		struct scan_cell *c = scan_cell_of(&f.sc, f.g.view.base | o);

		c->asn.found = o < 192;
		c->asn.asn = o < 128 ? 64500 : 64501;
	}
	f.g.target_asn = f.sc.cells[120].asn;
	/* Off: no marks. */
	grid_row_text(&f.g, 8, row, sizeof row);
	assert_string_equal(row, " .128 .129 .130 .131 .132 .133 .134 .135"
	                         " .136 .137 .138 .139 .140 .141 .142 .143");
	f.g.asn_layer = true;
	grid_row_text(&f.g, 7, row, sizeof row);
	assert_string_equal(row, " .112 .113 .114 .115 .116 .117 .118 .119"
	                         ">.120 .121 .122 .123 .124 .125 .126 .127");
	grid_row_text(&f.g, 8, row, sizeof row);
	assert_string_equal(row, "x.128x.129x.130x.131x.132x.133x.134x.135"
	                         "x.136x.137x.138x.139x.140x.141x.142x.143");
	/* Not in the DB at all is another ASN too. */
	assert_true(grid_other_asn(&f.g, f.g.view.base | 200));
	assert_false(grid_other_asn(&f.g, f.g.view.base | 0));
	fixture_close(&f);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_pending_row),
		cmocka_unit_test(test_classes_and_cursor),
		cmocka_unit_test(test_utf8_glyphs),
		cmocka_unit_test(test_outside_scan),
		cmocka_unit_test(test_stale_and_layers),
		cmocka_unit_test(test_asn_layer),
	};

	return cmocka_run_group_tests(tests, NULL, NULL);
}
