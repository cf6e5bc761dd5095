/* Where DNSBL answers come from: live DNS (core/lookup/dns.c) or rbldnsd zone
 * files (core/lookup/zonefile.c), behind one interface. */
#ifndef RBLSCOPE_BACKEND_H
#define RBLSCOPE_BACKEND_H

#include <stdint.h>

#include "core/lookup/lookup.h"

struct loop;

enum {
	BQ_TXT = 1 << 0,      /* also fetch the TXT record of a listing */
	BQ_NOCACHE = 1 << 1,  /* ignore cached answers */
	BQ_NOSTORE = 1 << 2,  /* do not cache the answer (a one-off scan) */
};

/* Receives the finished lookup; res is valid only during the call. */
typedef void (*backend_cb)(void *arg, const struct lookup *res);

/* Receives a PTR name (sanitised) or NULL with the reason. */
typedef void (*backend_ptr_cb)(void *arg, const char *name, enum lk_error err);

struct backend;

struct backend_ops {
	/* Look ip up in zone; cb runs exactly once.  1 when it ran already
	 * (a cache or a zone file answered: nothing was sent, nothing to
	 * pace), 0 when the answer comes later, or -1 if the query could not
	 * be started (cb not run). */
	int (*query)(struct backend *be, uint32_t ip, const char *zone,
	             unsigned flags, backend_cb cb, void *arg);
	/* Queries started and not yet answered. */
	unsigned (*inflight)(const struct backend *be);
	/* Queries that may be in flight now (a congestion window); NULL
	 * where nothing is sent anywhere. */
	unsigned (*window)(const struct backend *be);
	/* The last network failure, for people ("connection refused"), ""
	 * when none; NULL where there is no network. */
	const char *(*last_error)(const struct backend *be);
	/* A one-line description: "resolver 127.0.0.1:53", "zones ./dir". */
	const char *(*describe)(const struct backend *be);
	/* Look up the PTR name of ip; NULL in backends that have no DNS.
	 * 0, or -1 if it could not be started (cb not run). */
	int (*ptr)(struct backend *be, uint32_t ip, backend_ptr_cb cb, void *arg);
	/* Cancel what is in flight (callbacks run with LKE_OTHER) and free. */
	void (*destroy)(struct backend *be);
};

struct backend {
	const struct backend_ops *ops;
};

static inline int backend_query(struct backend *be, uint32_t ip, const char *zone,
                                unsigned flags, backend_cb cb, void *arg)
{
	return be->ops->query(be, ip, zone, flags, cb, arg);
}

static inline void backend_destroy(struct backend *be)
{
	if (be)
		be->ops->destroy(be);
}

#endif
