/* The census: every network of the ASN database with its ASN, counted
 * exactly against the zone files (core/scan/account.h) in one merge
 * sweep over the whole IPv4 space, and summed per ASN. */
#ifndef RBLSCOPE_CENSUS_H
#define RBLSCOPE_CENSUS_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#include "core/scan/account.h"
#include "geo/asn.h"

/* 127.0.0.0/8, the RFC 5782 test entries' home: counted nowhere unless
 * the database announces it. */
#define CENSUS_LOOPBACK_NET 0x7f000000u
#define CENSUS_LOOPBACK_PREFIX 8

/* One ASN's figures; asn 0 is the space no ASN announces. */
struct census_asn {
	uint32_t asn;
	const char *org;           /* sanitised, "" when the database has none:
	                              the database's (geo/asn.h), so a census
	                              is freed before its database is closed */
	size_t networks;           /* its networks in the database */
	struct acct_sum sum;       /* addrs: the addresses of those networks */
};

struct census {
	struct census_asn *v;      /* ASNs with an address on any zone, worst
	                              first: collateral, then blocked, both
	                              down, then the ASN up */
	size_t n;
	struct census_asn unannounced;  /* asn 0: the space outside every network
	                                   of the database (127.0.0.0/8 aside)
	                                   and its networks without an ASN */
	struct acct_sum total;     /* every address counted: all ASNs and the
	                              unannounced space */
	size_t asns;               /* ASNs in the database */
	size_t networks;           /* networks in the database */
};

/* Walk db once and count every network against a.  0, or -1 with a
 * one-line reason in err (a corrupt database, out of memory). */
int census_run(struct census *c, const struct account *a, struct asn_db *db, char *err,
               size_t errlen);

/* Whether the census found anything listed (allow zones aside). */
bool census_listed(const struct census *c, const struct profile *p);

/* Free. */
void census_free(struct census *c);

#endif
