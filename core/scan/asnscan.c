/* Probing how far listings cover one ASN. */
#include "core/scan/asnscan.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "core/base/ip.h"
#include "core/uceprotect/txt.h"

/* Probes per network: every /24 while the budget allows, else a share
 * of the budget in proportion to size, at least one. */
static size_t probes_for(uint64_t n24, uint64_t all24, size_t budget)
{
	uint64_t k;

	if (all24 <= budget)
		return (size_t)n24;
	k = n24 * budget / all24;
	return (size_t)(k ? k : 1);
}

/* The probe addresses: for each network, evenly spaced /24 bases (the
 * network address itself when it is smaller than a /24). */
static uint32_t *probes_plan(struct asnscan *a, size_t budget, size_t *n)
{
	uint64_t all24 = 0;
	size_t count = 0, o = 0;
	uint32_t *ips;

	for (size_t i = 0; i < a->nnets; i++) {
		a->nets[i].n24 = a->nets[i].prefix >= 24 ? 1 : cidr_size(a->nets[i].prefix) / 256;
		all24 += a->nets[i].n24;
	}
	for (size_t i = 0; i < a->nnets; i++)
		count += probes_for(a->nets[i].n24, all24, budget);
	ips = malloc((count ? count : 1) * sizeof *ips);
	if (!ips)
		return NULL;
	for (size_t i = 0; i < a->nnets; i++) {
		struct asnscan_net *net = &a->nets[i];
		size_t k = probes_for(net->n24, all24, budget);

		net->first = o;
		net->count = k;
		for (size_t j = 0; j < k; j++)
			ips[o++] = net->net + (uint32_t)(net->n24 * j / k) * 256;
	}
	*n = count;
	return ips;
}

int asnscan_init(struct asnscan *a, const struct session *s, uint32_t asn, size_t budget,
                 char *err, size_t errlen)
{
	struct asn_net *nets = NULL;
	struct asn_info info;
	uint32_t *ips;
	size_t n, nprobes = 0;
	int rc;

	memset(a, 0, sizeof *a);
	a->asn = asn;
	a->org = "";
	if (!s->db) {
		snprintf(err, errlen, "AS%u: no ASN database (use --db FILE)", (unsigned)asn);
		return -1;
	}
	if (session_reach_profile(s, &a->sub, a->zones) < 0) {
		snprintf(err, errlen, "profile %s has no range or ASN zone", s->profile->name);
		return -1;
	}
	if (asn_db_networks(s->db, asn, &nets, &n, &a->total) < 0 || n == 0) {
		free(nets);
		snprintf(err, errlen, "AS%u has no IPv4 network in %s", (unsigned)asn,
		         asn_db_path(s->db));
		return -1;
	}
	a->nnets = n;
	a->nets = calloc(n, sizeof *a->nets);
	if (!a->nets) {
		free(nets);
		snprintf(err, errlen, "out of memory");
		return -1;
	}
	for (size_t i = 0; i < n; i++)
		a->nets[i] = (struct asnscan_net){ .net = nets[i].net, .prefix = nets[i].prefix };
	free(nets);
	if (asn_db_lookup(s->db, a->nets[0].net, &info) == 0)
		a->org = info.org;
	ips = probes_plan(a, budget ? budget : ASNSCAN_DEFAULT_BUDGET, &nprobes);
	rc = ips ? scan_init_list(&a->sc, &a->sub, a->zones, ips, nprobes, NULL) : -1;
	free(ips);
	if (rc < 0) {
		asnscan_free(a);
		snprintf(err, errlen, "out of memory");
		return -1;
	}
	return 0;
}

void asnscan_start(struct asnscan *a, struct session *s, double rate, unsigned window,
                   unsigned qflags)
{
	session_distrust_scan(s, &a->sc);
	scan_start(&a->sc, s->lp, s->be, rate, window, qflags);
}

/* Fold one answer into a summary state: listed beats error beats
 * pending beats clean. */
static enum lk_state state_fold(enum lk_state acc, enum lk_state s)
{
	static const int rank[] = { [LK_CLEAN] = 0, [LK_PENDING] = 1, [LK_ERROR] = 2,
	                            [LK_LISTED] = 3 };

	return rank[s] > rank[acc] ? s : acc;
}

void asnscan_summary(const struct asnscan *a, size_t i, struct asnscan_sum *out)
{
	const struct asnscan_net *net = &a->nets[i];

	bool asked = false;

	memset(out, 0, sizeof *out);
	out->l3 = LK_CLEAN;
	out->probes = net->count;
	out->sampled = net->count < net->n24;
	for (size_t c = net->first; c < net->first + net->count; c++) {
		const struct scan_cell *cell = &a->sc.cells[c];
		enum lk_state l2 = LK_CLEAN;

		for (size_t z = 0; z < a->sub.nzones; z++) {
			if (a->sub.zones[z].role == ZR_ASN) {
				out->l3 = state_fold(out->l3, cell->zone[z].state);
				asked = true;
			} else
				l2 = state_fold(l2, cell->zone[z].state);
		}
		switch (l2) {
		case LK_LISTED: out->listed++; break;
		case LK_ERROR: out->error++; break;
		case LK_PENDING: out->pending++; break;
		case LK_CLEAN: out->clean++; break;
		}
	}
	/* No answer of an ASN zone (no probe, or a profile without one) is
	 * never clean. */
	if (!asked)
		out->l3 = LK_PENDING;
}

/* The part of range r inside network n, as a CIDR; false if none.
 * CIDRs are nested or apart, so the part is the smaller of the two. */
static bool cidr_clip(struct asn_net r, const struct asnscan_net *n, struct asn_net *out)
{
	unsigned wide = r.prefix < n->prefix ? r.prefix : n->prefix;

	if ((r.net & ip4_mask(wide)) != (n->net & ip4_mask(wide)))
		return false;
	*out = r.prefix >= n->prefix ? r : (struct asn_net){ n->net, n->prefix };
	return true;
}

static int range_cmp(const void *x, const void *y)
{
	const struct asn_net *a = x, *b = y;

	if (a->net != b->net)
		return a->net < b->net ? -1 : 1;
	return (int)a->prefix - (int)b->prefix;   /* the wider first */
}

/* Addresses in the union of n ranges (sorted by range_cmp). */
static uint64_t ranges_union(const struct asn_net *r, size_t n)
{
	uint64_t total = 0, end = 0;   /* end: one past the last covered address */

	for (size_t i = 0; i < n; i++) {
		if (i > 0 && r[i].net < end)
			continue;   /* inside a range already counted */
		total += cidr_size(r[i].prefix);
		end = (uint64_t)r[i].net + cidr_size(r[i].prefix);
	}
	return total;
}

uint64_t asnscan_l2_addrs(const struct asnscan *a, size_t i)
{
	const struct asnscan_net *n = &a->nets[i];
	struct asn_net *named = malloc((n->count ? n->count : 1) * sizeof *named);
	uint64_t size = cidr_size(n->prefix), total;
	size_t nnamed = 0, unnamed = 0;
	struct txt_info ti;

	for (size_t c = n->first; c < n->first + n->count; c++) {
		for (size_t z = 0; z < a->sub.nzones; z++) {
			const struct lookup *l = &a->sc.cells[c].zone[z];

			if (a->sub.zones[z].role != ZR_RANGE || l->state != LK_LISTED)
				continue;
			txt_parse(l->txt, &ti);
			if (named && ti.has_net &&
			    cidr_clip((struct asn_net){ ti.net, ti.prefix }, n, &named[nnamed]))
				nnamed++;
			else
				unnamed++;
			break;   /* one range listing per probe is enough */
		}
	}
	qsort(named, nnamed, sizeof *named, range_cmp);
	total = named ? ranges_union(named, nnamed) : 0;
	free(named);
	if (n->count)
		total += size * unnamed / n->count;
	return total < size ? total : size;
}

const char *asnscan_l3_txt(const struct asnscan *a)
{
	for (size_t c = 0; c < a->sc.ncells; c++)
		for (size_t z = 0; z < a->sub.nzones; z++)
			if (a->sub.zones[z].role == ZR_ASN && a->sc.cells[c].zone[z].state == LK_LISTED &&
			    a->sc.cells[c].zone[z].txt[0])
				return a->sc.cells[c].zone[z].txt;
	return "";
}

void asnscan_totals(const struct asnscan *a, uint64_t *l3_addrs, uint64_t *l2_addrs,
                    size_t *l3_nets)
{
	struct asnscan_sum sum;

	*l3_addrs = *l2_addrs = 0;
	*l3_nets = 0;
	for (size_t i = 0; i < a->nnets; i++) {
		uint64_t size = cidr_size(a->nets[i].prefix);

		asnscan_summary(a, i, &sum);
		if (sum.l3 == LK_LISTED) {
			*l3_addrs += size;
			(*l3_nets)++;
		}
		*l2_addrs += asnscan_l2_addrs(a, i);
	}
}

int asnscan_exact(const struct asnscan *a, const struct session *s, struct acct_sum *total,
                  struct acct_sum *per)
{
	const struct account *acct = session_account(s);
	struct asn_net *nets;
	int rc;

	if (!acct)
		return 0;
	nets = malloc((a->nnets ? a->nnets : 1) * sizeof *nets);
	if (!nets)
		return -1;
	for (size_t i = 0; i < a->nnets; i++)
		nets[i] = (struct asn_net){ a->nets[i].net, a->nets[i].prefix };
	rc = account_nets(acct, nets, a->nnets, total, per);
	free(nets);
	return rc < 0 ? -1 : 1;
}

void asnscan_free(struct asnscan *a)
{
	scan_free(&a->sc);
	free(a->nets);
	a->nets = NULL;
	a->nnets = 0;
}
