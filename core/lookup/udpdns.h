/* The UDP query engine of the live DNS backend: queries to one or more
 * resolvers over connected UDP sockets, each try under a fresh random
 * message ID, retransmitted at a timeout measured from the round trips
 * (core/lookup/flow.c) with jitter, so that retries never leave in one burst,
 * within a total budget per query.  A reply is matched by socket, ID and
 * question; its contents are the caller's to read (core/lookup/dnsmsg.c). */
#ifndef RBLSCOPE_UDPDNS_H
#define RBLSCOPE_UDPDNS_H

#include <stddef.h>
#include <stdint.h>
#include <sys/socket.h>

#include "core/lookup/flow.h"

struct loop;
struct udpdns;

#define UDPDNS_MAX_SERVERS 8
#define UDPDNS_MAX_TRIES 12

enum ud_status {
	UD_REPLY = 0,     /* msg holds the reply (not checked beyond its question) */
	UD_TRUNCATED,     /* the reply has TC set: ask again over TCP */
	UD_TIMEOUT,       /* no reply within the budget */
	UD_REFUSED,       /* every server refused (ICMP port unreachable) */
	UD_NETWORK,       /* the query could not be sent: no route, ... */
	UD_CANCELLED,     /* the engine was freed first */
};

/* Receives the end of a query; msg is valid only during the call. */
typedef void (*udpdns_cb)(void *arg, enum ud_status st, const unsigned char *msg, size_t len);

struct udpdns_config {
	struct sockaddr_storage servers[UDPDNS_MAX_SERVERS];
	size_t nservers;
	unsigned try_max_ms;     /* one try waits this long at most */
	unsigned budget_ms;      /* a query is given up after this long */
	unsigned max_window;     /* queries in flight at most; 0: the default */
};

/* An engine whose sockets are watched by lp; NULL with err set. */
struct udpdns *udpdns_new(struct loop *lp, const struct udpdns_config *cfg, char *err,
                          size_t errlen);

/* Ask qname (dotted) for type qtype; cb runs exactly once, never before
 * this returns.  0, or -1 when it could not be started (cb not run). */
int udpdns_query(struct udpdns *e, const char *qname, unsigned qtype, udpdns_cb cb, void *arg);

/* Queries started and not ended. */
unsigned udpdns_inflight(const struct udpdns *e);

/* Queries that may be in flight now (the congestion window). */
unsigned udpdns_window(const struct udpdns *e);

/* The round-trip and window state, for tests and the status line. */
const struct flow *udpdns_flow(const struct udpdns *e);

/* Tries sent so far (first tries and retransmissions). */
unsigned long udpdns_sent(const struct udpdns *e);

/* The last network failure, for people ("connection refused", with the
 * server's address when there are several), or "" when there was none. */
const char *udpdns_last_error(const struct udpdns *e);

/* Format a server address as "127.0.0.1:53" or "[::1]:53". */
void udpdns_addr_text(const struct sockaddr_storage *a, char *out, size_t len);

/* Cancel what is in flight (callbacks run with UD_CANCELLED) and free. */
void udpdns_free(struct udpdns *e);

#endif
