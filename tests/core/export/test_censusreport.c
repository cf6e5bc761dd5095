/* Unit tests for core/export/censusreport.c: the CSV columns and quoting
 * of hostile AS names, JSON Lines with the same keys, the row for space
 * no ASN announces, the ratio left empty when none is guilty, the text's
 * totals and its width, and the exit status. */
#include <stdarg.h>
#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>
#include <setjmp.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <cmocka.h>

#include "core/export/censusreport.h"

/* The census of three ASNs and some unannounced space, by hand. */
static void census_make(struct census *c, struct census_asn *v)
{
	static char wide[128];

	memset(c, 0, sizeof *c);
	memset(v, 0, 3 * sizeof *v);
	v[0] = (struct census_asn){ .asn = 64500, .networks = 2,
	                            .sum = { .addrs = 384, .zone = { 3, 127, 384 }, .guilty = 3,
	                                     .blocked = 384, .collateral = 381 } };
	v[0].org = "Evil \"Net\", Inc.\x1b[31m\nX";
	v[1] = (struct census_asn){ .asn = 64501, .networks = 1,
	                            .sum = { .addrs = 256, .zone = { 0, 0, 256 }, .blocked = 256,
	                                     .collateral = 256 } };
	/* a long name of wide characters: more columns than bytes show */
	for (size_t i = 0; i + 3 < sizeof wide; i += 3)
		memcpy(wide + i, "\xe6\xbc\xa2", 3);
	v[1].org = wide;
	v[2] = (struct census_asn){ .asn = 64502, .networks = 1,
	                            .sum = { .addrs = 256, .zone = { 1, 0, 0 }, .guilty = 1,
	                                     .blocked = 1 }, .org = "" };
	c->v = v;
	c->n = 3;
	c->unannounced = (struct census_asn){ .sum = { .addrs = 1000, .zone = { 2, 4 },
	                                               .guilty = 2, .blocked = 4, .collateral = 2 } };
	c->asns = 4;
	c->networks = 12345;
	c->total = (struct acct_sum){ .addrs = 4278190080u, .zone = { 6, 131, 640 }, .guilty = 6,
	                              .blocked = 645, .collateral = 639 };
}

static char *write(enum export_format fmt, const struct census *c)
{
	struct session s = { .profile = profile_find("uceprotect") };
	char *buf = NULL;
	size_t len = 0;
	FILE *f = open_memstream(&buf, &len);

	assert_non_null(f);
	assert_int_equal(censusreport_write(f, fmt, &s, c, "2021-02-08: rules (demo)", 0), 0);
	assert_int_equal(fclose(f), 0);
	return buf;
}

static void csv_rows(void **state)
{
	struct census_asn v[3];
	struct census c;
	char *out;

	(void)state;
	census_make(&c, v);
	out = write(EXPORT_CSV, &c);
	assert_string_equal(out,
		"asn,as_org,networks,addresses,guilty,l1,l2,l3,blocked,collateral,ratio\n"
		"64500,\"Evil \"\"Net\"\", Inc.?[31m?X\",2,384,3,3,127,384,384,381,127.0\n"
		"64501,"
		"\xe6\xbc\xa2\xe6\xbc\xa2\xe6\xbc\xa2\xe6\xbc\xa2\xe6\xbc\xa2\xe6\xbc\xa2\xe6\xbc\xa2"
		"\xe6\xbc\xa2\xe6\xbc\xa2\xe6\xbc\xa2\xe6\xbc\xa2\xe6\xbc\xa2\xe6\xbc\xa2\xe6\xbc\xa2"
		"\xe6\xbc\xa2\xe6\xbc\xa2\xe6\xbc\xa2\xe6\xbc\xa2\xe6\xbc\xa2\xe6\xbc\xa2\xe6\xbc\xa2"
		"\xe6\xbc\xa2\xe6\xbc\xa2\xe6\xbc\xa2\xe6\xbc\xa2\xe6\xbc\xa2\xe6\xbc\xa2\xe6\xbc\xa2"
		"\xe6\xbc\xa2\xe6\xbc\xa2\xe6\xbc\xa2\xe6\xbc\xa2\xe6\xbc\xa2\xe6\xbc\xa2\xe6\xbc\xa2"
		"\xe6\xbc\xa2\xe6\xbc\xa2\xe6\xbc\xa2\xe6\xbc\xa2\xe6\xbc\xa2\xe6\xbc\xa2\xe6\xbc\xa2"
		",1,256,0,0,0,256,256,256,\n"
		"64502,,1,256,1,1,0,0,1,0,0.0\n"
		",(not announced),0,1000,2,2,4,0,4,2,1.0\n");
	free(out);
	/* nothing listed where no ASN announces: no such row */
	memset(&c.unannounced.sum, 0, sizeof c.unannounced.sum);
	c.unannounced.sum.addrs = 1000;
	out = write(EXPORT_CSV, &c);
	assert_null(strstr(out, "(not announced)"));
	free(out);
}

static void json_lines(void **state)
{
	struct census_asn v[3];
	struct census c;
	char *out, *second, *third;

	(void)state;
	census_make(&c, v);
	out = write(EXPORT_JSON, &c);
	second = strchr(out, '\n') + 1;
	third = strchr(second, '\n') + 1;
	assert_memory_equal(out, "{\"asn\":64500,\"as_org\":\"Evil \\\"Net\\\", Inc.?[31m?X\","
	                    "\"networks\":2,\"addresses\":384,\"guilty\":3,\"l1\":3,\"l2\":127,"
	                    "\"l3\":384,\"blocked\":384,\"collateral\":381,\"ratio\":127.0}\n",
	                    (size_t)(second - out));
	assert_non_null(strstr(second, "\"ratio\":null}\n"));
	assert_memory_equal(third, "{\"asn\":64502,\"as_org\":\"\",", 25);
	assert_non_null(strstr(out, "{\"asn\":null,\"as_org\":\"(not announced)\",\"networks\":0,"
	                       "\"addresses\":1000,\"guilty\":2,\"l1\":2,\"l2\":4,\"l3\":0,"
	                       "\"blocked\":4,\"collateral\":2,\"ratio\":1.0}\n"));
	free(out);
}

/* Columns of a line: code points, each a column at least. */
static size_t columns(const char *s, size_t len)
{
	size_t n = 0;

	for (size_t i = 0; i < len; i++)
		if (((unsigned char)s[i] & 0xc0) != 0x80)
			n += (unsigned char)s[i] < 0x80 ? 1 : 2;
	return n;
}

static void text_totals_and_width(void **state)
{
	struct census_asn v[3];
	struct census c;
	char *out;

	(void)state;
	census_make(&c, v);
	out = write(EXPORT_TEXT, &c);
	assert_non_null(strstr(out, "  policy      2021-02-08: rules (demo)\n"));
	assert_non_null(strstr(out, "  counted     4,278,190,080 addresses"));
	assert_non_null(strstr(out, "  ASNs        3 of 4 have listed addresses (12,345 networks)\n"));
	assert_non_null(strstr(out, "  guilty      6\n"));
	assert_non_null(strstr(out, "  blocked     645\n"));
	assert_non_null(strstr(out, "  collateral  639 (ratio 106.5)\n"));
	assert_non_null(strstr(out, "  l3          640: UCEPROTECT level 3 (ASN)\n"));
	assert_non_null(strstr(out, "  unannounced 4 blocked, 2 guilty"));
	assert_non_null(strstr(out, "     1  AS64500                  3           384           381"
	                       "      127.0  Evil \"Net\", Inc.?[31m?X\n"));
	assert_non_null(strstr(out, "     2  AS64501                  0           256           256"
	                       "        n/a  \xe6\xbc\xa2"));
	assert_non_null(strstr(out, "...\n"));
	assert_non_null(strstr(out, "(no name)\n"));
	assert_null(strchr(out, '\x1b'));
	for (char *p = out, *nl; *p; p = nl + 1) {
		nl = strchr(p, '\n');
		assert_non_null(nl);
		if (columns(p, (size_t)(nl - p)) > CENSUS_TEXT_COLS)
			fail_msg("line wider than %d columns: %.*s", CENSUS_TEXT_COLS, (int)(nl - p), p);
	}
	free(out);
}

static void status(void **state)
{
	const struct profile *full = profile_find("uceprotect-full");
	struct census_asn v[3];
	struct census c;

	(void)state;
	census_make(&c, v);
	assert_int_equal(censusreport_status(&c, profile_find("uceprotect")), EXIT_LISTED);
	memset(&c.total, 0, sizeof c.total);
	assert_int_equal(censusreport_status(&c, profile_find("uceprotect")), EXIT_NOTHING_LISTED);
	c.total.zone[4] = 9;   /* on the whitelist only */
	assert_int_equal(censusreport_status(&c, full), EXIT_NOTHING_LISTED);
	c.total.zone[3] = 1;   /* backscatterer: listed, though it blocks nothing here */
	assert_int_equal(censusreport_status(&c, full), EXIT_LISTED);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(csv_rows),
		cmocka_unit_test(json_lines),
		cmocka_unit_test(text_totals_and_width),
		cmocka_unit_test(status),
	};

	return cmocka_run_group_tests(tests, NULL, NULL);
}
