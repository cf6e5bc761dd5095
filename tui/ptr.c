/* The PTR cache.  Answers may arrive after the user moved on, or after
 * the UI closed while the backend still holds the query: they reach the
 * cache through a link that ptr_close cuts, as core/scan/scan.c does. */
#include "tui/ptr.h"

#include <stdlib.h>
#include <string.h>

struct ptr_link {
	struct ptr_cache *pc;
	size_t refs;
};

struct ptr_req {
	struct ptr_link *link;
	uint32_t ip;
};

static void link_drop(struct ptr_link *l)
{
	if (l && --l->refs == 0)
		free(l);
}

static bool ptr_supported(const struct ptr_cache *pc)
{
	return pc->be && pc->be->ops->ptr;
}

void ptr_init(struct ptr_cache *pc, struct backend *be, void (*on_change)(void *arg), void *arg)
{
	memset(pc, 0, sizeof *pc);
	pc->be = be;
	pc->on_change = on_change;
	pc->arg = arg;
	if (ptr_supported(pc)) {
		pc->link = malloc(sizeof *pc->link);
		if (pc->link)
			*pc->link = (struct ptr_link){ pc, 1 };
	}
}

static struct ptr_entry *entry_of(const struct ptr_cache *pc, uint32_t ip)
{
	for (size_t i = 0; i < PTR_CACHE_SIZE; i++)
		if (pc->e[i].used && pc->e[i].ip == ip)
			return (struct ptr_entry *)&pc->e[i];
	return NULL;
}

static void on_ptr(void *arg, const char *name, enum lk_error err)
{
	struct ptr_req q = *(struct ptr_req *)arg;
	struct ptr_cache *pc = q.link->pc;
	struct ptr_entry *e;

	free(arg);
	link_drop(q.link);
	if (!pc || !(e = entry_of(pc, q.ip)))
		return;
	e->done = true;
	e->err = err;
	if (name) {
		strncpy(e->name, name, sizeof e->name - 1);
		e->name[sizeof e->name - 1] = '\0';
	}
	if (pc->on_change)
		pc->on_change(pc->arg);
}

void ptr_request(struct ptr_cache *pc, uint32_t ip)
{
	struct ptr_entry *e;
	struct ptr_req *q;

	if (!pc->link || entry_of(pc, ip))
		return;
	e = &pc->e[pc->next];
	pc->next = (pc->next + 1) % PTR_CACHE_SIZE;
	*e = (struct ptr_entry){ .ip = ip, .used = true };
	q = malloc(sizeof *q);
	if (!q) {
		e->done = true;
		e->err = LKE_OTHER;
		return;
	}
	*q = (struct ptr_req){ pc->link, ip };
	pc->link->refs++;
	if (pc->be->ops->ptr(pc->be, ip, on_ptr, q) < 0) {
		pc->link->refs--;
		free(q);
		e->done = true;
		e->err = LKE_OTHER;
	}
}

const char *ptr_text(const struct ptr_cache *pc, uint32_t ip, bool *known)
{
	const struct ptr_entry *e;

	*known = false;
	if (!ptr_supported(pc))
		return "not looked up (zone files, no DNS)";
	e = entry_of(pc, ip);
	if (!e || !e->done)
		return "looking up...";
	if (e->err != LKE_NONE)
		return lk_error_text(e->err);
	if (e->name[0] == '\0')
		return "none";
	*known = true;
	return e->name;
}

void ptr_close(struct ptr_cache *pc)
{
	if (pc->link) {
		pc->link->pc = NULL;
		link_drop(pc->link);
		pc->link = NULL;
	}
	memset(pc->e, 0, sizeof pc->e);
}
