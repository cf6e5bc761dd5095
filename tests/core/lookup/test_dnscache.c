/* Unit tests for core/lookup/dnscache.c: answers kept for their TTL and no
 * longer, errors never kept, and a listing without its TXT not passed
 * off as one with it. */
#include <stdarg.h>
#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>
#include <setjmp.h>
#include <stdio.h>
#include <string.h>
#include <cmocka.h>

#include "core/lookup/dnscache.h"

#define QNAME "77.2.0.192.dnsbl-1.uceprotect.net"
#define T0 1000000000ull   /* an arbitrary "now" in monotonic ms */

static struct lookup listed(uint32_t code, const char *txt)
{
	return (struct lookup){ .state = LK_LISTED, .error = LKE_NONE, .code = code, .txt = txt };
}

static struct lookup clean(void)
{
	return (struct lookup){ .state = LK_CLEAN, .error = LKE_NONE, .txt = "" };
}

static int setup(void **state)
{
	*state = dnscache_new();
	return *state ? 0 : -1;
}

static int teardown(void **state)
{
	dnscache_free(*state);
	return 0;
}

static void put_then_get(void **state)
{
	struct dnscache *c = *state;
	struct lookup in = listed(0x7f000002u, "IP 192.0.2.77 is UCEPROTECT-Level 1 listed."), out;

	assert_int_equal(dnscache_size(c), 0);
	assert_false(dnscache_get(c, QNAME, false, T0, &out));
	dnscache_put(c, QNAME, &in, true, 300, T0);
	assert_int_equal(dnscache_size(c), 1);

	memset(&out, 0x5a, sizeof out);
	assert_true(dnscache_get(c, QNAME, true, T0 + 1, &out));
	assert_int_equal(out.state, LK_LISTED);
	assert_int_equal(out.error, LKE_NONE);
	assert_int_equal(out.code, 0x7f000002u);
	assert_string_equal(out.txt, in.txt);

	/* another name is not a hit */
	assert_false(dnscache_get(c, "78.2.0.192.dnsbl-1.uceprotect.net", false, T0, &out));
}

static void clean_answers_are_kept(void **state)
{
	struct dnscache *c = *state;
	struct lookup in = clean(), out;

	dnscache_put(c, QNAME, &in, false, 60, T0);
	memset(&out, 0x5a, sizeof out);
	assert_true(dnscache_get(c, QNAME, false, T0, &out));
	assert_int_equal(out.state, LK_CLEAN);
	assert_int_equal(out.error, LKE_NONE);
	assert_string_equal(out.txt, "");
	/* a clean answer has no TXT to miss: it answers a TXT lookup too */
	assert_true(dnscache_get(c, QNAME, true, T0, &out));
	assert_int_equal(out.state, LK_CLEAN);
}

static void entries_expire_after_their_ttl(void **state)
{
	struct dnscache *c = *state;
	struct lookup in = listed(0x7f000002u, ""), out;

	dnscache_put(c, QNAME, &in, false, 300, T0);
	assert_true(dnscache_get(c, QNAME, false, T0, &out));
	assert_true(dnscache_get(c, QNAME, false, T0 + 300 * 1000 - 1, &out));
	/* 300 s after the put, the answer is gone */
	assert_false(dnscache_get(c, QNAME, false, T0 + 300 * 1000, &out));
	assert_false(dnscache_get(c, QNAME, false, T0 + 3600 * 1000, &out));
}

static void long_ttls_do_not_overflow(void **state)
{
	struct dnscache *c = *state;
	struct lookup in = clean(), out;

	/* the largest TTL on the wire, 2^32 - 1 seconds */
	dnscache_put(c, QNAME, &in, false, UINT32_MAX, T0);
	assert_true(dnscache_get(c, QNAME, false, T0 + 86400ull * 1000 * 365 * 100, &out));
	assert_false(dnscache_get(c, QNAME, false, T0 + (uint64_t)UINT32_MAX * 1000, &out));
}

static void errors_are_never_stored(void **state)
{
	struct dnscache *c = *state;
	struct lookup out;

	for (int e = LKE_NONE + 1; e < LKE_COUNT; e++) {
		struct lookup in = { .state = LK_ERROR, .error = (enum lk_error)e, .txt = "" };
		char q[64];

		snprintf(q, sizeof q, "%d.2.0.192.bl.example", e);
		dnscache_put(c, q, &in, true, 300, T0);
		assert_false(dnscache_get(c, q, false, T0, &out));
	}
	/* nor is a pending lookup */
	{
		struct lookup in = { .state = LK_PENDING, .txt = "" };

		dnscache_put(c, QNAME, &in, false, 300, T0);
		assert_false(dnscache_get(c, QNAME, false, T0, &out));
	}
	assert_int_equal(dnscache_size(c), 0);
}

static void error_does_not_replace_a_good_answer(void **state)
{
	struct dnscache *c = *state;
	struct lookup in = listed(0x7f000002u, "listed"), err = { .state = LK_ERROR,
	                                                          .error = LKE_TIMEOUT }, out;

	dnscache_put(c, QNAME, &in, true, 300, T0);
	dnscache_put(c, QNAME, &err, true, 300, T0 + 10);
	assert_true(dnscache_get(c, QNAME, true, T0 + 20, &out));
	assert_int_equal(out.state, LK_LISTED);
	assert_int_equal(out.error, LKE_NONE);
}

static void ttl_zero_is_not_stored(void **state)
{
	struct dnscache *c = *state;
	struct lookup in = listed(0x7f000002u, "x"), out;

	dnscache_put(c, QNAME, &in, true, 0, T0);
	assert_false(dnscache_get(c, QNAME, true, T0, &out));
	assert_false(dnscache_get(c, QNAME, false, T0, &out));
	assert_int_equal(dnscache_size(c), 0);
}

static void listing_without_txt_does_not_answer_txt_lookups(void **state)
{
	struct dnscache *c = *state;
	struct lookup in = listed(0x7f000002u, ""), out;

	dnscache_put(c, QNAME, &in, false, 300, T0);
	assert_false(dnscache_get(c, QNAME, true, T0, &out));
	assert_true(dnscache_get(c, QNAME, false, T0, &out));
	assert_int_equal(out.state, LK_LISTED);

	/* the same listing stored again with its TXT fetched now answers both */
	in = listed(0x7f000002u, "Net 192.0.2.0/24 is UCEPROTECT-Level2 listed");
	dnscache_put(c, QNAME, &in, true, 300, T0);
	assert_true(dnscache_get(c, QNAME, true, T0, &out));
	assert_string_equal(out.txt, in.txt);
	assert_int_equal(dnscache_size(c), 1);
}

static void listing_with_empty_fetched_txt_answers_txt_lookups(void **state)
{
	struct dnscache *c = *state;
	struct lookup in = listed(0x7f000002u, ""), out;

	/* the TXT was asked for and there was none: that is an answer too */
	dnscache_put(c, QNAME, &in, true, 300, T0);
	assert_true(dnscache_get(c, QNAME, true, T0, &out));
	assert_string_equal(out.txt, "");
}

static void put_replaces_an_entry(void **state)
{
	struct dnscache *c = *state;
	struct lookup a = listed(0x7f000002u, "first text"), b = clean(), out;

	dnscache_put(c, QNAME, &a, true, 10, T0);
	dnscache_put(c, QNAME, &b, false, 600, T0 + 5000);
	assert_int_equal(dnscache_size(c), 1);
	/* the new state, text and expiry */
	assert_true(dnscache_get(c, QNAME, false, T0 + 20000, &out));
	assert_int_equal(out.state, LK_CLEAN);
	assert_int_equal(out.code, 0);
	assert_string_equal(out.txt, "");
	assert_true(dnscache_get(c, QNAME, false, T0 + 5000 + 600 * 1000 - 1, &out));
	assert_false(dnscache_get(c, QNAME, false, T0 + 5000 + 600 * 1000, &out));

	/* and back to a listing with a longer text */
	a = listed(0x7f000004u, "a second, longer text than the first one was");
	dnscache_put(c, QNAME, &a, true, 60, T0 + 6000);
	assert_true(dnscache_get(c, QNAME, true, T0 + 6000, &out));
	assert_int_equal(out.state, LK_LISTED);
	assert_int_equal(out.code, 0x7f000004u);
	assert_string_equal(out.txt, a.txt);
}

static void full_length_txt_survives(void **state)
{
	struct dnscache *c = *state;
	static char txt[LOOKUP_TXT_MAX];
	struct lookup in = { .state = LK_LISTED, .code = 0x7f000002u, .txt = txt }, out;

	memset(txt, 'x', sizeof txt - 1);
	txt[sizeof txt - 1] = '\0';
	dnscache_put(c, QNAME, &in, true, 60, T0);
	assert_true(dnscache_get(c, QNAME, true, T0, &out));
	assert_string_equal(out.txt, in.txt);
}

static void many_entries_all_retrievable(void **state)
{
	struct dnscache *c = *state;
	enum { N = 20000 };
	char q[96];
	struct lookup out;

	/* enough names to make the table grow several times */
	for (unsigned i = 0; i < N; i++) {
		struct lookup in;
		char t[40];   /* lives until the put: the cache copies it */

		snprintf(q, sizeof q, "%u.%u.%u.10.dnsbl-1.uceprotect.net", i & 255, i >> 8 & 255,
		         i >> 16);
		if (i % 3 == 0) {
			in = clean();
		} else {
			snprintf(t, sizeof t, "entry %u", i);
			in = listed(0x7f000002u + i % 9, t);
		}
		dnscache_put(c, q, &in, true, 100 + i, T0);
	}
	assert_int_equal(dnscache_size(c), N);
	for (unsigned i = 0; i < N; i++) {
		snprintf(q, sizeof q, "%u.%u.%u.10.dnsbl-1.uceprotect.net", i & 255, i >> 8 & 255,
		         i >> 16);
		if (!dnscache_get(c, q, true, T0 + 50 * 1000, &out))
			fail_msg("entry %u (%s) lost", i, q);
		if (i % 3 == 0) {
			assert_int_equal(out.state, LK_CLEAN);
		} else {
			char t[40];

			snprintf(t, sizeof t, "entry %u", i);
			assert_int_equal(out.state, LK_LISTED);
			assert_int_equal(out.code, 0x7f000002u + i % 9);
			assert_string_equal(out.txt, t);
		}
		/* each expires at its own time: TTL 100 + i seconds */
		assert_false(dnscache_get(c, q, false, T0 + (100 + (uint64_t)i) * 1000, &out));
	}
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test_setup_teardown(put_then_get, setup, teardown),
		cmocka_unit_test_setup_teardown(clean_answers_are_kept, setup, teardown),
		cmocka_unit_test_setup_teardown(entries_expire_after_their_ttl, setup, teardown),
		cmocka_unit_test_setup_teardown(long_ttls_do_not_overflow, setup, teardown),
		cmocka_unit_test_setup_teardown(errors_are_never_stored, setup, teardown),
		cmocka_unit_test_setup_teardown(error_does_not_replace_a_good_answer, setup, teardown),
		cmocka_unit_test_setup_teardown(ttl_zero_is_not_stored, setup, teardown),
		cmocka_unit_test_setup_teardown(listing_without_txt_does_not_answer_txt_lookups,
		                                setup, teardown),
		cmocka_unit_test_setup_teardown(listing_with_empty_fetched_txt_answers_txt_lookups,
		                                setup, teardown),
		cmocka_unit_test_setup_teardown(put_replaces_an_entry, setup, teardown),
		cmocka_unit_test_setup_teardown(full_length_txt_survives, setup, teardown),
		cmocka_unit_test_setup_teardown(many_entries_all_retrievable, setup, teardown),
	};

	return cmocka_run_group_tests(tests, NULL, NULL);
}
