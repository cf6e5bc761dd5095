/* Interned lists of A codes: one copy of each distinct list, kept until
 * the pool is freed.  A scan's answers share their codes this way: most
 * answers of a zone carry the same one or two.  The pool is a string
 * pool of the codes' bytes (core/base/strpool.h). */
#ifndef RBLSCOPE_CODEPOOL_H
#define RBLSCOPE_CODEPOOL_H

#include <stddef.h>
#include <stdint.h>

#include "core/base/strpool.h"

struct codepool {
	struct strpool bytes;
};

static inline void codepool_init(struct codepool *p)
{
	strpool_init(&p->bytes);
}

/* The pool's copy of the n codes at codes, or NULL when n is 0 or out of
 * memory. */
static inline const uint32_t *codepool_intern(struct codepool *p, const uint32_t *codes,
                                              uint32_t n)
{
	return n && codes ? strpool_intern_mem(&p->bytes, codes, n * sizeof *codes) : NULL;
}

/* Free every list; pointers handed out become invalid. */
static inline void codepool_free(struct codepool *p)
{
	strpool_free(&p->bytes);
}

#endif
