/* Unit tests for core/scan/config.c and its place in options_parse:
 * every key, comments, each bad line named "path:LINE: reason", and the
 * command line over the file. */
#include <stdarg.h>
#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>
#include <setjmp.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <getopt.h>
#include <sys/stat.h>
#include <unistd.h>
#include <cmocka.h>

#include "core/scan/config.h"
#include "core/scan/options.h"

static int parse(struct options *o, const char *text, char *err, size_t errlen)
{
	memset(o, 0, sizeof *o);
	err[0] = '\0';
	return config_parse(o, "cfg", text, strlen(text), err, errlen);
}

static void every_key(void **state)
{
	struct options o;
	char err[256];

	(void)state;
	assert_int_equal(parse(&o, "# defaults\n\n"
	                       "resolver = 127.0.0.1:5353,[::1]:53\n"
	                       "  db=/var/lib/GeoIP/asn.mmdb   # trailing comment\n"
	                       "profile = uceprotect-full\n"
	                       "rate = 12.5\r\n"
	                       "timeout = 900\n"
	                       "retries = 0\n"
	                       "window = 64\n"
	                       "theme = ascii no-color\n", err, sizeof err), 0);
	assert_string_equal(o.resolver, "127.0.0.1:5353,[::1]:53");
	assert_string_equal(o.db_path, "/var/lib/GeoIP/asn.mmdb");
	assert_string_equal(o.profile_name, "uceprotect-full");
	assert_true(o.rate == 12.5 && o.rate_set);
	assert_int_equal(o.timeout_ms, 900);
	assert_int_equal(o.retries, 0);
	assert_int_equal(o.window, 64);
	assert_true(o.ascii && o.no_color);
	assert_int_equal(parse(&o, "theme = utf8, color\nzones = /srv/zones", err, sizeof err), 0);
	assert_true(!o.ascii && !o.no_color);
	assert_string_equal(o.zones_dir, "/srv/zones");
	assert_null(o.resolver);
	assert_int_equal(parse(&o, "history_db = /var/lib/rblscope/h.sqlite\n", err, sizeof err), 0);
	assert_string_equal(o.history_db, "/var/lib/rblscope/h.sqlite");
}

/* Each bad line: -1 and the file's name, the line's number, a reason. */
static void bad_lines(void **state)
{
	static const struct { const char *text, *want; } cases[] = {
		{ "colour = red\n", "cfg:1: unknown key 'colour'" },
		{ "# c\nrate = fast\n", "cfg:2: bad rate 'fast'" },
		{ "rate = -1\n", "cfg:1: bad rate" },
		{ "rate = 0.001\n", "cfg:1: bad rate" },
		{ "timeout = 0\n", "cfg:1: bad timeout '0': want 1 to 600000" },
		{ "\n\n\nretries = 21\n", "cfg:4: bad retries '21'" },
		{ "window = 99999999999\n", "cfg:1: bad window" },
		{ "theme = pink\n", "cfg:1: bad theme 'pink'" },
		{ "rate 5\n", "cfg:1: want key = value" },
		{ "= 5\n", "cfg:1: no key before '='" },
		{ "rate =\n", "cfg:1: rate: no value after '='" },
		{ "resolver = dns.example.org\n", "cfg:1: bad resolver" },
		{ "profile = a/b\n", "cfg:1: bad profile" },
		{ "db = a\033[31mb\n", "cfg:1: control character in the line" },
	};
	struct options o;
	char err[256];

	(void)state;
	for (size_t i = 0; i < sizeof cases / sizeof cases[0]; i++) {
		assert_int_equal(parse(&o, cases[i].text, err, sizeof err), -1);
		if (strncmp(err, cases[i].want, strlen(cases[i].want)) != 0)
			fail_msg("%s: got '%s', want '%s...'", cases[i].text, err, cases[i].want);
		assert_null(strchr(err, '\n'));
	}
}

static void long_and_nul_lines(void **state)
{
	char text[3000], err[256];
	struct options o;

	(void)state;
	memset(text, 'x', sizeof text);
	memcpy(text, "db = ", 5);
	memset(&o, 0, sizeof o);
	assert_int_equal(config_parse(&o, "cfg", text, sizeof text, err, sizeof err), -1);
	assert_string_equal(err, "cfg:1: line longer than 2047 bytes");
	assert_int_equal(config_parse(&o, "cfg", "rate = 1\0\n", 10, err, sizeof err), -1);
	assert_string_equal(err, "cfg:1: NUL byte in the line");
}

/* ---- with options_parse ---- */

static char dir[] = "/tmp/rblscope-config-XXXXXX";

static void write_file(const char *path, const char *text)
{
	FILE *f = fopen(path, "w");

	assert_non_null(f);
	fputs(text, f);
	assert_int_equal(fclose(f), 0);
}

static void getopt_fresh(void)
{
	static char prog[] = "reset";
	static char *none[] = { prog, NULL };

	opterr = 0;
	optind = 0;
	while (getopt(1, none, "") != -1)
		;
}

/* options_parse of a NULL-ended argv with stderr sent to /dev/null. */
static int run(struct options *o, char **argv)
{
	int argc = 0, saved, rc;
	FILE *null = fopen("/dev/null", "w");

	while (argv[argc])
		argc++;
	getopt_fresh();
	fflush(stderr);
	saved = dup(2);
	dup2(fileno(null), 2);
	rc = options_parse(o, argc, argv);
	fflush(stderr);
	dup2(saved, 2);
	close(saved);
	fclose(null);
	return rc;
}

static void precedence(void **state)
{
	char path[128], xdg[128], def[160];
	struct options o;

	(void)state;
	snprintf(xdg, sizeof xdg, "%s/xdg", dir);
	snprintf(path, sizeof path, "%s/xdg/rblscope", dir);
	mkdir(xdg, 0700);
	mkdir(path, 0700);
	snprintf(def, sizeof def, "%s/config", path);
	write_file(def, "rate = 7\ntimeout = 1234\nzones = /srv/z\ntheme = ascii\n");
	setenv("XDG_CONFIG_HOME", xdg, 1);

	/* the default file gives the defaults */
	assert_int_equal(run(&o, (char *[]){ "rblscope", "192.0.2.1", NULL }), -1);
	assert_true(o.rate == 7 && o.timeout_ms == 1234 && o.ascii);
	assert_string_equal(o.zones_dir, "/srv/z");
	/* the command line wins, key by key; --resolver drops the file's zones */
	assert_int_equal(run(&o, (char *[]){ "rblscope", "--rate", "9", "--resolver",
	                                      "127.0.0.1", "192.0.2.1", NULL }), -1);
	assert_true(o.rate == 9 && o.timeout_ms == 1234);
	assert_null(o.zones_dir);
	assert_string_equal(o.resolver, "127.0.0.1");
	/* --no-config: the built-in defaults */
	assert_int_equal(run(&o, (char *[]){ "rblscope", "--no-config", "192.0.2.1", NULL }), -1);
	assert_true(o.rate == OPT_DEFAULT_RATE && o.timeout_ms == OPT_DEFAULT_TIMEOUT_MS);
	assert_null(o.zones_dir);
	/* --config FILE instead of the default; a missing one is an error */
	snprintf(path, sizeof path, "%s/other", dir);
	write_file(path, "retries = 5\n");
	assert_int_equal(run(&o, (char *[]){ "rblscope", "--config", path, "192.0.2.1", NULL }),
	                 -1);
	assert_true(o.retries == 5 && o.timeout_ms == OPT_DEFAULT_TIMEOUT_MS);
	assert_int_equal(run(&o, (char *[]){ "rblscope", "--config=/nonexistent/rblscope.conf",
	                                      "192.0.2.1", NULL }), EXIT_USAGE);
	/* a bad default file is an error too; a missing one is fine */
	write_file(def, "window = 0\n");
	assert_int_equal(run(&o, (char *[]){ "rblscope", "192.0.2.1", NULL }), EXIT_USAGE);
	unlink(def);
	assert_int_equal(run(&o, (char *[]){ "rblscope", "192.0.2.1", NULL }), -1);
	unlink(path);
	snprintf(def, sizeof def, "%s/xdg/rblscope", dir);
	rmdir(def);
	rmdir(xdg);
}

static void default_path(void **state)
{
	char out[256];

	(void)state;
	setenv("XDG_CONFIG_HOME", "/x", 1);
	assert_int_equal(config_default_path(out, sizeof out), 0);
	assert_string_equal(out, "/x/rblscope/config");
	unsetenv("XDG_CONFIG_HOME");
	setenv("HOME", "/home/u", 1);
	assert_int_equal(config_default_path(out, sizeof out), 0);
	assert_string_equal(out, "/home/u/.config/rblscope/config");
	/* a relative XDG_CONFIG_HOME is ignored, as the spec says */
	setenv("XDG_CONFIG_HOME", "rel", 1);
	assert_int_equal(config_default_path(out, sizeof out), 0);
	assert_string_equal(out, "/home/u/.config/rblscope/config");
	unsetenv("HOME");
	unsetenv("XDG_CONFIG_HOME");
	assert_int_equal(config_default_path(out, sizeof out), -1);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(every_key),
		cmocka_unit_test(bad_lines),
		cmocka_unit_test(long_and_nul_lines),
		cmocka_unit_test(precedence),
		cmocka_unit_test(default_path),
	};
	int rc;

	if (!mkdtemp(dir))
		return 1;
	rc = cmocka_run_group_tests(tests, NULL, NULL);
	rmdir(dir);
	return rc;
}
