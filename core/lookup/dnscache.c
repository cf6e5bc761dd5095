/* A cache of DNSBL answers: an open hash table of query names with the
 * state, A codes, TXT and expiry of each. */
#include "core/lookup/dnscache.h"

#include <stdlib.h>
#include <string.h>

struct entry {
	struct entry *next;
	uint64_t expires_ms;
	enum lk_state state;
	uint32_t ncodes;
	uint32_t *codes;     /* every A code of a listing: &one when there is
	                      * one (most lists answer one), NULL when none */
	uint32_t one;
	bool with_txt;
	char *txt;           /* NULL when empty */
	char qname[];
};

struct dnscache {
	struct entry **slot;
	size_t nslots, n;
};

static uint64_t hash(const char *s)
{
	uint64_t h = 1469598103934665603u;   /* FNV-1a */

	while (*s)
		h = (h ^ (unsigned char)*s++) * 1099511628211u;
	return h;
}

static void codes_free(struct entry *e)
{
	if (e->codes != &e->one)
		free(e->codes);
	e->codes = NULL;
}

struct dnscache *dnscache_new(void)
{
	struct dnscache *c = calloc(1, sizeof *c);

	if (c && !(c->slot = calloc(c->nslots = 1024, sizeof *c->slot))) {
		free(c);
		return NULL;
	}
	return c;
}

void dnscache_free(struct dnscache *c)
{
	if (!c)
		return;
	for (size_t i = 0; i < c->nslots; i++) {
		for (struct entry *e = c->slot[i], *next; e; e = next) {
			next = e->next;
			codes_free(e);
			free(e->txt);
			free(e);
		}
	}
	free(c->slot);
	free(c);
}

size_t dnscache_size(const struct dnscache *c)
{
	return c->n;
}

static struct entry **find(struct dnscache *c, const char *qname)
{
	struct entry **pp = &c->slot[hash(qname) & (c->nslots - 1)];

	while (*pp && strcmp((*pp)->qname, qname) != 0)
		pp = &(*pp)->next;
	return pp;
}

/* Double the table when it is full; a failed grow just keeps chains longer. */
static void grow(struct dnscache *c)
{
	size_t n = c->nslots * 2;
	struct entry **slot = calloc(n, sizeof *slot);

	if (!slot)
		return;
	for (size_t i = 0; i < c->nslots; i++) {
		for (struct entry *e = c->slot[i], *next; e; e = next) {
			size_t h = hash(e->qname) & (n - 1);

			next = e->next;
			e->next = slot[h];
			slot[h] = e;
		}
	}
	free(c->slot);
	c->slot = slot;
	c->nslots = n;
}

void dnscache_put(struct dnscache *c, const char *qname, const struct lookup *res,
                  bool with_txt, uint32_t ttl, uint64_t now_ms)
{
	struct entry **pp, *e;
	size_t len = strlen(qname);
	const uint32_t *codes;

	if (ttl == 0 || (res->state != LK_LISTED && res->state != LK_CLEAN))
		return;
	pp = find(c, qname);
	if (!*pp) {
		if (!(e = calloc(1, sizeof *e + len + 1)))
			return;
		memcpy(e->qname, qname, len + 1);
		*pp = e;
		c->n++;
	}
	e = *pp;
	free(e->txt);
	codes_free(e);
	codes = lk_codes(res, &e->ncodes);
	e->txt = res->txt[0] ? strdup(res->txt) : NULL;
	e->codes = e->ncodes == 1 ? &e->one :
	           e->ncodes ? malloc(e->ncodes * sizeof *e->codes) : NULL;
	if (e->codes)
		memcpy(e->codes, codes, e->ncodes * sizeof *e->codes);
	else
		e->ncodes = 0;
	/* A listing whose codes could not be kept is not answered from here. */
	e->expires_ms = res->state == LK_LISTED && !e->ncodes ? 0 : now_ms + (uint64_t)ttl * 1000;
	e->state = res->state;
	e->with_txt = with_txt && (!res->txt[0] || e->txt);
	if (c->n > c->nslots)
		grow(c);
}

bool dnscache_get(struct dnscache *c, const char *qname, bool want_txt, uint64_t now_ms,
                  struct lookup *out)
{
	struct entry *e = *find(c, qname);

	if (!e || e->expires_ms <= now_ms || (want_txt && e->state == LK_LISTED && !e->with_txt))
		return false;
	out->state = e->state;
	out->error = LKE_NONE;
	out->ncodes = e->ncodes;
	out->codes = e->codes;
	out->code = e->ncodes ? e->codes[0] : 0;
	out->txt = e->txt ? e->txt : "";
	return true;
}
