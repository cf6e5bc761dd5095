/* Maps of address space, counted exactly: the listings of each role are
 * one union of ranges, cut to the scope; one walk over the boundaries of
 * those ranges counts the cells, never address by address.  Between two
 * boundaries every whole cell counts the same, so the cells are kept as
 * runs along the curve: a cell cut by a boundary is a run of its own,
 * the cells between are one run.  Memory and time grow with the ranges,
 * not with the cells: the whole space in 2^32 cells of one address each
 * takes no more than in 1024 x 1024. */
#include "core/map/map.h"

#include <stdbool.h>
#include <stddef.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "core/base/ip.h"
#include "core/map/hilbert.h"

/* ---- sorted, disjoint, inclusive ranges ---- */

static int spans_alloc(struct zone_spans *s, size_t cap)
{
	memset(s, 0, sizeof *s);
	if (cap == 0)
		cap = 1;
	s->lo = malloc(cap * sizeof *s->lo);
	s->hi = malloc(cap * sizeof *s->hi);
	if (!s->lo || !s->hi) {
		zone_spans_free(s);
		return -1;
	}
	return 0;
}

/* Add [lo, hi] after the last range, joining it when they touch. */
static void spans_push(struct zone_spans *s, uint32_t lo, uint32_t hi)
{
	if (s->n && (s->hi[s->n - 1] == UINT32_MAX || s->hi[s->n - 1] + 1 >= lo)) {
		if (hi > s->hi[s->n - 1])
			s->hi[s->n - 1] = hi;
		return;
	}
	s->lo[s->n] = lo;
	s->hi[s->n++] = hi;
}

/* a or b, into out.  0, or -1 when out of memory. */
static int spans_union(const struct zone_spans *a, const struct zone_spans *b,
                       struct zone_spans *out)
{
	size_t i = 0, j = 0;

	if (spans_alloc(out, a->n + b->n) < 0)
		return -1;
	while (i < a->n || j < b->n) {
		if (j == b->n || (i < a->n && a->lo[i] <= b->lo[j])) {
			spans_push(out, a->lo[i], a->hi[i]);
			i++;
		} else {
			spans_push(out, b->lo[j], b->hi[j]);
			j++;
		}
	}
	return 0;
}

/* a and b, into out.  0, or -1 when out of memory. */
static int spans_intersect(const struct zone_spans *a, const struct zone_spans *b,
                           struct zone_spans *out)
{
	size_t i = 0, j = 0;

	if (spans_alloc(out, a->n + b->n) < 0)
		return -1;
	while (i < a->n && j < b->n) {
		uint32_t lo = a->lo[i] > b->lo[j] ? a->lo[i] : b->lo[j];
		uint32_t hi = a->hi[i] < b->hi[j] ? a->hi[i] : b->hi[j];

		if (lo <= hi)
			spans_push(out, lo, hi);
		if (a->hi[i] < b->hi[j])
			i++;
		else
			j++;
	}
	return 0;
}

/* Replace *dst by its union with add. */
static int spans_add(struct zone_spans *dst, const struct zone_spans *add)
{
	struct zone_spans u;

	if (spans_union(dst, add, &u) < 0)
		return -1;
	zone_spans_free(dst);
	*dst = u;
	return 0;
}

/* ---- scopes ---- */

/* Push [lo, hi] with loopback cut out. */
static void push_not_loopback(struct zone_spans *s, uint32_t lo, uint32_t hi)
{
	const uint32_t llo = MAP_LOOPBACK_NET;
	const uint32_t lhi = MAP_LOOPBACK_NET | ~ip4_mask(MAP_LOOPBACK_PREFIX);

	if (hi < llo || lo > lhi) {
		spans_push(s, lo, hi);
		return;
	}
	if (lo < llo)
		spans_push(s, lo, llo - 1);
	if (hi > lhi)
		spans_push(s, lhi + 1, hi);
}

int map_scope_cidr(struct map_scope *sc, uint32_t net, unsigned prefix)
{
	sc->prefix = prefix;
	sc->net = net & ip4_mask(prefix);
	if (spans_alloc(&sc->in, 2) < 0)
		return -1;
	push_not_loopback(&sc->in, sc->net, sc->net | ~ip4_mask(prefix));
	return 0;
}

/* The longest prefix of the block that holds both lo and hi. */
static unsigned common_prefix(uint32_t lo, uint32_t hi)
{
	unsigned p = 0;

	while (p < 32 && ((lo ^ hi) & ((uint32_t)1 << (31 - p))) == 0)
		p++;
	return p;
}

int map_scope_asn(struct map_scope *sc, struct asn_db *db, uint32_t asn, char *err,
                  size_t errlen)
{
	struct asn_net *nets = NULL;
	uint64_t total = 0;
	size_t n = 0;

	memset(sc, 0, sizeof *sc);
	if (asn_db_networks(db, asn, &nets, &n, &total) < 0) {
		snprintf(err, errlen, "cannot read the networks of AS%u from %s", (unsigned)asn,
		         asn_db_path(db));
		return -1;
	}
	if (n == 0) {
		free(nets);
		snprintf(err, errlen, "AS%u has no IPv4 network in %s", (unsigned)asn, asn_db_path(db));
		return -1;
	}
	if (spans_alloc(&sc->in, 2 * n) < 0) {
		free(nets);
		snprintf(err, errlen, "out of memory");
		return -1;
	}
	for (size_t i = 0; i < n; i++)
		push_not_loopback(&sc->in, nets[i].net, nets[i].net | ~ip4_mask(nets[i].prefix));
	free(nets);
	if (sc->in.n == 0) {
		map_scope_free(sc);
		snprintf(err, errlen, "AS%u has no IPv4 network outside loopback", (unsigned)asn);
		return -1;
	}
	sc->prefix = common_prefix(sc->in.lo[0], sc->in.hi[sc->in.n - 1]);
	sc->net = sc->in.lo[0] & ip4_mask(sc->prefix);
	return 0;
}

void map_scope_free(struct map_scope *sc)
{
	zone_spans_free(&sc->in);
}

/* ---- layers ---- */

/* The layer a role counts in, or NULL for a role the map leaves out. */
static struct zone_spans *layer_of(struct map_layers *ly, enum zone_role role)
{
	switch (role) {
	case ZR_SINGLE: return &ly->guilty;
	case ZR_RANGE: return &ly->range;
	case ZR_ASN: return &ly->asn;
	default: return NULL;
	}
}

/* Add the line "<why>: left out of the map" to warn. */
static void warn_text(char *warn, size_t warnlen, const char *why)
{
	size_t used;

	if (!warn || warnlen == 0)
		return;
	used = strlen(warn);
	if (used < warnlen)
		snprintf(warn + used, warnlen - used, "%s%s: left out of the map", used ? "\n" : "",
		         why);
}

static void warn_line(char *warn, size_t warnlen, const char *key, const char *zone)
{
	char why[256];

	snprintf(why, sizeof why, "%s %s lists 127.0.0.1, so everything", key, zone);
	warn_text(warn, warnlen, why);
}

int map_layers_load(struct map_layers *ly, const struct session *s, char *warn,
                    size_t warnlen, char *err, size_t errlen)
{
	int rc = 0;

	memset(ly, 0, sizeof *ly);
	if (warn && warnlen)
		warn[0] = '\0';
	if (!s->opt->zones_dir || !s->be) {
		snprintf(err, errlen, "a map needs zone files (exact data): give --zones DIR or --demo");
		return -1;
	}
	for (size_t z = 0; z < s->nzones; z++) {
		const struct zone_def *def = &s->profile->zones[z];
		struct zone_spans *layer = layer_of(ly, def->role), spans;
		const struct zonefile *zf;
		struct lookup l = { .txt = "" };
		char txt[LOOKUP_TXT_MAX], why[256];
		uint32_t zcodes[ZONEFILE_CODES];

		if (!layer)
			continue;
		zf = zonedir_zonefile(s->be, s->zones[z]);
		if (!zf) {
			rc = 1;   /* the session's zone_note names it */
			continue;
		}
		zonefile_lookup(zf, 0x7f000001u, &l, zcodes, txt, sizeof txt);
		if (l.state == LK_LISTED) {
			warn_line(warn, warnlen, def->key, s->zones[z]);
			rc = 1;
			continue;
		}
		if (session_zone_undocumented(s, z, why, sizeof why)) {
			warn_text(warn, warnlen, why);
			rc = 1;
			continue;
		}
		if (zonefile_listed(zf, &spans) < 0 || spans_add(layer, &spans) < 0) {
			zone_spans_free(&spans);
			map_layers_free(ly);
			snprintf(err, errlen, "out of memory");
			return -1;
		}
		zone_spans_free(&spans);
	}
	return rc;
}

void map_layers_free(struct map_layers *ly)
{
	zone_spans_free(&ly->guilty);
	zone_spans_free(&ly->range);
	zone_spans_free(&ly->asn);
}

/* ---- rendering ---- */

unsigned map_fit(unsigned prefix, uint32_t max_w, uint32_t max_h)
{
	unsigned bits = 32 - prefix, k = 0;
	uint32_t w, h;

	for (; k + 2 <= bits && k + 2 <= 31; k += 2) {
		hilbert_size(bits - k, &w, &h);
		if (w <= max_w && h <= max_h)
			return k;
	}
	return k;
}

/* The five sets a cell counts, in the order of struct map_cell. */
enum { SET_ADDRS, SET_GUILTY, SET_RANGE, SET_ASN, SET_BLOCKED, SET_COUNT };

/* A set as offsets into the block, [lo, end) each. */
struct offsets {
	uint64_t *lo, *end;
	size_t n, i;   /* i: the walk's place */
};

/* How the walk stands: the runs so far and the cell being filled. */
struct walk {
	struct map *m;
	size_t cap;
	uint64_t part_cell;          /* the cell a partial count is for */
	struct map_cell part;
	bool has_part;
};

static uint32_t *cell_field(struct map_cell *c, int set)
{
	uint32_t *f[SET_COUNT] = { &c->addrs, &c->guilty, &c->range, &c->asn, &c->blocked };

	return f[set];
}

static uint64_t *total_field(struct map_totals *t, int set)
{
	uint64_t *f[SET_COUNT] = { &t->addrs, &t->guilty, &t->range, &t->asn, &t->blocked };

	return f[set];
}

/* Cells first, first + 1, ... hold c, until the next run: a new run
 * unless the last one holds the same. */
static int run_emit(struct walk *w, uint64_t first, const struct map_cell *c)
{
	struct map *m = w->m;

	if (m->nruns && memcmp(&m->run_cell[m->nruns - 1], c, sizeof *c) == 0)
		return 0;
	if (m->nruns == w->cap) {
		size_t cap = w->cap ? 2 * w->cap : 1024;
		uint64_t *f = realloc(m->run_first, cap * sizeof *f);
		struct map_cell *rc;

		if (!f)
			return -1;
		m->run_first = f;
		rc = realloc(m->run_cell, cap * sizeof *rc);
		if (!rc)
			return -1;
		m->run_cell = rc;
		w->cap = cap;
	}
	m->run_first[m->nruns] = first;
	m->run_cell[m->nruns++] = *c;
	return 0;
}

/* Addresses [a, b) of the block, in the sets in[]: whole cells as one
 * run, the ends of a cell counted into the partial cell, which is
 * emitted once it is complete. */
static int region(struct walk *w, uint64_t a, uint64_t b, const bool in[SET_COUNT])
{
	unsigned k = w->m->cell_bits;
	uint64_t mask = ((uint64_t)1 << k) - 1;

	for (int s = 0; s < SET_COUNT; s++)
		if (in[s])
			*total_field(&w->m->total, s) += b - a;
	while (a < b) {
		uint64_t c = a >> k, cell_end = (c + 1) << k;

		if ((a & mask) || b < cell_end) {
			uint64_t piece = (b < cell_end ? b : cell_end) - a;

			if (!w->has_part) {
				memset(&w->part, 0, sizeof w->part);
				w->part_cell = c;
				w->has_part = true;
			}
			for (int s = 0; s < SET_COUNT; s++)
				if (in[s])
					*cell_field(&w->part, s) += (uint32_t)piece;
			a += piece;
			if (a == cell_end) {
				w->has_part = false;
				if (run_emit(w, c, &w->part) < 0)
					return -1;
			}
		} else {
			struct map_cell full = { 0 };

			for (int s = 0; s < SET_COUNT; s++)
				if (in[s])
					*cell_field(&full, s) = (uint32_t)1 << k;
			if (run_emit(w, c, &full) < 0)
				return -1;
			a = (b >> k) << k;
		}
	}
	return 0;
}

/* The ranges of s inside the block, as offsets.  0, or -1 when out of
 * memory. */
static int offsets_of(const struct map *m, const struct zone_spans *s, struct offsets *o)
{
	uint32_t first = m->net, last = m->net | ~ip4_mask(m->prefix);

	memset(o, 0, sizeof *o);
	o->lo = malloc((s->n ? s->n : 1) * sizeof *o->lo);
	o->end = malloc((s->n ? s->n : 1) * sizeof *o->end);
	if (!o->lo || !o->end)
		return -1;
	for (size_t i = 0; i < s->n; i++) {
		if (s->hi[i] < first || s->lo[i] > last)
			continue;
		o->lo[o->n] = (s->lo[i] > first ? s->lo[i] : first) - (uint64_t)first;
		o->end[o->n++] = (s->hi[i] < last ? s->hi[i] : last) - (uint64_t)first + 1;
	}
	return 0;
}

static void offsets_free(struct offsets *o)
{
	free(o->lo);
	free(o->end);
}

/* Walk the block from boundary to boundary of the five sets. */
static int walk_sets(struct walk *w, struct offsets set[SET_COUNT])
{
	uint64_t pos = 0, end = (uint64_t)1 << (32 - w->m->prefix);

	while (pos < end) {
		uint64_t next = end;
		bool in[SET_COUNT];

		for (int s = 0; s < SET_COUNT; s++) {
			struct offsets *o = &set[s];
			uint64_t b;

			while (o->i < o->n && o->end[o->i] <= pos)
				o->i++;
			in[s] = o->i < o->n && o->lo[o->i] <= pos;
			b = o->i == o->n ? end : in[s] ? o->end[o->i] : o->lo[o->i];
			next = b < next ? b : next;
		}
		if (region(w, pos, next, in) < 0)
			return -1;
		pos = next;
	}
	return 0;
}

/* The five sets of the scope: its addresses, and each layer in it. */
static int sets_of(const struct map *m, const struct map_scope *sc, const struct map_layers *ly,
                   struct offsets set[SET_COUNT])
{
	const struct zone_spans *layer[SET_COUNT] = { NULL, &ly->guilty, &ly->range, &ly->asn, NULL };
	struct zone_spans gr, any = { 0 }, cut;
	int rc = 0;

	memset(set, 0, SET_COUNT * sizeof *set);
	if (spans_union(&ly->guilty, &ly->range, &gr) < 0)
		return -1;
	rc = spans_union(&gr, &ly->asn, &any);
	zone_spans_free(&gr);
	layer[SET_BLOCKED] = &any;
	for (int s = 0; rc == 0 && s < SET_COUNT; s++) {
		if (!layer[s]) {
			rc = offsets_of(m, &sc->in, &set[s]);
			continue;
		}
		if (spans_intersect(layer[s], &sc->in, &cut) < 0) {
			rc = -1;
			break;
		}
		rc = offsets_of(m, &cut, &set[s]);
		zone_spans_free(&cut);
	}
	zone_spans_free(&any);
	return rc;
}

int map_render(struct map *m, const struct map_scope *sc, const struct map_layers *ly,
               unsigned cell_bits)
{
	unsigned bits = 32 - sc->prefix;
	struct offsets set[SET_COUNT];
	struct walk w = { .m = m };
	int rc;

	memset(m, 0, sizeof *m);
	if (sc->prefix > 32 || cell_bits > bits || cell_bits > 31)
		return -1;
	m->net = sc->net;
	m->prefix = sc->prefix;
	m->cell_bits = cell_bits;
	m->curve_bits = bits - cell_bits;
	hilbert_size(m->curve_bits, &m->w, &m->h);
	rc = sets_of(m, sc, ly, set);
	if (rc == 0)
		rc = walk_sets(&w, set);
	for (int s = 0; s < SET_COUNT; s++)
		offsets_free(&set[s]);
	if (rc < 0)
		map_free(m);
	return rc;
}

const struct map_cell *map_cell_index(const struct map *m, uint64_t d)
{
	size_t lo = 0, hi = m->nruns;

	/* the last run that starts at d or before */
	while (hi - lo > 1) {
		size_t mid = lo + (hi - lo) / 2;

		if (m->run_first[mid] <= d)
			lo = mid;
		else
			hi = mid;
	}
	return &m->run_cell[lo];
}

const struct map_cell *map_cell_at(const struct map *m, uint32_t x, uint32_t y)
{
	return map_cell_index(m, hilbert_index(m->curve_bits, x, y));
}

uint32_t map_cell_addr(const struct map *m, uint32_t x, uint32_t y)
{
	return m->net + (uint32_t)(hilbert_index(m->curve_bits, x, y) << m->cell_bits);
}

enum map_class map_cell_class(const struct map_cell *c)
{
	if (!c->addrs)
		return MC_OUTSIDE;
	if (c->guilty)
		return MC_GUILTY;
	if (c->range)
		return MC_RANGE;
	if (c->asn)
		return MC_ASN;
	return MC_CLEAN;
}

double map_cell_share(const struct map_cell *c)
{
	return c->addrs ? (double)c->blocked / c->addrs : 0.0;
}

void map_free(struct map *m)
{
	free(m->run_first);
	free(m->run_cell);
	m->run_first = NULL;
	m->run_cell = NULL;
	m->nruns = 0;
}
