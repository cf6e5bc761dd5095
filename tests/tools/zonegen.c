/* zonegen: random rbldnsd zone files and the addresses to check them at,
 * and a batch DNS client to ask a loopback rbldnsd about those addresses;
 * for tests/e2e/test_zonediff.sh, which compares rbldnsd's answers with
 * rblscope --zones.
 *   zonegen gen SEED set|trie ZONEFILE PROBEFILE
 *     writes a zone file (the syntax rbldnsd reads, with lines it skips)
 *     and, one a line, the addresses around every entry's ends (start-1,
 *     start, end, end+1) and random addresses near the entries.
 *   zonegen ask 127.0.0.1:PORT ZONE < PROBEFILE
 *     prints "ADDRESS<TAB>A,A...<TAB>TXT" per address: the A records in
 *     the order of the answer, and the TXT records joined by one space
 *     (as rblscope joins them); empty fields for no record.
 * Only 127.0.0.0/8 servers are accepted: the tests never leave the
 * loopback. */
#include <arpa/inet.h>
#include <errno.h>
#include <netinet/in.h>
#include <poll.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/socket.h>
#include <time.h>
#include <unistd.h>

#define MAX_PROBES 30000
#define WINDOW 64          /* queries in flight */
#define RETRY_MS 300
#define TRIES 8

/* ---- a small, seeded random source (xorshift64*), the same on every
 * machine for the same seed ---- */

static uint64_t rng_state;

static uint32_t rnd(uint32_t n)
{
	rng_state ^= rng_state >> 12;
	rng_state ^= rng_state << 25;
	rng_state ^= rng_state >> 27;
	return (uint32_t)((rng_state * 2685821657736338717ull) >> 32) % n;
}

static void die(const char *msg)
{
	fprintf(stderr, "zonegen: %s\n", msg);
	exit(2);
}

/* ---- gen ---- */

struct gen {
	FILE *zone, *probes;
	int trie;
	uint32_t cluster[3];   /* /16 networks most entries fall in */
};

static void ip_str(uint32_t ip, char out[16])
{
	snprintf(out, 16, "%u.%u.%u.%u", ip >> 24, (ip >> 16) & 255, (ip >> 8) & 255, ip & 255);
}

static void probe(struct gen *g, uint64_t ip)
{
	char s[16];

	if (ip > UINT32_MAX)
		return;   /* past either end of the address space */
	ip_str((uint32_t)ip, s);
	fprintf(g->probes, "%s\n", s);
}

static void probe_ends(struct gen *g, uint32_t lo, uint32_t hi)
{
	probe(g, (uint64_t)lo - 1);
	probe(g, lo);
	probe(g, hi);
	probe(g, (uint64_t)hi + 1);
	probe(g, lo + rnd(hi - lo + 1 ? hi - lo + 1 : UINT32_MAX));
}

static uint32_t near_address(struct gen *g)
{
	return g->cluster[rnd(3)] | rnd(65536);
}

/* Prefix lengths 8..32, the long ones more often, as in real zones. */
static unsigned prefix_len(void)
{
	static const unsigned lens[] = { 8, 9, 10, 11, 12, 13, 14, 15, 16, 17, 18, 19, 20,
		21, 22, 23, 24, 25, 26, 27, 28, 29, 30, 31, 32, 24, 32, 32, 28, 30, 31 };

	return lens[rnd(sizeof(lens) / sizeof(lens[0]))];
}

static uint32_t mask(unsigned len)
{
	return len ? 0xffffffffu << (32 - len) : 0;
}

static const char *const words[] = { "spam", "bot", "open relay", "see http://bl.test/?",
	"listed", "x-y_z", "dynamic", "abuse/1" };

/* A TXT template: words, with $ (the address), $0-$3, $$ mixed in. */
static void txt_template(char *out, size_t len)
{
	static const char *const subst[] = { "$", "$0", "$1", "$2", "$3", "$$", "$9" };
	size_t n = 0;
	unsigned parts = 1 + rnd(3);

	out[0] = '\0';
	for (unsigned i = 0; i < parts && n < len; i++)
		n += (size_t)snprintf(out + n, len - n, "%s%s", i ? " " : "",
		                      rnd(3) ? words[rnd(8)] : subst[rnd(7)]);
}

/* An entry's value: nothing, ":A", ":A:TXT" or a bare TXT. */
static void value(char *out, size_t len)
{
	char txt[96];
	unsigned a = rnd(20) ? 2 + rnd(10) : 1;   /* 127.0.0.1 now and then */

	txt_template(txt, sizeof(txt));
	switch (rnd(5)) {
	case 0: snprintf(out, len, "%s", ""); break;
	case 1: snprintf(out, len, " :%u", a); break;
	case 2: snprintf(out, len, " :%u:%s", a, txt); break;
	case 3: snprintf(out, len, " :127.0.0.%u:%s", a, txt); break;
	default: snprintf(out, len, " %s", txt[0] == '$' && txt[1] == '$' ? "x" : txt); break;
	}
}

/* The address part: a CIDR, a short form, one address or (ip4set) a range. */
static void address(struct gen *g, char *out, size_t len, uint32_t *lo, uint32_t *hi)
{
	char a[16], b[16];
	uint32_t base = near_address(g);
	unsigned k = rnd(10), l;

	if (k < 4) {
		l = prefix_len();
		*lo = base & mask(l);
		*hi = *lo | ~mask(l);
		ip_str(*lo, a);
		snprintf(out, len, "%s/%u", a, l);
	} else if (k < 5) {
		*lo = base & mask(24);
		*hi = *lo | 255;
		snprintf(out, len, "%u.%u.%u", *lo >> 24, (*lo >> 16) & 255, (*lo >> 8) & 255);
	} else if (k < 6 && rnd(4) == 0) {
		*lo = base & mask(16);
		*hi = *lo | 65535;
		snprintf(out, len, "%u.%u", *lo >> 24, (*lo >> 16) & 255);
	} else if (k < 8 || g->trie) {
		*lo = *hi = base;
		ip_str(base, out);
	} else {
		*lo = base;
		*hi = base + rnd(rnd(4) ? 300 : 70000);
		if (*hi < *lo)
			*hi = UINT32_MAX;
		ip_str(*lo, a);
		ip_str(*hi, b);
		if ((*lo >> 8) == (*hi >> 8) && rnd(2))
			snprintf(out, len, "%s-%u", a, *hi & 255);
		else
			snprintf(out, len, "%s-%s", a, b);
	}
}

/* Lines rbldnsd warns about and skips. */
static void odd_line(struct gen *g)
{
	static const char *const odd[] = { "not an address", "10.1.2.300", "10.0.0.0/33",
		"10.1.2.3/24", "10", "10.1.2.3 :0:zero", "10.1.2.3 :abc", "10.1.2.3:4 y",
		"$FOO bar", "10.1.2.5-10.1.2.3", "10.1.2.3-10.1.3", "$0", ": 4:x",
		"10.1.2.3.4", "-10.1.2.3", "10.1.2.3 :256:x", "0.0.0.0/0", "192.0.2.1-5" };
	char a[16];
	uint32_t ip = near_address(g);

	ip_str(ip, a);
	if (rnd(2))
		fprintf(g->zone, "%s\n", odd[rnd(sizeof(odd) / sizeof(odd[0]))]);
	else
		fprintf(g->zone, "%s/%u\n", a, 8 + rnd(24));   /* mostly host bits set */
	probe_ends(g, ip, ip);
}

static void entry_line(struct gen *g)
{
	char addr[48], val[128];
	uint32_t lo, hi;
	int excl = rnd(6) == 0;

	address(g, addr, sizeof(addr), &lo, &hi);
	value(val, sizeof(val));
	fprintf(g->zone, "%s%s%s\n", excl ? "!" : "", addr, excl ? "" : val);
	probe_ends(g, lo, hi);
}

static void special_line(struct gen *g)
{
	char txt[96];

	txt_template(txt, sizeof(txt));
	switch (rnd(6)) {
	case 0: fprintf(g->zone, "# a comment %s\n", txt); break;
	case 1: fprintf(g->zone, "\n"); break;
	case 2: fprintf(g->zone, ":%u:%s\n", 2 + rnd(10), txt); break;
	case 3: fprintf(g->zone, "$%u %s\n", rnd(4), words[rnd(8)]); break;
	case 4: fprintf(g->zone, "; another comment\n"); break;
	default: odd_line(g); break;
	}
}

static int gen(uint64_t seed, const char *mode, const char *zpath, const char *ppath)
{
	struct gen g = { 0 };
	unsigned n;

	rng_state = seed * 0x9e3779b97f4a7c15ull + 1;
	g.trie = strcmp(mode, "trie") == 0;
	g.zone = fopen(zpath, "w");
	g.probes = fopen(ppath, "w");
	if (!g.zone || !g.probes)
		die("cannot write the output files");
	for (int i = 0; i < 3; i++)
		g.cluster[i] = (10u << 24) | (rnd(4) << 22) | (rnd(64) << 16);
	fprintf(g.zone, "# zonegen seed %llu %s\n", (unsigned long long)seed, mode);
	if (g.trie)   /* rbldnsd skips it; rblscope takes the type from it */
		fprintf(g.zone, "$DATASET ip4trie\n");
	if (rnd(3) == 0)
		fprintf(g.zone, "$= [$=] for $\n");
	n = 150 + rnd(100);
	for (unsigned i = 0; i < n; i++) {
		if (rnd(5) == 0)
			special_line(&g);
		else
			entry_line(&g);
	}
	for (unsigned i = 0; i < 200; i++)
		probe(&g, near_address(&g));
	if (fclose(g.zone) || fclose(g.probes))
		die("cannot write the output files");
	return 0;
}

/* ---- ask ---- */

struct query {
	uint32_t ip;
	char codes[256], txt[1100];
	int done[2];           /* A, TXT answered */
	int tries[2];
	long long sent[2];
};

static long long now_ms(void)
{
	struct timespec ts;

	clock_gettime(CLOCK_MONOTONIC, &ts);
	return (long long)ts.tv_sec * 1000 + ts.tv_nsec / 1000000;
}

static size_t encode_query(uint8_t *buf, unsigned id, uint32_t ip, const char *zone, int txt)
{
	char name[300];
	size_t n = 12, lab;
	const char *p = name, *dot;

	snprintf(name, sizeof(name), "%u.%u.%u.%u.%s", ip & 255, (ip >> 8) & 255,
	         (ip >> 16) & 255, ip >> 24, zone);
	memset(buf, 0, 12);
	buf[0] = (uint8_t)(id >> 8);
	buf[1] = (uint8_t)id;
	buf[2] = 1;   /* RD */
	buf[5] = 1;   /* one question */
	while (*p) {
		dot = strchr(p, '.');
		lab = dot ? (size_t)(dot - p) : strlen(p);
		buf[n++] = (uint8_t)lab;
		memcpy(buf + n, p, lab);
		n += lab;
		p += lab + (dot != NULL);
	}
	buf[n++] = 0;
	buf[n++] = 0;
	buf[n++] = txt ? 16 : 1;
	buf[n++] = 0;
	buf[n++] = 1;
	return n;
}

static int skip_name(const uint8_t *m, size_t len, size_t *off)
{
	while (*off < len) {
		uint8_t l = m[*off];

		if ((l & 0xc0) == 0xc0) {
			*off += 2;
			return 0;
		}
		*off += 1 + l;
		if (l == 0)
			return 0;
	}
	return -1;
}

/* Fill q from a reply to its A (txt 0) or TXT (txt 1) query. */
static int read_reply(const uint8_t *m, size_t len, struct query *q, int txt)
{
	size_t off = 12, cn = 0, tn = 0;
	unsigned an = (unsigned)(m[6] << 8 | m[7]);

	if (len < 12 || skip_name(m, len, &off) < 0)
		return -1;
	off += 4;
	for (unsigned i = 0; i < an; i++) {
		unsigned type, rdlen;

		if (skip_name(m, len, &off) < 0 || off + 10 > len)
			return -1;
		type = (unsigned)(m[off] << 8 | m[off + 1]);
		rdlen = (unsigned)(m[off + 8] << 8 | m[off + 9]);
		off += 10;
		if (off + rdlen > len)
			return -1;
		if (!txt && type == 1 && rdlen == 4)
			cn += (size_t)snprintf(q->codes + cn, sizeof(q->codes) - cn, "%s%u.%u.%u.%u",
			                       cn ? "," : "", m[off], m[off + 1], m[off + 2], m[off + 3]);
		if (txt && type == 16) {
			if (tn)
				q->txt[tn++] = ' ';
			for (size_t s = off; s < off + rdlen && tn < 1000; s += 1 + m[s]) {
				memcpy(q->txt + tn, m + s + 1, m[s]);
				tn += m[s];
			}
			q->txt[tn] = '\0';
		}
		off += rdlen;
	}
	return 0;
}

static int read_probes(struct query **qs, size_t *n)
{
	char line[64];
	struct in_addr a;

	*qs = calloc(MAX_PROBES, sizeof(**qs));
	if (!*qs)
		die("out of memory");
	for (*n = 0; fgets(line, sizeof(line), stdin) && *n < MAX_PROBES; ) {
		line[strcspn(line, "\n")] = '\0';
		if (inet_pton(AF_INET, line, &a) != 1)
			die("bad address in the probe list");
		(*qs)[(*n)++].ip = ntohl(a.s_addr);
	}
	return 0;
}

static void send_due(int fd, struct query *qs, size_t n, const char *zone, size_t *inflight)
{
	uint8_t buf[512];
	long long t = now_ms();

	for (size_t i = 0; i < 2 * n && *inflight < WINDOW; i++) {
		struct query *q = &qs[i / 2];
		int k = (int)(i % 2);

		if (q->done[k] || (q->tries[k] && t - q->sent[k] < RETRY_MS))
			continue;
		if (q->tries[k] == TRIES)
			die("rbldnsd does not answer");
		if (!q->tries[k])
			++*inflight;
		q->tries[k]++;
		q->sent[k] = t;
		send(fd, buf, encode_query(buf, (unsigned)i, q->ip, zone, k), 0);
	}
}

static int ask(const char *server, const char *zone)
{
	struct sockaddr_in sa = { .sin_family = AF_INET };
	char host[32];
	const char *colon = strchr(server, ':');
	struct query *qs;
	size_t n, left, inflight = 0;
	uint8_t buf[4096];
	int fd;

	if (!colon || (size_t)(colon - server) >= sizeof(host))
		die("want 127.x.y.z:PORT");
	memcpy(host, server, (size_t)(colon - server));
	host[colon - server] = '\0';
	if (inet_pton(AF_INET, host, &sa.sin_addr) != 1 || (ntohl(sa.sin_addr.s_addr) >> 24) != 127)
		die("only 127.0.0.0/8 servers are asked");
	sa.sin_port = htons((uint16_t)atoi(colon + 1));
	read_probes(&qs, &n);
	if (2 * n > 65536)
		die("too many addresses");
	fd = socket(AF_INET, SOCK_DGRAM, 0);
	if (fd < 0 || connect(fd, (struct sockaddr *)&sa, sizeof(sa)) < 0)
		die("cannot reach the server");
	for (left = 2 * n; left > 0; ) {
		struct pollfd p = { .fd = fd, .events = POLLIN };
		ssize_t got;
		unsigned id;

		send_due(fd, qs, n, zone, &inflight);
		if (poll(&p, 1, 50) <= 0)
			continue;
		got = recv(fd, buf, sizeof(buf), 0);
		if (got < 12)
			continue;
		id = (unsigned)(buf[0] << 8 | buf[1]);
		if (id >= 2 * n || qs[id / 2].done[id % 2])
			continue;
		if (read_reply(buf, (size_t)got, &qs[id / 2], (int)(id % 2)) < 0)
			die("unreadable reply");
		qs[id / 2].done[id % 2] = 1;
		inflight--;
		left--;
	}
	for (size_t i = 0; i < n; i++) {
		char s[16];

		ip_str(qs[i].ip, s);
		printf("%s\t%s\t%s\n", s, qs[i].codes, qs[i].txt);
	}
	close(fd);
	free(qs);
	return 0;
}

int main(int argc, char **argv)
{
	if (argc == 6 && strcmp(argv[1], "gen") == 0)
		return gen(strtoull(argv[2], NULL, 10), argv[3], argv[4], argv[5]);
	if (argc == 4 && strcmp(argv[1], "ask") == 0)
		return ask(argv[2], argv[3]);
	fprintf(stderr, "usage: zonegen gen SEED set|trie ZONEFILE PROBEFILE\n"
	                "       zonegen ask 127.0.0.1:PORT ZONE < PROBEFILE\n");
	return 2;
}
