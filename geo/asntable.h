/* An ASN database held in memory, made from a list of networks (those a
 * snapshot's records name): the lookups of a MaxMind DB without the
 * file.  geo/asn.c hands a table-backed handle's calls to it. */
#ifndef RBLSCOPE_ASNTABLE_H
#define RBLSCOPE_ASNTABLE_H

#include <stddef.h>
#include <stdint.h>

#include "geo/asninfo.h"

struct asn_table {
	struct asn_info *v;       /* disjoint networks, in address order */
	size_t n;
};

/* The table of the n networks at nets (any order, repeats and overlaps
 * allowed: the first of overlapping ones stays); orgs stay the caller's.
 * 0, or -1 when out of memory. */
int asn_table_make(struct asn_table *t, const struct asn_info *nets, size_t n);

void asn_table_free(struct asn_table *t);

/* As asn_db_lookup, asn_db_walk and asn_db_networks (geo/asn.h). */
void asn_table_lookup(const struct asn_table *t, uint32_t ip, struct asn_info *out);
int asn_table_walk(const struct asn_table *t, asn_walk_fn fn, void *arg);
int asn_table_networks(const struct asn_table *t, uint32_t asn, struct asn_net **nets,
                       size_t *n, uint64_t *total);

#endif
