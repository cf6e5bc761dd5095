/* The census screen.  The census is counted once when the screen opens
 * (a second for the whole internet from a mirror's zone files); sorting
 * and filtering only reorder its rows. */
#include "tui/census.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>
#include <time.h>

#include "core/base/numfmt.h"
#include "core/export/censusreport.h"
#include "core/export/snapfile.h"
#include "tui/draw.h"
#include "tui/text.h"

#define MARK_W 2
#define RANK_W 5
#define ASN_W 11
#define NUM_W 12
#define SMALL_W 10
#define ORG_MIN_W 9
#define HEADER_ROWS 5       /* the header's lines, a blank, the heading */

static const char *const sort_names[CS_COUNT] = {
	[CS_COLLATERAL] = "collateral", [CS_BLOCKED] = "blocked", [CS_GUILTY] = "guilty",
	[CS_RATIO] = "ratio", [CS_SIZE] = "addresses",
};

const char *census_sort_name(enum census_sort s)
{
	return (unsigned)s < CS_COUNT ? sort_names[s] : "";
}

/* ---- the model ---- */

/* The value a row sorts by, largest first; the ratio in tenths. */
static uint64_t sort_value(const struct census_asn *a, enum census_sort s)
{
	switch (s) {
	case CS_BLOCKED: return a->sum.blocked;
	case CS_GUILTY: return a->sum.guilty;
	case CS_RATIO: return a->sum.guilty ? a->sum.collateral * 10 / a->sum.guilty : 0;
	case CS_SIZE: return a->sum.addrs;
	default: return a->sum.collateral;
	}
}

/* qsort has no argument for the order: the one being sorted. */
static const struct censusview *sorting;

static int row_cmp(const void *x, const void *y)
{
	const struct census_asn *a = &sorting->c.v[*(const size_t *)x];
	const struct census_asn *b = &sorting->c.v[*(const size_t *)y];
	uint64_t va = sort_value(a, sorting->sort), vb = sort_value(b, sorting->sort);

	if (va != vb)
		return va > vb ? -1 : 1;
	if (a->sum.blocked != b->sum.blocked)
		return a->sum.blocked > b->sum.blocked ? -1 : 1;
	return a->asn < b->asn ? -1 : a->asn > b->asn;
}

/* Does the ASN's name or number hold text (case aside)? */
static bool row_matches(const struct census_asn *a, const char *text)
{
	char num[24];
	const char *t = text;

	if (!text[0])
		return true;
	if (strncasecmp(t, "AS", 2) == 0 && t[2] >= '0' && t[2] <= '9')
		t += 2;
	snprintf(num, sizeof num, "%u", (unsigned)a->asn);
	if (strcmp(num, t) == 0)
		return true;
	for (const char *p = a->org; *p; p++)
		if (strncasecmp(p, text, strlen(text)) == 0)
			return true;
	return false;
}

/* Arrange, the cursor on keep when it is shown. */
static void arrange(struct censusview *cv, enum census_sort s, const char *text, uint32_t keep)
{
	cv->sort = s;
	snprintf(cv->filter, sizeof cv->filter, "%s", text);
	cv->n = 0;
	for (size_t i = 0; i < cv->c.n; i++)
		if (row_matches(&cv->c.v[i], cv->filter))
			cv->order[cv->n++] = i;
	sorting = cv;
	qsort(cv->order, cv->n, sizeof cv->order[0], row_cmp);
	sorting = NULL;
	cv->cursor = cv->top = 0;
	for (size_t i = 0; i < cv->n; i++)
		if (cv->c.v[cv->order[i]].asn == keep)
			cv->cursor = i;
}

/* The ASN under the cursor, 0 when none. */
static uint32_t cursor_asn(const struct censusview *cv)
{
	return cv->n ? cv->c.v[cv->order[cv->cursor]].asn : 0;
}

void census_arrange(struct censusview *cv, enum census_sort s, const char *text)
{
	arrange(cv, s, text, cursor_asn(cv));
}

struct screen *census_new(const struct ctx *cx, char *err, size_t errlen)
{
	struct censusview *cv = calloc(1, sizeof *cv);

	if (!cv) {
		snprintf(err, errlen, "out of memory");
		return NULL;
	}
	if (censusreport_count(cx->s, &cv->c, err, errlen) != 0) {
		free(cv);
		return NULL;
	}
	cv->order = malloc((cv->c.n ? cv->c.n : 1) * sizeof *cv->order);
	if (!cv->order) {
		census_free(&cv->c);
		free(cv);
		snprintf(err, errlen, "out of memory");
		return NULL;
	}
	cv->base = (struct screen){ &census_ops, cx, false };
	census_arrange(cv, CS_COLLATERAL, "");
	return &cv->base;
}

/* ---- text ---- */

/* Which columns fit width: the zones' own, and how wide the name is. */
static bool zone_columns(const struct censusview *cv, int width, int *org_w)
{
	size_t nz = cv->base.cx->s->nzones;
	int fixed = MARK_W + RANK_W + ASN_W + NUM_W + SMALL_W * 4;

	*org_w = width - fixed - (int)nz * SMALL_W;
	if (*org_w >= ORG_MIN_W)
		return true;
	*org_w = width - fixed;
	if (*org_w < ORG_MIN_W)
		*org_w = ORG_MIN_W;
	return false;
}

/* The numbers of a row (or the heading, a == NULL). */
static void row_numbers(const struct censusview *cv, const struct census_asn *a, bool zones,
                        char *out, size_t len)
{
	const struct profile *p = cv->base.cx->s->profile;
	char num[32], num2[32], ratio[ACCT_RATIO_MAX];
	size_t used = 0;

	out[0] = '\0';
	text_appendf(out, len, &used, "%*s%*s", NUM_W, a ? num_grouped(a->sum.addrs, num) :
	             "addresses", SMALL_W, a ? num_grouped(a->sum.guilty, num2) : "guilty");
	for (size_t z = 0; zones && z < p->nzones; z++)
		text_appendf(out, len, &used, "%*s", SMALL_W, a ? num_grouped(a->sum.zone[z], num) :
		             p->zones[z].key);
	text_appendf(out, len, &used, "%*s", SMALL_W, a ? num_grouped(a->sum.blocked, num) :
	             "blocked");
	text_appendf(out, len, &used, "%*s", SMALL_W + 2, a ? num_grouped(a->sum.collateral, num) :
	             "collateral");
	if (a && !account_ratio_text(&a->sum, ratio))
		snprintf(ratio, sizeof ratio, "n/a");
	text_appendf(out, len, &used, "%*s", SMALL_W - 2, a ? ratio : "ratio");
}

void census_row_text(const struct censusview *cv, size_t i, int width, char *out, size_t len)
{
	const struct census_asn *a = &cv->c.v[cv->order[i]];
	char asn[24], org[TEXT_LINE_MAX], nums[256];
	int org_w, used;
	bool zones = zone_columns(cv, width, &org_w);

	snprintf(asn, sizeof asn, "AS%u", (unsigned)a->asn);
	/* Padded by columns, not bytes: a name may hold UTF-8. */
	used = text_fit(org, sizeof org - (size_t)org_w, a->org[0] ? a->org : "(no name)",
	                org_w - 1, cv->base.cx->th->utf8);
	for (size_t k = strlen(org); used < org_w; used++)
		org[k++] = ' ', org[k] = '\0';
	row_numbers(cv, a, zones, nums, sizeof nums);
	snprintf(out, len, "%s%*zu %-*s%s%s", i == cv->cursor ? "> " : "  ", RANK_W - 1, i + 1,
	         ASN_W, asn, org, nums);
}

static void heading_text(const struct censusview *cv, int width, char *out, size_t len)
{
	char nums[256];
	int org_w;
	bool zones = zone_columns(cv, width, &org_w);

	row_numbers(cv, NULL, zones, nums, sizeof nums);
	snprintf(out, len, "  %*s %-*s%-*s%s", RANK_W - 1, "#", ASN_W, "ASN", org_w, "AS name", nums);
}

/* The header: the totals of the internet as the zones list it. */
static void header_lines(const struct censusview *cv, char lines[][CENSUS_LINE_MAX])
{
	const struct census *c = &cv->c;
	const struct profile *p = cv->base.cx->s->profile;
	char a[32], b[32], d[32], e[32], ratio[ACCT_RATIO_MAX];
	size_t used = 0;

	snprintf(lines[0], CENSUS_LINE_MAX, "%s ASN%s with a listed address, of %s in the database "
	         "(%s networks)", num_grouped(c->n, a), c->n == 1 ? "" : "s",
	         num_grouped(c->asns, b), num_grouped(c->networks, d));
	if (!account_ratio_text(&c->total, ratio))
		snprintf(ratio, sizeof ratio, "n/a");
	snprintf(lines[1], CENSUS_LINE_MAX, "%s guilty, %s blocked, %s collateral: ratio %s",
	         num_grouped(c->total.guilty, a), num_grouped(c->total.blocked, b),
	         num_grouped(c->total.collateral, d), ratio);
	lines[2][0] = '\0';
	for (size_t z = 0; z < p->nzones; z++)
		text_appendf(lines[2], CENSUS_LINE_MAX, &used, "%s%s %s", z ? ", " : "",
		             p->zones[z].key, num_grouped(c->total.zone[z], a));
	snprintf(lines[3], CENSUS_LINE_MAX, "%s addresses blocked, %s guilty, in space no ASN "
	         "announces", num_grouped(c->unannounced.sum.blocked, e),
	         num_grouped(c->unannounced.sum.guilty, a));
	snprintf(lines[4], CENSUS_LINE_MAX, "by %s (s: next order)%s%s%s; %zu shown", 
	         census_sort_name(cv->sort), cv->filter[0] ? ", filter \"" : "", cv->filter,
	         cv->filter[0] ? "\" (f: change)" : ", f: filter by name", cv->n);
}

/* ---- the interface ---- */

static void census_title(const struct screen *scr, char *out, size_t len)
{
	(void)scr;
	snprintf(out, len, "rblscope  census: every ASN, exactly");
}

static const char *census_meaning(enum cell_class cls)
{
	static const char *const m[CC_COUNT] = {
		[CC_GUILTY] = "guilty: addresses listed themselves ({single})",
		[CC_RANGE] = "collateral: blocked by a listed range ({range})",
		[CC_ASN] = "collateral: blocked by a listed ASN ({asn})",
		[CC_ERROR] = "(not in the census: it counts zone files, which do not fail)",
		[CC_PENDING] = "(not in the census: every figure is there at once)",
		[CC_CLEAN] = "clean: listed nowhere",
	};

	return (unsigned)cls < CC_COUNT ? m[cls] : "";
}

/* The first row of the table and how many rows it has. */
static void table_geometry(const struct censusview *cv, int *y, int *rows)
{
	const struct layout *lay = cv->base.cx->lay;

	*y = lay->status_y + 1 + HEADER_ROWS + 2;
	*rows = lay->keys_y - *y;
	if (*rows < 1)
		*rows = 1;
}

static void census_draw(const struct screen *scr)
{
	static const char *const labels[HEADER_ROWS] = { "ASNs", "addresses", "per zone",
	                                                 "elsewhere", "order" };
	const struct censusview *cv = (const struct censusview *)scr;
	const struct ctx *cx = scr->cx;
	char lines[HEADER_ROWS][CENSUS_LINE_MAX], row[CENSUS_LINE_MAX];
	int y = cx->lay->status_y + 1, ty, rows, w = cx->lay->cols - 1;
	size_t top;

	header_lines(cv, lines);
	for (int i = 0; i < HEADER_ROWS; i++)
		y += draw_kv(y, 1, w, 1, A_NORMAL, labels[i], lines[i], cx->th->utf8);
	table_geometry(cv, &ty, &rows);
	heading_text(cv, w, row, sizeof row);
	draw_text(ty - 1, 1, w, theme_elem_attr(cx->th, TE_HEADING), row, cx->th->utf8);
	top = layout_list_top(cv->top, cv->cursor, (size_t)rows, cv->n);
	for (int r = 0; r < rows && top + (size_t)r < cv->n; r++) {
		size_t i = top + (size_t)r;

		census_row_text(cv, i, w, row, sizeof row);
		draw_text(ty + r, 1, w, i == cv->cursor ? A_REVERSE | A_BOLD : A_NORMAL, row,
		          cx->th->utf8);
	}
	if (cv->n == 0)
		draw_text(ty, 3, w - 2, A_DIM, cv->c.n ? "no ASN matches the filter" :
		          "nothing is listed in any network of the database", cx->th->utf8);
}

/* Enter: the ASN view of the selected ASN. */
static void open_asn(const struct censusview *cv, struct request *req)
{
	if (cv->n == 0)
		return;
	req->kind = REQ_ASN;
	req->asn = cv->c.v[cv->order[cv->cursor]].asn;
}

static void census_action(struct screen *scr, enum action act, struct request *req)
{
	struct censusview *cv = (struct censusview *)scr;
	size_t page;
	int y, rows;

	table_geometry(cv, &y, &rows);
	page = rows > 1 ? (size_t)rows - 1 : 1;
	switch (act) {
	case ACT_UP: if (cv->cursor > 0) cv->cursor--; break;
	case ACT_DOWN: if (cv->cursor + 1 < cv->n) cv->cursor++; break;
	case ACT_PREV24: cv->cursor = cv->cursor > page ? cv->cursor - page : 0; break;
	case ACT_NEXT24:
		cv->cursor = cv->cursor + page < cv->n ? cv->cursor + page : cv->n ? cv->n - 1 : 0;
		break;
	case ACT_FIRST: cv->cursor = 0; break;
	case ACT_LAST: cv->cursor = cv->n ? cv->n - 1 : 0; break;
	case ACT_OPEN: open_asn(cv, req); break;
	case ACT_SORT:
		census_arrange(cv, (cv->sort + 1) % CS_COUNT, cv->filter);
		request_say(req, false, "census by %s, largest first", census_sort_name(cv->sort));
		break;
	default: break;
	}
	cv->top = layout_list_top(cv->top, cv->cursor, (size_t)rows, cv->n);
}

/* The row under screen line y, or -1. */
static long row_at(const struct censusview *cv, int y)
{
	int top_y, rows;
	size_t i;

	table_geometry(cv, &top_y, &rows);
	if (y < top_y || y >= top_y + rows)
		return -1;
	i = layout_list_top(cv->top, cv->cursor, (size_t)rows, cv->n) + (size_t)(y - top_y);
	return i < cv->n ? (long)i : -1;
}

static void census_click(struct screen *scr, int x, int y, struct request *req)
{
	struct censusview *cv = (struct censusview *)scr;
	long i = row_at(cv, y);

	(void)x;
	if (i < 0)
		return;
	if ((size_t)i == cv->cursor) {
		open_asn(cv, req);
		return;
	}
	cv->cursor = (size_t)i;
}

static void census_wheel(struct screen *scr, int lines)
{
	struct censusview *cv = (struct censusview *)scr;
	int y, rows;

	if (lines < 0)
		cv->cursor = cv->cursor > (size_t)-lines ? cv->cursor - (size_t)-lines : 0;
	else if (cv->n)
		cv->cursor = cv->cursor + (size_t)lines < cv->n ? cv->cursor + (size_t)lines : cv->n - 1;
	table_geometry(cv, &y, &rows);
	cv->top = layout_list_top(cv->top, cv->cursor, (size_t)rows, cv->n);
}

static void census_filter(struct screen *scr, const char *text, struct request *req)
{
	struct censusview *cv = (struct censusview *)scr;

	census_arrange(cv, cv->sort, text);
	if (text[0])
		request_say(req, false, "%zu ASN%s match \"%s\"", cv->n, cv->n == 1 ? "" : "s",
		            cv->filter);
}

/* Counted from zone files: nothing is in flight, nothing to query. */
static size_t census_scans(struct screen *scr, struct scan **out, size_t max)
{
	(void)scr;
	(void)out;
	(void)max;
	return 0;
}

static void census_restart(struct screen *scr, unsigned qflags, bool keep)
{
	struct censusview *cv = (struct censusview *)scr;
	uint32_t asn = cursor_asn(cv);
	struct census fresh;
	char err[256];

	(void)qflags;
	(void)keep;
	/* The zones were read again (the demo): count again. */
	if (censusreport_count(scr->cx->s, &fresh, err, sizeof err) != 0)
		return;
	if (fresh.n > cv->c.n) {
		size_t *o = realloc(cv->order, fresh.n * sizeof *o);

		if (!o) {
			census_free(&fresh);
			return;
		}
		cv->order = o;
	}
	census_free(&cv->c);
	cv->c = fresh;
	arrange(cv, cv->sort, cv->filter, asn);
}

static int census_snapshot(const struct screen *scr, const char *dir, time_t when, char *path,
                           size_t len)
{
	const struct censusview *cv = (const struct censusview *)scr;
	char policy[DEMO_POLICY_LINE_MAX];
	FILE *f = snapfile_create(dir, "census", when, path, len);

	if (!f)
		return -1;
	return snapfile_finish(f, censusreport_write(f, EXPORT_TEXT, scr->cx->s, &cv->c,
	                                             demo_policy_line(scr->cx->demo, policy,
	                                                              sizeof policy), when), path);
}

static void census_focus(const struct screen *scr, struct focus *f)
{
	const struct censusview *cv = (const struct censusview *)scr;

	f->has_ip = false;
	f->ip = 0;
	f->asn = cursor_asn(cv);
}

static void census_destroy(struct screen *scr)
{
	struct censusview *cv = (struct censusview *)scr;

	census_free(&cv->c);
	free(cv->order);
	free(cv);
}

const struct screen_ops census_ops = {
	.name = "census",
	.scope = KS_CENSUS,
	.grid_layout = false,
	.title = census_title,
	.meaning = census_meaning,
	.draw = census_draw,
	.action = census_action,
	.click = census_click,
	.wheel = census_wheel,
	.filter = census_filter,
	.scans = census_scans,
	.restart = census_restart,
	.snapshot = census_snapshot,
	.focus = census_focus,
	.destroy = census_destroy,
};
