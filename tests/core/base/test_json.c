/* Unit tests for core/base/json.c: strict JSON, hostile text refused
 * with a reason, strings decoded whole. */
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <setjmp.h>
#include <stdlib.h>
#include <string.h>
#include <cmocka.h>

#include "core/base/json.h"

static const struct json *read_text(struct json_reader *r, const char *text)
{
	return json_read(r, text, strlen(text));
}

static void values(void **state)
{
	struct json_reader r = { 0 };
	const struct json *v;

	(void)state;
	v = read_text(&r, " {\"a\": [1, -2.5e1, true, false, null], \"b\": {\"c\": \"d\"}, \"e\": []} ");
	assert_non_null(v);
	assert_int_equal(v->type, JSON_OBJECT);
	assert_int_equal(v->n, 3);
	assert_int_equal(json_get(v, "a")->n, 5);
	assert_true(json_get(v, "a")->items[1]->number == -25.0);
	assert_int_equal(json_get(v, "a")->items[2]->type, JSON_TRUE);
	assert_int_equal(json_get(v, "a")->items[4]->type, JSON_NULL);
	assert_string_equal(json_str(json_get(v, "b"), "c"), "d");
	assert_int_equal(json_get(v, "e")->n, 0);
	assert_null(json_get(v, "missing"));
	assert_null(json_str(v, "a"));
	/* many items: the lists grow */
	{
		char text[4000];
		size_t used = 0;

		used += (size_t)snprintf(text, sizeof text, "[");
		for (int i = 0; i < 500; i++)
			used += (size_t)snprintf(text + used, sizeof text - used, "%s%d", i ? "," : "", i);
		snprintf(text + used, sizeof text - used, "]");
		v = read_text(&r, text);
		assert_non_null(v);
		assert_int_equal(v->n, 500);
		assert_true(v->items[499]->number == 499);
	}
	json_free(&r);
}

static void strings(void **state)
{
	struct json_reader r = { 0 };
	const struct json *v;

	(void)state;
	v = read_text(&r, "\"a\\\"b\\\\c\\/d\\n\\t\\u00e9\\u65e5\\ud83d\\ude00\"");
	assert_non_null(v);
	assert_string_equal(v->str, "a\"b\\c/d\n\t\xc3\xa9\xe6\x97\xa5\xf0\x9f\x98\x80");
	json_free(&r);
}

static void refused(void **state)
{
	static const char *const bad[] = {
		"", "   ", "{", "[1,]", "{\"a\":1,}", "{\"a\" 1}", "{a:1}", "[1 2]", "01", "1.",
		"-", "1e", "tru", "nul", "\"abc", "\"a\\x\"", "\"\\u12\"", "\"\\ud800\"",
		"\"\\udc00\"", "\"\\u0000\"", "\"a\tb\"", "[1] 2", "{\"a\":1}}", "'a'", "NaN",
	};
	struct json_reader r = { 0 };
	char deep[64];

	(void)state;
	for (size_t i = 0; i < sizeof bad / sizeof bad[0]; i++) {
		if (read_text(&r, bad[i]))
			fail_msg("accepted: %s", bad[i]);
		assert_true(r.why[0] != '\0');
	}
	/* a NUL inside the text */
	assert_null(json_read(&r, "\"a\0b\"", 5));
	/* deeper than JSON_DEPTH_MAX */
	memset(deep, '[', JSON_DEPTH_MAX + 1);
	memset(deep + JSON_DEPTH_MAX + 1, ']', JSON_DEPTH_MAX + 1);
	deep[2 * (JSON_DEPTH_MAX + 1)] = '\0';
	assert_null(read_text(&r, deep));
	assert_non_null(strstr(r.why, "deep"));
	/* exactly JSON_DEPTH_MAX is fine */
	memset(deep, '[', JSON_DEPTH_MAX);
	memset(deep + JSON_DEPTH_MAX, ']', JSON_DEPTH_MAX);
	deep[2 * JSON_DEPTH_MAX] = '\0';
	assert_non_null(read_text(&r, deep));
	json_free(&r);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(values),
		cmocka_unit_test(strings),
		cmocka_unit_test(refused),
	};

	return cmocka_run_group_tests(tests, NULL, NULL);
}
