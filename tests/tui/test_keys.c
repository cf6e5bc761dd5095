/* Unit tests for tui/keys.c: every key the help promises maps to its
 * action, and the help and the key line come from the same table. */
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <setjmp.h>
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
		{ 'A', ACT_ASN_LAYER }, { 'a', ACT_ASN_LAYER },
		{ '?', ACT_HELP }, { KEY_F(1), ACT_HELP },
		{ 'q', ACT_QUIT }, { 12 /* Ctrl-L */, ACT_REDRAW },
	};

	(void)state;
	for (size_t i = 0; i < sizeof want / sizeof want[0]; i++)
		assert_int_equal(keys_action(want[i].ch), want[i].act);
}

static void test_unbound(void **state)
{
	(void)state;
	assert_int_equal(keys_action('z'), ACT_NONE);
	assert_int_equal(keys_action(0), ACT_NONE);
	assert_int_equal(keys_action(ERR), ACT_NONE);
	assert_int_equal(keys_action(KEY_RESIZE), ACT_NONE);
}

static void test_help_lists_every_action(void **state)
{
	static const char *const want[] = {
		"q", "? F1", "arrows hjkl", "Home End 0 $", "[ ] PgUp PgDn", "g /", "x", "A", "r",
		"Ctrl-L", "mouse",
	};
	struct key_help h;
	size_t n = 0;

	(void)state;
	/* One line per key or pair of keys, so the help fits 80x24. */
	while (keys_help(n, false, &h)) {
		assert_true(n < sizeof want / sizeof want[0]);
		assert_string_equal(h.keys, want[n]);
		assert_true(strlen(h.text) > 0);
		for (const char *p = h.keys; *p; p++)
			assert_true((unsigned char)*p < 0x80);
		n++;
	}
	assert_int_equal(n, sizeof want / sizeof want[0]);
	assert_true(keys_help(2, true, &h));
	assert_string_equal(h.keys, "\u2190\u2193\u2191\u2192 hjkl");
	assert_false(keys_help(n, true, &h));
}

static void test_key_line(void **state)
{
	const char *key, *label;
	size_t n = 0;

	(void)state;
	/* Quit and help come first: a narrow line still shows them. */
	assert_true(keys_bar_item(0, true, &key, &label));
	assert_string_equal(key, "q");
	assert_string_equal(label, "quit");
	assert_true(keys_bar_item(1, false, &key, &label));
	assert_string_equal(key, "?");
	while (keys_bar_item(n, false, &key, &label))
		n++;
	assert_true(n >= 6);
	assert_true(keys_bar_item(2, false, &key, &label));
	assert_string_equal(key, "hjkl");
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
		cmocka_unit_test(test_unbound),
		cmocka_unit_test(test_help_lists_every_action),
		cmocka_unit_test(test_key_line),
		cmocka_unit_test(test_escape_filter),
	};

	return cmocka_run_group_tests(tests, NULL, NULL);
}
