/* One poll() loop over file descriptors and timers: DNS sockets, the
 * keyboard and pacing timers all meet here. */
#ifndef RBLSCOPE_LOOP_H
#define RBLSCOPE_LOOP_H

#include <stdbool.h>
#include <stdint.h>

struct loop;

typedef void (*loop_io_fn)(void *arg, int fd, bool readable, bool writable);
typedef void (*loop_timer_fn)(void *arg);

/* A one-shot timer owned by its user and linked into the loop when armed. */
struct loop_timer {
	uint64_t due;             /* monotonic milliseconds */
	loop_timer_fn fn;
	void *arg;
	bool armed;
	unsigned long round;      /* the loop's round when armed */
	struct loop_timer *next;
};

/* A new loop, or NULL when out of memory. */
struct loop *loop_new(void);

/* Free the loop (not the timers or fds it watched). */
void loop_free(struct loop *lp);

/* Watch fd for reading and/or writing; with both false, stop watching.
 * 0, or -1 when out of memory. */
int loop_io(struct loop *lp, int fd, bool read, bool write, loop_io_fn fn, void *arg);

/* Arm (or re-arm) t to fire at monotonic time due. */
void loop_timer_arm(struct loop *lp, struct loop_timer *t, uint64_t due);

/* Disarm t if armed. */
void loop_timer_cancel(struct loop *lp, struct loop_timer *t);

/* Monotonic clock in milliseconds. */
uint64_t loop_now(void);

/* Wait until an fd is ready, a timer is due or max_wait_ms passes (-1:
 * no limit), then run what is ready.  Returns 1 if something ran, 0 on
 * a timeout, -1 on EINTR (a signal arrived; the caller checks its flags). */
int loop_run_once(struct loop *lp, int max_wait_ms);

#endif
