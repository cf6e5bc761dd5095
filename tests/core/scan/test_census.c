/* Unit tests for core/scan/census.c over a small ASN database built at
 * start by assets/build/mkasndb.pl (run from the repository root; exits
 * 77 when the Perl writer is missing) and zone files written here: the
 * rows per ASN and their order (collateral, then blocked, then ASN), an
 * ASN of two networks, the first and the last address, the space no ASN
 * announces with 127.0.0.0/8 left out, and the totals. */
#include <stdarg.h>
#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>
#include <setjmp.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/wait.h>
#include <unistd.h>
#include <cmocka.h>

#include "tests/core/testfix.h"

#include "core/lookup/zonefile.h"
#include "core/scan/account.h"
#include "core/scan/census.h"
#include "geo/asn.h"

#define MKASNDB "assets/build/mkasndb.pl"

static const char asn_csv[] =
	"0.0.0.0,0.0.0.255,65001,Edge Low\n"
	"10.0.0.0,10.0.0.255,65003,Two Nets\n"
	"10.0.1.0,10.0.1.255,65004,Tie A\n"
	"10.0.2.0,10.0.2.127,65003,Two Nets\n"
	"20.0.0.0,20.0.0.255,65005,Clean\n"
	"50.0.0.0,50.0.0.255,65009,Tie C\n"
	"50.0.1.0,50.0.1.1,65009,Tie C\n"
	"255.255.255.0,255.255.255.255,65002,Edge High\n";

static const char *const zones[3][2] = {
	{ "l1", "127.0.0.2\n0.0.0.0\n10.0.0.1\n10.0.1.1\n40.0.0.1\n50.0.0.1\n50.0.1.0\n"
	        "255.255.255.255\n" },
	{ "l2", "127.0.0.0/24\n10.0.0.0/24\n10.0.1.0/24\n10.0.2.0/25\n40.0.0.0/30\n"
	        "50.0.0.0/24\n50.0.1.0\n" },
	{ "l3", "127.0.0.2\n0.0.0.0/24\n" },
};

struct fixture {
	char dir[512], path[600];
	struct asn_db *db;
	struct zonefile *zf[3];
	struct account *a;
};

static int run_writer(const char *out, const char *csv)
{
	int status;
	pid_t pid = fork();

	if (pid == 0) {
		execlp("perl", "perl", MKASNDB, "--ip-version", "4", "-o", out, csv, (char *)NULL);
		_exit(127);
	}
	if (pid < 0 || waitpid(pid, &status, 0) < 0)
		return -1;
	return WIFEXITED(status) && WEXITSTATUS(status) == 0 ? 0 : -1;
}

static int write_file(const char *dir, const char *name, const char *text, char *path,
                      size_t len)
{
	FILE *f;

	snprintf(path, len, "%s/%s", dir, name);
	f = fopen(path, "w");
	if (!f)
		return -1;
	fputs(text, f);
	return fclose(f);
}

static int setup(void **state)
{
	static struct fixture fx;
	const char *tmp = getenv("TMPDIR");
	char csv[600], db[600], err[512], warn[512];

	snprintf(fx.dir, sizeof fx.dir, "%s/rblscope-census-XXXXXX", tmp && *tmp ? tmp : "/tmp");
	if (!mkdtemp(fx.dir))
		return -1;
	snprintf(db, sizeof db, "%s/asn.mmdb", fx.dir);
	if (write_file(fx.dir, "asn.csv", asn_csv, csv, sizeof csv) != 0 || run_writer(db, csv) < 0)
		return -1;
	fx.db = asn_db_open(db, err, sizeof err);
	if (!fx.db)
		return -1;
	for (size_t z = 0; z < 3; z++) {
		if (write_file(fx.dir, zones[z][0], zones[z][1], fx.path, sizeof fx.path) != 0)
			return -1;
		fx.zf[z] = zonefile_load(fx.path, NULL, warn, sizeof warn, err, sizeof err);
		if (!fx.zf[z])
			return -1;
	}
	fx.a = account_new(profile_find("uceprotect"), (const struct zonefile *const *)fx.zf);
	*state = &fx;
	return fx.a ? 0 : -1;
}

static int teardown(void **state)
{
	struct fixture *fx = *state;
	char path[700];
	static const char *const files[] = { "asn.csv", "asn.mmdb", "l1", "l2", "l3" };

	account_free(fx->a);
	for (size_t z = 0; z < 3; z++)
		zonefile_free(fx->zf[z]);
	asn_db_close(fx->db);
	for (size_t i = 0; i < sizeof files / sizeof files[0]; i++) {
		snprintf(path, sizeof path, "%s/%s", fx->dir, files[i]);
		unlink(path);
	}
	rmdir(fx->dir);
	return 0;
}

struct want {
	uint32_t asn;
	const char *org;
	size_t networks;
	uint64_t addrs, guilty, l1, l2, l3, blocked, collateral;
};

static void check(const struct census_asn *x, const struct want *w)
{
	assert_int_equal(x->asn, w->asn);
	assert_string_equal(x->org, w->org);
	assert_int_equal(x->networks, w->networks);
	assert_int_equal(x->sum.addrs, w->addrs);
	assert_int_equal(x->sum.guilty, w->guilty);
	assert_int_equal(x->sum.zone[0], w->l1);
	assert_int_equal(x->sum.zone[1], w->l2);
	assert_int_equal(x->sum.zone[2], w->l3);
	assert_int_equal(x->sum.blocked, w->blocked);
	assert_int_equal(x->sum.collateral, w->collateral);
}

/* Every listed ASN, worst first; ties on collateral go by blocked (65009
 * before 65001 though its number is larger), then by ASN (65001 before
 * 65004); the clean AS65005 has no row. */
static void rows_in_order(void **state)
{
	struct fixture *fx = *state;
	static const struct want want[] = {
		{ 65003, "Two Nets", 2, 384, 1, 1, 384, 0, 384, 383 },
		{ 65009, "Tie C", 2, 258, 2, 2, 257, 0, 257, 255 },
		{ 65001, "Edge Low", 1, 256, 1, 1, 0, 256, 256, 255 },
		{ 65004, "Tie A", 1, 256, 1, 1, 256, 0, 256, 255 },
		{ 65002, "Edge High", 1, 256, 1, 1, 0, 0, 1, 0 },
	};
	struct census c;
	char err[256] = "";

	assert_int_equal(census_run(&c, fx->a, fx->db, err, sizeof err), 0);
	assert_int_equal(c.n, 5);
	for (size_t i = 0; i < c.n; i++)
		check(&c.v[i], &want[i]);
	assert_int_equal(c.asns, 6);
	assert_int_equal(c.networks, 8);
	assert_true(census_listed(&c, profile_find("uceprotect")));
	census_free(&c);
}

/* The space outside every network: 40.0.0.0/30 and 40.0.0.1 count,
 * 127.0.0.0/8 (the test entries) does not; the totals cover it all. */
static void unannounced_and_totals(void **state)
{
	struct fixture *fx = *state;
	const uint64_t db_addrs = 256 + 384 + 256 + 256 + 258 + 256;   /* by ASN */
	const uint64_t space = ((uint64_t)1 << 32) - ((uint64_t)1 << 24);
	static const struct want un = { 0, "", 0, 0, 1, 1, 4, 0, 4, 3 };
	struct want w = un;
	struct census c;
	char err[256] = "";

	assert_int_equal(census_run(&c, fx->a, fx->db, err, sizeof err), 0);
	w.addrs = space - db_addrs;
	check(&c.unannounced, &w);
	assert_int_equal(c.total.addrs, space);
	assert_int_equal(c.total.guilty, 7);
	assert_int_equal(c.total.zone[0], 7);
	assert_int_equal(c.total.zone[1], 384 + 256 + 257 + 4);
	assert_int_equal(c.total.zone[2], 256);
	assert_int_equal(c.total.blocked, 384 + 257 + 256 + 256 + 1 + 4);
	assert_int_equal(c.total.collateral, c.total.blocked - 7);
	census_free(&c);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(rows_in_order),
		cmocka_unit_test(unannounced_and_totals),
	};

	int missing = asndb_writer_missing(MKASNDB);

	if (missing)
		return missing;
	return cmocka_run_group_tests(tests, setup, teardown);
}
