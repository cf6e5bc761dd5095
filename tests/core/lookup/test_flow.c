/* Unit tests for core/lookup/flow.c: the round-trip estimate (RFC 6298) and the
 * congestion window (slow start, AIMD, one cut per round trip). */
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <setjmp.h>
#include <cmocka.h>

#include "core/lookup/flow.h"

static void starts_modestly_and_grows_to_its_cap(void **state)
{
	struct flow f;
	uint64_t t = 1000000;

	(void)state;
	flow_init(&f, 0, 2000);
	assert_int_equal(flow_window(&f), FLOW_WINDOW_INITIAL);
	/* slow start: one more per answer, so a window of answers doubles it */
	for (unsigned i = 0; i < FLOW_WINDOW_INITIAL; i++)
		flow_answer(&f, t, t + 1000);
	assert_int_equal(flow_window(&f), 2 * FLOW_WINDOW_INITIAL);
	for (unsigned i = 0; i < 100000; i++)
		flow_answer(&f, t, t + 1000);
	assert_int_equal(flow_window(&f), FLOW_WINDOW_DEFAULT_MAX);

	/* the user's --window is the ceiling, even below the start */
	flow_init(&f, 10, 2000);
	assert_int_equal(flow_window(&f), 10);
	for (unsigned i = 0; i < 1000; i++)
		flow_answer(&f, t, t + 1000);
	assert_int_equal(flow_window(&f), 10);
	flow_init(&f, 1, 2000);
	assert_int_equal(flow_window(&f), 1);
}

static void loss_halves_once_per_round_trip(void **state)
{
	struct flow f;
	uint64_t t = 1000000;
	unsigned before;

	(void)state;
	flow_init(&f, 0, 2000);
	for (unsigned i = 0; i < 200; i++)
		flow_answer(&f, t, t + 40000);
	before = flow_window(&f);
	/* a burst of losses, all sent before the first loss was seen */
	for (unsigned i = 0; i < 50; i++)
		flow_loss(&f, t + 100 + i, t + 200000 + i);
	assert_int_equal(flow_window(&f), (unsigned)(before * FLOW_CUT));
	assert_int_equal(f.cuts, 1);
	assert_int_equal(f.losses, 50);
	/* a loss of a query sent after the cut is news: cut again */
	flow_loss(&f, t + 300000, t + 500000);
	assert_int_equal(flow_window(&f), (unsigned)((unsigned)(before * FLOW_CUT) * FLOW_CUT));
	/* never below the floor */
	for (unsigned i = 0; i < 40; i++)
		flow_loss(&f, t + 600000 + i * 100000, t + 600000 + i * 100000 + 50000);
	assert_int_equal(flow_window(&f), FLOW_WINDOW_MIN);
	/* after a cut, growth is additive: about one per window of answers */
	before = flow_window(&f);
	for (unsigned i = 0; i < 2 * before; i++)
		flow_answer(&f, t, t + 40000);
	assert_int_equal(flow_window(&f), before + 1);
}

static void rto_follows_the_round_trip(void **state)
{
	struct flow f;
	uint64_t t = 1000000;

	(void)state;
	flow_init(&f, 0, 2000);
	assert_int_equal(flow_rto_us(&f, 0), FLOW_RTO_INITIAL_US);
	/* a steady 40 ms: SRTT 40 ms, RTTVAR shrinking towards 0, and half
	 * a round trip of margin */
	for (unsigned i = 0; i < 100; i++)
		flow_answer(&f, t, t + 40000);
	assert_int_equal(flow_rto_us(&f, 0), 60000);
	/* each later try waits half as long again, up to the ceiling */
	assert_int_equal(flow_rto_us(&f, 1), 90000);
	assert_int_equal(flow_rto_us(&f, 2), 135000);
	assert_int_equal(flow_rto_us(&f, 30), 2000000);
	/* loopback: the floor, not 0.1 ms */
	flow_init(&f, 0, 2000);
	for (unsigned i = 0; i < 100; i++)
		flow_answer(&f, t, t + 100);
	assert_int_equal(flow_rto_us(&f, 0), FLOW_RTO_MIN_US);
	/* a jittery link: the variance widens the timeout */
	flow_init(&f, 0, 2000);
	for (unsigned i = 0; i < 100; i++)
		flow_answer(&f, t, t + (i % 2 ? 20000 : 100000));
	assert_true(flow_rto_us(&f, 0) > 100000);
	/* a ceiling below the floor is raised to it */
	flow_init(&f, 0, 1);
	assert_int_equal(flow_rto_us(&f, 5), FLOW_RTO_MIN_US);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(starts_modestly_and_grows_to_its_cap),
		cmocka_unit_test(loss_halves_once_per_round_trip),
		cmocka_unit_test(rto_follows_the_round_trip),
	};

	return cmocka_run_group_tests(tests, NULL, NULL);
}
