/* The check screen.  Rows are the lists of the catalogue, what matters
 * on top (check_order) as the answers come; below the table, the
 * selected list's codes, what they mean, and its TXT, whole. */
#include "tui/check.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "core/base/ip.h"
#include "core/export/checkreport.h"
#include "core/export/report.h"
#include "core/export/snapfile.h"
#include "tui/draw.h"
#include "tui/text.h"

#define LABEL_W 17
#define STATE_W 11
#define DETAIL_ROWS 7    /* under the table: title, zone, codes, TXT */

/* ---- the model ---- */

/* Order the rows (check_order); a list the user selected stays selected. */
static void arrange(struct checkview *cv)
{
	size_t keep = cv->sc.nzones ? cv->order[cv->cursor] : 0;

	check_order(&cv->sc, &cv->sc.cells[0], cv->order);
	for (size_t i = 0; i < cv->sc.nzones && cv->moved; i++)
		if (cv->order[i] == keep)
			cv->cursor = i;
}

static void on_answer(void *arg, size_t cell, size_t zone)
{
	struct checkview *cv = arg;

	(void)cell;
	(void)zone;
	arrange(cv);
	ctx_changed(cv->base.cx);
}

static void start(struct checkview *cv, unsigned qflags, bool keep)
{
	struct session *s = cv->base.cx->s;
	const struct options *o = s->opt;

	session_distrust_scan(s, &cv->sc);
	if (keep)
		scan_requery(&cv->sc, s->lp, s->be, o->rate, o->window,
		             session_qflags(s) | BQ_TXT | qflags);
	else
		scan_start(&cv->sc, s->lp, s->be, o->rate, o->window,
		           session_qflags(s) | BQ_TXT | qflags);
}

struct screen *check_new(const struct ctx *cx, uint32_t ip, char *err, size_t errlen)
{
	const struct profile *p = profile_find(CHECK_PROFILE);
	struct checkview *cv;

	if (!p) {
		snprintf(err, errlen, "no profile called %s", CHECK_PROFILE);
		return NULL;
	}
	if (!(cv = calloc(1, sizeof *cv)) || scan_init_list(&cv->sc, p, NULL, &ip, 1, cx->s->db) < 0) {
		free(cv);
		snprintf(err, errlen, "out of memory");
		return NULL;
	}
	cv->base = (struct screen){ &check_ops, cx, false };
	cv->ip = ip;
	for (size_t z = 0; z < cv->sc.nzones; z++)
		cv->order[z] = z;
	cv->sc.on_answer = on_answer;
	cv->sc.on_answer_arg = cv;
	start(cv, 0, false);
	return &cv->base;
}

/* ---- text ---- */

void check_row_text(const struct checkview *cv, size_t i, char *out, size_t len)
{
	struct check_row r;
	char label[64];
	int used;

	check_row(&cv->sc, &cv->sc.cells[0], cv->order[i], &r);
	used = text_fit(label, sizeof label - LABEL_W, r.label, LABEL_W - 1, cv->base.cx->th->utf8);
	for (size_t k = strlen(label); used < LABEL_W; used++)
		label[k++] = ' ', label[k] = '\0';
	snprintf(out, len, "%s%s%-*s %s", i == cv->cursor ? "> " : "  ", label, STATE_W, r.state,
	         r.st == LK_LISTED || r.st == LK_ERROR ? r.codes : r.zone);
}

/* ---- the interface ---- */

static void check_title(const struct screen *scr, char *out, size_t len)
{
	const struct checkview *cv = (const struct checkview *)scr;
	char ip[IP4_STRLEN];

	ip4_format(cv->ip, ip);
	snprintf(out, len, "rblscope  %s on every list (%s)", ip, cv->sc.profile->name);
}

static const char *check_meaning(enum cell_class cls)
{
	static const char *const m[CC_COUNT] = {
		[CC_GUILTY] = "a list names the address itself",
		[CC_RANGE] = "a list names a range that holds it",
		[CC_ASN] = "a list names its whole network",
		[CC_ERROR] = "a list did not answer properly: unknown, never clean",
		[CC_PENDING] = "a list not answered yet",
		[CC_CLEAN] = "a list that does not name the address",
	};
	return (unsigned)cls < CC_COUNT ? m[cls] : "";
}

/* The first row of the table and how many rows it has. */
static void table_geometry(const struct checkview *cv, int *y, int *rows)
{
	const struct layout *lay = cv->base.cx->lay;

	*y = lay->status_y + 3;
	*rows = lay->keys_y - DETAIL_ROWS - 1 - *y;
	if (*rows < 1)
		*rows = 1;
}

static attr_t state_attr(const struct theme *th, enum lk_state st)
{
	return st == LK_LISTED ? theme_class_attr(th, CC_GUILTY) :
	       st == LK_ERROR ? theme_class_attr(th, CC_ERROR) :
	       st == LK_PENDING ? A_DIM : A_NORMAL;
}

static void check_draw(const struct screen *scr)
{
	const struct checkview *cv = (const struct checkview *)scr;
	const struct ctx *cx = scr->cx;
	const struct scan_cell *c = &cv->sc.cells[0];
	int y = cx->lay->status_y + 1, ty, rows, w = cx->lay->cols - 1, dy;
	struct check_counts n;
	struct check_row r;
	char line[CHECK_CODES_MAX + 128], ip[IP4_STRLEN];
	size_t top;

	ip4_format(cv->ip, ip);
	check_count(&cv->sc, c, &n);
	snprintf(line, sizeof line, "%s: listed on %zu of %zu lists, clean on %zu, %zu failed%s",
	         ip, n.listed, cv->sc.nzones, n.clean, n.error, n.pending ? ", asking" : "");
	draw_text(y, 1, w, A_BOLD, line, cx->th->utf8);
	table_geometry(cv, &ty, &rows);
	snprintf(line, sizeof line, "  %-*s%-*s %s", LABEL_W, "list", STATE_W, "state",
	         "codes and what they mean, or the zone");
	draw_text(ty - 1, 1, w, theme_elem_attr(cx->th, TE_HEADING), line, cx->th->utf8);
	top = layout_list_top(cv->top, cv->cursor, (size_t)rows, cv->sc.nzones);
	for (int k = 0; k < rows && top + (size_t)k < cv->sc.nzones; k++) {
		size_t i = top + (size_t)k;

		check_row_text(cv, i, line, sizeof line);
		draw_text(ty + k, 1, w, i == cv->cursor ? A_REVERSE | A_BOLD :
		          state_attr(cx->th, c->zone[cv->order[i]].state), line, cx->th->utf8);
	}
	if (!cv->sc.nzones)
		return;
	/* The selected list, whole. */
	check_row(&cv->sc, c, cv->order[cv->cursor], &r);
	dy = ty + rows + 1;
	snprintf(line, sizeof line, "%s (%s)", r.title, r.zone);
	dy += draw_kv(dy, 1, w, 1, theme_elem_attr(cx->th, TE_HEADING), r.label, line,
	              cx->th->utf8);
	dy += draw_kv(dy, 1, w, 1, state_attr(cx->th, r.st), "state", r.state, cx->th->utf8);
	if (r.codes[0])
		dy += draw_kv(dy, 1, w, 2, A_NORMAL, r.st == LK_ERROR ? "why" : "codes", r.codes,
		              cx->th->utf8);
	if (r.txt[0] && dy < cx->lay->keys_y)
		draw_kv(dy, 1, w, cx->lay->keys_y - dy, A_NORMAL, "TXT", r.txt, cx->th->utf8);
}

static void check_action(struct screen *scr, enum action act, struct request *req)
{
	struct checkview *cv = (struct checkview *)scr;
	size_t n = cv->sc.nzones;
	int y, rows;

	(void)req;
	cv->moved = cv->moved || act != ACT_NONE;
	switch (act) {
	case ACT_UP: if (cv->cursor > 0) cv->cursor--; break;
	case ACT_DOWN: if (cv->cursor + 1 < n) cv->cursor++; break;
	case ACT_FIRST: case ACT_PREV24: cv->cursor = 0; break;
	case ACT_LAST: case ACT_NEXT24: cv->cursor = n ? n - 1 : 0; break;
	default: break;
	}
	table_geometry(cv, &y, &rows);
	cv->top = layout_list_top(cv->top, cv->cursor, (size_t)rows, n);
}

static void check_click(struct screen *scr, int x, int y, struct request *req)
{
	struct checkview *cv = (struct checkview *)scr;
	int ty, rows;
	size_t i;

	(void)x;
	(void)req;
	table_geometry(cv, &ty, &rows);
	if (y < ty || y >= ty + rows)
		return;
	i = layout_list_top(cv->top, cv->cursor, (size_t)rows, cv->sc.nzones) + (size_t)(y - ty);
	if (i < cv->sc.nzones) {
		cv->cursor = i;
		cv->moved = true;
	}
}

static void check_wheel(struct screen *scr, int lines)
{
	struct checkview *cv = (struct checkview *)scr;
	size_t n = cv->sc.nzones;

	if (lines < 0)
		cv->cursor = cv->cursor > (size_t)-lines ? cv->cursor - (size_t)-lines : 0;
	else if (n)
		cv->cursor = cv->cursor + (size_t)lines < n ? cv->cursor + (size_t)lines : n - 1;
	cv->moved = true;
	check_action(scr, ACT_NONE, NULL);
}

static size_t check_scans(struct screen *scr, struct scan **out, size_t max)
{
	struct checkview *cv = (struct checkview *)scr;

	if (max == 0)
		return 0;
	out[0] = &cv->sc;
	return 1;
}

static void check_restart(struct screen *scr, unsigned qflags, bool keep)
{
	start((struct checkview *)scr, qflags, keep);
}

static int check_snapshot(const struct screen *scr, const char *dir, time_t when, char *path,
                          size_t len)
{
	const struct checkview *cv = (const struct checkview *)scr;
	char name[32], ip[IP4_STRLEN];
	FILE *f;

	ip4_format(cv->ip, ip);
	snprintf(name, sizeof name, "lists-%s", ip);
	if (!(f = snapfile_create(dir, name, when, path, len)))
		return -1;
	report_write(f, scr->cx->s, &cv->sc, NULL, when);
	return snapfile_finish(f, ferror(f) ? -1 : 0, path);
}

static void check_focus(const struct screen *scr, struct focus *f)
{
	const struct checkview *cv = (const struct checkview *)scr;

	f->has_ip = true;
	f->ip = cv->ip;
	f->asn = cv->sc.cells[0].asn.found ? cv->sc.cells[0].asn.asn : 0;
}

static void check_destroy(struct screen *scr)
{
	struct checkview *cv = (struct checkview *)scr;

	scan_free(&cv->sc);
	free(cv);
}

const struct screen_ops check_ops = {
	.name = "check",
	.scope = KS_CHECK,
	.grid_layout = false,
	.title = check_title,
	.meaning = check_meaning,
	.draw = check_draw,
	.action = check_action,
	.click = check_click,
	.wheel = check_wheel,
	.filter = NULL,
	.scans = check_scans,
	.restart = check_restart,
	.snapshot = check_snapshot,
	.focus = check_focus,
	.destroy = check_destroy,
};
