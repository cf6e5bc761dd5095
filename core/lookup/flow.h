/* How fast to ask: the round-trip estimate that times retransmissions
 * (RFC 6298: smoothed RTT and its variance, with a floor and a ceiling)
 * and the congestion window that bounds the queries in flight (slow
 * start, then additive increase, cut on loss, at most once per round
 * trip: the AIMD of TCP, RFC 5681, with CUBIC's gentler cut). */
#ifndef RBLSCOPE_FLOW_H
#define RBLSCOPE_FLOW_H

#include <stdbool.h>
#include <stdint.h>

#define FLOW_RTO_MIN_US 20000u       /* 20 ms: loopback answers in far less */
#define FLOW_RTO_INITIAL_US 400000u  /* before the first measurement */
#define FLOW_WINDOW_INITIAL 128u
/* Never fewer in flight than this: a link that loses queries at random
 * (not for congestion) would otherwise be left with a handful. */
#define FLOW_WINDOW_MIN 32u
/* A loss leaves this share of the window (CUBIC's beta, RFC 8312): a
 * half, as in Reno, collapses a lossy link's window round after round. */
#define FLOW_CUT 0.7
#define FLOW_WINDOW_DEFAULT_MAX 1024u

struct flow {
	double srtt_us, rttvar_us;
	bool measured;
	unsigned rto_max_us;       /* a try never waits longer than this */
	double cwnd, ssthresh;
	unsigned max_window;
	uint64_t recovery_until_us;  /* losses of queries sent before this
	                              * belong to a cut already made */
	unsigned long losses, cuts;
};

/* Start with the initial window, growing to max_window at most, and
 * tries that wait rto_max_ms at most. */
void flow_init(struct flow *f, unsigned max_window, unsigned rto_max_ms);

/* An answer to a try sent at sent_us came at now_us: measure, and grow
 * the window. */
void flow_answer(struct flow *f, uint64_t sent_us, uint64_t now_us);

/* A try sent at sent_us went unanswered for its whole timeout. */
void flow_loss(struct flow *f, uint64_t sent_us, uint64_t now_us);

/* Queries that may be in flight now. */
unsigned flow_window(const struct flow *f);

/* How long try number attempt (0 the first) waits for its answer, before
 * jitter: the RTO, backed off by half for each earlier try, within the
 * floor and the ceiling. */
unsigned flow_rto_us(const struct flow *f, unsigned attempt);

#endif
