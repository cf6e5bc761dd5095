/* Unit tests for core/base/loop.c: timers in due order, cancelling and
 * re-arming (also from inside callbacks), fd callbacks on pipes, watches
 * removed from inside callbacks, and EINTR. */
#include <stdarg.h>
#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>
#include <setjmp.h>
#include <signal.h>
#include <string.h>
#include <sys/time.h>
#include <unistd.h>
#include <cmocka.h>

#include "core/base/loop.h"

/* What a test timer saw: when and how often it fired, and an optional
 * action to take from inside its callback. */
struct probe {
	struct loop *lp;
	struct loop_timer t;
	int id;
	int fired;
	uint64_t fired_at;
	int *order;          /* ids appended here as they fire */
	size_t *norder;
	/* actions */
	struct loop_timer *cancel;   /* cancel this timer */
	struct loop_timer *rearm;    /* re-arm this timer ... */
	uint64_t rearm_at;           /* ... for this time */
	int self_rearms;             /* re-arm itself this many more times */
};

static void probe_fire(void *arg)
{
	struct probe *p = arg;

	p->fired++;
	p->fired_at = loop_now();
	if (p->order)
		p->order[(*p->norder)++] = p->id;
	if (p->cancel)
		loop_timer_cancel(p->lp, p->cancel);
	if (p->rearm)
		loop_timer_arm(p->lp, p->rearm, p->rearm_at);
	if (p->self_rearms > 0) {
		p->self_rearms--;
		loop_timer_arm(p->lp, &p->t, loop_now() + 2);
	}
}

static void probe_init(struct probe *p, struct loop *lp, int id)
{
	memset(p, 0, sizeof *p);
	p->lp = lp;
	p->id = id;
	p->t.fn = probe_fire;
	p->t.arg = p;
}

/* Run the loop until ms have passed. */
static void run_for(struct loop *lp, uint64_t ms)
{
	uint64_t end = loop_now() + ms;

	for (uint64_t now = loop_now(); now < end; now = loop_now())
		loop_run_once(lp, (int)(end - now));
}

static int setup(void **state)
{
	*state = loop_new();
	return *state ? 0 : -1;
}

static int teardown(void **state)
{
	loop_free(*state);
	return 0;
}

static void now_is_monotonic(void **state)
{
	uint64_t a = loop_now(), b;

	(void)state;
	usleep(20000);
	b = loop_now();
	assert_true(b >= a + 15);
	assert_true(b < a + 5000);
}

static void timers_fire_in_due_order(void **state)
{
	struct loop *lp = *state;
	static const uint64_t delay[] = { 40, 10, 30, 20, 50, 5 };
	enum { N = sizeof delay / sizeof delay[0] };
	struct probe p[N];
	int order[N * 2];
	size_t norder = 0;
	uint64_t t0 = loop_now(), due[N];

	for (int i = 0; i < N; i++) {
		probe_init(&p[i], lp, i);
		p[i].order = order;
		p[i].norder = &norder;
		due[i] = t0 + delay[i];
		loop_timer_arm(lp, &p[i].t, due[i]);
		assert_true(p[i].t.armed);
	}
	run_for(lp, 120);
	assert_int_equal(norder, N);
	/* ids sorted by their delays: 5 10 20 30 40 50 */
	assert_int_equal(order[0], 5);
	assert_int_equal(order[1], 1);
	assert_int_equal(order[2], 3);
	assert_int_equal(order[3], 2);
	assert_int_equal(order[4], 0);
	assert_int_equal(order[5], 4);
	for (int i = 0; i < N; i++) {
		assert_int_equal(p[i].fired, 1);
		assert_true(p[i].fired_at >= due[i]);   /* never early */
		assert_false(p[i].t.armed);
	}
}

static void overdue_timers_fire_at_once(void **state)
{
	struct loop *lp = *state;
	struct probe p;
	uint64_t t0 = loop_now();

	probe_init(&p, lp, 1);
	loop_timer_arm(lp, &p.t, t0 > 100 ? t0 - 100 : 0);
	/* a timer in the past is due now: no waiting for max_wait_ms */
	assert_int_equal(loop_run_once(lp, 5000), 1);
	assert_int_equal(p.fired, 1);
	assert_true(loop_now() - t0 < 1000);
}

static void run_once_times_out(void **state)
{
	struct loop *lp = *state;
	uint64_t t0 = loop_now();

	assert_int_equal(loop_run_once(lp, 30), 0);
	assert_true(loop_now() - t0 >= 25);
}

static void run_once_waits_for_the_next_timer(void **state)
{
	struct loop *lp = *state;
	struct probe p;
	uint64_t t0 = loop_now();

	probe_init(&p, lp, 1);
	loop_timer_arm(lp, &p.t, t0 + 30);
	/* no limit: the timer decides how long the wait is */
	while (!p.fired)
		assert_true(loop_run_once(lp, -1) >= 0);
	assert_true(p.fired_at >= t0 + 30);
	assert_true(p.fired_at - t0 < 2000);
}

static void cancel_works(void **state)
{
	struct loop *lp = *state;
	struct probe a, b, c;
	uint64_t t0 = loop_now();

	probe_init(&a, lp, 1);
	probe_init(&b, lp, 2);
	probe_init(&c, lp, 3);
	/* cancelling a timer never armed does nothing */
	loop_timer_cancel(lp, &c.t);
	loop_timer_arm(lp, &a.t, t0 + 10);
	loop_timer_arm(lp, &b.t, t0 + 20);
	loop_timer_arm(lp, &c.t, t0 + 30);
	loop_timer_cancel(lp, &b.t);
	assert_false(b.t.armed);
	loop_timer_cancel(lp, &b.t);   /* twice is harmless */
	run_for(lp, 60);
	assert_int_equal(a.fired, 1);
	assert_int_equal(b.fired, 0);
	assert_int_equal(c.fired, 1);

	/* the head of the list, cancelled */
	loop_timer_arm(lp, &a.t, loop_now() + 5);
	loop_timer_arm(lp, &b.t, loop_now() + 10);
	loop_timer_cancel(lp, &a.t);
	run_for(lp, 30);
	assert_int_equal(a.fired, 1);
	assert_int_equal(b.fired, 1);
}

static void rearm_moves_a_timer(void **state)
{
	struct loop *lp = *state;
	struct probe a, b;
	uint64_t t0 = loop_now();

	probe_init(&a, lp, 1);
	probe_init(&b, lp, 2);
	loop_timer_arm(lp, &a.t, t0 + 500);
	loop_timer_arm(lp, &b.t, t0 + 40);
	/* earlier than it was: fires once, at the new time */
	loop_timer_arm(lp, &a.t, t0 + 10);
	run_for(lp, 80);
	assert_int_equal(a.fired, 1);
	assert_true(a.fired_at >= t0 + 10 && a.fired_at < t0 + 500);
	assert_int_equal(b.fired, 1);
	/* later than it was: not at the old time */
	loop_timer_arm(lp, &a.t, loop_now() + 10);
	loop_timer_arm(lp, &a.t, loop_now() + 200);
	run_for(lp, 60);
	assert_int_equal(a.fired, 1);
	loop_timer_cancel(lp, &a.t);
}

static void rearm_itself_from_its_callback(void **state)
{
	struct loop *lp = *state;
	struct probe a;

	probe_init(&a, lp, 1);
	a.self_rearms = 3;
	loop_timer_arm(lp, &a.t, loop_now() + 2);
	run_for(lp, 100);
	assert_int_equal(a.fired, 4);
	assert_false(a.t.armed);
}

static void cancel_from_a_callback_of_the_same_round(void **state)
{
	struct loop *lp = *state;
	struct probe a, b, c;
	uint64_t t0 = loop_now();

	probe_init(&a, lp, 1);
	probe_init(&b, lp, 2);
	probe_init(&c, lp, 3);
	/* all three are overdue, so one round fires them; a cancels b */
	a.cancel = &b.t;
	loop_timer_arm(lp, &a.t, t0 - 3);
	loop_timer_arm(lp, &b.t, t0 - 2);
	loop_timer_arm(lp, &c.t, t0 - 1);
	run_for(lp, 30);
	assert_int_equal(a.fired, 1);
	assert_int_equal(b.fired, 0);   /* cancelled before its turn */
	assert_int_equal(c.fired, 1);   /* the others are not lost */
	assert_false(b.t.armed);
	assert_false(c.t.armed);
}

static void rearm_another_from_a_callback_of_the_same_round(void **state)
{
	struct loop *lp = *state;
	struct probe a, b, c;
	uint64_t t0 = loop_now();

	probe_init(&a, lp, 1);
	probe_init(&b, lp, 2);
	probe_init(&c, lp, 3);
	/* all overdue; a moves b 60 ms into the future */
	a.rearm = &b.t;
	a.rearm_at = t0 + 60;
	loop_timer_arm(lp, &a.t, t0 - 3);
	loop_timer_arm(lp, &b.t, t0 - 2);
	loop_timer_arm(lp, &c.t, t0 - 1);
	run_for(lp, 30);
	assert_int_equal(a.fired, 1);
	assert_int_equal(b.fired, 0);   /* moved: not due yet */
	assert_int_equal(c.fired, 1);
	assert_true(b.t.armed);
	run_for(lp, 60);
	assert_int_equal(b.fired, 1);   /* once, at its new time */
	assert_true(b.fired_at >= t0 + 60);
	assert_false(b.t.armed);
	/* and the list is still sound: arming b again works once */
	loop_timer_arm(lp, &b.t, loop_now() + 5);
	run_for(lp, 30);
	assert_int_equal(b.fired, 2);
}

/* What a test fd watch saw. */
struct seen {
	struct loop *lp;
	int fd;
	int calls;
	bool readable, writable;
	int remove_fd;         /* stop watching this fd from the callback (-1: none) */
	int drain;             /* read one byte per call */
	int add_fds[24];       /* watch these from the callback */
	size_t nadd;
	struct seen *added;    /* the records of the added watches */
};

static void seen_io(void *arg, int fd, bool readable, bool writable)
{
	struct seen *s = arg;
	char c;

	s->calls++;
	s->fd = fd;
	s->readable = readable;
	s->writable = writable;
	if (s->drain && read(fd, &c, 1) != 1)
		s->drain = -1;
	if (s->remove_fd >= 0)
		assert_int_equal(loop_io(s->lp, s->remove_fd, false, false, seen_io, NULL), 0);
	for (size_t i = 0; i < s->nadd; i++)
		assert_int_equal(loop_io(s->lp, s->add_fds[i], true, false, seen_io, &s->added[i]), 0);
	s->nadd = 0;
}

static void seen_init(struct seen *s, struct loop *lp)
{
	memset(s, 0, sizeof *s);
	s->lp = lp;
	s->fd = -1;
	s->remove_fd = -1;
}

static void io_on_a_pipe(void **state)
{
	struct loop *lp = *state;
	struct seen r, w;
	int fds[2];

	assert_int_equal(pipe(fds), 0);
	seen_init(&r, lp);
	seen_init(&w, lp);
	r.drain = 1;
	assert_int_equal(loop_io(lp, fds[0], true, false, seen_io, &r), 0);
	/* nothing to read yet */
	assert_int_equal(loop_run_once(lp, 20), 0);
	assert_int_equal(r.calls, 0);

	assert_int_equal(write(fds[1], "x", 1), 1);
	assert_int_equal(loop_run_once(lp, 1000), 1);
	assert_int_equal(r.calls, 1);
	assert_int_equal(r.fd, fds[0]);
	assert_true(r.readable);
	assert_false(r.writable);
	assert_int_equal(r.drain, 1);

	/* drained: quiet again */
	assert_int_equal(loop_run_once(lp, 20), 0);
	assert_int_equal(r.calls, 1);

	/* the write end of an empty pipe is writable */
	assert_int_equal(loop_io(lp, fds[1], false, true, seen_io, &w), 0);
	assert_int_equal(loop_run_once(lp, 1000), 1);
	assert_int_equal(w.calls, 1);
	assert_int_equal(w.fd, fds[1]);
	assert_true(w.writable);
	assert_false(w.readable);

	/* stop watching both: nothing runs even with data waiting */
	assert_int_equal(loop_io(lp, fds[1], false, false, seen_io, &w), 0);
	assert_int_equal(write(fds[1], "y", 1), 1);
	assert_int_equal(loop_io(lp, fds[0], false, false, seen_io, &r), 0);
	assert_int_equal(loop_run_once(lp, 20), 0);
	assert_int_equal(r.calls, 1);
	assert_int_equal(w.calls, 1);
	close(fds[0]);
	close(fds[1]);
}

static void io_watch_is_replaced_not_doubled(void **state)
{
	struct loop *lp = *state;
	struct seen a, b;
	int fds[2];

	assert_int_equal(pipe(fds), 0);
	seen_init(&a, lp);
	seen_init(&b, lp);
	assert_int_equal(loop_io(lp, fds[0], true, false, seen_io, &a), 0);
	assert_int_equal(loop_io(lp, fds[0], true, false, seen_io, &b), 0);
	assert_int_equal(write(fds[1], "x", 1), 1);
	assert_int_equal(loop_run_once(lp, 1000), 1);
	assert_int_equal(a.calls, 0);
	assert_int_equal(b.calls, 1);
	assert_int_equal(loop_io(lp, fds[0], false, false, NULL, NULL), 0);
	close(fds[0]);
	close(fds[1]);
}

static void remove_a_watch_from_a_callback(void **state)
{
	struct loop *lp = *state;
	struct seen s[2];
	int p0[2], p1[2];

	assert_int_equal(pipe(p0), 0);
	assert_int_equal(pipe(p1), 0);
	seen_init(&s[0], lp);
	seen_init(&s[1], lp);
	/* both readable at once; whichever runs first removes the other */
	s[0].remove_fd = p1[0];
	s[1].remove_fd = p0[0];
	assert_int_equal(loop_io(lp, p0[0], true, false, seen_io, &s[0]), 0);
	assert_int_equal(loop_io(lp, p1[0], true, false, seen_io, &s[1]), 0);
	assert_int_equal(write(p0[1], "x", 1), 1);
	assert_int_equal(write(p1[1], "x", 1), 1);
	assert_int_equal(loop_run_once(lp, 1000), 1);
	assert_int_equal(s[0].calls + s[1].calls, 1);

	/* a callback removing its own watch is not called again */
	{
		struct seen *first = s[0].calls ? &s[0] : &s[1];
		int fd = first == &s[0] ? p0[0] : p1[0];

		first->remove_fd = fd;
		assert_int_equal(loop_run_once(lp, 1000), 1);
		assert_int_equal(first->calls, 2);
		assert_int_equal(loop_run_once(lp, 20), 0);
		assert_int_equal(first->calls, 2);
	}
	assert_int_equal(s[0].calls + s[1].calls, 2);
	close(p0[0]);
	close(p0[1]);
	close(p1[0]);
	close(p1[1]);
}

static void add_many_watches_from_a_callback(void **state)
{
	struct loop *lp = *state;
	enum { N = 20 };
	struct seen first, added[N];
	int trigger[2], p[N][2];

	assert_int_equal(pipe(trigger), 0);
	seen_init(&first, lp);
	first.drain = 1;
	first.added = added;
	for (int i = 0; i < N; i++) {
		assert_int_equal(pipe(p[i]), 0);
		seen_init(&added[i], lp);
		added[i].drain = 1;
		first.add_fds[first.nadd++] = p[i][0];
		assert_int_equal(write(p[i][1], "x", 1), 1);
	}
	assert_int_equal(loop_io(lp, trigger[0], true, false, seen_io, &first), 0);
	assert_int_equal(write(trigger[1], "x", 1), 1);
	/* the watch table grows while the loop walks it */
	assert_int_equal(loop_run_once(lp, 1000), 1);
	assert_int_equal(first.calls, 1);
	assert_int_equal(loop_run_once(lp, 1000), 1);
	for (int i = 0; i < N; i++) {
		assert_int_equal(added[i].calls, 1);
		assert_int_equal(added[i].fd, p[i][0]);
		assert_int_equal(loop_io(lp, p[i][0], false, false, NULL, NULL), 0);
		close(p[i][0]);
		close(p[i][1]);
	}
	assert_int_equal(loop_io(lp, trigger[0], false, false, NULL, NULL), 0);
	close(trigger[0]);
	close(trigger[1]);
}

static volatile sig_atomic_t got_alarm;

static void on_alarm(int sig)
{
	(void)sig;
	got_alarm = 1;
}

static void signal_interrupts_run_once(void **state)
{
	struct loop *lp = *state;
	struct sigaction sa, old;
	struct itimerval it = { .it_value = { .tv_sec = 0, .tv_usec = 50000 } };
	struct probe far;
	int fds[2], rc;
	struct seen s;
	uint64_t t0;

	memset(&sa, 0, sizeof sa);
	sa.sa_handler = on_alarm;
	sigemptyset(&sa.sa_mask);
	sa.sa_flags = 0;   /* no SA_RESTART */
	assert_int_equal(sigaction(SIGALRM, &sa, &old), 0);

	/* something to wait on: a quiet pipe and a far timer */
	assert_int_equal(pipe(fds), 0);
	seen_init(&s, lp);
	assert_int_equal(loop_io(lp, fds[0], true, false, seen_io, &s), 0);
	probe_init(&far, lp, 1);
	loop_timer_arm(lp, &far.t, loop_now() + 10000);

	got_alarm = 0;
	t0 = loop_now();
	assert_int_equal(setitimer(ITIMER_REAL, &it, NULL), 0);
	rc = loop_run_once(lp, 5000);
	assert_int_equal(rc, -1);
	assert_int_equal(got_alarm, 1);
	assert_true(loop_now() - t0 < 4000);
	assert_int_equal(s.calls, 0);
	assert_int_equal(far.fired, 0);

	/* and with no limit at all */
	got_alarm = 0;
	assert_int_equal(setitimer(ITIMER_REAL, &it, NULL), 0);
	loop_timer_cancel(lp, &far.t);
	assert_int_equal(loop_run_once(lp, -1), -1);
	assert_int_equal(got_alarm, 1);

	assert_int_equal(sigaction(SIGALRM, &old, NULL), 0);
	assert_int_equal(loop_io(lp, fds[0], false, false, NULL, NULL), 0);
	close(fds[0]);
	close(fds[1]);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(now_is_monotonic),
		cmocka_unit_test_setup_teardown(timers_fire_in_due_order, setup, teardown),
		cmocka_unit_test_setup_teardown(overdue_timers_fire_at_once, setup, teardown),
		cmocka_unit_test_setup_teardown(run_once_times_out, setup, teardown),
		cmocka_unit_test_setup_teardown(run_once_waits_for_the_next_timer, setup, teardown),
		cmocka_unit_test_setup_teardown(cancel_works, setup, teardown),
		cmocka_unit_test_setup_teardown(rearm_moves_a_timer, setup, teardown),
		cmocka_unit_test_setup_teardown(rearm_itself_from_its_callback, setup, teardown),
		cmocka_unit_test_setup_teardown(cancel_from_a_callback_of_the_same_round, setup,
		                                teardown),
		cmocka_unit_test_setup_teardown(rearm_another_from_a_callback_of_the_same_round,
		                                setup, teardown),
		cmocka_unit_test_setup_teardown(io_on_a_pipe, setup, teardown),
		cmocka_unit_test_setup_teardown(io_watch_is_replaced_not_doubled, setup, teardown),
		cmocka_unit_test_setup_teardown(remove_a_watch_from_a_callback, setup, teardown),
		cmocka_unit_test_setup_teardown(add_many_watches_from_a_callback, setup, teardown),
		cmocka_unit_test_setup_teardown(signal_interrupts_run_once, setup, teardown),
	};

	return cmocka_run_group_tests(tests, NULL, NULL);
}
