/* Fuzzing core/lookup/zonefile.c (with core/lookup/zoneparse.c and core/lookup/zoneindex.c)
 * through its public API only: the input is written as a zone file, plain
 * and gzip-compressed, and loaded from both.  Both readings must agree,
 * and every answer must be a listing, clean, or a listing-code error, with
 * a terminal-safe TXT. */
#include <ctype.h>
#include <stdio.h>
#include <string.h>

#include "core/base/ip.h"
#include "core/lookup/zonefile.h"
#include "tests/fuzz/fuzz.h"

/* Where zonefile_lookup keeps an answer's codes. */
static uint32_t zcodes[ZONEFILE_CODES];
static uint32_t zcodes_b[ZONEFILE_CODES];

#define MAX_PROBES 48

/* Addresses worth asking: those written in the input (and their
 * neighbours), the ends of the address space, the RFC 5782 entries. */
static size_t probes(const uint8_t *data, size_t size, uint32_t *ip)
{
	char tok[24];
	size_t n = 0, i = 0;

	ip[n++] = 0;
	ip[n++] = UINT32_MAX;
	ip[n++] = 0x7f000002u;
	ip[n++] = 0x7f000001u;
	while (i < size && n + 3 <= MAX_PROBES) {
		size_t l = 0;

		while (i < size && (isdigit(data[i]) || data[i] == '.') && l + 1 < sizeof tok)
			tok[l++] = (char)data[i++];
		tok[l] = '\0';
		if (l && ip4_parse(tok, &ip[n]) == 0) {
			ip[n + 1] = ip[n] - 1;
			ip[n + 2] = ip[n] + 1;
			n += 3;
		}
		i++;
	}
	return n;
}

static void check_answer(const struct lookup *lk)
{
	uint32_t c = lk->code;

	FZ_CHECK(lk->txt != NULL && strlen(lk->txt) < LOOKUP_TXT_MAX);
	FZ_CHECK(fz_clean_text(lk->txt, strlen(lk->txt)));
	switch (lk->state) {
	case LK_CLEAN:
		FZ_CHECK(lk->error == LKE_NONE && c == 0 && lk->txt[0] == '\0');
		break;
	case LK_LISTED:
		FZ_CHECK(lk->error == LKE_NONE);
		FZ_CHECK(c >> 24 == 127 && c != 0x7f000001u && (c & 0xffffff00u) != 0x7fffff00u);
		break;
	case LK_ERROR:
		/* A zone may hold any A value: only the listing rules refuse it. */
		FZ_CHECK(lk->error == LKE_BOGUS || lk->error == LKE_BLOCKED);
		FZ_CHECK(lk->txt[0] == '\0');
		break;
	default:
		FZ_CHECK(!"a state other than clean, listed or error");
	}
}

/* "PATH:LINE: reason" or "PATH: reason", path being the file read. */
static void check_error(const char *err, const char *path)
{
	size_t l = strlen(path);

	FZ_CHECK(fz_terminated(err, 256));
	FZ_CHECK(strncmp(err, path, l) == 0 && err[l] == ':');
}

/* The same zone read from two files: the same entries and answers. */
static void check_same(const struct zonefile *a, const struct zonefile *b,
                       const uint32_t *ip, size_t n)
{
	FZ_CHECK(zonefile_entries(a) == zonefile_entries(b));
	for (size_t i = 0; i < n; i++) {
		static char ta[LOOKUP_TXT_MAX], tb[LOOKUP_TXT_MAX];
		struct lookup la, lb;

		memset(&la, 0x5a, sizeof la);   /* answers must not depend on it */
		memset(&lb, 0, sizeof lb);
		zonefile_lookup(a, ip[i], &la, zcodes, ta, sizeof ta);
		zonefile_lookup(b, ip[i], &lb, zcodes_b, tb, sizeof tb);
		check_answer(&la);
		FZ_CHECK(la.state == lb.state && la.error == lb.error && la.code == lb.code);
		FZ_CHECK(strcmp(la.txt, lb.txt) == 0);
	}
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	/* A small cap: the fuzzer's inputs never need more, and a repeated
	 * line must not take the machine's memory. */
	static const struct zone_opts opt = { .max_entries = 100000 };
	char err[256], gzerr[256], warn[512], gzwarn[512];
	uint32_t ip[MAX_PROBES];
	size_t n = probes(data, size, ip);
	const char *plain = fz_write("zone", data, size);
	struct zonefile *zf = zonefile_load(plain, &opt, warn, sizeof warn, err, sizeof err);
	const char *gz = fz_write_gz("zone.gz", data, size);
	struct zonefile *zg = zonefile_load(gz, &opt, gzwarn, sizeof gzwarn, gzerr, sizeof gzerr);

	if (!zf)
		check_error(err, plain);
	if (!zg)
		check_error(gzerr, gz);
	/* Told apart by content: input that is itself gzip reads differently. */
	if (size < 2 || data[0] != 0x1f || data[1] != 0x8b) {
		FZ_CHECK(!zf == !zg);
		if (!zf)
			FZ_CHECK(strcmp(err + strlen(plain), gzerr + strlen(gz)) == 0);
		else
			check_same(zf, zg, ip, n);
		/* the same lines are skipped, with the same words */
		if (zf && zg && warn[0])
			FZ_CHECK(strcmp(warn + strlen(plain), gzwarn + strlen(gz)) == 0);
	} else if (zf) {
		check_same(zf, zf, ip, n);
	}
	zonefile_free(zf);
	zonefile_free(zg);
	return 0;
}
