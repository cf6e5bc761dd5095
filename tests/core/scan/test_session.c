/* Unit tests for core/scan/session.c: opening from parsed options (bad --db,
 * --zones and --resolver refused with a reason), zone health from the
 * RFC 5782 test entries over zone files, and zone files read again. */
#include <stdarg.h>
#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>
#include <setjmp.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>
#include <cmocka.h>

#include "tests/core/testfix.h"

#include "core/base/ip.h"
#include "core/base/loop.h"
#include "core/scan/options.h"
#include "core/scan/session.h"

#define A(a, b, c, d) ((uint32_t)(a) << 24 | (uint32_t)(b) << 16 | (uint32_t)(c) << 8 | (uint32_t)(d))

static const char *const zone_names[] = {
	"dnsbl-1.uceprotect.net", "dnsbl-2.uceprotect.net", "dnsbl-3.uceprotect.net",
};

struct fixture {
	char dir[512];
};

static void write_zone(const char *dir, const char *name, const char *text)
{
	char path[1024];
	FILE *f;

	snprintf(path, sizeof path, "%s/%s", dir, name);
	f = fopen(path, "w");
	assert_non_null(f);
	fputs(text, f);
	assert_int_equal(fclose(f), 0);
}

static void clear_dir(const char *dir)
{
	char path[1024];

	for (size_t z = 0; z < 3; z++) {
		snprintf(path, sizeof path, "%s/%s", dir, zone_names[z]);
		unlink(path);
	}
}

static int setup(void **state)
{
	static struct fixture fx;
	const char *tmp = getenv("TMPDIR");

	snprintf(fx.dir, sizeof fx.dir, "%s/rblscope-session-XXXXXX", tmp && *tmp ? tmp : "/tmp");
	if (!mkdtemp(fx.dir))
		return -1;
	/* no system ASN database */
	setenv("RBLSCOPE_DB", "", 1);
	*state = &fx;
	return 0;
}

static int teardown(void **state)
{
	struct fixture *fx = *state;

	clear_dir(fx->dir);
	rmdir(fx->dir);
	return 0;
}

/* Probe the zones and run the loop until every probe has its answer. */
static void probe(struct session *s)
{
	session_probe_start(s);
	for (int i = 0; i < 1000 && session_probing(s); i++)
		loop_run_once(s->lp, 10);
	assert_false(session_probing(s));
}

static void bad_db(void **state)
{
	struct fixture *fx = *state;
	struct options o;
	struct session s;
	char path[600], err[512] = "";

	snprintf(path, sizeof path, "%s/missing.mmdb", fx->dir);
	parse_options(&o, (const char *[]){ "--db", path, "192.0.2.0/24", NULL });
	write_zone(fx->dir, zone_names[0], "127.0.0.2\n");
	assert_int_equal(session_open(&s, &o, err, sizeof err), EXIT_USAGE);
	if (!strstr(err, path))
		fail_msg("message does not name %s: %s", path, err);
	clear_dir(fx->dir);
}

static void bad_zones_dir(void **state)
{
	struct fixture *fx = *state;
	struct options o;
	struct session s;
	char path[600], err[512] = "";

	snprintf(path, sizeof path, "%s/no-such-folder", fx->dir);
	parse_options(&o, (const char *[]){ "--zones", path, "192.0.2.0/24", NULL });
	assert_int_equal(session_open(&s, &o, err, sizeof err), EXIT_USAGE);
	if (!strstr(err, path))
		fail_msg("message does not name %s: %s", path, err);
}

static void zone_file_missing(void **state)
{
	struct fixture *fx = *state;
	struct options o;
	struct session s;
	char err[512] = "";

	write_zone(fx->dir, zone_names[0], "127.0.0.2\n");
	write_zone(fx->dir, zone_names[1], "127.0.0.2\n");
	parse_options(&o, (const char *[]){ "--zones", fx->dir, "192.0.2.0/24", NULL });
	assert_int_equal(session_open(&s, &o, err, sizeof err), 0);
	assert_non_null(s.be);
	assert_null(s.db);
	assert_true(s.db_note[0]);
	assert_non_null(strstr(s.zone_note, "dnsbl-3.uceprotect.net"));
	assert_null(strstr(s.zone_note, "dnsbl-1.uceprotect.net"));
	assert_null(strstr(s.zone_note, "dnsbl-2.uceprotect.net"));
	/* the zone without data fails its probes; the others are fine */
	probe(&s);
	assert_int_equal(s.health[0], ZH_OK);
	assert_int_equal(s.health[1], ZH_OK);
	assert_int_equal(s.health[2], ZH_FAILED);
	assert_int_equal(s.health_error[2], LKE_NODATA);
	session_close(&s);
	clear_dir(fx->dir);
}

static void bad_resolver(void **state)
{
	struct options o;
	struct session s;
	char err[512] = "";

	(void)state;
	parse_options(&o, (const char *[]){ "--resolver", "not an address!", "192.0.2.0/24", NULL });
	assert_int_equal(session_open(&s, &o, err, sizeof err), EXIT_USAGE);
	assert_true(err[0]);
}

static void health(void **state)
{
	struct fixture *fx = *state;
	struct options o;
	struct session s;
	char err[512] = "";

	/* l1 as RFC 5782 wants; l2 lists everything; l3 lacks 127.0.0.2 */
	write_zone(fx->dir, zone_names[0], "127.0.0.2\n192.0.2.7\n");
	write_zone(fx->dir, zone_names[1], "127.0.0.0/24\n");
	write_zone(fx->dir, zone_names[2], "192.0.2.0/24\n");
	parse_options(&o, (const char *[]){ "--zones", fx->dir, "192.0.2.0/24", NULL });
	assert_int_equal(session_open(&s, &o, err, sizeof err), 0);
	assert_string_equal(s.zone_note, "");
	for (size_t z = 0; z < 3; z++)
		assert_int_equal(s.health[z], ZH_UNKNOWN);
	probe(&s);
	assert_int_equal(s.health[0], ZH_OK);
	assert_true(session_zone_trusted(&s, 0));
	assert_int_equal(s.health[1], ZH_LISTS_ALL);
	assert_false(session_zone_trusted(&s, 1));
	assert_int_equal(s.health[2], ZH_DEAD);
	assert_true(session_zone_trusted(&s, 2));
	assert_string_equal(zone_health_text(ZH_OK), "ok");
	assert_non_null(strstr(zone_health_text(ZH_DEAD), "127.0.0.2"));
	assert_non_null(strstr(zone_health_text(ZH_LISTS_ALL), "127.0.0.1"));

	/* probing again starts from scratch */
	probe(&s);
	assert_int_equal(s.health[0], ZH_OK);
	assert_int_equal(s.health[1], ZH_LISTS_ALL);
	session_close(&s);

	/* a zone listing 127.0.0.1 alone (not .2) still lists everything */
	write_zone(fx->dir, zone_names[1], "127.0.0.1\n");
	parse_options(&o, (const char *[]){ "--zones", fx->dir, "192.0.2.0/24", NULL });
	assert_int_equal(session_open(&s, &o, err, sizeof err), 0);
	probe(&s);
	assert_int_equal(s.health[1], ZH_LISTS_ALL);
	assert_false(session_zone_trusted(&s, 1));
	session_close(&s);
	clear_dir(fx->dir);
}

static void on_lookup(void *arg, const struct lookup *res)
{
	*(enum lk_state *)arg = res->state;
}

/* Look ip up in zone (an index into the session's zones) through the
 * session's backend. */
static enum lk_state query(struct session *s, size_t zone, uint32_t ip)
{
	enum lk_state st = LK_PENDING;

	assert_non_null(s->be);
	assert_true(backend_query(s->be, ip, s->zones[zone], BQ_NOCACHE, on_lookup, &st) >= 0);
	for (int i = 0; i < 100 && st == LK_PENDING; i++)
		loop_run_once(s->lp, 10);
	return st;
}

/* The zone files change under the session: it sees the change once it
 * reloads them, and a folder gone for good ends its backend. */
static void reload_zones(void **state)
{
	struct fixture *fx = *state;
	struct options o;
	struct session s;
	char err[512] = "";

	for (size_t z = 0; z < 3; z++)
		write_zone(fx->dir, zone_names[z], "127.0.0.2\n");
	parse_options(&o, (const char *[]){ "--zones", fx->dir, "192.0.2.0/24", NULL });
	assert_int_equal(session_open(&s, &o, err, sizeof err), 0);
	assert_int_equal(query(&s, 0, A(192, 0, 2, 7)), LK_CLEAN);
	write_zone(fx->dir, zone_names[0], "127.0.0.2\n192.0.2.7\n");
	assert_int_equal(query(&s, 0, A(192, 0, 2, 7)), LK_CLEAN);   /* read at open */
	assert_int_equal(session_reload_zones(&s, err, sizeof err), 0);
	assert_int_equal(query(&s, 0, A(192, 0, 2, 7)), LK_LISTED);

	clear_dir(fx->dir);
	assert_int_equal(rmdir(fx->dir), 0);
	err[0] = '\0';
	assert_int_equal(session_reload_zones(&s, err, sizeof err), -1);
	assert_null(s.be);
	if (!strstr(err, fx->dir))
		fail_msg("message does not name %s: %s", fx->dir, err);
	session_close(&s);
	assert_int_equal(mkdir(fx->dir, 0700), 0);
}

/* Over DNS there are no files to read again: the backend stays. */
static void reload_zones_over_dns(void **state)
{
	struct options o;
	struct session s;
	struct backend *be;
	char err[512] = "";

	(void)state;
	parse_options(&o, (const char *[]){ "--resolver", "127.0.0.1:9", "192.0.2.0/24", NULL });
	assert_int_equal(session_open(&s, &o, err, sizeof err), 0);
	be = s.be;
	assert_int_equal(session_reload_zones(&s, err, sizeof err), -1);
	assert_ptr_equal(s.be, be);
	assert_non_null(strstr(err, "DNS"));
	session_close(&s);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(bad_db),
		cmocka_unit_test(bad_zones_dir),
		cmocka_unit_test(zone_file_missing),
		cmocka_unit_test(bad_resolver),
		cmocka_unit_test(health),
		cmocka_unit_test(reload_zones),
		cmocka_unit_test(reload_zones_over_dns),
	};

	return cmocka_run_group_tests(tests, setup, teardown);
}
