/* The range overview: its model, keys and drawing.  The map has the
 * grid's shape (16 rows of 16 five-column cells), so the layout of the
 * grid (tui/layout.h) places and hit-tests it too. */
#include "tui/overview.h"

#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

#include "core/base/ip.h"
#include "core/scan/legend.h"
#include "core/export/snapfile.h"
#include "tui/cells.h"
#include "tui/draw.h"
#include "tui/text.h"

#define SLASH16 0xffff0000u
/* Lines the block and its AS name take at most: a longer name is cut, so
 * that the probe below stays in view. */
#define BLOCK_ROWS 2

/* Per class, what it says about a /24 block, in the slots of
 * legend_words: one probe speaks for the whole block, which the legend
 * must not hide. */
static const char *const meanings[CC_COUNT] = {
	[CC_GUILTY] = "scanned here: some addresses are listed on {single}",
	[CC_RANGE] = "collateral: its .0 address is in a range listed on {range}",
	[CC_ASN] = "collateral: its .0 address is in an ASN listed on {asn}",
	[CC_ERROR] = "the probe failed: state unknown, not clean",
	[CC_PENDING] = "waiting for the probe",
	[CC_CLEAN] = "its .0 address is clean on every zone probed",
};

const char *overview_meaning(enum cell_class cls)
{
	return (unsigned)cls < CC_COUNT ? meanings[cls] : "";
}

/* ---- the model ---- */



static void on_probe(void *arg, size_t cell, size_t zone)
{
	const struct overview *ov = arg;

	(void)cell;
	(void)zone;
	ctx_changed(ov->base.cx);
}

/* Probe the blocks of the /16 (qflags as for scan_start). */
static void probe(struct overview *ov, unsigned qflags, bool keep)
{
	struct session *s = ov->base.cx->s;

	ov->sc.on_answer = on_probe;
	ov->sc.on_answer_arg = ov;
	session_distrust_scan(s, &ov->sc);
	if (keep)
		scan_requery(&ov->sc, s->lp, s->be, s->opt->rate, s->opt->window,
		             session_qflags(s) | qflags);
	else
		scan_start(&ov->sc, s->lp, s->be, s->opt->rate, s->opt->window,
		           session_qflags(s) | qflags);
}

/* Make the scan of the /16 holding ip.  0, or -1 with a reason. */
static int blocks_init(struct overview *ov, uint32_t ip, char *err, size_t errlen)
{
	uint32_t probes[OVERVIEW_BLOCKS];

	ov->net = ip & SLASH16;
	ov->cursor = (ip >> 8) & 0xff;
	for (unsigned b = 0; b < OVERVIEW_BLOCKS; b++)
		probes[b] = ov->net | b << 8;
	if (scan_init_list(&ov->sc, &ov->sub, ov->zones, probes, OVERVIEW_BLOCKS,
	                   ov->base.cx->s->db) < 0) {
		snprintf(err, errlen, "out of memory");
		scan_free(&ov->sc);
		return -1;
	}
	return 0;
}

struct screen *overview_new(const struct ctx *cx, uint32_t ip, char *err, size_t errlen)
{
	struct overview *ov = calloc(1, sizeof *ov);

	if (!ov) {
		snprintf(err, errlen, "out of memory");
		return NULL;
	}
	ov->base = (struct screen){ &overview_ops, cx, false };
	if (session_reach_profile(cx->s, &ov->sub, ov->zones) < 0) {
		snprintf(err, errlen, "profile %s has no range or ASN zone", cx->s->profile->name);
		free(ov);
		return NULL;
	}
	ov->octet = ip & 0xff;
	if (blocks_init(ov, ip, err, errlen) < 0) {
		free(ov);
		return NULL;
	}
	probe(ov, 0, false);
	return &ov->base;
}

static const struct seen_entry *block_seen(const struct overview *ov, unsigned block)
{
	return seen_find(ov->base.cx->seen, ov->net | block << 8);
}

/* The zone of the probes that the context's layer shows alone: -1 for
 * all, -2 for a zone the probes do not ask (the single zone). */
static int layer_zone(const struct overview *ov)
{
	const struct ctx *cx = ov->base.cx;

	if (cx->layer < 0 || (size_t)cx->layer >= cx->s->nzones)
		return -1;
	for (size_t z = 0; z < ov->sub.nzones; z++)
		if (ov->zones[z] == cx->s->zones[cx->layer])
			return (int)z;
	return -2;
}

/* The class of block and whether it is from before a re-query. */
static enum cell_class block_class(const struct overview *ov, unsigned block, bool *stale)
{
	const struct seen_entry *e = block_seen(ov, block);
	int zone = layer_zone(ov);

	*stale = false;
	if (zone == -2)   /* the single zone alone: only the scans of this run know it */
		return !e ? CC_PENDING : e->guilty ? CC_GUILTY : e->errors ? CC_ERROR : CC_CLEAN;
	if (e && e->guilty && zone == -1)
		return CC_GUILTY;
	return scan_cell_shown(&ov->sc, &ov->sc.cells[block], zone, stale);
}

enum cell_class overview_block_class(const struct overview *ov, unsigned block)
{
	bool stale;

	return block_class(ov, block, &stale);
}

void overview_tally(const struct overview *ov, struct overview_tally *t)
{
	memset(t, 0, sizeof *t);
	for (unsigned b = 0; b < OVERVIEW_BLOCKS; b++) {
		const struct seen_entry *e = block_seen(ov, b);

		t->cls[overview_block_class(ov, b)]++;
		if (e) {
			t->scanned++;
			t->guilty += e->guilty;
		}
	}
}

/* ---- text ---- */

/* What one map cell shows, for the screen and the plain text alike. */
static void block_look(const void *owner, unsigned block, struct cell_look *l)
{
	const struct overview *ov = owner;
	const struct theme *th = ov->base.cx->th;
	bool stale;
	enum cell_class cls = block_class(ov, block, &stale);

	snprintf(l->octet, sizeof l->octet, "%3u", block);
	l->glyph = theme_glyph(th, cls);
	l->attr = cells_class_attr(ov->base.cx, cls, stale);
	l->mark = " ";
	l->mark_attr = A_NORMAL;
	l->octet_attr = l->attr;
	l->fill = cls == CC_GUILTY || cls == CC_RANGE || cls == CC_ASN || cls == CC_ERROR;
	if (block == ov->cursor) {
		l->mark = theme_sym(th, TS_CURSOR);
		l->mark_attr = theme_elem_attr(th, TE_CURSOR);
		l->octet_attr = (l->attr ^ A_REVERSE) | A_BOLD;
	} else if (block_seen(ov, block)) {
		l->mark = theme_sym(th, TS_SCANNED);
		l->mark_attr = theme_elem_attr(th, TE_SCANNED);
	}
}

void overview_row_text(const struct overview *ov, int row, char *out, size_t len)
{
	cells_row_text(ov, block_look, row, out, len);
}

static void overview_title(const struct screen *scr, char *out, size_t len)
{
	char net[CIDR_STRLEN];

	cidr_format(((const struct overview *)scr)->net, 16, net);
	snprintf(out, len, "rblscope  %s  overview: 256 /24s, one probe each", net);
}

static void line_add(struct overview_line *out, size_t *n, size_t max, const char *label,
                     bool listed, const char *fmt, ...) __attribute__((format(printf, 6, 7)));

static void line_add(struct overview_line *out, size_t *n, size_t max, const char *label,
                     bool listed, const char *fmt, ...)
{
	va_list ap;

	if (*n >= max)
		return;
	out[*n].label = label;
	out[*n].listed = listed;
	out[*n].rows = 0;
	va_start(ap, fmt);
	vsnprintf(out[*n].value, sizeof out[*n].value, fmt, ap);
	va_end(ap);
	(*n)++;
}

/* "l2 listed, l3 clean" for the probe of a block. */
static void probe_text(const struct overview *ov, const struct scan_cell *c, char *out, size_t len)
{
	size_t used = 0;

	out[0] = '\0';
	for (size_t z = 0; z < ov->sub.nzones; z++) {
		const struct lookup *l = &c->zone[z];

		text_appendf(out, len, &used, "%s%s %s%s%s", z ? ", " : "", ov->sub.zones[z].key,
		             lk_state_name(l->state), l->state == LK_ERROR ? ": " : "",
		             l->state == LK_ERROR ? lk_error_text(l->error) : "");
	}
}

size_t overview_detail(const struct overview *ov, struct overview_line *out, size_t max)
{
	const struct scan_cell *c = &ov->sc.cells[ov->cursor];
	const struct seen_entry *e = block_seen(ov, ov->cursor);
	enum cell_class cls = overview_block_class(ov, ov->cursor);
	const struct profile *p = ov->base.cx->s->profile;
	const char *single = profile_role_label(p, ZR_SINGLE);
	char net[CIDR_STRLEN], ip[IP4_STRLEN], text[OVERVIEW_LINE_MAX], label[LEGEND_LABEL_MAX];
	size_t n = 0;

	cidr_format(c->ip, 24, net);
	ip4_format(c->ip, ip);
	legend_label(cls, p, label, sizeof label);
	if (c->asn.found && c->asn.asn)
		line_add(out, &n, max, "block", cls == CC_GUILTY || cls == CC_RANGE || cls == CC_ASN,
		         "%s  %s  AS%u %s", net, label, (unsigned)c->asn.asn, c->asn.org);
	else
		line_add(out, &n, max, "block", cls == CC_GUILTY || cls == CC_RANGE || cls == CC_ASN,
		         "%s  %s  %s", net, label,
		         ov->base.cx->s->db ? "not in the ASN database" : "no ASN database");
	if (n)
		out[0].rows = BLOCK_ROWS;
	probe_text(ov, c, text, sizeof text);
	line_add(out, &n, max, "probe", false, "%s: %s", ip, text);
	if (e)
		line_add(out, &n, max, single, e->guilty > 0, "%u of %u addresses guilty%s (scanned "
		         "in this session)", (unsigned)e->guilty, (unsigned)e->cells,
		         e->errors ? ", some unknown" : "");
	else
		line_add(out, &n, max, single, false, "not scanned yet: Enter scans its addresses");
	/* The texts last: they are long, and a short terminal cuts them. */
	for (size_t z = 0; z < ov->sub.nzones; z++)
		if (c->zone[z].state == LK_LISTED && c->zone[z].txt[0])
			line_add(out, &n, max, ov->sub.zones[z].key, true, "%s", c->zone[z].txt);
	return n;
}

/* ---- actions ---- */

static void open_block(const struct overview *ov, struct request *req)
{
	uint32_t net = ov->net | ov->cursor << 8;

	req->kind = REQ_TARGET;
	/* The same last octet as the address the overview was opened on. */
	req->target = (struct target){ .kind = TARGET_NET, .net = net, .prefix = 24,
	                               .focus = net | ov->octet };
	ip4_format(req->target.focus, req->target.text);
}

static void open_asn(const struct overview *ov, struct request *req)
{
	const struct scan_cell *c = &ov->sc.cells[ov->cursor];

	if (!c->asn.found || c->asn.asn == 0) {
		request_say(req, true, "ASN view: %s", ov->base.cx->s->db ?
		            "this /24 is in no ASN of the database" : "no ASN database (--db)");
		return;
	}
	req->kind = REQ_ASN;
	req->asn = c->asn.asn;
}

/* [ and ]: the previous or next /16, cursor on the same block. */
static void step16(struct overview *ov, int dir, struct request *req)
{
	uint32_t net = ov->net;
	char err[256];

	if ((dir < 0 && net == 0) || (dir > 0 && net == SLASH16))
		return;
	net = dir < 0 ? net - 0x10000u : net + 0x10000u;
	scan_free(&ov->sc);
	if (blocks_init(ov, net | ov->cursor << 8, err, sizeof err) < 0) {
		/* Nothing left to show: back to the /16 it was on. */
		if (blocks_init(ov, ov->net | ov->cursor << 8, err, sizeof err) == 0)
			probe(ov, 0, false);
		request_say(req, true, "overview: %s", err);
		return;
	}
	probe(ov, 0, false);
}

static void overview_action(struct screen *scr, enum action act, struct request *req)
{
	static const int moves[][2] = {
		[ACT_LEFT] = { -1, 0 }, [ACT_RIGHT] = { 1, 0 },
		[ACT_UP] = { 0, -1 }, [ACT_DOWN] = { 0, 1 },
	};
	struct overview *ov = (struct overview *)scr;
	unsigned was = ov->cursor;
	int to;

	switch (act) {
	case ACT_LEFT: case ACT_RIGHT: case ACT_UP: case ACT_DOWN:
		to = (int)ov->cursor + moves[act][0] + moves[act][1] * GRID_SIDE;
		if (to >= 0 && to < OVERVIEW_BLOCKS)
			ov->cursor = (unsigned)to;
		break;
	case ACT_FIRST: ov->cursor = 0; break;
	case ACT_LAST: ov->cursor = OVERVIEW_BLOCKS - 1; break;
	case ACT_PREV24: case ACT_NEXT24: step16(ov, act == ACT_PREV24 ? -1 : 1, req); break;
	case ACT_OPEN: open_block(ov, req); break;
	case ACT_ASN_VIEW: open_asn(ov, req); break;
	default: break;
	}
	req->moved = ov->cursor != was;
}

static void overview_click(struct screen *scr, int x, int y, struct request *req)
{
	struct overview *ov = (struct overview *)scr;
	int cell = layout_cell_at(scr->cx->lay, x, y);

	if (cell < 0)
		return;
	if ((unsigned)cell == ov->cursor) {
		open_block(ov, req);
		return;
	}
	ov->cursor = (unsigned)cell;
	req->moved = true;
}

static void overview_wheel(struct screen *scr, int lines)
{
	struct overview *ov = (struct overview *)scr;
	int to = (int)ov->cursor + lines * GRID_SIDE;

	if (to >= 0 && to < OVERVIEW_BLOCKS)
		ov->cursor = (unsigned)to;
}

static size_t overview_scans(struct screen *scr, struct scan **out, size_t max)
{
	if (max == 0)
		return 0;
	out[0] = &((struct overview *)scr)->sc;
	return 1;
}

static void overview_restart(struct screen *scr, unsigned qflags, bool keep)
{
	probe((struct overview *)scr, qflags, keep);
}

static int overview_snapshot(const struct screen *scr, const char *dir, time_t when, char *path,
                             size_t len)
{
	const struct overview *ov = (const struct overview *)scr;
	char slug[CIDR_STRLEN];
	FILE *f;

	cidr_format(ov->net, 16, slug);
	*strchr(slug, '/') = '_';
	f = snapfile_create(dir, slug, when, path, len);
	if (!f)
		return -1;
	return snapfile_finish(f, overview_write(f, ov, when), path);
}

static void overview_focus(const struct screen *scr, struct focus *f)
{
	const struct overview *ov = (const struct overview *)scr;
	const struct scan_cell *c = &ov->sc.cells[ov->cursor];

	f->has_ip = true;
	f->ip = c->ip | ov->octet;
	f->asn = c->asn.found ? c->asn.asn : 0;
}

static void overview_destroy(struct screen *scr)
{
	struct overview *ov = (struct overview *)scr;

	scan_free(&ov->sc);
	free(ov);
}

/* ---- drawing ---- */


/* One summary item: a glyph in its look, then " name count". */
static int summary_item(const struct overview *ov, int y, int x, int w, const char *glyph,
                        attr_t attr, const char *name, size_t count)
{
	char text[64];
	int used;

	if (x + 3 >= w)
		return 0;
	used = draw_text(y, x, 1, attr, glyph, ov->base.cx->th->utf8);
	snprintf(text, sizeof text, " %s %zu", name, count);
	return used + draw_text(y, x + used, w - x - used, A_NORMAL, text, ov->base.cx->th->utf8) + 2;
}

/* The legend with the count of blocks per class, and the scans; a
 * "pending 0" goes first when the line is short. */
static void summary_draw_ov(const struct overview *ov)
{
	const struct ctx *cx = ov->base.cx;
	const struct theme *th = cx->th;
	const enum cell_class *order;
	struct overview_tally t;
	char text[64];
	size_t n;
	int y = cx->lay->summary_y, x = 1, w = cx->lay->summary_w, need = 1;
	bool skip_pending;

	overview_tally(ov, &t);
	order = legend_order(&n);
	for (size_t i = 0; i < n; i++)
		need += snprintf(text, sizeof text, "x %s %zu  ", legend_of(order[i])->name,
		                 t.cls[order[i]]);
	need += snprintf(text, sizeof text, "x scanned %zu", t.scanned);
	skip_pending = need > w && t.cls[CC_PENDING] == 0;
	for (size_t i = 0; i < n; i++)
		if (order[i] != CC_PENDING || !skip_pending)
			x += summary_item(ov, y, x, w, theme_glyph(th, order[i]),
			                  theme_class_attr(th, order[i]), legend_of(order[i])->name,
			                  t.cls[order[i]]);
	summary_item(ov, y, x, w, theme_sym(th, TS_SCANNED), theme_elem_attr(th, TE_SCANNED),
	             "scanned", t.scanned);
}

static void detail_draw_ov(const struct overview *ov)
{
	const struct ctx *cx = ov->base.cx;
	struct overview_line lines[OVERVIEW_DETAIL_MAX];
	const struct layout *l = cx->lay;
	size_t n = overview_detail(ov, lines, OVERVIEW_DETAIL_MAX);
	int y = l->detail_y, end = l->detail_y + l->detail_h;

	for (size_t i = 0; i < n && y < end; i++)
		y += draw_kv(y, l->detail_x + 1, l->detail_w - 1,
		             lines[i].rows && lines[i].rows < end - y ? lines[i].rows : end - y,
		             lines[i].listed ? theme_elem_attr(cx->th, TE_WARN) : A_NORMAL,
		             lines[i].label, lines[i].value, cx->th->utf8);
}

static void overview_draw(const struct screen *scr)
{
	const struct overview *ov = (const struct overview *)scr;

	cells_draw(scr->cx, ov, block_look);
	summary_draw_ov(ov);
	detail_draw_ov(ov);
}

const struct screen_ops overview_ops = {
	.name = "overview",
	.scope = KS_OVERVIEW,
	.grid_layout = true,
	.title = overview_title,
	.meaning = overview_meaning,
	.draw = overview_draw,
	.action = overview_action,
	.click = overview_click,
	.wheel = overview_wheel,
	.scans = overview_scans,
	.restart = overview_restart,
	.snapshot = overview_snapshot,
	.focus = overview_focus,
	.destroy = overview_destroy,
};
