/* Evaluating listing policies: which blocks level 2 lists in an ASN and
 * whether level 3 lists the ASN.  Every decision is made in integers, so
 * that a count one below a threshold is never listed by rounding. */
#include "core/uceprotect/policy.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "core/base/ip.h"
#include "core/base/numfmt.h"

/* ---- level 3 ---- */

void policy_l3_compute(const struct policy *p, uint64_t count, uint64_t total,
                       struct policy_l3 *out)
{
	/* total <= 2^32 and l3_num <= 10^8: the product fits. */
	uint64_t share = total * p->l3_num;
	uint64_t needed = p->l3_cmp == PC_GE ? (share + p->l3_den - 1) / p->l3_den
	                                     : share / p->l3_den + 1;

	if (needed < p->l3_min)
		needed = p->l3_min;
	if (needed < 1)
		needed = 1;
	out->unit = p->l3_unit;
	out->count = count;
	out->total = total;
	out->needed = needed;
	out->listed = total > 0 && count >= needed;
	out->spamscore = total == 0 ? 0 :
		count / total * 100000 + count % total * 100000 / total;
}

const char *policy_unit_name(enum policy_unit u)
{
	return u == PU_IPS ? "listed addresses" : "impacts";
}

/* The unit for a count of n: "1 impact", "2 impacts". */
static const char *unit_word(enum policy_unit u, uint64_t n)
{
	if (n == 1)
		return u == PU_IPS ? "listed address" : "impact";
	return policy_unit_name(u);
}

void policy_l3_explain(const struct policy *p, const struct policy_l3 *r,
                       char *out, size_t len)
{
	char count[32], total[32], needed[32], least[32], min[48] = "";
	double pct = r->total ? 100.0 * (double)r->count / (double)r->total : 0.0;

	if (p->l3_min > 1)
		snprintf(min, sizeof min, " and at least %s", num_grouped(p->l3_min, least));
	snprintf(out, len, "%s %s / %s addresses = %.4g%%: needs %s %s%%%s (%s %s): %s",
	         num_grouped(r->count, count), unit_word(r->unit, r->count),
	         num_grouped(r->total, total), pct, p->l3_cmp == PC_GE ? ">=" : ">",
	         p->l3_pct, min, num_grouped(r->needed, needed),
	         unit_word(r->unit, r->needed), r->listed ? "listed" : "not listed");
}

/* ---- evaluating one ASN ---- */

/* The ASN's address space as sorted, disjoint, inclusive spans, and the
 * addresses inside it with running sums of their level 2 weights, so that
 * the count of any block is two binary searches. */
struct walk {
	const struct policy *p;
	uint32_t *lo, *hi;
	size_t nspans;
	uint32_t *ip;
	uint64_t *cum;       /* cum[i]: weight of ip[0] .. ip[i-1] */
	size_t nip;
	struct policy_block *blocks;
	size_t nblocks, cap;
};

enum cover { CV_NONE, CV_PART, CV_FULL };

static int net_order(const void *a, const void *b)
{
	const struct asn_net *x = a, *y = b;

	return x->net < y->net ? -1 : x->net > y->net;
}

/* Merge nets into spans; adjacent and overlapping nets become one. */
static int spans_build(struct walk *w, const struct asn_net *nets, size_t n)
{
	struct asn_net *s = malloc((n ? n : 1) * sizeof(*s));

	w->lo = malloc((n ? n : 1) * sizeof(*w->lo));
	w->hi = malloc((n ? n : 1) * sizeof(*w->hi));
	if (!s || !w->lo || !w->hi) {
		free(s);
		return -1;
	}
	if (n) {
		memcpy(s, nets, n * sizeof(*s));
		qsort(s, n, sizeof(*s), net_order);
	}
	for (size_t i = 0; i < n; i++) {
		uint32_t lo = s[i].net, hi = s[i].net | ~ip4_mask(s[i].prefix);
		size_t k = w->nspans;

		if (k && (uint64_t)w->hi[k - 1] + 1 >= lo) {
			if (hi > w->hi[k - 1])
				w->hi[k - 1] = hi;
			continue;
		}
		w->lo[k] = lo;
		w->hi[k] = hi;
		w->nspans++;
	}
	free(s);
	return 0;
}

/* Index of the first element of v (sorted, n) that is >= x. */
static size_t lower_bound(const uint32_t *v, size_t n, uint32_t x)
{
	size_t a = 0, b = n;

	while (a < b) {
		size_t m = a + (b - a) / 2;

		if (v[m] < x)
			a = m + 1;
		else
			b = m;
	}
	return a;
}

static enum cover coverage(const struct walk *w, uint32_t lo, uint32_t hi)
{
	size_t i = lower_bound(w->hi, w->nspans, lo);

	if (i == w->nspans || w->lo[i] > hi)
		return CV_NONE;
	return w->lo[i] <= lo && w->hi[i] >= hi ? CV_FULL : CV_PART;
}

static int inside(const struct walk *w, uint32_t ip)
{
	return coverage(w, ip, ip) == CV_FULL;
}

static uint64_t range_count(const struct walk *w, uint32_t lo, uint32_t hi)
{
	size_t a = lower_bound(w->ip, w->nip, lo);
	size_t b = hi == UINT32_MAX ? w->nip : lower_bound(w->ip, w->nip, hi + 1);

	return w->cum[b] - w->cum[a];
}

static uint64_t weight(enum policy_unit u, const struct policy_addr *a)
{
	if (a->whitelisted || a->impacts == 0)
		return 0;
	return u == PU_IPS ? 1 : a->impacts;
}

/* Keep the addresses inside the ASN; add up level 1 and level 3. */
static int addrs_build(struct walk *w, const struct policy_addr *a, size_t n,
                       struct policy_eval *ev)
{
	uint64_t l3 = 0;

	w->ip = malloc((n ? n : 1) * sizeof(*w->ip));
	w->cum = malloc((n + 1) * sizeof(*w->cum));
	if (!w->ip || !w->cum)
		return -1;
	w->cum[0] = 0;
	for (size_t i = 0; i < n; i++) {
		if (!inside(w, a[i].ip))
			continue;
		w->ip[w->nip] = a[i].ip;
		w->cum[w->nip + 1] = w->cum[w->nip] + weight(w->p->l2_unit, &a[i]);
		w->nip++;
		l3 += weight(w->p->l3_unit, &a[i]);
		ev->impacts += weight(PU_IMPACTS, &a[i]);
		ev->guilty += a[i].impacts > 0;
	}
	ev->l3.count = l3;
	return 0;
}

static int block_add(struct walk *w, uint32_t net, unsigned prefix, uint64_t count)
{
	if (w->nblocks == w->cap) {
		size_t cap = w->cap ? w->cap * 2 : 16;
		struct policy_block *b = realloc(w->blocks, cap * sizeof(*b));

		if (!b)
			return -1;
		w->blocks = b;
		w->cap = cap;
	}
	w->blocks[w->nblocks++] = (struct policy_block){ net, prefix, count };
	return 0;
}

/* The widest qualifying block wins, so a block is only split when it does
 * not qualify itself; blocks without any count are never split. */
static int descend(struct walk *w, uint32_t net, unsigned prefix)
{
	uint32_t hi = net | ~ip4_mask(prefix);
	uint64_t count = range_count(w, net, hi);
	uint32_t min = w->p->l2_min[prefix];
	enum cover cv;

	if (count == 0 || (cv = coverage(w, net, hi)) == CV_NONE)
		return 0;
	if (cv == CV_FULL && min && count >= min)
		return block_add(w, net, prefix, count);
	if (prefix >= w->p->l2_narrowest)
		return 0;
	if (descend(w, net, prefix + 1) < 0)
		return -1;
	return descend(w, net | 1u << (31 - prefix), prefix + 1);
}

static int in_blocks(const struct policy_eval *ev, uint32_t ip)
{
	size_t a = 0, b = ev->nblocks;

	while (a < b) {
		size_t m = a + (b - a) / 2;
		const struct policy_block *k = &ev->blocks[m];

		if (ip < k->net)
			b = m;
		else if (ip > (k->net | ~ip4_mask(k->prefix)))
			a = m + 1;
		else
			return 1;
	}
	return 0;
}

/* Addresses on any level: the whole ASN on level 3, else the level 2
 * blocks and the level 1 addresses outside them; whitelisted addresses
 * that are not on level 1 are taken out of level 2 and 3. */
static uint64_t blocked_count(const struct walk *w, const struct policy_addr *a,
                              size_t n, const struct policy_eval *ev)
{
	uint64_t b = 0;

	if (!ev->l3.listed)
		for (size_t i = 0; i < ev->nblocks; i++)
			b += cidr_size(ev->blocks[i].prefix);
	else
		b = ev->l3.total;
	for (size_t i = 0; i < n; i++) {
		int covered;

		if (!inside(w, a[i].ip))
			continue;
		covered = ev->l3.listed || in_blocks(ev, a[i].ip);
		if (a[i].impacts > 0 && !covered)
			b++;
		else if (a[i].impacts == 0 && a[i].whitelisted && covered)
			b--;
	}
	return b;
}

static void walk_free(struct walk *w)
{
	free(w->lo);
	free(w->hi);
	free(w->ip);
	free(w->cum);
}

int policy_evaluate(const struct policy *p, const struct policy_addr *addrs,
                    size_t naddrs, const struct asn_net *nets, size_t nnets,
                    struct policy_eval *out)
{
	struct walk w = { .p = p };
	uint64_t total = 0;
	int rc = -1;

	memset(out, 0, sizeof(*out));
	if (spans_build(&w, nets, nnets) < 0 || addrs_build(&w, addrs, naddrs, out) < 0)
		goto done;
	for (size_t i = 0; i < w.nspans; i++)
		total += (uint64_t)w.hi[i] - w.lo[i] + 1;
	if (p->l2_narrowest && descend(&w, 0, 0) < 0)
		goto done;
	out->blocks = w.blocks;
	out->nblocks = w.nblocks;
	w.blocks = NULL;
	policy_l3_compute(p, out->l3.count, total, &out->l3);
	out->blocked = blocked_count(&w, addrs, naddrs, out);
	rc = 0;
done:
	free(w.blocks);
	walk_free(&w);
	return rc;
}

void policy_eval_free(struct policy_eval *ev)
{
	free(ev->blocks);
	ev->blocks = NULL;
	ev->nblocks = 0;
}

/* ---- TXT templates ---- */

/* The value of the placeholder at s (its length in *n), or NULL if s
 * does not start with one. */
static const char *placeholder(const char *s, const char *net, uint64_t count,
                               const char *org, uint32_t asn, uint64_t score,
                               char num[24], size_t *n)
{
	static const char *const names[] = { "{net}", "{org}", "{count}", "{asn}", "{score}" };
	const uint64_t nums[] = { count, asn, score };

	for (size_t i = 0; i < sizeof names / sizeof names[0]; i++) {
		*n = strlen(names[i]);
		if (strncmp(s, names[i], *n) != 0)
			continue;
		if (i < 2)
			return i == 0 ? net : org;
		snprintf(num, 24, "%llu", (unsigned long long)nums[i - 2]);
		return num;
	}
	return NULL;
}

void policy_txt(const char *tmpl, const char *net, uint64_t count, const char *org,
                uint32_t asn, uint64_t score, char *out, size_t len)
{
	size_t o = 0;

	if (len == 0)
		return;
	for (const char *s = tmpl; *s && o + 1 < len;) {
		char num[24];
		size_t n;
		const char *val = *s == '{' ?
			placeholder(s, net, count, org, asn, score, num, &n) : NULL;

		if (!val) {
			out[o++] = *s++;
			continue;
		}
		o += (size_t)snprintf(out + o, len - o, "%s", val);
		if (o >= len)
			o = len - 1;
		s += n;
	}
	out[o] = '\0';
}
