/* Interned strings: one copy of each distinct text, kept until the pool
 * is freed.  The answers of a scan share their TXT this way: most
 * answers of a range or an ASN carry the same one.  Any bytes may be
 * interned (strpool_intern_mem): a scan's lists of A codes share the
 * same way (core/lookup/codepool.h). */
#ifndef RBLSCOPE_STRPOOL_H
#define RBLSCOPE_STRPOOL_H

#include <stddef.h>

struct strpool {
	char **slot;        /* open addressing; NULL is free; each copy has
	                     * its length before it (a size_t) */
	size_t cap, n;
	size_t bytes;       /* of the copies held */
};

/* An empty pool (no allocation until the first string). */
void strpool_init(struct strpool *p);

/* The pool's copy of s ("" and NULL give a static ""), or NULL when out
 * of memory. */
const char *strpool_intern(struct strpool *p, const char *s);

/* The pool's copy of the len bytes at data (NUL-terminated after them,
 * aligned for a size_t), or NULL when len is 0 or out of memory. */
const void *strpool_intern_mem(struct strpool *p, const void *data, size_t len);

/* Free every copy; pointers handed out become invalid. */
void strpool_free(struct strpool *p);

#endif
