/* Unit tests for core/scan/options.c: defaults, every option, targets, and
 * every bad value ending in EXIT_USAGE with exactly one line on stderr. */
#include <stdarg.h>
#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>
#include <setjmp.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <getopt.h>
#include <unistd.h>
#include <cmocka.h>

#include "core/scan/options.h"
#include "core/base/version.h"

#define A(a, b, c, d) ((uint32_t)(a) << 24 | (uint32_t)(b) << 16 | (uint32_t)(c) << 8 | (uint32_t)(d))
#define MAX_ARGS 48

/* One run of options_parse with stdout and stderr caught in files. */
struct run {
	int rc;
	char *argv[MAX_ARGS + 1];
	int argc;
	char out[8192];
	char err[4096];
};

/* Start sending fd to a new temporary file; returns the saved fd. */
static int catch_begin(int fd, FILE **tmp)
{
	int saved;

	fflush(fd == 1 ? stdout : stderr);
	*tmp = tmpfile();
	assert_non_null(*tmp);
	saved = dup(fd);
	assert_true(saved >= 0);
	assert_true(dup2(fileno(*tmp), fd) >= 0);
	return saved;
}

/* Restore fd and read what was written into buf. */
static void catch_end(int fd, int saved, FILE *tmp, char *buf, size_t size)
{
	size_t n;

	fflush(fd == 1 ? stdout : stderr);
	assert_true(dup2(saved, fd) >= 0);
	close(saved);
	rewind(tmp);
	n = fread(buf, 1, size - 1, tmp);
	buf[n] = '\0';
	fclose(tmp);
}

/* Put getopt back to its first-call state.  options_parse resets only
 * optind = 1, which leaves glibc's scanning position and permutation
 * state from the previous argv (see the cluster test below); the other
 * tests must not depend on that. */
static void getopt_fresh(void)
{
	static char prog[] = "reset";
	static char *none[] = { prog, NULL };
	int saved_opterr = opterr;

	opterr = 0;
	optind = 0;
	while (getopt(1, none, "") != -1)
		;
	opterr = saved_opterr;
}

/* Parse "rblscope" followed by the NULL-terminated args into o.  The
 * strings are copied (getopt may reorder argv) and kept until run_free. */
static void run_parse(struct run *r, struct options *o, const char *const *args)
{
	FILE *tout, *terr;
	int sout, serr;

	memset(r, 0, sizeof *r);
	r->argv[r->argc++] = strdup("rblscope");
	for (size_t i = 0; args[i]; i++) {
		assert_true(r->argc < MAX_ARGS);
		r->argv[r->argc++] = strdup(args[i]);
	}
	getopt_fresh();
	sout = catch_begin(1, &tout);
	serr = catch_begin(2, &terr);
	r->rc = options_parse(o, r->argc, r->argv);
	catch_end(2, serr, terr, r->err, sizeof r->err);
	catch_end(1, sout, tout, r->out, sizeof r->out);
}

static void run_free(struct run *r)
{
	for (int i = 0; i < r->argc; i++)
		free(r->argv[i]);
}

static size_t count_lines(const char *s)
{
	size_t n = 0;

	for (; *s; s++)
		n += *s == '\n';
	return n;
}

/* Parse args and expect EXIT_USAGE with one whole line on stderr. */
static void expect_usage(const char *const *args)
{
	struct options o;
	struct run r;
	char shown[256] = "";

	for (size_t i = 0; args[i]; i++) {
		strncat(shown, " ", sizeof shown - strlen(shown) - 1);
		strncat(shown, args[i], sizeof shown - strlen(shown) - 1);
	}
	run_parse(&r, &o, args);
	run_free(&r);   /* only the argv copies: what was printed stays in r */
	if (r.rc != EXIT_USAGE)
		fail_msg("rblscope%s: got %d, want EXIT_USAGE (stderr: \"%s\")", shown, r.rc, r.err);
	if (count_lines(r.err) != 1 || r.err[strlen(r.err) - 1] != '\n')
		fail_msg("rblscope%s: stderr is not one line: \"%s\"", shown, r.err);
	if (r.out[0])
		fail_msg("rblscope%s: wrote to stdout: \"%s\"", shown, r.out);
}

/* Parse args and expect to go on (-1) with nothing printed. */
static void expect_ok(struct run *r, struct options *o, const char *const *args)
{
	run_parse(r, o, args);
	if (r->rc != -1)
		fail_msg("got %d, want -1 (stderr: \"%s\")", r->rc, r->err);
	assert_string_equal(r->err, "");
	assert_string_equal(r->out, "");
}

#define ARGS(...) ((const char *const[]){ __VA_ARGS__, NULL })

static void defaults(void **state)
{
	struct options o;
	struct run r;

	(void)state;
	expect_ok(&r, &o, ARGS("192.0.2.77"));
	assert_int_equal(o.export, EXPORT_NONE);
	assert_null(o.output);
	assert_string_equal(o.profile_name, PROFILE_DEFAULT);
	assert_ptr_equal(o.profile, profile_find(PROFILE_DEFAULT));
	assert_null(o.zones_dir);
	assert_null(o.resolver);
	assert_null(o.db_path);
	for (size_t z = 0; z < PROFILE_MAX_ZONES; z++)
		assert_null(o.zone_override[z]);
	assert_true(o.rate == OPT_DEFAULT_RATE);
	assert_false(o.rate_set);
	assert_int_equal(o.timeout_ms, OPT_DEFAULT_TIMEOUT_MS);
	assert_int_equal(o.retries, OPT_DEFAULT_RETRIES);
	assert_int_equal(o.window, 0);
	assert_true(o.probe);
	assert_false(o.demo);
	assert_false(o.ascii);
	assert_true(o.has_target);
	assert_int_equal(o.target.kind, TARGET_NET);
	assert_int_equal(o.target.net, A(192, 0, 2, 0));
	assert_int_equal(o.target.prefix, 24);
	assert_int_equal(o.target.focus, A(192, 0, 2, 77));
	run_free(&r);
}

static void every_option(void **state)
{
	struct options o;
	struct run r;

	(void)state;
	expect_ok(&r, &o, ARGS("--export", "csv", "-o", "out.csv", "-p", "uceprotect-full",
	                       "--resolver", "127.0.0.1:5353,[::1]:53", "--rate", "12.5",
	                       "--timeout", "750", "--retries", "0", "--window", "64",
	                       "--db", "/tmp/asn.mmdb", "--no-probe", "--ascii",
	                       "198.51.100.0/24"));
	assert_int_equal(o.export, EXPORT_CSV);
	assert_string_equal(o.output, "out.csv");
	assert_string_equal(o.profile_name, "uceprotect-full");
	assert_ptr_equal(o.profile, profile_find("uceprotect-full"));
	assert_string_equal(o.resolver, "127.0.0.1:5353,[::1]:53");
	assert_true(o.rate == 12.5);
	assert_true(o.rate_set);
	assert_int_equal(o.timeout_ms, 750);
	assert_int_equal(o.retries, 0);
	assert_int_equal(o.window, 64);
	assert_string_equal(o.db_path, "/tmp/asn.mmdb");
	assert_false(o.probe);
	assert_true(o.ascii);
	assert_false(o.demo);
	assert_int_equal(o.target.net, A(198, 51, 100, 0));
	assert_int_equal(o.target.prefix, 24);
	run_free(&r);

	/* long names with "=", options after the target */
	expect_ok(&r, &o, ARGS("192.0.2.1", "--export=json", "--output=-", "--profile=spamhaus",
	                       "--timeout=600000", "--retries=20", "--window=65536", "--rate=0"));
	assert_int_equal(o.export, EXPORT_JSON);
	assert_string_equal(o.output, "-");
	assert_ptr_equal(o.profile, profile_find("spamhaus"));
	assert_int_equal(o.timeout_ms, 600000);
	assert_int_equal(o.retries, 20);
	assert_int_equal(o.window, 65536);
	assert_true(o.rate == 0);
	assert_true(o.rate_set);
	assert_true(o.has_target);
	assert_int_equal(o.target.focus, A(192, 0, 2, 1));
	run_free(&r);

	expect_ok(&r, &o, ARGS("--export", "text", "--output", "x", "--timeout", "1", "--window",
	                       "1", "192.0.2.1"));
	assert_int_equal(o.export, EXPORT_TEXT);
	assert_string_equal(o.output, "x");
	assert_int_equal(o.timeout_ms, 1);
	assert_int_equal(o.window, 1);
	run_free(&r);
}

static void asn_target(void **state)
{
	struct options o;
	struct run r;

	(void)state;
	expect_ok(&r, &o, ARGS("--export", "json", "AS64500"));
	assert_true(o.has_target);
	assert_int_equal(o.target.kind, TARGET_ASN);
	assert_int_equal(o.target.asn, 64500);
	assert_string_equal(o.target.text, "AS64500");
	run_free(&r);
}

static void demo_needs_no_target(void **state)
{
	struct options o;
	struct run r;

	(void)state;
	expect_ok(&r, &o, ARGS("--demo"));
	assert_true(o.demo);
	assert_false(o.has_target);
	run_free(&r);

	expect_ok(&r, &o, ARGS("--demo", "192.0.2.9"));
	assert_true(o.demo);
	assert_true(o.has_target);
	assert_int_equal(o.target.focus, A(192, 0, 2, 9));
	run_free(&r);
}

static void zone_overrides(void **state)
{
	const struct profile *p = profile_find("uceprotect-full");
	struct options o;
	struct run r;
	size_t l2 = PROFILE_MAX_ZONES, wl = PROFILE_MAX_ZONES;

	(void)state;
	assert_non_null(p);
	for (size_t z = 0; z < p->nzones; z++) {
		if (strcmp(p->zones[z].key, "l2") == 0)
			l2 = z;
		if (strcmp(p->zones[z].key, "wl") == 0)
			wl = z;
	}
	assert_true(l2 < p->nzones && wl < p->nzones);

	/* given before the profile that names the keys */
	expect_ok(&r, &o, ARGS("--zone", "l2=dnsbl-2.mirror.example", "--zone=wl=wl.mirror.example",
	                       "-p", "uceprotect-full", "192.0.2.1"));
	for (size_t z = 0; z < PROFILE_MAX_ZONES; z++) {
		if (z == l2)
			assert_string_equal(o.zone_override[z], "dnsbl-2.mirror.example");
		else if (z == wl)
			assert_string_equal(o.zone_override[z], "wl.mirror.example");
		else
			assert_null(o.zone_override[z]);
	}
	run_free(&r);

	/* the last of two overrides of one key wins */
	expect_ok(&r, &o, ARGS("--zone", "l2=first.example", "--zone", "l2=second.example",
	                       "-p", "uceprotect-full", "192.0.2.1"));
	assert_string_equal(o.zone_override[l2], "second.example");
	run_free(&r);
}

static void zones_dir_drops_the_rate_unless_given(void **state)
{
	struct options o;
	struct run r;

	(void)state;
	expect_ok(&r, &o, ARGS("--zones", "tests/e2e/fixtures/zones", "192.0.2.1"));
	assert_string_equal(o.zones_dir, "tests/e2e/fixtures/zones");
	assert_true(o.rate == 0);
	run_free(&r);

	expect_ok(&r, &o, ARGS("--rate", "7", "--zones", "z", "192.0.2.1"));
	assert_true(o.rate == 7);
	run_free(&r);

	expect_ok(&r, &o, ARGS("--zones", "z", "--rate", "7", "192.0.2.1"));
	assert_true(o.rate == 7);
	run_free(&r);

	/* without --zones the polite default stays */
	expect_ok(&r, &o, ARGS("--resolver", "127.0.0.1", "192.0.2.1"));
	assert_true(o.rate == OPT_DEFAULT_RATE);
	run_free(&r);
}

static void help_and_version(void **state)
{
	const char *const *const help[] = { ARGS("--help"), ARGS("-h"),
	                                           ARGS("192.0.2.1", "--help") };
	const char *const *const version[] = { ARGS("--version"), ARGS("-V") };
	struct options o;
	struct run r;
	char want[64];

	(void)state;
	for (size_t i = 0; i < sizeof help / sizeof help[0]; i++) {
		run_parse(&r, &o, help[i]);
		assert_int_equal(r.rc, 0);
		assert_non_null(strstr(r.out, "Usage: rblscope"));
		assert_non_null(strstr(r.out, "--export"));
		assert_non_null(strstr(r.out, PROFILE_DEFAULT));
		assert_string_equal(r.err, "");
		run_free(&r);
	}
	snprintf(want, sizeof want, "rblscope %s\n", RBLSCOPE_VERSION);
	for (size_t i = 0; i < sizeof version / sizeof version[0]; i++) {
		run_parse(&r, &o, version[i]);
		assert_int_equal(r.rc, 0);
		assert_string_equal(r.out, want);
		assert_string_equal(r.err, "");
		run_free(&r);
	}
}

static void bad_values_are_usage_errors(void **state)
{
	(void)state;
	expect_usage(ARGS("--export", "xml", "192.0.2.1"));
	expect_usage(ARGS("--export", "", "192.0.2.1"));
	expect_usage(ARGS("--export", "CSV", "192.0.2.1"));
	expect_usage(ARGS("--rate", "-1", "192.0.2.1"));
	expect_usage(ARGS("--rate", "abc", "192.0.2.1"));
	expect_usage(ARGS("--rate", "", "192.0.2.1"));
	expect_usage(ARGS("--rate", "5x", "192.0.2.1"));
	expect_usage(ARGS("--rate", "nan", "192.0.2.1"));
	expect_usage(ARGS("--rate", "inf", "192.0.2.1"));
	expect_usage(ARGS("--rate", "1e400", "192.0.2.1"));
	expect_usage(ARGS("--rate", "1e8", "192.0.2.1"));
	expect_usage(ARGS("--timeout", "0", "192.0.2.1"));
	expect_usage(ARGS("--timeout", "600001", "192.0.2.1"));
	expect_usage(ARGS("--timeout", "-5", "192.0.2.1"));
	expect_usage(ARGS("--timeout", "+5", "192.0.2.1"));
	expect_usage(ARGS("--timeout", " 5", "192.0.2.1"));
	expect_usage(ARGS("--timeout", "5s", "192.0.2.1"));
	expect_usage(ARGS("--timeout", "", "192.0.2.1"));
	expect_usage(ARGS("--timeout", "99999999999999999999999", "192.0.2.1"));
	expect_usage(ARGS("--retries", "21", "192.0.2.1"));
	expect_usage(ARGS("--retries", "-1", "192.0.2.1"));
	expect_usage(ARGS("--retries", "x", "192.0.2.1"));
	expect_usage(ARGS("--window", "0", "192.0.2.1"));
	expect_usage(ARGS("--window", "65537", "192.0.2.1"));
	expect_usage(ARGS("--window", "many", "192.0.2.1"));
	expect_usage(ARGS("-p", "nosuch", "192.0.2.1"));
	expect_usage(ARGS("--profile", "", "192.0.2.1"));
}

static void a_later_bad_value_is_not_ignored(void **state)
{
	(void)state;
	/* each value is checked on its own, whatever came before it */
	expect_usage(ARGS("--rate", "5", "--rate", "-1", "192.0.2.1"));
	expect_usage(ARGS("--timeout", "100", "--timeout", "0", "192.0.2.1"));
	expect_usage(ARGS("--export", "csv", "--export", "xml", "192.0.2.1"));
}

static void bad_zone_overrides(void **state)
{
	(void)state;
	expect_usage(ARGS("--zone", "l1", "192.0.2.1"));
	expect_usage(ARGS("--zone", "=dnsbl.example", "192.0.2.1"));
	expect_usage(ARGS("--zone", "l1=", "192.0.2.1"));
	expect_usage(ARGS("--zone", "l9=dnsbl.example", "192.0.2.1"));
	/* the default profile has no whitelist zone */
	expect_usage(ARGS("--zone", "wl=wl.example", "192.0.2.1"));
	/* a key that is only a prefix of a real key */
	expect_usage(ARGS("--zone", "l=dnsbl.example", "192.0.2.1"));
	{
		const char *args[40];
		size_t n = 0;

		for (int i = 0; i < 17; i++) {
			args[n++] = "--zone";
			args[n++] = "l1=dnsbl.example";
		}
		args[n++] = "192.0.2.1";
		args[n] = NULL;
		expect_usage(args);
	}
}

static void bad_usage(void **state)
{
	(void)state;
	expect_usage(ARGS("--zones", "dir", "--resolver", "127.0.0.1", "192.0.2.1"));
	expect_usage(ARGS("--frobnicate", "192.0.2.1"));
	expect_usage(ARGS("-x", "192.0.2.1"));
	expect_usage(ARGS("192.0.2.1", "--rate"));
	expect_usage(ARGS("192.0.2.1", "-o"));
	expect_usage(ARGS("--no-probe=yes", "192.0.2.1"));
	expect_usage((const char *const[]){ NULL });
	expect_usage(ARGS("--ascii"));
	expect_usage(ARGS("192.0.2.1", "198.51.100.1"));
	expect_usage(ARGS("192.0.2", "--ascii"));
	expect_usage(ARGS("192.0.2.0/8"));
	expect_usage(ARGS("192.0.2.0/15"));
	expect_usage(ARGS("AS0"));
	expect_usage(ARGS("example.org"));
}

static void parse_after_an_error_in_an_option_cluster(void **state)
{
	/* static: a parser still holding on to the old argv must not crash */
	static char a0[] = "rblscope", a1[] = "-xh", a2[] = "192.0.2.1";
	static char *first[] = { a0, a1, a2, NULL };
	static char b0[] = "rblscope", b1[] = "198.51.100.7";
	static char *second[] = { b0, b1, NULL };
	struct options o;
	FILE *tout, *terr;
	int sout, serr, rc;
	char out[8192], err[1024];

	(void)state;
	getopt_fresh();
	serr = catch_begin(2, &terr);
	assert_int_equal(options_parse(&o, 3, first), EXIT_USAGE);
	catch_end(2, serr, terr, err, sizeof err);
	assert_int_equal(count_lines(err), 1);

	/* the next parse of another argv starts afresh, not inside "-xh" */
	sout = catch_begin(1, &tout);
	serr = catch_begin(2, &terr);
	rc = options_parse(&o, 2, second);
	catch_end(2, serr, terr, err, sizeof err);
	catch_end(1, sout, tout, out, sizeof out);
	if (rc != -1)
		fail_msg("second options_parse returned %d (stdout \"%.60s\", stderr \"%s\")",
		         rc, out, err);
	assert_true(o.has_target);
	assert_int_equal(o.target.focus, A(198, 51, 100, 7));
}

/* What people paste: spaces, brackets, "AS 64500"; host names are
 * refused with a reason of their own. */
static void target_forms_people_paste(void **state)
{
	static const struct { const char *in; uint32_t focus; uint32_t asn; } ok[] = {
		{ " 192.0.2.7 ", 0xc0000207u, 0 },
		{ "[192.0.2.7]", 0xc0000207u, 0 },
		{ "\t[192.0.2.7] ", 0xc0000207u, 0 },
		{ "AS 64500", 0, 64500 },
		{ "as   64500 ", 0, 64500 },
		{ "AS64500", 0, 64500 },
	};
	static const char *const hosts[] = { "mail.example.org", "MX1.Example.NET", "a-b.example" };
	static const char *const bad[] = { "192.0.2.7x", "[192.0.2.7", "AS 64 500", "A S64500", "" };
	struct target t;
	char err[160];

	(void)state;
	for (size_t i = 0; i < sizeof ok / sizeof ok[0]; i++) {
		assert_int_equal(target_parse(ok[i].in, &t, err, sizeof err), 0);
		if (ok[i].asn) {
			assert_int_equal(t.kind, TARGET_ASN);
			assert_int_equal(t.asn, ok[i].asn);
		} else {
			assert_int_equal(t.kind, TARGET_NET);
			assert_int_equal(t.focus, ok[i].focus);
			assert_string_equal(t.text, "192.0.2.7");
		}
	}
	for (size_t i = 0; i < sizeof hosts / sizeof hosts[0]; i++) {
		assert_int_equal(target_parse(hosts[i], &t, err, sizeof err), -1);
		assert_non_null(strstr(err, "host names are not targets"));
	}
	for (size_t i = 0; i < sizeof bad / sizeof bad[0]; i++) {
		assert_int_equal(target_parse(bad[i], &t, err, sizeof err), -1);
		assert_null(strstr(err, "host names"));
	}
}

static void target_address_means_its_24(void **state)
{
	struct target t;
	char err[160];

	(void)state;
	assert_int_equal(target_parse("192.0.2.77", &t, err, sizeof err), 0);
	assert_int_equal(t.kind, TARGET_NET);
	assert_int_equal(t.net, A(192, 0, 2, 0));
	assert_int_equal(t.prefix, 24);
	assert_int_equal(t.focus, A(192, 0, 2, 77));
	assert_string_equal(t.text, "192.0.2.77");

	assert_int_equal(target_parse("255.255.255.255", &t, err, sizeof err), 0);
	assert_int_equal(t.net, A(255, 255, 255, 0));
	assert_int_equal(t.focus, A(255, 255, 255, 255));
}

static void target_cidrs_from_16_to_32(void **state)
{
	struct target t;
	char s[32], err[160];

	(void)state;
	for (unsigned n = 16; n <= 32; n++) {
		uint32_t mask = n == 32 ? 0xffffffffu : ~(0xffffffffu >> n);

		snprintf(s, sizeof s, "198.51.100.77/%u", n);
		if (target_parse(s, &t, err, sizeof err) != 0)
			fail_msg("%s rejected: %s", s, err);
		assert_int_equal(t.kind, TARGET_NET);
		assert_int_equal(t.prefix, n);
		assert_int_equal(t.net, A(198, 51, 100, 77) & mask);
		/* the cursor starts inside the network scanned */
		assert_int_equal(t.focus & mask, t.net);
		assert_string_equal(t.text, s);
	}
	assert_int_equal(target_parse("192.0.2.9/32", &t, err, sizeof err), 0);
	assert_int_equal(t.net, A(192, 0, 2, 9));
	assert_int_equal(t.focus, A(192, 0, 2, 9));
}

static void target_too_wide_or_malformed(void **state)
{
	static const char *const bad[] = {
		"10.0.0.0/15", "10.0.0.0/8", "0.0.0.0/0", "10.0.0.0/33", "10.0.0.0/",
		"192.0.2", "192.0.2.256", "192.0.2.1 x", "example.org", "", "::1",
		"AS", "AS0", "AS-1", "AS 1 1", "AS1x", "AS4294967296", "ASN1", "AS+5",
	};
	struct target t;
	char err[160];

	(void)state;
	for (size_t i = 0; i < sizeof bad / sizeof bad[0]; i++) {
		err[0] = '\0';
		if (target_parse(bad[i], &t, err, sizeof err) != -1)
			fail_msg("target \"%s\" accepted", bad[i]);
		/* a one-line reason */
		assert_true(strlen(err) > 0);
		assert_null(strchr(err, '\n'));
	}
}

static void target_asn(void **state)
{
	struct target t;
	char err[160];

	(void)state;
	assert_int_equal(target_parse("AS64500", &t, err, sizeof err), 0);
	assert_int_equal(t.kind, TARGET_ASN);
	assert_int_equal(t.asn, 64500);
	assert_string_equal(t.text, "AS64500");
	assert_int_equal(target_parse("AS4294967295", &t, err, sizeof err), 0);
	assert_int_equal(t.asn, 4294967295u);
	assert_int_equal(target_parse("AS1", &t, err, sizeof err), 0);
	assert_int_equal(t.asn, 1);
}

static void target_long_text_is_cut(void **state)
{
	struct target t;
	char err[160];

	(void)state;
	/* a long bad target: the reason stays one bounded line */
	assert_int_equal(target_parse("192.0.2.1.192.0.2.1.192.0.2.1.192.0.2.1.192.0.2.1.192.0.2.1",
	                              &t, err, sizeof err), -1);
	assert_true(strlen(err) < sizeof err);
	assert_true(strlen(t.text) < sizeof t.text);
}

/* --export png: zone files only; any width of CIDR, AS<n>, or nothing
 * for the whole space. */
static void png_scopes(void **state)
{
	struct options o;
	struct run r;

	(void)state;
	expect_ok(&r, &o, ARGS("--export", "png", "--zones", "dir"));
	assert_int_equal(o.export, EXPORT_PNG);
	assert_true(o.has_target && o.target.kind == TARGET_NET);
	assert_int_equal(o.target.net, 0);
	assert_int_equal(o.target.prefix, 0);
	run_free(&r);
	expect_ok(&r, &o, ARGS("--export", "png", "--demo", "10.1.2.3/8"));
	assert_int_equal(o.target.net, A(10, 0, 0, 0));
	assert_int_equal(o.target.prefix, 8);
	run_free(&r);
	expect_ok(&r, &o, ARGS("--export", "png", "--zones", "dir", "0.0.0.0/0"));
	assert_int_equal(o.target.prefix, 0);
	run_free(&r);
	expect_ok(&r, &o, ARGS("--export", "png", "--zones", "dir", "AS64500"));
	assert_true(o.target.kind == TARGET_ASN && o.target.asn == 64500);
	run_free(&r);
	expect_ok(&r, &o, ARGS("--export", "png", "--zones", "dir", "192.0.2.7"));
	assert_true(o.target.net == A(192, 0, 2, 0) && o.target.prefix == 24);
	run_free(&r);
	/* live DNS cannot count a /8 */
	expect_usage(ARGS("--export", "png", "10.0.0.0/8"));
	expect_usage(ARGS("--export", "png", "--resolver", "127.0.0.1", "10.0.0.0/8"));
	expect_usage(ARGS("--export", "png"));
	expect_usage(ARGS("--export", "png", "--zones", "dir", "10.0.0.0/33"));
	expect_usage(ARGS("--export", "png", "--zones", "dir", "example.org"));
	expect_usage(ARGS("--export", "png", "--zones", "dir", "10.0.0.0/8", "AS1"));
	/* the other exports stay at /16 or narrower */
	expect_usage(ARGS("--export", "csv", "--zones", "dir", "10.0.0.0/8"));
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(defaults),
		cmocka_unit_test(every_option),
		cmocka_unit_test(asn_target),
		cmocka_unit_test(demo_needs_no_target),
		cmocka_unit_test(zone_overrides),
		cmocka_unit_test(zones_dir_drops_the_rate_unless_given),
		cmocka_unit_test(help_and_version),
		cmocka_unit_test(bad_values_are_usage_errors),
		cmocka_unit_test(a_later_bad_value_is_not_ignored),
		cmocka_unit_test(bad_zone_overrides),
		cmocka_unit_test(bad_usage),
		cmocka_unit_test(parse_after_an_error_in_an_option_cluster),
		cmocka_unit_test(target_forms_people_paste),
		cmocka_unit_test(target_address_means_its_24),
		cmocka_unit_test(target_cidrs_from_16_to_32),
		cmocka_unit_test(target_too_wide_or_malformed),
		cmocka_unit_test(target_asn),
		cmocka_unit_test(target_long_text_is_cut),
		cmocka_unit_test(png_scopes),
	};

	return cmocka_run_group_tests(tests, NULL, NULL);
}
