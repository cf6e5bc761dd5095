/* Unit tests for core/scan/profile.c: the built-in table is found by name,
 * has the default, and every profile is well formed. */
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <setjmp.h>
#include <string.h>
#include <cmocka.h>

#include "core/scan/profile.h"

static size_t count_role(const struct profile *p, enum zone_role r)
{
	size_t n = 0;

	for (size_t z = 0; z < p->nzones; z++)
		n += p->zones[z].role == r;
	return n;
}

static void find_by_name(void **state)
{
	size_t n;
	const struct profile *all = profile_list(&n);

	(void)state;
	assert_non_null(profile_find(PROFILE_DEFAULT));
	assert_string_equal(profile_find(PROFILE_DEFAULT)->name, PROFILE_DEFAULT);
	assert_null(profile_find("no-such-profile"));
	assert_null(profile_find(""));
	assert_null(profile_find("UCEPROTECT"));   /* names are exact */
	assert_null(profile_find("uceprotec"));
	for (size_t i = 0; i < n; i++)
		assert_ptr_equal(profile_find(all[i].name), &all[i]);
}

static void table_sane(void **state)
{
	size_t n;
	const struct profile *all = profile_list(&n);

	(void)state;
	assert_true(n >= 1);
	for (size_t i = 0; i < n; i++) {
		const struct profile *p = &all[i];

		assert_non_null(p->name);
		assert_true(p->name[0]);
		assert_non_null(p->title);
		assert_true(p->nzones >= 1 && p->nzones <= PROFILE_MAX_ZONES);
		for (size_t j = 0; j < i; j++)
			if (strcmp(all[j].name, p->name) == 0)
				fail_msg("profile name %s twice", p->name);
		for (size_t z = 0; z < p->nzones; z++) {
			const struct zone_def *d = &p->zones[z];

			assert_non_null(d->key);
			assert_true(d->key[0]);
			assert_non_null(d->zone);
			assert_non_null(strchr(d->zone, '.'));
			assert_non_null(d->title);
			assert_true(d->role <= ZR_ALLOW);
			for (size_t y = 0; y < z; y++) {
				if (strcmp(p->zones[y].key, d->key) == 0)
					fail_msg("%s: key %s twice", p->name, d->key);
				if (strcmp(p->zones[y].zone, d->zone) == 0)
					fail_msg("%s: zone %s twice", p->name, d->zone);
			}
		}
		/* at most one zone per counted level: the classes need it */
		assert_true(count_role(p, ZR_SINGLE) <= 1);
		assert_true(count_role(p, ZR_RANGE) <= 1);
		assert_true(count_role(p, ZR_ASN) <= 1);
		/* something must say whether an address itself is listed */
		assert_true(count_role(p, ZR_SINGLE) == 1);
	}
}

static void uceprotect_levels(void **state)
{
	const struct profile *p = profile_find("uceprotect");
	const struct profile *full = profile_find("uceprotect-full");

	(void)state;
	assert_non_null(p);
	assert_int_equal(p->nzones, 3);
	assert_int_equal(count_role(p, ZR_SINGLE), 1);
	assert_int_equal(count_role(p, ZR_RANGE), 1);
	assert_int_equal(count_role(p, ZR_ASN), 1);
	assert_string_equal(p->zones[0].key, "l1");
	assert_int_equal(p->zones[0].role, ZR_SINGLE);
	assert_string_equal(p->zones[1].key, "l2");
	assert_int_equal(p->zones[1].role, ZR_RANGE);
	assert_string_equal(p->zones[2].key, "l3");
	assert_int_equal(p->zones[2].role, ZR_ASN);
	assert_string_equal(p->zones[0].zone, "dnsbl-1.uceprotect.net");

	/* the full profile keeps the three levels first and adds a whitelist */
	assert_non_null(full);
	for (size_t z = 0; z < 3; z++) {
		assert_string_equal(full->zones[z].key, p->zones[z].key);
		assert_int_equal(full->zones[z].role, p->zones[z].role);
	}
	assert_int_equal(count_role(full, ZR_ALLOW), 1);

	/* spamhaus has no range or ASN zone (asnscan refuses it) */
	assert_non_null(profile_find("spamhaus"));
	assert_int_equal(count_role(profile_find("spamhaus"), ZR_RANGE), 0);
	assert_int_equal(count_role(profile_find("spamhaus"), ZR_ASN), 0);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(find_by_name),
		cmocka_unit_test(table_sane),
		cmocka_unit_test(uceprotect_levels),
	};

	return cmocka_run_group_tests(tests, NULL, NULL);
}
