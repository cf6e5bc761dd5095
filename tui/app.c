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

#include "core/export.h"
#include "core/ip.h"
#include "tui/app.h"
#include "tui/curses.h"
#include "tui/keys.h"
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

static void app_message(struct app *a, bool error, const char *fmt, ...)
	__attribute__((format(printf, 3, 4)));

static void app_message(struct app *a, bool error, const char *fmt, ...)
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
	if (status_warnings(a->s, warn, 1) > 0)
		layout_reserve_warning(&a->lay);
	screen_draw(a);
	a->drawn_at = loop_now();
}

/* Something changed: draw soon, but not more than ten times a second. */
static void app_touch(struct app *a)
{
	uint64_t now = loop_now(), due = a->drawn_at + DRAW_GAP_MS;

	if (!a->redraw.armed)
		loop_timer_arm(a->s->lp, &a->redraw, due > now ? due : now);
}

static void on_redraw(void *arg)
{
	app_draw(arg);
}

static void on_answer(void *arg, size_t cell, size_t zone)
{
	(void)cell;
	(void)zone;
	app_touch(arg);
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

/* Zones that failed their RFC 5782 test are not believed: mark them in
 * the scan as soon as the probe says so. */
static void health_sync(struct app *a)
{
	for (size_t z = 0; a->sc && z < a->s->nzones; z++) {
		if (a->distrusted[z] || session_zone_trusted(a->s, z))
			continue;
		scan_distrust(a->sc, z);
		a->distrusted[z] = true;
		app_touch(a);
	}
}

/* Scan the range of the view from scratch (qflags: BQ_NOCACHE or 0). */
static void app_scan(struct app *a, unsigned qflags)
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
	memset(a->distrusted, 0, sizeof a->distrusted);
	health_sync(a);
	scan_start(a->sc, a->s->lp, a->s->be, o->rate, o->window, BQ_TXT | qflags);
}

static void cursor_moved(struct app *a)
{
	loop_timer_arm(a->s->lp, &a->ptr_wait, loop_now() + PTR_REST_MS);
}

/* Where a target starts: the address named, or for an ASN the first
 * address of its first network.  0, or -1 with a reason in err. */
static int target_focus(const struct app *a, struct target *t, char *err, size_t len)
{
	struct asn_net *nets = NULL;
	size_t n = 0;
	uint64_t total;

	if (t->kind == TARGET_NET)
		return 0;
	if (!a->s->db) {
		snprintf(err, len, "AS%u: an ASN target needs an ASN database (--db)", (unsigned)t->asn);
		return -1;
	}
	if (asn_db_networks(a->s->db, t->asn, &nets, &n, &total) < 0 || n == 0) {
		free(nets);
		snprintf(err, len, "AS%u has no IPv4 network in the ASN database", (unsigned)t->asn);
		return -1;
	}
	t->focus = nets[0].net;
	free(nets);
	return 0;
}

/* Show a new target: its /24, its ASN for the ASN layer, a new scan. */
static void target_show(struct app *a, const struct target *t)
{
	view_init(&a->view, t);
	memset(&a->target_asn, 0, sizeof a->target_asn);
	if (t->kind == TARGET_ASN) {
		a->target_asn.found = true;
		a->target_asn.asn = t->asn;
	} else if (a->s->db && asn_db_lookup(a->s->db, t->focus, &a->target_asn) < 0) {
		a->target_asn.found = false;
	}
	app_scan(a, 0);
	cursor_moved(a);
}

static void goto_entered(struct app *a)
{
	struct target t;
	char err[160];

	if (a->prompt.len == 0) {
		prompt_close(&a->prompt);
		return;
	}
	if (target_parse(a->prompt.buf, &t, err, sizeof err) < 0 ||
	    target_focus(a, &t, err, sizeof err) < 0) {
		snprintf(a->prompt.error, sizeof a->prompt.error, "%s", err);
		return;
	}
	prompt_close(&a->prompt);
	target_show(a, &t);
}

static void snapshot_save(struct app *a)
{
	char path[4096], cwd[4096];
	const char *name = path;

	if (!a->sc)
		return;
	if (export_snapshot_file(".", a->s, a->sc, time(NULL), path, sizeof path) < 0) {
		app_message(a, true, "cannot save a snapshot in the current folder: %s",
		            strerror(errno));
		return;
	}
	if (strncmp(path, "./", 2) == 0)
		name = path + 2;
	app_message(a, false, "saved %s%s in %s", name,
	            scan_finished(a->sc) ? "" : " (unfinished: pending cells marked)",
	            getcwd(cwd, sizeof cwd) ? cwd : "the current folder");
}

static void asn_layer_toggle(struct app *a)
{
	if (!a->s->db) {
		app_message(a, true, "ASN layer: %s", a->s->db_note[0] ? a->s->db_note :
		            "no ASN database");
		return;
	}
	if (!a->target_asn.found) {
		app_message(a, true, "ASN layer: the target is not in the ASN database");
		return;
	}
	a->asn_layer = !a->asn_layer;
	if (a->asn_layer)
		app_message(a, false, "ASN layer: addresses outside AS%u are marked",
		            (unsigned)a->target_asn.asn);
}

static void action_run(struct app *a, enum action act)
{
	static const int moves[][2] = {
		[ACT_LEFT] = { -1, 0 }, [ACT_RIGHT] = { 1, 0 },
		[ACT_UP] = { 0, -1 }, [ACT_DOWN] = { 0, 1 },
	};

	switch (act) {
	case ACT_LEFT: case ACT_RIGHT: case ACT_UP: case ACT_DOWN:
		if (view_move(&a->view, moves[act][0], moves[act][1]))
			cursor_moved(a);
		break;
	case ACT_FIRST: case ACT_LAST:
		view_select(&a->view, act == ACT_FIRST ? 0 : 255);
		cursor_moved(a);
		break;
	case ACT_PREV24: case ACT_NEXT24:
		if (view_step(&a->view, act == ACT_PREV24 ? -1 : 1)) {
			app_scan(a, 0);
			cursor_moved(a);
		}
		break;
	case ACT_GOTO: prompt_open(&a->prompt); break;
	case ACT_REQUERY:
		app_scan(a, BQ_NOCACHE);
		app_message(a, false, "querying again, bypassing the cache");
		break;
	case ACT_SAVE: snapshot_save(a); break;
	case ACT_ASN_LAYER: asn_layer_toggle(a); break;
	case ACT_HELP: a->help = true; break;
	case ACT_REDRAW: clearok(curscr, TRUE); break;
	case ACT_QUIT: a->quit = true; break;
	default: break;
	}
}

static void mouse_handle(struct app *a)
{
	MEVENT ev;
	int cell;

	if (getmouse(&ev) != OK || !(ev.bstate & (BUTTON1_PRESSED | BUTTON1_CLICKED)))
		return;
	cell = layout_cell_at(&a->lay, ev.x, ev.y);
	if (cell >= 0) {
		view_select(&a->view, (unsigned)cell);
		cursor_moved(a);
	}
}

static void key_handle(struct app *a, int ch)
{
	if (ch == KEY_RESIZE)
		return;   /* app_draw lays the screen out anew */
	a->msg[0] = '\0';   /* a message stays until the next key */
	if (a->prompt.active) {
		switch (prompt_feed(&a->prompt, ch)) {
		case PR_DONE: goto_entered(a); break;
		case PR_CANCEL: prompt_close(&a->prompt); break;
		default: break;
		}
	} else if (a->help) {
		a->help = false;   /* any key (or click) closes the help */
	} else if (ch == KEY_MOUSE) {
		mouse_handle(a);
	} else {
		action_run(a, keys_action(ch));
	}
}

/* Read every key waiting; from_fd says stdin was reported readable. */
static void keys_read(struct app *a, bool from_fd)
{
	bool any = false;
	int ch;

	while (!a->quit && (ch = getch()) != ERR) {
		any = true;
		if (!keys_escape_drop(&a->esc, ch))
			key_handle(a, ch);
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
		fprintf(stderr, "rblscope: cannot drive terminal type '%s'\n", term ? term : "");
		return NULL;
	}
	atexit(terminal_guard);
	cbreak();
	noecho();
	nonl();
	keypad(stdscr, TRUE);
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
 * opens the documentation range its scenario uses. */
static int first_target(const struct app *a, struct target *t)
{
	char err[160];

	if (a->s->opt->has_target)
		*t = a->s->opt->target;
	else if (target_parse("192.0.2.0", t, err, sizeof err) < 0)
		return -1;
	if (target_focus(a, t, err, sizeof err) < 0) {
		fprintf(stderr, "rblscope: %s\n", err);
		return -1;
	}
	return 0;
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
		if (probing && !session_probing(a->s)) {
			probing = false;
			app_touch(a);
		}
	}
}

static int app_status(const struct app *a)
{
	if (signals_stop())
		return 128 + signals_stop();
	return a->sc ? export_status(a->sc) : EXIT_INCOMPLETE;
}

static void app_close(struct app *a)
{
	loop_io(a->s->lp, STDIN_FILENO, false, false, NULL, NULL);
	loop_io(a->s->lp, a->sig->pipe[0], false, false, NULL, NULL);
	loop_timer_cancel(a->s->lp, &a->redraw);
	loop_timer_cancel(a->s->lp, &a->ptr_wait);
	ptr_close(&a->ptr);
	if (a->sc) {
		scan_free(a->sc);
		free(a->sc);
		a->sc = NULL;
	}
}

int tui_run(struct session *s)
{
	struct tui_signals sig;
	struct target t;
	struct app a;
	SCREEN *scr;
	int rc;

	memset(&a, 0, sizeof a);
	a.s = s;
	a.sig = &sig;
	if (first_target(&a, &t) < 0 || !(scr = terminal_open(&a)))
		return EXIT_USAGE;
	if (signals_install(&sig) < 0) {
		int e = errno;

		endwin();
		delscreen(scr);
		fprintf(stderr, "rblscope: cannot set up signal handling: %s\n", strerror(e));
		return EXIT_USAGE;
	}
	a.redraw = (struct loop_timer){ .fn = on_redraw, .arg = &a };
	a.ptr_wait = (struct loop_timer){ .fn = on_ptr_wait, .arg = &a };
	ptr_init(&a.ptr, s->be, on_ptr_change, &a);
	rc = EXIT_USAGE;   /* out of memory before the loop ran */
	if (loop_io(s->lp, STDIN_FILENO, true, false, on_stdin, &a) == 0 &&
	    loop_io(s->lp, sig.pipe[0], true, false, on_wake, &a) == 0) {
		if (s->opt->probe)
			session_probe_start(s);
		target_show(&a, &t);
		app_draw(&a);
		app_loop(&a);
		rc = app_status(&a);
	}
	app_close(&a);
	endwin();
	delscreen(scr);
	signals_restore(&sig);
	if (rc == EXIT_USAGE)
		fprintf(stderr, "rblscope: out of memory: cannot watch the keyboard\n");
	return rc;
}
