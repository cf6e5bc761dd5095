/* Unit tests for core/lookup/lookup.c: what the A answers of a DNSBL query mean
 * (RFC 5782 and the error codes of rblscope-facts(7), ANSWERS THAT ARE NOT
 * LISTINGS), and the names of states and errors. */
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <setjmp.h>
#include <string.h>
#include <cmocka.h>

#include "core/lookup/lookup.h"

#define A(a, b, c, d) ((uint32_t)(a) << 24 | (uint32_t)(b) << 16 | (uint32_t)(c) << 8 | (uint32_t)(d))

/* A lookup filled with leftovers, to see that classification overwrites. */
static void dirty(struct lookup *l)
{
	l->state = LK_PENDING;
	l->error = LKE_OTHER;
	l->code = 0xdeadbeefu;
	l->txt = "stale text";
}

static void no_answer_is_clean(void **state)
{
	struct lookup l;

	(void)state;
	dirty(&l);
	lk_classify_a(&l, NULL, 0);
	assert_int_equal(l.state, LK_CLEAN);
	assert_int_equal(l.error, LKE_NONE);
	assert_int_equal(l.code, 0);
}

static void listing_codes_are_listed(void **state)
{
	struct lookup l;
	uint32_t code;

	(void)state;
	/* 127.0.0.2 (every list) to 127.0.0.11 (Spamhaus PBL) */
	for (unsigned d = 2; d <= 11; d++) {
		code = A(127, 0, 0, d);
		dirty(&l);
		lk_classify_a(&l, &code, 1);
		assert_int_equal(l.state, LK_LISTED);
		assert_int_equal(l.error, LKE_NONE);
		assert_int_equal(l.code, code);
	}
	/* Mailspike reputation codes go up to 127.0.0.20 */
	code = A(127, 0, 0, 20);
	lk_classify_a(&l, &code, 1);
	assert_int_equal(l.state, LK_LISTED);
	assert_int_equal(l.code, code);
}

static void several_listing_codes_keep_the_first(void **state)
{
	const uint32_t codes[] = { A(127, 0, 0, 4), A(127, 0, 0, 2), A(127, 0, 0, 10) };
	struct lookup l;

	(void)state;
	dirty(&l);
	lk_classify_a(&l, codes, 3);
	assert_int_equal(l.state, LK_LISTED);
	assert_int_equal(l.error, LKE_NONE);
	assert_int_equal(l.code, A(127, 0, 0, 4));
}

static void loopback_one_is_bogus(void **state)
{
	uint32_t code = A(127, 0, 0, 1);
	struct lookup l;

	(void)state;
	dirty(&l);
	lk_classify_a(&l, &code, 1);
	assert_int_equal(l.state, LK_ERROR);
	assert_int_equal(l.error, LKE_BOGUS);
	assert_string_equal(l.txt, "");
}

static void spamhaus_error_codes_are_blocked(void **state)
{
	/* typo in zone, open resolver, rate limit, and the rest of the /24 */
	const unsigned last[] = { 252, 254, 255, 253 };
	struct lookup l;

	(void)state;
	for (size_t i = 0; i < sizeof last / sizeof last[0]; i++) {
		uint32_t code = A(127, 255, 255, last[i]);

		dirty(&l);
		lk_classify_a(&l, &code, 1);
		assert_int_equal(l.state, LK_ERROR);
		assert_int_equal(l.error, LKE_BLOCKED);
		assert_int_equal(l.code, code);
		assert_string_equal(l.txt, "");
	}
}

static void answers_outside_127_are_bogus(void **state)
{
	/* what an NXDOMAIN-rewriting resolver returns */
	const uint32_t codes[] = {
		A(192, 0, 2, 1), A(10, 0, 0, 1), A(0, 0, 0, 0), A(126, 255, 255, 255),
		A(128, 0, 0, 2), A(255, 255, 255, 255), A(198, 51, 100, 7),
	};
	struct lookup l;

	(void)state;
	for (size_t i = 0; i < sizeof codes / sizeof codes[0]; i++) {
		dirty(&l);
		lk_classify_a(&l, &codes[i], 1);
		assert_int_equal(l.state, LK_ERROR);
		assert_int_equal(l.error, LKE_BOGUS);
	}
}

static void one_bad_answer_spoils_the_lookup(void **state)
{
	const uint32_t bogus_last[] = { A(127, 0, 0, 2), A(127, 0, 0, 3), A(192, 0, 2, 1) };
	const uint32_t bogus_first[] = { A(10, 0, 0, 1), A(127, 0, 0, 2) };
	const uint32_t with_one[] = { A(127, 0, 0, 2), A(127, 0, 0, 1) };
	const uint32_t blocked[] = { A(127, 0, 0, 2), A(127, 255, 255, 254) };
	struct lookup l;

	(void)state;
	dirty(&l);
	lk_classify_a(&l, bogus_last, 3);
	assert_int_equal(l.state, LK_ERROR);
	assert_int_equal(l.error, LKE_BOGUS);

	dirty(&l);
	lk_classify_a(&l, bogus_first, 2);
	assert_int_equal(l.state, LK_ERROR);
	assert_int_equal(l.error, LKE_BOGUS);

	dirty(&l);
	lk_classify_a(&l, with_one, 2);
	assert_int_equal(l.state, LK_ERROR);
	assert_int_equal(l.error, LKE_BOGUS);

	dirty(&l);
	lk_classify_a(&l, blocked, 2);
	assert_int_equal(l.state, LK_ERROR);
	assert_int_equal(l.error, LKE_BLOCKED);
}

static void set_error_clears_the_text(void **state)
{
	struct lookup l;

	(void)state;
	dirty(&l);
	l.state = LK_LISTED;
	lk_set_error(&l, LKE_TIMEOUT);
	assert_int_equal(l.state, LK_ERROR);
	assert_int_equal(l.error, LKE_TIMEOUT);
	assert_string_equal(l.txt, "");
}

static void state_names(void **state)
{
	(void)state;
	assert_string_equal(lk_state_name(LK_PENDING), "pending");
	assert_string_equal(lk_state_name(LK_CLEAN), "clean");
	assert_string_equal(lk_state_name(LK_LISTED), "listed");
	assert_string_equal(lk_state_name(LK_ERROR), "error");
}

static void error_names_and_texts_are_distinct(void **state)
{
	(void)state;
	assert_string_equal(lk_error_name(LKE_NONE), "");
	assert_string_equal(lk_error_name(LKE_TIMEOUT), "timeout");
	assert_string_equal(lk_error_name(LKE_SERVFAIL), "servfail");
	for (int a = LKE_NONE + 1; a < LKE_COUNT; a++) {
		const char *na = lk_error_name((enum lk_error)a);
		const char *ta = lk_error_text((enum lk_error)a);

		assert_non_null(na);
		assert_non_null(ta);
		assert_true(strlen(na) > 0);
		assert_true(strlen(ta) > 0);
		/* names go into CSV columns: one word, no separators */
		assert_null(strpbrk(na, " ,;\t\n\""));
		for (int b = a + 1; b < LKE_COUNT; b++) {
			assert_string_not_equal(na, lk_error_name((enum lk_error)b));
			assert_string_not_equal(ta, lk_error_text((enum lk_error)b));
		}
	}
	/* out-of-range values still give a usable string */
	assert_non_null(lk_error_name((enum lk_error)(LKE_COUNT + 5)));
	assert_non_null(lk_error_text((enum lk_error)(LKE_COUNT + 5)));
	assert_non_null(lk_state_name((enum lk_state)99));
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(no_answer_is_clean),
		cmocka_unit_test(listing_codes_are_listed),
		cmocka_unit_test(several_listing_codes_keep_the_first),
		cmocka_unit_test(loopback_one_is_bogus),
		cmocka_unit_test(spamhaus_error_codes_are_blocked),
		cmocka_unit_test(answers_outside_127_are_bogus),
		cmocka_unit_test(one_bad_answer_spoils_the_lookup),
		cmocka_unit_test(set_error_clears_the_text),
		cmocka_unit_test(state_names),
		cmocka_unit_test(error_names_and_texts_are_distinct),
	};

	return cmocka_run_group_tests(tests, NULL, NULL);
}
