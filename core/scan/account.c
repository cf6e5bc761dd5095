/* Exact accounting by interval arithmetic.  Each zone's listed ranges,
 * and their unions (guilty, blocked, allowed), are kept as sorted,
 * disjoint ranges with the count of addresses below each range, so that
 * "addresses of the set below x" is a lookup; counts over a network are
 * the difference of two such lookups.  Queries in ascending order walk
 * each set once (galloping over the ranges between them). */
#include "core/scan/account.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "core/base/ip.h"

/* Sorted, disjoint, inclusive ranges with prefix counts. */
struct aset {
	uint32_t *lo, *hi;
	uint64_t *below;     /* n + 1 entries: addresses in ranges 0..i-1 */
	size_t n;
};

enum { SET_GUILTY, SET_BLOCKED, SET_ALLOWED, SET_COUNT };

struct account {
	const struct profile *p;
	struct aset zone[PROFILE_MAX_ZONES];
	struct aset set[SET_COUNT];
};

static void aset_free(struct aset *s)
{
	free(s->lo);
	free(s->hi);
	free(s->below);
	memset(s, 0, sizeof *s);
}

static int aset_alloc(struct aset *s, size_t cap)
{
	memset(s, 0, sizeof *s);
	s->lo = malloc((cap ? cap : 1) * sizeof *s->lo);
	s->hi = malloc((cap ? cap : 1) * sizeof *s->hi);
	s->below = malloc((cap + 1) * sizeof *s->below);
	if (s->lo && s->hi && s->below)
		return 0;
	aset_free(s);
	return -1;
}

/* Fill in below[] once lo[] and hi[] are final. */
static void aset_count(struct aset *s)
{
	s->below[0] = 0;
	for (size_t i = 0; i < s->n; i++)
		s->below[i + 1] = s->below[i] + ((uint64_t)s->hi[i] - s->lo[i] + 1);
}

/* Append lo..hi to s, merged with its last range when they overlap or
 * touch; ranges come in order of lo. */
static void aset_push(struct aset *s, uint32_t lo, uint32_t hi)
{
	if (s->n && (uint64_t)s->hi[s->n - 1] + 1 >= lo) {
		if (hi > s->hi[s->n - 1])
			s->hi[s->n - 1] = hi;
		return;
	}
	s->lo[s->n] = lo;
	s->hi[s->n++] = hi;
}

/* out = a united with b, both sorted and disjoint. */
static int aset_union(const struct aset *a, const struct aset *b, struct aset *out)
{
	size_t i = 0, j = 0;

	if (aset_alloc(out, a->n + b->n) < 0)
		return -1;
	while (i < a->n || j < b->n) {
		if (j == b->n || (i < a->n && a->lo[i] <= b->lo[j])) {
			aset_push(out, a->lo[i], a->hi[i]);
			i++;
		} else {
			aset_push(out, b->lo[j], b->hi[j]);
			j++;
		}
	}
	aset_count(out);
	return 0;
}

/* *acc united with s (acc starts empty, n 0 with no arrays). */
static int aset_add(struct aset *acc, const struct aset *s)
{
	struct aset u;

	if (aset_union(acc, s, &u) < 0)
		return -1;
	aset_free(acc);
	*acc = u;
	return 0;
}

static int aset_from_zone(const struct zonefile *zf, struct aset *out)
{
	struct zone_spans sp;

	if (zonefile_listed(zf, &sp) < 0 || aset_alloc(out, sp.n) < 0) {
		zone_spans_free(&sp);
		return -1;
	}
	for (size_t i = 0; i < sp.n; i++)
		aset_push(out, sp.lo[i], sp.hi[i]);
	zone_spans_free(&sp);
	aset_count(out);
	return 0;
}

/* Which union a zone of role r belongs to, or -1. */
static const int role_sets[][SET_COUNT] = {
	[ZR_SINGLE] = { 1, 1, 0 },
	[ZR_RANGE] = { 0, 1, 0 },
	[ZR_ASN] = { 0, 1, 0 },
	[ZR_INFO] = { 0, 0, 0 },
	[ZR_ALLOW] = { 0, 0, 1 },
};

struct account *account_new(const struct profile *p, const struct zonefile *const *zf)
{
	struct account *a = calloc(1, sizeof *a);

	if (!a)
		return NULL;
	a->p = p;
	for (size_t k = 0; k < SET_COUNT; k++)
		if (aset_alloc(&a->set[k], 0) < 0)
			goto oom;
	for (size_t z = 0; z < p->nzones; z++) {
		if (aset_from_zone(zf[z], &a->zone[z]) < 0)
			goto oom;
		for (size_t k = 0; k < SET_COUNT; k++)
			if (role_sets[p->zones[z].role][k] && aset_add(&a->set[k], &a->zone[z]) < 0)
				goto oom;
	}
	return a;
oom:
	account_free(a);
	return NULL;
}

void account_free(struct account *a)
{
	if (!a)
		return;
	for (size_t z = 0; z < PROFILE_MAX_ZONES; z++)
		aset_free(&a->zone[z]);
	for (size_t k = 0; k < SET_COUNT; k++)
		aset_free(&a->set[k]);
	free(a);
}

/* A walk through one set with points that never go down. */
struct cursor {
	const struct aset *s;
	size_t i;   /* no range before i ends at or above the last point */
};

/* Addresses of the set below x (0 <= x <= 2^32); x at least the last x
 * asked of this cursor. */
static uint64_t below(struct cursor *c, uint64_t x)
{
	const struct aset *s = c->s;
	size_t i = c->i, step = 1, end;
	uint64_t r;

	if (i < s->n && s->hi[i] < x) {
		/* gallop: hi[i] < x; find the first range ending at or after x */
		while (i + step < s->n && s->hi[i + step] < x) {
			i += step;
			step *= 2;
		}
		end = i + step < s->n ? i + step : s->n;
		i++;
		while (i < end) {
			size_t mid = i + (end - i) / 2;

			if (s->hi[mid] < x)
				i = mid + 1;
			else
				end = mid;
		}
	}
	c->i = i;
	r = s->below[i];
	if (i < s->n && s->lo[i] < x)
		r += x - s->lo[i];
	return r;
}

/* Every cursor of an account, one per zone and one per union. */
struct cursors {
	struct cursor zone[PROFILE_MAX_ZONES], set[SET_COUNT];
};

static void cursors_init(const struct account *a, struct cursors *c)
{
	memset(c, 0, sizeof *c);
	for (size_t z = 0; z < a->p->nzones; z++)
		c->zone[z].s = &a->zone[z];
	for (size_t k = 0; k < SET_COUNT; k++)
		c->set[k].s = &a->set[k];
}

/* Per set, the addresses below x: the zones, then the unions. */
struct point {
	uint64_t zone[PROFILE_MAX_ZONES], set[SET_COUNT];
};

static void point_at(const struct account *a, struct cursors *c, uint64_t x, struct point *p)
{
	for (size_t z = 0; z < a->p->nzones; z++)
		p->zone[z] = below(&c->zone[z], x);
	for (size_t k = 0; k < SET_COUNT; k++)
		p->set[k] = below(&c->set[k], x);
}

/* The counts between two points: from (x0, p0) up to (x1, p1). */
static void sum_between(const struct account *a, uint64_t x0, const struct point *p0,
                        uint64_t x1, const struct point *p1, struct acct_sum *out)
{
	memset(out, 0, sizeof *out);
	out->addrs = x1 - x0;
	for (size_t z = 0; z < a->p->nzones; z++)
		out->zone[z] = p1->zone[z] - p0->zone[z];
	out->guilty = p1->set[SET_GUILTY] - p0->set[SET_GUILTY];
	out->blocked = p1->set[SET_BLOCKED] - p0->set[SET_BLOCKED];
	out->allowed = p1->set[SET_ALLOWED] - p0->set[SET_ALLOWED];
	out->collateral = out->blocked - out->guilty;   /* guilty is part of blocked */
}

void account_range(const struct account *a, uint32_t lo, uint32_t hi, struct acct_sum *out)
{
	struct cursors c;
	struct point p0, p1;

	cursors_init(a, &c);
	point_at(a, &c, lo, &p0);
	point_at(a, &c, (uint64_t)hi + 1, &p1);
	sum_between(a, lo, &p0, (uint64_t)hi + 1, &p1, out);
}

void account_sweep(const struct account *a, const uint32_t *lo, const uint32_t *hi, size_t n,
                   struct acct_sum *per)
{
	struct cursors c;
	struct point p0, p1;

	cursors_init(a, &c);
	for (size_t i = 0; i < n; i++) {
		point_at(a, &c, lo[i], &p0);
		point_at(a, &c, (uint64_t)hi[i] + 1, &p1);
		sum_between(a, lo[i], &p0, (uint64_t)hi[i] + 1, &p1, &per[i]);
	}
}

void acct_sum_add(struct acct_sum *a, const struct acct_sum *b)
{
	a->addrs += b->addrs;
	for (size_t z = 0; z < PROFILE_MAX_ZONES; z++)
		a->zone[z] += b->zone[z];
	a->guilty += b->guilty;
	a->blocked += b->blocked;
	a->collateral += b->collateral;
	a->allowed += b->allowed;
}

bool acct_sum_listed(const struct acct_sum *s, const struct profile *p)
{
	for (size_t z = 0; z < p->nzones; z++)
		if (p->zones[z].role != ZR_ALLOW && s->zone[z])
			return true;
	return false;
}

bool account_ratio_text(const struct acct_sum *s, char out[ACCT_RATIO_MAX])
{
	uint64_t tenths;

	out[0] = '\0';
	if (!s->guilty)
		return false;
	/* collateral < 2^32, so ten times it and the half fit */
	tenths = (s->collateral * 10 + s->guilty / 2) / s->guilty;
	snprintf(out, ACCT_RATIO_MAX, "%llu.%u", (unsigned long long)(tenths / 10),
	         (unsigned)(tenths % 10));
	return true;
}

/* A point of a network: where it starts or where it ends (one past its
 * last address), and which network. */
struct edge {
	uint64_t x;
	size_t net;
	bool end;
};

static int edge_cmp(const void *x, const void *y)
{
	const struct edge *a = x, *b = y;

	return a->x < b->x ? -1 : a->x > b->x;
}

static int net_cmp(const void *x, const void *y)
{
	const struct asn_net *a = x, *b = y;

	if (a->net != b->net)
		return a->net < b->net ? -1 : 1;
	return (int)a->prefix - (int)b->prefix;
}

/* *total over the union of the networks. */
static int union_total(const struct account *a, const struct asn_net *nets, size_t n,
                       struct acct_sum *total)
{
	struct asn_net *v = malloc((n ? n : 1) * sizeof *v);
	uint32_t *lo = malloc((n ? n : 1) * sizeof *lo), *hi = malloc((n ? n : 1) * sizeof *hi);
	struct acct_sum *per = malloc((n ? n : 1) * sizeof *per);
	size_t m = 0;
	int rc = -1;

	if (!v || !lo || !hi || !per)
		goto out;
	memcpy(v, nets, n * sizeof *v);
	qsort(v, n, sizeof *v, net_cmp);
	for (size_t i = 0; i < n; i++) {
		uint32_t l = v[i].net & ip4_mask(v[i].prefix);
		uint32_t h = (uint32_t)(l + cidr_size(v[i].prefix) - 1);

		if (m && (uint64_t)hi[m - 1] + 1 >= l) {
			if (h > hi[m - 1])
				hi[m - 1] = h;
			continue;
		}
		lo[m] = l;
		hi[m++] = h;
	}
	account_sweep(a, lo, hi, m, per);
	memset(total, 0, sizeof *total);
	for (size_t i = 0; i < m; i++)
		acct_sum_add(total, &per[i]);
	rc = 0;
out:
	free(v);
	free(lo);
	free(hi);
	free(per);
	return rc;
}

/* per[i] for each network: every edge in ascending order, one sweep. */
static int per_net(const struct account *a, const struct asn_net *nets, size_t n,
                   struct acct_sum *per)
{
	struct edge *e = malloc((2 * n + 1) * sizeof *e);
	struct point *at = malloc((2 * n + 1) * sizeof *at);
	size_t *start = malloc((n ? n : 1) * sizeof *start), *stop = malloc((n ? n : 1) * sizeof *stop);
	struct cursors c;
	int rc = -1;

	if (!e || !at || !start || !stop)
		goto out;
	for (size_t i = 0; i < n; i++) {
		uint64_t l = nets[i].net & ip4_mask(nets[i].prefix);

		e[2 * i] = (struct edge){ l, i, false };
		e[2 * i + 1] = (struct edge){ l + cidr_size(nets[i].prefix), i, true };
	}
	qsort(e, 2 * n, sizeof *e, edge_cmp);
	cursors_init(a, &c);
	for (size_t k = 0; k < 2 * n; k++) {
		point_at(a, &c, e[k].x, &at[k]);
		if (e[k].end)
			stop[e[k].net] = k;
		else
			start[e[k].net] = k;
	}
	for (size_t i = 0; i < n; i++)
		sum_between(a, e[start[i]].x, &at[start[i]], e[stop[i]].x, &at[stop[i]], &per[i]);
	rc = 0;
out:
	free(e);
	free(at);
	free(start);
	free(stop);
	return rc;
}

int account_nets(const struct account *a, const struct asn_net *nets, size_t n,
                 struct acct_sum *total, struct acct_sum *per)
{
	if (total && union_total(a, nets, n, total) < 0)
		return -1;
	if (per && per_net(a, nets, n, per) < 0)
		return -1;
	return 0;
}
