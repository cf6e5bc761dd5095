/* The live DNS backend.  c-ares tells us which sockets to watch through
 * ARES_OPT_SOCK_STATE_CB, the loop watches them, and a timer calls
 * ares_process_fd(BAD, BAD) so that queries time out even when no
 * socket is ready. */
#include "core/dns.h"

#include <arpa/inet.h>
#include <ares.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>

#include "core/backend.h"
#include "core/dnscache.h"
#include "core/dnsmsg.h"
#include "core/ip.h"
#include "core/loop.h"
#include "core/sanitize.h"

/* ares_query is deprecated in newer c-ares; it is the API every version
 * we build against has. */
#pragma GCC diagnostic ignored "-Wdeprecated-declarations"

enum { C_IN = 1 };

struct dns_be {
	struct backend base;
	struct loop *lp;
	ares_channel ch;
	struct loop_timer tick;
	unsigned inflight;
	struct dnscache *cache;
	char desc[256];
};

struct dns_req {
	struct dns_be *be;
	unsigned flags;
	backend_cb cb;
	backend_ptr_cb ptr_cb;
	void *arg;
	struct lookup res;
	uint32_t ttl;           /* of the A answer, for the cache */
	char qname[272];
};

/* Keep the timer at c-ares' next deadline while anything is in flight. */
static void tick_arm(struct dns_be *be)
{
	struct timeval tv, *t;

	if (be->tick.armed)
		return;
	t = ares_timeout(be->ch, NULL, &tv);
	if (t)
		loop_timer_arm(be->lp, &be->tick, loop_now() + (uint64_t)t->tv_sec * 1000 +
		               (uint64_t)(t->tv_usec + 999) / 1000);
}

static void on_tick(void *arg)
{
	struct dns_be *be = arg;

	ares_process_fd(be->ch, ARES_SOCKET_BAD, ARES_SOCKET_BAD);
	tick_arm(be);
}

static void on_io(void *arg, int fd, bool readable, bool writable)
{
	struct dns_be *be = arg;

	ares_process_fd(be->ch, readable ? fd : ARES_SOCKET_BAD, writable ? fd : ARES_SOCKET_BAD);
	tick_arm(be);
}

static void on_sock_state(void *data, ares_socket_t fd, int readable, int writable)
{
	struct dns_be *be = data;

	loop_io(be->lp, fd, readable, writable, on_io, be);
}

/* The error a c-ares status stands for. */
static enum lk_error status_error(int status)
{
	switch (status) {
	case ARES_ETIMEOUT: return LKE_TIMEOUT;
	case ARES_ESERVFAIL: return LKE_SERVFAIL;
	case ARES_EREFUSED: return LKE_REFUSED;
	case ARES_ECONNREFUSED: return LKE_NETWORK;
	case ARES_EBADRESP: return LKE_MALFORMED;
	case ARES_EFORMERR:
	case ARES_ENOTIMP: return LKE_RCODE;
	default: return LKE_OTHER;
	}
}

/* True when c-ares hands over a reply with this status: the reply's
 * own rcode is then what counts (c-ares 1.18 reports rcodes 6-15 as
 * success). */
static bool status_has_reply(int status)
{
	switch (status) {
	case ARES_SUCCESS: case ARES_ENODATA: case ARES_ENOTFOUND: case ARES_ESERVFAIL:
	case ARES_EREFUSED: case ARES_EFORMERR: case ARES_ENOTIMP:
		return true;
	default:
		return false;
	}
}

/* Read the reply to query r (type qtype) into m; an error reason, or
 * LKE_NONE when m holds a well-formed reply to the question asked. */
static enum lk_error reply_read(const struct dns_req *r, unsigned qtype, int status,
                                const unsigned char *abuf, int alen, struct dnsmsg *m)
{
	if (!status_has_reply(status) || !abuf || alen <= 0)
		return status_error(status);
	if (dnsmsg_parse(abuf, (size_t)alen, qtype, m) < 0 || strcasecmp(m->qname, r->qname) != 0)
		return LKE_MALFORMED;
	return LKE_NONE;
}

static void req_finish(struct dns_req *r, uint32_t ttl)
{
	struct dns_be *be = r->be;

	if (ttl > 0 && !(r->flags & BQ_NOSTORE) &&
	    (r->res.state == LK_LISTED || r->res.state == LK_CLEAN))
		dnscache_put(be->cache, r->qname, &r->res, (r->flags & BQ_TXT) != 0, ttl,
		             loop_now());
	be->inflight--;
	r->cb(r->arg, &r->res);
	free(r);
}

static void txt_done(void *arg, int status, int timeouts, unsigned char *abuf, int alen)
{
	struct dns_req *r = arg;
	struct dnsmsg m;

	(void)timeouts;
	/* A listing whose TXT could not be read is still a listing; it is
	 * just not cached, so the reason is fetched again next time. */
	if (reply_read(r, DNS_T_TXT, status, abuf, alen, &m) != LKE_NONE ||
	    m.rcode != DNS_RC_NOERROR || !m.has_txt) {
		req_finish(r, 0);
		return;
	}
	sanitize_text(r->res.txt, sizeof r->res.txt, m.txt, m.txt_len);
	req_finish(r, r->ttl);
}

static void a_done(void *arg, int status, int timeouts, unsigned char *abuf, int alen)
{
	struct dns_req *r = arg;
	enum lk_error e;
	struct dnsmsg m;
	uint32_t ttl;

	(void)timeouts;
	e = reply_read(r, DNS_T_A, status, abuf, alen, &m);
	if (e != LKE_NONE) {
		lk_set_error(&r->res, e);
		req_finish(r, 0);
		return;
	}
	dnsmsg_classify(&m, &r->res);
	ttl = r->res.state == LK_LISTED ? m.a_ttl : m.neg_ttl;
	if (r->res.state == LK_LISTED && (r->flags & BQ_TXT) &&
	    r->be->ch /* not being destroyed */) {
		r->ttl = ttl;
		ares_query(r->be->ch, r->qname, C_IN, DNS_T_TXT, txt_done, r);
		return;
	}
	req_finish(r, ttl);
}

static int dns_query(struct backend *base, uint32_t ip, const char *zone, unsigned flags,
                     backend_cb cb, void *arg)
{
	struct dns_be *be = (struct dns_be *)base;
	struct dns_req *r = calloc(1, sizeof *r);

	if (!r)
		return -1;
	if (ip4_qname(ip, zone, r->qname, sizeof r->qname) < 0) {
		free(r);
		return -1;
	}
	if (!(flags & BQ_NOCACHE) &&
	    dnscache_get(be->cache, r->qname, (flags & BQ_TXT) != 0, loop_now(), &r->res)) {
		cb(arg, &r->res);
		free(r);
		return 0;
	}
	r->be = be;
	r->flags = flags;
	r->cb = cb;
	r->arg = arg;
	be->inflight++;
	ares_query(be->ch, r->qname, C_IN, DNS_T_A, a_done, r);
	tick_arm(be);
	return 0;
}

static void ptr_done(void *arg, int status, int timeouts, unsigned char *abuf, int alen)
{
	struct dns_req *r = arg;
	struct dnsmsg m;
	enum lk_error e = reply_read(r, DNS_T_PTR, status, abuf, alen, &m);
	char name[DNSMSG_NAME_MAX];

	(void)timeouts;
	r->be->inflight--;
	if (e == LKE_NONE)
		e = dnsmsg_rcode_error(m.rcode);
	if (e == LKE_NONE && m.has_ptr) {
		sanitize_text(name, sizeof name, m.ptr, strlen(m.ptr));
		r->ptr_cb(r->arg, name, LKE_NONE);
	} else {
		r->ptr_cb(r->arg, NULL, e);
	}
	free(r);
}

static int dns_ptr(struct backend *base, uint32_t ip, backend_ptr_cb cb, void *arg)
{
	struct dns_be *be = (struct dns_be *)base;
	struct dns_req *r = calloc(1, sizeof *r);

	if (!r)
		return -1;
	r->be = be;
	r->ptr_cb = cb;
	r->arg = arg;
	ip4_qname(ip, "in-addr.arpa", r->qname, sizeof r->qname);
	be->inflight++;
	ares_query(be->ch, r->qname, C_IN, DNS_T_PTR, ptr_done, r);
	tick_arm(be);
	return 0;
}

static unsigned dns_inflight(const struct backend *base)
{
	return ((const struct dns_be *)base)->inflight;
}

static const char *dns_describe(const struct backend *base)
{
	return ((const struct dns_be *)base)->desc;
}

static void dns_destroy(struct backend *base)
{
	struct dns_be *be = (struct dns_be *)base;
	ares_channel ch = be->ch;

	/* Callbacks run from ares_destroy with ARES_EDESTRUCTION; clearing
	 * be->ch first stops them from starting TXT queries. */
	be->ch = NULL;
	ares_destroy(ch);
	loop_timer_cancel(be->lp, &be->tick);
	dnscache_free(be->cache);
	ares_library_cleanup();
	free(be);
}

static const struct backend_ops dns_ops = {
	.query = dns_query,
	.inflight = dns_inflight,
	.describe = dns_describe,
	.ptr = dns_ptr,
	.destroy = dns_destroy,
};

/* Check one "HOST[:PORT]" of a --resolver list (len bytes at s).  Every
 * copy is bounded by its own buffer, whatever the entry's length. */
static int server_check(const char *s, size_t len, char *err, size_t errlen)
{
	char host[INET6_ADDRSTRLEN];
	const char *port = NULL, *h = s, *close, *colon;
	unsigned char addr[16];
	size_t hl = len;

	if (len > 0 && s[0] == '[') {
		close = memchr(s, ']', len);
		if (!close)
			goto bad;
		h = s + 1;
		hl = (size_t)(close - h);
		if ((size_t)(close + 1 - s) < len) {
			if (close[1] != ':')
				goto bad;
			port = close + 2;
		}
	} else if ((colon = memchr(s, ':', len)) && !memchr(colon + 1, ':', len - (size_t)(colon + 1 - s))) {
		hl = (size_t)(colon - s);
		port = colon + 1;
	}
	if (hl == 0 || hl >= sizeof host)
		goto bad;
	memcpy(host, h, hl);
	host[hl] = '\0';
	if (inet_pton(AF_INET, host, addr) != 1 && inet_pton(AF_INET6, host, addr) != 1)
		goto bad;
	if (port) {
		size_t pl = len - (size_t)(port - s);
		unsigned long p = 0;

		if (pl == 0 || pl > 5)
			goto bad;
		for (size_t i = 0; i < pl; i++) {
			if (port[i] < '0' || port[i] > '9')
				goto bad;
			p = p * 10 + (unsigned long)(port[i] - '0');
		}
		if (p < 1 || p > 65535)
			goto bad;
	}
	return 0;
bad:
	snprintf(err, errlen, "bad --resolver entry '%.*s%s': want an IP address with an optional :PORT",
	         (int)(len > 60 ? 60 : len), s, len > 60 ? "..." : "");
	return -1;
}

int dns_servers_check(const char *servers, char *err, size_t errlen)
{
	const char *p = servers, *comma;

	for (;;) {
		comma = strchr(p, ',');
		if (server_check(p, comma ? (size_t)(comma - p) : strlen(p), err, errlen) < 0)
			return -1;
		if (!comma)
			return 0;
		p = comma + 1;
	}
}

/* "resolver 127.0.0.1:5353, ..." from the servers c-ares really uses. */
static void describe_servers(struct dns_be *be, const char *configured)
{
	struct ares_addr_port_node *list = NULL, *n;
	size_t o;
	char a[64];

	o = (size_t)snprintf(be->desc, sizeof be->desc, "resolver %s", configured ? "" : "(system) ");
	if (ares_get_servers_ports(be->ch, &list) != ARES_SUCCESS)
		return;
	for (n = list; n && o < sizeof be->desc; n = n->next) {
		inet_ntop(n->family, &n->addr, a, sizeof a);
		o += (size_t)snprintf(be->desc + o, sizeof be->desc - o, "%s%s%s%s:%d",
		                      n == list ? "" : ",", n->family == AF_INET6 ? "[" : "", a,
		                      n->family == AF_INET6 ? "]" : "",
		                      n->udp_port ? n->udp_port : 53);
	}
	ares_free_data(list);
}

struct backend *dns_backend_new(struct loop *lp, const struct dns_config *cfg,
                                char *err, size_t errlen)
{
	struct ares_options ao = { 0 };
	struct dns_be *be;
	int rc;

	if (cfg->servers && dns_servers_check(cfg->servers, err, errlen) < 0)
		return NULL;
	be = calloc(1, sizeof *be);
	if (!be || !(be->cache = dnscache_new())) {
		free(be);
		snprintf(err, errlen, "out of memory");
		return NULL;
	}
	be->base.ops = &dns_ops;
	be->lp = lp;
	be->tick = (struct loop_timer){ .fn = on_tick, .arg = be };
	ares_library_init(ARES_LIB_INIT_ALL);
	/* NOCHECKRESP: SERVFAIL and REFUSED are answers to report, not
	 * reasons to hide the reply. */
	ao.flags = ARES_FLAG_NOCHECKRESP | ARES_FLAG_STAYOPEN;
	ao.timeout = (int)cfg->timeout_ms;
	ao.tries = (int)cfg->retries + 1;
	ao.sock_state_cb = on_sock_state;
	ao.sock_state_cb_data = be;
	ao.socket_receive_buffer_size = 1 << 20;
	rc = ares_init_options(&be->ch, &ao, ARES_OPT_FLAGS | ARES_OPT_TIMEOUTMS | ARES_OPT_TRIES |
	                       ARES_OPT_SOCK_STATE_CB | ARES_OPT_SOCK_RCVBUF);
	if (rc == ARES_SUCCESS && cfg->servers)
		rc = ares_set_servers_ports_csv(be->ch, cfg->servers);
	if (rc != ARES_SUCCESS) {
		snprintf(err, errlen, "cannot start the DNS resolver: %s", ares_strerror(rc));
		if (be->ch)
			ares_destroy(be->ch);
		dnscache_free(be->cache);
		ares_library_cleanup();
		free(be);
		return NULL;
	}
	describe_servers(be, cfg->servers);
	return &be->base;
}
