/* Unit tests for core/scan/account.c: exact counts by interval arithmetic
 * over real zone files written here (overlaps, exclusions, ip4set and
 * ip4trie precedence, ranges across network boundaries, networks that
 * overlap each other, the first and last address), checked against
 * hand-worked figures and, on a random zone, against a lookup of every
 * address; the ratio's rounding; the session's cache. */
#include <stdarg.h>
#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>
#include <setjmp.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>
#include <cmocka.h>

#include "tests/core/testfix.h"

#include "core/base/ip.h"
#include "core/lookup/zonefile.h"
#include "core/scan/account.h"
#include "core/scan/options.h"
#include "core/scan/session.h"

/* Where zonefile_lookup keeps an answer's codes. */
static uint32_t zcodes[ZONEFILE_CODES];

#define A(a, b, c, d) ((uint32_t)(a) << 24 | (uint32_t)(b) << 16 | (uint32_t)(c) << 8 | (uint32_t)(d))

static const char *const zone_names[] = {
	"dnsbl-1.uceprotect.net", "dnsbl-2.uceprotect.net", "dnsbl-3.uceprotect.net",
	"ips.backscatterer.org", "ips.whitelisted.org",
};

static char dir[512];

static int setup(void **state)
{
	const char *tmp = getenv("TMPDIR");

	(void)state;
	snprintf(dir, sizeof dir, "%s/rblscope-account-XXXXXX", tmp && *tmp ? tmp : "/tmp");
	if (!mkdtemp(dir))
		return -1;
	setenv("RBLSCOPE_DB", "", 1);
	return 0;
}

static int teardown(void **state)
{
	char path[1024];

	(void)state;
	for (size_t z = 0; z < sizeof zone_names / sizeof zone_names[0]; z++) {
		snprintf(path, sizeof path, "%s/%s", dir, zone_names[z]);
		unlink(path);
	}
	snprintf(path, sizeof path, "%s/random", dir);
	unlink(path);
	rmdir(dir);
	return 0;
}

static void write_zone(const char *name, const char *text)
{
	char path[1024];
	FILE *f;

	snprintf(path, sizeof path, "%s/%s", dir, name);
	f = fopen(path, "w");
	assert_non_null(f);
	fputs(text, f);
	assert_int_equal(fclose(f), 0);
}

static struct zonefile *load(const char *name)
{
	char path[1024], err[512] = "", warn[512] = "";
	struct zonefile *zf;

	snprintf(path, sizeof path, "%s/%s", dir, name);
	zf = zonefile_load(path, NULL, warn, sizeof warn, err, sizeof err);
	if (!zf)
		fail_msg("%s: %s", path, err);
	return zf;
}

/* The accounting of a profile over texts[z], one zone file each. */
struct acc {
	struct account *a;
	struct zonefile *zf[PROFILE_MAX_ZONES];
	size_t n;
};

static void acc_open(struct acc *x, const struct profile *p, const char *const *texts)
{
	memset(x, 0, sizeof *x);
	x->n = p->nzones;
	for (size_t z = 0; z < p->nzones; z++) {
		write_zone(zone_names[z], texts[z]);
		x->zf[z] = load(zone_names[z]);
	}
	x->a = account_new(p, (const struct zonefile *const *)x->zf);
	assert_non_null(x->a);
}

static void acc_close(struct acc *x)
{
	account_free(x->a);
	for (size_t z = 0; z < x->n; z++)
		zonefile_free(x->zf[z]);
}

static const struct profile *uce(void)
{
	return profile_find("uceprotect");
}

/* Overlapping listings and exclusions in one /24: every figure by hand. */
static void overlaps_and_exclusions(void **state)
{
	static const char *const texts[] = {
		"10.0.0.5\n10.0.0.7-10.0.0.9\n!10.0.0.8\n10.0.0.200\n",
		"10.0.0.0/25\n!10.0.0.100\n10.0.0.200-10.0.0.201\n",
		"10.0.0.96/28\n",
	};
	struct acc x;
	struct acct_sum s;

	(void)state;
	acc_open(&x, uce(), texts);
	account_range(x.a, A(10, 0, 0, 0), A(10, 0, 0, 255), &s);
	assert_int_equal(s.addrs, 256);
	assert_int_equal(s.zone[0], 4);          /* .5 .7 .9 .200 */
	assert_int_equal(s.zone[1], 127 + 2);    /* /25 less .100, .200 .201 */
	assert_int_equal(s.zone[2], 16);         /* .96-.111, .100 again */
	assert_int_equal(s.guilty, 4);
	assert_int_equal(s.blocked, 128 + 2);    /* .100 blocked by l3 */
	assert_int_equal(s.collateral, 126);
	assert_int_equal(s.allowed, 0);
	/* one address alone */
	account_range(x.a, A(10, 0, 0, 100), A(10, 0, 0, 100), &s);
	assert_int_equal(s.zone[1], 0);
	assert_int_equal(s.zone[2], 1);
	assert_int_equal(s.collateral, 1);
	account_range(x.a, A(10, 0, 0, 8), A(10, 0, 0, 8), &s);
	assert_int_equal(s.zone[0], 0);
	assert_int_equal(s.guilty, 0);
	assert_int_equal(s.blocked, 1);
	acc_close(&x);
}

/* ip4set: the more specific level wins (a /32 inside an excluded /24
 * inside a listed /16); ip4trie: the longest prefix wins. */
static void set_and_trie_precedence(void **state)
{
	static const char *const texts[] = {
		"10.0.0.0/16\n!10.0.1.0/24\n10.0.1.5\n",
		"$DATASET ip4trie\n10.0.0.0/16\n!10.0.1.0/24\n10.0.1.0/28\n!10.0.1.4/32\n",
		"$DATASET ip4trie\n!10.0.2.0/24\n10.0.0.0/8\n",
	};
	struct acc x;
	struct acct_sum s;

	(void)state;
	acc_open(&x, uce(), texts);
	account_range(x.a, A(10, 0, 0, 0), A(10, 0, 255, 255), &s);
	assert_int_equal(s.zone[0], 65536 - 256 + 1);
	assert_int_equal(s.zone[1], 65536 - 256 + 16 - 1);
	assert_int_equal(s.zone[2], 65536 - 256);
	account_range(x.a, A(10, 0, 1, 0), A(10, 0, 1, 255), &s);
	assert_int_equal(s.zone[0], 1);
	assert_int_equal(s.zone[1], 15);
	assert_int_equal(s.zone[2], 256);
	assert_int_equal(s.guilty, 1);
	assert_int_equal(s.blocked, 256);
	assert_int_equal(s.collateral, 255);
	account_range(x.a, A(10, 0, 2, 0), A(10, 0, 2, 255), &s);
	assert_int_equal(s.blocked, 256);         /* l1 and l2 list it */
	assert_int_equal(s.zone[2], 0);
	acc_close(&x);
}

/* A range across the boundary of two networks counts in each its part;
 * networks that overlap count once in the total, whole in each row. */
static void across_and_overlapping_networks(void **state)
{
	static const char *const texts[] = {
		"127.0.0.2\n",
		"10.0.0.128-10.0.1.127\n",
		"10.0.1.250-10.0.2.5\n",
	};
	const struct asn_net nets[] = {
		{ A(10, 0, 1, 0), 24 }, { A(10, 0, 0, 0), 24 }, { A(10, 0, 0, 0), 23 },
		{ A(10, 0, 1, 0), 24 }, { A(10, 0, 2, 0), 31 },
	};
	struct acct_sum per[5], total;
	struct acc x;

	(void)state;
	acc_open(&x, uce(), texts);
	assert_int_equal(account_nets(x.a, nets, 5, &total, per), 0);
	assert_int_equal(per[0].addrs, 256);
	assert_int_equal(per[0].zone[1], 128);
	assert_int_equal(per[0].zone[2], 6);
	assert_int_equal(per[0].blocked, 134);
	assert_int_equal(per[1].zone[1], 128);
	assert_int_equal(per[1].zone[2], 0);
	assert_int_equal(per[2].addrs, 512);
	assert_int_equal(per[2].zone[1], 256);
	assert_int_equal(per[2].blocked, 262);
	assert_int_equal(per[3].blocked, 134);
	assert_int_equal(per[4].addrs, 2);
	assert_int_equal(per[4].zone[2], 2);
	/* the union: 10.0.0.0/23 and 10.0.2.0/31 */
	assert_int_equal(total.addrs, 514);
	assert_int_equal(total.zone[1], 256);
	assert_int_equal(total.zone[2], 8);
	assert_int_equal(total.blocked, 264);
	assert_int_equal(total.collateral, 264);
	assert_int_equal(total.guilty, 0);
	/* no network at all */
	assert_int_equal(account_nets(x.a, nets, 0, &total, NULL), 0);
	assert_int_equal(total.addrs, 0);
	acc_close(&x);
}

/* The first and the last address, and the whole space. */
static void edges_of_the_space(void **state)
{
	static const char *const texts[] = {
		"0.0.0.0\n255.255.255.255\n",
		"255.255.255.0/24\n!255.255.255.254\n",
		"0.0.0.0/8\n",
	};
	const struct asn_net all = { 0, 0 }, last[] = { { A(255, 255, 255, 255), 32 },
	                                                 { 0, 32 } };
	struct acct_sum s, per[2];
	struct acc x;

	(void)state;
	acc_open(&x, uce(), texts);
	assert_int_equal(account_nets(x.a, &all, 1, &s, NULL), 0);
	assert_int_equal(s.addrs, (uint64_t)1 << 32);
	assert_int_equal(s.zone[0], 2);
	assert_int_equal(s.zone[1], 255);
	assert_int_equal(s.zone[2], 1u << 24);
	assert_int_equal(s.blocked, (1u << 24) + 255);
	account_range(x.a, 0, UINT32_MAX, &s);
	assert_int_equal(s.guilty, 2);
	assert_int_equal(s.collateral, (1u << 24) + 255 - 2);
	assert_int_equal(account_nets(x.a, last, 2, NULL, per), 0);
	assert_int_equal(per[0].guilty, 1);
	assert_int_equal(per[0].zone[1], 1);
	assert_int_equal(per[1].guilty, 1);
	assert_int_equal(per[1].zone[2], 1);
	account_range(x.a, A(255, 255, 255, 254), A(255, 255, 255, 254), &s);
	assert_int_equal(s.blocked, 0);
	acc_close(&x);
}

/* An info zone blocks nothing; a whitelist is counted apart. */
static void roles(void **state)
{
	static const char *const texts[] = {
		"10.0.0.1\n", "10.0.0.0/30\n", "127.0.0.2\n", "10.0.0.0/24\n", "10.0.0.2-10.0.0.9\n",
	};
	struct acc x;
	struct acct_sum s;

	(void)state;
	acc_open(&x, profile_find("uceprotect-full"), texts);
	account_range(x.a, A(10, 0, 0, 0), A(10, 0, 0, 255), &s);
	assert_int_equal(s.zone[3], 256);
	assert_int_equal(s.zone[4], 8);
	assert_int_equal(s.allowed, 8);
	assert_int_equal(s.guilty, 1);
	assert_int_equal(s.blocked, 4);
	assert_int_equal(s.collateral, 3);
	assert_true(acct_sum_listed(&s, profile_find("uceprotect-full")));
	memset(&s, 0, sizeof s);
	s.zone[4] = 3;   /* on the whitelist only: nothing listed */
	assert_false(acct_sum_listed(&s, profile_find("uceprotect-full")));
	acc_close(&x);
}

/* Half up, one decimal, in integers: 0.25 is 0.3 (printf's %.1f says
 * 0.2), 16382.75 is 16382.8; none guilty, no ratio. */
static void ratio_rounding(void **state)
{
	struct acct_sum s = { .guilty = 4, .collateral = 1 };
	char r[ACCT_RATIO_MAX];

	(void)state;
	assert_true(account_ratio_text(&s, r));
	assert_string_equal(r, "0.3");
	s = (struct acct_sum){ .guilty = 8, .collateral = 131062 };
	assert_true(account_ratio_text(&s, r));
	assert_string_equal(r, "16382.8");
	s = (struct acct_sum){ .guilty = 3, .collateral = 1 };
	assert_true(account_ratio_text(&s, r));
	assert_string_equal(r, "0.3");
	s = (struct acct_sum){ .guilty = 0, .collateral = 5 };
	assert_false(account_ratio_text(&s, r));
	assert_string_equal(r, "");
	s = (struct acct_sum){ .guilty = 1, .collateral = UINT32_MAX };
	assert_true(account_ratio_text(&s, r));
	assert_string_equal(r, "4294967295.0");
}

/* A random zone of listings, ranges and exclusions at every level, and
 * random networks in and around it: every figure equals a lookup of
 * every address. */
static void random_against_lookups(void **state)
{
	static char text[1 << 16];
	static uint8_t hit[3][65536];
	const struct profile *p = uce();
	struct zonefile *zf[3];
	struct account *a;
	struct asn_net nets[40];
	struct acct_sum per[40], total;
	char line[64];
	size_t used;

	(void)state;
	srand(7);
	for (size_t z = 0; z < 3; z++) {
		used = 0;
		text[0] = '\0';
		if (z == 2)
			used += (size_t)snprintf(text, sizeof text, "$DATASET ip4trie\n");
		for (int i = 0; i < 300; i++) {
			unsigned b = (unsigned)rand() % 256, c = (unsigned)rand() % 256;
			unsigned pre = z == 2 ? 20 + (unsigned)rand() % 13 : 16 + (unsigned)rand() % 17;
			const char *neg = rand() % 4 == 0 ? "!" : "";

			if (z < 2 && rand() % 5 == 0)
				snprintf(line, sizeof line, "%s10.0.%u.%u-10.0.%u.%u\n", neg, b, c, b,
				         c + (unsigned)rand() % (256 - c));
			else
				snprintf(line, sizeof line, "%s10.0.%u.%u/%u\n", neg, b, c & 0xff, pre);
			if (pre < 32 && !strchr(line, '-')) {   /* make the network address exact */
				uint32_t ip = A(10, 0, b, c) & ip4_mask(pre);
				snprintf(line, sizeof line, "%s10.0.%u.%u/%u\n", neg, (ip >> 8) & 255,
				         ip & 255, pre);
			}
			used += (size_t)snprintf(text + used, sizeof text - used, "%s", line);
		}
		write_zone(zone_names[z], text);
		zf[z] = load(zone_names[z]);
		for (uint32_t i = 0; i < 65536; i++) {
			struct lookup l;
			char txt[LOOKUP_TXT_MAX];

			zonefile_lookup(zf[z], A(10, 0, 0, 0) + i, &l, zcodes, txt, sizeof txt);
			hit[z][i] = l.state == LK_LISTED;
		}
	}
	a = account_new(p, (const struct zonefile *const *)zf);
	assert_non_null(a);
	for (size_t k = 0; k < 40; k++) {
		unsigned pre = 18 + (unsigned)rand() % 15;
		uint32_t ip = A(10, 0, 0, 0) + ((uint32_t)rand() % 65536);

		nets[k] = (struct asn_net){ ip & ip4_mask(pre), pre };
	}
	assert_int_equal(account_nets(a, nets, 40, &total, per), 0);
	static uint8_t in_union[65536];
	struct acct_sum want_total = { 0 };

	memset(in_union, 0, sizeof in_union);
	for (size_t k = 0; k < 40; k++) {
		struct acct_sum w = { 0 };
		uint32_t first = nets[k].net - A(10, 0, 0, 0);

		for (uint32_t i = first; i < first + cidr_size(nets[k].prefix); i++) {
			bool g = hit[0][i], b = hit[0][i] || hit[1][i] || hit[2][i];

			w.addrs++;
			for (size_t z = 0; z < 3; z++)
				w.zone[z] += hit[z][i];
			w.guilty += g;
			w.blocked += b;
			w.collateral += b && !g;
			if (!in_union[i]) {
				in_union[i] = 1;
				want_total.addrs++;
				for (size_t z = 0; z < 3; z++)
					want_total.zone[z] += hit[z][i];
				want_total.guilty += g;
				want_total.blocked += b;
				want_total.collateral += b && !g;
			}
		}
		assert_memory_equal(&w, &per[k], sizeof w);
	}
	assert_memory_equal(&want_total, &total, sizeof total);
	account_free(a);
	for (size_t z = 0; z < 3; z++)
		zonefile_free(zf[z]);
}

/* Exact only with a file for every zone; built once per backend and
 * built again from the new files after a reload. */
static void session_cache(void **state)
{
	struct options o;
	struct session s;
	struct acct_sum sum;
	const struct account *first;
	char err[512] = "", why[256];
	char path[1024];

	(void)state;
	snprintf(path, sizeof path, "%s/%s", dir, zone_names[2]);
	write_zone(zone_names[0], "127.0.0.2\n10.0.0.1\n");
	write_zone(zone_names[1], "127.0.0.2\n");
	unlink(path);
	parse_options(&o, (const char *[]){ "--no-probe", "--zones", dir, "10.0.0.0/24", NULL });
	o.db_note = "none";
	assert_int_equal(session_open(&s, &o, err, sizeof err), 0);
	assert_false(session_exact(&s));
	assert_false(session_exact_why(&s, why, sizeof why));
	assert_string_equal(why, "l3 dnsbl-3.uceprotect.net has no zone file");
	assert_null(session_account(&s));
	write_zone(zone_names[2], "127.0.0.2\n10.0.0.0/30\n");
	assert_int_equal(session_reload_zones(&s, err, sizeof err), 0);
	assert_true(session_exact(&s));
	first = session_account(&s);
	assert_non_null(first);
	assert_ptr_equal(session_account(&s), first);
	account_range(first, A(10, 0, 0, 0), A(10, 0, 0, 255), &sum);
	assert_int_equal(sum.blocked, 4);
	write_zone(zone_names[2], "127.0.0.2\n10.0.0.0/29\n");
	assert_int_equal(session_reload_zones(&s, err, sizeof err), 0);
	account_range(session_account(&s), A(10, 0, 0, 0), A(10, 0, 0, 255), &sum);
	assert_int_equal(sum.blocked, 8);
	/* a code the profile does not document is an error, not a listing:
	 * no exact figures then */
	write_zone(zone_names[2], "127.0.0.2\n10.0.0.0/29 :127.0.0.99:\n");
	assert_int_equal(session_reload_zones(&s, err, sizeof err), 0);
	assert_false(session_exact_why(&s, why, sizeof why));
	assert_string_equal(why, "l3 dnsbl-3.uceprotect.net answers 127.0.0.99, "
	                         "a code its profile does not document");
	assert_null(session_account(&s));
	session_close(&s);

	/* live DNS is never exact */
	parse_options(&o, (const char *[]){ "--no-probe", "--resolver", "127.0.0.1:9", "10.0.0.0/24", NULL });
	o.db_note = "none";
	assert_int_equal(session_open(&s, &o, err, sizeof err), 0);
	assert_false(session_exact(&s));
	session_close(&s);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(overlaps_and_exclusions),
		cmocka_unit_test(set_and_trie_precedence),
		cmocka_unit_test(across_and_overlapping_networks),
		cmocka_unit_test(edges_of_the_space),
		cmocka_unit_test(roles),
		cmocka_unit_test(ratio_rounding),
		cmocka_unit_test(random_against_lookups),
		cmocka_unit_test(session_cache),
	};

	return cmocka_run_group_tests(tests, setup, teardown);
}
