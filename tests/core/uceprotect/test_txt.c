/* Unit tests for core/uceprotect/txt.c: every UCEPROTECT TXT format rblscope
 * knows (rblscope-facts(7), UCEPROTECT LEVELS), texts it does not know,
 * hostile texts, and the one-line summary. */
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <setjmp.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <cmocka.h>

#include "core/uceprotect/txt.h"

#define A(a, b, c, d) ((uint32_t)(a) << 24 | (uint32_t)(b) << 16 | (uint32_t)(c) << 8 | (uint32_t)(d))

static const char L1[] =
	"IP 45.95.168.196 is UCEPROTECT-Level 1 listed. "
	"See http://www.uceprotect.net/rblcheck.php?ipr=45.95.168.196";
static const char L2_2024[] =
	"Net 104.40.0.0/13 is UCEPROTECT-Level2 listed because 408 impacts are seen "
	"from MICROSOFT-CORP-MSN-AS-BLOCK, US/AS8075 there.";
static const char L2_2012[] =
	"Net 117.219.64.0/18 is UCEPROTECT-Level2 listed because 231 abusers are hosted "
	"by BSNL-NIB National Internet Backbone/AS9829 there. "
	"See: http://www.uceprotect.net/rblcheck.php?ipr=117.219.64.1";
static const char L3_OLD[] =
	"Your ISP BSNL-NIB National Internet Backbone/AS9829 is UCEPROTECT-Level3 listed "
	"for hosting a total of 55146 abusers.";
static const char L3_NOW[] =
	"Your ISP AMAZON-02, US/AS16509 is UCEPROTECT-Level3 listed because of a "
	"spamscore of 63.";

/* Every field at its "not said" value. */
static void assert_nothing_said(const struct txt_info *t)
{
	assert_int_equal(t->level, 0);
	assert_false(t->has_net);
	assert_int_equal(t->impacts, -1);
	assert_int_equal(t->abusers, -1);
	assert_int_equal(t->spamscore, -1);
	assert_int_equal(t->asn, 0);
	assert_string_equal(t->org, "");
}

static void level1_text(void **state)
{
	struct txt_info t;

	(void)state;
	txt_parse(L1, &t);
	assert_int_equal(t.level, 1);
	assert_true(t.has_net);
	assert_int_equal(t.net, A(45, 95, 168, 196));
	assert_int_equal(t.prefix, 32);
	assert_int_equal(t.impacts, -1);
	assert_int_equal(t.abusers, -1);
	assert_int_equal(t.spamscore, -1);
	assert_int_equal(t.asn, 0);
	assert_string_equal(t.org, "");
}

static void level2_text_of_2024(void **state)
{
	struct txt_info t;

	(void)state;
	txt_parse(L2_2024, &t);
	assert_int_equal(t.level, 2);
	assert_true(t.has_net);
	assert_int_equal(t.net, A(104, 40, 0, 0));
	assert_int_equal(t.prefix, 13);
	assert_int_equal(t.impacts, 408);
	assert_int_equal(t.abusers, -1);
	assert_int_equal(t.spamscore, -1);
	assert_int_equal(t.asn, 8075);
	assert_string_equal(t.org, "MICROSOFT-CORP-MSN-AS-BLOCK, US");
}

static void level2_text_of_2012(void **state)
{
	struct txt_info t;

	(void)state;
	txt_parse(L2_2012, &t);
	assert_int_equal(t.level, 2);
	assert_true(t.has_net);
	assert_int_equal(t.net, A(117, 219, 64, 0));
	assert_int_equal(t.prefix, 18);
	assert_int_equal(t.impacts, -1);
	assert_int_equal(t.abusers, 231);
	assert_int_equal(t.spamscore, -1);
	assert_int_equal(t.asn, 9829);
	assert_string_equal(t.org, "BSNL-NIB National Internet Backbone");
}

static void level3_old_text(void **state)
{
	struct txt_info t;

	(void)state;
	txt_parse(L3_OLD, &t);
	assert_int_equal(t.level, 3);
	assert_false(t.has_net);
	assert_int_equal(t.impacts, -1);
	assert_int_equal(t.abusers, 55146);
	assert_int_equal(t.spamscore, -1);
	assert_int_equal(t.asn, 9829);
	assert_string_equal(t.org, "BSNL-NIB National Internet Backbone");
}

static void level3_current_text(void **state)
{
	struct txt_info t;

	(void)state;
	txt_parse(L3_NOW, &t);
	assert_int_equal(t.level, 3);
	assert_false(t.has_net);
	assert_int_equal(t.impacts, -1);
	assert_int_equal(t.abusers, -1);
	assert_int_equal(t.spamscore, 63);
	assert_int_equal(t.asn, 16509);
	assert_string_equal(t.org, "AMAZON-02, US");
}

static void level3_current_with_other_names(void **state)
{
	struct txt_info t;

	(void)state;
	/* a 32-bit ASN and a four-digit score in the same sentence */
	txt_parse("Your ISP EXAMPLE HOSTING GmbH, DE/AS4200000001 is UCEPROTECT-Level3 "
	          "listed because of a spamscore of 1250.", &t);
	assert_int_equal(t.level, 3);
	assert_int_equal(t.asn, 4200000001u);
	assert_int_equal(t.spamscore, 1250);
	assert_string_equal(t.org, "EXAMPLE HOSTING GmbH, DE");
}

static void unknown_text_says_nothing(void **state)
{
	static const char *const texts[] = {
		"",
		"Listed for sending spam",
		"https://www.spamhaus.org/query/ip/192.0.2.1",
		"Blocked - see https://example.org/lookup?ip=192.0.2.1",
	};
	struct txt_info t;

	(void)state;
	for (size_t i = 0; i < sizeof texts / sizeof texts[0]; i++) {
		memset(&t, 0x5a, sizeof t);
		txt_parse(texts[i], &t);
		assert_nothing_said(&t);
	}
}

static void null_text_says_nothing(void **state)
{
	struct txt_info t;

	(void)state;
	memset(&t, 0x5a, sizeof t);
	txt_parse(NULL, &t);
	assert_nothing_said(&t);
}

static void broken_fields_are_not_said(void **state)
{
	struct txt_info t;

	(void)state;
	/* an address that is not one, a prefix out of range */
	txt_parse("Net 999.1.2.0/24 is UCEPROTECT-Level2 listed", &t);
	assert_false(t.has_net);
	assert_int_equal(t.level, 2);
	txt_parse("Net 10.0.0.0/40 is listed", &t);
	assert_false(t.has_net);
	/* only levels 1 to 3 exist */
	txt_parse("UCEPROTECT-Level 4 listed", &t);
	assert_int_equal(t.level, 0);
	/* a count word with no number before it */
	txt_parse("impacts are seen", &t);
	assert_int_equal(t.impacts, -1);
	txt_parse("many abusers", &t);
	assert_int_equal(t.abusers, -1);
	/* an ASN too big for 32 bits is no ASN */
	txt_parse("Your ISP X/AS99999999999 is listed", &t);
	assert_int_equal(t.asn, 0);
	/* markers at the very end of the text */
	txt_parse("UCEPROTECT-Level", &t);
	assert_nothing_said(&t);
	txt_parse("Net ", &t);
	assert_nothing_said(&t);
	txt_parse("IP ", &t);
	assert_nothing_said(&t);
	txt_parse("X/AS", &t);
	assert_nothing_said(&t);
	txt_parse("spamscore of ", &t);
	assert_nothing_said(&t);
}

static void long_org_is_cut_to_fit(void **state)
{
	char txt[600];
	struct txt_info t;

	(void)state;
	strcpy(txt, "Your ISP ");
	memset(txt + strlen(txt), 'A', 400);
	strcpy(txt + 9 + 400, "/AS64500 is UCEPROTECT-Level3 listed because of a spamscore of 77.");
	txt_parse(txt, &t);
	assert_int_equal(t.asn, 64500);
	assert_int_equal(t.spamscore, 77);
	assert_int_equal(t.level, 3);
	assert_int_equal(strlen(t.org), TXT_ORG_MAX - 1);
	for (size_t i = 0; i < TXT_ORG_MAX - 1; i++)
		assert_int_equal(t.org[i], 'A');
}

/* An org longer than TXT_ORG_MAX made of two-byte characters: the cut
 * falls between characters, so a sanitised TXT stays valid UTF-8. */
static void long_org_is_cut_between_characters(void **state)
{
	char txt[600];
	struct txt_info t;
	size_t o, n;

	(void)state;
	o = (size_t)snprintf(txt, sizeof txt, "Your ISP ");
	for (int i = 0; i < 100; i++)
		o += (size_t)snprintf(txt + o, sizeof txt - o, "\xc3\xa9");   /* U+00E9 */
	snprintf(txt + o, sizeof txt - o, "/AS64500 is UCEPROTECT-Level3 listed.");
	txt_parse(txt, &t);
	assert_int_equal(t.asn, 64500);
	n = strlen(t.org);
	/* 63 whole characters: the 64th would need byte 128. */
	assert_int_equal(n, TXT_ORG_MAX - 2);
	for (size_t i = 0; i < n; i += 2)
		assert_memory_equal(t.org + i, "\xc3\xa9", 2);
}

static void hostile_texts_do_not_crash(void **state)
{
	size_t n = 20000;
	char *txt = malloc(n + 1);
	struct txt_info t;
	unsigned seed = 2308;
	static const char *const words[] = {
		"Net ", "IP ", "/AS", "Level", "-", " ", "impacts", "abusers",
		"spamscore of ", "Your ISP ", " from ", " by ", "/", ".", "9",
		"4294967296", "127.0.0.2", "/32", "/0",
	};

	(void)state;
	assert_non_null(txt);
	/* a very long run of digits before every counted word */
	memset(txt, '9', n);
	txt[n] = '\0';
	memcpy(txt + n - 40, " impacts abusers spamscore of 99999999999", 40);
	txt_parse(txt, &t);
	assert_true(t.impacts >= -1);
	assert_true(t.abusers >= -1);
	assert_true(t.spamscore >= -1);

	/* random sentences made of the words the parser looks for */
	for (int round = 0; round < 3000; round++) {
		size_t o = 0;

		while (o < 400) {
			const char *w = words[rand_r(&seed) % (int)(sizeof words / sizeof words[0])];
			size_t l = strlen(w);

			memcpy(txt + o, w, l);
			o += l;
		}
		txt[o] = '\0';
		txt_parse(txt, &t);
		assert_true(t.level >= 0 && t.level <= 3);
		assert_true(strlen(t.org) < TXT_ORG_MAX);
		assert_true(!t.has_net || t.prefix <= 32);
		assert_true(t.impacts >= -1 && t.abusers >= -1 && t.spamscore >= -1);
	}
	free(txt);
}

static void summary_names_every_part(void **state)
{
	struct txt_info t;
	char out[256];

	(void)state;
	txt_parse(L2_2024, &t);
	txt_summary(&t, out, sizeof out);
	assert_non_null(strstr(out, "level 2"));
	assert_non_null(strstr(out, "104.40.0.0/13"));
	assert_non_null(strstr(out, "408 impacts"));
	assert_non_null(strstr(out, "AS8075"));

	txt_parse(L1, &t);
	txt_summary(&t, out, sizeof out);
	assert_non_null(strstr(out, "level 1"));
	assert_non_null(strstr(out, "45.95.168.196"));
	assert_null(strstr(out, "/32"));   /* an address, not a network */

	txt_parse(L2_2012, &t);
	txt_summary(&t, out, sizeof out);
	assert_non_null(strstr(out, "117.219.64.0/18"));
	assert_non_null(strstr(out, "231 abusers"));
	assert_non_null(strstr(out, "AS9829"));

	txt_parse(L3_OLD, &t);
	txt_summary(&t, out, sizeof out);
	assert_non_null(strstr(out, "level 3"));
	assert_non_null(strstr(out, "55146 abusers"));
	assert_non_null(strstr(out, "AS9829"));

	txt_parse(L3_NOW, &t);
	txt_summary(&t, out, sizeof out);
	assert_non_null(strstr(out, "level 3"));
	assert_non_null(strstr(out, "spamscore"));
	assert_non_null(strstr(out, "63"));
	assert_non_null(strstr(out, "AS16509"));
	assert_non_null(strstr(out, "AMAZON-02"));
}

static void summary_of_nothing_is_empty(void **state)
{
	struct txt_info t;
	char out[64];

	(void)state;
	memset(out, 'Z', sizeof out);
	txt_parse("no idea", &t);
	txt_summary(&t, out, sizeof out);
	assert_string_equal(out, "");
}

static void summary_cut_short_is_a_prefix(void **state)
{
	struct txt_info t;
	char full[256], out[256];

	(void)state;
	txt_parse(L2_2024, &t);
	txt_summary(&t, full, sizeof full);
	assert_true(strlen(full) > 20);

	/* len 0: nothing written */
	out[0] = 'Z';
	txt_summary(&t, out, 0);
	assert_int_equal(out[0], 'Z');

	for (size_t len = 1; len <= strlen(full) + 1; len++) {
		memset(out, 'Z', sizeof out);
		txt_summary(&t, out, len);
		assert_true(strlen(out) < len);
		for (size_t k = len; k < sizeof out; k++)
			assert_int_equal(out[k], 'Z');
		/* what fits is the start of the whole line, not a new text */
		if (strncmp(out, full, strlen(out)) != 0)
			fail_msg("txt_summary with len %zu gave \"%s\", not a prefix of \"%s\"",
			         len, out, full);
	}
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(level1_text),
		cmocka_unit_test(level2_text_of_2024),
		cmocka_unit_test(level2_text_of_2012),
		cmocka_unit_test(level3_old_text),
		cmocka_unit_test(level3_current_text),
		cmocka_unit_test(level3_current_with_other_names),
		cmocka_unit_test(unknown_text_says_nothing),
		cmocka_unit_test(null_text_says_nothing),
		cmocka_unit_test(broken_fields_are_not_said),
		cmocka_unit_test(long_org_is_cut_to_fit),
		cmocka_unit_test(long_org_is_cut_between_characters),
		cmocka_unit_test(hostile_texts_do_not_crash),
		cmocka_unit_test(summary_names_every_part),
		cmocka_unit_test(summary_of_nothing_is_empty),
		cmocka_unit_test(summary_cut_short_is_a_prefix),
	};

	return cmocka_run_group_tests(tests, NULL, NULL);
}
