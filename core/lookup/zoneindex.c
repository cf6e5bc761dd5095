/* Which entry of a zone file answers for which address, resolved once at
 * load time into sorted, disjoint spans, following rbldnsd:
 *  - ip4set: entries are stored as runs of /32s, /24s, /16s and /8s; the
 *    finest level holding the address answers; there an exclusion wins,
 *    otherwise every value answers: the A records and the TXT records of
 *    all of them, in the order their values were first written (rbldnsd
 *    orders by value, a default line's value being older than the
 *    entries using it), repeated records left out (checked with rbldnsd).
 *  - ip4trie: the longest prefix answers; of equal prefixes, the first.
 * Each level (rank) is swept on its own, then laid over the coarser ones. */
#include "core/lookup/zoneparse.h"

#include <stdlib.h>
#include <string.h>

#include "core/lookup/lookup.h"

/* A part of an entry at one level of precedence (rank: higher wins). */
struct piece {
	uint32_t lo, hi;
	uint32_t key;   /* order among equal ranks: value (ip4set), line (ip4trie) */
	uint32_t val;
	unsigned rank;
};

struct span {
	uint32_t lo, hi;
	struct zp_answer ans;
};

struct spans {
	struct span *v;
	size_t n, cap;
};

struct build {
	const struct zp_data *d;
	struct zp_index *ix;     /* where the TXT lists go */
	struct piece *pc;
	size_t npc, cappc;
	unsigned char *bad, *hastxt;   /* per value */
	uint32_t *tmp;                 /* a TXT list being gathered */
	uint32_t lastlist;             /* the TXT list stored last */
	int oom;
};

static int piece_add(struct build *b, uint64_t lo, uint64_t hi, unsigned rank,
                     uint32_t key, uint32_t val)
{
	if (zp_grow((void **)&b->pc, &b->cappc, b->npc + 1, sizeof(*b->pc)) < 0)
		return -1;
	b->pc[b->npc++] = (struct piece){ (uint32_t)lo, (uint32_t)hi, key, val, rank };
	return 0;
}

/* Split [lo, hi] as an ip4set stores it: at each octet level, the ragged
 * ends stay at that level and whole blocks of 256 move up one level. */
static int split_octets(struct build *b, uint32_t lo, uint32_t hi, uint32_t key, uint32_t val)
{
	uint64_t a = lo, z = hi;   /* in units of the current level */
	unsigned sh;

#define UNIT_ADD(x, y, s) piece_add(b, (x) << (s), (((y) + 1) << (s)) - 1, 32 - (s), key, val)
	for (sh = 0; sh < 24; sh += 8) {
		if ((a | 255) >= z) {
			if ((a & 255) == 0 && (z & 255) == 255)
				return UNIT_ADD(a >> 8, a >> 8, sh + 8);
			return UNIT_ADD(a, z, sh);
		}
		if ((a & 255) && UNIT_ADD(a, a | 255, sh) < 0)
			return -1;
		a = (a >> 8) + ((a & 255) != 0);
		if ((z & 255) != 255 && UNIT_ADD(z & ~(uint64_t)255, z, sh) < 0)
			return -1;
		z = (z >> 8) - ((z & 255) != 255);
		if (a > z)
			return 0;
	}
	return UNIT_ADD(a, z, 24);
#undef UNIT_ADD
}

/* Split [lo, hi] into the fewest CIDR blocks, ranked by prefix length. */
static int split_cidrs(struct build *b, uint32_t lo, uint32_t hi, uint32_t key, uint32_t val)
{
	uint64_t a = lo, size;
	unsigned len;

	while (a <= hi) {
		for (len = 0, size = (uint64_t)1 << 32; a % size || a + size - 1 > hi; len++)
			size >>= 1;
		if (piece_add(b, a, a + size - 1, len, key, val) < 0)
			return -1;
		a += size;
	}
	return 0;
}

static int pieces_make(struct build *b)
{
	const struct zp_data *d = b->d;
	const struct zp_entry *e;

	for (size_t i = 0; i < d->nent; i++) {
		e = &d->ent[i];
		if (d->mode == ZP_IP4TRIE ? split_cidrs(b, e->lo, e->hi, (uint32_t)i, e->val) :
		    split_octets(b, e->lo, e->hi, e->val, e->val))
			return -1;
	}
	return 0;
}

static unsigned piece_digit(const struct piece *p, unsigned pass)
{
	return pass < 4 ? (p->lo >> (8 * pass)) & 255 : p->rank;
}

/* Order the pieces by rank, then start, with a radix sort: qsort's
 * element copies were most of the load time.  The order among equal
 * starts does not matter, as the sweep takes them all at once. */
static int pieces_sort(struct build *b)
{
	size_t count[256], c;
	struct piece *tmp, *t;

	if (b->npc < 2)
		return 0;
	tmp = malloc(b->npc * sizeof(*tmp));
	if (!tmp)
		return -1;
	for (unsigned pass = 0; pass < 5; pass++) {
		memset(count, 0, sizeof(count));
		for (size_t i = 0; i < b->npc; i++)
			count[piece_digit(&b->pc[i], pass)]++;
		if (count[piece_digit(&b->pc[0], pass)] == b->npc)
			continue;   /* one digit for all: already in order */
		for (size_t d = 0, sum = 0; d < 256; d++) {
			c = count[d];
			count[d] = sum;
			sum += c;
		}
		for (size_t i = 0; i < b->npc; i++)
			tmp[count[piece_digit(&b->pc[i], pass)]++] = b->pc[i];
		t = b->pc;
		b->pc = tmp;
		tmp = t;
	}
	free(tmp);
	b->cappc = b->npc;
	return 0;
}

/* A min-heap of pieces by key, whose entries are dropped lazily once the
 * sweep has passed their end. */
struct heap {
	struct hitem {
		uint32_t key, hi, val;
	} *v;
	size_t n;
};

static void heap_push(struct heap *h, uint32_t key, uint32_t hi, uint32_t val)
{
	size_t i = h->n++, up;

	while (i > 0 && h->v[up = (i - 1) / 2].key > key) {
		h->v[i] = h->v[up];
		i = up;
	}
	h->v[i] = (struct hitem){ key, hi, val };
}

static void heap_pop(struct heap *h)
{
	struct hitem last = h->v[--h->n];
	size_t i = 0, c;

	while ((c = 2 * i + 1) < h->n) {
		if (c + 1 < h->n && h->v[c + 1].key < h->v[c].key)
			c++;
		if (h->v[c].key >= last.key)
			break;
		h->v[i] = h->v[c];
		i = c;
	}
	if (h->n)
		h->v[i] = last;
}

/* The value of the top entry still covering pos, or ZP_NONE. */
static uint32_t heap_top(struct heap *h, uint64_t pos)
{
	while (h->n && h->v[0].hi < pos)
		heap_pop(h);
	return h->n ? h->v[0].val : ZP_NONE;
}

enum { H_END, H_EXCL, H_FIRST, H_BAD, H_TXT, H_COUNT };

static void sweep_push(const struct build *b, struct heap *h, const struct piece *p)
{
	heap_push(&h[H_END], p->hi, p->hi, p->val);
	if (b->d->mode == ZP_IP4TRIE || p->val != ZP_EXCL)
		heap_push(&h[H_FIRST], p->key, p->hi, p->val);
	if (b->d->mode == ZP_IP4TRIE)
		return;
	if (p->val == ZP_EXCL)
		heap_push(&h[H_EXCL], p->hi, p->hi, p->val);
	else if (b->bad[p->val])
		heap_push(&h[H_BAD], p->key, p->hi, p->val);
	/* Not a heap: txt_list reads all of them, so it keeps only those
	 * that still cover the sweep. */
	if (p->val != ZP_EXCL && b->hastxt[p->val])
		h[H_TXT].v[h[H_TXT].n++] = (struct hitem){ p->key, p->hi, p->val };
}

/* Store the list of the n values in v (sorted, no repeats): its offset in
 * ix->lists, shared with the list stored last when equal; ZP_NONE for
 * none, or on running out of memory (b->oom set). */
static uint32_t list_add(struct build *b, const uint32_t *v, uint32_t n)
{
	struct zp_index *ix = b->ix;

	if (n == 0)
		return ZP_NONE;
	if (b->lastlist != ZP_NONE && ix->lists[b->lastlist] == n &&
	    !memcmp(ix->lists + b->lastlist + 1, v, n * sizeof(*v)))
		return b->lastlist;
	if (ix->nlists + n + 1 > UINT32_MAX - 2 ||
	    zp_grow((void **)&ix->lists, &ix->caplists, ix->nlists + n + 1, sizeof(*v)) < 0) {
		b->oom = 1;
		return ZP_NONE;
	}
	b->lastlist = (uint32_t)ix->nlists;
	ix->lists[ix->nlists] = n;
	memcpy(ix->lists + ix->nlists + 1, v, n * sizeof(*v));
	ix->nlists += n + 1;
	return b->lastlist;
}

/* The values with a TXT still covering pos, in value order, each once.
 * Entries the sweep has passed are dropped here, so each is read only
 * while it covers something: a zone of 300,000 addresses under one
 * default TXT stays linear. */
static uint32_t txt_list(struct build *b, struct heap *h, uint64_t pos)
{
	uint32_t n = 0, v;
	size_t keep = 0;

	for (size_t i = 0; i < h->n; i++) {
		size_t j;

		if (h->v[i].hi < pos)
			continue;   /* passed: dropped */
		h->v[keep++] = h->v[i];
		v = h->v[i].val;
		for (j = n; j > 0 && b->tmp[j - 1] > v; j--)
			b->tmp[j] = b->tmp[j - 1];
		if (j > 0 && b->tmp[j - 1] == v) {
			memmove(b->tmp + j, b->tmp + j + 1, (n - j) * sizeof(*b->tmp));
			continue;
		}
		b->tmp[j] = v;
		n++;
	}
	h->n = keep;
	return list_add(b, b->tmp, n);
}

static struct zp_answer sweep_answer(struct build *b, struct heap *h, uint64_t pos)
{
	uint32_t v = heap_top(&h[H_FIRST], pos);

	if (b->d->mode == ZP_IP4TRIE) {
		if (v == ZP_EXCL)
			return (struct zp_answer){ ZP_EXCL, ZP_NONE, ZP_NONE };
		return (struct zp_answer){ v, b->bad[v] ? v : ZP_NONE,
		                           b->hastxt[v] ? list_add(b, &v, 1) : ZP_NONE };
	}
	if (heap_top(&h[H_EXCL], pos) != ZP_NONE)
		return (struct zp_answer){ ZP_EXCL, ZP_NONE, ZP_NONE };
	return (struct zp_answer){ v, heap_top(&h[H_BAD], pos), txt_list(b, &h[H_TXT], pos) };
}

static int span_add(struct spans *s, uint64_t lo, uint64_t hi, struct zp_answer a)
{
	struct span *last = s->n ? &s->v[s->n - 1] : NULL;

	if (last && (uint64_t)last->hi + 1 == lo && !memcmp(&last->ans, &a, sizeof(a))) {
		last->hi = (uint32_t)hi;
		return 0;
	}
	if (zp_grow((void **)&s->v, &s->cap, s->n + 1, sizeof(*s->v)) < 0)
		return -1;
	s->v[s->n++] = (struct span){ (uint32_t)lo, (uint32_t)hi, a };
	return 0;
}

/* Resolve the n pieces of one rank (sorted by start) into disjoint spans. */
static int sweep(struct build *b, const struct piece *p, size_t n,
                 struct heap *h, struct spans *out)
{
	size_t i = 0;
	uint64_t pos = 0, next;

	for (int k = 0; k < H_COUNT; k++)
		h[k].n = 0;
	for (;;) {
		if (heap_top(&h[H_END], pos) == ZP_NONE) {
			if (i == n)
				break;
			pos = p[i].lo;   /* a gap: jump to the next piece */
		}
		while (i < n && p[i].lo == pos)
			sweep_push(b, h, &p[i++]);
		next = (uint64_t)h[H_END].v[0].hi + 1;
		if (i < n && p[i].lo < next)
			next = p[i].lo;
		if (span_add(out, pos, next - 1, sweep_answer(b, h, pos)) < 0 || b->oom)
			return -1;
		pos = next;
	}
	return 0;
}

/* Lay top over base: where they overlap, top answers. */
static int overlay(const struct spans *base, const struct spans *top, struct spans *out)
{
	size_t j = 0;
	uint64_t cur, covered = 0;  /* below covered, a top span has answered */

	for (size_t i = 0; i < base->n; i++) {
		const struct span *s = &base->v[i];

		cur = s->lo > covered ? s->lo : covered;
		while (cur <= s->hi) {
			if (j < top->n && top->v[j].lo <= s->hi) {
				if (top->v[j].lo > cur && span_add(out, cur, top->v[j].lo - 1, s->ans) < 0)
					return -1;
				if (span_add(out, top->v[j].lo, top->v[j].hi, top->v[j].ans) < 0)
					return -1;
				covered = (uint64_t)top->v[j++].hi + 1;
				cur = cur > covered ? cur : covered;
			} else {
				if (span_add(out, cur, s->hi, s->ans) < 0)
					return -1;
				cur = (uint64_t)s->hi + 1;
			}
		}
	}
	for (; j < top->n; j++)
		if (span_add(out, top->v[j].lo, top->v[j].hi, top->v[j].ans) < 0)
			return -1;
	return 0;
}

/* Sweep each rank, least precise first, and lay it over the ranks below. */
static int ranks_resolve(struct build *b, struct spans *all)
{
	struct heap h[H_COUNT] = { { 0 } };
	struct spans rank = { 0 }, merged = { 0 };
	size_t i = 0, j;
	int rc = 0;

	for (int k = 0; k < H_COUNT && rc == 0; k++)
		if (b->npc && !(h[k].v = malloc(b->npc * sizeof(*h[k].v))))
			rc = -1;
	if (rc == 0 && b->npc && !(b->tmp = malloc(b->npc * sizeof(*b->tmp))))
		rc = -1;
	while (rc == 0 && i < b->npc) {
		for (j = i; j < b->npc && b->pc[j].rank == b->pc[i].rank; j++)
			;
		rank.n = merged.n = 0;
		rc = sweep(b, b->pc + i, j - i, h, &rank);
		if (rc == 0)
			rc = overlay(all, &rank, &merged);
		if (rc == 0) {
			struct spans t = *all;
			*all = merged;
			merged = t;
		}
		i = j;
	}
	for (int k = 0; k < H_COUNT; k++)
		free(h[k].v);
	free(rank.v);
	free(merged.v);
	return rc;
}

/* Per value: is its A not a listing code, does it give a TXT. */
static int values_classify(struct build *b)
{
	const struct zp_data *d = b->d;
	struct lookup probe;

	b->bad = malloc(d->nval);
	b->hastxt = malloc(d->nval);
	if (!b->bad || !b->hastxt)
		return -1;
	for (size_t v = 0; v < d->nval; v++) {
		lk_classify_a(&probe, &d->val[v].a, 1);  /* the rules of live DNS */
		b->bad[v] = probe.state != LK_LISTED;
		b->hastxt[v] = (unsigned char)zp_has_txt(d, (uint32_t)v);
	}
	return 0;
}

/* Keep the listed spans in the lookup arrays, joining neighbours. */
static int spans_store(struct zp_index *ix, const struct spans *all)
{
	size_t n = 0;

	ix->lo = malloc((all->n + 1) * sizeof(*ix->lo));
	ix->hi = malloc((all->n + 1) * sizeof(*ix->hi));
	ix->ans = malloc((all->n + 1) * sizeof(*ix->ans));
	if (!ix->lo || !ix->hi || !ix->ans)
		return -1;
	for (size_t i = 0; i < all->n; i++) {
		const struct span *s = &all->v[i];

		if (s->ans.first == ZP_EXCL)
			continue;
		if (n && (uint64_t)ix->hi[n - 1] + 1 == s->lo &&
		    !memcmp(&ix->ans[n - 1], &s->ans, sizeof(s->ans))) {
			ix->hi[n - 1] = s->hi;
			continue;
		}
		ix->lo[n] = s->lo;
		ix->hi[n] = s->hi;
		ix->ans[n++] = s->ans;
	}
	ix->n = n;
	return 0;
}

int zp_index_build(const struct zp_data *d, struct zp_index *ix)
{
	struct build b = { .d = d, .ix = ix, .lastlist = ZP_NONE };
	struct spans all = { 0 };
	int rc = -1;

	if (values_classify(&b) == 0 && pieces_make(&b) == 0 && pieces_sort(&b) == 0 &&
	    ranks_resolve(&b, &all) == 0)
		rc = spans_store(ix, &all);
	free(all.v);
	free(b.pc);
	free(b.bad);
	free(b.hastxt);
	free(b.tmp);
	if (rc < 0)
		zp_index_free(ix);
	return rc;
}

void zp_index_free(struct zp_index *ix)
{
	free(ix->lo);
	free(ix->hi);
	free(ix->ans);
	free(ix->lists);
	memset(ix, 0, sizeof(*ix));
}
