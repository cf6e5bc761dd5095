/* Unit tests for tui/text.c: fitting and wrapping text in terminal
 * columns, UTF-8 and ASCII, with hostile bytes. */
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <setjmp.h>
#include <locale.h>
#include <string.h>
#include <cmocka.h>

#include "tui/text.h"

static int setup_utf8(void **state)
{
	(void)state;
	/* The UI runs under the user's locale; tests pin a UTF-8 one. */
	return setlocale(LC_ALL, "C.UTF-8") ? 0 : -1;
}

static void test_fit_ascii(void **state)
{
	char out[64];

	(void)state;
	assert_int_equal(text_fit(out, sizeof out, "192.0.2.77", 20, true), 10);
	assert_string_equal(out, "192.0.2.77");
	/* Cut text ends in a mark: a cut name never passes for another. */
	assert_int_equal(text_fit(out, sizeof out, "192.0.2.77", 4, true), 4);
	assert_string_equal(out, "192\xe2\x80\xa6");
	assert_int_equal(text_fit(out, sizeof out, "192.0.2.77", 4, false), 4);
	assert_string_equal(out, "1...");
	/* In ASCII fewer dots where three would leave no text. */
	assert_int_equal(text_fit(out, sizeof out, "192.0.2.77", 3, false), 3);
	assert_string_equal(out, "1..");
	assert_int_equal(text_fit(out, sizeof out, "192.0.2.77", 2, false), 2);
	assert_string_equal(out, "1.");
	/* The mark follows the text, not a space. */
	assert_int_equal(text_fit(out, sizeof out, "ab cd", 4, true), 3);
	assert_string_equal(out, "ab\xe2\x80\xa6");
	/* Spaces alone past the edge are not text that was cut. */
	assert_int_equal(text_fit(out, sizeof out, "ab    ", 2, false), 2);
	assert_string_equal(out, "ab");
	assert_int_equal(text_fit(out, sizeof out, "abc", 0, true), 0);
	assert_string_equal(out, "");
	/* The buffer bounds the copy as well as the width. */
	assert_int_equal(text_fit(out, 4, "abcdef", 10, false), 3);
	assert_string_equal(out, "a..");
	assert_int_equal(text_fit(out, 4, "abcdef", 10, true), 1);
	assert_string_equal(out, "\xe2\x80\xa6");
}

static void test_fit_controls_replaced(void **state)
{
	char out[64];

	(void)state;
	text_fit(out, sizeof out, "a\x1b[31mb\x07\x7f", 20, true);
	assert_string_equal(out, "a?[31mb??");
	text_fit(out, sizeof out, "a\x1b[31mb", 20, false);
	assert_string_equal(out, "a?[31mb");
}

static void test_fit_utf8(void **state)
{
	char out[64];

	(void)state;
	/* "Réseau": 6 columns, 7 bytes. */
	assert_int_equal(text_fit(out, sizeof out, "R\xc3\xa9seau", 20, true), 6);
	assert_string_equal(out, "R\xc3\xa9seau");
	/* Never half a character. */
	assert_int_equal(text_fit(out, sizeof out, "R\xc3\xa9seau", 3, true), 3);
	assert_string_equal(out, "R\xc3\xa9\xe2\x80\xa6");
	assert_int_equal(text_fit(out, 3, "R\xc3\xa9seau", 20, false), 2);
	assert_string_equal(out, "R.");
	/* Wide characters take two columns and are not split. */
	assert_int_equal(text_width("\xe6\x97\xa5\xe6\x9c\xac", true), 4);
	assert_int_equal(text_fit(out, sizeof out, "\xe6\x97\xa5\xe6\x9c\xac", 3, true), 3);
	assert_string_equal(out, "\xe6\x97\xa5\xe2\x80\xa6");
	assert_int_equal(text_fit(out, sizeof out, "\xe6\x97\xa5\xe6\x9c\xac", 2, true), 1);
	assert_string_equal(out, "\xe2\x80\xa6");
	/* C1 controls in UTF-8 are not printable. */
	text_fit(out, sizeof out, "a\xc2\x9b" "b", 20, true);
	assert_string_equal(out, "a?b");
}

static void test_fit_ascii_terminal(void **state)
{
	char out[64];

	(void)state;
	/* One '?' per character, whatever its byte length. */
	assert_int_equal(text_fit(out, sizeof out, "R\xc3\xa9seau \xe6\x97\xa5", 20, false), 8);
	assert_string_equal(out, "R?seau ?");
	assert_int_equal(text_width("R\xc3\xa9seau", false), 6);
	/* Invalid UTF-8 in a UTF-8 terminal is replaced too. */
	text_fit(out, sizeof out, "a\xff\xfe" "b", 20, true);
	assert_int_equal(strchr(out, '\xff') == NULL, 1);
	assert_int_equal(out[0], 'a');
}

static void test_wrap(void **state)
{
	const char *txt = "Net 192.0.2.0/25 is UCEPROTECT-Level2 listed because 4 impacts";
	const char *p = txt;
	char line[128], all[256] = "";
	int lines = 0;

	(void)state;
	while (text_wrap_next(&p, 20, true, line, sizeof line)) {
		assert_true(text_width(line, true) <= 20);
		assert_true(line[0] != ' ');
		assert_true(line[strlen(line) - 1] != ' ');
		if (lines++)
			strcat(all, " ");
		strcat(all, line);
	}
	assert_string_equal(all, txt);
	assert_int_equal(lines, 4);
	assert_false(text_wrap_next(&p, 20, true, line, sizeof line));
}

static void test_wrap_long_word(void **state)
{
	const char *p = "See http://www.uceprotect.net/rblcheck.php?ipr=192.0.2.5";
	char line[128];

	(void)state;
	/* Breaking after "See" would waste most of the line: cut instead. */
	assert_true(text_wrap_next(&p, 30, true, line, sizeof line));
	assert_string_equal(line, "See http://www.uceprotect.net/");
	assert_true(text_wrap_next(&p, 30, true, line, sizeof line));
	assert_string_equal(line, "rblcheck.php?ipr=192.0.2.5");
	assert_false(text_wrap_next(&p, 30, true, line, sizeof line));
	/* No space at all: after the URL's punctuation, not inside the address. */
	p = "http://www.uceprotect.net/rblcheck.php?ipr=192.0.2.5";
	assert_true(text_wrap_next(&p, 49, true, line, sizeof line));
	assert_string_equal(line, "http://www.uceprotect.net/rblcheck.php?ipr=");
	assert_true(text_wrap_next(&p, 49, true, line, sizeof line));
	assert_string_equal(line, "192.0.2.5");
	/* Nothing to break at: cut at the width. */
	p = "0123456789";
	assert_true(text_wrap_next(&p, 4, true, line, sizeof line));
	assert_string_equal(line, "0123");
}

/* The last line there is room for takes the rest, cut with the mark. */
static void test_wrap_last(void **state)
{
	const char *txt = "Net 192.0.2.0/25 is UCEPROTECT-Level2 listed because 4 impacts";
	const char *p = txt;
	char line[128];

	(void)state;
	assert_true(text_wrap_next(&p, 20, true, line, sizeof line));
	assert_string_equal(line, "Net 192.0.2.0/25 is");
	assert_true(text_wrap_last(&p, 20, true, line, sizeof line));
	assert_string_equal(line, "UCEPROTECT-Level2 l\xe2\x80\xa6");
	assert_int_equal(*p, '\0');
	assert_false(text_wrap_last(&p, 20, true, line, sizeof line));
	assert_string_equal(line, "");
	/* What fits is whole and unmarked. */
	p = "  because 4 impacts";
	assert_true(text_wrap_last(&p, 20, false, line, sizeof line));
	assert_string_equal(line, "because 4 impacts");
	p = "because 4 impacts";
	assert_true(text_wrap_last(&p, 12, false, line, sizeof line));
	assert_string_equal(line, "because 4...");
}

static void test_appendf(void **state)
{
	char buf[8];
	size_t used = 0;

	(void)state;
	buf[0] = '\0';
	text_appendf(buf, sizeof buf, &used, "%s", "abc");
	text_appendf(buf, sizeof buf, &used, "%d", 12345);
	assert_string_equal(buf, "abc1234");
	assert_int_equal(used, 7);
	text_appendf(buf, sizeof buf, &used, "more");
	assert_string_equal(buf, "abc1234");
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_fit_ascii),
		cmocka_unit_test(test_fit_controls_replaced),
		cmocka_unit_test(test_fit_utf8),
		cmocka_unit_test(test_fit_ascii_terminal),
		cmocka_unit_test(test_wrap),
		cmocka_unit_test(test_wrap_long_word),
		cmocka_unit_test(test_wrap_last),
		cmocka_unit_test(test_appendf),
	};

	return cmocka_run_group_tests(tests, setup_utf8, NULL);
}
