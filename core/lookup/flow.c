/* Round trips and the congestion window.  The numbers follow RFC 6298
 * (alpha 1/8, beta 1/4, RTO = SRTT + 4 RTTVAR, at least 1.5 SRTT) and
 * RFC 5681 (slow start
 * to ssthresh, then one more query per window of answers). */
#include "core/lookup/flow.h"

void flow_init(struct flow *f, unsigned max_window, unsigned rto_max_ms)
{
	*f = (struct flow){ 0 };
	f->max_window = max_window ? max_window : FLOW_WINDOW_DEFAULT_MAX;
	f->cwnd = FLOW_WINDOW_INITIAL < f->max_window ? FLOW_WINDOW_INITIAL : f->max_window;
	f->ssthresh = f->max_window;
	f->rto_max_us = rto_max_ms * 1000u;
	if (f->rto_max_us < FLOW_RTO_MIN_US)
		f->rto_max_us = FLOW_RTO_MIN_US;
}

static void measure(struct flow *f, double rtt)
{
	if (!f->measured) {
		f->srtt_us = rtt;
		f->rttvar_us = rtt / 2;
		f->measured = true;
		return;
	}
	f->rttvar_us += ((rtt > f->srtt_us ? rtt - f->srtt_us : f->srtt_us - rtt) -
	                 f->rttvar_us) / 4;
	f->srtt_us += (rtt - f->srtt_us) / 8;
}

void flow_answer(struct flow *f, uint64_t sent_us, uint64_t now_us)
{
	measure(f, now_us > sent_us ? (double)(now_us - sent_us) : 1);
	if (f->cwnd < f->ssthresh)
		f->cwnd += 1;               /* slow start: doubles each round trip */
	else
		f->cwnd += 1 / f->cwnd;     /* congestion avoidance */
	if (f->cwnd > f->max_window)
		f->cwnd = f->max_window;
}

void flow_loss(struct flow *f, uint64_t sent_us, uint64_t now_us)
{
	f->losses++;
	/* Every query of a burst that was lost together times out within a
	 * round trip of the others: one cut for all of them. */
	if (sent_us < f->recovery_until_us)
		return;
	f->cuts++;
	f->ssthresh = f->cwnd * FLOW_CUT > FLOW_WINDOW_MIN ? f->cwnd * FLOW_CUT : FLOW_WINDOW_MIN;
	f->cwnd = f->ssthresh;
	f->recovery_until_us = now_us;
}

unsigned flow_window(const struct flow *f)
{
	unsigned w = (unsigned)f->cwnd;

	if (w < FLOW_WINDOW_MIN)
		w = FLOW_WINDOW_MIN;
	return w < f->max_window ? w : f->max_window;
}

unsigned flow_rto_us(const struct flow *f, unsigned attempt)
{
	double var = 4 * f->rttvar_us > f->srtt_us / 2 ? 4 * f->rttvar_us : f->srtt_us / 2;
	/* RFC 6298 adds max(G, 4 RTTVAR); on a steady link the variance goes
	 * to nothing, and a reply a little slower than the mean must not
	 * count as lost: half a round trip is the least margin. */
	double rto = f->measured ? f->srtt_us + var : FLOW_RTO_INITIAL_US;

	for (unsigned i = 0; i < attempt && rto < f->rto_max_us; i++)
		rto *= 1.5;
	if (rto < FLOW_RTO_MIN_US)
		rto = FLOW_RTO_MIN_US;
	if (rto > f->rto_max_us)
		rto = f->rto_max_us;
	return (unsigned)rto;
}
