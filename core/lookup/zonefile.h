/* rbldnsd ip4set and ip4trie zone files, the format DNSBLs ship to their
 * mirrors, and a backend that answers lookups from a folder of them. */
#ifndef RBLSCOPE_ZONEFILE_H
#define RBLSCOPE_ZONEFILE_H

#include <stddef.h>
#include <stdint.h>

#include "core/lookup/lookup.h"

struct backend;
struct zonefile;

/* Entries a zone may hold unless told otherwise: the largest mirror
 * files fit, a gzip bomb does not. */
#define ZONE_MAX_ENTRIES_DEFAULT 50000000u

/* How zone files are loaded; a NULL pointer means the defaults. */
struct zone_opts {
	size_t max_entries;   /* entries (and default lines) a zone may hold; 0: the default */
};

/* Parse the zone file at path, plain or gzip-compressed (told by its
 * content, as rbldnsd does, so "NAME.gz" and "NAME" both work).  Lines
 * rbldnsd skips are skipped, with one "path:LINE: reason; N lines
 * skipped, ..." line in warn ("" when none is; warn may be NULL).
 * NULL with "path:LINE: reason" or "path: reason" in err on a file that
 * is unreadable or not a regular file, a line with a NUL byte, or more
 * entries than opt allows. */
struct zonefile *zonefile_load(const char *path, const struct zone_opts *opt,
                               char *warn, size_t warnlen, char *err, size_t errlen);

/* Distinct listing codes a zone file keeps a list of. */
#define ZONEFILE_MAX_KNOWN 64

/* The distinct codes the zone lists with (in *codes), error answers
 * left out; ZONEFILE_MAX_KNOWN + 1 when it has more than that. */
size_t zonefile_codes(const struct zonefile *zf, const uint32_t **codes);

/* A zone file answers at most this many A codes: an entry's, and the
 * one of an entry that makes the answer an error. */
#define ZONEFILE_CODES 2

/* Answer a lookup of ip: LK_LISTED with its code (kept in codes) and TXT
 * ($ substituted, sanitised, kept in txt), or LK_CLEAN. */
void zonefile_lookup(const struct zonefile *zf, uint32_t ip, struct lookup *out,
                     uint32_t codes[ZONEFILE_CODES], char *txt, size_t txtlen);

/* The addresses a zone answers for, as sorted, disjoint, inclusive
 * ranges: what exact counting works on. */
struct zone_spans {
	uint32_t *lo, *hi;
	size_t n;
};

/* The ranges of zf whose answer reads as a listing (LK_LISTED by the
 * rules every lookup goes through: a bogus or blocked code is not one).
 * 0, or -1 when out of memory (out empty).  Free with zone_spans_free. */
int zonefile_listed(const struct zonefile *zf, struct zone_spans *out);

/* Free the ranges (out may be zeroed). */
void zone_spans_free(struct zone_spans *s);

/* Number of entries (listings and exclusions) read. */
size_t zonefile_entries(const struct zonefile *zf);

/* Free. */
void zonefile_free(struct zonefile *zf);

/* The zone file a zone-file backend answers zone from; NULL for another
 * backend, an unknown zone or a zone without a file. */
const struct zonefile *zonedir_zonefile(const struct backend *be, const char *zone);

/* A backend over dir, where the zone "dnsbl-1.example" is read from the
 * file dir/dnsbl-1.example (or dir/dnsbl-1.example.gz).  The nzones
 * zones are loaded now, with opt (NULL: the defaults).  A zone without a
 * file answers every lookup with LKE_NODATA and is named in warn, as is
 * a zone file with skipped lines (one line per zone; warn may be NULL).
 * NULL with err set when dir cannot be read or a file is refused. */
struct backend *zonedir_backend_new(const char *dir, const char *const *zones,
                                    size_t nzones, const struct zone_opts *opt,
                                    char *warn, size_t warnlen, char *err, size_t errlen);

#endif
