/* Unit tests for core/uceprotect/policy.c and core/uceprotect/policyparse.c: the built-in
 * policies, the examples of rblscope-facts(7) (LISTING CRITERIA BY DATE), the
 * level 2 block search and the parser's errors.  Expected figures are
 * worked out by hand in the comments, not copied from the program. */
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <setjmp.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <cmocka.h>

#include "core/base/assets.h"
#include "core/base/ip.h"
#include "core/uceprotect/policy.h"

/* The built-in policies, loaded once for all tests (the group state). */
static int setup(void **state)
{
	struct policy_set *set = calloc(1, sizeof(*set));
	char err[256];

	if (!set || policy_set_load(set, err, sizeof err) < 0) {
		fprintf(stderr, "%s\n", set ? err : "out of memory");
		free(set);
		return -1;
	}
	*state = set;
	return 0;
}

static int teardown(void **state)
{
	policy_set_free(*state);
	free(*state);
	return 0;
}

static const struct policy *pol(void **state, const char *name)
{
	const struct policy *p = policy_set_find(*state, name);

	assert_non_null(p);
	return p;
}

static uint32_t ip(const char *s)
{
	uint32_t v;

	assert_int_equal(ip4_parse(s, &v), 0);
	return v;
}

static struct asn_net net(const char *s)
{
	struct asn_net n;

	assert_int_equal(cidr_parse(s, &n.net, &n.prefix), 0);
	return n;
}

static void assert_block(const struct policy_block *b, const char *cidr, uint64_t count)
{
	char s[CIDR_STRLEN];

	cidr_format(b->net, b->prefix, s);
	assert_string_equal(s, cidr);
	assert_int_equal(b->count, count);
}

/* ---- the built-in policies ---- */

static void every_asset_policy_parses(void **state)
{
	size_t n, seen = 0;
	const struct asset *a = asset_list(&n);

	(void)state;
	for (size_t i = 0; i < n; i++) {
		struct policy p;
		char err[256] = "";

		if (strncmp(a[i].name, "policies/", 9) != 0)
			continue;
		if (policy_parse(a[i].name, a[i].text, a[i].len, &p, err, sizeof err) < 0)
			fail_msg("%s", err);
		assert_true(p.title[0] && p.l2_narrowest >= p.l2_widest);
		seen++;
	}
	assert_int_equal(seen, 4);
}

static void set_is_in_date_order(void **state)
{
	static const char *const names[] = { "2010", "2021-01-18", "2021-02-08", "2024-10" };
	const struct policy_set *set = *state;

	assert_int_equal(set->n, 4);
	for (size_t i = 0; i < set->n; i++)
		assert_string_equal(set->v[i].name, names[i]);
	assert_null(policy_set_find(set, "1999"));
}

/* The 2024 page publishes /27 .. /24 and /13 = 277; every other figure is
 * derived with value(/n-1) = value(/n) + value(/n+2). */
static void table_2024_matches_published_figures(void **state)
{
	const struct policy *p = pol(state, "2024-10");

	assert_int_equal(p->l2_unit, PU_IMPACTS);
	assert_int_equal(p->l2_min[27], 1);
	assert_int_equal(p->l2_min[26], 2);
	assert_int_equal(p->l2_min[25], 3);
	assert_int_equal(p->l2_min[24], 4);
	assert_int_equal(p->l2_min[13], 277);
	for (unsigned n = 14; n <= 25; n++)
		assert_int_equal(p->l2_min[n - 1], p->l2_min[n] + p->l2_min[n + 2]);
	assert_int_equal(p->l2_widest, 13);
	assert_int_equal(p->l2_narrowest, 27);
	assert_int_equal(p->l3_min, 50);
}

/* The 2010 page: "/24: more than 4" is a minimum of 5 listed addresses. */
static void table_2010_counts_addresses(void **state)
{
	const struct policy *p = pol(state, "2010");

	assert_int_equal(p->l2_unit, PU_IPS);
	assert_int_equal(p->l3_unit, PU_IPS);
	assert_int_equal(p->l2_min[26], 1);
	assert_int_equal(p->l2_min[25], 2);
	assert_int_equal(p->l2_min[24], 5);
	assert_int_equal(p->l2_min[21], 25);
	assert_int_equal(p->l2_min[27], 0);
}

/* ---- level 2 ---- */

static void eval(const struct policy *p, const struct policy_addr *a, size_t na,
                 const struct asn_net *n, size_t nn, struct policy_eval *ev)
{
	assert_int_equal(policy_evaluate(p, a, na, n, nn, ev), 0);
}

/* rblscope-facts(7): one address with 4 impacts lists its /24 under the 8 Feb
 * 2021 rule, and not under the earlier one (it counted listed addresses:
 * one address lists only the /26 around it). */
static void four_impacts_list_the_24_from_feb_2021(void **state)
{
	const struct policy_addr a[] = { { ip("10.20.30.40"), 4, false } };
	const struct asn_net n[] = { net("10.20.0.0/16") };
	static const char *const earlier[] = { "2010", "2021-01-18" };
	struct policy_eval ev;

	eval(pol(state, "2021-02-08"), a, 1, n, 1, &ev);
	assert_int_equal(ev.nblocks, 1);
	assert_block(&ev.blocks[0], "10.20.30.0/24", 4);
	policy_eval_free(&ev);

	for (size_t i = 0; i < 2; i++) {
		eval(pol(state, earlier[i]), a, 1, n, 1, &ev);
		assert_int_equal(ev.nblocks, 1);
		assert_block(&ev.blocks[0], "10.20.30.0/26", 1);
		policy_eval_free(&ev);
	}
}

static void three_impacts_list_nothing_in_feb_2021(void **state)
{
	const struct policy_addr a[] = { { ip("10.20.30.40"), 3, false } };
	const struct asn_net n[] = { net("10.20.0.0/16") };
	struct policy_eval ev;

	eval(pol(state, "2021-02-08"), a, 1, n, 1, &ev);
	assert_int_equal(ev.nblocks, 0);
	assert_int_equal(ev.guilty, 1);
	assert_int_equal(ev.blocked, 1);   /* itself, on level 1 */
	policy_eval_free(&ev);
}

/* 141 impacts in a /15 list all of it; 140 only the /24s with 4 or more. */
static void impacts_141_list_the_15(void **state)
{
	struct policy_addr a[] = { { ip("198.18.1.1"), 137, false },
	                           { ip("198.19.2.2"), 4, false } };
	const struct asn_net n[] = { net("198.18.0.0/15") };
	struct policy_eval ev;

	eval(pol(state, "2021-02-08"), a, 2, n, 1, &ev);
	assert_int_equal(ev.nblocks, 1);
	assert_block(&ev.blocks[0], "198.18.0.0/15", 141);
	policy_eval_free(&ev);

	a[0].impacts = 136;
	eval(pol(state, "2021-02-08"), a, 2, n, 1, &ev);
	assert_int_equal(ev.nblocks, 2);
	assert_block(&ev.blocks[0], "198.18.1.0/24", 136);
	assert_block(&ev.blocks[1], "198.19.2.0/24", 4);
	policy_eval_free(&ev);
}

/* 2024: 35 impacts in a /15 network.  /15 needs 129, /16 88, /17 60,
 * /18 41, /19 28: the /19 is the widest block that qualifies. */
static void widest_qualifying_block_wins(void **state)
{
	const struct policy_addr a[] = { { ip("198.18.200.17"), 25, false },
	                                 { ip("198.18.200.18"), 10, false } };
	const struct asn_net n[] = { net("198.18.0.0/15") };
	struct policy_eval ev;

	eval(pol(state, "2024-10"), a, 2, n, 1, &ev);
	assert_int_equal(ev.nblocks, 1);
	assert_block(&ev.blocks[0], "198.18.192.0/19", 35);
	assert_int_equal(ev.blocked, 8192);
	policy_eval_free(&ev);
}

/* Whitelisted addresses are not counted, and not blocked unless they are
 * on level 1 themselves. */
static void whitelisted_addresses_are_not_counted(void **state)
{
	const struct policy_addr a[] = { { ip("10.20.30.5"), 3, false },
	                                 { ip("10.20.30.6"), 5, true } };
	const struct policy_addr b[] = { { ip("10.20.30.5"), 1, false },
	                                 { ip("10.20.30.6"), 0, true } };
	const struct asn_net n[] = { net("10.20.0.0/16") };
	struct policy_eval ev;

	eval(pol(state, "2021-02-08"), a, 2, n, 1, &ev);
	assert_int_equal(ev.nblocks, 0);
	assert_int_equal(ev.l3.count, 3);
	assert_int_equal(ev.impacts, 3);
	assert_int_equal(ev.guilty, 2);    /* the whitelist does not stop level 1 */
	policy_eval_free(&ev);

	/* 2010: the /26 around .5 is listed, less the whitelisted .6 */
	eval(pol(state, "2010"), b, 2, n, 1, &ev);
	assert_int_equal(ev.nblocks, 1);
	assert_block(&ev.blocks[0], "10.20.30.0/26", 1);
	assert_int_equal(ev.blocked, 63);
	policy_eval_free(&ev);
}

/* A block is listed only when the ASN holds all of it; its networks may
 * come split. */
static void blocks_stay_inside_the_asn(void **state)
{
	const struct policy_addr a[] = { { ip("10.0.0.5"), 4, false },
	                                 { ip("10.0.1.5"), 9, false } };
	const struct asn_net halves[] = { net("10.0.0.128/25"), net("10.0.0.0/25") };
	const struct asn_net half[] = { net("10.0.0.0/25") };
	struct policy_eval ev;

	eval(pol(state, "2021-02-08"), a, 2, halves, 2, &ev);
	assert_int_equal(ev.nblocks, 1);
	assert_block(&ev.blocks[0], "10.0.0.0/24", 4);
	assert_int_equal(ev.l3.total, 256);
	assert_int_equal(ev.l3.count, 4);  /* 10.0.1.5 is not in the ASN */
	policy_eval_free(&ev);

	eval(pol(state, "2021-02-08"), a, 2, half, 1, &ev);
	assert_int_equal(ev.nblocks, 0);
	policy_eval_free(&ev);

	/* 2024 evaluates /25 (3 impacts) */
	eval(pol(state, "2024-10"), a, 2, half, 1, &ev);
	assert_int_equal(ev.nblocks, 1);
	assert_block(&ev.blocks[0], "10.0.0.0/25", 4);
	policy_eval_free(&ev);
}

/* ---- level 3 ---- */

static void l3(void **state, const char *name, uint64_t count, uint64_t total,
               struct policy_l3 *r)
{
	policy_l3_compute(pol(state, name), count, total, r);
}

/* rblscope-facts(7): 0.05% of 2,097,152 is 1,048.576; "more than" it is 1,049. */
static void rule_005_lists_2m_network_after_1048_impacts(void **state)
{
	struct policy_l3 r;

	l3(state, "2021-02-08", 1048, 2097152, &r);
	assert_false(r.listed);
	assert_int_equal(r.needed, 1049);
	l3(state, "2021-02-08", 1049, 2097152, &r);
	assert_true(r.listed);
	/* 2024: spamscore 1,049 / 2,097,152 x 100,000 = 50.02 >= 50 */
	l3(state, "2024-10", 1048, 2097152, &r);
	assert_false(r.listed);
	assert_int_equal(r.spamscore, 49);
	l3(state, "2024-10", 1049, 2097152, &r);
	assert_true(r.listed);
	assert_int_equal(r.spamscore, 50);
}

/* rblscope-facts(7): 0.2% of 2,097,152 is 4,194.304; "or more" needs 4,195. */
static void rule_02_needs_4195_addresses(void **state)
{
	struct policy_l3 r;

	l3(state, "2010", 4194, 2097152, &r);
	assert_false(r.listed);
	l3(state, "2010", 4195, 2097152, &r);
	assert_true(r.listed);
	assert_int_equal(r.needed, 4195);
	/* ten times stricter from 18 Jan 2021: 419.43 -> 420 */
	l3(state, "2021-01-18", 420, 2097152, &r);
	assert_true(r.listed);
	l3(state, "2021-01-18", 419, 2097152, &r);
	assert_false(r.listed);
}

/* rblscope-facts(7): AS16509's 156.7 million addresses need about 78,000 impacts
 * at 0.05%: 156,700,000 x 0.0005 = 78,350 exactly, "more than" is 78,351. */
static void as16509_needs_about_78000_impacts(void **state)
{
	struct policy_l3 r;

	l3(state, "2021-02-08", 0, 156700000, &r);
	assert_int_equal(r.needed, 78351);
	assert_false(r.listed);
}

/* 2024 asks for 50 impacts at least: a /24 ASN is safe from one impact,
 * which lists it under the 8 Feb 2021 rule (0.05% of 256 is 0.128). */
static void rule_2024_needs_50_impacts(void **state)
{
	struct policy_l3 r;

	l3(state, "2021-02-08", 1, 256, &r);
	assert_true(r.listed);
	l3(state, "2024-10", 49, 256, &r);
	assert_false(r.listed);
	assert_int_equal(r.needed, 50);
	l3(state, "2024-10", 50, 256, &r);
	assert_true(r.listed);
}

static void explain_shows_the_arithmetic(void **state)
{
	struct policy_l3 r;
	char s[256];

	l3(state, "2021-02-08", 1049, 2097152, &r);
	policy_l3_explain(pol(state, "2021-02-08"), &r, s, sizeof s);
	assert_string_equal(s, "1,049 impacts / 2,097,152 addresses = 0.05002%: "
	                    "needs > 0.05% (1,049 impacts): listed");
	l3(state, "2024-10", 49, 256, &r);
	policy_l3_explain(pol(state, "2024-10"), &r, s, sizeof s);
	assert_string_equal(s, "49 impacts / 256 addresses = 19.14%: "
	                    "needs >= 0.05% and at least 50 (50 impacts): not listed");
	l3(state, "2021-02-08", 1, 256, &r);
	policy_l3_explain(pol(state, "2021-02-08"), &r, s, sizeof s);
	assert_string_equal(s, "1 impact / 256 addresses = 0.3906%: needs > 0.05% (1 impact): listed");
	l3(state, "2010", 7, 131072, &r);
	policy_l3_explain(pol(state, "2010"), &r, s, sizeof s);
	assert_string_equal(s, "7 listed addresses / 131,072 addresses = 0.005341%: "
	                    "needs >= 0.2% (263 listed addresses): not listed");
}

static void txt_templates_expand(void **state)
{
	char s[POLICY_TXT_MAX];

	policy_txt(pol(state, "2024-10")->l2_txt, "198.18.7.0/24", 5, "DEMO-HOSTING, ZZ", 64512, 50,
	           s, sizeof s);
	assert_string_equal(s, "Net 198.18.7.0/24 is UCEPROTECT-Level2 listed because "
	                    "5 impacts are seen from DEMO-HOSTING, ZZ/AS64512 there.");
	policy_txt(pol(state, "2024-10")->l3_txt, "", 66, "DEMO-HOSTING, ZZ", 64512, 50, s, sizeof s);
	assert_string_equal(s, "Your ISP DEMO-HOSTING, ZZ/AS64512 is UCEPROTECT-Level3 "
	                    "listed because of a spamscore of 50.");
	policy_txt("{org}{org}{org}", "", 0, "abcdef", 1, 0, s, 10);
	assert_string_equal(s, "abcdefabc");
}

/* ---- parse errors ---- */

static const char *const base[] = {
	"title T", "date 2021-02-08", "l1.txt IP $ listed", "l2.count impacts",
	"l2.min /24 4", "l2.txt Net {net}", "l3.count impacts", "l3.percent 0.05",
	"l3.compare >", "l3.txt ISP {org}/AS{asn} {score}",
};
#define NBASE (sizeof base / sizeof base[0])

/* The base text with line skip left out and extra appended. */
static int parse_variant(size_t skip, const char *extra, char *err, size_t errlen)
{
	char text[1024] = "";
	struct policy p;

	for (size_t i = 0; i < NBASE; i++)
		if (i != skip)
			snprintf(text + strlen(text), sizeof text - strlen(text), "%s\n", base[i]);
	if (extra)
		snprintf(text + strlen(text), sizeof text - strlen(text), "%s\n", extra);
	return policy_parse("policies/t.policy", text, strlen(text), &p, err, errlen);
}

static void parse_accepts_the_base(void **state)
{
	char err[256];

	(void)state;
	assert_int_equal(parse_variant(NBASE, "l3.min 50   # comment", err, sizeof err), 0);
}

static void parse_errors_name_file_and_line(void **state)
{
	static const struct {
		const char *extra, *err;
	} cases[] = {
		{ "colour red", "policies/t.policy:11: unknown key 'colour'" },
		{ "title U", "policies/t.policy:11: title is given twice" },
		{ "l2.min /24 5", "policies/t.policy:11: l2.min /24 is given twice" },
		{ "l2.min /33 5", "policies/t.policy:11: l2.min needs a prefix length" },
		{ "l2.min /25 0", "policies/t.policy:11: l2.min /25 needs a count" },
		{ "l2.min 25 1", "policies/t.policy:11: l2.min needs a prefix length" },
		{ "l2.count abusers", "policies/t.policy:11: l2.count is given twice" },
		{ "l3.min lots", "policies/t.policy:11: l3.min must be a count" },
		{ "l3.min 5\x1b[2J", "policies/t.policy:11: control character (byte 27)" },
	};
	char err[256];

	(void)state;
	for (size_t i = 0; i < sizeof cases / sizeof cases[0]; i++) {
		assert_int_equal(parse_variant(NBASE, cases[i].extra, err, sizeof err), -1);
		if (strncmp(err, cases[i].err, strlen(cases[i].err)) != 0)
			fail_msg("'%s': got '%s'", cases[i].extra, err);
	}
}

/* A bad value on a base line: the line is replaced, the error is on the
 * last line (11 - 1 skipped = 10). */
static void parse_rejects_bad_values(void **state)
{
	static const struct {
		size_t line;
		const char *repl, *err;
	} cases[] = {
		{ 1, "date 2021-13-01", "policies/t.policy:10: date '2021-13-01'" },
		{ 1, "date 21", "policies/t.policy:10: date '21'" },
		{ 3, "l2.count abusers", "policies/t.policy:10: l2.count must be 'ips' or 'impacts'" },
		{ 7, "l3.percent 0", "policies/t.policy:10: l3.percent must be" },
		{ 7, "l3.percent 100.5", "policies/t.policy:10: l3.percent must be" },
		{ 7, "l3.percent 0.0000001", "policies/t.policy:10: l3.percent must be" },
		{ 7, "l3.percent 5%", "policies/t.policy:10: l3.percent must be" },
		{ 8, "l3.compare =", "policies/t.policy:10: l3.compare must be" },
		{ 5, "l2.txt Net {nett}", "policies/t.policy:10: unknown placeholder at '{nett}'" },
		{ 9, "l3.txt ISP {net}", "policies/t.policy:10: unknown placeholder at '{net}'" },
		{ 2, "l1.txt IP {org}", "policies/t.policy:10: unknown placeholder" },
	};
	char err[256];

	(void)state;
	for (size_t i = 0; i < sizeof cases / sizeof cases[0]; i++) {
		assert_int_equal(parse_variant(cases[i].line, cases[i].repl, err, sizeof err), -1);
		if (strncmp(err, cases[i].err, strlen(cases[i].err)) != 0)
			fail_msg("'%s': got '%s'", cases[i].repl, err);
	}
}

static void parse_reports_missing_keys(void **state)
{
	char err[256];

	(void)state;
	for (size_t i = 0; i < NBASE; i++) {
		char want[64];

		assert_int_equal(parse_variant(i, NULL, err, sizeof err), -1);
		snprintf(want, sizeof want, "policies/t.policy: no '%.*s' line",
		         (int)strcspn(base[i], " "), base[i]);
		assert_string_equal(err, want);
	}
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(every_asset_policy_parses),
		cmocka_unit_test(set_is_in_date_order),
		cmocka_unit_test(table_2024_matches_published_figures),
		cmocka_unit_test(table_2010_counts_addresses),
		cmocka_unit_test(four_impacts_list_the_24_from_feb_2021),
		cmocka_unit_test(three_impacts_list_nothing_in_feb_2021),
		cmocka_unit_test(impacts_141_list_the_15),
		cmocka_unit_test(widest_qualifying_block_wins),
		cmocka_unit_test(whitelisted_addresses_are_not_counted),
		cmocka_unit_test(blocks_stay_inside_the_asn),
		cmocka_unit_test(rule_005_lists_2m_network_after_1048_impacts),
		cmocka_unit_test(rule_02_needs_4195_addresses),
		cmocka_unit_test(as16509_needs_about_78000_impacts),
		cmocka_unit_test(rule_2024_needs_50_impacts),
		cmocka_unit_test(explain_shows_the_arithmetic),
		cmocka_unit_test(txt_templates_expand),
		cmocka_unit_test(parse_accepts_the_base),
		cmocka_unit_test(parse_errors_name_file_and_line),
		cmocka_unit_test(parse_rejects_bad_values),
		cmocka_unit_test(parse_reports_missing_keys),
	};

	return cmocka_run_group_tests(tests, setup, teardown);
}
