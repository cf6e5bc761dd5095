/* One poll() loop over file descriptors and timers. */
#include "core/base/loop.h"

#include <errno.h>
#include <poll.h>
#include <stdlib.h>
#include <time.h>

struct watch {
	int fd;
	short events;
	loop_io_fn fn;
	void *arg;
};

struct loop {
	struct watch *w;
	size_t nw, cap;
	struct pollfd *pfd;          /* rebuilt from w before each poll */
	struct loop_timer *timers;   /* sorted by due time */
	unsigned long round;         /* timers_run calls so far */
};

uint64_t loop_now(void)
{
	struct timespec ts;

	clock_gettime(CLOCK_MONOTONIC, &ts);
	return (uint64_t)ts.tv_sec * 1000 + (uint64_t)ts.tv_nsec / 1000000;
}

struct loop *loop_new(void)
{
	return calloc(1, sizeof(struct loop));
}

void loop_free(struct loop *lp)
{
	if (!lp)
		return;
	free(lp->w);
	free(lp->pfd);
	free(lp);
}

static struct watch *watch_find(struct loop *lp, int fd)
{
	for (size_t i = 0; i < lp->nw; i++)
		if (lp->w[i].fd == fd)
			return &lp->w[i];
	return NULL;
}

int loop_io(struct loop *lp, int fd, bool read, bool write, loop_io_fn fn, void *arg)
{
	struct watch *w = watch_find(lp, fd);
	short ev = (short)((read ? POLLIN : 0) | (write ? POLLOUT : 0));

	if (ev == 0) {
		if (w)
			*w = lp->w[--lp->nw];
		return 0;
	}
	if (!w) {
		if (lp->nw == lp->cap) {
			size_t cap = lp->cap ? lp->cap * 2 : 8;
			struct watch *nw = realloc(lp->w, cap * sizeof *nw);
			struct pollfd *np = nw ? realloc(lp->pfd, cap * sizeof *np) : NULL;

			if (nw)
				lp->w = nw;
			if (!np)
				return -1;
			lp->pfd = np;
			lp->cap = cap;
		}
		w = &lp->w[lp->nw++];
	}
	*w = (struct watch){ fd, ev, fn, arg };
	return 0;
}

void loop_timer_cancel(struct loop *lp, struct loop_timer *t)
{
	struct loop_timer **pp;

	if (!t->armed)
		return;
	for (pp = &lp->timers; *pp; pp = &(*pp)->next) {
		if (*pp == t) {
			*pp = t->next;
			break;
		}
	}
	t->armed = false;
	t->next = NULL;
}

void loop_timer_arm(struct loop *lp, struct loop_timer *t, uint64_t due)
{
	struct loop_timer **pp;

	loop_timer_cancel(lp, t);
	t->due = due;
	t->round = lp->round;
	for (pp = &lp->timers; *pp && (*pp)->due <= due; pp = &(*pp)->next)
		;
	t->next = *pp;
	*pp = t;
	t->armed = true;
}

/* Fire the timers that are due, one at a time off the head of the list,
 * so that a callback may cancel or re-arm any timer.  Those armed during
 * this round wait for the next one, so a timer cannot starve the fds. */
static int timers_run(struct loop *lp, uint64_t now)
{
	unsigned long round = ++lp->round;
	struct loop_timer *t;
	int ran = 0;

	while ((t = lp->timers) != NULL && t->due <= now && t->round != round) {
		lp->timers = t->next;
		t->next = NULL;
		t->armed = false;
		t->fn(t->arg);
		ran = 1;
	}
	return ran;
}

int loop_run_once(struct loop *lp, int max_wait_ms)
{
	uint64_t now = loop_now();
	int wait = max_wait_ms, n, ran;
	size_t nfds = lp->nw;

	if (lp->timers) {
		uint64_t left = lp->timers->due > now ? lp->timers->due - now : 0;

		if (wait < 0 || left < (uint64_t)wait)
			wait = (int)left;
	}
	for (size_t i = 0; i < nfds; i++)
		lp->pfd[i] = (struct pollfd){ lp->w[i].fd, lp->w[i].events, 0 };
	n = poll(lp->pfd, nfds, wait);
	if (n < 0)
		return errno == EINTR ? -1 : 0;
	ran = n > 0;
	/* Callbacks may add or remove watches: look each fd up again. */
	for (size_t i = 0; n > 0 && i < nfds; i++) {
		struct pollfd p = lp->pfd[i];
		struct watch *w;

		if (!p.revents)
			continue;
		n--;
		w = watch_find(lp, p.fd);
		if (w)
			w->fn(w->arg, p.fd, p.revents & (POLLIN | POLLHUP | POLLERR),
			      p.revents & (POLLOUT | POLLERR));
	}
	return timers_run(lp, loop_now()) | ran;
}
