/* The in-memory ASN table: sorted, disjoint networks and a binary search. */
#include "geo/asntable.h"

#include <stdlib.h>
#include <string.h>

#include "core/base/ip.h"

static uint32_t last_of(const struct asn_info *a)
{
	return a->net | (uint32_t)(cidr_size(a->prefix) - 1);
}

static int by_net(const void *x, const void *y)
{
	const struct asn_info *a = x, *b = y;

	if (a->net != b->net)
		return a->net < b->net ? -1 : 1;
	return a->prefix < b->prefix ? -1 : a->prefix > b->prefix;   /* broader first */
}

int asn_table_make(struct asn_table *t, const struct asn_info *nets, size_t n)
{
	size_t k = 0;

	t->n = 0;
	if (!(t->v = malloc((n ? n : 1) * sizeof *t->v)))
		return -1;
	for (size_t i = 0; i < n; i++)
		if (nets[i].found && nets[i].prefix <= 32)
			t->v[k++] = nets[i];
	qsort(t->v, k, sizeof *t->v, by_net);
	for (size_t i = 0; i < k; i++) {
		t->v[i].net &= ip4_mask(t->v[i].prefix);
		/* a repeat, or inside the one kept before: the first stays */
		if (t->n && t->v[i].net <= last_of(&t->v[t->n - 1]))
			continue;
		t->v[t->n++] = t->v[i];
	}
	return 0;
}

void asn_table_free(struct asn_table *t)
{
	free(t->v);
	t->v = NULL;
	t->n = 0;
}

void asn_table_lookup(const struct asn_table *t, uint32_t ip, struct asn_info *out)
{
	size_t lo = 0, hi = t->n;

	while (lo < hi) {   /* the first network starting after ip */
		size_t mid = lo + (hi - lo) / 2;

		if (t->v[mid].net <= ip)
			lo = mid + 1;
		else
			hi = mid;
	}
	*out = ASN_INFO_NONE;
	if (lo && ip <= last_of(&t->v[lo - 1]))
		*out = t->v[lo - 1];
}

int asn_table_walk(const struct asn_table *t, asn_walk_fn fn, void *arg)
{
	for (size_t i = 0; i < t->n; i++) {
		int rc = fn(arg, &t->v[i]);

		if (rc)
			return rc;
	}
	return 0;
}

int asn_table_networks(const struct asn_table *t, uint32_t asn, struct asn_net **nets,
                       size_t *n, uint64_t *total)
{
	size_t k = 0;

	*n = 0;
	*total = 0;
	for (size_t i = 0; i < t->n; i++)
		k += t->v[i].asn == asn && asn != 0;
	if (!(*nets = malloc((k ? k : 1) * sizeof **nets)))
		return -1;
	for (size_t i = 0; i < t->n; i++) {
		if (t->v[i].asn != asn || asn == 0)
			continue;
		(*nets)[(*n)++] = (struct asn_net){ .net = t->v[i].net, .prefix = t->v[i].prefix };
		*total += cidr_size(t->v[i].prefix);
	}
	return 0;
}
