/* The UDP query engine.  Every try of a query has its own random message
 * ID, and the IDs of earlier tries stay valid, so a late answer to the
 * first try still ends the query and every round trip measured is
 * unambiguous.  Pending tries sit in a binary heap ordered by when they
 * must be retransmitted or given up; one loop timer follows its top. */
#include "core/lookup/udpdns.h"

#include <arpa/inet.h>
#include <errno.h>
#include <fcntl.h>
#include <stdbool.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>
#include <sys/random.h>
#include <time.h>
#include <unistd.h>

#include "core/lookup/dnsmsg.h"
#include "core/base/loop.h"

#define ID_SPACE 65536u
#define JITTER_PCT 25u          /* a retry waits its RTO plus up to this much */
#define RCVBUF_BYTES (1 << 20)
#define PACE_MIN_RTT_US 2000u   /* below this round trip, no pacing */
#define PACE_BURST 16u          /* first tries that may leave at once */
#define PACE_GAIN_START 2.0     /* window per round trip, in slow start */
#define PACE_GAIN 1.25          /* ... and after */

struct ud_server {
	struct sockaddr_storage addr;
	int fd;
	bool refused;            /* the last thing it said was "port unreachable" */
};

struct ud_req {
	char qname[DNSMSG_NAME_MAX];
	unsigned qtype;
	udpdns_cb cb;
	void *arg;
	unsigned tries;
	uint16_t id[UDPDNS_MAX_TRIES];
	uint64_t sent_us[UDPDNS_MAX_TRIES];
	uint8_t server_of[UDPDNS_MAX_TRIES];
	size_t server;           /* of the last try */
	uint64_t deadline_us;    /* given up at this time */
	uint64_t due_us;         /* next retransmission, or the deadline */
	size_t heap_at;
	struct ud_req *prev, *next;   /* every query in flight */
};

struct udpdns {
	struct loop *lp;
	struct ud_server srv[UDPDNS_MAX_SERVERS];
	size_t nsrv;
	struct ud_req **byid;    /* ID_SPACE slots: the query each ID belongs to */
	struct ud_req **heap;
	size_t nheap, heapcap;
	struct ud_req *active;
	unsigned inflight;
	unsigned budget_ms;
	struct flow flow;
	struct loop_timer timer;
	unsigned long sent;
	char last_error[160];
	uint64_t pace_next_us;   /* when the next first try may leave */
	uint32_t rnd[1024];      /* from the kernel, a batch at a time */
	size_t rnd_left;
	unsigned char buf[65536];
};

static uint64_t now_us(void)
{
	struct timespec ts;

	clock_gettime(CLOCK_MONOTONIC, &ts);
	return (uint64_t)ts.tv_sec * 1000000u + (uint64_t)ts.tv_nsec / 1000u;
}

void udpdns_addr_text(const struct sockaddr_storage *a, char *out, size_t len)
{
	char host[INET6_ADDRSTRLEN] = "?";

	if (a->ss_family == AF_INET6) {
		const struct sockaddr_in6 *s6 = (const struct sockaddr_in6 *)a;

		inet_ntop(AF_INET6, &s6->sin6_addr, host, sizeof host);
		snprintf(out, len, "[%s]:%u", host, (unsigned)ntohs(s6->sin6_port));
	} else {
		const struct sockaddr_in *s4 = (const struct sockaddr_in *)a;

		inet_ntop(AF_INET, &s4->sin_addr, host, sizeof host);
		snprintf(out, len, "%s:%u", host, (unsigned)ntohs(s4->sin_port));
	}
}

static void note_error(struct udpdns *e, size_t s, int err)
{
	char where[64];

	/* one server is named already wherever the error is shown */
	const char *what = err == ECONNREFUSED ? "connection refused" : strerror(err);

	udpdns_addr_text(&e->srv[s].addr, where, sizeof where);
	if (e->nsrv > 1)
		snprintf(e->last_error, sizeof e->last_error, "%s (%s)", what, where);
	else
		snprintf(e->last_error, sizeof e->last_error, "%s", what);
}

/* --- the heap of pending tries ------------------------------------------ */

static void heap_set(struct udpdns *e, size_t i, struct ud_req *r)
{
	e->heap[i] = r;
	r->heap_at = i;
}

static void heap_up(struct udpdns *e, size_t i)
{
	struct ud_req *r = e->heap[i];

	while (i > 0 && e->heap[(i - 1) / 2]->due_us > r->due_us) {
		heap_set(e, i, e->heap[(i - 1) / 2]);
		i = (i - 1) / 2;
	}
	heap_set(e, i, r);
}

static void heap_down(struct udpdns *e, size_t i)
{
	struct ud_req *r = e->heap[i];

	for (;;) {
		size_t c = 2 * i + 1;

		if (c >= e->nheap)
			break;
		if (c + 1 < e->nheap && e->heap[c + 1]->due_us < e->heap[c]->due_us)
			c++;
		if (e->heap[c]->due_us >= r->due_us)
			break;
		heap_set(e, i, e->heap[c]);
		i = c;
	}
	heap_set(e, i, r);
}

static int heap_push(struct udpdns *e, struct ud_req *r)
{
	if (e->nheap == e->heapcap) {
		size_t cap = e->heapcap ? e->heapcap * 2 : 256;
		struct ud_req **h = realloc(e->heap, cap * sizeof *h);

		if (!h)
			return -1;
		e->heap = h;
		e->heapcap = cap;
	}
	e->heap[e->nheap++] = r;
	heap_up(e, e->nheap - 1);
	return 0;
}

static void heap_remove(struct udpdns *e, struct ud_req *r)
{
	size_t i = r->heap_at;
	struct ud_req *last = e->heap[--e->nheap];

	if (i == e->nheap)
		return;
	heap_set(e, i, last);
	heap_up(e, i);
	heap_down(e, last->heap_at);
}

/* r's due time changed. */
static void heap_fix(struct udpdns *e, struct ud_req *r)
{
	heap_up(e, r->heap_at);
	heap_down(e, r->heap_at);
}

static void timer_follow(struct udpdns *e)
{
	if (e->nheap == 0) {
		loop_timer_cancel(e->lp, &e->timer);
		return;
	}
	loop_timer_arm(e->lp, &e->timer, (e->heap[0]->due_us + 999) / 1000);
}

/* --- queries ------------------------------------------------------------ */

static void req_end(struct udpdns *e, struct ud_req *r, enum ud_status st,
                    const unsigned char *msg, size_t len)
{
	for (unsigned t = 0; t < r->tries; t++)
		if (e->byid[r->id[t]] == r)
			e->byid[r->id[t]] = NULL;
	heap_remove(e, r);
	if (r->prev)
		r->prev->next = r->next;
	else
		e->active = r->next;
	if (r->next)
		r->next->prev = r->prev;
	e->inflight--;
	r->cb(r->arg, st, msg, len);
	free(r);
}

/* A random number below bound.  The kernel's randomness, fetched a
 * batch at a time: glibc's arc4random costs a system call each. */
static uint32_t rnd_below(struct udpdns *e, uint32_t bound)
{
	if (e->rnd_left == 0) {
		if (getrandom(e->rnd, sizeof e->rnd, 0) != (ssize_t)sizeof e->rnd)
			arc4random_buf(e->rnd, sizeof e->rnd);
		e->rnd_left = sizeof e->rnd / sizeof e->rnd[0];
	}
	return (uint32_t)((uint64_t)e->rnd[--e->rnd_left] * bound >> 32);
}

/* A free message ID, drawn at random. */
static int id_take(struct udpdns *e, struct ud_req *r, uint16_t *id)
{
	uint32_t start = rnd_below(e, ID_SPACE);

	for (uint32_t i = 0; i < ID_SPACE; i++) {
		uint16_t c = (uint16_t)((start + i) % ID_SPACE);

		if (!e->byid[c]) {
			e->byid[c] = r;
			*id = c;
			return 0;
		}
	}
	return -1;
}

/* The server for try number t: round robin, skipping those that refused
 * while another has not. */
static size_t server_for(const struct udpdns *e, unsigned t)
{
	for (size_t k = 0; k < e->nsrv; k++) {
		size_t s = (t + k) % e->nsrv;

		if (!e->srv[s].refused)
			return s;
	}
	return t % e->nsrv;
}

/* When try t, sent now, is to be retried: its RTO plus jitter, never
 * past the deadline. */
static uint64_t retry_due(struct udpdns *e, const struct ud_req *r, uint64_t now)
{
	uint64_t rto = flow_rto_us(&e->flow, r->tries - 1), due;

	rto += rto * rnd_below(e, JITTER_PCT + 1) / 100;
	due = now + rto;
	if (r->tries >= UDPDNS_MAX_TRIES || due > r->deadline_us)
		due = r->deadline_us;
	return due;
}

/* Send one more try of r.  A send that fails for want of buffer space is
 * a lost packet: the retry timer deals with it. */
static void try_send(struct udpdns *e, struct ud_req *r, uint64_t now)
{
	unsigned char pkt[DNSMSG_QUERY_MAX];
	uint16_t id;
	size_t len, s;

	if (r->tries >= UDPDNS_MAX_TRIES || id_take(e, r, &id) < 0) {
		r->due_us = r->deadline_us;
		return;
	}
	s = server_for(e, r->tries);
	r->id[r->tries] = id;
	r->sent_us[r->tries] = now;
	r->server_of[r->tries] = (uint8_t)s;
	r->server = s;
	r->tries++;
	len = dnsmsg_query(pkt, sizeof pkt, id, r->qname, r->qtype);
	e->sent++;
	if (send(e->srv[s].fd, pkt, len, 0) < 0 && errno != EAGAIN && errno != EWOULDBLOCK &&
	    errno != ENOBUFS && errno != EINTR) {
		note_error(e, s, errno);
		if (errno == ECONNREFUSED)
			e->srv[s].refused = true;
	}
	r->due_us = retry_due(e, r, now);
}

/* Microseconds between first tries: the window spread over a round
 * trip, so that a window of queries never leaves in one burst that a
 * server's socket buffer drops (pacing, as in BBR).  0 on fast links. */
static uint64_t pace_interval(const struct udpdns *e)
{
	const struct flow *f = &e->flow;

	if (!f->measured || f->srtt_us < PACE_MIN_RTT_US)
		return 0;
	/* faster than the window while it grows, so that pacing does not
	 * hold back what slow start allows (BBR's startup gain) */
	return (uint64_t)(f->srtt_us / (flow_window(f) * (f->cwnd < f->ssthresh ? PACE_GAIN_START : PACE_GAIN)));
}

/* When the next first try may leave; takes its turn. */
static uint64_t pace_release(struct udpdns *e, uint64_t now)
{
	uint64_t iv = pace_interval(e), at;

	if (iv == 0)
		return now;
	/* a quiet spell lets a short burst leave at once, no more */
	if (e->pace_next_us + PACE_BURST * iv < now)
		e->pace_next_us = now - PACE_BURST * iv;
	at = e->pace_next_us;
	e->pace_next_us += iv;
	return at;
}

int udpdns_query(struct udpdns *e, const char *qname, unsigned qtype, udpdns_cb cb, void *arg)
{
	struct ud_req *r = calloc(1, sizeof *r);
	uint64_t now = now_us();
	unsigned char probe[DNSMSG_QUERY_MAX];

	if (!r)
		return -1;
	if (strlen(qname) >= sizeof r->qname ||
	    dnsmsg_query(probe, sizeof probe, 0, qname, qtype) == 0) {
		free(r);
		return -1;
	}
	memcpy(r->qname, qname, strlen(qname) + 1);
	r->qtype = qtype;
	r->cb = cb;
	r->arg = arg;
	r->deadline_us = now + (uint64_t)e->budget_ms * 1000u;
	r->due_us = r->deadline_us;
	if (heap_push(e, r) < 0) {
		free(r);
		return -1;
	}
	r->next = e->active;
	if (e->active)
		e->active->prev = r;
	e->active = r;
	e->inflight++;
	if (pace_release(e, now) <= now)
		try_send(e, r, now);
	else
		r->due_us = e->pace_next_us - pace_interval(e);   /* its turn */
	heap_fix(e, r);
	timer_follow(e);
	return 0;
}

/* The retransmission timer: retry or give up what is due. */
static void on_timer(void *arg)
{
	struct udpdns *e = arg;
	uint64_t now = now_us();

	while (e->nheap > 0 && e->heap[0]->due_us <= now + 500) {
		struct ud_req *r = e->heap[0];

		if (r->tries == 0) {          /* a paced first try: its turn */
			try_send(e, r, now);
			heap_fix(e, r);
			continue;
		}
		flow_loss(&e->flow, r->sent_us[r->tries - 1], now);
		if (r->due_us >= r->deadline_us) {
			req_end(e, r, UD_TIMEOUT, NULL, 0);
			continue;
		}
		try_send(e, r, now);
		heap_fix(e, r);
	}
	timer_follow(e);
}

/* True when some server has not refused. */
static bool any_listening(const struct udpdns *e)
{
	for (size_t s = 0; s < e->nsrv; s++)
		if (!e->srv[s].refused)
			return true;
	return false;
}

/* Every query whose last try went to server s: on to another server, or
 * ended as refused when none is left. */
static void server_refused(struct udpdns *e, size_t s)
{
	struct ud_req *r = e->active, *next;
	uint64_t now = now_us();

	e->srv[s].refused = true;
	note_error(e, s, ECONNREFUSED);
	for (; r; r = next) {
		next = r->next;
		if (r->server != s)
			continue;
		if (any_listening(e) && r->tries < UDPDNS_MAX_TRIES) {
			try_send(e, r, now);
			heap_fix(e, r);
		} else {
			req_end(e, r, UD_REFUSED, NULL, 0);
		}
	}
	timer_follow(e);
}

/* One datagram from server s. */
static void reply_take(struct udpdns *e, size_t s, const unsigned char *msg, size_t len)
{
	char qname[DNSMSG_NAME_MAX];
	struct ud_req *r;
	unsigned qtype, t, id;

	/* QR clear: not a reply (a reflected query, say); never an answer */
	if (len < 12 || !(msg[2] & 0x80))
		return;
	id = (unsigned)msg[0] << 8 | msg[1];
	r = e->byid[id];
	/* Only the server asked, about the question asked: anything else
	 * is a late answer to an ID used before, or forged. */
	if (!r || dnsmsg_question(msg, len, qname, &qtype) < 0 || qtype != r->qtype ||
	    strcasecmp(qname, r->qname) != 0)
		return;
	for (t = 0; t < r->tries && r->id[t] != id; t++)
		;
	/* An answer to a try counts only from the server that try went to. */
	if (t == r->tries || r->server_of[t] != s)
		return;
	e->srv[s].refused = false;
	flow_answer(&e->flow, r->sent_us[t], now_us());
	req_end(e, r, msg[2] & 0x02 ? UD_TRUNCATED : UD_REPLY, msg, len);
}

static void on_io(void *arg, int fd, bool readable, bool writable)
{
	struct udpdns *e = arg;
	size_t s;

	(void)writable;
	if (!readable)
		return;
	for (s = 0; s < e->nsrv && e->srv[s].fd != fd; s++)
		;
	if (s == e->nsrv)
		return;
	for (;;) {
		ssize_t n = recv(fd, e->buf, sizeof e->buf, 0);

		if (n >= 0) {
			reply_take(e, s, e->buf, (size_t)n);
			continue;
		}
		if (errno == EINTR)
			continue;
		if (errno == ECONNREFUSED)
			server_refused(e, s);
		else if (errno != EAGAIN && errno != EWOULDBLOCK)
			note_error(e, s, errno);
		break;
	}
	timer_follow(e);
}

static int server_open(struct udpdns *e, size_t s, char *err, size_t errlen)
{
	struct ud_server *v = &e->srv[s];
	socklen_t alen = v->addr.ss_family == AF_INET6 ? sizeof(struct sockaddr_in6) :
	                 sizeof(struct sockaddr_in);
	int rcv = RCVBUF_BYTES;
	char where[64];

	v->fd = socket(v->addr.ss_family, SOCK_DGRAM | SOCK_NONBLOCK | SOCK_CLOEXEC, 0);
	/* connect(): the kernel drops datagrams from anyone else and reports
	 * "port unreachable" to us as ECONNREFUSED. */
	if (v->fd < 0 || connect(v->fd, (const struct sockaddr *)&v->addr, alen) < 0) {
		udpdns_addr_text(&v->addr, where, sizeof where);
		snprintf(err, errlen, "cannot use resolver %s: %s", where, strerror(errno));
		return -1;
	}
	setsockopt(v->fd, SOL_SOCKET, SO_RCVBUF, &rcv, sizeof rcv);
	if (loop_io(e->lp, v->fd, true, false, on_io, e) < 0) {
		snprintf(err, errlen, "out of memory");
		return -1;
	}
	return 0;
}

struct udpdns *udpdns_new(struct loop *lp, const struct udpdns_config *cfg, char *err,
                          size_t errlen)
{
	struct udpdns *e = calloc(1, sizeof *e);

	if (!e || !(e->byid = calloc(ID_SPACE, sizeof *e->byid))) {
		free(e);
		snprintf(err, errlen, "out of memory");
		return NULL;
	}
	e->lp = lp;
	e->budget_ms = cfg->budget_ms ? cfg->budget_ms : 1;
	e->timer = (struct loop_timer){ .fn = on_timer, .arg = e };
	flow_init(&e->flow, cfg->max_window, cfg->try_max_ms);
	for (size_t s = 0; s < cfg->nservers && s < UDPDNS_MAX_SERVERS; s++) {
		e->srv[s].addr = cfg->servers[s];
		e->srv[s].fd = -1;
		e->nsrv++;
		if (server_open(e, s, err, errlen) < 0) {
			udpdns_free(e);
			return NULL;
		}
	}
	if (e->nsrv == 0) {
		snprintf(err, errlen, "no resolver to ask");
		udpdns_free(e);
		return NULL;
	}
	return e;
}

unsigned udpdns_inflight(const struct udpdns *e)
{
	return e->inflight;
}

unsigned udpdns_window(const struct udpdns *e)
{
	return flow_window(&e->flow);
}

const struct flow *udpdns_flow(const struct udpdns *e)
{
	return &e->flow;
}

unsigned long udpdns_sent(const struct udpdns *e)
{
	return e->sent;
}

const char *udpdns_last_error(const struct udpdns *e)
{
	return e->last_error;
}

void udpdns_free(struct udpdns *e)
{
	if (!e)
		return;
	while (e->active)
		req_end(e, e->active, UD_CANCELLED, NULL, 0);
	loop_timer_cancel(e->lp, &e->timer);
	for (size_t s = 0; s < e->nsrv; s++) {
		if (e->srv[s].fd >= 0) {
			loop_io(e->lp, e->srv[s].fd, false, false, NULL, NULL);
			close(e->srv[s].fd);
		}
	}
	free(e->heap);
	free(e->byid);
	free(e);
}
