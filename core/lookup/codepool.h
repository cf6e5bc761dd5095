/* Interned lists of A codes: one copy of each distinct list, kept until
 * the pool is freed.  A scan's answers share their codes this way: most
 * answers of a zone carry the same one or two. */
#ifndef RBLSCOPE_CODEPOOL_H
#define RBLSCOPE_CODEPOOL_H

#include <stddef.h>
#include <stdint.h>

struct codepool {
	uint32_t **slot;    /* open addressing; NULL is free; each list is
	                     * stored after its length: slot[i][-1] */
	size_t cap, n;
};

/* An empty pool (no allocation until the first list). */
void codepool_init(struct codepool *p);

/* The pool's copy of the n codes at codes, or NULL when n is 0 or out of
 * memory. */
const uint32_t *codepool_intern(struct codepool *p, const uint32_t *codes, uint32_t n);

/* Free every list; pointers handed out become invalid. */
void codepool_free(struct codepool *p);

#endif
