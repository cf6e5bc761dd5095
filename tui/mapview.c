/* The map screen.  The map is rendered for the room the screen has
 * (core/map/map.h fits a cell size to it) and again when the terminal
 * changes size. */
#include "tui/mapview.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

#include "core/base/ip.h"
#include "core/base/numfmt.h"
#include "core/export/mappng.h"
#include "core/export/snapfile.h"
#include "core/scan/legend.h"
#include "tui/draw.h"
#include "tui/text.h"

#define LINE_MAX_W TEXT_LINE_MAX

static const enum theme_tone tone_of[MC_COUNT] = {
	[MC_OUTSIDE] = TT_NONE, [MC_CLEAN] = TT_CLEAN, [MC_ASN] = TT_ASN,
	[MC_RANGE] = TT_RANGE, [MC_GUILTY] = TT_GUILTY,
};

unsigned mapview_zoom(unsigned prefix)
{
	return prefix < 8 ? 8 : prefix < 16 ? 16 : 24;
}

/* The characters the map may take at the layout's size. */
static void area_of(const struct ctx *cx, int *w, int *h)
{
	const struct layout *l = cx->lay;

	*w = l->cols - 2;
	*h = l->keys_y - (l->status_y + 1) - MAPVIEW_INFO_ROWS - 1;
	if (*w < 8)
		*w = 8;
	if (*h < 4)
		*h = 4;
}

/* Render for the room there is, the selection on the cell of addr. */
static int render(struct mapview *mv, uint32_t addr)
{
	unsigned bits;
	struct map fresh;

	area_of(mv->base.cx, &mv->area_w, &mv->area_h);
	bits = map_fit(mv->sc.prefix, (uint32_t)mv->area_w, 2 * (uint32_t)mv->area_h);
	if (map_render(&fresh, &mv->sc, &mv->ly, bits) < 0)
		return -1;
	map_free(&mv->m);
	mv->m = fresh;
	mv->x = mv->y = 0;
	for (uint32_t y = 0; y < mv->m.h; y++)
		for (uint32_t x = 0; x < mv->m.w; x++) {
			uint32_t a = map_cell_addr(&mv->m, x, y);

			if (addr >= a && (uint64_t)(addr - a) < ((uint64_t)1 << mv->m.cell_bits)) {
				mv->x = x;
				mv->y = y;
			}
		}
	return 0;
}

struct screen *mapview_new(const struct ctx *cx, uint32_t ip, unsigned prefix, char *err,
                           size_t errlen)
{
	struct mapview *mv = calloc(1, sizeof *mv);
	char warn[512];

	if (!mv) {
		snprintf(err, errlen, "out of memory");
		return NULL;
	}
	mv->base = (struct screen){ &mapview_ops, cx, false };
	mv->focus = ip;
	if (map_layers_load(&mv->ly, cx->s, warn, sizeof warn, err, errlen) < 0) {
		free(mv);
		return NULL;
	}
	if (map_scope_cidr(&mv->sc, ip & ip4_mask(prefix), prefix) < 0 || render(mv, ip) < 0) {
		map_scope_free(&mv->sc);
		map_layers_free(&mv->ly);
		free(mv);
		snprintf(err, errlen, "out of memory");
		return NULL;
	}
	return &mv->base;
}

enum theme_tone mapview_tone(const struct mapview *mv, uint32_t x, uint32_t y)
{
	if (x >= mv->m.w || y >= mv->m.h)
		return TT_NONE;
	return tone_of[map_cell_class(map_cell_at(&mv->m, x, y))];
}

void mapview_row_text(const struct mapview *mv, uint32_t r, char *out, size_t len)
{
	size_t used = 0;

	out[0] = '\0';
	for (uint32_t x = 0; x < mv->m.w; x++) {
		enum theme_tone a = mapview_tone(mv, x, 2 * r), b = mapview_tone(mv, x, 2 * r + 1);

		text_appendf(out, len, &used, "%s", theme_tone_glyph(mv->base.cx->th, a > b ? a : b));
	}
}

/* ---- the interface ---- */

static void mapview_title(const struct screen *scr, char *out, size_t len)
{
	const struct mapview *mv = (const struct mapview *)scr;
	char net[CIDR_STRLEN], size[32];

	cidr_format(mv->sc.net, mv->sc.prefix, net);
	snprintf(out, len, "rblscope  map of %s: a cell is %s addresses (/%u)", net,
	         num_grouped((uint64_t)1 << mv->m.cell_bits, size), 32 - mv->m.cell_bits);
}

static const char *mapview_meaning(enum cell_class cls)
{
	static const char *const m[CC_COUNT] = {
		[CC_GUILTY] = "a cell with addresses listed themselves ({single})",
		[CC_RANGE] = "a cell blocked by a listed range ({range}), none guilty",
		[CC_ASN] = "a cell blocked by a listed ASN ({asn}) alone",
		[CC_ERROR] = "(not on the map: it counts zone files, which do not fail)",
		[CC_PENDING] = "(not on the map: every cell is counted at once)",
		[CC_CLEAN] = "a cell whose addresses are listed nowhere",
	};

	return (unsigned)cls < CC_COUNT ? m[cls] : "";
}

/* One character: the cells x, 2r and x, 2r + 1. */
static void char_draw(const struct mapview *mv, int sy, int sx, uint32_t x, uint32_t r)
{
	const struct theme *th = mv->base.cx->th;
	enum theme_tone a = mapview_tone(mv, x, 2 * r), b = mapview_tone(mv, x, 2 * r + 1);
	bool cursor = x == mv->x && (mv->y == 2 * r || mv->y == 2 * r + 1);
	attr_t attr = cursor ? A_REVERSE | A_BOLD : A_NORMAL;

	if (th->depth != THEME_MONO && th->utf8) {
		draw_text(sy, sx, 1, theme_halves_attr(th, a, b) | (cursor ? A_BOLD : 0),
		          cursor ? "\u25c6" : "\u2580", true);
		return;
	}
	/* The selection needs a glyph of its own where reverse video may
	 * not show (a blank cell outside the scope). */
	draw_text(sy, sx, 1, attr, cursor ? (th->utf8 ? "\u25c6" : "@") :
	          theme_tone_glyph(th, a > b ? a : b), th->utf8);
}

/* The lines under the map: the legend, the selected cell and the block. */
static void info_draw(const struct mapview *mv, int y)
{
	static const enum theme_tone legend[] = { TT_GUILTY, TT_RANGE, TT_ASN, TT_CLEAN };
	static const enum cell_class named[] = { CC_GUILTY, CC_RANGE, CC_ASN, CC_CLEAN };
	const struct ctx *cx = mv->base.cx;
	const struct profile *p = cx->s->profile;
	const struct map_cell *c = map_cell_at(&mv->m, mv->x, mv->y);
	uint32_t addr = map_cell_addr(&mv->m, mv->x, mv->y);
	char line[LINE_MAX_W], net[CIDR_STRLEN], a[32], b[32], d[32], e[32], f[32];
	char name[LEGEND_LABEL_MAX];
	struct asn_info info = ASN_INFO_NONE;
	size_t n;
	int x = 1;

	for (size_t i = 0; i < sizeof legend / sizeof legend[0]; i++) {
		x += draw_text(y, x, 1, theme_halves_attr(cx->th, legend[i], legend[i]),
		               cx->th->depth != THEME_MONO && cx->th->utf8 ? "\u2580" :
		               theme_tone_glyph(cx->th, legend[i]), cx->th->utf8);
		legend_label(named[i], p, name, sizeof name);
		x += draw_text(y, x + 1, cx->lay->cols - x - 1, A_NORMAL, name, cx->th->utf8) + 3;
	}
	cidr_format(addr, 32 - mv->m.cell_bits, net);
	n = (size_t)snprintf(line, sizeof line, "%s: %s addresses, %s blocked: %s guilty", net,
	                     num_grouped(c->addrs, a), num_grouped(c->blocked, b),
	                     num_grouped(c->guilty, d));
	/* by the range and the ASN zone, where the profile has them */
	if (profile_role_zone(p, ZR_RANGE))
		text_appendf(line, sizeof line, &n, ", %s by %s", num_grouped(c->range, e),
		             profile_role_label(p, ZR_RANGE));
	if (profile_role_zone(p, ZR_ASN))
		text_appendf(line, sizeof line, &n, ", %s by %s", num_grouped(c->asn, f),
		             profile_role_label(p, ZR_ASN));
	draw_kv(y + 1, 1, cx->lay->cols - 1, 1, c->blocked ? theme_elem_attr(cx->th, TE_WARN) :
	        A_NORMAL, "cell", line, cx->th->utf8);
	if (cx->s->db && asn_db_lookup(cx->s->db, addr, &info) == 0 && info.found && info.asn)
		snprintf(line, sizeof line, "AS%u %s (at %s)", (unsigned)info.asn, info.org, net);
	else
		snprintf(line, sizeof line, "%s", cx->s->db ? "no ASN announces its first address" :
		         "no ASN database");
	draw_kv(y + 2, 1, cx->lay->cols - 1, 1, A_NORMAL, "ASN", line, cx->th->utf8);
	cidr_format(mv->sc.net, mv->sc.prefix, net);
	snprintf(line, sizeof line, "%s: %s addresses blocked of %s (%s guilty); Enter: %s", net,
	         num_grouped(mv->m.total.blocked, a), num_grouped(mv->m.total.addrs, b),
	         num_grouped(mv->m.total.guilty, d),
	         mapview_zoom(mv->sc.prefix) == 24 ? "the overview of its /16" : "zoom in");
	draw_kv(y + 3, 1, cx->lay->cols - 1, 1, A_NORMAL, "block", line, cx->th->utf8);
}

static void mapview_draw(const struct screen *scr)
{
	const struct mapview *mv = (const struct mapview *)scr;
	const struct ctx *cx = scr->cx;
	int w, h, y0 = cx->lay->status_y + 1;
	uint32_t rows;

	/* The terminal changed size: fit the map to it again. */
	area_of(cx, &w, &h);
	if ((w != mv->area_w || h != mv->area_h) &&
	    render((struct mapview *)mv, map_cell_addr(&mv->m, mv->x, mv->y)) < 0)
		return;
	rows = (mv->m.h + 1) / 2;
	for (uint32_t r = 0; r < rows && (int)r < mv->area_h; r++)
		for (uint32_t x = 0; x < mv->m.w && (int)x < mv->area_w; x++)
			char_draw(mv, y0 + (int)r, 1 + (int)x, x, r);
	info_draw(mv, y0 + mv->area_h + 1);
}

/* Enter: the selected cell's block one level closer. */
static void zoom(const struct mapview *mv, struct request *req)
{
	uint32_t addr = map_cell_addr(&mv->m, mv->x, mv->y);
	unsigned to = mapview_zoom(mv->sc.prefix);

	if (mv->focus >= addr && (uint64_t)(mv->focus - addr) < ((uint64_t)1 << mv->m.cell_bits))
		addr = mv->focus;

	if (to == 24) {
		req->kind = REQ_OVERVIEW;
		req->ip = addr;
		return;
	}
	req->kind = REQ_MAP;
	req->ip = addr;
	req->prefix = to;
}

static void mapview_action(struct screen *scr, enum action act, struct request *req)
{
	struct mapview *mv = (struct mapview *)scr;
	uint32_t x = mv->x, y = mv->y;

	switch (act) {
	case ACT_LEFT: if (mv->x > 0) mv->x--; break;
	case ACT_RIGHT: if (mv->x + 1 < mv->m.w) mv->x++; break;
	case ACT_UP: if (mv->y > 0) mv->y--; break;
	case ACT_DOWN: if (mv->y + 1 < mv->m.h) mv->y++; break;
	case ACT_FIRST: mv->x = mv->y = 0; break;
	case ACT_LAST: mv->x = mv->m.w - 1; mv->y = mv->m.h - 1; break;
	case ACT_OPEN: zoom(mv, req); break;
	default: break;
	}
	req->moved = x != mv->x || y != mv->y;
}

static void mapview_click(struct screen *scr, int x, int y, struct request *req)
{
	struct mapview *mv = (struct mapview *)scr;
	int y0 = scr->cx->lay->status_y + 1;
	uint32_t cx, cy;

	if (x < 1 || y < y0 || (uint32_t)(x - 1) >= mv->m.w || (uint32_t)(y - y0) * 2 >= mv->m.h)
		return;
	cx = (uint32_t)(x - 1);
	cy = (uint32_t)(y - y0) * 2 + (mv->y & 1);
	if (cy >= mv->m.h)
		cy = mv->m.h - 1;
	if (cx == mv->x && cy / 2 == mv->y / 2) {
		zoom(mv, req);
		return;
	}
	mv->x = cx;
	mv->y = cy;
}

static void mapview_wheel(struct screen *scr, int lines)
{
	struct mapview *mv = (struct mapview *)scr;
	long y = (long)mv->y + 2L * lines;

	mv->y = y < 0 ? 0 : (uint32_t)y >= mv->m.h ? mv->m.h - 1 : (uint32_t)y;
}

/* Counted from zone files: nothing is in flight. */
static size_t mapview_scans(struct screen *scr, struct scan **out, size_t max)
{
	(void)scr;
	(void)out;
	(void)max;
	return 0;
}

/* The zones were read again (the demo): count them again. */
static void mapview_restart(struct screen *scr, unsigned qflags, bool keep)
{
	struct mapview *mv = (struct mapview *)scr;
	struct map_layers ly;
	char warn[512], err[256];

	(void)qflags;
	(void)keep;
	if (map_layers_load(&ly, scr->cx->s, warn, sizeof warn, err, sizeof err) < 0)
		return;
	map_layers_free(&mv->ly);
	mv->ly = ly;
	render(mv, map_cell_addr(&mv->m, mv->x, mv->y));
}

/* x: the block as a PNG picture, at the size of the export. */
static int mapview_snapshot(const struct screen *scr, const char *dir, time_t when, char *path,
                            size_t len)
{
	const struct mapview *mv = (const struct mapview *)scr;
	char slug[CIDR_STRLEN + 8], net[CIDR_STRLEN], policy[DEMO_POLICY_LINE_MAX];
	struct mappng_text t = { net, scr->cx->s->be ? scr->cx->s->be->ops->describe(scr->cx->s->be) :
	                         "-", demo_policy_line(scr->cx->demo, policy, sizeof policy), when,
	                         scr->cx->s->profile };
	struct map big;
	FILE *f;
	int rc;

	cidr_format(mv->sc.net, mv->sc.prefix, net);
	snprintf(slug, sizeof slug, "map-%s", net);
	*strchr(slug, '/') = '_';
	if (map_render(&big, &mv->sc, &mv->ly, map_fit(mv->sc.prefix, MAPPNG_SIDE, MAPPNG_SIDE)) < 0)
		return -1;
	f = snapfile_create_ext(dir, slug, "png", when, path, len);
	rc = f ? snapfile_finish(f, mappng_write(f, &big, &t), path) : -1;
	map_free(&big);
	return rc;
}

static void mapview_focus(const struct screen *scr, struct focus *f)
{
	const struct mapview *mv = (const struct mapview *)scr;
	struct asn_info info = ASN_INFO_NONE;

	f->has_ip = true;
	f->ip = map_cell_addr(&mv->m, mv->x, mv->y);
	f->asn = 0;
	if (scr->cx->s->db && asn_db_lookup(scr->cx->s->db, f->ip, &info) == 0 && info.found)
		f->asn = info.asn;
}

static void mapview_destroy(struct screen *scr)
{
	struct mapview *mv = (struct mapview *)scr;

	map_free(&mv->m);
	map_scope_free(&mv->sc);
	map_layers_free(&mv->ly);
	free(mv);
}

const struct screen_ops mapview_ops = {
	.name = "map",
	.scope = KS_MAP,
	.grid_layout = false,
	.title = mapview_title,
	.meaning = mapview_meaning,
	.draw = mapview_draw,
	.action = mapview_action,
	.click = mapview_click,
	.wheel = mapview_wheel,
	.scans = mapview_scans,
	.restart = mapview_restart,
	.snapshot = mapview_snapshot,
	.focus = mapview_focus,
	.destroy = mapview_destroy,
};
