/* A cache of DNSBL answers by query name that honours their TTLs. */
#ifndef RBLSCOPE_DNSCACHE_H
#define RBLSCOPE_DNSCACHE_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#include "core/lookup/lookup.h"

struct dnscache;

/* An empty cache, or NULL when out of memory. */
struct dnscache *dnscache_new(void);

/* Free the cache. */
void dnscache_free(struct dnscache *c);

/* Store a listed or clean answer for ttl seconds from now_ms; with_txt
 * says whether its TXT was fetched.  Errors are never stored. */
void dnscache_put(struct dnscache *c, const char *qname, const struct lookup *res,
                  bool with_txt, uint32_t ttl, uint64_t now_ms);

/* The unexpired answer for qname in *out; a listing stored without its
 * TXT does not answer a lookup that wants the TXT.  True on a hit. */
bool dnscache_get(struct dnscache *c, const char *qname, bool want_txt, uint64_t now_ms,
                  struct lookup *out);

/* Entries held (expired ones included until they are replaced). */
size_t dnscache_size(const struct dnscache *c);

#endif
