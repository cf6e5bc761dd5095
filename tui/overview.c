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
#include "tui/app.h"
#include "tui/asnview.h"
#include "tui/draw.h"
#include "tui/grid.h"
#include "tui/text.h"

#define SLASH16 0xffff0000u

/* Per class, what it says about a /24 block: one probe speaks for the
 * whole block, which the legend must not hide. */
static const char *const meanings[CC_COUNT] = {
	[CC_GUILTY] = "scanned here: some addresses are listed on level 1",
	[CC_RANGE] = "its .0 address is in a range listed on level 2",
	[CC_ASN] = "its .0 address is in an ASN listed on level 3",
	[CC_ERROR] = "the probe failed: state unknown, not clean",
	[CC_PENDING] = "waiting for the probe",
	[CC_CLEAN] = "its .0 address is listed on neither level",
};

const char *overview_meaning(enum cell_class cls)
{
	return (unsigned)cls < CC_COUNT ? meanings[cls] : "";
}

/* ---- the model ---- */

static void on_probe(void *arg, size_t cell, size_t zone)
{
	(void)cell;
	(void)zone;
	app_touch(arg);
}

int overview_open(struct app *a, uint32_t ip, char *err, size_t errlen)
{
	struct overview *ov = calloc(1, sizeof *ov);
	uint32_t probes[OVERVIEW_BLOCKS];

	if (!ov) {
		snprintf(err, errlen, "out of memory");
		return -1;
	}
	if (session_reach_profile(a->s, &ov->sub, ov->zones) < 0) {
		snprintf(err, errlen, "profile %s has no range or ASN zone", a->s->profile->name);
		free(ov);
		return -1;
	}
	ov->base = ip & SLASH16;
	ov->cursor = (ip >> 8) & 0xff;
	for (unsigned b = 0; b < OVERVIEW_BLOCKS; b++)
		probes[b] = ov->base | b << 8;
	if (scan_init_list(&ov->sc, &ov->sub, ov->zones, probes, OVERVIEW_BLOCKS, a->s->db) < 0) {
		snprintf(err, errlen, "out of memory");
		scan_free(&ov->sc);
		free(ov);
		return -1;
	}
	asnview_close(a);
	overview_close(a);
	a->ov = ov;
	a->screen = SCREEN_OVERVIEW;
	overview_restart(a, 0);
	return 0;
}

void overview_close(struct app *a)
{
	if (!a->ov)
		return;
	scan_free(&a->ov->sc);
	free(a->ov);
	a->ov = NULL;
	if (a->screen == SCREEN_OVERVIEW)
		a->screen = SCREEN_GRID;
}

void overview_restart(struct app *a, unsigned qflags)
{
	struct overview *ov = a->ov;
	const struct session *s = a->s;

	ov->sc.on_answer = on_probe;
	ov->sc.on_answer_arg = a;
	session_distrust_scan(s, &ov->sc);
	scan_start(&ov->sc, s->lp, s->be, s->opt->rate, s->opt->window, session_qflags(s) | qflags);
}

static const struct seen_entry *block_seen(const struct app *a, unsigned block)
{
	return seen_find(&a->seen, a->ov->base | block << 8);
}

enum cell_class overview_block_class(const struct app *a, unsigned block)
{
	const struct seen_entry *e = block_seen(a, block);

	if (e && e->guilty)
		return CC_GUILTY;
	return scan_cell_class(&a->ov->sc, &a->ov->sc.cells[block]);
}

void overview_tally(const struct app *a, struct overview_tally *t)
{
	memset(t, 0, sizeof *t);
	for (unsigned b = 0; b < OVERVIEW_BLOCKS; b++) {
		const struct seen_entry *e = block_seen(a, b);

		t->cls[overview_block_class(a, b)]++;
		if (e) {
			t->scanned++;
			t->guilty += e->guilty;
		}
	}
}

/* ---- text ---- */

/* What one map cell shows, for the screen and the plain text alike. */
static void block_look(const struct app *a, unsigned block, struct cell_look *l)
{
	const struct theme *th = &a->th;
	enum cell_class cls = overview_block_class(a, block);

	snprintf(l->octet, sizeof l->octet, "%3u", block);
	l->glyph = theme_glyph(th, cls);
	l->attr = theme_class_attr(th, cls);
	l->mark = " ";
	l->mark_attr = A_NORMAL;
	if (block == a->ov->cursor) {
		l->mark = theme_sym(th, TS_CURSOR);
		l->mark_attr = theme_elem_attr(th, TE_CURSOR);
		l->attr = (l->attr ^ A_REVERSE) | A_BOLD;
	} else if (block_seen(a, block)) {
		l->mark = theme_sym(th, TS_SCANNED);
		l->mark_attr = theme_elem_attr(th, TE_SCANNED);
	}
}

void overview_row_text(const struct app *a, int row, char *out, size_t len)
{
	cells_row_text(a, block_look, row, out, len);
}

void overview_title(const struct app *a, char *out, size_t len)
{
	char net[CIDR_STRLEN];

	cidr_format(a->ov->base, 16, net);
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

size_t overview_detail(const struct app *a, struct overview_line *out, size_t max)
{
	const struct overview *ov = a->ov;
	const struct scan_cell *c = &ov->sc.cells[ov->cursor];
	const struct seen_entry *e = block_seen(a, ov->cursor);
	enum cell_class cls = overview_block_class(a, ov->cursor);
	char net[CIDR_STRLEN], ip[IP4_STRLEN], text[OVERVIEW_LINE_MAX];
	size_t n = 0;

	cidr_format(c->ip, 24, net);
	ip4_format(c->ip, ip);
	if (c->asn.found && c->asn.asn)
		line_add(out, &n, max, "block", cls == CC_GUILTY || cls == CC_RANGE || cls == CC_ASN,
		         "%s  %s  AS%u %s", net, legend_of(cls)->label, (unsigned)c->asn.asn, c->asn.org);
	else
		line_add(out, &n, max, "block", cls == CC_GUILTY || cls == CC_RANGE || cls == CC_ASN,
		         "%s  %s  %s", net, legend_of(cls)->label,
		         a->s->db ? "not in the ASN database" : "no ASN database");
	probe_text(ov, c, text, sizeof text);
	line_add(out, &n, max, "probe", false, "%s: %s", ip, text);
	if (e)
		line_add(out, &n, max, "level 1", e->guilty > 0, "%u of %u addresses guilty%s (scanned "
		         "in this session)", (unsigned)e->guilty, (unsigned)e->cells,
		         e->errors ? ", some unknown" : "");
	else
		line_add(out, &n, max, "level 1", false, "not scanned yet: Enter scans its addresses");
	/* The texts last: they are long, and a short terminal cuts them. */
	for (size_t z = 0; z < ov->sub.nzones; z++)
		if (c->zone[z].state == LK_LISTED && c->zone[z].txt[0])
			line_add(out, &n, max, ov->sub.zones[z].key, true, "%s", c->zone[z].txt);
	return n;
}

/* ---- actions ---- */

static void open_block(struct app *a)
{
	uint32_t base = a->ov->base | a->ov->cursor << 8;
	struct target t = { .kind = TARGET_NET, .net = base, .prefix = 24 };

	/* The same last octet as the grid had, as [ and ] keep it. */
	t.focus = base | (a->view.cursor & 0xff);
	ip4_format(t.focus, t.text);
	app_show_target(a, &t, NULL, 0);   /* closes the overview */
}

static void open_asn(struct app *a)
{
	const struct scan_cell *c = &a->ov->sc.cells[a->ov->cursor];
	char err[256];

	if (!c->asn.found || c->asn.asn == 0) {
		app_message(a, true, "ASN view: %s", a->s->db ? "this /24 is in no ASN of the database"
		            : "no ASN database (--db)");
		return;
	}
	if (asnview_open(a, c->asn.asn, err, sizeof err) < 0)
		app_message(a, true, "ASN view: %s", err);
}

/* [ and ]: the previous or next /16, cursor on the same block. */
static void step16(struct app *a, int dir)
{
	uint32_t base = a->ov->base;
	char err[256];

	if ((dir < 0 && base == 0) || (dir > 0 && base == SLASH16))
		return;
	base = dir < 0 ? base - 0x10000u : base + 0x10000u;
	if (overview_open(a, base | a->ov->cursor << 8, err, sizeof err) < 0)
		app_message(a, true, "overview: %s", err);
}

static void save(struct app *a)
{
	char path[4096], slug[CIDR_STRLEN];
	time_t when = time(NULL);
	int rc = -1;
	FILE *f;

	cidr_format(a->ov->base, 16, slug);
	*strchr(slug, '/') = '_';
	f = snapfile_create(".", slug, when, path, sizeof path);
	if (f)
		rc = snapfile_finish(f, overview_write(f, a, when), path);
	app_saved(a, rc, path, scan_finished(&a->ov->sc));
}

void overview_action(struct app *a, enum action act)
{
	static const int moves[][2] = {
		[ACT_LEFT] = { -1, 0 }, [ACT_RIGHT] = { 1, 0 },
		[ACT_UP] = { 0, -1 }, [ACT_DOWN] = { 0, 1 },
	};
	int to;

	switch (act) {
	case ACT_LEFT: case ACT_RIGHT: case ACT_UP: case ACT_DOWN:
		to = (int)a->ov->cursor + moves[act][0] + moves[act][1] * GRID_SIDE;
		if (to >= 0 && to < OVERVIEW_BLOCKS)
			a->ov->cursor = (unsigned)to;
		break;
	case ACT_FIRST: a->ov->cursor = 0; break;
	case ACT_LAST: a->ov->cursor = OVERVIEW_BLOCKS - 1; break;
	case ACT_PREV24: case ACT_NEXT24: step16(a, act == ACT_PREV24 ? -1 : 1); break;
	case ACT_OPEN: open_block(a); break;
	case ACT_ASN_VIEW: open_asn(a); break;
	case ACT_SAVE: save(a); break;
	case ACT_REQUERY:
		app_reprobe(a);
		overview_restart(a, BQ_NOCACHE);
		app_message(a, false, "probing again, bypassing the cache");
		break;
	default: break;
	}
}

void overview_click(struct app *a, int x, int y)
{
	int cell = layout_cell_at(&a->lay, x, y);

	if (cell >= 0)
		a->ov->cursor = (unsigned)cell;
}

/* ---- drawing ---- */

static void map_draw(const struct app *a)
{
	cells_draw(a, block_look);
}

/* One summary item: a glyph in its look, then " name count". */
static int summary_item(const struct app *a, int y, int x, int w, const char *glyph, attr_t attr,
                        const char *name, size_t count)
{
	char text[64];
	int used;

	if (x + 3 >= w)
		return 0;
	used = draw_text(y, x, 1, attr, glyph, a->th.utf8);
	snprintf(text, sizeof text, " %s %zu", name, count);
	return used + draw_text(y, x + used, w - x - used, A_NORMAL, text, a->th.utf8) + 2;
}

/* The legend with the count of blocks per class, and the scans; a
 * "pending 0" goes first when the line is short. */
static void summary_draw_ov(const struct app *a)
{
	const struct theme *th = &a->th;
	const enum cell_class *order;
	struct overview_tally t;
	char text[64];
	size_t n;
	int y = a->lay.summary_y, x = 1, w = a->lay.side ? GRID_W : a->lay.cols, need = 1;
	bool skip_pending;

	overview_tally(a, &t);
	order = legend_order(&n);
	for (size_t i = 0; i < n; i++)
		need += snprintf(text, sizeof text, "x %s %zu  ", legend_of(order[i])->name,
		                 t.cls[order[i]]);
	need += snprintf(text, sizeof text, "x scanned %zu", t.scanned);
	skip_pending = need > w && t.cls[CC_PENDING] == 0;
	for (size_t i = 0; i < n; i++)
		if (order[i] != CC_PENDING || !skip_pending)
			x += summary_item(a, y, x, w, theme_glyph(th, order[i]),
			                  theme_class_attr(th, order[i]), legend_of(order[i])->name,
			                  t.cls[order[i]]);
	summary_item(a, y, x, w, theme_sym(th, TS_SCANNED), theme_elem_attr(th, TE_SCANNED),
	             "scanned", t.scanned);
}

static void detail_draw_ov(const struct app *a)
{
	struct overview_line lines[OVERVIEW_DETAIL_MAX];
	const struct layout *l = &a->lay;
	size_t n = overview_detail(a, lines, OVERVIEW_DETAIL_MAX);
	int y = l->detail_y, end = l->detail_y + l->detail_h;

	for (size_t i = 0; i < n && y < end; i++)
		y += draw_kv(y, l->detail_x + 1, l->detail_w - 1, end - y,
		             lines[i].listed ? theme_elem_attr(&a->th, TE_WARN) : A_NORMAL,
		             lines[i].label, lines[i].value, a->th.utf8);
}

void overview_draw(const struct app *a)
{
	map_draw(a);
	summary_draw_ov(a);
	detail_draw_ov(a);
}
