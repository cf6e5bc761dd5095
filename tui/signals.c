/* Signal handling with a self-pipe.  The state below is what the
 * handlers need and nothing else: written before they are installed,
 * or only by them. */
#include "tui/signals.h"

#include <errno.h>
#include <fcntl.h>
#include <string.h>
#include <unistd.h>

static volatile sig_atomic_t stop_signal;
static volatile sig_atomic_t wake_fd = -1;
static struct sigaction curses_winch;   /* curses' own SIGWINCH handler */

static void on_signal(int sig)
{
	int saved = errno;
	char byte = (char)sig;

	if (sig == SIGWINCH) {
		/* curses turns its flag into KEY_RESIZE at the next getch. */
		if (curses_winch.sa_flags & SA_SIGINFO)
			curses_winch.sa_sigaction(sig, NULL, NULL);
		else if (curses_winch.sa_handler != SIG_DFL && curses_winch.sa_handler != SIG_IGN)
			curses_winch.sa_handler(sig);
	} else {
		stop_signal = sig;
	}
	if (wake_fd >= 0 && write(wake_fd, &byte, 1) < 0) {
		/* A full pipe already holds a wake-up. */
	}
	errno = saved;
}

static int fd_setup(int fd)
{
	int fl = fcntl(fd, F_GETFL);

	if (fl < 0 || fcntl(fd, F_SETFL, fl | O_NONBLOCK) < 0)
		return -1;
	return fcntl(fd, F_SETFD, FD_CLOEXEC);
}

int signals_install(struct tui_signals *sg)
{
	struct sigaction sa;

	memset(sg, 0, sizeof *sg);
	if (pipe(sg->pipe) < 0)
		return -1;
	if (fd_setup(sg->pipe[0]) < 0 || fd_setup(sg->pipe[1]) < 0) {
		close(sg->pipe[0]);
		close(sg->pipe[1]);
		return -1;
	}
	stop_signal = 0;
	wake_fd = sg->pipe[1];
	memset(&sa, 0, sizeof sa);
	sa.sa_handler = on_signal;
	sigemptyset(&sa.sa_mask);
	/* No SA_RESTART: a blocking call returns EINTR at once. */
	sigaction(SIGWINCH, NULL, &sg->old_winch);
	curses_winch = sg->old_winch;
	sigaction(SIGWINCH, &sa, NULL);
	sigaction(SIGINT, &sa, &sg->old_int);
	sigaction(SIGTERM, &sa, &sg->old_term);
	sigaction(SIGHUP, &sa, &sg->old_hup);
	sigaction(SIGPIPE, &sa, &sg->old_pipe);
	return 0;
}

void signals_drain(const struct tui_signals *sg)
{
	char buf[64];

	while (read(sg->pipe[0], buf, sizeof buf) > 0)
		;
}

int signals_stop(void)
{
	return stop_signal;
}

void signals_restore(struct tui_signals *sg)
{
	sigaction(SIGINT, &sg->old_int, NULL);
	sigaction(SIGTERM, &sg->old_term, NULL);
	sigaction(SIGHUP, &sg->old_hup, NULL);
	sigaction(SIGPIPE, &sg->old_pipe, NULL);
	sigaction(SIGWINCH, &sg->old_winch, NULL);
	wake_fd = -1;
	close(sg->pipe[0]);
	close(sg->pipe[1]);
}
