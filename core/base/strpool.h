/* Interned strings: one copy of each distinct text, kept until the pool
 * is freed.  The answers of a scan share their TXT this way: most
 * answers of a range or an ASN carry the same one. */
#ifndef RBLSCOPE_STRPOOL_H
#define RBLSCOPE_STRPOOL_H

#include <stddef.h>

struct strpool {
	char **slot;        /* open addressing; NULL is free */
	size_t cap, n;
	size_t bytes;       /* of the strings held */
};

/* An empty pool (no allocation until the first string). */
void strpool_init(struct strpool *p);

/* The pool's copy of s ("" and NULL give a static ""), or NULL when out
 * of memory. */
const char *strpool_intern(struct strpool *p, const char *s);

/* Free every string; pointers handed out become invalid. */
void strpool_free(struct strpool *p);

#endif
