/* What keys and clicks do.  The keys every screen shares are handled
 * here; the rest go to the screen shown (tui/screen.h), the grid's to
 * the functions below. */
#include "tui/actions.h"

#include <errno.h>
#include <stdio.h>
#include <string.h>
#include <time.h>
#include <unistd.h>

#include "core/export/export.h"
#include "core/base/ip.h"
#include "tui/app.h"
#include "tui/asnview.h"
#include "tui/curses.h"
#include "tui/overview.h"
#include "tui/screen.h"
#include "tui/simulate.h"

void app_saved(struct app *a, int rc, const char *path, bool finished)
{
	char cwd[4096];

	if (rc < 0) {
		app_message(a, true, "cannot save a snapshot in the current folder: %s",
		            strerror(errno));
		return;
	}
	if (strncmp(path, "./", 2) == 0)
		path += 2;
	app_message(a, false, "saved %s%s in %s", path,
	            finished ? "" : " (unfinished: pending answers marked)",
	            getcwd(cwd, sizeof cwd) ? cwd : "the current folder");
}

/* ---- the grid ---- */

static void snapshot_save(struct app *a)
{
	char path[4096], policy[DEMO_POLICY_LINE_MAX];
	int rc;

	if (!a->sc)
		return;
	rc = export_snapshot_file(".", a->s, a->sc, demo_policy_line(a->demo, policy, sizeof policy),
	                          time(NULL), path, sizeof path);
	app_saved(a, rc, path, scan_finished(a->sc));
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

/* a: the ASN view of the selected address's ASN, as its scan found it
 * (or from the database when the address is outside the scanned part). */
static void asn_view_of_cursor(struct app *a)
{
	const struct scan_cell *c = app_cursor_cell(a);
	struct asn_info info = { 0 };
	char ip[IP4_STRLEN], err[256];

	ip4_format(a->view.cursor, ip);
	if (!a->s->db) {
		app_message(a, true, "ASN view: %s", a->s->db_note[0] ? a->s->db_note :
		            "no ASN database (--db)");
		return;
	}
	if (c)
		info = c->asn;
	else if (asn_db_lookup(a->s->db, a->view.cursor, &info) < 0)
		info.found = false;
	if (!info.found || info.asn == 0) {
		app_message(a, true, "ASN view: %s is in no ASN of the database", ip);
		return;
	}
	if (asnview_open(a, info.asn, err, sizeof err) < 0)
		app_message(a, true, "ASN view: %s", err);
}

static void overview_of_cursor(struct app *a)
{
	char err[256];

	if (overview_open(a, a->view.cursor, err, sizeof err) < 0)
		app_message(a, true, "overview: %s", err);
}

void grid_action(struct app *a, enum action act)
{
	static const int moves[][2] = {
		[ACT_LEFT] = { -1, 0 }, [ACT_RIGHT] = { 1, 0 },
		[ACT_UP] = { 0, -1 }, [ACT_DOWN] = { 0, 1 },
	};

	switch (act) {
	case ACT_LEFT: case ACT_RIGHT: case ACT_UP: case ACT_DOWN:
		if (view_move(&a->view, moves[act][0], moves[act][1]))
			app_cursor_moved(a);
		break;
	case ACT_FIRST: case ACT_LAST:
		view_select(&a->view, act == ACT_FIRST ? 0 : 255);
		app_cursor_moved(a);
		break;
	case ACT_PREV24: case ACT_NEXT24:
		if (view_step(&a->view, act == ACT_PREV24 ? -1 : 1)) {
			app_scan(a, 0);
			app_cursor_moved(a);
		}
		break;
	case ACT_REQUERY:
		app_reprobe(a);
		app_scan(a, BQ_NOCACHE);
		app_message(a, false, "querying again, bypassing the cache");
		break;
	case ACT_SAVE: snapshot_save(a); break;
	case ACT_ASN_LAYER: asn_layer_toggle(a); break;
	case ACT_ASN_VIEW: asn_view_of_cursor(a); break;
	case ACT_OVERVIEW: overview_of_cursor(a); break;
	default: break;
	}
}

void grid_click(struct app *a, int x, int y)
{
	int cell = layout_cell_at(&a->lay, x, y);

	if (cell >= 0) {
		view_select(&a->view, (unsigned)cell);
		app_cursor_moved(a);
	}
}

/* ---- every screen ---- */

static void goto_entered(struct app *a)
{
	struct target t;
	char err[160];

	if (a->prompt.len == 0) {
		prompt_close(&a->prompt);
		return;
	}
	if (target_parse(a->prompt.buf, &t, err, sizeof err) < 0 ||
	    app_show_target(a, &t, err, sizeof err) < 0) {
		snprintf(a->prompt.error, sizeof a->prompt.error, "%s", err);
		return;
	}
	prompt_close(&a->prompt);
}

static void action_run(struct app *a, enum action act)
{
	switch (act) {
	case ACT_GOTO: prompt_open(&a->prompt); break;
	case ACT_HELP: a->help = true; break;
	case ACT_REDRAW: clearok(curscr, TRUE); break;
	case ACT_QUIT: a->quit = true; break;
	case ACT_BACK: app_show_grid(a); break;
	case ACT_POLICY_NEXT: case ACT_POLICY_PREV:
		sim_policy(a, act == ACT_POLICY_NEXT ? 1 : -1);
		break;
	case ACT_IMPACT: sim_impact(a); break;
	case ACT_NONE: break;
	default: screen_of(a)->action(a, act); break;
	}
}

static void mouse_handle(struct app *a)
{
	MEVENT ev;

	if (getmouse(&ev) != OK || !(ev.bstate & (BUTTON1_PRESSED | BUTTON1_CLICKED)))
		return;
	screen_of(a)->click(a, ev.x, ev.y);
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
		action_run(a, keys_action(app_scope(a), ch));
	}
}
