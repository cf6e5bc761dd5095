/* Unit tests for core/scan/legend.c: every class of address has a name, a
 * label and glyphs, the legend lists each class once, worst first, says
 * which classes are collateral damage, and speaks in the words of the
 * profile: its zones' labels, never UCEPROTECT's levels. */
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
		assert_non_null(e->label_tpl);
		assert_true(e->label_tpl[0]);
		assert_non_null(e->meaning_tpl);
		assert_true(e->meaning_tpl[0]);
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
			assert_string_not_equal(x->label_tpl, y->label_tpl);
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
 * guilty, error, pending and clean are not.  Each names the zone of its
 * role. */
static void collateral_named(void **state)
{
	const struct profile *p = profile_find("uceprotect");
	char text[LEGEND_TEXT_MAX];

	(void)state;
	assert_non_null(p);
	for (int c = 0; c < CC_COUNT; c++) {
		const struct legend_entry *e = legend_of((enum cell_class)c);
		bool collateral = c == CC_RANGE || c == CC_ASN;

		assert_true((strstr(e->meaning_tpl, "collateral") != NULL) == collateral);
		if (!collateral)
			assert_null(strstr(e->label_tpl, "collateral"));
	}
	legend_meaning(CC_GUILTY, p, text, sizeof text);
	assert_string_equal(text, "listed itself on UCE-1");
	legend_meaning(CC_RANGE, p, text, sizeof text);
	assert_string_equal(text, "collateral: clean on UCE-1; UCE-2 lists its range");
	legend_meaning(CC_ASN, p, text, sizeof text);
	assert_string_equal(text, "collateral: clean on UCE-1; UCE-3 lists its whole ASN");
	legend_label(CC_ASN, p, text, sizeof text);
	assert_string_equal(text, "ASN (UCE-3)");
}

/* A profile without range or ASN zone: the labels keep the plain class
 * word, the meanings say there is no such zone, other sentences use a
 * generic word for it. */
static void other_profile_words(void **state)
{
	const struct profile *p = profile_find("spamhaus");
	char text[LEGEND_TEXT_MAX];

	(void)state;
	assert_non_null(p);
	legend_label(CC_GUILTY, p, text, sizeof text);
	assert_string_equal(text, "guilty (ZEN)");
	legend_label(CC_RANGE, p, text, sizeof text);
	assert_string_equal(text, "range");
	legend_label(CC_ASN, p, text, sizeof text);
	assert_string_equal(text, "ASN");
	legend_meaning(CC_GUILTY, p, text, sizeof text);
	assert_string_equal(text, "listed itself on ZEN");
	legend_meaning(CC_RANGE, p, text, sizeof text);
	assert_string_equal(text, "none: profile spamhaus has no range zone");
	legend_meaning(CC_ASN, p, text, sizeof text);
	assert_string_equal(text, "none: profile spamhaus has no ASN zone");
	assert_false(legend_possible(CC_ASN, p));
	assert_true(legend_possible(CC_GUILTY, p));
	assert_true(legend_possible(CC_ERROR, p));
	assert_string_equal(profile_role_label(p, ZR_SINGLE), "ZEN");
	assert_string_equal(profile_role_label(p, ZR_ASN), "an ASN list");
	assert_null(profile_role_zone(p, ZR_RANGE));
	assert_int_equal(legend_label_width(p), (int)strlen("guilty (ZEN)"));
}

/* legend_words: slots filled, unknown braces kept, the output always
 * terminated when it is cut. */
static void words_filled(void **state)
{
	const struct profile *uce = profile_find("uceprotect"), *psbl = profile_find("psbl");
	char text[LEGEND_TEXT_MAX], small[8];

	(void)state;
	legend_words(uce, "{single}, {range} ({asn}) {other} {", text, sizeof text);
	assert_string_equal(text, "UCE-1, UCE-2 (UCE-3) {other} {");
	legend_words(psbl, "blocked by a listed range ({range}), none ({single})", text,
	             sizeof text);
	assert_string_equal(text, "blocked by a listed range, none (PSBL)");
	legend_words(psbl, "({asn}) alone", text, sizeof text);
	assert_string_equal(text, " alone");
	legend_words(uce, "on {single} and {range}", small, sizeof small);
	assert_string_equal(small, "on UCE-");
	legend_words(NULL, "{range}", text, sizeof text);
	assert_string_equal(text, "a range list");
}

/* Legends align labels to the widest and the help box has 72 columns for
 * a glyph, a label and its meaning: so they fit for every built-in
 * profile, and none says "level". */
static void labels_fit(void **state)
{
	size_t np;
	const struct profile *list = profile_list(&np);
	char label[LEGEND_LABEL_MAX], meaning[LEGEND_TEXT_MAX];

	(void)state;
	for (size_t i = 0; i < np; i++) {
		int lw = legend_label_width(&list[i]);

		for (int c = 0; c < CC_COUNT; c++) {
			legend_label((enum cell_class)c, &list[i], label, sizeof label);
			legend_meaning((enum cell_class)c, &list[i], meaning, sizeof meaning);
			assert_true(utf8_points(label) <= (size_t)lw);
			if (2 + (size_t)lw + 2 + utf8_points(meaning) > 72)
				fail_msg("profile %s: \"%s  %s\" is wider than the help box",
				         list[i].name, label, meaning);
			assert_null(strstr(label, "level"));
			assert_null(strstr(meaning, "level"));
		}
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
		cmocka_unit_test(other_profile_words),
		cmocka_unit_test(words_filled),
		cmocka_unit_test(labels_fit),
	};

	return cmocka_run_group_tests(tests, NULL, NULL);
}
