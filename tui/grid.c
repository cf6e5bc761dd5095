/* The grid screen.  Each cell is five columns: a mark (cursor, or the
 * ASN layer's "another ASN"), the glyph of its class and the last octet,
 * so sixteen fit in 80 columns and the class reads without colour. */
#include "tui/grid.h"

#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "core/base/ip.h"
#include "core/export/diffreport.h"
#include "core/export/export.h"
#include "core/scan/legend.h"
#include "core/scan/record.h"
#include "tui/cells.h"
#include "tui/draw.h"
#include "tui/detail.h"
#include "tui/status.h"



/* ---- the model ---- */

static void seen_note(struct gridscreen *g)
{
	const struct scan *sc = g->sc;
	struct scan_tally t;
	size_t unknown = 0;

	scan_tally(sc, &t);
	for (size_t z = 0; z < sc->nzones; z++)
		if (sc->profile->zones[z].role == ZR_SINGLE && t.error[z] > unknown)
			unknown = t.error[z];
	seen_record(g->base.cx->seen, g->view.base, sc->ncells, t.guilty, unknown);
}

/* --record: the scan, finished, into the history; why it could not be
 * is the detail panel's history line until a record succeeds. */
static void history_note(struct gridscreen *g)
{
	struct session *s = g->base.cx->s;
	char net[CIDR_STRLEN], err[sizeof s->history_note];

	cidr_format(g->sc->net, g->sc->prefix, net);
	if (session_record(s, g->sc, net, err, sizeof err) < 0)
		snprintf(s->history_note, sizeof s->history_note, "not recorded: %.480s", err);
	else if (s->opt->record)
		s->history_note[0] = '\0';
}

static void on_answer(void *arg, size_t cell, size_t zone)
{
	struct gridscreen *g = arg;

	(void)cell;
	(void)zone;
	/* A /24 scanned to the end tells the overview its guilty count. */
	if (scan_finished(g->sc)) {
		seen_note(g);
		history_note(g);
	}
	ctx_changed(g->base.cx);
}

/* Scan the range of the view (qflags: BQ_NOCACHE or 0); keep leaves
 * the old answers shown until new ones come.  False when out of memory. */
static bool rescan(struct gridscreen *g, unsigned qflags, bool keep)
{
	struct session *s = g->base.cx->s;
	const struct options *o = s->opt;
	struct scan *sc = g->sc;

	if (keep && sc && sc->net == g->view.net && sc->prefix == g->view.prefix) {
		scan_requery(sc, s->lp, s->be, o->rate, o->window, session_qflags(s) | qflags);
		return true;
	}
	if (sc)
		scan_free(sc);
	else
		sc = malloc(sizeof *sc);
	if (!sc || scan_init(sc, s->profile, s->zones, g->view.net, g->view.prefix, s->db) < 0) {
		if (sc)
			scan_free(sc);
		free(sc);
		g->sc = NULL;
		return false;
	}
	g->sc = sc;
	sc->on_answer = on_answer;
	sc->on_answer_arg = g;
	session_distrust_scan(s, sc);
	scan_start(sc, s->lp, s->be, o->rate, o->window, session_qflags(s) | qflags);
	return true;
}

struct screen *grid_new(const struct ctx *cx, const struct target *t, char *err, size_t errlen)
{
	struct gridscreen *g;

	if (t->kind != TARGET_NET) {
		snprintf(err, errlen, "the grid shows networks and addresses");
		return NULL;
	}
	if (!(g = calloc(1, sizeof *g))) {
		snprintf(err, errlen, "out of memory");
		return NULL;
	}
	g->base = (struct screen){ &grid_ops, cx, false };
	view_init(&g->view, t);
	/* A DB error leaves it unknown, as for no DB. */
	g->target_asn = ASN_INFO_NONE;
	if (cx->s->db)
		(void)asn_db_lookup(cx->s->db, t->focus, &g->target_asn);
	if (!rescan(g, 0, false)) {
		free(g);
		snprintf(err, errlen, "out of memory: cannot scan this range");
		return NULL;
	}
	return &g->base;
}

const struct scan_cell *grid_cursor_cell(const struct gridscreen *g)
{
	return g->sc ? scan_cell_of(g->sc, g->view.cursor) : NULL;
}

int grid_class_of(const struct gridscreen *g, uint32_t ip, bool *stale)
{
	const struct scan_cell *c = g->sc ? scan_cell_of(g->sc, ip) : NULL;

	if (stale)
		*stale = false;
	return c ? (int)scan_cell_shown(g->sc, c, g->base.cx->layer, stale) : -1;
}

bool grid_other_asn(const struct gridscreen *g, uint32_t ip)
{
	const struct scan_cell *c = g->sc ? scan_cell_of(g->sc, ip) : NULL;

	if (!c || !g->target_asn.found)
		return false;
	return !c->asn.found || c->asn.asn != g->target_asn.asn;
}

void grid_detail_in(const struct gridscreen *g, struct detail_in *in)
{
	*in = (struct detail_in){ .view = &g->view, .sc = g->sc, .c = grid_cursor_cell(g),
	                          .cls = grid_class_of(g, g->view.cursor, NULL),
	                          .target_asn = &g->target_asn,
	                          .other_asn = grid_other_asn(g, g->view.cursor) };
}

/* ---- the cells ---- */

/* What one cell shows: strings and attributes, decided once for both
 * the screen and the plain-text rendering. */
/* --since: does ip read otherwise than in the snapshot?  Pending
 * answers are not compared yet. */
static bool grid_changed(const struct gridscreen *g, uint32_t ip)
{
	const struct snapshot *since = g->base.cx->since;
	const struct scan_cell *c = g->sc ? scan_cell_of(g->sc, ip) : NULL;
	const struct snap_row *r = since && c ? snapshot_row(since, ip) : NULL;

	if (!r || since->profile.nzones != g->sc->nzones)
		return false;
	for (size_t z = 0; z < g->sc->nzones; z++)
		if (c->zone[z].state == LK_PENDING)
			return false;
	return diff_cell_changed(r, c->zone, g->sc->nzones, NULL);
}

static void cell_look(const void *owner, unsigned cell, struct cell_look *l)
{
	const struct gridscreen *g = owner;
	const struct ctx *cx = g->base.cx;
	uint32_t ip = g->view.base | cell;
	bool stale;
	int cls = grid_class_of(g, ip, &stale);

	snprintf(l->octet, sizeof l->octet, "%3u", cell);
	l->mark = " ";
	l->mark_attr = A_NORMAL;
	if (cls < 0) {
		l->glyph = " ";
		l->attr = theme_elem_attr(cx->th, TE_OUTSIDE);
	} else {
		l->glyph = theme_glyph(cx->th, (enum cell_class)cls);
		l->attr = cells_class_attr(cx, (enum cell_class)cls, stale);
	}
	l->octet_attr = l->attr;
	/* Listings and errors fill a big cell; clean and pending stay calm. */
	l->fill = cls == CC_GUILTY || cls == CC_RANGE || cls == CC_ASN || cls == CC_ERROR;
	if (ip == g->view.cursor) {
		l->mark = theme_sym(cx->th, TS_CURSOR);
		l->mark_attr = theme_elem_attr(cx->th, TE_CURSOR);
		/* The octet reversed shows the cursor on every class, in colour
		 * and in monochrome; the glyph keeps its look (a full block
		 * reversed would vanish). */
		l->octet_attr = (l->attr ^ A_REVERSE) | A_BOLD;
	} else if (g->asn_layer && grid_other_asn(g, ip)) {
		l->mark = theme_sym(cx->th, TS_OTHER_ASN);
		l->mark_attr = theme_elem_attr(cx->th, TE_OTHER_ASN);
	} else if (grid_changed(g, ip)) {
		l->mark = theme_sym(cx->th, TS_CHANGED);
		l->mark_attr = theme_elem_attr(cx->th, TE_WARN) | A_BOLD;
	}
}

void grid_row_text(const struct gridscreen *g, int row, char *out, size_t len)
{
	cells_row_text(g, cell_look, row, out, len);
}

/* ---- the interface ---- */

static void grid_title(const struct screen *scr, char *out, size_t len)
{
	const struct gridscreen *g = (const struct gridscreen *)scr;
	size_t used;

	out[0] = '\0';
	status_title(out, len, &g->view, NULL);
	used = strlen(out);
	if (g->asn_layer && used + 16 < len)
		snprintf(out + used, len - used, "  [ASN layer]");
}

static const char *grid_meaning(enum cell_class cls)
{
	return legend_of(cls)->meaning_tpl;
}

static void grid_draw(const struct screen *scr)
{
	const struct gridscreen *g = (const struct gridscreen *)scr;
	const struct ctx *cx = scr->cx;
	struct detail_in in;

	if (!g->sc)
		draw_text(cx->lay->grid_y, 1, cx->lay->cols - 1, theme_elem_attr(cx->th, TE_ERROR),
		          "out of memory: cannot scan this range", cx->th->utf8);
	if (g->sc) {
		cells_draw(cx, g, cell_look);
		summary_draw(cx, g->sc);
		warnline_draw(cx);
		grid_detail_in(g, &in);
		detail_draw(cx, &in);
	}
	notes_draw(cx);
}

static void asn_layer_toggle(struct gridscreen *g, struct request *req)
{
	const struct session *s = g->base.cx->s;

	if (!s->db) {
		request_say(req, true, "ASN layer: %s", s->db_note[0] ? s->db_note : "no ASN database");
		return;
	}
	if (!g->target_asn.found) {
		request_say(req, true, "ASN layer: the target is not in the ASN database");
		return;
	}
	g->asn_layer = !g->asn_layer;
	if (g->asn_layer)
		request_say(req, false, "ASN layer: addresses outside AS%u are marked",
		            (unsigned)g->target_asn.asn);
}

/* a: the ASN view of the selected address's ASN, as its scan found it
 * (or from the database when the address is outside the scanned part). */
static void asn_of_cursor(const struct gridscreen *g, struct request *req)
{
	const struct session *s = g->base.cx->s;
	const struct scan_cell *c = grid_cursor_cell(g);
	struct asn_info info = ASN_INFO_NONE;
	char ip[IP4_STRLEN];

	ip4_format(g->view.cursor, ip);
	if (!s->db) {
		request_say(req, true, "ASN view: %s", s->db_note[0] ? s->db_note :
		            "no ASN database (--db)");
		return;
	}
	if (c)
		info = c->asn;
	else if (asn_db_lookup(s->db, g->view.cursor, &info) < 0)
		info.found = false;
	if (!info.found || info.asn == 0) {
		request_say(req, true, "ASN view: %s is in no ASN of the database", ip);
		return;
	}
	req->kind = REQ_ASN;
	req->asn = info.asn;
}

static void grid_action(struct screen *scr, enum action act, struct request *req)
{
	static const int moves[][2] = {
		[ACT_LEFT] = { -1, 0 }, [ACT_RIGHT] = { 1, 0 },
		[ACT_UP] = { 0, -1 }, [ACT_DOWN] = { 0, 1 },
	};
	struct gridscreen *g = (struct gridscreen *)scr;

	switch (act) {
	case ACT_LEFT: case ACT_RIGHT: case ACT_UP: case ACT_DOWN:
		req->moved = view_move(&g->view, moves[act][0], moves[act][1]);
		break;
	case ACT_FIRST: case ACT_LAST:
		view_select(&g->view, act == ACT_FIRST ? 0 : 255);
		req->moved = true;
		break;
	case ACT_PREV24: case ACT_NEXT24:
		if (view_step(&g->view, act == ACT_PREV24 ? -1 : 1)) {
			if (!rescan(g, 0, false))
				request_say(req, true, "out of memory: cannot scan this range");
			req->moved = true;
		}
		break;
	case ACT_ASN_LAYER: asn_layer_toggle(g, req); break;
	case ACT_ASN_VIEW: asn_of_cursor(g, req); break;
	case ACT_OVERVIEW:
		req->kind = REQ_OVERVIEW;
		req->ip = g->view.cursor;
		break;
	case ACT_CHECK:
		req->kind = REQ_CHECK;
		req->ip = g->view.cursor;
		break;
	default: break;
	}
}

static void grid_click(struct screen *scr, int x, int y, struct request *req)
{
	struct gridscreen *g = (struct gridscreen *)scr;
	int cell = layout_cell_at(scr->cx->lay, x, y);

	if (cell >= 0) {
		view_select(&g->view, (unsigned)cell);
		req->moved = true;
	}
}

static void grid_wheel(struct screen *scr, int lines)
{
	struct gridscreen *g = (struct gridscreen *)scr;

	view_move(&g->view, 0, lines);
}

static size_t grid_scans(struct screen *scr, struct scan **out, size_t max)
{
	struct gridscreen *g = (struct gridscreen *)scr;

	if (!g->sc || max == 0)
		return 0;
	out[0] = g->sc;
	return 1;
}

static void grid_restart(struct screen *scr, unsigned qflags, bool keep)
{
	rescan((struct gridscreen *)scr, qflags, keep);
}

static int grid_snapshot(const struct screen *scr, const char *dir, time_t when, char *path,
                         size_t len)
{
	const struct gridscreen *g = (const struct gridscreen *)scr;
	char policy[DEMO_POLICY_LINE_MAX];

	if (!g->sc) {
		path[0] = '\0';
		errno = ENOMEM;
		return -1;
	}
	return export_snapshot_file(dir, scr->cx->s, g->sc,
	                            demo_policy_line(scr->cx->demo, policy, sizeof policy), when,
	                            path, len);
}

static void grid_focus(const struct screen *scr, struct focus *f)
{
	const struct gridscreen *g = (const struct gridscreen *)scr;
	const struct scan_cell *c = grid_cursor_cell(g);

	f->has_ip = true;
	f->ip = g->view.cursor;
	f->asn = c && c->asn.found ? c->asn.asn : g->target_asn.found ? g->target_asn.asn : 0;
}

static void grid_destroy(struct screen *scr)
{
	struct gridscreen *g = (struct gridscreen *)scr;

	if (g->sc)
		scan_free(g->sc);
	free(g->sc);
	free(g);
}

const struct screen_ops grid_ops = {
	.name = "grid",
	.scope = KS_GRID,
	.grid_layout = true,
	.title = grid_title,
	.meaning = grid_meaning,
	.draw = grid_draw,
	.action = grid_action,
	.click = grid_click,
	.wheel = grid_wheel,
	.scans = grid_scans,
	.restart = grid_restart,
	.snapshot = grid_snapshot,
	.focus = grid_focus,
	.destroy = grid_destroy,
};
