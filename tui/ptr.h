/* PTR names of selected addresses: looked up one at a time, for the
 * address the user rests on, and kept in a small cache so that moving
 * back shows the name at once. */
#ifndef RBLSCOPE_TUI_PTR_H
#define RBLSCOPE_TUI_PTR_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#include "core/lookup/backend.h"

#define PTR_CACHE_SIZE 32
#define PTR_NAME_MAX 256

struct ptr_link;

struct ptr_entry {
	uint32_t ip;
	bool used, done;
	enum lk_error err;           /* LKE_NONE with name "" is "no PTR" */
	char name[PTR_NAME_MAX];     /* sanitised by the backend */
};

struct ptr_cache {
	struct backend *be;          /* NULL: no PTR lookups (zone files) */
	struct ptr_link *link;       /* cut by ptr_close: late answers dropped */
	struct ptr_entry e[PTR_CACHE_SIZE];
	size_t next;                 /* the entry to reuse next */
	void (*on_change)(void *arg);
	void *arg;
};

/* Start empty; be may be NULL or lack PTR support.  on_change runs when
 * an answer arrives. */
void ptr_init(struct ptr_cache *pc, struct backend *be, void (*on_change)(void *arg), void *arg);

/* Look ip up unless it is cached or in flight. */
void ptr_request(struct ptr_cache *pc, uint32_t ip);

/* What to show for ip: its name, or why there is none ("none",
 * "looking up", "not looked up with zone files", an error).  *known is
 * true only for a real name. */
const char *ptr_text(const struct ptr_cache *pc, uint32_t ip, bool *known);

/* Forget the cache and drop answers still in flight. */
void ptr_close(struct ptr_cache *pc);

#endif
