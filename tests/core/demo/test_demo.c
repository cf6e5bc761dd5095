/* Unit tests for core/demo/demo.c: the zone files written for the demo
 * scenario, read back with core/lookup/zonefile.c, as the policy steps
 * and impacts are added, taken back and reset.  The expected listings
 * are worked out from the numbers of assets/demo/scenario.txt in the
 * comments. */
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <setjmp.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>
#include <cmocka.h>

#include "core/demo/demo.h"
#include "core/base/ip.h"
#include "core/uceprotect/policy.h"
#include "core/uceprotect/scenario.h"
#include "core/lookup/zonefile.h"

/* Where zonefile_lookup keeps an answer's codes. */
static uint32_t zcodes[ZONEFILE_CODES];

static const char *const zones[] = {
	"dnsbl-1.uceprotect.net", "dnsbl-2.uceprotect.net", "dnsbl-3.uceprotect.net",
};

/* The built-in policies in date order, as the demo steps through them. */
static const char *const order[] = { "2010", "2021-01-18", "2021-02-08", "2024-10" };

struct fixture {
	char tmp[64];          /* TMPDIR for the demo, empty after each test */
};

static int setup(void **state)
{
	struct fixture *f = calloc(1, sizeof(*f));

	if (!f)
		return -1;
	snprintf(f->tmp, sizeof f->tmp, "/tmp/rblscope-test-demo.XXXXXX");
	if (!mkdtemp(f->tmp) || setenv("TMPDIR", f->tmp, 1) < 0) {
		perror("mkdtemp");
		free(f);
		return -1;
	}
	*state = f;
	return 0;
}

/* rmdir fails unless every demo removed all it wrote. */
static int teardown(void **state)
{
	struct fixture *f = *state;
	int rc = rmdir(f->tmp);

	if (rc < 0)
		perror(f->tmp);
	free(f);
	return rc;
}

static uint32_t ip(const char *s)
{
	uint32_t v;

	assert_int_equal(ip4_parse(s, &v), 0);
	return v;
}

/* The demo of sc, opened on policy (NULL: the one sc names). */
static struct demo *prepare(const struct scenario *sc, const char *policy)
{
	struct scenario at = *sc;
	char err[256];
	struct demo *d;

	if (policy)
		snprintf(at.policy, sizeof at.policy, "%s", policy);
	d = demo_new(&at, err, sizeof err);
	if (!d)
		fail_msg("%s", err);
	if (policy)
		assert_string_equal(demo_policy(d)->name, policy);
	return d;
}

/* Look addr up in zone level (1-3) of the demo's files; the TXT in txt. */
static enum lk_state lookup(const struct demo *d, int level, const char *addr, char *txt)
{
	char path[600], err[256];
	struct zonefile *zf;
	struct lookup r;
	static char buf[LOOKUP_TXT_MAX];

	snprintf(path, sizeof path, "%s/%s", demo_dir(d), zones[level - 1]);
	zf = zonefile_load(path, NULL, NULL, 0, err, sizeof err);
	if (!zf)
		fail_msg("%s", err);
	memset(&r, 0, sizeof r);
	r.txt = "";
	zonefile_lookup(zf, ip(addr), &r, zcodes, buf, sizeof buf);
	zonefile_free(zf);
	if (txt)
		strcpy(txt, r.txt);
	return r.state;
}

static void assert_levels(const struct demo *d, const char *addr, int l1, int l2, int l3)
{
	const int want[] = { l1, l2, l3 };

	for (int level = 1; level <= 3; level++) {
		enum lk_state s = lookup(d, level, addr, NULL);

		if (s != (want[level - 1] ? LK_LISTED : LK_CLEAN))
			fail_msg("%s on level %d: %s, expected %s", addr, level,
			         lk_state_name(s), want[level - 1] ? "listed" : "clean");
	}
}

static void demo_load(struct scenario *sc)
{
	char err[256];

	if (scenario_load_demo(sc, err, sizeof err) < 0)
		fail_msg("%s", err);
}

/* Every zone answers its RFC 5782 test entries, under every policy. */
static void zones_list_the_test_entry(void **state)
{
	struct scenario sc;

	(void)state;
	demo_load(&sc);
	for (size_t i = 0; i < sizeof order / sizeof order[0]; i++) {
		struct demo *d = prepare(&sc, order[i]);

		assert_levels(d, "127.0.0.2", 1, 1, 1);
		assert_levels(d, "127.0.0.1", 0, 0, 0);
		demo_cleanup(d);
	}
	scenario_free(&sc);
}

/* The demo opens on the scenario's policy, 2010, and p and P step
 * through the policies in date order, wrapping both ways. */
static void policies_step_in_date_order(void **state)
{
	const size_t n = sizeof order / sizeof order[0];
	struct scenario sc;
	struct demo *d;
	char err[256];

	(void)state;
	demo_load(&sc);
	d = prepare(&sc, NULL);
	assert_int_equal(demo_policy_count(d), n);
	assert_int_equal(demo_policy_index(d), 0);
	assert_string_equal(demo_policy(d)->name, "2010");
	for (size_t i = 1; i <= n; i++) {
		assert_int_equal(demo_policy_step(d, 1, err, sizeof err), 0);
		assert_int_equal(demo_policy_index(d), i % n);
		assert_string_equal(demo_policy(d)->name, order[i % n]);
	}
	for (size_t i = n; i-- > 0;) {
		assert_int_equal(demo_policy_step(d, -1, err, sizeof err), 0);
		assert_string_equal(demo_policy(d)->name, order[i]);
	}
	assert_int_equal(demo_policy_step(d, 2, err, sizeof err), 0);
	assert_string_equal(demo_policy(d)->name, "2021-02-08");
	assert_int_equal(demo_policy_step(d, -3, err, sizeof err), 0);
	assert_string_equal(demo_policy(d)->name, "2024-10");
	demo_cleanup(d);
	scenario_free(&sc);
}

/* 2010 rules: 198.18.7.25 (4 impacts) and .30 (1) are two listed
 * addresses in 198.18.7.0/25, which needs 2: the /25 is listed; the /24
 * would need 5.  198.19.44.9 alone lists 198.19.44.0/26.  Level 3 would
 * need 263 listed addresses; AS64512 has 7. */
static void rules_2010_list_small_ranges(void **state)
{
	struct scenario sc;
	struct demo *d;
	char txt[LOOKUP_TXT_MAX];

	(void)state;
	demo_load(&sc);
	d = prepare(&sc, "2010");
	assert_int_equal(lookup(d, 1, "198.18.7.25", txt), LK_LISTED);
	assert_string_equal(txt, "IP 198.18.7.25 is UCEPROTECT-Level 1 listed. "
	                    "See http://www.uceprotect.net/rblcheck.php?ipr=198.18.7.25");
	assert_int_equal(lookup(d, 2, "198.18.7.100", txt), LK_LISTED);
	assert_string_equal(txt, "Net 198.18.7.0/25 is UCEPROTECT-Level2 listed because "
	                    "2 abusers are hosted by DEMO-HOSTING, ZZ/AS64512 there.");
	assert_levels(d, "198.18.7.200", 0, 0, 0);   /* the start: clean */
	assert_levels(d, "198.18.7.10", 0, 0, 0);    /* whitelisted, in the /25 */
	assert_levels(d, "198.19.44.63", 0, 1, 0);
	assert_levels(d, "198.19.44.64", 0, 0, 0);
	assert_levels(d, "198.19.44.20", 0, 0, 0);   /* whitelisted, in the /26 */
	assert_levels(d, "198.19.250.1", 0, 0, 0);
	assert_false(demo_asn(d, 64512)->ev.l3.listed);
	assert_int_equal(demo_asn(d, 64512)->ev.l3.needed, 263);
	demo_cleanup(d);
	scenario_free(&sc);
}

/* 8 Feb 2021: 198.18.7.0/24 holds 4 + 1 impacts (needs 4): listed
 * whole, as are the four other /24s with 4 or more (198.18.200.0: 35,
 * 198.19.44.0: 15, 198.19.45.0: 6, 198.19.100.0: 4): 1,280 addresses,
 * less the two whitelisted, 1,278 blocked.  Level 3 needs more than
 * 0.05% of 131,072 (65.5), so 66 impacts; AS64512 has 65 (spamscore 65 x
 * 100,000 / 131,072 = 49.59, 49): the rest of it stays clean, as do the
 * neighbours in other ASNs. */
static void rules_2021_one_impact_short(void **state)
{
	struct scenario sc;
	struct demo *d;
	char txt[LOOKUP_TXT_MAX];
	const struct demo_asn *a;

	(void)state;
	demo_load(&sc);
	d = prepare(&sc, "2021-02-08");
	assert_int_equal(lookup(d, 2, "198.18.7.200", txt), LK_LISTED);
	assert_string_equal(txt, "Net 198.18.7.0/24 is UCEPROTECT-Level2 listed because "
	                    "5 impacts are seen from DEMO-HOSTING, ZZ/AS64512 there.");
	assert_levels(d, "198.18.7.200", 0, 1, 0);
	assert_levels(d, "198.19.100.255", 0, 1, 0);
	assert_levels(d, "198.18.128.0", 0, 0, 0);
	assert_levels(d, "198.19.200.1", 0, 0, 0);
	assert_levels(d, "198.18.7.10", 0, 0, 0);   /* whitelisted */
	assert_levels(d, "192.0.2.1", 0, 0, 0);
	a = demo_asn(d, 64512);
	assert_non_null(a);
	assert_false(a->ev.l3.listed);
	assert_int_equal(a->ev.l3.total, 131072);
	assert_int_equal(a->ev.l3.count, 65);
	assert_int_equal(a->ev.l3.needed, 66);
	assert_int_equal(a->ev.l3.spamscore, 49);
	assert_int_equal(a->ev.guilty, 7);
	assert_int_equal(a->ev.blocked, 5 * 256 - 2);
	assert_int_equal(a->ev.nblocks, 5);
	demo_cleanup(d);
	scenario_free(&sc);
}

/* The lesson: one impact on an arbitrary address of AS64512, here
 * 198.19.200.1 in a /24 without any, makes 66 and lists all of it on
 * level 3: its 131,072 addresses, all blocked but the two whitelisted;
 * spamscore 66 x 100,000 / 131,072 = 50.35, written as 50.  The
 * neighbours in other ASNs stay clean.  Undo takes it all back. */
static void one_impact_lists_the_whole_asn(void **state)
{
	struct scenario sc;
	struct demo *d;
	char txt[LOOKUP_TXT_MAX], err[256];
	const struct demo_asn *a;
	struct policy_l3 r;
	uint32_t back = 0;

	(void)state;
	demo_load(&sc);
	d = prepare(&sc, "2021-02-08");
	/* the arithmetic itself: 65 of 131,072 do not list, 66 do */
	policy_l3_compute(demo_policy(d), 65, 131072, &r);
	assert_false(r.listed);
	assert_int_equal(r.needed, 66);
	policy_l3_compute(demo_policy(d), 66, 131072, &r);
	assert_true(r.listed);

	assert_int_equal(demo_add_impact(d, ip("198.19.200.1"), err, sizeof err), 0);
	a = demo_asn(d, 64512);
	assert_true(a->ev.l3.listed);
	assert_int_equal(a->ev.l3.count, 66);
	assert_int_equal(a->ev.l3.total, 131072);
	assert_int_equal(a->ev.l3.spamscore, 50);
	assert_int_equal(a->ev.guilty, 8);
	assert_int_equal(a->ev.blocked, 131072 - 2);
	assert_levels(d, "198.19.200.1", 1, 0, 1);
	assert_levels(d, "198.18.0.0", 0, 0, 1);
	assert_levels(d, "198.18.128.0", 0, 0, 1);
	assert_levels(d, "198.19.255.255", 0, 0, 1);
	assert_levels(d, "198.18.7.200", 0, 1, 1);
	assert_levels(d, "198.18.7.10", 0, 0, 0);   /* whitelisted */
	assert_levels(d, "198.19.44.20", 0, 0, 0);  /* whitelisted */
	assert_levels(d, "192.0.2.1", 0, 0, 0);
	assert_levels(d, "198.51.100.1", 0, 0, 0);
	assert_levels(d, "203.0.113.255", 0, 0, 0);
	assert_int_equal(lookup(d, 3, "198.18.250.1", txt), LK_LISTED);
	assert_string_equal(txt, "Your ISP DEMO-HOSTING, ZZ/AS64512 is UCEPROTECT-Level3 "
	                    "listed because of a spamscore of 50.");
	assert_false(demo_asn(d, 64513)->ev.l3.listed);

	assert_int_equal(demo_undo_impact(d, &back, err, sizeof err), 0);
	assert_int_equal(back, ip("198.19.200.1"));
	a = demo_asn(d, 64512);
	assert_false(a->ev.l3.listed);
	assert_int_equal(a->ev.l3.count, 65);
	assert_int_equal(a->ev.blocked, 5 * 256 - 2);
	assert_levels(d, "198.19.200.1", 0, 0, 0);
	assert_levels(d, "198.18.0.0", 0, 0, 0);
	demo_cleanup(d);
	scenario_free(&sc);
}

/* Any address of AS64512 will do, under 8 Feb 2021 and under 2024 (65
 * impacts are a spamscore of 49, 66 of 50): a spammer's, an innocent
 * one in a listed /24, the first and the last of its networks.  Only
 * the whitelisted are never counted. */
static void any_address_tips_the_asn(void **state)
{
	static const char *const policies[] = { "2021-02-08", "2024-10" };
	static const char *const addrs[] = {
		"198.18.0.0", "198.18.7.200", "198.18.200.17", "198.19.100.3", "198.19.255.255",
	};
	struct scenario sc;
	char err[256];
	uint32_t back;

	(void)state;
	demo_load(&sc);
	for (size_t p = 0; p < 2; p++) {
		struct demo *d = prepare(&sc, policies[p]);

		for (size_t i = 0; i < sizeof addrs / sizeof addrs[0]; i++) {
			assert_false(demo_asn(d, 64512)->ev.l3.listed);
			assert_int_equal(demo_add_impact(d, ip(addrs[i]), err, sizeof err), 0);
			if (!demo_asn(d, 64512)->ev.l3.listed)
				fail_msg("%s: one impact on %s does not list AS64512", policies[p], addrs[i]);
			assert_int_equal(demo_undo_impact(d, &back, err, sizeof err), 0);
		}
		assert_int_equal(demo_add_impact(d, ip("198.18.7.10"), err, sizeof err), 0);
		assert_false(demo_asn(d, 64512)->ev.l3.listed);
		demo_cleanup(d);
	}
	scenario_free(&sc);
}

/* The TUI steps through the policies on one demo: the files follow. */
static void policy_step_rewrites_the_zones(void **state)
{
	struct scenario sc;
	struct demo *d;
	char err[256], txt[LOOKUP_TXT_MAX];

	(void)state;
	demo_load(&sc);
	d = prepare(&sc, "2010");
	assert_levels(d, "198.18.7.200", 0, 0, 0);
	assert_int_equal(demo_policy_step(d, 2, err, sizeof err), 0);
	assert_string_equal(demo_policy(d)->name, "2021-02-08");
	assert_levels(d, "198.18.7.200", 0, 1, 0);
	/* 2024: 35 impacts in 198.18.200.17-18; /19 needs 28, /18 41 */
	assert_int_equal(demo_policy_step(d, 1, err, sizeof err), 0);
	assert_levels(d, "198.18.192.0", 0, 1, 0);
	assert_levels(d, "198.18.224.0", 0, 0, 0);
	assert_int_equal(lookup(d, 2, "198.18.192.0", txt), LK_LISTED);
	assert_string_equal(txt, "Net 198.18.192.0/19 is UCEPROTECT-Level2 listed because "
	                    "35 impacts are seen from DEMO-HOSTING, ZZ/AS64512 there.");
	assert_int_equal(demo_policy_step(d, -2, err, sizeof err), 0);
	assert_string_equal(demo_policy(d)->name, "2021-01-18");
	assert_levels(d, "198.18.7.200", 0, 0, 0);
	demo_cleanup(d);
	scenario_free(&sc);
}

/* 65 impacts in a /15 (131,072 addresses) are not more than 0.05%
 * (65.536); the 66th lists it, under both impact-counting policies. */
static void one_impact_flips_level_3(void **state)
{
	static const char text[] = "policy 2021-02-08\nstart 198.18.1.1\n"
	                           "asn 64512 EDGE, ZZ\nnet 198.18.0.0/15 64512\n"
	                           "impacts 198.18.1.1 65\n";
	static const char *const names[] = { "2021-02-08", "2024-10" };
	struct scenario sc;
	char err[256];

	(void)state;
	if (scenario_parse("t.txt", text, strlen(text), &sc, err, sizeof err) < 0)
		fail_msg("%s", err);
	for (size_t i = 0; i < 2; i++) {
		struct demo *d = prepare(&sc, names[i]);

		assert_levels(d, "198.19.9.9", 0, 0, 0);
		assert_false(demo_asn(d, 64512)->ev.l3.listed);
		assert_int_equal(demo_add_impact(d, ip("198.19.9.9"), err, sizeof err), 0);
		assert_int_equal(lookup(d, 1, "198.19.9.9", NULL), LK_LISTED);
		assert_int_equal(lookup(d, 3, "198.19.9.9", NULL), LK_LISTED);
		assert_int_equal(lookup(d, 3, "198.18.0.0", NULL), LK_LISTED);
		assert_true(demo_asn(d, 64512)->ev.l3.listed);
		assert_int_equal(scenario_addr(demo_scenario(d), ip("198.19.9.9"))->impacts, 1);
		demo_cleanup(d);
	}
	assert_null(scenario_addr(&sc, ip("198.19.9.9")));  /* the demo has its copy */
	scenario_free(&sc);
}

/* A small scenario: 65 impacts in a /15, under 8 Feb 2021. */
static void small_scenario(struct scenario *sc)
{
	static const char text[] = "policy 2021-02-08\nstart 198.18.1.1\n"
	                           "asn 64512 EDGE, ZZ\nnet 198.18.0.0/15 64512\n"
	                           "impacts 198.18.1.1 65\nwhitelist 198.18.1.2\n";
	char err[256];

	if (scenario_parse("t.txt", text, strlen(text), sc, err, sizeof err) < 0)
		fail_msg("%s", err);
}

/* Undo takes back the impacts added, the last first, and the files
 * follow; with nothing left it says so and changes nothing. */
static void undo_takes_back_the_last_impact(void **state)
{
	struct scenario sc;
	struct demo *d;
	char err[256];
	uint32_t back = 0;

	(void)state;
	small_scenario(&sc);
	d = prepare(&sc, NULL);
	assert_int_equal(demo_undo_impact(d, &back, err, sizeof err), 1);
	assert_int_equal(back, 0);
	assert_int_equal(demo_add_impact(d, ip("198.19.9.9"), err, sizeof err), 0);
	assert_int_equal(demo_add_impact(d, ip("198.18.1.1"), err, sizeof err), 0);
	assert_int_equal(scenario_addr(demo_scenario(d), ip("198.18.1.1"))->impacts, 66);
	assert_levels(d, "198.19.9.9", 1, 0, 1);

	assert_int_equal(demo_undo_impact(d, &back, err, sizeof err), 0);
	assert_int_equal(back, ip("198.18.1.1"));
	assert_int_equal(scenario_addr(demo_scenario(d), ip("198.18.1.1"))->impacts, 65);
	assert_levels(d, "198.19.9.9", 1, 0, 1);   /* 66 impacts still */

	assert_int_equal(demo_undo_impact(d, &back, err, sizeof err), 0);
	assert_int_equal(back, ip("198.19.9.9"));
	assert_null(scenario_addr(demo_scenario(d), ip("198.19.9.9")));
	assert_levels(d, "198.19.9.9", 0, 0, 0);
	assert_false(demo_asn(d, 64512)->ev.l3.listed);

	back = 0;
	assert_int_equal(demo_undo_impact(d, &back, err, sizeof err), 1);
	assert_int_equal(back, 0);
	assert_int_equal(scenario_addr(demo_scenario(d), ip("198.18.1.1"))->impacts, 65);
	demo_cleanup(d);
	scenario_free(&sc);
}

/* Reset: the impacts as loaded, under the policy in force. */
static void reset_restores_the_scenario(void **state)
{
	struct scenario sc;
	struct demo *d;
	char err[256];
	uint32_t back;

	(void)state;
	small_scenario(&sc);
	d = prepare(&sc, NULL);
	for (int i = 0; i < 3; i++)
		assert_int_equal(demo_add_impact(d, ip("198.19.9.9"), err, sizeof err), 0);
	assert_int_equal(demo_add_impact(d, ip("198.18.1.2"), err, sizeof err), 0);
	assert_int_equal(demo_policy_step(d, 1, err, sizeof err), 0);
	assert_string_equal(demo_policy(d)->name, "2024-10");
	assert_levels(d, "198.19.9.9", 1, 1, 1);   /* 2024: 3 impacts list a /25 */

	assert_int_equal(demo_reset(d, err, sizeof err), 0);
	assert_string_equal(demo_policy(d)->name, "2024-10");
	assert_null(scenario_addr(demo_scenario(d), ip("198.19.9.9")));
	assert_int_equal(scenario_addr(demo_scenario(d), ip("198.18.1.2"))->impacts, 0);
	assert_true(scenario_addr(demo_scenario(d), ip("198.18.1.2"))->whitelisted);
	assert_int_equal(demo_scenario(d)->naddrs, sc.naddrs);
	assert_levels(d, "198.19.9.9", 0, 0, 0);
	assert_int_equal(demo_asn(d, 64512)->ev.l3.count, 65);
	/* nothing left to take back */
	assert_int_equal(demo_undo_impact(d, &back, err, sizeof err), 1);
	demo_cleanup(d);
	scenario_free(&sc);
}

/* Changed: another policy than the opening one, or impacts not all
 * taken back. */
static void changed_until_back_as_opened(void **state)
{
	struct scenario sc;
	struct demo *d;
	char err[256];
	uint32_t back;

	(void)state;
	small_scenario(&sc);
	d = prepare(&sc, NULL);
	assert_false(demo_changed(d));
	assert_int_equal(demo_policy_step(d, 1, err, sizeof err), 0);
	assert_true(demo_changed(d));
	assert_int_equal(demo_policy_step(d, -1, err, sizeof err), 0);
	assert_false(demo_changed(d));

	assert_int_equal(demo_add_impact(d, ip("198.18.1.1"), err, sizeof err), 0);
	assert_int_equal(demo_add_impact(d, ip("198.18.1.1"), err, sizeof err), 0);
	assert_true(demo_changed(d));
	assert_int_equal(demo_undo_impact(d, &back, err, sizeof err), 0);
	assert_true(demo_changed(d));
	assert_int_equal(demo_undo_impact(d, &back, err, sizeof err), 0);
	assert_false(demo_changed(d));

	assert_int_equal(demo_add_impact(d, ip("198.18.1.1"), err, sizeof err), 0);
	assert_int_equal(demo_policy_step(d, -1, err, sizeof err), 0);
	assert_int_equal(demo_reset(d, err, sizeof err), 0);
	assert_true(demo_changed(d));   /* the policy stays */
	assert_int_equal(demo_policy_step(d, 1, err, sizeof err), 0);
	assert_false(demo_changed(d));
	demo_cleanup(d);
	scenario_free(&sc);
}

/* The policy line of snapshots, and none outside the demo. */
static void policy_line_names_the_policy(void **state)
{
	struct scenario sc;
	struct demo *d;
	char line[DEMO_POLICY_LINE_MAX];

	(void)state;
	demo_load(&sc);
	d = prepare(&sc, "2021-02-08");
	assert_ptr_equal(demo_policy_line(d, line, sizeof line), line);
	assert_string_equal(line, "2021-02-08: UCEPROTECT from 8 Feb 2021 (impacts) (demo)");
	assert_null(demo_policy_line(NULL, line, sizeof line));
	demo_cleanup(d);
	scenario_free(&sc);
}

/* A scenario whose policy is not built in is refused, nothing left. */
static void unknown_policy_refused(void **state)
{
	struct scenario sc;
	char err[256] = "";

	(void)state;
	small_scenario(&sc);
	snprintf(sc.policy, sizeof sc.policy, "1999");
	assert_null(demo_new(&sc, err, sizeof err));
	assert_string_equal(err, "demo: the scenario's policy '1999' is not built in");
	scenario_free(&sc);
}

static void cleanup_removes_the_folder(void **state)
{
	struct scenario sc;
	struct demo *d;
	char dir[600];
	struct stat st;

	(void)state;
	demo_load(&sc);
	d = prepare(&sc, "2024-10");
	snprintf(dir, sizeof dir, "%s", demo_dir(d));
	assert_int_equal(strncmp(dir, "/tmp/rblscope-test-demo.", 24), 0);
	assert_int_equal(stat(dir, &st), 0);
	demo_cleanup(d);
	assert_int_equal(stat(dir, &st), -1);
	demo_cleanup(NULL);
	scenario_free(&sc);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(zones_list_the_test_entry),
		cmocka_unit_test(rules_2010_list_small_ranges),
		cmocka_unit_test(rules_2021_one_impact_short),
		cmocka_unit_test(one_impact_lists_the_whole_asn),
		cmocka_unit_test(any_address_tips_the_asn),
		cmocka_unit_test(policies_step_in_date_order),
		cmocka_unit_test(policy_step_rewrites_the_zones),
		cmocka_unit_test(one_impact_flips_level_3),
		cmocka_unit_test(undo_takes_back_the_last_impact),
		cmocka_unit_test(reset_restores_the_scenario),
		cmocka_unit_test(changed_until_back_as_opened),
		cmocka_unit_test(policy_line_names_the_policy),
		cmocka_unit_test(unknown_policy_refused),
		cmocka_unit_test(cleanup_removes_the_folder),
	};

	return cmocka_run_group_tests(tests, setup, teardown);
}
