/* Unit tests for core/map/map.c and core/map/palette.c: the counts of
 * every cell against a count address by address over synthetic zone
 * files (CIDR and network-list scopes, odd and even blocks, several cell
 * sizes), the zones a map cannot count, the colour rule and the
 * palette, and the whole space at 4096x4096 cells from 300,000 ranges. */
#include <stdarg.h>
#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>
#include <setjmp.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>
#include <unistd.h>
#include <cmocka.h>

#include "core/base/ip.h"
#include "core/lookup/zonefile.h"
#include "core/map/hilbert.h"
#include "core/map/map.h"
#include "core/map/palette.h"
#include "core/scan/options.h"
#include "core/scan/session.h"

/* Where zonefile_lookup keeps an answer's codes. */
static uint32_t zcodes[ZONEFILE_CODES];

#define A(a, b, c, d) ((uint32_t)(a) << 24 | (uint32_t)(b) << 16 | (uint32_t)(c) << 8 | (uint32_t)(d))

static const char *const zone_names[3] = {
	"dnsbl-1.uceprotect.net", "dnsbl-2.uceprotect.net", "dnsbl-3.uceprotect.net",
};

static char dir[256];

static int setup(void **state)
{
	const char *tmp = getenv("TMPDIR");

	(void)state;
	snprintf(dir, sizeof dir, "%s/rblscope-map-XXXXXX", tmp && *tmp ? tmp : "/tmp");
	return mkdtemp(dir) ? 0 : -1;
}

static int teardown(void **state)
{
	char path[512];

	(void)state;
	for (size_t z = 0; z < 3; z++) {
		snprintf(path, sizeof path, "%s/%s", dir, zone_names[z]);
		unlink(path);
	}
	return rmdir(dir);
}

static uint64_t rng = 88172645463325252ULL;

static uint32_t next_rand(void)
{
	rng ^= rng << 13;
	rng ^= rng >> 7;
	rng ^= rng << 17;
	return (uint32_t)(rng >> 16);
}

/* A zone file of n random entries inside net/prefix: single addresses,
 * CIDR blocks from /20 to /31 and exclusions, after the test entry. */
static void write_random_zone(const char *name, uint32_t net, unsigned prefix, int n)
{
	char path[512], ip[CIDR_STRLEN];
	FILE *f;

	snprintf(path, sizeof path, "%s/%s", dir, name);
	f = fopen(path, "w");
	assert_non_null(f);
	fputs("127.0.0.2 :127.0.0.2:test\n", f);
	for (int i = 0; i < n; i++) {
		uint32_t ip4 = net | (next_rand() & ~ip4_mask(prefix));
		unsigned kind = next_rand() % 10, p = 20 + next_rand() % 12;

		if (kind < 5) {
			ip4_format(ip4, ip);
			fprintf(f, "%s\n", ip);
		} else if (kind < 8) {
			cidr_format(ip4 & ip4_mask(p), p, ip);
			fprintf(f, "%s\n", ip);
		} else {
			ip4_format(ip4, ip);
			fprintf(f, "!%s\n", ip);
		}
	}
	assert_int_equal(fclose(f), 0);
}

/* The options and session of a --zones run over dir. */
static void open_session(struct options *o, struct session *s)
{
	char *argv[] = { "rblscope", "--zones", dir, "192.0.2.1", NULL };
	char err[512];

	assert_int_equal(options_parse(o, 4, argv), -1);
	assert_int_equal(session_open(s, o, err, sizeof err), 0);
}

static bool in_scope(const struct map_scope *sc, uint32_t ip)
{
	for (size_t i = 0; i < sc->in.n; i++)
		if (ip >= sc->in.lo[i] && ip <= sc->in.hi[i])
			return true;
	return false;
}

/* Count the block address by address with zonefile_lookup, and compare
 * every cell, found both by its index and by its place on the curve. */
static void check_brute_force(const struct map *m, const struct map_scope *sc,
                              struct zonefile *const zf[3])
{
	uint64_t ncells = (uint64_t)m->w * m->h, n = (uint64_t)1 << (32 - sc->prefix);
	struct map_cell *want = calloc(ncells, sizeof *want);
	struct map_totals tot = { 0 };
	char txt[LOOKUP_TXT_MAX];

	assert_non_null(want);
	for (uint64_t off = 0; off < n; off++) {
		uint32_t ip = sc->net + (uint32_t)off;
		struct map_cell *c = &want[off >> m->cell_bits];
		bool hit[3];

		if (!in_scope(sc, ip))
			continue;
		for (int z = 0; z < 3; z++) {
			struct lookup l = { .txt = "" };

			zonefile_lookup(zf[z], ip, &l, zcodes, txt, sizeof txt);
			hit[z] = l.state == LK_LISTED;
		}
		c->addrs++;
		c->guilty += hit[0];
		c->range += hit[1];
		c->asn += hit[2];
		c->blocked += hit[0] || hit[1] || hit[2];
	}
	for (uint32_t y = 0; y < m->h; y++) {
		for (uint32_t x = 0; x < m->w; x++) {
			uint64_t d = hilbert_index(m->curve_bits, x, y);
			const struct map_cell *got = map_cell_at(m, x, y);

			assert_ptr_equal(got, map_cell_index(m, d));
			assert_int_equal(map_cell_addr(m, x, y), sc->net + (uint32_t)(d << m->cell_bits));
			assert_memory_equal(got, &want[d], sizeof *got);
			tot.addrs += got->addrs;
			tot.guilty += got->guilty;
			tot.range += got->range;
			tot.asn += got->asn;
			tot.blocked += got->blocked;
		}
	}
	assert_memory_equal(&tot, &m->total, sizeof tot);
	free(want);
}

/* Three random zones over a block; maps of it, and of a network list
 * inside it, at several cell sizes, against the count by address. */
static void counts_match_brute_force(void **state)
{
	static const struct { uint32_t net; unsigned prefix; } blocks[] = {
		{ A(10, 0, 0, 0), 16 }, { A(198, 18, 0, 0), 15 }, { A(192, 0, 2, 0), 24 },
		{ A(127, 0, 0, 0), 14 },   /* a block holding loopback */
	};
	(void)state;
	for (size_t b = 0; b < sizeof blocks / sizeof blocks[0]; b++) {
		struct zonefile *zf[3];
		char err[256], warn[512];
		struct options o;
		struct session s;
		struct map_layers ly;
		unsigned bits = 32 - blocks[b].prefix;

		for (int z = 0; z < 3; z++) {
			char path[512];

			write_random_zone(zone_names[z], blocks[b].net, blocks[b].prefix, 40 + 60 * z);
			snprintf(path, sizeof path, "%s/%s", dir, zone_names[z]);
			zf[z] = zonefile_load(path, NULL, warn, sizeof warn, err, sizeof err);
			assert_non_null(zf[z]);
		}
		open_session(&o, &s);
		assert_int_equal(map_layers_load(&ly, &s, warn, sizeof warn, err, sizeof err), 0);
		for (unsigned k = 0; k <= bits && k <= 9; k += 1 + (bits > 12)) {
			struct map_scope sc, list = { .net = blocks[b].net, .prefix = blocks[b].prefix };
			struct map m;

			assert_int_equal(map_scope_cidr(&sc, blocks[b].net, blocks[b].prefix), 0);
			assert_int_equal(map_render(&m, &sc, &ly, k), 0);
			check_brute_force(&m, &sc, zf);
			map_free(&m);
			/* two networks of the block, as an ASN's would be */
			list.in.lo = (uint32_t[]){ blocks[b].net + 3, blocks[b].net + (1u << bits) / 2 };
			list.in.hi = (uint32_t[]){ blocks[b].net + (1u << bits) / 4,
			                           blocks[b].net + (1u << bits) / 2 + 100 };
			list.in.n = 2;
			assert_int_equal(map_render(&m, &list, &ly, k), 0);
			check_brute_force(&m, &list, zf);
			map_free(&m);
			map_scope_free(&sc);
		}
		map_layers_free(&ly);
		session_close(&s);
		for (int z = 0; z < 3; z++)
			zonefile_free(zf[z]);
	}
}

/* Loopback is never counted: the test entry 127.0.0.2 is no listing. */
static void loopback_left_out(void **state)
{
	struct map_scope sc;

	(void)state;
	assert_int_equal(map_scope_cidr(&sc, 0, 0), 0);
	assert_int_equal(sc.in.n, 2);
	assert_int_equal(sc.in.hi[0], A(126, 255, 255, 255));
	assert_int_equal(sc.in.lo[1], A(128, 0, 0, 0));
	map_scope_free(&sc);
	assert_int_equal(map_scope_cidr(&sc, A(127, 1, 2, 3), 16), 0);
	assert_int_equal(sc.in.n, 0);
	map_scope_free(&sc);
	assert_int_equal(map_scope_cidr(&sc, A(10, 1, 2, 3), 16), 0);
	assert_int_equal(sc.net, A(10, 1, 0, 0));
	assert_true(sc.in.n == 1 && sc.in.lo[0] == A(10, 1, 0, 0) && sc.in.hi[0] == A(10, 1, 255, 255));
	map_scope_free(&sc);
}

static void write_zone(const char *name, const char *text)
{
	char path[512];
	FILE *f;

	snprintf(path, sizeof path, "%s/%s", dir, name);
	f = fopen(path, "w");
	assert_non_null(f);
	fputs(text, f);
	assert_int_equal(fclose(f), 0);
}

/* A zone that lists 127.0.0.1 lists everything: left out, and said; so
 * is one that lists with an undocumented code; a zone without a file: left out (the session names it); live DNS: no
 * map at all. */
static void zones_not_counted(void **state)
{
	struct options o;
	struct session s;
	struct map_layers ly;
	char err[256] = "", warn[512];

	(void)state;
	write_zone(zone_names[0], "127.0.0.2\n192.0.2.1\n");
	write_zone(zone_names[1], "127.0.0.1\n127.0.0.2\n192.0.2.0/24\n");
	write_zone(zone_names[2], "127.0.0.2\n");
	open_session(&o, &s);
	assert_int_equal(map_layers_load(&ly, &s, warn, sizeof warn, err, sizeof err), 1);
	assert_string_equal(warn, "l2 dnsbl-2.uceprotect.net lists 127.0.0.1, so everything: "
	                    "left out of the map");
	assert_int_equal(ly.guilty.n, 2);   /* 127.0.0.2 and 192.0.2.1 */
	assert_int_equal(ly.range.n, 0);
	map_layers_free(&ly);
	session_close(&s);

	/* a code the profile does not document: errors, not listings */
	write_zone(zone_names[1], "127.0.0.2\n192.0.2.0/24 :127.0.0.99:\n");
	open_session(&o, &s);
	assert_int_equal(map_layers_load(&ly, &s, warn, sizeof warn, err, sizeof err), 1);
	assert_string_equal(warn, "l2 dnsbl-2.uceprotect.net answers 127.0.0.99, a code its "
	                    "profile does not document: left out of the map");
	assert_int_equal(ly.range.n, 0);
	map_layers_free(&ly);
	session_close(&s);

	unlink(strcat(strcat(strcpy((char[512]){ 0 }, dir), "/"), zone_names[2]));
	write_zone(zone_names[1], "127.0.0.2\n");
	open_session(&o, &s);
	assert_int_equal(map_layers_load(&ly, &s, warn, sizeof warn, err, sizeof err), 1);
	assert_string_equal(warn, "");
	map_layers_free(&ly);
	session_close(&s);

	{
		struct options live = { 0 };
		struct session ls = { .opt = &live };

		assert_int_equal(map_layers_load(&ly, &ls, warn, sizeof warn, err, sizeof err), -1);
		assert_string_equal(err, "a map needs zone files (exact data): give --zones DIR or --demo");
	}
}

static void fit(void **state)
{
	(void)state;
	assert_int_equal(map_fit(0, 1024, 1024), 12);
	assert_int_equal(map_fit(0, 4096, 4096), 8);
	assert_int_equal(map_fit(15, 1024, 1024), 0);    /* 256 x 128 */
	assert_int_equal(map_fit(16, 128, 128), 2);
	assert_int_equal(map_fit(16, 256, 128), 2);      /* even: 128 x 128 of 4 */
	assert_int_equal(map_fit(17, 256, 128), 0);      /* a /17 is 2:1 */
	assert_int_equal(map_fit(17, 128, 64), 2);
	assert_int_equal(map_fit(1, 1024, 1024), 12);    /* 1024 x 512 */
	assert_int_equal(map_fit(0, 0, 0), 30);          /* never one cell of 2^32 */
}

/* The colour rule: the worst class present, at the strength of the
 * share of blocked addresses. */
static void classes_and_colours(void **state)
{
	struct map_cell c = { .addrs = 0 };
	uint8_t rgb[3], cube[3];
	const struct map_colour *clean = map_colour(MC_CLEAN), *red = map_colour(MC_GUILTY);

	(void)state;
	assert_int_equal(map_cell_class(&c), MC_OUTSIDE);
	c.addrs = 256;
	assert_int_equal(map_cell_class(&c), MC_CLEAN);
	c.asn = c.blocked = 256;
	assert_int_equal(map_cell_class(&c), MC_ASN);
	c.range = 10;
	assert_int_equal(map_cell_class(&c), MC_RANGE);
	c.guilty = 1;
	assert_int_equal(map_cell_class(&c), MC_GUILTY);
	assert_true(map_cell_share(&c) == 1.0);
	map_cell_rgb(&c, rgb);
	assert_true(rgb[0] == red->r && rgb[1] == red->g && rgb[2] == red->b);
	c = (struct map_cell){ .addrs = 256, .guilty = 1, .blocked = 1 };
	map_cell_rgb(&c, rgb);
	/* 35% of the way from clean grey to red, and a little more */
	assert_int_equal(rgb[1], (int)(clean->g + (red->g - clean->g) *
	                 (MAP_STRENGTH_MIN + (1 - MAP_STRENGTH_MIN) / 256.0) + 0.5));
	assert_true(rgb[0] != clean->r && rgb[0] != red->r);
	c = (struct map_cell){ .addrs = 256 };
	map_cell_rgb(&c, rgb);
	assert_true(rgb[0] == clean->r && rgb[1] == clean->g && rgb[2] == clean->b);
	/* each class's RGB is its xterm-256 colour, the terminal grid's */
	for (int k = 0; k < MC_COUNT; k++) {
		const struct map_colour *mc = map_colour((enum map_class)k);

		assert_int_equal(xterm256_rgb(mc->xterm, cube), 0);
		assert_true(cube[0] == mc->r && cube[1] == mc->g && cube[2] == mc->b);
	}
	assert_int_equal(map_colour(MC_GUILTY)->xterm, 160);
	assert_int_equal(map_colour(MC_RANGE)->xterm, 202);
	assert_int_equal(map_colour(MC_ASN)->xterm, 129);
	assert_int_equal(xterm256_rgb(15, cube), -1);
}

/* Sorted, disjoint random ranges over the whole space (maxlen less
 * than half of 2^32 / n). */
static void random_spans(struct zone_spans *s, size_t n, uint32_t maxlen)
{
	uint64_t step = ((uint64_t)1 << 32) / n, at;

	s->lo = malloc(n * sizeof *s->lo);
	s->hi = malloc(n * sizeof *s->hi);
	assert_true(s->lo && s->hi);
	for (s->n = 0; s->n < n; s->n++) {
		at = s->n * step + next_rand() % (step / 2);
		s->lo[s->n] = (uint32_t)at;
		s->hi[s->n] = (uint32_t)(at + next_rand() % maxlen);
	}
}

static uint64_t spans_sum(const struct zone_spans *s, const struct map_scope *sc)
{
	uint64_t sum = 0;

	for (size_t i = 0; i < s->n; i++)
		for (size_t j = 0; j < sc->in.n; j++) {
			uint32_t lo = s->lo[i] > sc->in.lo[j] ? s->lo[i] : sc->in.lo[j];
			uint32_t hi = s->hi[i] < sc->in.hi[j] ? s->hi[i] : sc->in.hi[j];

			sum += lo <= hi ? (uint64_t)hi - lo + 1 : 0;
		}
	return sum;
}

/* The whole space at 4096 x 4096 cells (a /24 each) from 300,000 ranges
 * in well under a second, and at one address a cell: one walk over the
 * ranges, not address by address (which would take minutes). */
static void whole_space_fast(void **state)
{
	struct map_layers ly;
	struct map_scope sc;
	struct map m;
	struct timespec t0, t1;
	uint64_t sum = 0;
	double secs;

	(void)state;
	random_spans(&ly.guilty, 200000, 4);
	random_spans(&ly.range, 98000, 4096);
	random_spans(&ly.asn, 2000, 1u << 20);
	assert_int_equal(map_scope_cidr(&sc, 0, 0), 0);
	clock_gettime(CLOCK_MONOTONIC, &t0);
	assert_int_equal(map_render(&m, &sc, &ly, 8), 0);
	clock_gettime(CLOCK_MONOTONIC, &t1);
	secs = (double)(t1.tv_sec - t0.tv_sec) + (t1.tv_nsec - t0.tv_nsec) / 1e9;
	print_message("whole space, 4096x4096 cells, 300000 ranges: %.3f s\n", secs);
	assert_true(m.w == 4096 && m.h == 4096);
	assert_int_equal(m.total.addrs, ((uint64_t)1 << 32) - (1u << 24));
	assert_int_equal(m.total.guilty, spans_sum(&ly.guilty, &sc));
	assert_int_equal(m.total.range, spans_sum(&ly.range, &sc));
	assert_int_equal(m.total.asn, spans_sum(&ly.asn, &sc));
	for (size_t i = 0; i < m.nruns; i++) {
		uint64_t next = i + 1 < m.nruns ? m.run_first[i + 1] : (uint64_t)m.w * m.h;

		sum += (next - m.run_first[i]) * m.run_cell[i].asn;
	}
	assert_int_equal(sum, m.total.asn);
	print_message("%zu runs\n", m.nruns);
	/* generous, for sanitizer builds and busy machines */
	assert_true(secs < 5.0);
	map_free(&m);
	/* one address a cell, 65536 x 65536: runs, not 2^32 cells */
	clock_gettime(CLOCK_MONOTONIC, &t0);
	assert_int_equal(map_render(&m, &sc, &ly, 0), 0);
	clock_gettime(CLOCK_MONOTONIC, &t1);
	secs = (double)(t1.tv_sec - t0.tv_sec) + (t1.tv_nsec - t0.tv_nsec) / 1e9;
	print_message("whole space, 65536x65536 cells: %.3f s, %zu runs\n", secs, m.nruns);
	assert_true(m.w == 65536 && m.h == 65536);
	assert_int_equal(m.total.asn, spans_sum(&ly.asn, &sc));
	assert_int_equal(map_cell_at(&m, 0, 0)->addrs, 1);
	assert_int_equal(map_cell_index(&m, 0x7f000002u)->addrs, 0);   /* loopback */
	assert_true(secs < 5.0);
	map_free(&m);
	map_scope_free(&sc);
	map_layers_free(&ly);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(counts_match_brute_force),
		cmocka_unit_test(loopback_left_out),
		cmocka_unit_test(zones_not_counted),
		cmocka_unit_test(fit),
		cmocka_unit_test(classes_and_colours),
		cmocka_unit_test(whole_space_fast),
	};

	return cmocka_run_group_tests(tests, setup, teardown);
}
