/* rbldnsd ip4set and ip4trie zone files, the format DNSBLs ship to their
 * mirrors, and a backend that answers lookups from a folder of them. */
#ifndef RBLSCOPE_ZONEFILE_H
#define RBLSCOPE_ZONEFILE_H

#include <stddef.h>
#include <stdint.h>

#include "core/lookup.h"

struct backend;
struct zonefile;

/* Parse the zone file at path, plain or gzip-compressed (told by its
 * content, as rbldnsd does, so "NAME.gz" and "NAME" both work).
 * NULL with "path:line: reason" in err on an unreadable file or the
 * first malformed line. */
struct zonefile *zonefile_load(const char *path, char *err, size_t errlen);

/* Answer a lookup of ip: LK_LISTED with code and TXT ($ substituted,
 * sanitised), or LK_CLEAN. */
void zonefile_lookup(const struct zonefile *zf, uint32_t ip, struct lookup *out);

/* Number of entries (listings and exclusions) read. */
size_t zonefile_entries(const struct zonefile *zf);

/* Free. */
void zonefile_free(struct zonefile *zf);

/* A backend over dir, where the zone "dnsbl-1.example" is read from the
 * file dir/dnsbl-1.example (or dir/dnsbl-1.example.gz).  The nzones
 * zones are loaded now.  A zone without a file answers every lookup with
 * LKE_NODATA and is named in warn (one line per zone, may be NULL).
 * NULL with err set when dir cannot be read or a file is malformed. */
struct backend *zonedir_backend_new(const char *dir, const char *const *zones,
                                    size_t nzones, char *warn, size_t warnlen,
                                    char *err, size_t errlen);

#endif
