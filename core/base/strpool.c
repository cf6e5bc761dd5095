/* Interned strings in an open-addressing hash set (FNV-1a, linear
 * probing, grown at half full). */
#include "core/base/strpool.h"

#include <stdint.h>
#include <stdlib.h>
#include <string.h>

static uint64_t hash(const char *s)
{
	uint64_t h = 1469598103934665603u;

	for (; *s; s++) {
		h ^= (unsigned char)*s;
		h *= 1099511628211u;
	}
	return h;
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
		for (j = hash(p->slot[i]) & (cap - 1); slot[j]; j = (j + 1) & (cap - 1))
			;
		slot[j] = p->slot[i];
	}
	free(p->slot);
	p->slot = slot;
	p->cap = cap;
	return 0;
}

const char *strpool_intern(struct strpool *p, const char *s)
{
	size_t i, len;

	if (!s || !*s)
		return "";
	if (2 * (p->n + 1) > p->cap && grow(p) < 0)
		return NULL;
	for (i = hash(s) & (p->cap - 1); p->slot[i]; i = (i + 1) & (p->cap - 1))
		if (strcmp(p->slot[i], s) == 0)
			return p->slot[i];
	len = strlen(s) + 1;
	if (!(p->slot[i] = malloc(len)))
		return NULL;
	memcpy(p->slot[i], s, len);
	p->n++;
	p->bytes += len;
	return p->slot[i];
}

void strpool_free(struct strpool *p)
{
	for (size_t i = 0; i < p->cap; i++)
		free(p->slot[i]);
	free(p->slot);
	*p = (struct strpool){ 0 };
}
