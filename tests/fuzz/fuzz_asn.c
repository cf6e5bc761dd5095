/* Fuzzing geo/asn.c: any bytes as a MaxMind DB file.  A database that
 * opens must answer lookups and walks without crashing or looping, and
 * what it returns must be consistent: networks aligned, in address order,
 * holding the address looked up; organisations terminal-safe. */
#include <sanitizer/lsan_interface.h>
#include <stdlib.h>
#include <string.h>

#include "geo/asn.h"
#include "tests/fuzz/fuzz.h"

#define MAX_VISITS 4096   /* a walk of a few KB of input is never longer */
#define MAX_ASNS 4

struct walk {
	uint64_t next;         /* the lowest address the next network may hold */
	size_t visits;
	uint32_t asns[MAX_ASNS];
	size_t nasns;
};

static void check_info(const struct asn_info *i)
{
	FZ_CHECK(i->prefix <= 32);
	FZ_CHECK((i->net & fz_host_mask(i->prefix)) == 0);
	FZ_CHECK(i->org != NULL && strlen(i->org) < ASN_ORG_MAX);
	FZ_CHECK(fz_clean_text(i->org, strlen(i->org)));
}

static int on_net(void *arg, const struct asn_info *i)
{
	struct walk *w = arg;

	check_info(i);
	FZ_CHECK(i->found);
	FZ_CHECK(i->net >= w->next);   /* in order, no overlap */
	w->next = (uint64_t)i->net + fz_host_mask(i->prefix) + 1;
	if (w->nasns < MAX_ASNS && i->asn)
		w->asns[w->nasns++] = i->asn;
	return ++w->visits >= MAX_VISITS;
}

/* Every network of an ASN is one the walk gave it, in order. */
static void check_networks(struct asn_db *db, uint32_t asn)
{
	struct asn_net *nets;
	size_t n;
	uint64_t total, sum = 0;

	if (asn_db_networks(db, asn, &nets, &n, &total) < 0)
		return;   /* a corrupt record further on */
	for (size_t k = 0; k < n; k++) {
		FZ_CHECK(nets[k].prefix <= 32 && (nets[k].net & fz_host_mask(nets[k].prefix)) == 0);
		FZ_CHECK(k == 0 || nets[k].net > nets[k - 1].net + fz_host_mask(nets[k - 1].prefix));
		sum += (uint64_t)1 << (32 - nets[k].prefix);
	}
	FZ_CHECK(sum == total);
	free(nets);
}

static void lookups(struct asn_db *db, const uint8_t *data, size_t size)
{
	uint32_t ips[8] = { 0, UINT32_MAX, 0x0a000001u, 0xc0000205u, 0xc6120001u };
	size_t n = 5;

	/* Also addresses made of the input's last bytes. */
	for (size_t o = 0; o + 4 <= size && n < 8; o += 4, n++)
		ips[n] = (uint32_t)data[size - 1 - o] << 24 | (uint32_t)data[size - 2 - o] << 16 |
		         (uint32_t)data[size - 3 - o] << 8 | data[size - 4 - o];
	for (size_t k = 0; k < n; k++) {
		struct asn_info i;

		if (asn_db_lookup(db, ips[k], &i) < 0 || !i.found)
			continue;
		check_info(&i);
		FZ_CHECK((ips[k] & ~fz_host_mask(i.prefix)) == i.net);
	}
}

/* libmaxminddb 1.7.1 (Debian 12) leaks 4640 bytes in MMDB_open when the
 * description in the metadata is invalid: its own bug, fixed upstream
 * in maxmind/libmaxminddb pull request 356, not one of rblscope's.  Its
 * library has no symbols, so the whole library is excused; rblscope's
 * own allocations are still checked. */
const char *__lsan_default_suppressions(void)
{
	return "leak:libmaxminddb.so\n";
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	char err[256];
	struct asn_db *db = asn_db_open(fz_write("asn.mmdb", data, size), err, sizeof err);
	struct walk w = { 0 };

	if (!db) {
		FZ_CHECK(fz_terminated(err, sizeof err) && strstr(err, "asn.mmdb") != NULL);
		return 0;
	}
	FZ_CHECK(asn_db_type(db) != NULL);
	lookups(db, data, size);
	if (asn_db_walk(db, on_net, &w) >= 0)
		for (size_t k = 0; k < w.nasns; k++)
			check_networks(db, w.asns[k]);
	asn_db_close(db);
	return 0;
}
