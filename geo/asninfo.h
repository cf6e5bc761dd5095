/* What an ASN database says of a network: the types every source of
 * ASN data shares (a MaxMind DB file, geo/asn.h; a snapshot's networks,
 * geo/asntable.h). */
#ifndef RBLSCOPE_ASNINFO_H
#define RBLSCOPE_ASNINFO_H

#include <stdbool.h>
#include <stdint.h>

/* The longest organisation name kept, in bytes with its NUL: a bound on
 * what a hostile database can make us hold.  A name is read whole up to
 * it; a longer one is cut at a UTF-8 character boundary and ends in
 * ASN_ORG_CUT, so that a cut name never passes for a whole one. */
#define ASN_ORG_MAX 1024
#define ASN_ORG_CUT "\xe2\x80\xa6"   /* U+2026 HORIZONTAL ELLIPSIS */

/* org points at a string of the database handle: every distinct name is
 * kept once there, sanitised (core/base/sanitize.h), until asn_db_close.
 * What holds an asn_info from a handle (scan cells, a census, an ASN
 * scan) must not outlive it. */
struct asn_info {
	bool found;               /* the DB holds a network for the address */
	uint32_t asn;             /* 0 when the network has no ASN */
	const char *org;          /* the organisation, "" if none (never NULL
	                             once filled, see ASN_INFO_NONE) */
	uint32_t net;             /* the IPv4 network the DB holds it in */
	unsigned prefix;
};

/* An asn_info that knows nothing: not found, no organisation. */
#define ASN_INFO_NONE ((struct asn_info){ .org = "" })

struct asn_net {
	uint32_t net;
	unsigned prefix;
};

/* Called for each IPv4 network of the DB, in address order; a non-zero
 * return stops the walk and is returned by asn_db_walk.  net->org is the
 * handle's, as asn_db_lookup's: a walk keeps one copy of every name of
 * the DB until asn_db_close. */
typedef int (*asn_walk_fn)(void *arg, const struct asn_info *net);

#endif
