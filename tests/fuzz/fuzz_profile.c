/* Fuzzing core/scan/profileparse.c: any text as a profile file.  A refused
 * text names the file; an accepted profile holds valid keys, DNS names,
 * roles and code ranges inside 127/8 that never make 127.0.0.1 a listing,
 * and is freed without a leak. */
#include <string.h>

#include "core/scan/profile.h"
#include "tests/fuzz/fuzz.h"

#define PATH "profiles/fuzz.profile"

static void check_zone(const struct zone_def *z)
{
	const struct zone_code *k;

	FZ_CHECK(z->key && strlen(z->key) >= 1 && strlen(z->key) <= PROFILE_KEY_MAX);
	FZ_CHECK(strspn(z->key, "abcdefghijklmnopqrstuvwxyz0123456789_") == strlen(z->key));
	FZ_CHECK(z->zone && strchr(z->zone, '.') && z->zone[0] != '.');
	FZ_CHECK(z->title && z->title[0] && z->label && z->label[0]);
	FZ_CHECK(strlen(z->label) <= PROFILE_LABEL_MAX);
	FZ_CHECK(z->role <= ZR_ALLOW);
	FZ_CHECK(z->any || z->ncodes > 0);
	FZ_CHECK(z->ncodes <= PROFILE_MAX_CODES);
	for (size_t i = 0; i < z->ncodes; i++) {
		k = &z->codes[i];
		FZ_CHECK(k->lo <= k->hi && k->lo >> 24 == 127 && k->hi >> 24 == 127);
		FZ_CHECK(k->meaning && k->meaning[0]);
		FZ_CHECK(k->error || z->any == false);
		FZ_CHECK(k->error || k->lo > 0x7f000001u || k->hi < 0x7f000001u);
		FZ_CHECK(profile_code_find(z, k->lo) == k && profile_code_find(z, k->hi) == k);
	}
	k = profile_code_find(z, 0x7f000001u);
	FZ_CHECK(!k || k->error);
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	struct profile p;
	size_t single = 0;
	char err[300];

	err[0] = '\0';
	if (profile_parse(PATH, (const char *)data, size, &p, err, sizeof err) < 0) {
		FZ_CHECK(strncmp(err, PATH ":", strlen(PATH) + 1) == 0);
		return 0;
	}
	FZ_CHECK(p.name && p.name[0] && p.title && p.title[0]);
	FZ_CHECK(p.nzones >= 1 && p.nzones <= PROFILE_MAX_ZONES);
	for (size_t z = 0; z < p.nzones; z++) {
		check_zone(&p.zones[z]);
		single += p.zones[z].role == ZR_SINGLE;
		for (size_t y = 0; y < z; y++)
			FZ_CHECK(strcmp(p.zones[y].key, p.zones[z].key) != 0);
	}
	FZ_CHECK(single == 1);
	profile_free(&p);
	return 0;
}
