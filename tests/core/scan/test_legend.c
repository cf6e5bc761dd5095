/* Unit tests for core/scan/legend.c: every class of address has a name, a
 * label and glyphs, the legend lists each class once, worst first, and
 * says which classes are collateral damage. */
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <setjmp.h>
#include <stdbool.h>
#include <string.h>
#include <cmocka.h>

#include "core/scan/legend.h"

/* Columns a UTF-8 string takes if each code point is one column: the
 * count of non-continuation bytes.  Also checks the encoding. */
static size_t utf8_points(const char *s)
{
	size_t n = 0;

	for (const unsigned char *p = (const unsigned char *)s; *p; p++) {
		if ((*p & 0xc0) != 0x80)
			n++;
		assert_true(*p != 0xc0 && *p != 0xc1 && *p < 0xf5);
	}
	return n;
}

static void entries_complete(void **state)
{
	(void)state;
	for (int c = 0; c < CC_COUNT; c++) {
		const struct legend_entry *e = legend_of((enum cell_class)c);

		assert_non_null(e);
		assert_non_null(e->name);
		assert_true(e->name[0]);
		assert_non_null(e->label);
		assert_true(e->label[0]);
		assert_non_null(e->meaning);
		assert_true(e->meaning[0]);
		/* ASCII: exactly one printable byte */
		assert_non_null(e->ascii);
		assert_int_equal(strlen(e->ascii), 1);
		assert_true(e->ascii[0] > ' ' && e->ascii[0] < 0x7f);
		/* UTF-8: one code point */
		assert_non_null(e->utf8);
		assert_int_equal(utf8_points(e->utf8), 1);
		/* names are keys in CSV and JSON: no blanks, lower case */
		for (const char *p = e->name; *p; p++)
			assert_true(*p >= 'a' && *p <= 'z');
	}
}

static void entries_distinct(void **state)
{
	(void)state;
	for (int a = 0; a < CC_COUNT; a++) {
		for (int b = 0; b < a; b++) {
			const struct legend_entry *x = legend_of((enum cell_class)a);
			const struct legend_entry *y = legend_of((enum cell_class)b);

			assert_ptr_not_equal(x, y);
			assert_string_not_equal(x->name, y->name);
			assert_string_not_equal(x->label, y->label);
			/* a grid must tell classes apart in both glyph sets */
			assert_string_not_equal(x->ascii, y->ascii);
			assert_string_not_equal(x->utf8, y->utf8);
		}
	}
}

static void known_names(void **state)
{
	(void)state;
	assert_string_equal(legend_of(CC_GUILTY)->name, "guilty");
	assert_string_equal(legend_of(CC_RANGE)->name, "range");
	assert_string_equal(legend_of(CC_ASN)->name, "asn");
	assert_string_equal(legend_of(CC_ERROR)->name, "error");
	assert_string_equal(legend_of(CC_PENDING)->name, "pending");
	assert_string_equal(legend_of(CC_CLEAN)->name, "clean");
}

static void order_worst_first(void **state)
{
	static const enum cell_class worst_first[] = {
		CC_GUILTY, CC_RANGE, CC_ASN, CC_ERROR, CC_PENDING, CC_CLEAN,
	};
	size_t n = 0;
	const enum cell_class *order = legend_order(&n);
	int seen[CC_COUNT] = { 0 };

	(void)state;
	assert_non_null(order);
	assert_int_equal(n, CC_COUNT);
	for (size_t i = 0; i < n; i++) {
		assert_true((unsigned)order[i] < CC_COUNT);
		seen[order[i]]++;
		/* scan.h: severity guilty, range, asn, error, pending, clean */
		assert_int_equal(order[i], worst_first[i]);
	}
	for (int c = 0; c < CC_COUNT; c++)
		assert_int_equal(seen[c], 1);
}

/* Range and ASN listings block addresses for their neighbours' sake: the
 * legend calls them collateral, as the summary's "collateral ratio" does;
 * guilty, error, pending and clean are not. */
static void collateral_named(void **state)
{
	(void)state;
	for (int c = 0; c < CC_COUNT; c++) {
		const struct legend_entry *e = legend_of((enum cell_class)c);
		bool collateral = c == CC_RANGE || c == CC_ASN;

		assert_true((strstr(e->meaning, "collateral") != NULL) == collateral);
		if (!collateral)
			assert_null(strstr(e->label, "collateral"));
	}
	assert_non_null(strstr(legend_of(CC_RANGE)->meaning, "level 2"));
	assert_non_null(strstr(legend_of(CC_ASN)->meaning, "level 3"));
	assert_non_null(strstr(legend_of(CC_GUILTY)->meaning, "level 1"));
}

/* Legends print "%-12s %s": a label fits the field, and a label and its
 * meaning fit the 70 columns of the help box. */
static void labels_short(void **state)
{
	(void)state;
	for (int c = 0; c < CC_COUNT; c++) {
		const struct legend_entry *e = legend_of((enum cell_class)c);

		assert_true(utf8_points(e->label) <= 12);
		assert_true(13 + utf8_points(e->meaning) <= 70);
	}
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(entries_complete),
		cmocka_unit_test(entries_distinct),
		cmocka_unit_test(known_names),
		cmocka_unit_test(order_worst_first),
		cmocka_unit_test(collateral_named),
		cmocka_unit_test(labels_short),
	};

	return cmocka_run_group_tests(tests, NULL, NULL);
}
