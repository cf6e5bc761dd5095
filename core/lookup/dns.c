/* The live DNS backend.  Queries go over UDP through rblscope's own
 * engine (core/lookup/udpdns.c), which times retries from measured round trips
 * and keeps a congestion window: c-ares 1.18 can only double a fixed
 * per-server timeout, which left a /24 behind a lossy link with dozens
 * of unknown addresses.  c-ares still reads the system's resolvers and
 * carries the replies that come back truncated over TCP.  Answers are
 * cached by TTL, and a TXT that names a listed range is asked once for
 * the whole range. */
#include "core/lookup/dns.h"

#include <arpa/inet.h>
#include <ares.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>

#include "core/lookup/backend.h"
#include "core/lookup/dnscache.h"
#include "core/lookup/dnsmsg.h"
#include "core/base/ip.h"
#include "core/base/loop.h"
#include "core/base/sanitize.h"
#include "core/uceprotect/txt.h"
#include "core/lookup/udpdns.h"

/* ares_query is deprecated in newer c-ares; it is the API every version
 * we build against has. */
#pragma GCC diagnostic ignored "-Wdeprecated-declarations"

enum { C_IN = 1 };

#define SHARE_MAX 4096   /* range TXTs remembered */
#define HINTS_MAX 16     /* zones whose last answer is remembered */

/* A TXT that names the range it lists, for the other addresses in it. */
struct txt_share {
	char *zone;
	uint32_t code, net;
	unsigned prefix;
	char *txt;
};

struct dns_be {
	struct backend base;
	struct loop *lp;
	struct udpdns *udp;
	ares_channel tcp;          /* replies truncated over UDP */
	struct loop_timer tick;
	unsigned inflight;
	struct dnscache *cache;
	struct txt_share *share;
	size_t nshare;
	unsigned long txt_shared;  /* TXT queries the shared ranges saved */
	struct { char zone[DNSMSG_NAME_MAX]; bool listed; } hint[HINTS_MAX];
	size_t nhints;
	char desc[256];
	struct dnsmsg msg;         /* the reply being read (64 KiB: not on the stack) */
	char txt[LOOKUP_TXT_MAX];  /* its TXT, sanitised */
};

struct dns_req;

/* One question of a request in flight. */
struct dns_ask {
	struct dns_req *r;
	unsigned qtype;
};

struct dns_req {
	struct dns_be *be;
	unsigned flags;
	uint32_t ip;
	char zone[DNSMSG_NAME_MAX];
	backend_cb cb;
	backend_ptr_cb ptr_cb;
	void *arg;
	struct lookup res;
	uint32_t codes[DNSMSG_MAX_A];   /* res.codes: the reply's A codes */
	uint32_t ttl;           /* of the A answer, for the cache */
	struct dns_ask a_ask, txt_ask, ptr_ask;
	unsigned asking;        /* questions not answered yet */
	bool txt_asked;
	char *txt;              /* the TXT answer, sanitised; NULL if none */
	const char *shared_txt; /* or the TXT of the listed range */
	char qname[DNSMSG_NAME_MAX];
};

/* --- c-ares, for TCP ------------------------------------------------------ */

static void tick_arm(struct dns_be *be)
{
	struct timeval tv, *t;

	if (be->tick.armed || !be->tcp)
		return;
	t = ares_timeout(be->tcp, NULL, &tv);
	if (t)
		loop_timer_arm(be->lp, &be->tick, loop_now() + (uint64_t)t->tv_sec * 1000 +
		               (uint64_t)(t->tv_usec + 999) / 1000);
}

static void on_tick(void *arg)
{
	struct dns_be *be = arg;

	ares_process_fd(be->tcp, ARES_SOCKET_BAD, ARES_SOCKET_BAD);
	tick_arm(be);
}

static void on_tcp_io(void *arg, int fd, bool readable, bool writable)
{
	struct dns_be *be = arg;

	ares_process_fd(be->tcp, readable ? fd : ARES_SOCKET_BAD, writable ? fd : ARES_SOCKET_BAD);
	tick_arm(be);
}

static void on_sock_state(void *data, ares_socket_t fd, int readable, int writable)
{
	struct dns_be *be = data;

	loop_io(be->lp, fd, readable, writable, on_tcp_io, be);
}

/* --- replies -------------------------------------------------------------- */

static void reply_done(struct dns_ask *q, enum lk_error e, const unsigned char *msg,
                       size_t len);

/* The error a c-ares status without a reply stands for. */
static enum lk_error ares_error(int status)
{
	switch (status) {
	case ARES_ETIMEOUT: return LKE_TIMEOUT;
	case ARES_ECONNREFUSED: return LKE_NETWORK;
	case ARES_EBADRESP: return LKE_MALFORMED;
	default: return LKE_OTHER;
	}
}

/* True when c-ares hands over a reply with this status: the reply's own
 * rcode is then what counts (c-ares 1.18 reports rcodes 6-15 as
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

static void on_tcp(void *arg, int status, int timeouts, unsigned char *abuf, int alen)
{
	struct dns_ask *q = arg;

	(void)timeouts;
	if (status_has_reply(status) && abuf && alen > 0)
		reply_done(q, LKE_NONE, abuf, (size_t)alen);
	else
		reply_done(q, ares_error(status), NULL, 0);
}

static void on_udp(void *arg, enum ud_status st, const unsigned char *msg, size_t len)
{
	static const enum lk_error errs[] = {
		[UD_TIMEOUT] = LKE_TIMEOUT, [UD_REFUSED] = LKE_NETWORK,
		[UD_NETWORK] = LKE_NETWORK, [UD_CANCELLED] = LKE_OTHER,
	};
	struct dns_ask *q = arg;
	struct dns_be *be = q->r->be;

	if (st == UD_TRUNCATED && be->tcp) {
		ares_query(be->tcp, q->r->qname, C_IN, (int)q->qtype, on_tcp, q);
		tick_arm(be);
		return;
	}
	if (st == UD_REPLY || st == UD_TRUNCATED)
		reply_done(q, LKE_NONE, msg, len);
	else
		reply_done(q, errs[st], NULL, 0);
}

/* Ask one question of r; its answer comes to reply_done. */
static void ask(struct dns_req *r, struct dns_ask *q, unsigned qtype)
{
	*q = (struct dns_ask){ r, qtype };
	r->asking++;
	if (udpdns_query(r->be->udp, r->qname, qtype, on_udp, q) < 0)
		reply_done(q, LKE_OTHER, NULL, 0);
}

/* Is the last answer of zone a listing?  Range and ASN listings cover
 * whole runs of neighbours: while they do, the TXT is asked together
 * with the A record instead of one round trip after it. */
static bool hint_listed(const struct dns_be *be, const char *zone)
{
	for (size_t i = 0; i < be->nhints; i++)
		if (strcasecmp(be->hint[i].zone, zone) == 0)
			return be->hint[i].listed;
	return false;
}

static void hint_set(struct dns_be *be, const char *zone, bool listed)
{
	size_t i;

	for (i = 0; i < be->nhints && strcasecmp(be->hint[i].zone, zone) != 0; i++)
		;
	if (i == be->nhints) {
		if (i == HINTS_MAX || strlen(zone) >= sizeof be->hint[i].zone)
			return;
		memcpy(be->hint[i].zone, zone, strlen(zone) + 1);
		be->nhints++;
	}
	be->hint[i].listed = listed;
}

static void share_add(struct dns_be *be, const struct dns_req *r, const char *txt);
static const char *share_find(const struct dns_be *be, const char *zone, uint32_t code,
                              uint32_t ip);

/* Every question answered: the lookup is done. */
static void req_finish(struct dns_req *r)
{
	struct dns_be *be = r->be;
	uint32_t ttl = r->ttl;

	if (r->res.state == LK_LISTED && (r->flags & BQ_TXT)) {
		if (r->txt)
			share_add(be, r, r->txt);
		r->res.txt = r->txt ? r->txt : r->shared_txt ? r->shared_txt : "";
		/* A listing whose TXT could not be read is still a listing; it
		 * is just not cached, so the reason is asked again next time. */
		if (!r->txt && !r->shared_txt)
			ttl = 0;
	}
	if (ttl > 0 && !(r->flags & BQ_NOSTORE) &&
	    (r->res.state == LK_LISTED || r->res.state == LK_CLEAN))
		dnscache_put(be->cache, r->qname, &r->res, (r->flags & BQ_TXT) != 0, ttl,
		             loop_now());
	be->inflight--;
	r->cb(r->arg, &r->res);
	free(r->txt);
	free(r);
}

/* The shared TXT of the listed range of zone that holds ip, or NULL;
 * code 0 matches any code. */
static const char *share_find(const struct dns_be *be, const char *zone, uint32_t code,
                              uint32_t ip)
{
	for (size_t i = 0; i < be->nshare; i++) {
		const struct txt_share *s = &be->share[i];

		if ((!code || s->code == code) && (ip & ip4_mask(s->prefix)) == s->net &&
		    strcasecmp(s->zone, zone) == 0)
			return s->txt;
	}
	return NULL;
}

/* Remember txt for its range when it names one that holds ip and does
 * not name ip itself: then it is the range's text, not the address's. */
static void share_add(struct dns_be *be, const struct dns_req *r, const char *txt)
{
	struct txt_info ti;
	char ipt[IP4_STRLEN];
	struct txt_share *s;

	txt_parse(txt, &ti);
	ip4_format(r->ip, ipt);
	if (!ti.has_net || ti.prefix >= 32 || (r->ip & ip4_mask(ti.prefix)) != ti.net ||
	    strstr(txt, ipt) || be->nshare == SHARE_MAX)
		return;
	if (!be->share && !(be->share = calloc(SHARE_MAX, sizeof *be->share)))
		return;
	s = &be->share[be->nshare];
	*s = (struct txt_share){ strdup(r->zone), r->res.code, ti.net, ti.prefix, strdup(txt) };
	if (!s->zone || !s->txt) {
		free(s->zone);
		free(s->txt);
		return;
	}
	be->nshare++;
}

static void txt_reply(struct dns_req *r, enum lk_error e, const unsigned char *msg,
                      size_t len)
{
	struct dnsmsg *m = &r->be->msg;

	if (e != LKE_NONE || dnsmsg_parse(msg, len, DNS_T_TXT, m) < 0 ||
	    m->rcode != DNS_RC_NOERROR || !m->has_txt)
		return;
	sanitize_text(r->be->txt, LOOKUP_TXT_MAX, m->txt, m->txt_len);
	r->txt = strdup(r->be->txt);
}

static void a_reply(struct dns_req *r, enum lk_error e, const unsigned char *msg, size_t len)
{
	struct dnsmsg *m = &r->be->msg;

	if (e == LKE_NONE && dnsmsg_parse(msg, len, DNS_T_A, m) < 0)
		e = LKE_MALFORMED;
	if (e != LKE_NONE) {
		lk_set_error(&r->res, e);
		r->ttl = 0;
		return;
	}
	r->res.txt = "";
	dnsmsg_classify(m, &r->res);
	/* The message is reused by the next reply: the request keeps its codes. */
	memcpy(r->codes, m->a, (size_t)m->na * sizeof *m->a);
	r->res.codes = r->res.ncodes ? r->codes : NULL;
	r->ttl = r->res.state == LK_LISTED ? m->a_ttl : m->neg_ttl;
	hint_set(r->be, r->zone, r->res.state == LK_LISTED);
	if (r->res.state != LK_LISTED || !(r->flags & BQ_TXT) || r->txt_asked)
		return;
	r->shared_txt = share_find(r->be, r->zone, r->res.code, r->ip);
	if (r->shared_txt) {
		r->be->txt_shared++;
		return;
	}
	r->txt_asked = true;
	ask(r, &r->txt_ask, DNS_T_TXT);
}

static void ptr_reply(struct dns_req *r, enum lk_error e, const unsigned char *msg,
                      size_t len)
{
	struct dnsmsg *m = &r->be->msg;
	char name[DNSMSG_NAME_MAX];

	r->be->inflight--;
	if (e == LKE_NONE && dnsmsg_parse(msg, len, DNS_T_PTR, m) < 0)
		e = LKE_MALFORMED;
	if (e == LKE_NONE)
		e = dnsmsg_rcode_error(m->rcode);
	if (e == LKE_NONE && m->has_ptr) {
		sanitize_text(name, sizeof name, m->ptr, strlen(m->ptr));
		r->ptr_cb(r->arg, name, LKE_NONE);
	} else {
		r->ptr_cb(r->arg, NULL, e);
	}
	free(r);
}

static void reply_done(struct dns_ask *q, enum lk_error e, const unsigned char *msg,
                       size_t len)
{
	struct dns_req *r = q->r;

	r->asking--;
	switch (q->qtype) {
	case DNS_T_PTR:
		ptr_reply(r, e, msg, len);
		return;
	case DNS_T_TXT:
		txt_reply(r, e, msg, len);
		break;
	default:
		a_reply(r, e, msg, len);
		break;
	}
	if (r->asking == 0)
		req_finish(r);
}

/* --- the backend ---------------------------------------------------------- */

static int dns_query(struct backend *base, uint32_t ip, const char *zone, unsigned flags,
                     backend_cb cb, void *arg)
{
	struct dns_be *be = (struct dns_be *)base;
	struct dns_req *r = calloc(1, sizeof *r);

	if (!r)
		return -1;
	if (ip4_qname(ip, zone, r->qname, sizeof r->qname) < 0 || strlen(zone) >= sizeof r->zone) {
		free(r);
		return -1;
	}
	r->res.txt = "";
	if (!(flags & BQ_NOCACHE) &&
	    dnscache_get(be->cache, r->qname, (flags & BQ_TXT) != 0, loop_now(), &r->res)) {
		cb(arg, &r->res);
		free(r);
		return 1;
	}
	memcpy(r->zone, zone, strlen(zone) + 1);
	r->be = be;
	r->ip = ip;
	r->flags = flags;
	r->cb = cb;
	r->arg = arg;
	be->inflight++;
	/* Both questions count before either can be answered. */
	r->asking = 1;
	if ((flags & BQ_TXT) && hint_listed(be, zone) && !share_find(be, zone, 0, ip)) {
		r->txt_asked = true;
		ask(r, &r->txt_ask, DNS_T_TXT);
	}
	r->asking--;
	ask(r, &r->a_ask, DNS_T_A);
	return 0;
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
	ask(r, &r->ptr_ask, DNS_T_PTR);
	return 0;
}

static unsigned dns_inflight(const struct backend *base)
{
	return ((const struct dns_be *)base)->inflight;
}

static unsigned dns_window(const struct backend *base)
{
	return udpdns_window(((const struct dns_be *)base)->udp);
}

static const char *dns_describe(const struct backend *base)
{
	return ((const struct dns_be *)base)->desc;
}

static const char *dns_last_error(const struct backend *base)
{
	return udpdns_last_error(((const struct dns_be *)base)->udp);
}

static void dns_destroy(struct backend *base)
{
	struct dns_be *be = (struct dns_be *)base;
	ares_channel ch = be->tcp;

	/* Callbacks run with errors as everything in flight is cancelled;
	 * no new query may start then. */
	udpdns_free(be->udp);
	be->udp = NULL;
	be->tcp = NULL;
	if (ch)
		ares_destroy(ch);
	loop_timer_cancel(be->lp, &be->tick);
	dnscache_free(be->cache);
	for (size_t i = 0; i < be->nshare; i++) {
		free(be->share[i].zone);
		free(be->share[i].txt);
	}
	free(be->share);
	ares_library_cleanup();
	free(be);
}

static const struct backend_ops dns_ops = {
	.query = dns_query,
	.inflight = dns_inflight,
	.window = dns_window,
	.describe = dns_describe,
	.last_error = dns_last_error,
	.ptr = dns_ptr,
	.destroy = dns_destroy,
};

/* --- resolvers ------------------------------------------------------------ */

/* Read one "HOST[:PORT]" (len bytes at s) into a, port 53 by default.
 * Every copy is bounded by its own buffer, whatever the entry's length.
 * 0, or -1. */
static int server_parse(const char *s, size_t len, struct sockaddr_storage *a)
{
	char host[INET6_ADDRSTRLEN];
	const char *port = NULL, *h = s, *close, *colon;
	size_t hl = len;
	unsigned long p = 53;

	if (len > 0 && s[0] == '[') {
		close = memchr(s, ']', len);
		if (!close)
			return -1;
		h = s + 1;
		hl = (size_t)(close - h);
		if ((size_t)(close + 1 - s) < len) {
			if (close[1] != ':')
				return -1;
			port = close + 2;
		}
	} else if ((colon = memchr(s, ':', len)) &&
	           !memchr(colon + 1, ':', len - (size_t)(colon + 1 - s))) {
		hl = (size_t)(colon - s);
		port = colon + 1;
	}
	if (hl == 0 || hl >= sizeof host)
		return -1;
	memcpy(host, h, hl);
	host[hl] = '\0';
	if (port) {
		size_t pl = len - (size_t)(port - s);

		if (pl == 0 || pl > 5)
			return -1;
		p = 0;
		for (size_t i = 0; i < pl; i++) {
			if (port[i] < '0' || port[i] > '9')
				return -1;
			p = p * 10 + (unsigned long)(port[i] - '0');
		}
		if (p < 1 || p > 65535)
			return -1;
	}
	memset(a, 0, sizeof *a);
	if (inet_pton(AF_INET, host, &((struct sockaddr_in *)a)->sin_addr) == 1) {
		a->ss_family = AF_INET;
		((struct sockaddr_in *)a)->sin_port = htons((uint16_t)p);
		return 0;
	}
	if (inet_pton(AF_INET6, host, &((struct sockaddr_in6 *)a)->sin6_addr) == 1) {
		a->ss_family = AF_INET6;
		((struct sockaddr_in6 *)a)->sin6_port = htons((uint16_t)p);
		return 0;
	}
	return -1;
}

/* Each entry of a --resolver list, in order; 0, or -1 with err set. */
static int servers_parse(const char *servers, struct udpdns_config *u, char *err, size_t errlen)
{
	const char *p = servers, *comma;

	u->nservers = 0;
	for (;;) {
		size_t len;

		comma = strchr(p, ',');
		len = comma ? (size_t)(comma - p) : strlen(p);
		if (server_parse(p, len, &u->servers[u->nservers % UDPDNS_MAX_SERVERS]) < 0) {
			snprintf(err, errlen, "bad --resolver entry '%.*s%s': want an IP address with "
			         "an optional :PORT", (int)(len > 60 ? 60 : len), p, len > 60 ? "..." : "");
			return -1;
		}
		if (++u->nservers > UDPDNS_MAX_SERVERS) {
			snprintf(err, errlen, "--resolver: %d servers at most", UDPDNS_MAX_SERVERS);
			return -1;
		}
		if (!comma)
			return 0;
		p = comma + 1;
	}
}

int dns_servers_check(const char *servers, char *err, size_t errlen)
{
	struct udpdns_config u;

	return servers_parse(servers, &u, err, errlen);
}

/* The servers c-ares found in the system's configuration. */
static int servers_of_system(ares_channel ch, struct udpdns_config *u, char *err,
                             size_t errlen)
{
	struct ares_addr_port_node *list = NULL, *n;

	u->nservers = 0;
	if (ares_get_servers_ports(ch, &list) != ARES_SUCCESS) {
		snprintf(err, errlen, "cannot read the system's resolvers");
		return -1;
	}
	for (n = list; n && u->nservers < UDPDNS_MAX_SERVERS; n = n->next) {
		struct sockaddr_storage *a = &u->servers[u->nservers];
		uint16_t port = htons((uint16_t)(n->udp_port ? n->udp_port : 53));

		memset(a, 0, sizeof *a);
		a->ss_family = (sa_family_t)n->family;
		if (n->family == AF_INET) {
			((struct sockaddr_in *)a)->sin_addr = n->addr.addr4;
			((struct sockaddr_in *)a)->sin_port = port;
		} else {
			memcpy(&((struct sockaddr_in6 *)a)->sin6_addr, &n->addr.addr6, 16);
			((struct sockaddr_in6 *)a)->sin6_port = port;
		}
		u->nservers++;
	}
	ares_free_data(list);
	if (u->nservers == 0) {
		snprintf(err, errlen, "the system names no resolver (use --resolver)");
		return -1;
	}
	return 0;
}

/* "resolver 127.0.0.1:5353, ..." */
static void describe_servers(struct dns_be *be, const struct udpdns_config *u, bool system)
{
	size_t o = (size_t)snprintf(be->desc, sizeof be->desc, "resolver %s",
	                            system ? "(system) " : "");
	char a[64];

	for (size_t i = 0; i < u->nservers && o < sizeof be->desc; i++) {
		udpdns_addr_text(&u->servers[i], a, sizeof a);
		o += (size_t)snprintf(be->desc + o, sizeof be->desc - o, "%s%s", i ? "," : "", a);
	}
}

/* Hand c-ares the servers the UDP engine uses. */
static int tcp_servers(ares_channel ch, const struct udpdns_config *u)
{
	struct ares_addr_port_node n[UDPDNS_MAX_SERVERS];

	memset(n, 0, sizeof n);
	for (size_t i = 0; i < u->nservers; i++) {
		const struct sockaddr_storage *a = &u->servers[i];

		n[i].next = i + 1 < u->nservers ? &n[i + 1] : NULL;
		n[i].family = a->ss_family;
		if (a->ss_family == AF_INET) {
			n[i].addr.addr4 = ((const struct sockaddr_in *)a)->sin_addr;
			n[i].tcp_port = ntohs(((const struct sockaddr_in *)a)->sin_port);
		} else {
			memcpy(&n[i].addr.addr6, &((const struct sockaddr_in6 *)a)->sin6_addr, 16);
			n[i].tcp_port = ntohs(((const struct sockaddr_in6 *)a)->sin6_port);
		}
		n[i].udp_port = n[i].tcp_port;
	}
	return ares_set_servers_ports(ch, u->nservers ? n : NULL);
}

/* The TCP channel: the same servers, one try within the whole budget;
 * the system's when u names none. */
static int tcp_open(struct dns_be *be, const struct udpdns_config *u, unsigned budget_ms)
{
	struct ares_options ao = { 0 };
	int rc;

	/* NOCHECKRESP: SERVFAIL and REFUSED are answers to report. */
	ao.flags = ARES_FLAG_USEVC | ARES_FLAG_NOCHECKRESP | ARES_FLAG_STAYOPEN;
	ao.timeout = (int)budget_ms;
	ao.tries = 1;
	ao.sock_state_cb = on_sock_state;
	ao.sock_state_cb_data = be;
	rc = ares_init_options(&be->tcp, &ao, ARES_OPT_FLAGS | ARES_OPT_TIMEOUTMS | ARES_OPT_TRIES |
	                       ARES_OPT_SOCK_STATE_CB);
	if (rc == ARES_SUCCESS && u->nservers)
		rc = tcp_servers(be->tcp, u);
	return rc;
}

struct backend *dns_backend_new(struct loop *lp, const struct dns_config *cfg,
                                char *err, size_t errlen)
{
	struct udpdns_config u = { 0 };
	struct dns_be *be;
	int rc;

	if (cfg->servers && servers_parse(cfg->servers, &u, err, errlen) < 0)
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
	u.try_max_ms = cfg->timeout_ms;
	u.budget_ms = cfg->timeout_ms * (cfg->retries + 1);
	u.max_window = cfg->max_window;
	rc = tcp_open(be, &u, u.budget_ms);
	if (rc != ARES_SUCCESS) {
		snprintf(err, errlen, "cannot start the DNS resolver: %s", ares_strerror(rc));
		goto fail;
	}
	if (!cfg->servers && servers_of_system(be->tcp, &u, err, errlen) < 0)
		goto fail;
	if (!(be->udp = udpdns_new(lp, &u, err, errlen)))
		goto fail;
	describe_servers(be, &u, !cfg->servers);
	return &be->base;
fail:
	if (be->tcp)
		ares_destroy(be->tcp);
	dnscache_free(be->cache);
	ares_library_cleanup();
	free(be);
	return NULL;
}
