/* The terminal UI's loop.  The session's poll() loop carries the
 * keyboard and the network together: keys are handled and drawn at
 * once, answers are stored at once and drawn at most ten times a second,
 * and nothing runs while nothing happens. */
#include "tui/tui.h"

#include <errno.h>
#include <langinfo.h>
#include <locale.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "core/base/msg.h"
#include "core/export/export.h"
#include "core/export/mappng.h"
#include "tui/app.h"
#include "tui/curses.h"
#include "tui/signals.h"

#define IDLE_READS_MAX 64    /* "readable" with no key this often: the terminal is gone */
#define ESC_DELAY_MS 50

struct tui {
	struct app *a;
	struct tui_signals sig;       /* the self-pipe signals wake the loop with */
	struct esc_filter esc;        /* unknown escape sequences are not keys */
	unsigned idle_reads;          /* readable stdin with no key: a closed terminal */
};

/* Whatever path leaves the program, the terminal is given back. */
static void terminal_guard(void)
{
	if (!isendwin())
		endwin();
}

/* Read every key waiting; from_fd says stdin was reported readable. */
static void keys_read(struct tui *t, bool from_fd)
{
	struct app *a = t->a;
	bool any = false;
	int ch;

	while (!a->quit && (ch = getch()) != ERR) {
		any = true;
		if (!keys_escape_drop(&t->esc, ch))
			app_key(a, ch);
	}
	t->esc.state = 0;
	if (any) {
		t->idle_reads = 0;
		app_draw(a);
	} else if (from_fd && ++t->idle_reads > IDLE_READS_MAX) {
		a->quit = true;   /* end of input: nobody is left to press q */
	}
}

/* A signal woke the loop: a resize shows up as KEY_RESIZE. */
static void on_wake(void *arg, int fd, bool readable, bool writable)
{
	struct tui *t = arg;

	(void)fd;
	(void)readable;
	(void)writable;
	signals_drain(&t->sig);
	if (!signals_stop())
		keys_read(t, false);
}

static void on_stdin(void *arg, int fd, bool readable, bool writable)
{
	(void)fd;
	(void)readable;
	(void)writable;
	keys_read(arg, true);
}

/* Take the terminal over and choose the look; NULL after saying why on
 * stderr. */
static SCREEN *terminal_open(const struct session *s, struct theme *th)
{
	const char *term = getenv("TERM"), *no_color = getenv("NO_COLOR");
	SCREEN *scr;
	bool colors;

	if (!isatty(STDIN_FILENO) || !isatty(STDOUT_FILENO)) {
		fprintf(stderr, "rblscope: the terminal UI needs a terminal; "
		        "for a report use --export text\n");
		return NULL;
	}
	setlocale(LC_ALL, "");
	scr = newterm(NULL, stdout, stdin);
	if (!scr) {
		msg_line("cannot drive terminal type '%s'", term ? term : "");
		return NULL;
	}
	atexit(terminal_guard);
	cbreak();
	noecho();
	nonl();
	keypad(stdscr, TRUE);
	keys_define_extra();
	nodelay(stdscr, TRUE);
	set_escdelay(ESC_DELAY_MS);
	mousemask(BUTTON1_PRESSED | BUTTON1_CLICKED | BUTTON4_PRESSED | BUTTON5_PRESSED, NULL);
	/* NO_COLOR: colour is never even started, so no colour sequence
	 * reaches the terminal.  COLORS is known only after start_color. */
	colors = has_colors() && !(no_color && no_color[0]) && start_color() == OK;
	theme_choose(th, no_color, colors, colors ? COLORS : 0, nl_langinfo(CODESET),
	             s->opt->ascii);
	theme_init_colors(th);
	return scr;
}

/* The first target: the one on the command line; the demo without one
 * opens the documentation range its scenario uses. */
static int first_target(const struct session *s, struct target *t)
{
	char err[160];

	if (s->opt->has_target) {
		*t = s->opt->target;
		return 0;
	}
	return target_parse("192.0.2.0", t, err, sizeof err);
}

/* The loop: until q, a stop signal or the end of the terminal. */
static void loop(struct tui *t)
{
	struct app *a = t->a;
	bool probing = session_probing(a->s);

	while (!a->quit && !signals_stop()) {
		/* -1 means "until something happens": the loop itself wakes
		 * for the earliest timer (pacing, DNS timeouts, redraws). */
		loop_run_once(a->s->lp, -1);
		app_sync(a, probing && !session_probing(a->s));
		probing = session_probing(a->s);
	}
}

static int exit_status(const struct app *a)
{
	if (signals_stop())
		return 128 + signals_stop();
	if (a->fatal)
		return EXIT_USAGE;
	/* Someone who quits has read the screen: the statuses that tell a
	 * script what was found belong to --export. */
	return EXIT_NOTHING_LISTED;
}

/* Watch the keyboard and the signal pipe; false when out of memory. */
static bool watch(struct tui *t, bool on)
{
	struct loop *lp = t->a->s->lp;

	if (!on) {
		loop_io(lp, STDIN_FILENO, false, false, NULL, NULL);
		loop_io(lp, t->sig.pipe[0], false, false, NULL, NULL);
		return true;
	}
	return loop_io(lp, STDIN_FILENO, true, false, on_stdin, t) == 0 &&
	       loop_io(lp, t->sig.pipe[0], true, false, on_wake, t) == 0;
}

/* Open the first screen and run until the user is done. */
static int run(struct tui *t, const struct target *first)
{
	struct app *a = t->a;

	if (!watch(t, true)) {
		app_message(a, true, "out of memory: cannot watch the keyboard");
		return EXIT_USAGE;
	}
	if (a->s->opt->probe)
		session_probe_start(a->s);
	if (a->s->opt->census ? app_start_census(a) < 0 : app_start(a, first) < 0) {
		a->fatal = true;
		return EXIT_USAGE;
	}
	app_draw(a);
	loop(t);
	return exit_status(a);
}

int tui_run(struct session *s, struct demo *d, const struct snapshot *since)
{
	struct tui t = { 0 };
	struct target first;
	struct theme th;
	SCREEN *scr;
	int rc;

	if (first_target(s, &first) < 0 || !(scr = terminal_open(s, &th)))
		return EXIT_USAGE;
	/* The app is big (the seen table): the heap, not the stack. */
	t.a = malloc(sizeof *t.a);
	if (!t.a || app_open(t.a, s, d, &th, COLS, LINES) < 0) {
		endwin();
		delscreen(scr);
		free(t.a);
		msg_line("out of memory");
		return EXIT_USAGE;
	}
	t.a->cx.since = since;
	if (signals_install(&t.sig) < 0) {
		int e = errno;

		app_close(t.a);
		endwin();
		delscreen(scr);
		free(t.a);
		msg_line("cannot set up signal handling: %s", strerror(e));
		return EXIT_USAGE;
	}
	rc = run(&t, &first);
	watch(&t, false);
	app_close(t.a);
	/* A map saved as a picture filled the font caches: give them back. */
	mappng_fonts_release();
	endwin();
	delscreen(scr);
	signals_restore(&t.sig);
	if (t.a->fatal || rc == EXIT_USAGE)
		msg_line("%s", t.a->msg);
	free(t.a);
	return rc;
}
