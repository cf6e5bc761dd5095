/* Signals that reach the UI: SIGINT, SIGTERM and SIGHUP ask it to stop,
 * SIGWINCH says the window changed.  Each handler writes a byte to a
 * pipe that the poll loop watches, so a signal that lands between two
 * polls still wakes the loop instead of waiting for the next key. */
#ifndef RBLSCOPE_TUI_SIGNALS_H
#define RBLSCOPE_TUI_SIGNALS_H

#include <signal.h>

struct tui_signals {
	int pipe[2];                  /* [0] for the loop, [1] for the handlers */
	struct sigaction old_int, old_term, old_hup, old_pipe, old_winch;
};

/* Install the handlers (after curses, whose SIGWINCH handler is kept and
 * called).  0, or -1 when no pipe could be made (then nothing changed). */
int signals_install(struct tui_signals *sg);

/* Empty the pipe after the loop saw it readable. */
void signals_drain(const struct tui_signals *sg);

/* The signal that asked to stop, or 0. */
int signals_stop(void);

/* Put the old handlers back and close the pipe. */
void signals_restore(struct tui_signals *sg);

#endif
