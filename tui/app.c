/* The terminal UI's loop and actions.  The session's poll() loop carries
 * the keyboard and the network together: keys are handled and drawn at
 * once, answers are stored at once and drawn at most ten times a second,
 * and nothing runs while nothing happens. */
#include "tui/tui.h"

#include <errno.h>
#include <langinfo.h>
#include <locale.h>
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>
#include <unistd.h>

#include "core/export/export.h"
#include "core/base/ip.h"
#include "core/base/msg.h"
#include "tui/app.h"
#include "tui/asnview.h"
#include "tui/curses.h"
#include "tui/keys.h"
#include "tui/overview.h"
#include "tui/screen.h"
#include "tui/signals.h"
#include "tui/status.h"

#define DRAW_GAP_MS 100      /* at most ten draws a second */
#define PTR_REST_MS 250      /* the cursor rests this long before a PTR lookup */
#define IDLE_READS_MAX 64    /* "readable" with no key this often: the terminal is gone */
#define ESC_DELAY_MS 50

/* Whatever path leaves the program, the terminal is given back. */
static void terminal_guard(void)
{
	if (!isendwin())
		endwin();
}

unsigned app_scope(const struct app *a)
{
	return screen_of(a)->scope | (a->demo ? KS_DEMO : 0);
}

const struct policy *app_demo_policy(const struct app *a)
{
	return a->demo ? demo_policy(a->demo) : NULL;
}

const struct scan_cell *app_cursor_cell(const struct app *a)
{
	return a->sc ? scan_cell_of(a->sc, a->view.cursor) : NULL;
}

int app_class_of(const struct app *a, uint32_t ip)
{
	const struct scan_cell *c = a->sc ? scan_cell_of(a->sc, ip) : NULL;

	return c ? (int)scan_cell_class(a->sc, c) : -1;
}

bool app_other_asn(const struct app *a, uint32_t ip)
{
	const struct scan_cell *c = a->sc ? scan_cell_of(a->sc, ip) : NULL;

	if (!c || !a->target_asn.found)
		return false;
	return !c->asn.found || c->asn.asn != a->target_asn.asn;
}

void app_message(struct app *a, bool error, const char *fmt, ...)
{
	va_list ap;

	va_start(ap, fmt);
	vsnprintf(a->msg, sizeof a->msg, fmt, ap);
	va_end(ap);
	a->msg_error = error;
}

static void app_draw(struct app *a)
{
	char warn[1][STATUS_LINE_MAX];

	loop_timer_cancel(a->s->lp, &a->redraw);
	/* Warnings come and go with the probes: lay out for them each time. */
	layout_compute(&a->lay, COLS, LINES);
	if (screen_of(a)->grid_layout && status_warnings(a->s, warn, 1) > 0)
		layout_reserve_warning(&a->lay);
	screen_draw(a);
	a->drawn_at = loop_now();
}

void app_touch(struct app *a)
{
	uint64_t now = loop_now(), due = a->drawn_at + DRAW_GAP_MS;

	if (!a->redraw.armed)
		loop_timer_arm(a->s->lp, &a->redraw, due > now ? due : now);
}

static void on_redraw(void *arg)
{
	app_draw(arg);
}

/* A /24 scanned to the end tells the overview its level 1 count. */
static void seen_note(struct app *a)
{
	const struct scan *sc = a->sc;
	struct scan_tally t;
	size_t unknown = 0;

	scan_tally(sc, &t);
	for (size_t z = 0; z < sc->nzones; z++)
		if (sc->profile->zones[z].role == ZR_SINGLE && t.error[z] > unknown)
			unknown = t.error[z];
	seen_record(&a->seen, a->view.base, sc->ncells, t.guilty, unknown);
}

static void on_answer(void *arg, size_t cell, size_t zone)
{
	struct app *a = arg;

	(void)cell;
	(void)zone;
	if (scan_finished(a->sc))
		seen_note(a);
	app_touch(a);
}

static void on_ptr_change(void *arg)
{
	app_touch(arg);
}

static void on_ptr_wait(void *arg)
{
	struct app *a = arg;

	ptr_request(&a->ptr, a->view.cursor);
}

/* Stop believing zone in a scan over some of the session's zones. */
static void distrust_in(struct scan *sc, const char *const *zones, size_t n, const char *zone)
{
	for (size_t i = 0; i < n; i++)
		if (zones[i] == zone)
			scan_distrust(sc, i);
}

/* Zones that failed their RFC 5782 test are not believed: mark them in
 * every open scan as soon as the probe says so. */
static void health_sync(struct app *a)
{
	for (size_t z = 0; z < a->s->nzones; z++) {
		if (a->distrusted[z] || session_zone_trusted(a->s, z))
			continue;
		if (a->sc)
			scan_distrust(a->sc, z);
		if (a->av)
			distrust_in(&a->av->as.sc, a->av->as.zones, a->av->as.sub.nzones, a->s->zones[z]);
		if (a->ov)
			distrust_in(&a->ov->sc, a->ov->zones, a->ov->sub.nzones, a->s->zones[z]);
		a->distrusted[z] = true;
		app_touch(a);
	}
}

void app_scan(struct app *a, unsigned qflags)
{
	const struct options *o = a->s->opt;

	if (a->sc)
		scan_free(a->sc);
	else
		a->sc = malloc(sizeof *a->sc);
	if (!a->sc || scan_init(a->sc, a->s->profile, a->s->zones, a->view.net, a->view.prefix,
	                        a->s->db) < 0) {
		if (a->sc)
			scan_free(a->sc);
		free(a->sc);
		a->sc = NULL;
		app_message(a, true, "out of memory: cannot scan this range");
		return;
	}
	a->sc->on_answer = on_answer;
	a->sc->on_answer_arg = a;
	a->grid_stale = false;
	memset(a->distrusted, 0, sizeof a->distrusted);
	health_sync(a);
	scan_start(a->sc, a->s->lp, a->s->be, o->rate, o->window, session_qflags(a->s) | qflags);
}

void app_cursor_moved(struct app *a)
{
	loop_timer_arm(a->s->lp, &a->ptr_wait, loop_now() + PTR_REST_MS);
}

/* The first network of asn as a target, for the grid behind its ASN
 * view.  0, or -1 with a reason in err. */
static int asn_first_net(const struct app *a, uint32_t asn, struct target *t, char *err,
                         size_t len)
{
	struct asn_net *nets = NULL;
	size_t n = 0;
	uint64_t total;

	if (!a->s->db) {
		snprintf(err, len, "AS%u: an ASN target needs an ASN database (--db)", (unsigned)asn);
		return -1;
	}
	if (asn_db_networks(a->s->db, asn, &nets, &n, &total) < 0 || n == 0) {
		free(nets);
		snprintf(err, len, "AS%u has no IPv4 network in the ASN database", (unsigned)asn);
		return -1;
	}
	*t = (struct target){ .kind = TARGET_NET, .net = nets[0].net, .prefix = nets[0].prefix,
	                      .focus = nets[0].net };
	cidr_format(nets[0].net, nets[0].prefix, t->text);
	free(nets);
	return 0;
}

/* Put a network target in the grid; scan it now, or once the grid shows
 * when a view is up. */
static void grid_target(struct app *a, const struct target *t, bool scan)
{
	view_init(&a->view, t);
	memset(&a->target_asn, 0, sizeof a->target_asn);
	if (a->s->db && asn_db_lookup(a->s->db, t->focus, &a->target_asn) < 0)
		a->target_asn.found = false;
	if (scan) {
		app_scan(a, 0);
	} else if (a->sc) {
		/* The old range's answers must not show under the new title. */
		scan_free(a->sc);
		free(a->sc);
		a->sc = NULL;
	}
	a->grid_stale = !scan;
	app_cursor_moved(a);
}

int app_show_target(struct app *a, const struct target *t, char *err, size_t errlen)
{
	char local[256];

	if (!err) {
		err = local;
		errlen = sizeof local;
	}
	if (t->kind == TARGET_ASN)
		return asnview_open(a, t->asn, err, errlen);
	asnview_close(a);
	overview_close(a);
	a->screen = SCREEN_GRID;
	grid_target(a, t, true);
	return 0;
}

void app_show_grid(struct app *a)
{
	asnview_close(a);
	overview_close(a);
	a->screen = SCREEN_GRID;
	if (a->grid_stale) {
		app_scan(a, 0);
		app_cursor_moved(a);
	}
}

void app_backend_changed(struct app *a)
{
	/* The PTR cache holds the old backend; zone files have no PTR, but
	 * the cache must not keep a pointer to a freed backend. */
	ptr_close(&a->ptr);
	ptr_init(&a->ptr, a->s->be, on_ptr_change, a);
	if (!a->grid_stale)
		app_scan(a, 0);
	if (a->av)
		asnview_restart(a, 0);
	if (a->ov)
		overview_restart(a, 0);
	app_touch(a);
}

/* Read every key waiting; from_fd says stdin was reported readable. */
static void keys_read(struct app *a, bool from_fd)
{
	bool any = false;
	int ch;

	while (!a->quit && (ch = getch()) != ERR) {
		any = true;
		if (!keys_escape_drop(&a->esc, ch))
			app_key(a, ch);
	}
	a->esc.state = 0;
	if (any) {
		a->idle_reads = 0;
		app_draw(a);
	} else if (from_fd && ++a->idle_reads > IDLE_READS_MAX) {
		a->quit = true;   /* end of input: nobody is left to press q */
	}
}

/* A signal woke the loop: a resize shows up as KEY_RESIZE. */
static void on_wake(void *arg, int fd, bool readable, bool writable)
{
	struct app *a = arg;

	(void)fd;
	(void)readable;
	(void)writable;
	signals_drain(a->sig);
	if (!signals_stop())
		keys_read(a, false);
}

static void on_stdin(void *arg, int fd, bool readable, bool writable)
{
	(void)fd;
	(void)readable;
	(void)writable;
	keys_read(arg, true);
}

/* Take the terminal over; NULL after saying why on stderr. */
static SCREEN *terminal_open(struct app *a)
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
	mousemask(BUTTON1_PRESSED | BUTTON1_CLICKED, NULL);
	/* NO_COLOR: colour is never even started, so no colour sequence
	 * reaches the terminal.  COLORS is known only after start_color. */
	colors = has_colors() && !(no_color && no_color[0]) && start_color() == OK;
	theme_choose(&a->th, no_color, colors, colors ? COLORS : 0, nl_langinfo(CODESET),
	             a->s->opt->ascii);
	theme_init_colors(&a->th);
	layout_compute(&a->lay, COLS, LINES);
	return scr;
}

/* The first target: the one on the command line; --demo without one
 * opens the documentation range its scenario uses.  For an ASN, *grid
 * is its first network, for the grid behind the ASN view. */
static int first_target(const struct app *a, struct target *t, struct target *grid)
{
	char err[160];

	if (a->s->opt->has_target)
		*t = a->s->opt->target;
	else if (target_parse("192.0.2.0", t, err, sizeof err) < 0)
		return -1;
	*grid = *t;
	if (t->kind == TARGET_ASN && asn_first_net(a, t->asn, grid, err, sizeof err) < 0) {
		msg_line("%s", err);
		return -1;
	}
	return 0;
}

/* Show the first target: an ASN opens its view over the grid of its
 * first network, which is scanned only once it shows. */
static void first_show(struct app *a, const struct target *t, const struct target *grid)
{
	char err[256];

	if (t->kind != TARGET_ASN) {
		grid_target(a, t, true);
		return;
	}
	grid_target(a, grid, false);
	if (asnview_open(a, t->asn, err, sizeof err) < 0) {
		app_message(a, true, "ASN view: %s", err);
		app_show_grid(a);
	}
}

/* The resolver answered none of the probes: end every open scan now,
 * with that reason, rather than wait out each timeout. */
static void dead_sync(struct app *a)
{
	enum lk_error why;

	if (!session_resolver_dead(a->s, &why))
		return;
	if (a->sc && !scan_finished(a->sc))
		scan_fail_rest(a->sc, why);
	if (a->av && !scan_finished(&a->av->as.sc))
		scan_fail_rest(&a->av->as.sc, why);
	if (a->ov && !scan_finished(&a->ov->sc))
		scan_fail_rest(&a->ov->sc, why);
	app_touch(a);
}

void app_reprobe(struct app *a)
{
	enum lk_error why;

	if (a->s->opt->probe && session_resolver_dead(a->s, &why))
		session_probe_start(a->s);
}

/* The loop: until q, a stop signal or the end of the terminal. */
static void app_loop(struct app *a)
{
	bool probing = session_probing(a->s);

	while (!a->quit && !signals_stop()) {
		/* -1 means "until something happens": the loop itself wakes
		 * for the earliest timer (pacing, DNS timeouts, redraws). */
		loop_run_once(a->s->lp, -1);
		health_sync(a);
		if (probing != session_probing(a->s)) {
			probing = !probing;
			if (!probing)
				dead_sync(a);
			app_touch(a);
		}
	}
}

static int app_status(const struct app *a)
{
	if (signals_stop())
		return 128 + signals_stop();
	if (a->fatal)
		return EXIT_USAGE;
	/* Someone who quits has read the screen: the statuses that tell a
	 * script what was found belong to --export. */
	return EXIT_NOTHING_LISTED;
}

static void app_close(struct app *a)
{
	loop_io(a->s->lp, STDIN_FILENO, false, false, NULL, NULL);
	loop_io(a->s->lp, a->sig->pipe[0], false, false, NULL, NULL);
	loop_timer_cancel(a->s->lp, &a->redraw);
	loop_timer_cancel(a->s->lp, &a->ptr_wait);
	ptr_close(&a->ptr);
	asnview_close(a);
	overview_close(a);
	policy_set_free(&a->rules);
	if (a->sc) {
		scan_free(a->sc);
		free(a->sc);
		a->sc = NULL;
	}
}

/* Watch the keyboard and the signal pipe; false when out of memory. */
static bool app_watch(struct app *a)
{
	return loop_io(a->s->lp, STDIN_FILENO, true, false, on_stdin, a) == 0 &&
	       loop_io(a->s->lp, a->sig->pipe[0], true, false, on_wake, a) == 0;
}

int tui_run(struct session *s, struct demo *d)
{
	struct tui_signals sig;
	struct target t, grid;
	struct app *a = calloc(1, sizeof *a);
	char err[256];
	SCREEN *scr;
	int rc = EXIT_USAGE;

	/* The context is big (the seen table): the heap, not the stack. */
	if (!a) {
		msg_line("out of memory");
		return EXIT_USAGE;
	}
	a->s = s;
	a->demo = d;
	a->sig = &sig;
	if (first_target(a, &t, &grid) < 0 || !(scr = terminal_open(a))) {
		free(a);
		return EXIT_USAGE;
	}
	if (signals_install(&sig) < 0) {
		int e = errno;

		endwin();
		delscreen(scr);
		free(a);
		msg_line("cannot set up signal handling: %s", strerror(e));
		return EXIT_USAGE;
	}
	/* Outside the demo the policies serve the ASN view's arithmetic; a
	 * broken asset leaves them empty, and the view says so. */
	if (!d && policy_set_load(&a->rules, err, sizeof err) < 0)
		memset(&a->rules, 0, sizeof a->rules);
	a->redraw = (struct loop_timer){ .fn = on_redraw, .arg = a };
	a->ptr_wait = (struct loop_timer){ .fn = on_ptr_wait, .arg = a };
	ptr_init(&a->ptr, s->be, on_ptr_change, a);
	snprintf(a->msg, sizeof a->msg, "out of memory: cannot watch the keyboard");
	if (app_watch(a)) {
		a->msg[0] = '\0';
		if (s->opt->probe)
			session_probe_start(s);
		first_show(a, &t, &grid);
		app_draw(a);
		app_loop(a);
		rc = app_status(a);
	}
	app_close(a);
	endwin();
	delscreen(scr);
	signals_restore(&sig);
	if (a->fatal || rc == EXIT_USAGE)
		msg_line("%s", a->msg);
	free(a);
	return rc;
}
