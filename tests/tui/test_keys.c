/* Unit tests for tui/keys.c: every key the help promises maps to its
 * action, and the help and the key line come from the same table. */
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <setjmp.h>
#include <stdio.h>
#include <string.h>
#include <cmocka.h>

#include "tui/curses.h"
#include "tui/keys.h"

static void test_bindings(void **state)
{
	static const struct {
		int ch;
		enum action act;
	} want[] = {
		{ KEY_LEFT, ACT_LEFT }, { 'h', ACT_LEFT },
		{ KEY_RIGHT, ACT_RIGHT }, { 'l', ACT_RIGHT },
		{ KEY_UP, ACT_UP }, { 'k', ACT_UP },
		{ KEY_DOWN, ACT_DOWN }, { 'j', ACT_DOWN },
		{ KEY_HOME, ACT_FIRST }, { KEY_END, ACT_LAST },
		{ '[', ACT_PREV24 }, { ']', ACT_NEXT24 },
		{ KEY_PPAGE, ACT_PREV24 }, { KEY_NPAGE, ACT_NEXT24 },
		{ 'g', ACT_GOTO }, { '/', ACT_GOTO },
		{ 'r', ACT_REQUERY }, { 'x', ACT_SAVE },
		{ 'A', ACT_ASN_LAYER }, { 'a', ACT_ASN_VIEW }, { 'o', ACT_OVERVIEW },
		{ 'p', ACT_POLICY_NEXT }, { 'P', ACT_POLICY_PREV }, { 'i', ACT_IMPACT },
		{ 'u', ACT_UNDO }, { 'U', ACT_RESET },
		{ '1', ACT_LAYER_1 }, { '3', ACT_LAYER_1 + 2 }, { '0', ACT_LAYER_ALL },
		{ '^', ACT_FIRST }, { '$', ACT_LAST },
		{ '?', ACT_HELP }, { KEY_F(1), ACT_HELP },
		{ 'q', ACT_BACK }, { 27, ACT_BACK }, { 12 /* Ctrl-L */, ACT_REDRAW },
	};

	(void)state;
	for (size_t i = 0; i < sizeof want / sizeof want[0]; i++)
		assert_int_equal(keys_action(KS_GRID, want[i].ch), want[i].act);
}

/* q goes back one screen everywhere; on the first screen it quits and
 * Esc does nothing (a stray Esc, or End read as one, must not quit). */
static void test_back_and_quit(void **state)
{
	(void)state;
	assert_int_equal(keys_action(KS_GRID | KS_ROOT, 'q'), ACT_QUIT);
	assert_int_equal(keys_action(KS_ASN | KS_ROOT, 'Q'), ACT_QUIT);
	assert_int_equal(keys_action(KS_OVERVIEW | KS_ROOT, 27), ACT_NONE);
	assert_int_equal(keys_action(KS_GRID, 'q'), ACT_BACK);
	assert_int_equal(keys_action(KS_ASN, 27), ACT_BACK);
	assert_int_equal(keys_action(KS_OVERVIEW, 'q'), ACT_BACK);
}

/* The views read q and Esc as "back", Enter as "open"; the grid keeps q
 * for quitting and has no use for Esc or Enter. */
static void test_bindings_per_screen(void **state)
{
	(void)state;
	assert_int_equal(keys_action(KS_ASN, '\r'), ACT_OPEN);
	assert_int_equal(keys_action(KS_OVERVIEW, KEY_ENTER), ACT_OPEN);
	assert_int_equal(keys_action(KS_GRID, '\r'), ACT_NONE);
	/* The ASN view is a list: no sideways moves, pages instead of /24s. */
	assert_int_equal(keys_action(KS_ASN, KEY_LEFT), ACT_NONE);
	assert_int_equal(keys_action(KS_ASN, 'j'), ACT_DOWN);
	assert_int_equal(keys_action(KS_ASN, KEY_NPAGE), ACT_NEXT24);
	assert_int_equal(keys_action(KS_ASN, 'o'), ACT_OVERVIEW);
	assert_int_equal(keys_action(KS_ASN, 'a'), ACT_NONE);
	assert_int_equal(keys_action(KS_OVERVIEW, 'a'), ACT_ASN_VIEW);
	assert_int_equal(keys_action(KS_OVERVIEW, 'o'), ACT_NONE);
	/* The demo's keys work on every screen. */
	assert_int_equal(keys_action(KS_OVERVIEW, 'p'), ACT_POLICY_NEXT);
	assert_int_equal(keys_action(KS_ASN, 'P'), ACT_POLICY_PREV);
	assert_int_equal(keys_action(KS_ASN, 'i'), ACT_IMPACT);
	assert_int_equal(keys_action(KS_OVERVIEW, 'u'), ACT_UNDO);
	assert_int_equal(keys_action(KS_ASN, 'U'), ACT_RESET);
	assert_int_equal(keys_action(KS_ASN, 'A'), ACT_NONE);
	/* Layers colour the maps; the ASN view is a list. */
	assert_int_equal(keys_action(KS_OVERVIEW, '2'), ACT_LAYER_1 + 1);
	assert_int_equal(keys_action(KS_ASN, '2'), ACT_NONE);
	/* A layer's action is no other key's. */
	for (int d = '1'; d <= '6'; d++)
		for (int k = 0x20; k < 0x7f; k++)
			if (k < '0' || k > '9')
				assert_int_not_equal(keys_action(KS_GRID, d), keys_action(KS_GRID, k));
	/* KS_DEMO changes the key line, not what keys do. */
	assert_int_equal(keys_action(KS_GRID | KS_DEMO, 'i'), ACT_IMPACT);
}

static void test_unbound(void **state)
{
	(void)state;
	assert_int_equal(keys_action(KS_GRID, 'z'), ACT_NONE);
	assert_int_equal(keys_action(KS_GRID, 0), ACT_NONE);
	assert_int_equal(keys_action(KS_GRID, ERR), ACT_NONE);
	assert_int_equal(keys_action(KS_GRID, KEY_RESIZE), ACT_NONE);
	assert_int_equal(keys_action(0, 'q'), ACT_NONE);
	assert_int_equal(keys_action(KS_ROOT, 'q'), ACT_NONE);
}

/* The help lines of a screen, checked against want. */
static void help_is(unsigned scope, const char *const *want, size_t nwant)
{
	struct key_help h;
	size_t n = 0;

	while (keys_help(n, scope, false, &h)) {
		assert_true(n < nwant);
		assert_string_equal(h.keys, want[n]);
		assert_true(strlen(h.text) > 0);
		/* The key column is 14 wide and the text 57 in an 80-column help. */
		assert_true(strlen(h.keys) <= 14);
		assert_true(strlen(h.text) <= 57);
		for (const char *p = h.keys; *p; p++)
			assert_true((unsigned char)*p < 0x80);
		n++;
	}
	assert_int_equal(n, nwant);
}

static void test_help_lists_every_action(void **state)
{
	static const char *const grid[] = {
		"q", "? F1", "p P", "i u U", "arrows hjkl", "Home End ^ $", "[ ] PgUp PgDn", "g /",
		"a o L", "C M", "x", "1 2 3 0", "A", "r Ctrl-L",
	};
	static const char *const asn[] = {
		"q Esc", "? F1", "p P", "i u U", "arrows jk", "Enter", "g /", "o", "C M", "x",
		"r Ctrl-L",
	};
	static const char *const overview[] = {
		"q Esc", "? F1", "p P", "i u U", "arrows hjkl", "[ ] PgUp PgDn", "Enter", "g /", "a",
		"C M", "x", "1 2 3 0", "r Ctrl-L",
	};
	static const char *const census[] = {
		"q Esc", "? F1", "p P", "i u U", "arrows jk", "Enter", "g /", "s f",
		"x", "r Ctrl-L",
	};
	static const char *const check[] = {
		"q Esc", "? F1", "p P", "i u U", "arrows jk", "g /", "x", "r Ctrl-L",
	};
	static const char *const map[] = {
		"q Esc", "? F1", "p P", "i u U", "arrows hjkl", "Enter", "g /", "C M", "x",
		"r Ctrl-L",
	};
	struct key_help h;

	(void)state;
	/* One line per key or group of keys; q is "quit" on the first
	 * screen and "back" on the others, never both. */
	help_is(KS_GRID | KS_ROOT, grid, sizeof grid / sizeof grid[0]);
	help_is(KS_ASN, asn, sizeof asn / sizeof asn[0]);
	help_is(KS_OVERVIEW, overview, sizeof overview / sizeof overview[0]);
	help_is(KS_CENSUS, census, sizeof census / sizeof census[0]);
	help_is(KS_MAP, map, sizeof map / sizeof map[0]);
	help_is(KS_CHECK, check, sizeof check / sizeof check[0]);
	assert_true(keys_help(0, KS_GRID, false, &h));
	assert_string_equal(h.keys, "q Esc");
	assert_true(keys_help(4, KS_GRID, true, &h));
	assert_string_equal(h.keys, "\u2190\u2193\u2191\u2192 hjkl");
	assert_false(keys_help(sizeof grid / sizeof grid[0], KS_GRID | KS_ROOT, true, &h));
}

/* The labels of the key line of scope, joined by spaces. */
static void bar_of(unsigned scope, char *out, size_t len)
{
	const char *key, *label;
	size_t used = 0;

	out[0] = '\0';
	for (size_t i = 0; keys_bar_item(i, scope, false, &key, &label); i++)
		used += (size_t)snprintf(out + used, len - used, "%s%s", used ? " " : "", label);
}

static void test_key_line(void **state)
{
	const char *key, *label;
	char bar[512];

	(void)state;
	/* Quit (or back) and help come first: a narrow line still shows them. */
	assert_true(keys_bar_item(0, KS_GRID | KS_ROOT, true, &key, &label));
	assert_string_equal(key, "q");
	assert_string_equal(label, "quit");
	assert_true(keys_bar_item(0, KS_GRID, true, &key, &label));
	assert_string_equal(label, "back");
	assert_true(keys_bar_item(1, KS_GRID, false, &key, &label));
	assert_string_equal(key, "?");
	assert_true(keys_bar_item(2, KS_GRID, false, &key, &label));
	assert_string_equal(key, "hjkl");
	bar_of(KS_GRID | KS_ROOT, bar, sizeof bar);
	assert_string_equal(bar, "quit help move /24 go to ASN view overview save layer ASN layer "
	                         "re-query all lists");
	/* The simulator's keys are offered in the demo only. */
	bar_of(KS_GRID | KS_DEMO | KS_ROOT, bar, sizeof bar);
	assert_string_equal(bar, "quit help policy impact undo move /24 go to ASN view overview "
	                         "save layer ASN layer re-query all lists");
	bar_of(KS_ASN | KS_DEMO, bar, sizeof bar);
	assert_string_equal(bar, "back help policy impact undo move grid go to overview save "
	                         "re-query");
	bar_of(KS_OVERVIEW, bar, sizeof bar);
	assert_string_equal(bar, "back help move /16 grid go to ASN view save layer re-query");
}

/* Feed a batch; the keys that get through, as a string. */
static void filtered(const int *keys, size_t n, char *out)
{
	struct esc_filter f = { 0 };
	size_t o = 0;

	for (size_t i = 0; i < n; i++)
		if (!keys_escape_drop(&f, keys[i]))
			out[o++] = keys[i] == 27 ? 'E' : (char)keys[i];
	out[o] = '\0';
}

static void test_escape_filter(void **state)
{
	/* An unknown CSI key (here ESC [ 2 5 ~) must not act as "[". */
	static const int csi[] = { 27, '[', '2', '5', '~', 'j' };
	/* Alt+x must not save. */
	static const int alt[] = { 27, 'x', 'q' };
	/* An SS3 key, a lone Esc at the end, two Escs. */
	static const int ss3[] = { 27, 'O', 'P', 'k' };
	static const int lone[] = { 'g', 27 };
	static const int two[] = { 27, 27, '[', 'A', 'l' };
	char out[16];

	(void)state;
	filtered(csi, 6, out);
	assert_string_equal(out, "Ej");
	filtered(alt, 3, out);
	assert_string_equal(out, "Eq");
	filtered(ss3, 4, out);
	assert_string_equal(out, "Ek");
	filtered(lone, 2, out);
	assert_string_equal(out, "gE");
	filtered(two, 5, out);
	assert_string_equal(out, "EEl");
	/* Keys curses decoded itself pass whatever came before. */
	{
		struct esc_filter f = { 0 };

		assert_false(keys_escape_drop(&f, KEY_LEFT));
		assert_false(keys_escape_drop(&f, 27));
		assert_false(keys_escape_drop(&f, KEY_RESIZE));
	}
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_bindings),
		cmocka_unit_test(test_back_and_quit),
		cmocka_unit_test(test_bindings_per_screen),
		cmocka_unit_test(test_unbound),
		cmocka_unit_test(test_help_lists_every_action),
		cmocka_unit_test(test_key_line),
		cmocka_unit_test(test_escape_filter),
	};

	return cmocka_run_group_tests(tests, NULL, NULL);
}
