/* Unit tests for geo/asntable.c through the asn_db interface: a handle
 * made from a snapshot's networks looks up, walks and lists an ASN's
 * networks as a MaxMind DB does; repeats and overlaps are dropped. */
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <setjmp.h>
#include <stdlib.h>
#include <string.h>
#include <cmocka.h>

#include "geo/asn.h"

#define A(a, b, c, d) ((uint32_t)(a) << 24 | (uint32_t)(b) << 16 | (uint32_t)(c) << 8 | (uint32_t)(d))

static int count(void *arg, const struct asn_info *net)
{
	(*(size_t *)arg)++;
	assert_true(net->found);
	return 0;
}

static void table(void **state)
{
	char org[] = "EXAMPLE-NET";
	const struct asn_info nets[] = {
		{ true, 64501, "OTHER", A(192, 0, 2, 128), 26 },
		{ true, 64500, org, A(192, 0, 2, 0), 25 },
		{ true, 64500, org, A(192, 0, 2, 0), 25 },          /* a repeat */
		{ true, 64502, "INSIDE", A(192, 0, 2, 16), 28 },    /* inside the /25 */
		{ true, 64500, org, A(198, 51, 100, 0), 24 },
		{ false, 0, "", 0, 0 },                              /* not found: left out */
	};
	struct asn_db *db = asn_db_from_networks("snap.json", nets, sizeof nets / sizeof nets[0], 1234);
	struct asn_info info;
	struct asn_net *list;
	size_t n = 0;
	uint64_t total;

	(void)state;
	assert_non_null(db);
	org[0] = 'X';   /* the handle keeps its own copy of each name */
	assert_string_equal(asn_db_path(db), "snap.json");
	assert_string_equal(asn_db_type(db), "snapshot");
	assert_int_equal(asn_db_build_time(db), 1234);
	assert_int_equal(asn_db_lookup(db, A(192, 0, 2, 20), &info), 0);
	assert_true(info.found);
	assert_int_equal(info.asn, 64500);
	assert_string_equal(info.org, "EXAMPLE-NET");
	assert_int_equal(info.prefix, 25);
	assert_int_equal(asn_db_lookup(db, A(192, 0, 2, 191), &info), 0);
	assert_int_equal(info.asn, 64501);
	assert_int_equal(asn_db_lookup(db, A(192, 0, 2, 192), &info), 0);
	assert_false(info.found);
	assert_int_equal(asn_db_lookup(db, A(10, 0, 0, 1), &info), 0);
	assert_false(info.found);
	assert_int_equal(asn_db_walk(db, count, &n), 0);
	assert_int_equal(n, 3);
	assert_int_equal(asn_db_networks(db, 64500, &list, &n, &total), 0);
	assert_int_equal(n, 2);
	assert_int_equal(list[0].net, A(192, 0, 2, 0));
	assert_int_equal(list[1].net, A(198, 51, 100, 0));
	assert_int_equal(total, 128 + 256);
	free(list);
	asn_db_close(db);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(table),
	};

	return cmocka_run_group_tests(tests, NULL, NULL);
}
