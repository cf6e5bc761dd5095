/* Exact accounting: how many addresses of a set of networks each zone
 * lists, worked out by interval arithmetic over the zone files' listed
 * ranges (zonefile_listed), not by probing.  Guilty: listed on a
 * ZR_SINGLE zone; blocked: listed on any blocking zone (ZR_SINGLE,
 * ZR_RANGE, ZR_ASN); collateral: blocked and not guilty; allowed: on a
 * ZR_ALLOW zone.  ZR_INFO zones are counted on their own only. */
#ifndef RBLSCOPE_ACCOUNT_H
#define RBLSCOPE_ACCOUNT_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#include "core/lookup/zonefile.h"
#include "core/scan/profile.h"
#include "geo/asn.h"

/* What a set of addresses holds, each address counted once. */
struct acct_sum {
	uint64_t addrs;                      /* addresses in the set */
	uint64_t zone[PROFILE_MAX_ZONES];    /* listed on zone z of the profile */
	uint64_t guilty, blocked, collateral, allowed;
};

struct account;

/* Room for account_ratio_text. */
#define ACCT_RATIO_MAX 24

/* The accounting of profile p over one zone file per zone (zf[z] for
 * p->zones[z]; none may be NULL).  NULL when out of memory. */
struct account *account_new(const struct profile *p, const struct zonefile *const *zf);

/* Free (NULL is fine). */
void account_free(struct account *a);

/* Count the addresses lo..hi (inclusive) into *out. */
void account_range(const struct account *a, uint32_t lo, uint32_t hi, struct acct_sum *out);

/* Count n networks, in any order, overlapping or not: *total over their
 * union (may be NULL), per[i] for network i alone (per may be NULL).
 * 0, or -1 when out of memory. */
int account_nets(const struct account *a, const struct asn_net *nets, size_t n,
                 struct acct_sum *total, struct acct_sum *per);

/* Count n inclusive ranges lo[i]..hi[i], sorted and disjoint (the
 * census's walk): per[i] for each, in one merge sweep. */
void account_sweep(const struct account *a, const uint32_t *lo, const uint32_t *hi, size_t n,
                   struct acct_sum *per);

/* Add b into a. */
void acct_sum_add(struct acct_sum *a, const struct acct_sum *b);

/* Whether any zone of the profile lists something in s (allow zones
 * aside: what makes an export exit 1). */
bool acct_sum_listed(const struct acct_sum *s, const struct profile *p);

/* The collateral ratio, collateral per guilty address, rounded half up
 * to one decimal ("16382.8"), in out; false (out "") when none is
 * guilty. */
bool account_ratio_text(const struct acct_sum *s, char out[ACCT_RATIO_MAX]);

#endif
