/* Unit tests for tui/theme.c: the colour policy (NO_COLOR, terminals
 * without colour, 8 and 256 colours), the glyph set chosen by locale,
 * and a monochrome column that keeps every class apart. */
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <setjmp.h>
#include <string.h>
#include <cmocka.h>

#include "core/scan/legend.h"
#include "tui/theme.h"

static void test_no_color_wins(void **state)
{
	struct theme th;

	(void)state;
	theme_choose(&th, "1", true, 256, "UTF-8", false);
	assert_int_equal(th.depth, THEME_MONO);
	/* Any non-empty value counts, as no-color.org says. */
	theme_choose(&th, "0", true, 256, "UTF-8", false);
	assert_int_equal(th.depth, THEME_MONO);
	/* An empty NO_COLOR is as if it were not set. */
	theme_choose(&th, "", true, 256, "UTF-8", false);
	assert_int_equal(th.depth, THEME_256);
}

static void test_depth_by_terminal(void **state)
{
	struct theme th;

	(void)state;
	theme_choose(&th, NULL, false, 256, "UTF-8", false);
	assert_int_equal(th.depth, THEME_MONO);
	theme_choose(&th, NULL, true, 0, "UTF-8", false);
	assert_int_equal(th.depth, THEME_MONO);
	theme_choose(&th, NULL, true, 8, "UTF-8", false);
	assert_int_equal(th.depth, THEME_8);
	theme_choose(&th, NULL, true, 16, "UTF-8", false);
	assert_int_equal(th.depth, THEME_8);
	theme_choose(&th, NULL, true, 256, "UTF-8", false);
	assert_int_equal(th.depth, THEME_256);
	theme_choose(&th, NULL, true, 16777216, "UTF-8", false);
	assert_int_equal(th.depth, THEME_256);
}

static void test_glyph_set_by_codeset(void **state)
{
	struct theme th;

	(void)state;
	theme_choose(&th, NULL, true, 256, "UTF-8", false);
	assert_true(th.utf8);
	theme_choose(&th, NULL, true, 256, "utf8", false);
	assert_true(th.utf8);
	theme_choose(&th, NULL, true, 256, "ANSI_X3.4-1968", false);
	assert_false(th.utf8);
	theme_choose(&th, NULL, true, 256, NULL, false);
	assert_false(th.utf8);
	/* --ascii forces ASCII whatever the locale. */
	theme_choose(&th, NULL, true, 256, "UTF-8", true);
	assert_false(th.utf8);
}

static void test_glyphs_follow_legend(void **state)
{
	struct theme utf = { THEME_256, true }, asc = { THEME_MONO, false };

	(void)state;
	for (int c = 0; c < CC_COUNT; c++) {
		assert_string_equal(theme_glyph(&utf, (enum cell_class)c), legend_of((enum cell_class)c)->utf8);
		assert_string_equal(theme_glyph(&asc, (enum cell_class)c), legend_of((enum cell_class)c)->ascii);
		assert_int_equal(strlen(theme_glyph(&asc, (enum cell_class)c)), 1);
	}
}

/* Every ASCII glyph and every monochrome look differ between classes,
 * so the grid reads without colour. */
static void test_classes_apart_without_colour(void **state)
{
	struct theme mono = { THEME_MONO, false };

	(void)state;
	for (int a = 0; a < CC_COUNT; a++) {
		for (int b = a + 1; b < CC_COUNT; b++) {
			assert_string_not_equal(theme_glyph(&mono, (enum cell_class)a),
			                        theme_glyph(&mono, (enum cell_class)b));
			assert_true(theme_class_attr(&mono, (enum cell_class)a) !=
			            theme_class_attr(&mono, (enum cell_class)b));
		}
	}
}

static void test_mono_has_no_colour_pairs(void **state)
{
	struct theme mono = { THEME_MONO, true }, col = { THEME_8, true };

	(void)state;
	for (int c = 0; c < CC_COUNT; c++) {
		assert_int_equal(PAIR_NUMBER(theme_class_attr(&mono, (enum cell_class)c)), 0);
		assert_int_not_equal(PAIR_NUMBER(theme_class_attr(&col, (enum cell_class)c)), 0);
	}
	for (int e = 0; e < TE_COUNT; e++) {
		assert_int_equal(PAIR_NUMBER(theme_elem_attr(&mono, (enum theme_elem)e)), 0);
		assert_int_not_equal(PAIR_NUMBER(theme_elem_attr(&col, (enum theme_elem)e)), 0);
	}
}

static void test_syms(void **state)
{
	struct theme utf = { THEME_256, true }, asc = { THEME_256, false };

	(void)state;
	for (int s = 0; s < TS_COUNT; s++) {
		const char *a = theme_sym(&asc, (enum theme_sym)s);

		assert_int_equal(strlen(a), 1);
		assert_true(a[0] > 0x20 && a[0] < 0x7f);
		assert_true(strlen(theme_sym(&utf, (enum theme_sym)s)) >= 1);
	}
	assert_string_equal(theme_sym(&asc, TS_CURSOR), ">");
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_no_color_wins),
		cmocka_unit_test(test_depth_by_terminal),
		cmocka_unit_test(test_glyph_set_by_codeset),
		cmocka_unit_test(test_glyphs_follow_legend),
		cmocka_unit_test(test_classes_apart_without_colour),
		cmocka_unit_test(test_mono_has_no_colour_pairs),
		cmocka_unit_test(test_syms),
	};

	return cmocka_run_group_tests(tests, NULL, NULL);
}
