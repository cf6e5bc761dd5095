/* Maps of address space, counted exactly: the listings of each role are
 * one union of ranges, cut to the scope, and each of the five counts of
 * a cell is filled by one sweep over sorted ranges, a whole cell at a
 * time where a range covers it, never address by address. */
#include "core/map/map.h"

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

/* Append one line to warn. */
static void warn_line(char *warn, size_t warnlen, const char *key, const char *zone)
{
	size_t used;

	if (!warn || warnlen == 0)
		return;
	used = strlen(warn);
	if (used < warnlen)
		snprintf(warn + used, warnlen - used, "%s%s %s lists 127.0.0.1, so everything: "
		         "left out of the map", used ? "\n" : "", key, zone);
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
		char txt[LOOKUP_TXT_MAX];

		if (!layer)
			continue;
		zf = zonedir_zonefile(s->be, s->zones[z]);
		if (!zf) {
			rc = 1;   /* the session's zone_note names it */
			continue;
		}
		zonefile_lookup(zf, 0x7f000001u, &l, txt, sizeof txt);
		if (l.state == LK_LISTED) {
			warn_line(warn, warnlen, def->key, s->zones[z]);
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

/* Which count of a cell a sweep fills. */
#define FIELD(name) offsetof(struct map_cell, name)

/* Count n more in the field at offset f of cell c. */
static void cell_add(struct map_cell *c, size_t f, uint32_t n)
{
	*(uint32_t *)((char *)c + f) += n;
}

/* Add the ranges of s inside the block to field f of the cells they
 * cover; their sum in *total. */
static void sweep(struct map *m, const struct zone_spans *s, size_t f, uint64_t *total)
{
	uint32_t first = m->net, last = m->net | ~ip4_mask(m->prefix);
	uint64_t full = (uint64_t)1 << m->cell_bits;

	*total = 0;
	for (size_t i = 0; i < s->n; i++) {
		uint32_t lo = s->lo[i] > first ? s->lo[i] : first;
		uint32_t hi = s->hi[i] < last ? s->hi[i] : last;
		uint64_t off_lo, off_hi, c0, c1;

		if (s->hi[i] < first || s->lo[i] > last)
			continue;
		off_lo = lo - first;
		off_hi = hi - first;
		c0 = off_lo >> m->cell_bits;
		c1 = off_hi >> m->cell_bits;
		*total += off_hi - off_lo + 1;
		if (c0 == c1) {
			cell_add(&m->cells[c0], f, (uint32_t)(off_hi - off_lo + 1));
			continue;
		}
		cell_add(&m->cells[c0], f, (uint32_t)(((c0 + 1) << m->cell_bits) - off_lo));
		for (uint64_t c = c0 + 1; c < c1; c++)
			cell_add(&m->cells[c], f, (uint32_t)full);
		cell_add(&m->cells[c1], f, (uint32_t)(off_hi - (c1 << m->cell_bits) + 1));
	}
}

/* The layer cut to the scope; -1 when out of memory. */
static int sweep_in_scope(struct map *m, const struct zone_spans *layer,
                          const struct map_scope *sc, size_t f, uint64_t *total)
{
	struct zone_spans cut;

	if (spans_intersect(layer, &sc->in, &cut) < 0)
		return -1;
	sweep(m, &cut, f, total);
	zone_spans_free(&cut);
	return 0;
}

int map_render(struct map *m, const struct map_scope *sc, const struct map_layers *ly,
               unsigned cell_bits)
{
	unsigned bits = 32 - sc->prefix;
	struct zone_spans gr, any;
	int rc;

	memset(m, 0, sizeof *m);
	if (sc->prefix > 32 || cell_bits > bits || cell_bits > 31)
		return -1;
	m->net = sc->net;
	m->prefix = sc->prefix;
	m->cell_bits = cell_bits;
	m->curve_bits = bits - cell_bits;
	hilbert_size(m->curve_bits, &m->w, &m->h);
	m->cells = calloc((size_t)m->w * m->h, sizeof *m->cells);
	if (!m->cells)
		return -1;
	sweep(m, &sc->in, FIELD(addrs), &m->total.addrs);
	if (spans_union(&ly->guilty, &ly->range, &gr) < 0)
		goto oom;
	rc = spans_union(&gr, &ly->asn, &any);
	zone_spans_free(&gr);
	if (rc < 0)
		goto oom;
	rc = sweep_in_scope(m, &any, sc, FIELD(blocked), &m->total.blocked);
	zone_spans_free(&any);
	if (rc < 0 || sweep_in_scope(m, &ly->guilty, sc, FIELD(guilty), &m->total.guilty) < 0 ||
	    sweep_in_scope(m, &ly->range, sc, FIELD(range), &m->total.range) < 0 ||
	    sweep_in_scope(m, &ly->asn, sc, FIELD(asn), &m->total.asn) < 0)
		goto oom;
	return 0;
oom:
	map_free(m);
	return -1;
}

const struct map_cell *map_cell_at(const struct map *m, uint32_t x, uint32_t y)
{
	return &m->cells[hilbert_index(m->curve_bits, x, y)];
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
	free(m->cells);
	m->cells = NULL;
}
