/* Tests for geo/asn: databases built at start by assets/build/mkasndb.pl
 * from the CSV below, as IPv4 and as IPv6 (aliased) trees.  Runs from
 * the repository root; exits 77 when the Perl writer is missing. */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <cmocka.h>

#include "tests/core/testfix.h"

#include "core/base/sanitize.h"
#include "geo/asn.h"

#include <arpa/inet.h>
#include <dirent.h>
#include <maxminddb.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/wait.h>
#include <unistd.h>

#define MKASNDB "assets/build/mkasndb.pl"
#define MAX_NETS 256

#define HOSTILE "Evil\x1b[31mRed\x07" "Bell\x7f" "Del\xc2\x9b" "CSI" \
                "\xe2\x80\xae" "RTL\x1b]0;title\x07"

/* A name of 316 bytes, its multi-byte characters across byte 127 where
 * names were once cut ("Réseau 日本 " is 15 bytes), and one of 1,205
 * bytes, past ASN_ORG_MAX. */
#define ORG_PART "R\xc3\xa9seau \xe6\x97\xa5\xe6\x9c\xac "
#define ORG_PARTS4 ORG_PART ORG_PART ORG_PART ORG_PART
#define ORG_PARTS20 ORG_PARTS4 ORG_PARTS4 ORG_PARTS4 ORG_PARTS4 ORG_PARTS4
#define LONG_ORG "AS-LONG-NAME " ORG_PARTS20 "Ltd"
#define HUGE_ORG "HUGE " ORG_PARTS20 ORG_PARTS20 ORG_PARTS20 ORG_PARTS20

/* The CSV rows in address order: start and end as written (dotted or
 * numeric), the org field as written and the org it stands for. */
struct row {
	const char *start, *end;
	uint32_t lo, hi;
	uint32_t asn;
	const char *csv_org, *org;
};

static const struct row rows[] = {
	{ "10.1.2.3", "10.1.2.3", 0x0a010203, 0x0a010203, 64503,
	  "Single Host", "Single Host" },
	{ "100.64.0.0", "100.64.0.255", 0x64400000, 0x644000ff, 64505, LONG_ORG, LONG_ORG },
	{ "100.64.1.0", "100.64.1.255", 0x64400100, 0x644001ff, 64506, HUGE_ORG, HUGE_ORG },
	{ "172.16.0.0", "172.16.255.255", 0xac100000, 0xac10ffff, 64504, "", "" },
	{ "192.0.2.0", "192.0.2.255", 0xc0000200, 0xc00002ff, 64496,
	  "Example Docs Net", "Example Docs Net" },
	/* not CIDR-aligned: written as nine networks */
	{ "198.18.0.5", "198.18.1.9", 0xc6120005, 0xc6120109, 64500,
	  "Bench Range A", "Bench Range A" },
	{ "198.18.3.0", "198.18.3.255", 0xc6120300, 0xc61203ff, 64501,
	  "\"Quoted, \"\"Org\"\" Inc.\"", "Quoted, \"Org\" Inc." },
	{ "3323069447", "3323069640", 0xc6120407, 0xc61204c8, 64500,
	  "Bench Range A", "Bench Range A" },
	{ "198.51.100.0", "198.51.100.127", 0xc6336400, 0xc633647f, 64497,
	  "M\xc3\xbcller Netz GmbH", "M\xc3\xbcller Netz GmbH" },
	{ "203.0.113.0", "203.0.113.255", 0xcb007100, 0xcb0071ff, 64502,
	  HOSTILE, HOSTILE },
};
#define NROWS (sizeof(rows) / sizeof(rows[0]))

struct fixture {
	char dir[256];
	char csv[300], v4[300], v6[300], junk[300];
	const char *dbs[2];
};

struct seen {
	size_t n;
	struct asn_info nets[MAX_NETS];
	int stop_after;
};

static uint32_t ip(const char *s)
{
	struct in_addr a;

	assert_int_equal(inet_pton(AF_INET, s, &a), 1);
	return ntohl(a.s_addr);
}

/* The CIDR blocks covering lo..hi, as a writer must split them: the
 * largest aligned block at each step. */
static size_t split_range(uint64_t lo, uint64_t hi, struct asn_net *out)
{
	size_t n = 0;
	uint64_t size;
	unsigned prefix;

	while (lo <= hi) {
		for (prefix = 0; prefix < 32; prefix++) {
			size = (uint64_t)1 << (32 - prefix);
			if (lo % size == 0 && lo + size - 1 <= hi)
				break;
		}
		out[n].net = (uint32_t)lo;
		out[n].prefix = prefix;
		n++;
		lo += (uint64_t)1 << (32 - prefix);
	}
	return n;
}

static int run_writer(const char *ipv, const char *out, const char *csv)
{
	int status;
	pid_t pid = fork();

	if (pid == 0) {
		execlp("perl", "perl", MKASNDB, "--ip-version", ipv, "-o", out, csv,
		       (char *)NULL);
		_exit(127);
	}
	if (pid < 0 || waitpid(pid, &status, 0) < 0)
		return -1;
	return WIFEXITED(status) && WEXITSTATUS(status) == 0 ? 0 : -1;
}

static int write_file(const char *path, const char *text)
{
	FILE *f = fopen(path, "w");

	if (!f)
		return -1;
	fputs(text, f);
	return fclose(f) == 0 ? 0 : -1;
}

static int write_csv(const char *path)
{
	FILE *f = fopen(path, "w");
	size_t i;

	if (!f)
		return -1;
	fputs("# start,end,asn,org\n\n", f);
	for (i = 0; i < NROWS; i++)
		fprintf(f, "%s,%s,%lu,%s\n", rows[i].start, rows[i].end,
		        (unsigned long)rows[i].asn, rows[i].csv_org);
	fputs("2001:db8::,2001:db8::ffff,64510,IPv6 Only\n", f);
	return fclose(f) == 0 ? 0 : -1;
}

static void remove_dir(const char *dir)
{
	char path[600];
	struct dirent *e;
	DIR *d = opendir(dir);

	if (!d)
		return;
	while ((e = readdir(d)) != NULL) {
		if (strcmp(e->d_name, ".") && strcmp(e->d_name, "..")) {
			snprintf(path, sizeof(path), "%s/%s", dir, e->d_name);
			unlink(path);
		}
	}
	closedir(d);
	rmdir(dir);
}

static int setup(void **state)
{
	static struct fixture fx;
	const char *tmp = getenv("TMPDIR");

	snprintf(fx.dir, sizeof(fx.dir), "%s/rblscope-asn-XXXXXX",
	         tmp && *tmp ? tmp : "/tmp");
	if (!mkdtemp(fx.dir))
		return -1;
	snprintf(fx.csv, sizeof(fx.csv), "%s/asn.csv", fx.dir);
	snprintf(fx.v4, sizeof(fx.v4), "%s/asn-v4.mmdb", fx.dir);
	snprintf(fx.v6, sizeof(fx.v6), "%s/asn-v6.mmdb", fx.dir);
	snprintf(fx.junk, sizeof(fx.junk), "%s/junk.mmdb", fx.dir);
	if (write_csv(fx.csv) < 0 || run_writer("4", fx.v4, fx.csv) < 0 ||
	    run_writer("6", fx.v6, fx.csv) < 0 ||
	    write_file(fx.junk, "start,end,asn,org\n") < 0) {
		fprintf(stderr, "cannot build test databases in %s\n", fx.dir);
		remove_dir(fx.dir);
		return -1;
	}
	fx.dbs[0] = fx.v4;
	fx.dbs[1] = fx.v6;
	*state = &fx;
	return 0;
}

static int teardown(void **state)
{
	struct fixture *fx = *state;

	remove_dir(fx->dir);
	return 0;
}

static struct asn_db *open_ok(const char *path)
{
	char err[512] = "";
	struct asn_db *db = asn_db_open(path, err, sizeof(err));

	if (!db)
		fail_msg("%s", err);
	return db;
}

/* ---- lookups ---- */

static void expect_found(struct asn_db *db, const char *addr, uint32_t asn,
                         const char *org, const char *net, unsigned prefix)
{
	struct asn_info info;

	assert_int_equal(asn_db_lookup(db, ip(addr), &info), 0);
	assert_true(info.found);
	assert_int_equal(info.asn, asn);
	assert_string_equal(info.org, org);
	assert_int_equal(info.net, ip(net));
	assert_int_equal(info.prefix, prefix);
}

static void expect_missing(struct asn_db *db, const char *addr)
{
	struct asn_info info;

	memset(&info, 0x55, sizeof(info));
	assert_int_equal(asn_db_lookup(db, ip(addr), &info), 0);
	assert_false(info.found);
	assert_int_equal(info.asn, 0);
	assert_string_equal(info.org, "");
}

static void test_lookup(void **state)
{
	struct fixture *fx = *state;
	int i;

	for (i = 0; i < 2; i++) {
		struct asn_db *db = open_ok(fx->dbs[i]);

		expect_found(db, "192.0.2.77", 64496, "Example Docs Net", "192.0.2.0", 24);
		expect_found(db, "10.1.2.3", 64503, "Single Host", "10.1.2.3", 32);
		expect_found(db, "172.16.200.1", 64504, "", "172.16.0.0", 16);
		expect_found(db, "198.18.3.9", 64501, "Quoted, \"Org\" Inc.",
		             "198.18.3.0", 24);
		expect_found(db, "198.51.100.127", 64497, "M\xc3\xbcller Netz GmbH",
		             "198.51.100.0", 25);
		/* the pieces of 198.18.0.5-198.18.1.9 */
		expect_found(db, "198.18.0.5", 64500, "Bench Range A", "198.18.0.5", 32);
		expect_found(db, "198.18.0.7", 64500, "Bench Range A", "198.18.0.6", 31);
		expect_found(db, "198.18.0.200", 64500, "Bench Range A",
		             "198.18.0.128", 25);
		expect_found(db, "198.18.1.9", 64500, "Bench Range A", "198.18.1.8", 31);
		expect_missing(db, "198.18.0.4");
		expect_missing(db, "198.18.1.10");
		expect_missing(db, "198.51.100.128");
		expect_missing(db, "8.8.8.8");
		expect_missing(db, "0.0.0.0");
		expect_missing(db, "255.255.255.255");
		asn_db_close(db);
	}
}

/* AS names are untrusted: what comes out is what sanitize_text makes of
 * the raw name, and no control character or escape survives. */
static void test_hostile_org(void **state)
{
	struct fixture *fx = *state;
	char want[ASN_ORG_MAX];
	struct asn_info info;
	const unsigned char *p;
	int i;

	sanitize_text(want, sizeof(want), HOSTILE, strlen(HOSTILE));
	for (i = 0; i < 2; i++) {
		struct asn_db *db = open_ok(fx->dbs[i]);

		assert_int_equal(asn_db_lookup(db, ip("203.0.113.9"), &info), 0);
		assert_true(info.found);
		assert_int_equal(info.asn, 64502);
		assert_string_equal(info.org, want);
		assert_non_null(strstr(info.org, "Evil"));
		assert_non_null(strstr(info.org, "RTL"));
		for (p = (const unsigned char *)info.org; *p; p++)
			assert_true(*p >= 0x20 && *p != 0x7f);
		assert_null(strstr(info.org, "\xc2\x9b"));
		assert_null(strstr(info.org, "\xe2\x80\xae"));
		asn_db_close(db);
	}
}

static void test_metadata(void **state)
{
	struct fixture *fx = *state;
	time_t now = time(NULL);
	int i;

	for (i = 0; i < 2; i++) {
		struct asn_db *db = open_ok(fx->dbs[i]);

		assert_string_equal(asn_db_path(db), fx->dbs[i]);
		assert_string_equal(asn_db_type(db), "GeoLite2-ASN");
		assert_true(asn_db_build_time(db) > now - 3600);
		assert_true(asn_db_build_time(db) <= now + 60);
		asn_db_close(db);
	}
}

/* ---- open failures and locate ---- */

static void expect_open_fails(const char *path, const char *reason)
{
	char err[512] = "";

	assert_null(asn_db_open(path, err, sizeof(err)));
	assert_non_null(strstr(err, "cannot open ASN database"));
	assert_non_null(strstr(err, path));
	assert_non_null(strstr(err, reason));
	assert_null(strchr(err, '\n'));
}

static void test_open_errors(void **state)
{
	struct fixture *fx = *state;
	char missing[400];

	snprintf(missing, sizeof(missing), "%s/no-such.mmdb", fx->dir);
	expect_open_fails(missing, "No such file");
	expect_open_fails(fx->junk, "not a MaxMind DB");
	expect_open_fails(fx->csv, "not a MaxMind DB");
	expect_open_fails(fx->dir, "directory");
	assert_null(asn_db_open(missing, NULL, 0));
}

static void test_locate(void **state)
{
	struct fixture *fx = *state;
	const char *found;

	assert_int_equal(setenv("RBLSCOPE_DB", fx->v6, 1), 0);
	found = asn_db_locate();
	assert_non_null(found);
	assert_string_equal(found, fx->v6);
	/* set but missing: still the user's choice, so open says why */
	assert_int_equal(setenv("RBLSCOPE_DB", "/nonexistent/asn.mmdb", 1), 0);
	assert_string_equal(asn_db_locate(), "/nonexistent/asn.mmdb");
	/* unset or empty: only a readable .mmdb from the system folders */
	assert_int_equal(setenv("RBLSCOPE_DB", "", 1), 0);
	found = asn_db_locate();
	if (found) {
		assert_non_null(strstr(found, ".mmdb"));
		assert_int_equal(access(found, R_OK), 0);
	}
	unsetenv("RBLSCOPE_DB");
}

/* ---- walks ---- */

static int collect(void *arg, const struct asn_info *net)
{
	struct seen *s = arg;

	if (s->n == MAX_NETS)
		return -2;
	s->nets[s->n++] = *net;
	return s->stop_after && (int)s->n == s->stop_after ? 7 : 0;
}

/* A row's start or end as written: dotted, or a plain number. */
static uint32_t row_addr(const char *s)
{
	return strchr(s, '.') ? ip(s) : (uint32_t)strtoul(s, NULL, 10);
}

/* Every network the rows split into, in address order, with its row. */
static size_t expected_nets(struct asn_net *nets, const struct row **from)
{
	size_t i, j, n = 0, k;

	for (i = 0; i < NROWS; i++) {
		assert_int_equal(row_addr(rows[i].start), rows[i].lo);
		assert_int_equal(row_addr(rows[i].end), rows[i].hi);
		k = split_range(rows[i].lo, rows[i].hi, nets + n);
		for (j = 0; j < k; j++)
			from[n + j] = &rows[i];
		n += k;
	}
	return n;
}

/* Names come whole up to ASN_ORG_MAX, each kept once by the handle; a
 * longer one is cut at a character and ends in ASN_ORG_CUT. */
static void test_long_org(void **state)
{
	struct fixture *fx = *state;
	struct asn_info a, b;
	size_t len, cut = strlen(ASN_ORG_CUT);
	int i;

	assert_true(strlen(LONG_ORG) > 300 && strlen(HUGE_ORG) >= ASN_ORG_MAX);
	for (i = 0; i < 2; i++) {
		struct asn_db *db = open_ok(fx->dbs[i]);

		assert_int_equal(asn_db_lookup(db, ip("100.64.0.9"), &a), 0);
		assert_int_equal(a.asn, 64505);
		assert_string_equal(a.org, LONG_ORG);
		assert_int_equal(asn_db_lookup(db, ip("100.64.0.200"), &b), 0);
		assert_ptr_equal(a.org, b.org);
		assert_int_equal(asn_db_lookup(db, ip("100.64.1.7"), &a), 0);
		assert_int_equal(a.asn, 64506);
		len = strlen(a.org);
		assert_true(len < ASN_ORG_MAX && len + 4 >= ASN_ORG_MAX - 1);
		assert_string_equal(a.org + len - cut, ASN_ORG_CUT);
		assert_memory_equal(a.org, HUGE_ORG, len - cut);
		/* at a character boundary: what follows starts a character */
		assert_true(((unsigned char)HUGE_ORG[len - cut] & 0xc0) != 0x80);
		asn_db_close(db);
	}
}

static void test_walk(void **state)
{
	struct fixture *fx = *state;
	static struct seen seen;
	struct asn_net want[MAX_NETS];
	const struct row *from[MAX_NETS];
	uint64_t sum_rows = 0, sum_nets = 0;
	char org[ASN_ORG_MAX];
	size_t n = expected_nets(want, from), i, j;
	int d;

	for (i = 0; i < NROWS; i++)
		sum_rows += (uint64_t)rows[i].hi - rows[i].lo + 1;
	for (d = 0; d < 2; d++) {
		struct asn_db *db = open_ok(fx->dbs[d]);

		memset(&seen, 0, sizeof(seen));
		assert_int_equal(asn_db_walk(db, collect, &seen), 0);
		/* the aliases of an IPv6 tree would triple the count */
		assert_int_equal(seen.n, n);
		for (i = 0, sum_nets = 0; i < n; i++) {
			assert_true(seen.nets[i].found);
			assert_int_equal(seen.nets[i].net, want[i].net);
			assert_int_equal(seen.nets[i].prefix, want[i].prefix);
			assert_int_equal(seen.nets[i].asn, from[i]->asn);
			sanitize_text_marked(org, sizeof(org), from[i]->org, strlen(from[i]->org),
			                     ASN_ORG_CUT);
			assert_string_equal(seen.nets[i].org, org);
			sum_nets += (uint64_t)1 << (32 - seen.nets[i].prefix);
			for (j = 0; j < i; j++)  /* in order, never overlapping */
				assert_true(seen.nets[j].net +
				            ((uint64_t)1 << (32 - seen.nets[j].prefix)) <=
				            seen.nets[i].net);
		}
		assert_true(sum_nets == sum_rows);
		asn_db_close(db);
	}
}

static void test_walk_stops(void **state)
{
	struct fixture *fx = *state;
	static struct seen seen;
	struct asn_db *db = open_ok(fx->v6);

	memset(&seen, 0, sizeof(seen));
	seen.stop_after = 3;
	assert_int_equal(asn_db_walk(db, collect, &seen), 7);
	assert_int_equal(seen.n, 3);
	asn_db_close(db);
}

static void test_networks(void **state)
{
	struct fixture *fx = *state;
	struct asn_net want[MAX_NETS], *nets;
	uint64_t total, want_total;
	size_t n, k, i;
	int d;

	k = split_range(0xc6120005, 0xc6120109, want);
	k += split_range(0xc6120407, 0xc61204c8, want + k);
	want_total = (0xc6120109 - 0xc6120005 + 1) + (0xc61204c8 - 0xc6120407 + 1);
	assert_true(k > 9);  /* both ranges were split */
	for (d = 0; d < 2; d++) {
		struct asn_db *db = open_ok(fx->dbs[d]);

		assert_int_equal(asn_db_networks(db, 64500, &nets, &n, &total), 0);
		assert_int_equal(n, k);
		assert_true(total == want_total);
		for (i = 0; i < n; i++) {
			assert_int_equal(nets[i].net, want[i].net);
			assert_int_equal(nets[i].prefix, want[i].prefix);
		}
		free(nets);

		assert_int_equal(asn_db_networks(db, 64504, &nets, &n, &total), 0);
		assert_int_equal(n, 1);
		assert_int_equal(nets[0].net, 0xac100000);
		assert_int_equal(nets[0].prefix, 16);
		assert_true(total == 65536);
		free(nets);

		assert_int_equal(asn_db_networks(db, 65000, &nets, &n, &total), 0);
		assert_int_equal(n, 0);
		assert_true(total == 0);
		free(nets);
		asn_db_close(db);
	}
}

/* ---- corrupt trees ---- */

/* A copy of the IPv4 DB with one record of node (left or right) set to
 * value; record_size 24 as mkasndb.pl writes small inputs. */
static void write_patched(const char *from, const char *to, uint32_t node,
                          int right, uint32_t value)
{
	unsigned char buf[1 << 16];
	size_t len, off = (size_t)node * 6 + (right ? 3 : 0);
	FILE *in = fopen(from, "rb"), *out = fopen(to, "wb");

	assert_non_null(in);
	assert_non_null(out);
	len = fread(buf, 1, sizeof(buf), in);
	assert_true(len > off + 3 && len < sizeof(buf));
	buf[off] = (unsigned char)(value >> 16);
	buf[off + 1] = (unsigned char)(value >> 8);
	buf[off + 2] = (unsigned char)value;
	assert_int_equal(fwrite(buf, 1, len, out), len);
	fclose(in);
	assert_int_equal(fclose(out), 0);
}

static void expect_corrupt(const char *path)
{
	static struct seen seen;
	struct asn_net dummy, *nets = &dummy;
	size_t n = 1;
	uint64_t total = 1;
	struct asn_db *db = open_ok(path);

	memset(&seen, 0, sizeof(seen));
	assert_int_equal(asn_db_walk(db, collect, &seen), -1);
	assert_int_equal(asn_db_networks(db, 64503, &nets, &n, &total), -1);
	assert_null(nets);
	assert_int_equal(n, 0);
	asn_db_close(db);
}

static void test_corrupt(void **state)
{
	struct fixture *fx = *state;
	char path[400];
	MMDB_search_node_s root;
	MMDB_s mmdb;
	uint32_t child;

	assert_int_equal(MMDB_open(fx->v4, MMDB_MODE_MMAP, &mmdb), MMDB_SUCCESS);
	assert_int_equal(mmdb.metadata.record_size, 24);
	assert_int_equal(MMDB_read_node(&mmdb, 0, &root), MMDB_SUCCESS);
	assert_int_equal(root.left_record_type, MMDB_RECORD_TYPE_SEARCH_NODE);
	child = (uint32_t)root.left_record;
	MMDB_close(&mmdb);

	/* a record past the data section */
	snprintf(path, sizeof(path), "%s/bad-record.mmdb", fx->dir);
	write_patched(fx->v4, path, 0, 0, 0xffffff);
	expect_corrupt(path);
	/* a node whose left record points back to itself */
	snprintf(path, sizeof(path), "%s/loop.mmdb", fx->dir);
	write_patched(fx->v4, path, child, 0, child);
	expect_corrupt(path);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_lookup),
		cmocka_unit_test(test_hostile_org),
		cmocka_unit_test(test_long_org),
		cmocka_unit_test(test_metadata),
		cmocka_unit_test(test_open_errors),
		cmocka_unit_test(test_locate),
		cmocka_unit_test(test_walk),
		cmocka_unit_test(test_walk_stops),
		cmocka_unit_test(test_networks),
		cmocka_unit_test(test_corrupt),
	};

	int missing = asndb_writer_missing(MKASNDB);

	if (missing)
		return missing;
	return cmocka_run_group_tests(tests, setup, teardown);
}
