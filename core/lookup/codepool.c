/* Interned code lists in an open-addressing hash set (FNV-1a over the
 * codes, linear probing, grown at half full).  Each list is one block:
 * its length, then its codes; the slot points at the codes. */
#include "core/lookup/codepool.h"

#include <stdlib.h>
#include <string.h>

static uint64_t hash(const uint32_t *codes, uint32_t n)
{
	uint64_t h = 1469598103934665603u;

	for (uint32_t i = 0; i < n; i++) {
		h ^= codes[i];
		h *= 1099511628211u;
	}
	return h ^ n;
}

static uint32_t len_of(const uint32_t *list)
{
	return list[-1];
}

void codepool_init(struct codepool *p)
{
	*p = (struct codepool){ 0 };
}

static int grow(struct codepool *p)
{
	size_t cap = p->cap ? p->cap * 2 : 16;
	uint32_t **slot = calloc(cap, sizeof *slot);

	if (!slot)
		return -1;
	for (size_t i = 0; i < p->cap; i++) {
		size_t j;

		if (!p->slot[i])
			continue;
		j = hash(p->slot[i], len_of(p->slot[i])) & (cap - 1);
		while (slot[j])
			j = (j + 1) & (cap - 1);
		slot[j] = p->slot[i];
	}
	free(p->slot);
	p->slot = slot;
	p->cap = cap;
	return 0;
}

const uint32_t *codepool_intern(struct codepool *p, const uint32_t *codes, uint32_t n)
{
	uint32_t *block;
	size_t i;

	if (!n || !codes)
		return NULL;
	if (2 * (p->n + 1) > p->cap && grow(p) < 0)
		return NULL;
	for (i = hash(codes, n) & (p->cap - 1); p->slot[i]; i = (i + 1) & (p->cap - 1))
		if (len_of(p->slot[i]) == n && memcmp(p->slot[i], codes, n * sizeof *codes) == 0)
			return p->slot[i];
	if (!(block = malloc(((size_t)n + 1) * sizeof *block)))
		return NULL;
	block[0] = n;
	memcpy(block + 1, codes, n * sizeof *codes);
	p->slot[i] = block + 1;
	p->n++;
	return p->slot[i];
}

void codepool_free(struct codepool *p)
{
	for (size_t i = 0; i < p->cap; i++)
		if (p->slot[i])
			free(p->slot[i] - 1);
	free(p->slot);
	*p = (struct codepool){ 0 };
}
