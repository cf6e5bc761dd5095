/* Interned byte strings in an open-addressing hash set (FNV-1a, linear
 * probing, grown at half full).  Each copy is one block: its length,
 * then its bytes and a NUL; the slot points at the bytes. */
#include "core/base/strpool.h"

#include <stdint.h>
#include <stdlib.h>
#include <string.h>

/* The block's header: the length; the bytes after it are aligned for a
 * size_t (and so for the codes of core/lookup/codepool.h). */
#define HEAD (sizeof(size_t))

static uint64_t hash(const void *data, size_t len)
{
	const unsigned char *s = data;
	uint64_t h = 1469598103934665603u;

	for (size_t i = 0; i < len; i++) {
		h ^= s[i];
		h *= 1099511628211u;
	}
	return h;
}

static size_t len_of(const char *copy)
{
	size_t len;

	memcpy(&len, copy - HEAD, sizeof len);
	return len;
}

void strpool_init(struct strpool *p)
{
	*p = (struct strpool){ 0 };
}

static int grow(struct strpool *p)
{
	size_t cap = p->cap ? p->cap * 2 : 64;
	char **slot = calloc(cap, sizeof *slot);

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

const void *strpool_intern_mem(struct strpool *p, const void *data, size_t len)
{
	char *block;
	size_t i;

	if (!len || len > SIZE_MAX - HEAD - 1)
		return NULL;
	if (2 * (p->n + 1) > p->cap && grow(p) < 0)
		return NULL;
	for (i = hash(data, len) & (p->cap - 1); p->slot[i]; i = (i + 1) & (p->cap - 1))
		if (len_of(p->slot[i]) == len && memcmp(p->slot[i], data, len) == 0)
			return p->slot[i];
	if (!(block = malloc(HEAD + len + 1)))
		return NULL;
	memcpy(block, &len, sizeof len);
	memcpy(block + HEAD, data, len);
	block[HEAD + len] = '\0';
	p->slot[i] = block + HEAD;
	p->n++;
	p->bytes += len + 1;
	return p->slot[i];
}

const char *strpool_intern(struct strpool *p, const char *s)
{
	if (!s || !*s)
		return "";
	return strpool_intern_mem(p, s, strlen(s));
}

void strpool_free(struct strpool *p)
{
	for (size_t i = 0; i < p->cap; i++)
		if (p->slot[i])
			free(p->slot[i] - HEAD);
	free(p->slot);
	*p = (struct strpool){ 0 };
}
