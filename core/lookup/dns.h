/* The live DNS backend: c-ares, many queries in flight, a TTL cache. */
#ifndef RBLSCOPE_DNS_H
#define RBLSCOPE_DNS_H

#include <stddef.h>

struct backend;
struct loop;

struct dns_config {
	const char *servers;     /* "HOST[:PORT][,...]", NULL: the system's */
	unsigned timeout_ms;     /* one try waits this long at most */
	unsigned retries;        /* a lookup's budget is (retries + 1) x timeout_ms,
	                          * spent on as many tries as the round trip allows */
	unsigned max_window;     /* queries in flight at most; 0: the default */
};

/* Check a --resolver list: IP addresses (IPv6 in brackets when a port
 * follows) with optional ports.  0, or -1 with the reason in err. */
int dns_servers_check(const char *servers, char *err, size_t errlen);

/* A backend whose sockets are watched by lp.  NULL with err set when
 * c-ares cannot start or the servers are not usable. */
struct backend *dns_backend_new(struct loop *lp, const struct dns_config *cfg,
                                char *err, size_t errlen);

#endif
