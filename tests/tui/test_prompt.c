/* Unit tests for tui/prompt.c: typing an address or CIDR, editing it,
 * finishing and cancelling. */
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <setjmp.h>
#include <string.h>
#include <cmocka.h>

#include "tui/curses.h"
#include "tui/prompt.h"

static void type(struct prompt *p, const char *s)
{
	for (; *s; s++)
		assert_int_equal(prompt_feed(p, (unsigned char)*s), PR_EDITING);
}

static void test_type_and_enter(void **state)
{
	struct prompt p;

	(void)state;
	prompt_open(&p, PK_GOTO);
	assert_true(p.active);
	assert_string_equal(p.buf, "");
	type(&p, "198.51.100.0/28");
	assert_string_equal(p.buf, "198.51.100.0/28");
	assert_int_equal(p.len, 15);
	assert_int_equal(prompt_feed(&p, '\r'), PR_DONE);
	assert_int_equal(prompt_feed(&p, '\n'), PR_DONE);
	assert_int_equal(prompt_feed(&p, KEY_ENTER), PR_DONE);
	assert_true(p.active);   /* the caller closes it */
	prompt_close(&p);
	assert_false(p.active);
}

static void test_filter(void **state)
{
	struct prompt p;

	(void)state;
	prompt_open(&p, PK_GOTO);
	/* What people paste stays for the parser; control bytes do not. */
	type(&p, " [192.0.2.7]\t");
	assert_string_equal(p.buf, " [192.0.2.7]");
	prompt_open(&p, PK_FILTER);
	assert_string_equal(prompt_label(&p), "Filter AS names: ");
	type(&p, "Hosting, Ltd");
	assert_string_equal(p.buf, "Hosting, Ltd");
	prompt_open(&p, PK_GOTO);
	assert_int_equal(prompt_feed(&p, KEY_LEFT), PR_EDITING);
	assert_int_equal(prompt_feed(&p, KEY_MOUSE), PR_EDITING);
	assert_string_equal(p.buf, "");
}

static void test_edit(void **state)
{
	struct prompt p;

	(void)state;
	prompt_open(&p, PK_GOTO);
	type(&p, "192.0.2.77");
	strcpy(p.error, "bad target");
	assert_int_equal(prompt_feed(&p, KEY_BACKSPACE), PR_EDITING);
	assert_int_equal(prompt_feed(&p, 127), PR_EDITING);
	assert_int_equal(prompt_feed(&p, 8), PR_EDITING);
	assert_string_equal(p.buf, "192.0.2");
	assert_string_equal(p.error, "");   /* editing clears the complaint */
	assert_int_equal(prompt_feed(&p, 21 /* Ctrl-U */), PR_EDITING);
	assert_string_equal(p.buf, "");
	assert_int_equal(p.len, 0);
	assert_int_equal(prompt_feed(&p, KEY_BACKSPACE), PR_EDITING);
	assert_int_equal(p.len, 0);
}

static void test_cancel(void **state)
{
	struct prompt p;

	(void)state;
	prompt_open(&p, PK_GOTO);
	type(&p, "10.0");
	assert_int_equal(prompt_feed(&p, 27), PR_CANCEL);
	assert_int_equal(prompt_feed(&p, 7 /* Ctrl-G */), PR_CANCEL);
}

static void test_length_bound(void **state)
{
	struct prompt p;

	(void)state;
	prompt_open(&p, PK_GOTO);
	for (int i = 0; i < 100; i++)
		assert_int_equal(prompt_feed(&p, '1'), PR_EDITING);
	assert_int_equal(p.len, PROMPT_MAX - 1);
	assert_int_equal(strlen(p.buf), PROMPT_MAX - 1);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_type_and_enter),
		cmocka_unit_test(test_filter),
		cmocka_unit_test(test_edit),
		cmocka_unit_test(test_cancel),
		cmocka_unit_test(test_length_bound),
	};

	return cmocka_run_group_tests(tests, NULL, NULL);
}
