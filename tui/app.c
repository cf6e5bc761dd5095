/* The terminal UI's keys and drawing.  Keys that every screen shares
 * (help, go to, back, the demo's keys, layers, re-query, snapshots) are
 * handled here once through the screen interface; the rest go to the
 * screen on top, which answers with a request the router acts on. */
#include "tui/app.h"

#include <errno.h>
#include <stdarg.h>
#include <stdio.h>
#include <string.h>
#include <time.h>
#include <unistd.h>

#include "core/base/ip.h"
#include "tui/curses.h"
#include "tui/simulate.h"
#include "tui/status.h"

#define DRAW_GAP_MS 100      /* at most ten draws a second */
#define PTR_REST_MS 250      /* the cursor rests this long before a PTR lookup */
#define WHEEL_LINES 3        /* rows one turn of the mouse wheel moves */

static void on_changed(void *arg)
{
	app_touch(arg);
}

static void on_redraw(void *arg)
{
	app_draw(arg);
}

static void on_ptr_wait(void *arg)
{
	struct app *a = arg;
	struct screen *top = stack_top(&a->st);
	struct focus f = { 0 };

	/* The PTR shows in the grid's detail only. */
	if (!top || top->ops->scope != KS_GRID)
		return;
	top->ops->focus(top, &f);
	if (f.has_ip)
		ptr_request(&a->ptr, f.ip);
}

int app_open(struct app *a, struct session *s, struct demo *d, const struct theme *th,
             int cols, int rows)
{
	char err[256];

	memset(a, 0, sizeof *a);
	a->s = s;
	a->demo = d;
	a->th = *th;
	layout_compute(&a->lay, cols, rows);
	/* Outside the demo the policies serve the ASN view's arithmetic; a
	 * broken asset leaves them empty, and the view says so. */
	if (!d && policy_set_load(&a->rules, err, sizeof err) < 0)
		memset(&a->rules, 0, sizeof a->rules);
	a->redraw = (struct loop_timer){ .fn = on_redraw, .arg = a };
	a->ptr_wait = (struct loop_timer){ .fn = on_ptr_wait, .arg = a };
	ptr_init(&a->ptr, s->be, on_changed, a);
	a->cx = (struct ctx){ .s = s, .demo = d, .rules = &a->rules, .th = &a->th, .lay = &a->lay,
	                      .ptr = &a->ptr, .seen = &a->seen, .layer = CTX_LAYER_ALL,
	                      .changed = on_changed, .changed_arg = a };
	stack_init(&a->st, &a->cx);
	a->fr = (struct frame){ .prompt = &a->prompt, .msg = a->msg };
	return 0;
}

static void cursor_moved(struct app *a)
{
	loop_timer_arm(a->s->lp, &a->ptr_wait, loop_now() + PTR_REST_MS);
}

int app_start(struct app *a, const struct target *t)
{
	char err[256];

	if (stack_open_target(&a->st, t, err, sizeof err) < 0) {
		app_message(a, true, "%s", err);
		return -1;
	}
	/* The demo says what it is about until the first key. */
	if (a->demo)
		app_message(a, false, "demo: %s; ? help",
		            demo_scenario(a->demo)->title);
	cursor_moved(a);
	return 0;
}

int app_start_census(struct app *a)
{
	struct request req = { .kind = REQ_CENSUS };
	char err[256];

	if (stack_route(&a->st, &req, err, sizeof err) < 0) {
		app_message(a, true, "%s", err);
		return -1;
	}
	return 0;
}

unsigned app_scope(const struct app *a)
{
	const struct screen *top = stack_top(&a->st);
	unsigned scope = top ? top->ops->scope : KS_GRID;

	return scope | (a->demo ? KS_DEMO : 0) | (stack_at_root(&a->st) ? KS_ROOT : 0);
}

void app_message(struct app *a, bool error, const char *fmt, ...)
{
	va_list ap;

	va_start(ap, fmt);
	vsnprintf(a->msg, sizeof a->msg, fmt, ap);
	va_end(ap);
	a->fr.msg_error = error;
}

void app_draw(struct app *a)
{
	struct screen *top = stack_top(&a->st);
	char warn[1][STATUS_LINE_MAX];

	loop_timer_cancel(a->s->lp, &a->redraw);
	/* Warnings come and go with the probes: lay out for them each time. */
	layout_compute(&a->lay, COLS, LINES);
	if (top && top->ops->grid_layout && status_warnings(a->s, warn, 1) > 0)
		layout_reserve_warning(&a->lay);
	a->fr.scope = app_scope(a);
	frame_draw(&a->cx, top, &a->fr);
	wnoutrefresh(stdscr);
	doupdate();
	a->drawn_at = loop_now();
}

void app_touch(struct app *a)
{
	uint64_t now = loop_now(), due = a->drawn_at + DRAW_GAP_MS;

	if (!a->redraw.armed)
		loop_timer_arm(a->s->lp, &a->redraw, due > now ? due : now);
}

/* ---- keeping the scans honest ---- */

/* Zones that failed their RFC 5782 test are not believed: mark them in
 * every scan as soon as the probe says so. */
static void health_sync(struct app *a)
{
	struct scan *sc[STACK_MAX * SCREEN_SCANS_MAX];
	size_t n = stack_scans(&a->st, sc, sizeof sc / sizeof sc[0]);

	for (size_t z = 0; z < a->s->nzones; z++) {
		if (session_zone_trusted(a->s, z))
			continue;
		for (size_t i = 0; i < n; i++)
			for (size_t k = 0; k < sc[i]->nzones; k++)
				if (sc[i]->zones[k] == a->s->zones[z] && !sc[i]->distrust[k]) {
					scan_distrust(sc[i], k);
					app_touch(a);
				}
	}
}

/* The resolver answered none of the probes: end every scan now, with
 * that reason, rather than wait out each timeout. */
static void dead_sync(struct app *a)
{
	struct scan *sc[STACK_MAX * SCREEN_SCANS_MAX];
	size_t n = stack_scans(&a->st, sc, sizeof sc / sizeof sc[0]);
	enum lk_error why;

	if (!session_resolver_dead(a->s, &why))
		return;
	for (size_t i = 0; i < n; i++)
		if (!scan_finished(sc[i]))
			scan_fail_rest(sc[i], why);
	app_touch(a);
}

void app_sync(struct app *a, bool probes_ended)
{
	health_sync(a);
	if (probes_ended) {
		dead_sync(a);
		app_touch(a);
	}
}

/* ---- keys every screen shares ---- */

/* Act on what the screen on top asked for. */
static void request_run(struct app *a, const struct request *req)
{
	char err[256];

	if (req->msg[0])
		app_message(a, req->error, "%s", req->msg);
	if (req->kind != REQ_NONE && stack_route(&a->st, req, err, sizeof err) < 0) {
		app_message(a, true, "%s", err);
		return;
	}
	if (req->moved || req->kind != REQ_NONE)
		cursor_moved(a);
}

/* Enter in the prompt of f: the screen on top filters by the text. */
static void filter_entered(struct app *a)
{
	struct screen *top = stack_top(&a->st);
	struct request req = { .kind = REQ_NONE };

	prompt_close(&a->prompt);
	if (top && top->ops->filter) {
		top->ops->filter(top, a->prompt.buf, &req);
		request_run(a, &req);
	}
}

static void goto_entered(struct app *a)
{
	struct target t;
	char err[160];

	if (a->prompt.kind == PK_FILTER) {
		filter_entered(a);
		return;
	}
	if (a->prompt.len == 0) {
		prompt_close(&a->prompt);
		return;
	}
	if (target_parse(a->prompt.buf, &t, err, sizeof err) < 0 ||
	    stack_open_target(&a->st, &t, err, sizeof err) < 0) {
		snprintf(a->prompt.error, sizeof a->prompt.error, "%s", err);
		return;
	}
	prompt_close(&a->prompt);
	cursor_moved(a);
}

/* x: a snapshot of the screen on top in the current folder. */
static void snapshot_save(struct app *a, struct screen *top)
{
	char path[4096], cwd[4096];
	const struct scan *sc = screen_scan(top);
	const char *name = path;

	if (top->ops->snapshot(top, ".", time(NULL), path, sizeof path) < 0) {
		app_message(a, true, "cannot save a snapshot in the current folder: %s",
		            strerror(errno));
		return;
	}
	if (strncmp(name, "./", 2) == 0)
		name += 2;
	app_message(a, false, "saved %s%s in %s", name,
	            sc && scan_finished(sc) ? "" : " (unfinished: pending answers marked)",
	            getcwd(cwd, sizeof cwd) ? cwd : "the current folder");
}

/* r: probe the zones again when the resolver answered none of them,
 * and query the screen on top again, its old states dimmed meanwhile. */
static void requery(struct app *a, struct screen *top)
{
	enum lk_error why;

	if (a->s->opt->probe && session_resolver_dead(a->s, &why))
		session_probe_start(a->s);
	top->ops->restart(top, BQ_NOCACHE, true);
	app_message(a, false, "querying again, bypassing the cache; old states dimmed until answered");
}

/* 1-6 and 0: one zone of the profile alone, or all of them. */
static void layer_set(struct app *a, enum action act)
{
	size_t z;

	if (act == ACT_LAYER_ALL) {
		a->cx.layer = CTX_LAYER_ALL;
		app_message(a, false, "every zone: each address in its worst class");
		return;
	}
	z = (size_t)(act - ACT_LAYER_1);
	if (z >= a->s->nzones) {
		app_message(a, true, "the profile has %zu zones: keys 1 to %zu, 0 for all",
		            a->s->nzones, a->s->nzones);
		return;
	}
	a->cx.layer = (int)z;
	app_message(a, false, "%s alone (%s): 0 shows every zone again",
	            a->s->profile->zones[z].key, a->s->profile->zones[z].title);
}

/* The demo rewrote its zones: every screen queries the new backend. */
static void backend_changed(struct app *a)
{
	/* The PTR cache must not keep a pointer to a freed backend. */
	ptr_close(&a->ptr);
	ptr_init(&a->ptr, a->s->be, on_changed, a);
	stack_backend_changed(&a->st);
	app_touch(a);
}

/* p P i u U: the demo's policy and scenario. */
static void demo_key(struct app *a, struct screen *top, enum action act)
{
	struct focus f = { 0 };
	enum sim_result r;

	if (!a->demo) {
		app_message(a, true, "policies and impacts can be changed in the demo only (--demo)");
		return;
	}
	top->ops->focus(top, &f);
	switch (act) {
	case ACT_POLICY_NEXT: case ACT_POLICY_PREV:
		r = sim_policy(a->s, a->demo, act == ACT_POLICY_NEXT ? 1 : -1, f.asn, a->msg,
		               sizeof a->msg);
		break;
	case ACT_IMPACT:
		if (!f.has_ip) {
			app_message(a, true, "impact: no address selected");
			return;
		}
		r = sim_impact(a->s, a->demo, f.ip, a->msg, sizeof a->msg);
		break;
	case ACT_UNDO: r = sim_undo(a->s, a->demo, a->msg, sizeof a->msg); break;
	default: r = sim_reset(a->s, a->demo, a->msg, sizeof a->msg); break;
	}
	a->fr.msg_error = r != SIM_DONE && r != SIM_NOTHING;
	if (r == SIM_FATAL) {
		a->fatal = true;
		a->quit = true;
	} else if (r == SIM_DONE) {
		backend_changed(a);
	}
}

/* q on the first screen: quit, asking first when the demo changed. */
static void quit_ask(struct app *a)
{
	if (a->demo && sim_changed(a->demo)) {
		a->confirm = true;
		app_message(a, false, "quit? the demo's policy and impacts are lost: "
		            "y quits, any other key stays");
		return;
	}
	a->quit = true;
}

static void action_run(struct app *a, enum action act)
{
	struct screen *top = stack_top(&a->st);
	struct request req = { .kind = REQ_NONE };

	if (!top)
		return;
	switch (act) {
	case ACT_GOTO: prompt_open(&a->prompt, PK_GOTO); break;
	case ACT_FILTER:
		if (top->ops->filter)
			prompt_open(&a->prompt, PK_FILTER);
		break;
	case ACT_CENSUS:
		req.kind = REQ_CENSUS;
		request_run(a, &req);
		break;
	case ACT_MAP: {
		struct focus fo = { 0 };

		/* The whole space, on the cell of what is selected now. */
		top->ops->focus(top, &fo);
		req.kind = REQ_MAP;
		req.ip = fo.has_ip ? fo.ip : 0;
		request_run(a, &req);
		break;
	}
	case ACT_HELP: a->fr.help = true; a->fr.help_scroll = 0; break;
	case ACT_REDRAW: clearok(curscr, TRUE); break;
	case ACT_QUIT: quit_ask(a); break;
	case ACT_BACK:
		if (stack_back(&a->st))
			cursor_moved(a);
		break;
	case ACT_POLICY_NEXT: case ACT_POLICY_PREV: case ACT_IMPACT: case ACT_UNDO: case ACT_RESET:
		demo_key(a, top, act);
		break;
	case ACT_REQUERY: requery(a, top); break;
	case ACT_SAVE: snapshot_save(a, top); break;
	case ACT_NONE: break;
	default:
		if (act == ACT_LAYER_ALL || (act >= ACT_LAYER_1 && act < ACT_LAYER_1 + ACT_LAYER_MAX)) {
			layer_set(a, act);
			break;
		}
		top->ops->action(top, act, &req);
		request_run(a, &req);
		break;
	}
}

static void mouse_handle(struct app *a)
{
	struct screen *top = stack_top(&a->st);
	struct request req = { .kind = REQ_NONE };
	MEVENT ev;

	if (!top || getmouse(&ev) != OK)
		return;
	if (ev.bstate & (BUTTON4_PRESSED | BUTTON5_PRESSED)) {
		int lines = ev.bstate & BUTTON4_PRESSED ? -WHEEL_LINES : WHEEL_LINES;

		if (a->fr.help)
			a->fr.help_scroll += lines;
		else
			top->ops->wheel(top, lines);
		cursor_moved(a);
		return;
	}
	if (!(ev.bstate & (BUTTON1_PRESSED | BUTTON1_CLICKED)))
		return;
	if (a->fr.help) {
		a->fr.help = false;
		return;
	}
	top->ops->click(top, ev.x, ev.y, &req);
	request_run(a, &req);
}

/* A key while the help shows: arrows scroll it, any other closes it. */
static void help_key(struct app *a, int ch)
{
	int page = a->lay.rows > 8 ? a->lay.rows - 6 : 1;

	switch (ch) {
	case KEY_UP: case 'k': a->fr.help_scroll--; break;
	case KEY_DOWN: case 'j': a->fr.help_scroll++; break;
	case KEY_PPAGE: a->fr.help_scroll -= page; break;
	case KEY_NPAGE: a->fr.help_scroll += page; break;
	case KEY_HOME: a->fr.help_scroll = 0; break;
	case KEY_END: a->fr.help_scroll = 1 << 20; break;
	case KEY_MOUSE: mouse_handle(a); break;
	default: a->fr.help = false; break;
	}
}

void app_key(struct app *a, int ch)
{
	if (ch == KEY_RESIZE)
		return;   /* app_draw lays the screen out anew */
	a->msg[0] = '\0';   /* a message stays until the next key */
	if (a->lay.too_small) {
		/* Nothing is shown to act on: only q, as the screen says. */
		if (ch == 'q' || ch == 'Q')
			a->quit = true;
		return;
	}
	if (a->confirm) {
		a->confirm = false;
		if (ch == 'y' || ch == 'Y')
			a->quit = true;
		return;
	}
	if (a->prompt.active) {
		switch (prompt_feed(&a->prompt, ch)) {
		case PR_DONE: goto_entered(a); break;
		case PR_CANCEL: prompt_close(&a->prompt); break;
		default: break;
		}
	} else if (a->fr.help) {
		help_key(a, ch);
	} else if (ch == KEY_MOUSE) {
		mouse_handle(a);
	} else {
		action_run(a, keys_action(app_scope(a), ch));
	}
}

void app_close(struct app *a)
{
	loop_timer_cancel(a->s->lp, &a->redraw);
	loop_timer_cancel(a->s->lp, &a->ptr_wait);
	ptr_close(&a->ptr);
	stack_free(&a->st);
	policy_set_free(&a->rules);
}
