/* The census: the ASN database walked once into a sorted list of
 * networks, the gaps between them added as unannounced space, every
 * range counted in one sweep (in chunks, to bound the memory), and the
 * counts summed per ASN. */
#include "core/scan/census.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "core/base/ip.h"

#define UNANNOUNCED SIZE_MAX   /* the slot of space without an ASN */
#define SWEEP_CHUNK 4096

/* The ranges to count, in address order, each with its ASN's slot. */
struct ranges {
	uint32_t *lo, *hi;
	size_t *slot;
	bool *db;          /* a network of the database, not a gap */
	size_t n, cap;
};

/* What the walk collects: networks, and the ASNs in a hash table. */
struct gather {
	struct ranges nets;
	struct census_asn *all;   /* every ASN seen, in order of first sight */
	size_t nall, capall;
	struct tslot {            /* open addressing: the ASN beside its index, */
		uint32_t asn;         /* so a lookup never touches all */
		uint32_t idx1;        /* index into all + 1, 0 empty */
	} *table;
	size_t tcap;              /* a power of two */
	uint32_t last_asn;        /* the walk meets an ASN's networks in runs */
	size_t last_slot;
	bool sorted;
};

/* Room the real ASN table needs (some 84,000 ASNs, 565,000 networks as
 * CIDRs, as many gaps between them), taken at once: memory not used is
 * never touched, and growing by copying cost a third of the census. */
#define GATHER_ASNS (1u << 17)
#define GATHER_NETS (1u << 20)

static int ranges_push(struct ranges *r, uint32_t lo, uint32_t hi, size_t slot, bool db)
{
	if (r->n == r->cap) {
		size_t cap = r->cap ? r->cap * 2 : GATHER_NETS;
		uint32_t *l = realloc(r->lo, cap * sizeof *l);
		uint32_t *h = l ? realloc(r->hi, cap * sizeof *h) : NULL;
		size_t *s = h ? realloc(r->slot, cap * sizeof *s) : NULL;
		bool *d = s ? realloc(r->db, cap * sizeof *d) : NULL;

		if (l)
			r->lo = l;
		if (h)
			r->hi = h;
		if (s)
			r->slot = s;
		if (!d)
			return -1;
		r->db = d;
		r->cap = cap;
	}
	r->lo[r->n] = lo;
	r->hi[r->n] = hi;
	r->slot[r->n] = slot;
	r->db[r->n++] = db;
	return 0;
}

static void ranges_free(struct ranges *r)
{
	free(r->lo);
	free(r->hi);
	free(r->slot);
	free(r->db);
	memset(r, 0, sizeof *r);
}

static size_t hash(uint32_t asn, size_t cap)
{
	return (size_t)(asn * 2654435761u) & (cap - 1);
}

/* Grow the table to twice its size and place every ASN again. */
static int table_grow(struct gather *g)
{
	size_t cap = g->tcap ? g->tcap * 2 : 2 * GATHER_ASNS;
	struct tslot *t = calloc(cap, sizeof *t);

	if (!t)
		return -1;
	for (size_t i = 0; i < g->nall; i++) {
		size_t h = hash(g->all[i].asn, cap);

		while (t[h].idx1)
			h = (h + 1) & (cap - 1);
		t[h] = (struct tslot){ g->all[i].asn, (uint32_t)(i + 1) };
	}
	free(g->table);
	g->table = t;
	g->tcap = cap;
	return 0;
}

/* The slot of asn, added (with its organisation) when new; SIZE_MAX - 1
 * when out of memory. */
static size_t asn_slot(struct gather *g, uint32_t asn, const char *org)
{
	size_t h;

	if (g->nall && asn == g->last_asn)
		return g->last_slot;
	if (((g->nall + 1) * 2 > g->tcap || g->nall + 1 >= UINT32_MAX) && table_grow(g) < 0)
		return SIZE_MAX - 1;
	for (h = hash(asn, g->tcap); g->table[h].idx1; h = (h + 1) & (g->tcap - 1))
		if (g->table[h].asn == asn) {
			g->last_asn = asn;
			return g->last_slot = g->table[h].idx1 - 1;
		}
	if (g->nall == g->capall) {
		size_t cap = g->capall ? g->capall * 2 : GATHER_ASNS;
		struct census_asn *p = realloc(g->all, cap * sizeof *p);

		if (!p)
			return SIZE_MAX - 1;
		g->all = p;
		g->capall = cap;
	}
	memset(&g->all[g->nall], 0, sizeof g->all[g->nall]);
	g->all[g->nall].asn = asn;
	g->all[g->nall].org = org;
	g->table[h] = (struct tslot){ asn, (uint32_t)(g->nall + 1) };
	g->last_asn = asn;
	g->last_slot = g->nall;
	return g->nall++;
}

static int on_network(void *arg, const struct asn_info *net)
{
	struct gather *g = arg;
	uint32_t lo = net->net & ip4_mask(net->prefix);
	uint32_t hi = (uint32_t)(lo + cidr_size(net->prefix) - 1);
	size_t slot = net->asn ? asn_slot(g, net->asn, net->org) : UNANNOUNCED;

	if (slot == SIZE_MAX - 1)
		return 1;
	if (g->nets.n && lo <= g->nets.hi[g->nets.n - 1])
		g->sorted = false;
	return ranges_push(&g->nets, lo, hi, slot, true) < 0 ? 1 : 0;
}

/* Push the gap lo..hi as unannounced space, 127.0.0.0/8 left out. */
static int gap_push(struct ranges *r, uint64_t lo, uint64_t hi)
{
	const uint64_t lb = CENSUS_LOOPBACK_NET, le = lb + cidr_size(CENSUS_LOOPBACK_PREFIX) - 1;

	if (lo > hi)
		return 0;
	if (hi < lb || lo > le)
		return ranges_push(r, (uint32_t)lo, (uint32_t)hi, UNANNOUNCED, false);
	if (lo < lb && ranges_push(r, (uint32_t)lo, (uint32_t)(lb - 1), UNANNOUNCED, false) < 0)
		return -1;
	if (hi > le && ranges_push(r, (uint32_t)(le + 1), (uint32_t)hi, UNANNOUNCED, false) < 0)
		return -1;
	return 0;
}

/* The networks with the gaps between them, over the whole space. */
static int with_gaps(const struct ranges *nets, struct ranges *out)
{
	uint64_t next = 0;

	for (size_t i = 0; i < nets->n; i++) {
		if ((nets->lo[i] > next && gap_push(out, next, (uint64_t)nets->lo[i] - 1) < 0) ||
		    ranges_push(out, nets->lo[i], nets->hi[i], nets->slot[i], true) < 0)
			return -1;
		next = (uint64_t)nets->hi[i] + 1;
	}
	return gap_push(out, next, UINT32_MAX);
}

static struct census_asn *slot_of(struct census *c, struct gather *g, size_t slot)
{
	return slot == UNANNOUNCED ? &c->unannounced : &g->all[slot];
}

/* Count every range, chunk by chunk, into its slot. */
static int sweep(struct census *c, struct gather *g, const struct account *a,
                 const struct ranges *r)
{
	struct acct_sum *per = malloc(SWEEP_CHUNK * sizeof *per);

	if (!per)
		return -1;
	for (size_t i = 0; i < r->n; i += SWEEP_CHUNK) {
		size_t k = r->n - i < SWEEP_CHUNK ? r->n - i : SWEEP_CHUNK;

		account_sweep(a, r->lo + i, r->hi + i, k, per);
		for (size_t j = 0; j < k; j++) {
			struct census_asn *x = slot_of(c, g, r->slot[i + j]);

			acct_sum_add(&x->sum, &per[j]);
			x->networks += r->db[i + j];
			acct_sum_add(&c->total, &per[j]);
		}
	}
	free(per);
	return 0;
}

static bool any_zone(const struct acct_sum *s)
{
	for (size_t z = 0; z < PROFILE_MAX_ZONES; z++)
		if (s->zone[z])
			return true;
	return false;
}

static int worst_first(const void *x, const void *y)
{
	const struct census_asn *a = x, *b = y;

	if (a->sum.collateral != b->sum.collateral)
		return a->sum.collateral > b->sum.collateral ? -1 : 1;
	if (a->sum.blocked != b->sum.blocked)
		return a->sum.blocked > b->sum.blocked ? -1 : 1;
	return a->asn < b->asn ? -1 : a->asn > b->asn;
}

/* Sort the walk's networks by address when the database gave them out
 * of order (it should not); overlapping networks are corrupt. */
static int nets_order(struct ranges *r)
{
	struct ranges s = { 0 };
	size_t *ix = malloc((r->n ? r->n : 1) * sizeof *ix);
	int rc = -1;

	if (!ix)
		return -1;
	for (size_t i = 0; i < r->n; i++)
		ix[i] = i;
	/* insertion by address: rare, and then short */
	for (size_t i = 1; i < r->n; i++) {
		size_t v = ix[i], j = i;

		for (; j > 0 && r->lo[ix[j - 1]] > r->lo[v]; j--)
			ix[j] = ix[j - 1];
		ix[j] = v;
	}
	for (size_t i = 0; i < r->n; i++) {
		if (i && r->lo[ix[i]] <= r->hi[ix[i - 1]])
			goto out;
		if (ranges_push(&s, r->lo[ix[i]], r->hi[ix[i]], r->slot[ix[i]], true) < 0)
			goto out;
	}
	ranges_free(r);
	*r = s;
	s = (struct ranges){ 0 };
	rc = 0;
out:
	ranges_free(&s);
	free(ix);
	return rc;
}

int census_run(struct census *c, const struct account *a, struct asn_db *db, char *err,
               size_t errlen)
{
	struct gather g = { .sorted = true };
	struct ranges all = { 0 };
	int rc;

	memset(c, 0, sizeof *c);
	c->unannounced.org = "";
	rc = asn_db_walk(db, on_network, &g);
	if (rc < 0) {
		snprintf(err, errlen, "%s: the ASN database is corrupt", asn_db_path(db));
	} else if (rc > 0) {
		snprintf(err, errlen, "out of memory");
	} else if (!g.sorted && nets_order(&g.nets) < 0) {
		snprintf(err, errlen, "%s: the ASN database holds overlapping networks",
		         asn_db_path(db));
		rc = -1;
	} else if (with_gaps(&g.nets, &all) < 0 || sweep(c, &g, a, &all) < 0) {
		snprintf(err, errlen, "out of memory");
		rc = -1;
	}
	if (rc == 0) {
		c->asns = g.nall;
		c->networks = g.nets.n;
		for (size_t i = 0; i < g.nall; i++)
			if (any_zone(&g.all[i].sum))
				g.all[c->n++] = g.all[i];
		qsort(g.all, c->n, sizeof *g.all, worst_first);
		c->v = g.all;
		g.all = NULL;
	}
	free(g.all);
	free(g.table);
	ranges_free(&g.nets);
	ranges_free(&all);
	return rc == 0 ? 0 : -1;
}

bool census_listed(const struct census *c, const struct profile *p)
{
	return acct_sum_listed(&c->total, p);
}

void census_free(struct census *c)
{
	free(c->v);
	memset(c, 0, sizeof *c);
}
