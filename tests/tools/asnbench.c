/* Times rblscope's ASN walks on a real database: a full asn_db_walk and
 * asn_db_networks for one ASN, each repeated, against a peer walk that
 * decodes every record with libmaxminddb's MMDB_get_entry_data_list.
 *   asnbench DB ASN [RUNS]
 * Exit 0, or 1 on an error or when the peer disagrees on the counts. */
#include "geo/asn.h"

#include <maxminddb.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/resource.h>

#define MAX_RUNS 50
#define TARGET_WALK_MS 100.0
#define TARGET_NETS_MS 50.0
#define TARGET_RSS_KIB (32 * 1024L)

struct tally {
	uint64_t nets, addrs;
	uint64_t asn_nets, asn_addrs;
	uint32_t asn;
};

struct timing {
	double ms[MAX_RUNS];
	double first;  /* the first run: pages not yet mapped, caches unsized */
	int runs;
};

static double now_ms(void)
{
	struct timespec ts;

	clock_gettime(CLOCK_MONOTONIC, &ts);
	return ts.tv_sec * 1e3 + ts.tv_nsec / 1e6;
}

static int cmp_double(const void *a, const void *b)
{
	double x = *(const double *)a, y = *(const double *)b;

	return (x > y) - (x < y);
}

static double best_ms(struct timing *t)
{
	qsort(t->ms, (size_t)t->runs, sizeof(t->ms[0]), cmp_double);
	return t->ms[0];
}

static double median_ms(struct timing *t)
{
	qsort(t->ms, (size_t)t->runs, sizeof(t->ms[0]), cmp_double);
	return t->runs % 2 ? t->ms[t->runs / 2]
	                   : (t->ms[t->runs / 2 - 1] + t->ms[t->runs / 2]) / 2;
}

static long peak_rss_kib(void)
{
	struct rusage ru;

	return getrusage(RUSAGE_SELF, &ru) == 0 ? ru.ru_maxrss : -1;
}

static void tally_add(struct tally *t, uint32_t asn, unsigned prefix)
{
	uint64_t size = (uint64_t)1 << (32 - prefix);

	t->nets++;
	t->addrs += size;
	if (asn == t->asn) {
		t->asn_nets++;
		t->asn_addrs += size;
	}
}

static int count_net(void *arg, const struct asn_info *net)
{
	tally_add(arg, net->asn, net->prefix);
	return 0;
}

static int time_walk(struct asn_db *db, int runs, struct timing *t,
                     struct tally *out)
{
	for (t->runs = 0; t->runs < runs; t->runs++) {
		struct tally k = { .asn = out->asn };
		double start = now_ms();

		if (asn_db_walk(db, count_net, &k) != 0)
			return -1;
		t->ms[t->runs] = now_ms() - start;
		t->first = t->runs ? t->first : t->ms[0];
		*out = k;
	}
	return 0;
}

static int time_networks(struct asn_db *db, uint32_t asn, int runs,
                         struct timing *t, size_t *n, uint64_t *total)
{
	struct asn_net *nets;

	for (t->runs = 0; t->runs < runs; t->runs++) {
		double start = now_ms();

		if (asn_db_networks(db, asn, &nets, n, total) != 0)
			return -1;
		t->ms[t->runs] = now_ms() - start;
		t->first = t->runs ? t->first : t->ms[0];
		free(nets);
	}
	return 0;
}

/* ---- the peer: a plain walk decoding each network's whole record ---- */

/* The ASN in a decoded record: a map's entries come as key, value. */
static uint32_t peer_asn(MMDB_entry_data_list_s *list)
{
	MMDB_entry_data_list_s *e;

	if (!list || list->entry_data.type != MMDB_DATA_TYPE_MAP)
		return 0;
	for (e = list->next; e && e->next; e = e->next->next)
		if (e->entry_data.type == MMDB_DATA_TYPE_UTF8_STRING &&
		    e->entry_data.data_size == strlen("autonomous_system_number") &&
		    memcmp(e->entry_data.utf8_string, "autonomous_system_number",
		           e->entry_data.data_size) == 0)
			return e->next->entry_data.type == MMDB_DATA_TYPE_UINT32
			       ? e->next->entry_data.uint32 : 0;
	return 0;
}

static int peer_record(MMDB_s *mmdb, uint8_t type, uint64_t rec,
                       MMDB_entry_s entry, unsigned depth, struct tally *t);

static int peer_node(MMDB_s *mmdb, uint32_t node, unsigned depth,
                     struct tally *t)
{
	MMDB_search_node_s n;

	if (node >= mmdb->metadata.node_count ||
	    MMDB_read_node(mmdb, node, &n) != MMDB_SUCCESS)
		return -1;
	if (peer_record(mmdb, n.left_record_type, n.left_record,
	                n.left_record_entry, depth + 1, t) < 0)
		return -1;
	return peer_record(mmdb, n.right_record_type, n.right_record,
	                   n.right_record_entry, depth + 1, t);
}

static int peer_record(MMDB_s *mmdb, uint8_t type, uint64_t rec,
                       MMDB_entry_s entry, unsigned depth, struct tally *t)
{
	MMDB_entry_data_list_s *list = NULL;
	unsigned base = mmdb->metadata.ip_version == 6 ? 96 : 0;

	if (type == MMDB_RECORD_TYPE_SEARCH_NODE)
		return depth < base + 32 ? peer_node(mmdb, (uint32_t)rec, depth, t) : -1;
	if (type == MMDB_RECORD_TYPE_EMPTY)
		return 0;
	if (type != MMDB_RECORD_TYPE_DATA ||
	    MMDB_get_entry_data_list(&entry, &list) != MMDB_SUCCESS) {
		MMDB_free_entry_data_list(list);
		return -1;
	}
	tally_add(t, peer_asn(list), depth > base ? depth - base : 0);
	MMDB_free_entry_data_list(list);
	return 0;
}

/* From ::/96 in an IPv6 tree, like rblscope, so both see IPv4 once. */
static int peer_walk(MMDB_s *mmdb, struct tally *t)
{
	MMDB_search_node_s n;
	uint32_t node = 0;
	unsigned depth = 0;

	if (mmdb->metadata.ip_version == 6) {
		for (; depth < 96; depth++) {
			if (node >= mmdb->metadata.node_count ||
			    MMDB_read_node(mmdb, node, &n) != MMDB_SUCCESS)
				return -1;
			if (n.left_record_type != MMDB_RECORD_TYPE_SEARCH_NODE)
				return peer_record(mmdb, n.left_record_type, n.left_record,
				                   n.left_record_entry, depth + 1, t);
			node = (uint32_t)n.left_record;
		}
	}
	return peer_node(mmdb, node, depth, t);
}

static int time_peer(const char *path, int runs, struct timing *t,
                     struct tally *out)
{
	MMDB_s mmdb;

	if (MMDB_open(path, MMDB_MODE_MMAP, &mmdb) != MMDB_SUCCESS)
		return -1;
	for (t->runs = 0; t->runs < runs; t->runs++) {
		struct tally k = { .asn = out->asn };
		double start = now_ms();

		if (peer_walk(&mmdb, &k) != 0) {
			MMDB_close(&mmdb);
			return -1;
		}
		t->ms[t->runs] = now_ms() - start;
		t->first = t->runs ? t->first : t->ms[0];
		*out = k;
	}
	MMDB_close(&mmdb);
	return 0;
}

/* ---- report ---- */

static void print_timing(const char *what, struct timing *t)
{
	printf("%-36s best %7.2f ms  median %7.2f ms  first %7.2f ms  (%d runs)\n",
	       what, best_ms(t), median_ms(t), t->first, t->runs);
}

static const char *verdict(bool met)
{
	return met ? "met" : "MISSED";
}

static int parse_args(int argc, char **argv, uint32_t *asn, int *runs)
{
	char *end;
	unsigned long v;

	if (argc < 3 || argc > 4) {
		fprintf(stderr, "usage: asnbench DB ASN [RUNS]\n");
		return -1;
	}
	v = strtoul(argv[2] + (strncmp(argv[2], "AS", 2) == 0 ? 2 : 0), &end, 10);
	if (*end || v == 0 || v > UINT32_MAX) {
		fprintf(stderr, "asnbench: bad ASN '%s'\n", argv[2]);
		return -1;
	}
	*asn = (uint32_t)v;
	*runs = argc == 4 ? atoi(argv[3]) : 7;
	if (*runs < 1 || *runs > MAX_RUNS) {
		fprintf(stderr, "asnbench: RUNS must be 1 to %d\n", MAX_RUNS);
		return -1;
	}
	return 0;
}

static int run(const char *path, uint32_t asn, int runs)
{
	struct timing walk, nets, peer;
	struct tally ours = { .asn = asn }, theirs = { .asn = asn };
	char err[512];
	size_t n;
	uint64_t total;
	long rss;
	struct asn_db *db = asn_db_open(path, err, sizeof(err));

	if (!db) {
		fprintf(stderr, "asnbench: %s\n", err);
		return 1;
	}
	printf("database %s (%s)\n", path, asn_db_type(db));
	if (time_walk(db, runs, &walk, &ours) < 0 ||
	    time_networks(db, asn, runs, &nets, &n, &total) < 0) {
		fprintf(stderr, "asnbench: %s: walk failed: corrupt database\n", path);
		asn_db_close(db);
		return 1;
	}
	rss = peak_rss_kib();  /* before the peer's allocations */
	asn_db_close(db);
	/* The peer is slower and only the reference: three runs are enough. */
	if (time_peer(path, runs < 3 ? runs : 3, &peer, &theirs) < 0) {
		fprintf(stderr, "asnbench: %s: peer walk failed\n", path);
		return 1;
	}

	printf("networks %llu, addresses %llu\n", (unsigned long long)ours.nets,
	       (unsigned long long)ours.addrs);
	printf("AS%lu: networks %zu, addresses %llu\n", (unsigned long)asn, n,
	       (unsigned long long)total);
	print_timing("asn_db_walk (all networks)", &walk);
	print_timing("asn_db_networks", &nets);
	print_timing("peer: MMDB_get_entry_data_list walk", &peer);
	printf("peer / asn_db_walk: %.1fx (best), %.1fx (median)\n",
	       best_ms(&peer) / best_ms(&walk), median_ms(&peer) / median_ms(&walk));
	printf("peak RSS %ld KiB (rblscope runs), %ld KiB (after the peer)\n", rss,
	       peak_rss_kib());
	printf("targets: walk <= %.0f ms %s, networks <= %.0f ms %s, "
	       "RSS <= %ld MiB %s\n", TARGET_WALK_MS,
	       verdict(best_ms(&walk) <= TARGET_WALK_MS), TARGET_NETS_MS,
	       verdict(best_ms(&nets) <= TARGET_NETS_MS), TARGET_RSS_KIB / 1024,
	       verdict(rss <= TARGET_RSS_KIB));

	if (theirs.nets != ours.nets || theirs.addrs != ours.addrs ||
	    theirs.asn_nets != n || theirs.asn_addrs != total ||
	    ours.asn_nets != n || ours.asn_addrs != total) {
		fprintf(stderr, "asnbench: counts disagree: peer %llu networks, "
		        "%llu in AS%lu\n", (unsigned long long)theirs.nets,
		        (unsigned long long)theirs.asn_nets, (unsigned long)asn);
		return 1;
	}
	printf("counts agree with the peer\n");
	return 0;
}

int main(int argc, char **argv)
{
	uint32_t asn;
	int runs;

	if (parse_args(argc, argv, &asn, &runs) < 0)
		return 1;
	return run(argv[1], asn, runs);
}
