/* Unit tests for tui/simulate.c: what the messages of the policy
 * simulator say after one more impact or a switch of policy, on the demo
 * scenario (assets/demo/scenario.txt) and on a small scenario written
 * here.  The expected figures are worked out in the comments. */
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <setjmp.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>
#include <cmocka.h>

#include "core/base/ip.h"
#include "core/uceprotect/scenario.h"
#include "tui/simulate.h"

#define IP(a, b, c, d) ((uint32_t)(a) << 24 | (uint32_t)(b) << 16 | (uint32_t)(c) << 8 | (uint32_t)(d))

struct fixture {
	struct demo *d;
	char tmp[64];
};

/* The demo scenario, or text when not NULL, under the policy named. */
static void fixture_open(struct fixture *f, const char *text, const char *policy)
{
	struct scenario sc;
	char err[256];

	memset(f, 0, sizeof *f);
	snprintf(f->tmp, sizeof f->tmp, "/tmp/rblscope-test-simulate.XXXXXX");
	assert_non_null(mkdtemp(f->tmp));
	assert_int_equal(setenv("TMPDIR", f->tmp, 1), 0);
	if (text)
		assert_int_equal(scenario_parse("t.txt", text, strlen(text), &sc, err, sizeof err), 0);
	else
		assert_int_equal(scenario_load_demo(&sc, err, sizeof err), 0);
	snprintf(sc.policy, sizeof sc.policy, "%s", policy);
	f->d = demo_new(&sc, err, sizeof err);
	scenario_free(&sc);
	assert_non_null(f->d);
}

static void fixture_close(struct fixture *f)
{
	demo_cleanup(f->d);
	assert_int_equal(rmdir(f->tmp), 0);
}

/* Add one impact to ip; the message it makes. */
static void impact(struct fixture *f, uint32_t ip, char *out, size_t len)
{
	struct sim_state before, after;
	char err[256];

	sim_state_of(f->d, ip, &before);
	assert_int_equal(demo_add_impact(f->d, ip, err, sizeof err), 0);
	sim_state_of(f->d, ip, &after);
	sim_impact_text(ip, &before, &after, out, len);
}

/* 8 Feb 2021: AS64512 has 65 impacts and needs more than 0.05% of
 * 131,072 (65.5): 66.  198.18.7.200 has none; its /24 has 5 (.25: 4,
 * .30: 1), so level 2 lists it already.  Its first impact is the 66th
 * of AS64512, which lists it whole. */
static void test_impact_lists_the_demo_asn(void **state)
{
	struct fixture f;
	struct sim_state st;
	char text[600];

	(void)state;
	fixture_open(&f, NULL, "2021-02-08");
	sim_state_of(f.d, IP(198, 18, 7, 200), &st);
	assert_int_equal(st.impacts, 0);
	assert_true(st.in_asn);
	assert_int_equal(st.asn, 64512);
	assert_int_equal(st.l3.count, 65);
	assert_int_equal(st.l3.needed, 66);
	assert_false(st.l3.listed);
	assert_true(st.l2);
	assert_int_equal(st.l2_net, IP(198, 18, 7, 0));
	assert_int_equal(st.l2_prefix, 24);
	impact(&f, IP(198, 18, 7, 200), text, sizeof text);
	assert_string_equal(text, "198.18.7.200: 1 impact; AS64512 now needs 66, has 66 impacts: "
	                          "listed on level 3 (newly)");
	impact(&f, IP(198, 18, 7, 200), text, sizeof text);
	assert_string_equal(text, "198.18.7.200: 2 impacts; AS64512 now needs 66, has 67 impacts: "
	                          "listed on level 3");
	fixture_close(&f);
}

/* 198.18.9.0/24 has no impact; the first on 198.18.9.1 lists AS64512
 * (66), the fourth lists the /24 on level 2 (4 or more) and brings
 * AS64512 to 69. */
static void test_impacts_cascade_to_level2(void **state)
{
	struct fixture f;
	char text[600];

	(void)state;
	fixture_open(&f, NULL, "2021-02-08");
	impact(&f, IP(198, 18, 9, 1), text, sizeof text);
	assert_string_equal(text, "198.18.9.1: 1 impact; AS64512 now needs 66, has 66 impacts: "
	                          "listed on level 3 (newly)");
	impact(&f, IP(198, 18, 9, 1), text, sizeof text);
	impact(&f, IP(198, 18, 9, 1), text, sizeof text);
	assert_string_equal(text, "198.18.9.1: 3 impacts; AS64512 now needs 66, has 68 impacts: "
	                          "listed on level 3");
	impact(&f, IP(198, 18, 9, 1), text, sizeof text);
	assert_string_equal(text, "198.18.9.1: 4 impacts; AS64512 now needs 66, has 69 impacts: "
	                          "listed on level 3; level 2 now lists 198.18.9.0/24");
	fixture_close(&f);
}

/* A /16 (65,536 addresses) with 32 impacts: more than 0.05% is 32.8,
 * so 33 are needed; the 33rd lists the whole ASN. */
static void test_impact_lists_asn(void **state)
{
	static const char text_sc[] =
		"title t\npolicy 2021-02-08\nstart 10.0.0.1\n"
		"asn AS64600 TEST-NET\nnet 10.0.0.0/16 AS64600\nimpacts 10.0.0.1 32\n";
	struct fixture f;
	char text[600];

	(void)state;
	fixture_open(&f, text_sc, "2021-02-08");
	impact(&f, IP(10, 0, 0, 2), text, sizeof text);
	assert_string_equal(text, "10.0.0.2: 1 impact; AS64600 now needs 33, has 33 impacts: "
	                          "listed on level 3 (newly)");
	/* Outside every network of the scenario: level 1 only. */
	impact(&f, IP(10, 9, 9, 9), text, sizeof text);
	assert_string_equal(text, "10.9.9.9: 1 impact (level 1); no ASN of the scenario holds it");
	fixture_close(&f);
}

/* 2010 counts listed addresses: 7 of 0.2% of 131,072 (263). */
static void test_policy_text(void **state)
{
	struct fixture f;
	char text[600];

	(void)state;
	fixture_open(&f, NULL, "2010");
	sim_policy_text(demo_policy(f.d), demo_asn(f.d, 64512), text, sizeof text);
	assert_string_equal(text, "policy 2010: AS64512 needs 263, has 7 listed addresses: "
	                          "not listed on level 3");
	sim_policy_text(demo_policy(f.d), NULL, text, sizeof text);
	assert_string_equal(text, "policy 2010: UCEPROTECT until 18 Jan 2021 (2010 rules)");
	fixture_close(&f);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_impact_lists_the_demo_asn),
		cmocka_unit_test(test_impacts_cascade_to_level2),
		cmocka_unit_test(test_impact_lists_asn),
		cmocka_unit_test(test_policy_text),
	};

	return cmocka_run_group_tests(tests, NULL, NULL);
}
