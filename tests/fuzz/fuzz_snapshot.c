/* Fuzzing core/base/json.c and core/snapshot/snapshot.c: any bytes as
 * one JSON text, and as a snapshot file.  An accepted snapshot holds its
 * addresses once each, in order, no listing without a documented code,
 * no control character in a text; a refused one says "PATH:LINE: why"
 * on one line. */
#include <string.h>

#include "core/base/json.h"
#include "core/scan/zoneclass.h"
#include "core/snapshot/snapshot.h"
#include "tests/fuzz/fuzz.h"

static void fuzz_json(const uint8_t *data, size_t size)
{
	static struct json_reader r;
	const struct json *v = json_read(&r, (const char *)data, size);

	if (!v) {
		FZ_CHECK(fz_terminated(r.why, sizeof r.why) && r.why[0]);
		return;
	}
	FZ_CHECK(v->type <= JSON_OBJECT);
	if (v->type == JSON_STRING)
		FZ_CHECK(strlen(v->str) <= size);
}

static void fuzz_snapshot(const uint8_t *data, size_t size)
{
	const char *path = fz_write("snap.json", data, size);
	struct snapshot snap;
	char err[600];

	err[0] = '\0';
	if (snapshot_read(path, &snap, err, sizeof err) < 0) {
		FZ_CHECK(fz_terminated(err, sizeof err));
		FZ_CHECK(strncmp(err, path, strlen(path)) == 0 && !strchr(err, '\n'));
		return;
	}
	FZ_CHECK(snap.profile.nzones >= 1 && snap.profile.nzones <= PROFILE_MAX_ZONES);
	for (size_t i = 0; i < snap.nrows; i++) {
		const struct snap_row *r = &snap.rows[i];

		FZ_CHECK(i == 0 || snap.rows[i - 1].ip < r->ip);
		FZ_CHECK(snapshot_row(&snap, r->ip) == r);
		FZ_CHECK(fz_clean_text(r->asn.org, strlen(r->asn.org)));
		for (size_t z = 0; z < snap.profile.nzones; z++) {
			const struct lookup *l = &r->zone[z];
			struct lookup again = *l;

			FZ_CHECK(fz_clean_text(l->txt, strlen(l->txt)));
			if (l->state != LK_LISTED)
				continue;
			FZ_CHECK(l->ncodes > 0 && l->codes);
			zone_classify(&snap.profile.zones[z], l->codes, l->ncodes, &again, NULL, 0);
			FZ_CHECK(again.state == LK_LISTED);
		}
	}
	snapshot_free(&snap);
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	fuzz_json(data, size);
	fuzz_snapshot(data, size);
	return 0;
}
