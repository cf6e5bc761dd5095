/* Unit tests for core/base/sanitize.c: whatever bytes come from the network,
 * what reaches the terminal is printable, valid UTF-8 with no control,
 * escape or bidi-override character, NUL-terminated and never cut inside
 * a character. */
#include <stdarg.h>
#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>
#include <setjmp.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <cmocka.h>

#include "core/base/sanitize.h"

/* Is s (n bytes) valid UTF-8 holding only characters safe for a
 * terminal: no C0, DEL, C1, surrogate, overlong form, line separator or
 * bidi control?  Written from RFC 3629, apart from the code under test. */
static bool terminal_safe(const char *str, size_t n)
{
	const unsigned char *s = (const unsigned char *)str;
	size_t i = 0;

	while (i < n) {
		uint32_t cp, min;
		size_t len;

		if (s[i] < 0x80) {
			if (s[i] < 0x20 || s[i] == 0x7f)
				return false;
			i++;
			continue;
		}
		if ((s[i] & 0xe0) == 0xc0) {
			len = 2, cp = s[i] & 0x1fu, min = 0x80;
		} else if ((s[i] & 0xf0) == 0xe0) {
			len = 3, cp = s[i] & 0x0fu, min = 0x800;
		} else if ((s[i] & 0xf8) == 0xf0) {
			len = 4, cp = s[i] & 0x07u, min = 0x10000;
		} else {
			return false;
		}
		if (n - i < len)
			return false;
		for (size_t k = 1; k < len; k++) {
			if ((s[i + k] & 0xc0) != 0x80)
				return false;
			cp = cp << 6 | (s[i + k] & 0x3fu);
		}
		if (cp < min || cp > 0x10ffff || (cp >= 0xd800 && cp <= 0xdfff))
			return false;
		if (cp <= 0x9f)                                /* C1 */
			return false;
		if (cp == 0x2028 || cp == 0x2029 || (cp >= 0x202a && cp <= 0x202e) ||
		    (cp >= 0x2066 && cp <= 0x2069))
			return false;
		i += len;
	}
	return true;
}

/* Sanitise src (n bytes) into a roomy buffer and check the invariants
 * every output must hold; the output is returned in out. */
static void clean(const char *src, size_t n, char *out, size_t size)
{
	size_t r;

	memset(out, 'Z', size);
	r = sanitize_text(out, size, src, n);
	assert_true(r < size);
	assert_int_equal(out[r], '\0');
	assert_int_equal(strlen(out), r);
	assert_true(terminal_safe(out, r));
}

static void printable_ascii_is_kept(void **state)
{
	const char *s = "IP 192.0.2.77 is UCEPROTECT-Level 1 listed. See http://x/?a=b&c=~";
	char out[128];

	(void)state;
	clean(s, strlen(s), out, sizeof out);
	assert_string_equal(out, s);
}

static void c0_controls_become_question_marks(void **state)
{
	char src[4], out[64];
	size_t n;

	(void)state;
	/* every C0 byte but NUL, between two letters */
	for (unsigned c = 1; c < 0x20; c++) {
		src[0] = 'a';
		src[1] = (char)c;
		src[2] = 'b';
		n = sanitize_text(out, sizeof out, src, 3);
		assert_int_equal(n, 3);
		assert_string_equal(out, "a?b");
	}
	clean("a\tb\r\nc", 6, out, sizeof out);
	assert_string_equal(out, "a?b??c");
}

static void escape_sequences_are_defused(void **state)
{
	const char *s = "x\033[2Jy\033]0;title\007z";
	char out[64];

	(void)state;
	clean(s, strlen(s), out, sizeof out);
	/* the ESC and BEL bytes are replaced; the harmless rest stays */
	assert_string_equal(out, "x?[2Jy?]0;title?z");
	assert_null(strchr(out, '\033'));
}

static void del_is_replaced(void **state)
{
	char out[16];

	(void)state;
	clean("a\177b", 3, out, sizeof out);
	assert_string_equal(out, "a?b");
}

static void c1_controls_are_replaced(void **state)
{
	/* U+0085 (NEL) and U+009B (CSI) written as UTF-8 */
	const char utf8[] = "a\xc2\x85" "b\xc2\x9b" "c";
	/* the same controls as raw 8-bit bytes */
	const char raw[] = "a\x85" "b\x9b" "2J";
	char out[32];

	(void)state;
	clean(utf8, sizeof utf8 - 1, out, sizeof out);
	assert_non_null(strchr(out, '?'));
	assert_null(strchr(out, '\xc2'));
	assert_int_equal(out[0], 'a');
	assert_non_null(strchr(out, 'b'));
	assert_int_equal(out[strlen(out) - 1], 'c');

	clean(raw, sizeof raw - 1, out, sizeof out);
	assert_string_equal(out, "a?b?2J");

	/* every C1 code point in its UTF-8 form */
	for (unsigned cp = 0x80; cp <= 0x9f; cp++) {
		char s[2] = { (char)(0xc0 | cp >> 6), (char)(0x80 | (cp & 0x3f)) };

		clean(s, 2, out, sizeof out);
		assert_true(strlen(out) > 0);
		for (size_t i = 0; out[i]; i++)
			assert_int_equal(out[i], '?');
	}
}

static void invalid_utf8_is_replaced(void **state)
{
	static const struct {
		const char *s;
		size_t n;
	} bad[] = {
		{ "\xc0\x80", 2 },              /* overlong NUL */
		{ "\xc1\xbf", 2 },              /* overlong DEL */
		{ "\xe0\x80\xaf", 3 },          /* overlong '/' */
		{ "\xf0\x80\x80\xaf", 4 },      /* overlong '/' */
		{ "\xed\xa0\x80", 3 },          /* surrogate U+D800 */
		{ "\xed\xbf\xbf", 3 },          /* surrogate U+DFFF */
		{ "\xf4\x90\x80\x80", 4 },      /* beyond U+10FFFF */
		{ "\xc3", 1 },                  /* truncated é */
		{ "\xe4\xb8", 2 },              /* truncated 中 */
		{ "\xf0\x9f\x98", 3 },          /* truncated emoji */
		{ "\x80", 1 },                  /* lone continuation */
		{ "\xbf\xbf", 2 },
		{ "\xfe", 1 }, { "\xff", 1 }, { "\xf5\x80\x80\x80", 4 },
	};
	char src[16], out[64];

	(void)state;
	for (size_t i = 0; i < sizeof bad / sizeof bad[0]; i++) {
		/* framed by ASCII, which must survive on both sides */
		src[0] = '<';
		memcpy(src + 1, bad[i].s, bad[i].n);
		src[1 + bad[i].n] = '>';
		clean(src, bad[i].n + 2, out, sizeof out);
		assert_int_equal(out[0], '<');
		assert_int_equal(out[strlen(out) - 1], '>');
		assert_true(strlen(out) > 2);
		for (size_t k = 1; k + 1 < strlen(out); k++)
			assert_int_equal(out[k], '?');
	}
	/* a truncated sequence does not swallow the ASCII after it */
	clean("\xe4\xb8x", 3, out, sizeof out);
	assert_int_equal(out[strlen(out) - 1], 'x');
}

static void bidi_and_line_separators_are_replaced(void **state)
{
	static const char *const bad[] = {
		"\xe2\x80\xae",   /* U+202E right-to-left override */
		"\xe2\x80\xaa",   /* U+202A */
		"\xe2\x81\xa6",   /* U+2066 left-to-right isolate */
		"\xe2\x81\xa9",   /* U+2069 */
		"\xe2\x80\xa8",   /* U+2028 line separator */
		"\xe2\x80\xa9",   /* U+2029 paragraph separator */
	};
	char src[16], out[64];

	(void)state;
	for (size_t i = 0; i < sizeof bad / sizeof bad[0]; i++) {
		snprintf(src, sizeof src, "a%sb", bad[i]);
		clean(src, strlen(src), out, sizeof out);
		assert_int_equal(out[0], 'a');
		assert_int_equal(out[strlen(out) - 1], 'b');
		assert_null(strstr(out, bad[i]));
		assert_non_null(strchr(out, '?'));
	}
}

static void valid_utf8_is_kept(void **state)
{
	static const char *const good[] = {
		"caf\xc3\xa9",                        /* é */
		"\xe4\xb8\xad\xe6\x96\x87",           /* 中文 */
		"\xf0\x9f\x98\x80 ok",                /* emoji */
		"\xc2\xa0\xc2\xa9",                   /* U+00A0, U+00A9: past C1 */
		"\xe2\x80\xa7\xe2\x80\xaf",           /* U+2027, U+202F: beside bidi */
		"\xef\xbf\xbd",                       /* U+FFFD */
		"\xf4\x8f\xbf\xbf",                   /* U+10FFFF */
		"M\xc3\xbcnchen Telek\xc3\xb6m AS3320",
	};
	char out[64];

	(void)state;
	for (size_t i = 0; i < sizeof good / sizeof good[0]; i++) {
		clean(good[i], strlen(good[i]), out, sizeof out);
		assert_string_equal(out, good[i]);
	}
}

static void embedded_nul_is_replaced(void **state)
{
	const char src[] = { 'a', 'b', '\0', 'c', 'd' };
	char out[16];

	(void)state;
	assert_int_equal(sanitize_text(out, sizeof out, src, sizeof src), 5);
	assert_string_equal(out, "ab?cd");
}

static void truncation_never_splits_a_character(void **state)
{
	const char *s = "a\xc3\xa9\xe4\xb8\xad\xf0\x9f\x98\x80z";  /* a é 中 😀 z */
	/* the longest whole-character prefix that fits in size - 1 bytes */
	static const size_t keep[] = { 0, 0, 1, 1, 3, 3, 3, 6, 6, 6, 6, 10, 11, 11 };
	char out[32];

	(void)state;
	for (size_t size = 1; size < sizeof keep / sizeof keep[0]; size++) {
		size_t r;

		memset(out, 'Z', sizeof out);
		r = sanitize_text(out, size, s, strlen(s));
		assert_int_equal(r, keep[size]);
		assert_int_equal(out[r], '\0');
		assert_memory_equal(out, s, r);
		assert_true(terminal_safe(out, r));
		/* nothing written past size */
		for (size_t k = size; k < sizeof out; k++)
			assert_int_equal(out[k], 'Z');
	}
}

/* A text that does not fit ends in the mark, cut before it at a
 * character boundary; one that fits, even by a byte, is whole and
 * unmarked, hostile bytes replaced as ever. */
static void cut_text_ends_in_the_mark(void **state)
{
	const char *s = "a\xc3\xa9\xe4\xb8\xad\xf0\x9f\x98\x80z";  /* a é 中 😀 z */
	const char *mark = "\xe2\x80\xa6";  /* … */
	/* the bytes of whole characters kept before the mark, by size; from
	 * 12 bytes on, all of s fits */
	static const size_t keep[] = { 0, 0, 0, 0, 0, 1, 1, 3, 3, 3, 6, 6 };
	char out[32];

	(void)state;
	for (size_t size = 4; size < sizeof keep / sizeof keep[0]; size++) {
		size_t r;

		memset(out, 'Z', sizeof out);
		r = sanitize_text_marked(out, size, s, strlen(s), mark);
		assert_int_equal(r, keep[size] + 3);
		assert_memory_equal(out, s, keep[size]);
		assert_string_equal(out + keep[size], mark);
		assert_true(terminal_safe(out, r));
		for (size_t k = size; k < sizeof out; k++)
			assert_int_equal(out[k], 'Z');
	}
	assert_int_equal(sanitize_text_marked(out, 12, s, strlen(s), mark), strlen(s));
	assert_string_equal(out, s);
	assert_int_equal(sanitize_text_marked(out, sizeof out, "a\x1b[1mb", 6, mark), 6);
	assert_string_equal(out, "a?[1mb");
	/* no room for the mark: cut as sanitize_text cuts */
	assert_int_equal(sanitize_text_marked(out, 3, "abcdef", 6, mark), 2);
	assert_string_equal(out, "ab");
}

static void tiny_buffers(void **state)
{
	char out[4] = { 'Z', 'Z', 'Z', 'Z' };

	(void)state;
	/* size 0: nothing may be written at all */
	assert_int_equal(sanitize_text(out, 0, "abc", 3), 0);
	assert_int_equal(out[0], 'Z');
	/* size 1: only the terminator fits */
	assert_int_equal(sanitize_text(out, 1, "abc", 3), 0);
	assert_int_equal(out[0], '\0');
	assert_int_equal(out[1], 'Z');
	/* empty input */
	assert_int_equal(sanitize_text(out, sizeof out, "", 0), 0);
	assert_int_equal(out[0], '\0');
}

static void random_bytes_always_come_out_safe(void **state)
{
	char src[64], out[80];
	unsigned seed = 5782;

	(void)state;
	for (int round = 0; round < 20000; round++) {
		size_t n = (size_t)(rand_r(&seed) % (int)sizeof src);
		size_t size = 1 + (size_t)(rand_r(&seed) % (int)sizeof out);

		for (size_t i = 0; i < n; i++)
			src[i] = (char)(rand_r(&seed) & 0xff);
		memset(out, 'Z', sizeof out);
		size_t r = sanitize_text(out, size, src, n);

		assert_true(r < size);
		assert_int_equal(out[r], '\0');
		assert_true(terminal_safe(out, r));
		for (size_t k = size; k < sizeof out; k++)
			assert_int_equal(out[k], 'Z');
	}
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(printable_ascii_is_kept),
		cmocka_unit_test(c0_controls_become_question_marks),
		cmocka_unit_test(escape_sequences_are_defused),
		cmocka_unit_test(del_is_replaced),
		cmocka_unit_test(c1_controls_are_replaced),
		cmocka_unit_test(invalid_utf8_is_replaced),
		cmocka_unit_test(bidi_and_line_separators_are_replaced),
		cmocka_unit_test(valid_utf8_is_kept),
		cmocka_unit_test(embedded_nul_is_replaced),
		cmocka_unit_test(truncation_never_splits_a_character),
		cmocka_unit_test(cut_text_ends_in_the_mark),
		cmocka_unit_test(tiny_buffers),
		cmocka_unit_test(random_bytes_always_come_out_safe),
	};

	return cmocka_run_group_tests(tests, NULL, NULL);
}
