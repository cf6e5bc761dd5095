/* Unit tests for core/scan/zoneclass.c: every A code of an answer is
 * decoded by its zone's profile; an undocumented code, an error range,
 * 127.0.0.1 and answers outside 127/8 are errors, never listings. */
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <setjmp.h>
#include <string.h>
#include <cmocka.h>

#include "core/scan/zoneclass.h"

#define IP(a, b, c, d) ((uint32_t)(a) << 24 | (uint32_t)(b) << 16 | (uint32_t)(c) << 8 | (uint32_t)(d))

static const struct zone_def *zone_of(const char *profile, const char *key)
{
	const struct profile *p = profile_find(profile);

	assert_non_null(p);
	for (size_t z = 0; z < p->nzones; z++)
		if (strcmp(p->zones[z].key, key) == 0)
			return &p->zones[z];
	fail_msg("%s has no zone %s", profile, key);
	return NULL;
}

static void classify(const struct zone_def *d, const uint32_t *codes, size_t n,
                     struct lookup *l, char *text)
{
	*l = (struct lookup){ .txt = "listed for spam" };
	zone_classify(d, codes, n, l, text, 200);
}

static void spamhaus_codes_decoded(void **state)
{
	const struct zone_def *zen = zone_of("spamhaus", "zen");
	const uint32_t both[] = { IP(127, 0, 0, 4), IP(127, 0, 0, 10) };
	struct lookup l;
	char text[200];

	(void)state;
	classify(zen, both, 2, &l, text);
	assert_int_equal(l.state, LK_LISTED);
	assert_int_equal(l.error, LKE_NONE);
	assert_int_equal(l.code, IP(127, 0, 0, 4));
	assert_string_equal(text, "127.0.0.4 XBL; 127.0.0.10 PBL");
	assert_string_equal(l.txt, "listed for spam");

	classify(zen, (const uint32_t[]){ IP(127, 0, 0, 2), IP(127, 0, 0, 3), IP(127, 0, 0, 9) }, 3, &l, text);
	assert_int_equal(l.state, LK_LISTED);
	assert_string_equal(text, "127.0.0.2 SBL; 127.0.0.3 SBL CSS; 127.0.0.9 DROP");
}

static void undocumented_code_is_an_error(void **state)
{
	const struct zone_def *zen = zone_of("spamhaus", "zen");
	const uint32_t codes[] = { IP(127, 0, 0, 2), IP(127, 0, 0, 99) };
	struct lookup l;
	char text[200];

	(void)state;
	classify(zen, codes, 2, &l, text);
	assert_int_equal(l.state, LK_ERROR);
	assert_int_equal(l.error, LKE_UNEXPECTED);
	assert_int_equal(l.code, IP(127, 0, 0, 99));
	assert_string_equal(text, "unexpected code 127.0.0.99");
	assert_string_equal(l.txt, "");
	assert_string_equal(lk_error_name(LKE_UNEXPECTED), "unexpected");

	/* 127.0.0.8 sits between documented ranges */
	classify(zen, (const uint32_t[]){ IP(127, 0, 0, 8) }, 1, &l, text);
	assert_int_equal(l.error, LKE_UNEXPECTED);
	/* UCEPROTECT documents 127.0.0.2 only */
	classify(zone_of("uceprotect", "l1"), (const uint32_t[]){ IP(127, 0, 0, 3) }, 1, &l, text);
	assert_int_equal(l.error, LKE_UNEXPECTED);
	classify(zone_of("uceprotect", "l1"), (const uint32_t[]){ IP(127, 0, 0, 2) }, 1, &l, text);
	assert_int_equal(l.state, LK_LISTED);
	assert_string_equal(text, "127.0.0.2 listed on level 1");
}

static void error_codes(void **state)
{
	const struct zone_def *zen = zone_of("spamhaus", "zen");
	const struct zone_def *l1 = zone_of("uceprotect", "l1");
	struct lookup l;
	char text[200];

	(void)state;
	/* a documented error range wins over a listing beside it */
	classify(zen, (const uint32_t[]){ IP(127, 0, 0, 2), IP(127, 255, 255, 254) }, 2, &l, text);
	assert_int_equal(l.state, LK_ERROR);
	assert_int_equal(l.error, LKE_BLOCKED);
	assert_string_equal(text, "127.255.255.254: blocked: query through a public resolver");
	/* an undocumented 127.255.255.x is still an error */
	classify(l1, (const uint32_t[]){ IP(127, 255, 255, 1) }, 1, &l, text);
	assert_int_equal(l.error, LKE_BLOCKED);
	/* RFC 5782: 127.0.0.1 is never a listing; outside 127/8 neither */
	classify(l1, (const uint32_t[]){ IP(127, 0, 0, 1) }, 1, &l, text);
	assert_int_equal(l.error, LKE_BOGUS);
	classify(zen, (const uint32_t[]){ IP(192, 0, 2, 1) }, 1, &l, text);
	assert_int_equal(l.error, LKE_BOGUS);
	assert_string_equal(l.txt, "");
	/* no answer: clean */
	classify(zen, NULL, 0, &l, text);
	assert_int_equal(l.state, LK_CLEAN);
	assert_string_equal(text, "");
}

static void codes_any(void **state)
{
	static const struct zone_code err[] = {
		{ IP(127, 0, 0, 250), IP(127, 0, 0, 255), true, "rate limited" },
	};
	const struct zone_def any = { "a", "any.example", ZR_SINGLE, "any", "a", true, 1, err };
	struct lookup l;
	char text[200];

	(void)state;
	classify(&any, (const uint32_t[]){ IP(127, 0, 0, 99), IP(127, 1, 2, 3) }, 2, &l, text);
	assert_int_equal(l.state, LK_LISTED);
	assert_string_equal(text, "127.0.0.99; 127.1.2.3");
	classify(&any, (const uint32_t[]){ IP(127, 0, 0, 251) }, 1, &l, text);
	assert_int_equal(l.error, LKE_BLOCKED);
	assert_string_equal(text, "127.0.0.251: rate limited");
	classify(&any, (const uint32_t[]){ IP(127, 0, 0, 1) }, 1, &l, text);
	assert_int_equal(l.error, LKE_BOGUS);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(spamhaus_codes_decoded),
		cmocka_unit_test(undocumented_code_is_an_error),
		cmocka_unit_test(error_codes),
		cmocka_unit_test(codes_any),
	};

	return cmocka_run_group_tests(tests, NULL, NULL);
}
