/* Unit tests for core/lookup/udpdns.c against a UDP server in this process, on
 * 127.0.0.1, driven by the same loop: retries spread out, the window
 * shrinks on loss, late and forged replies, a closed port. */
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <setjmp.h>
#include <arpa/inet.h>
#include <netinet/in.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/socket.h>
#include <unistd.h>
#include <cmocka.h>

#include "core/lookup/dnsmsg.h"
#include "core/base/loop.h"
#include "core/lookup/udpdns.h"

#define NQ 20
#define MAX_SEEN 400

enum mode { DROP_ALL, ANSWER_SECOND_TRY_LATE, FORGE_THEN_ANSWER, ANSWER_EVERY_50MS };

struct server {
	int fd;
	uint16_t port;
	enum mode mode;
	size_t nseen;
	struct { uint64_t at; uint16_t id; char qname[DNSMSG_NAME_MAX]; } seen[MAX_SEEN];
	struct sockaddr_in peer;
	unsigned char held[512];   /* a query whose answer is sent later */
	size_t held_len;
	struct loop *lp;
	struct loop_timer batch;   /* ANSWER_EVERY_50MS: when it next reads */
};

struct result {
	int calls;
	enum ud_status st;
	unsigned char rcode;
};

struct fx {
	struct loop *lp;
	struct server srv;
	struct result res[NQ];
};

/* A reply to query q (len bytes): NOERROR, the question, no answer. */
static size_t reply_of(const unsigned char *q, size_t len, unsigned char *out, int xor_id)
{
	memcpy(out, q, len);
	out[0] ^= (unsigned char)xor_id;
	out[2] = 0x81;  /* QR, RD */
	out[3] = 0x80;  /* RA, NOERROR */
	return len;
}

static void on_server(void *arg, int fd, bool readable, bool writable)
{
	struct server *s = arg;
	unsigned char q[512], r[512];
	socklen_t pl = sizeof s->peer;
	unsigned qtype;
	ssize_t n;

	(void)writable;
	if (!readable)
		return;
	while ((n = recvfrom(fd, q, sizeof q, MSG_DONTWAIT, (struct sockaddr *)&s->peer, &pl)) > 0) {
		size_t i = s->nseen;

		if (i < MAX_SEEN) {
			s->seen[i].at = loop_now();
			s->seen[i].id = (uint16_t)(q[0] << 8 | q[1]);
			assert_int_equal(dnsmsg_question(q, (size_t)n, s->seen[i].qname, &qtype), 0);
			s->nseen++;
		}
		if (s->mode == ANSWER_SECOND_TRY_LATE) {
			/* hold the first try; at the second, answer the first */
			if (!s->held_len) {
				memcpy(s->held, q, (size_t)n);
				s->held_len = (size_t)n;
			} else {
				size_t l = reply_of(s->held, s->held_len, r, 0);

				sendto(fd, r, l, 0, (struct sockaddr *)&s->peer, pl);
			}
		} else if (s->mode == ANSWER_EVERY_50MS) {
			size_t l = reply_of(q, (size_t)n, r, 0);

			sendto(fd, r, l, 0, (struct sockaddr *)&s->peer, pl);
		} else if (s->mode == FORGE_THEN_ANSWER) {
			size_t l = reply_of(q, (size_t)n, r, 0x5a);   /* another ID */

			sendto(fd, r, l, 0, (struct sockaddr *)&s->peer, pl);
			l = reply_of(q, (size_t)n, r, 0);
			r[13] ^= 1;                                   /* another question */
			sendto(fd, r, l, 0, (struct sockaddr *)&s->peer, pl);
			l = reply_of(q, (size_t)n, r, 0);
			sendto(fd, r, l, 0, (struct sockaddr *)&s->peer, pl);
		}
	}
}

/* ANSWER_EVERY_50MS: the queries waiting are read, and answered, in
 * batches: a round trip of about 25 ms, slow enough to be paced, and
 * slow enough that queuing 136 queries takes far less than their pacing
 * even in a sanitizer build. */
static void on_batch(void *arg)
{
	struct server *s = arg;

	on_server(s, s->fd, true, false);
	loop_timer_arm(s->lp, &s->batch, loop_now() + 50);
}

static int setup(void **state)
{
	struct fx *f = calloc(1, sizeof *f);
	struct sockaddr_in a = { .sin_family = AF_INET };
	socklen_t al = sizeof a;

	if (!f || !(f->lp = loop_new()))
		return -1;
	a.sin_addr.s_addr = htonl(INADDR_LOOPBACK);
	f->srv.fd = socket(AF_INET, SOCK_DGRAM, 0);
	if (f->srv.fd < 0 || bind(f->srv.fd, (struct sockaddr *)&a, sizeof a) < 0 ||
	    getsockname(f->srv.fd, (struct sockaddr *)&a, &al) < 0)
		return -1;
	f->srv.port = ntohs(a.sin_port);
	f->srv.lp = f->lp;
	f->srv.batch = (struct loop_timer){ .fn = on_batch, .arg = &f->srv };
	loop_io(f->lp, f->srv.fd, true, false, on_server, &f->srv);
	*state = f;
	return 0;
}

static int teardown(void **state)
{
	struct fx *f = *state;

	loop_io(f->lp, f->srv.fd, false, false, NULL, NULL);
	loop_timer_cancel(f->lp, &f->srv.batch);
	close(f->srv.fd);
	loop_free(f->lp);
	free(f);
	return 0;
}

static void on_result(void *arg, enum ud_status st, const unsigned char *msg, size_t len)
{
	struct result *r = arg;

	r->calls++;
	r->st = st;
	r->rcode = msg && len > 3 ? msg[3] & 0x0f : 0xff;
}

static struct udpdns *engine(struct fx *f, uint16_t port, unsigned try_ms, unsigned budget_ms)
{
	struct udpdns_config c = { .nservers = 1, .try_max_ms = try_ms, .budget_ms = budget_ms };
	struct sockaddr_in *a = (struct sockaddr_in *)&c.servers[0];
	char err[256];
	struct udpdns *e;

	a->sin_family = AF_INET;
	a->sin_port = htons(port);
	a->sin_addr.s_addr = htonl(INADDR_LOOPBACK);
	e = udpdns_new(f->lp, &c, err, sizeof err);
	if (!e)
		fail_msg("%s", err);
	return e;
}

static void run_until_done(struct fx *f, struct udpdns *e, unsigned max_ms)
{
	uint64_t end = loop_now() + max_ms;

	while (udpdns_inflight(e) > 0 && loop_now() < end)
		loop_run_once(f->lp, 50);
}

/* The tries of each query leave at different times: no burst of
 * retransmissions, and each query is asked more than once. */
static void retries_are_spread_and_the_window_shrinks(void **state)
{
	struct fx *f = *state;
	struct udpdns *e = engine(f, f->srv.port, 100, 600);
	uint64_t first[NQ] = { 0 }, second[NQ] = { 0 }, lo = UINT64_MAX, hi = 0;
	char name[64];

	f->srv.mode = DROP_ALL;
	for (int i = 0; i < NQ; i++) {
		snprintf(name, sizeof name, "%d.2.0.192.bl.example", i);
		assert_int_equal(udpdns_query(e, name, DNS_T_A, on_result, &f->res[i]), 0);
	}
	assert_int_equal(f->res[0].calls, 0);   /* never before query returns */
	run_until_done(f, e, 3000);
	for (int i = 0; i < NQ; i++) {
		assert_int_equal(f->res[i].calls, 1);
		assert_int_equal(f->res[i].st, UD_TIMEOUT);
	}
	for (size_t k = 0; k < f->srv.nseen; k++) {
		int i = atoi(f->srv.seen[k].qname);

		if (!first[i])
			first[i] = f->srv.seen[k].at;
		else if (!second[i])
			second[i] = f->srv.seen[k].at;
	}
	for (int i = 0; i < NQ; i++) {
		uint64_t gap;

		assert_true(second[i] > 0);   /* retried */
		gap = second[i] - first[i];
		/* 100 ms, plus up to 25%, as the server reads them: a busy
		 * machine may read the first try late (a shorter gap) or the
		 * second (a longer one) */
		assert_in_range(gap, 90, 175);
		lo = gap < lo ? gap : lo;
		hi = gap > hi ? gap : hi;
	}
	assert_true(hi - lo >= 5);   /* jitter: not one burst */
	assert_true(f->srv.nseen > 2 * NQ && f->srv.nseen <= NQ * UDPDNS_MAX_TRIES);
	/* every try had its own ID */
	for (size_t a = 0; a < f->srv.nseen; a++)
		for (size_t b = a + 1; b < f->srv.nseen; b++)
			if (!strcmp(f->srv.seen[a].qname, f->srv.seen[b].qname))
				assert_int_not_equal(f->srv.seen[a].id, f->srv.seen[b].id);
	/* loss: the window is smaller than where it started */
	assert_true(udpdns_window(e) < FLOW_WINDOW_INITIAL);
	assert_true(udpdns_flow(e)->cuts >= 1);
	udpdns_free(e);
}

/* The answer to the first try, arriving after the second try left,
 * still ends the query. */
static void a_late_answer_to_an_earlier_try_counts(void **state)
{
	struct fx *f = *state;
	struct udpdns *e = engine(f, f->srv.port, 50, 2000);

	f->srv.mode = ANSWER_SECOND_TRY_LATE;
	assert_int_equal(udpdns_query(e, "7.2.0.192.bl.example", DNS_T_A, on_result, &f->res[0]), 0);
	run_until_done(f, e, 3000);
	assert_int_equal(f->res[0].calls, 1);
	assert_int_equal(f->res[0].st, UD_REPLY);
	assert_int_equal(f->srv.nseen, 2);
	udpdns_free(e);
}

/* Replies under another ID or for another question are not answers. */
static void forged_replies_are_ignored(void **state)
{
	struct fx *f = *state;
	struct udpdns *e = engine(f, f->srv.port, 200, 1000);

	f->srv.mode = FORGE_THEN_ANSWER;
	assert_int_equal(udpdns_query(e, "9.2.0.192.bl.example", DNS_T_A, on_result, &f->res[0]), 0);
	run_until_done(f, e, 2000);
	assert_int_equal(f->res[0].calls, 1);
	assert_int_equal(f->res[0].st, UD_REPLY);
	assert_int_equal(f->res[0].rcode, 0);
	assert_int_equal(f->srv.nseen, 1);
	udpdns_free(e);
}

/* Over a link slower than 2 ms, a window of first tries leaves spread
 * over the round trip, not in one burst a server's buffer would drop. */
static void first_tries_are_paced_on_slow_links(void **state)
{
	struct fx *f = *state;
	struct udpdns *e = engine(f, f->srv.port, 2000, 8000);
	static struct result res[200];
	unsigned long before;
	char name[64];

	f->srv.mode = ANSWER_EVERY_50MS;
	loop_io(f->lp, f->srv.fd, false, false, NULL, NULL);   /* read by the timer only */
	loop_timer_arm(f->lp, &f->srv.batch, loop_now() + 50);
	for (int i = 0; i < 64; i++) {
		snprintf(name, sizeof name, "%d.1.0.192.bl.example", i);
		assert_int_equal(udpdns_query(e, name, DNS_T_A, on_result, &res[i]), 0);
	}
	run_until_done(f, e, 5000);
	assert_true(udpdns_flow(e)->srtt_us >= 2000);
	/* 136 more at once: the window allows them, pacing spreads them */
	before = udpdns_sent(e);
	for (int i = 64; i < 200; i++) {
		snprintf(name, sizeof name, "%d.2.0.192.bl.example", i);
		assert_int_equal(udpdns_query(e, name, DNS_T_A, on_result, &res[i]), 0);
	}
	assert_true(udpdns_sent(e) - before <= 2 * 16);   /* a short burst, no more */
	run_until_done(f, e, 5000);
	for (int i = 0; i < 200; i++)
		assert_int_equal(res[i].st, UD_REPLY);
	assert_int_equal(udpdns_flow(e)->losses, 0);
	udpdns_free(e);
}

/* Nothing listens: refused at once, and said so. */
static void a_closed_port_is_refused(void **state)
{
	struct fx *f = *state;
	int fd = socket(AF_INET, SOCK_DGRAM, 0);
	struct sockaddr_in a = { .sin_family = AF_INET };
	socklen_t al = sizeof a;
	uint16_t port;
	struct udpdns *e;
	uint64_t t0;

	a.sin_addr.s_addr = htonl(INADDR_LOOPBACK);
	assert_int_equal(bind(fd, (struct sockaddr *)&a, sizeof a), 0);
	assert_int_equal(getsockname(fd, (struct sockaddr *)&a, &al), 0);
	port = ntohs(a.sin_port);
	close(fd);   /* the port is free now: nothing listens on it */
	e = engine(f, port, 2000, 10000);
	t0 = loop_now();
	for (int i = 0; i < 4; i++)
		assert_int_equal(udpdns_query(e, "1.2.0.192.bl.example", DNS_T_A, on_result,
		                              &f->res[i]), 0);
	run_until_done(f, e, 5000);
	for (int i = 0; i < 4; i++)
		assert_int_equal(f->res[i].st, UD_REFUSED);
	assert_true(loop_now() - t0 < 2000);   /* not after the budget */
	assert_non_null(strstr(udpdns_last_error(e), "connection refused"));
	udpdns_free(e);
}

static void freeing_cancels_what_is_in_flight(void **state)
{
	struct fx *f = *state;
	struct udpdns *e = engine(f, f->srv.port, 200, 1000);

	f->srv.mode = DROP_ALL;
	assert_int_equal(udpdns_query(e, "3.2.0.192.bl.example", DNS_T_A, on_result, &f->res[0]), 0);
	assert_int_equal(udpdns_query(e, "bad..name", DNS_T_A, on_result, &f->res[1]), -1);
	udpdns_free(e);
	assert_int_equal(f->res[0].calls, 1);
	assert_int_equal(f->res[0].st, UD_CANCELLED);
	assert_int_equal(f->res[1].calls, 0);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test_setup_teardown(retries_are_spread_and_the_window_shrinks, setup,
		                                teardown),
		cmocka_unit_test_setup_teardown(a_late_answer_to_an_earlier_try_counts, setup, teardown),
		cmocka_unit_test_setup_teardown(forged_replies_are_ignored, setup, teardown),
		cmocka_unit_test_setup_teardown(first_tries_are_paced_on_slow_links, setup, teardown),
		cmocka_unit_test_setup_teardown(a_closed_port_is_refused, setup, teardown),
		cmocka_unit_test_setup_teardown(freeing_cancels_what_is_in_flight, setup, teardown),
	};

	return cmocka_run_group_tests(tests, NULL, NULL);
}
