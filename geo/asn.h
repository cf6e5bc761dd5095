/* ASN data from MaxMind DB files with GeoLite2-ASN keys
 * (autonomous_system_number, autonomous_system_organization). */
#ifndef RBLSCOPE_ASN_H
#define RBLSCOPE_ASN_H

#include <stddef.h>
#include <stdint.h>
#include <time.h>

#include "geo/asninfo.h"

struct asn_db;

/* Open a MaxMind DB; NULL with a one-line reason in err when path cannot
 * be opened or is not a MaxMind DB. */
struct asn_db *asn_db_open(const char *path, char *err, size_t errlen);

/* A handle over the n networks at nets (a snapshot's: any order,
 * repeats allowed) instead of a file; name stands for its path, built
 * for its build time.  NULL when out of memory. */
struct asn_db *asn_db_from_networks(const char *name, const struct asn_info *nets, size_t n,
                                    time_t built);

/* Close and free. */
void asn_db_close(struct asn_db *db);

/* Path of the first ASN DB found by the default search ($RBLSCOPE_DB,
 * then /usr/share/GeoIP, /var/lib/GeoIP, /usr/local/share/GeoIP), or
 * NULL.  The result is static. */
const char *asn_db_locate(void);

/* Look ip up.  0 with out filled (out->found false when the DB has no
 * network for ip); -1 on a DB error or out of memory, out then
 * ASN_INFO_NONE.  out->org is the handle's, valid until asn_db_close. */
int asn_db_lookup(struct asn_db *db, uint32_t ip, struct asn_info *out);

/* The path the DB was opened from. */
const char *asn_db_path(const struct asn_db *db);

/* The DB's database_type ("GeoLite2-ASN") and build time (epoch s). */
const char *asn_db_type(const struct asn_db *db);
time_t asn_db_build_time(const struct asn_db *db);


/* Visit every IPv4 network once (IPv6 trees: the ::/96 subtree only, the
 * IPv4 alias subtrees skipped).  0, a callback's non-zero value, or -1
 * on a corrupt DB. */
int asn_db_walk(struct asn_db *db, asn_walk_fn fn, void *arg);

/* All IPv4 networks of one ASN, in address order: *nets (malloc'd, the
 * caller frees), *n and *total addresses.  0, or -1 on error. */
int asn_db_networks(struct asn_db *db, uint32_t asn, struct asn_net **nets,
                    size_t *n, uint64_t *total);

#endif
