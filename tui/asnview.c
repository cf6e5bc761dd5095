/* The ASN view.  The figures and lines are built apart from curses, so
 * the arithmetic the header shows is tested without a terminal. */
#include "tui/asnview.h"

#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

#include "core/export/asnreport.h"
#include "core/base/ip.h"
#include "core/scan/legend.h"
#include "core/base/numfmt.h"
#include "tui/cells.h"
#include "tui/draw.h"
#include "tui/text.h"

#define NET_W 18          /* "255.255.255.255/32" */
#define SIZE_W 13         /* "4,294,967,296" */
#define L3_W 8            /* "pending" */
#define HLINE_MAX_ROWS 3  /* a header value wraps at most this often */

/* Per class, what it says about a network, in the slots of
 * legend_words: an ASN listing covers every address of it, so it reads
 * before a range listing here. */
static const char *const meanings[CC_COUNT] = {
	[CC_GUILTY] = "{single} lists some of its addresses, no range or ASN does",
	[CC_RANGE] = "collateral: {range} lists some of the network's /24s",
	[CC_ASN] = "collateral: {asn} lists the network, all its addresses",
	[CC_ERROR] = "a probe failed: state unknown, not clean",
	[CC_PENDING] = "waiting for the probes",
	[CC_CLEAN] = "listed on no zone where probed",
};

const char *asnview_meaning(enum cell_class cls)
{
	return (unsigned)cls < CC_COUNT ? meanings[cls] : "";
}

/* ---- the model ---- */



static void on_probe(void *arg, size_t cell, size_t zone)
{
	const struct asnview *av = arg;

	(void)cell;
	(void)zone;
	ctx_changed(av->base.cx);
}

/* Probe the networks again (qflags as for scan_start), on the session's
 * current backend. */
static void probe(struct asnview *av, unsigned qflags, bool keep)
{
	struct session *s = av->base.cx->s;
	struct asnscan *as = &av->as;

	as->sc.on_answer = on_probe;
	as->sc.on_answer_arg = av;
	if (keep && as->sc.lp) {
		scan_requery(&as->sc, s->lp, s->be, s->opt->rate, s->opt->window,
		             session_qflags(s) | qflags);
		return;
	}
	asnscan_start(as, s, s->opt->rate, s->opt->window, session_qflags(s) | qflags);
}

struct screen *asnview_new(const struct ctx *cx, uint32_t asn, char *err, size_t errlen)
{
	struct asnview *av = calloc(1, sizeof *av);

	if (!av) {
		snprintf(err, errlen, "out of memory");
		return NULL;
	}
	if (asnscan_init(&av->as, cx->s, asn, 0, err, errlen) < 0) {
		free(av);
		return NULL;
	}
	av->base = (struct screen){ &asnview_ops, cx, false };
	probe(av, 0, false);
	return &av->base;
}

/* ---- the list ---- */

/* One network as the list shows it: l3 the ASN zone's state, l2 the
 * range zone's /24s; counted exactly, l2 holds every figure from the
 * size on (EXACT_W columns each) and l3 and size are not drawn. */
struct net_row {
	const char *mark, *glyph;
	attr_t mark_attr, glyph_attr, net_attr, l3_attr, l2_attr;
	bool exact;
	char net[CIDR_STRLEN], size[32], l3[16], l2[128];
};

#define EXACT_W 8         /* "16777216": a /8, in digits */

/* The class a network reads as at a glance: an ASN listing covers all
 * of it, so it comes before a range listing here. */
static enum cell_class net_class(const struct asnscan_sum *sum)
{
	if (sum->l3 == LK_LISTED)
		return CC_ASN;
	if (sum->listed)
		return CC_RANGE;
	if (sum->l3 == LK_ERROR || sum->error)
		return CC_ERROR;
	if (sum->l3 == LK_PENDING || sum->pending)
		return CC_PENDING;
	return CC_CLEAN;
}

/* Network i counted exactly into r: true, or false when the session
 * cannot count exactly. */
static bool net_row_exact(const struct asnview *av, size_t i, struct net_row *r)
{
	const struct session *s = av->base.cx->s;
	const struct account *acct = session_account(s);
	const struct asnscan_net *n = &av->as.nets[i];
	struct acct_sum sum;
	size_t used = 0, ranged = 0, asn = 0;
	enum cell_class cls;

	if (!acct)
		return false;
	account_range(acct, n->net, (uint32_t)(n->net + cidr_size(n->prefix) - 1), &sum);
	r->exact = true;
	r->l2[0] = '\0';
	text_appendf(r->l2, sizeof r->l2, &used, "%*llu", EXACT_W, (unsigned long long)sum.addrs);
	for (size_t z = 0; z < s->profile->nzones; z++) {
		text_appendf(r->l2, sizeof r->l2, &used, " %*llu", EXACT_W,
		             (unsigned long long)sum.zone[z]);
		ranged += s->profile->zones[z].role == ZR_RANGE ? sum.zone[z] : 0;
		asn += s->profile->zones[z].role == ZR_ASN ? sum.zone[z] : 0;
	}
	text_appendf(r->l2, sizeof r->l2, &used, " %*llu %*llu", EXACT_W,
	             (unsigned long long)sum.blocked, EXACT_W + 2,
	             (unsigned long long)sum.collateral);
	cls = asn ? CC_ASN : ranged ? CC_RANGE : sum.guilty ? CC_GUILTY : CC_CLEAN;
	r->glyph = theme_glyph(av->base.cx->th, cls);
	r->glyph_attr = theme_class_attr(av->base.cx->th, cls);
	r->l2_attr = sum.blocked ? theme_class_attr(av->base.cx->th, cls) : A_NORMAL;
	return true;
}

static void net_row(const struct asnview *av, size_t i, struct net_row *r)
{
	const struct theme *th = av->base.cx->th;
	const struct asnscan_net *n = &av->as.nets[i];
	struct asnscan_sum sum;
	enum cell_class cls;
	char probes[32], blocks[32];
	size_t used = 0;

	asnscan_summary(&av->as, i, &sum);
	cls = net_class(&sum);
	r->glyph = theme_glyph(th, cls);
	r->glyph_attr = theme_class_attr(th, cls);
	r->mark = " ";
	r->mark_attr = A_NORMAL;
	r->net_attr = A_NORMAL;
	if (i == av->cursor) {
		r->mark = theme_sym(th, TS_CURSOR);
		r->mark_attr = theme_elem_attr(th, TE_CURSOR);
		r->net_attr = A_REVERSE | A_BOLD;
	}
	cidr_format(n->net, n->prefix, r->net);
	r->exact = false;
	if (net_row_exact(av, i, r))
		return;
	num_grouped(cidr_size(n->prefix), r->size);
	snprintf(r->l3, sizeof r->l3, "%s", lk_state_name(sum.l3));
	r->l3_attr = sum.l3 == LK_LISTED ? theme_class_attr(th, CC_ASN) :
	             sum.l3 == LK_ERROR ? theme_class_attr(th, CC_ERROR) : A_NORMAL;
	r->l2[0] = '\0';
	text_appendf(r->l2, sizeof r->l2, &used, "%zu of %s", sum.listed,
	             num_grouped(sum.probes, probes));
	if (sum.sampled)
		text_appendf(r->l2, sizeof r->l2, &used, " (sampled: %s /24s)",
		             num_grouped(n->n24, blocks));
	if (sum.error)
		text_appendf(r->l2, sizeof r->l2, &used, ", %zu failed", sum.error);
	if (sum.pending)
		text_appendf(r->l2, sizeof r->l2, &used, ", %zu to go", sum.pending);
	r->l2_attr = sum.listed ? theme_class_attr(th, CC_RANGE) : A_NORMAL;
}

/* Columns of the ASN zone's column: its label, at least L3_W. */
static int l3_width(const struct asnview *av)
{
	int w = text_width(profile_role_label(av->base.cx->s->profile, ZR_ASN),
	                   av->base.cx->th->utf8);

	return w > L3_W ? w : L3_W;
}

void asnview_row_text(const struct asnview *av, size_t i, char *out, size_t len)
{
	struct net_row r;

	net_row(av, i, &r);
	if (r.exact)
		snprintf(out, len, "%s %s %-*s %s", r.mark, r.glyph, NET_W, r.net, r.l2);
	else
		snprintf(out, len, "%s %s %-*s %*s  %-*s  %s", r.mark, r.glyph, NET_W, r.net, SIZE_W,
		         r.size, l3_width(av), r.l3, r.l2);
}

static void asnview_title(const struct screen *scr, char *out, size_t len)
{
	const struct asnscan *as = &((const struct asnview *)scr)->as;

	snprintf(out, len, "rblscope  AS%u %s", (unsigned)as->asn, as->org);
}

/* ---- geometry ---- */

/* Rows the header takes at the current width. */
static int header_rows(const struct asnview *av, const struct asn_hline *h, size_t n)
{
	const struct ctx *cx = av->base.cx;
	int width = cx->lay->cols - 1 - DRAW_KV_LABEL_W, rows = 0;
	char line[ASNVIEW_LINE_MAX];

	for (size_t i = 0; i < n; i++) {
		const char *p = h[i].value;
		int k = 0;

		while (k < HLINE_MAX_ROWS && text_wrap_next(&p, width, cx->th->utf8, line, sizeof line))
			k++;
		rows += k ? k : 1;
	}
	return rows;
}

/* The row of the first network, and how many rows the list has. */
static void list_geometry(const struct asnview *av, int *y, int *rows)
{
	const struct layout *lay = av->base.cx->lay;
	struct asn_hline h[ASNVIEW_HEADER_MAX];
	size_t n = asnview_header(av, h, ASNVIEW_HEADER_MAX);

	/* header, a blank line, the column heading */
	*y = lay->status_y + 1 + header_rows(av, h, n) + 2;
	*rows = lay->keys_y - *y;
	if (*rows < 1)
		*rows = 1;
}

/* The first network to show so that the cursor is on screen and the
 * list fills its rows. */
static size_t window_top(size_t top, size_t cursor, size_t rows, size_t n)
{
	if (cursor < top)
		top = cursor;
	if (cursor >= top + rows)
		top = cursor - rows + 1;
	if (top + rows > n)
		top = n > rows ? n - rows : 0;
	return top;
}

/* ---- actions ---- */

/* Enter: the grid of the selected network, from its first /24. */
static void open_network(const struct asnview *av, struct request *req)
{
	const struct asnscan_net *n = &av->as.nets[av->cursor];

	req->kind = REQ_TARGET;
	req->target = (struct target){ .kind = TARGET_NET, .net = n->net, .prefix = n->prefix,
	                               .focus = n->net };
	cidr_format(n->net, n->prefix, req->target.text);
}

static void asnview_action(struct screen *scr, enum action act, struct request *req)
{
	struct asnview *av = (struct asnview *)scr;
	size_t n = av->as.nnets, page, was = av->cursor;
	int y, rows;

	list_geometry(av, &y, &rows);
	page = rows > 1 ? (size_t)rows - 1 : 1;
	switch (act) {
	case ACT_UP: if (av->cursor > 0) av->cursor--; break;
	case ACT_DOWN: if (av->cursor + 1 < n) av->cursor++; break;
	case ACT_PREV24: av->cursor = av->cursor > page ? av->cursor - page : 0; break;
	case ACT_NEXT24: av->cursor = av->cursor + page < n ? av->cursor + page : n - 1; break;
	case ACT_FIRST: av->cursor = 0; break;
	case ACT_LAST: av->cursor = n - 1; break;
	case ACT_OPEN: open_network(av, req); break;
	case ACT_OVERVIEW:
		req->kind = REQ_OVERVIEW;
		req->ip = av->as.nets[av->cursor].net;
		break;
	default: break;
	}
	req->moved = av->cursor != was;
	av->top = window_top(av->top, av->cursor, (size_t)rows, n);
}

/* The network under row y of the list, or -1. */
static long row_at(const struct asnview *av, int y)
{
	int top_y, rows;
	size_t i;

	list_geometry(av, &top_y, &rows);
	if (y < top_y || y >= top_y + rows)
		return -1;
	i = window_top(av->top, av->cursor, (size_t)rows, av->as.nnets) + (size_t)(y - top_y);
	return i < av->as.nnets ? (long)i : -1;
}

static void asnview_click(struct screen *scr, int x, int y, struct request *req)
{
	struct asnview *av = (struct asnview *)scr;
	long i = row_at(av, y);

	(void)x;
	if (i < 0)
		return;
	if ((size_t)i == av->cursor) {
		open_network(av, req);
		return;
	}
	av->cursor = (size_t)i;
	req->moved = true;
}

static void asnview_wheel(struct screen *scr, int lines)
{
	struct asnview *av = (struct asnview *)scr;
	int y, rows;

	list_geometry(av, &y, &rows);
	if (lines < 0)
		av->cursor = av->cursor > (size_t)-lines ? av->cursor - (size_t)-lines : 0;
	else
		av->cursor = av->cursor + (size_t)lines < av->as.nnets ? av->cursor + (size_t)lines :
		             av->as.nnets - 1;
	av->top = window_top(av->top, av->cursor, (size_t)rows, av->as.nnets);
}

static size_t asnview_scans(struct screen *scr, struct scan **out, size_t max)
{
	if (max == 0)
		return 0;
	out[0] = &((struct asnview *)scr)->as.sc;
	return 1;
}

static void asnview_restart(struct screen *scr, unsigned qflags, bool keep)
{
	probe((struct asnview *)scr, qflags, keep);
}

static int asnview_snapshot(const struct screen *scr, const char *dir, time_t when, char *path,
                            size_t len)
{
	char policy[DEMO_POLICY_LINE_MAX];

	return asnreport_snapshot_file(dir, scr->cx->s, &((const struct asnview *)scr)->as,
	                               demo_policy_line(scr->cx->demo, policy, sizeof policy), when,
	                               path, len);
}

static void asnview_focus(const struct screen *scr, struct focus *f)
{
	const struct asnview *av = (const struct asnview *)scr;

	f->has_ip = av->as.nnets > 0;
	f->ip = f->has_ip ? av->as.nets[av->cursor].net : 0;
	f->asn = av->as.asn;
}

static void asnview_destroy(struct screen *scr)
{
	struct asnview *av = (struct asnview *)scr;

	asnscan_free(&av->as);
	free(av);
}

/* ---- drawing ---- */

static attr_t hstyle_attr(const struct theme *th, enum asn_hstyle st)
{
	if (st == AH_LISTED)
		return theme_elem_attr(th, TE_WARN);
	return st == AH_DIM ? A_DIM : A_NORMAL;
}

static void heading_draw(const struct asnview *av, int y, size_t top, int rows)
{
	const struct ctx *cx = av->base.cx;
	char text[256], range[96], first[32], last[32], all[32];
	size_t n = av->as.nnets, end = top + (size_t)rows < n ? top + (size_t)rows : n;

	range[0] = '\0';
	if (n > (size_t)rows)
		snprintf(range, sizeof range, "  (%s-%s of %s)", num_grouped(top + 1, first),
		         num_grouped(end, last), num_grouped(n, all));
	if (session_exact(cx->s)) {
		const struct profile *p = cx->s->profile;
		size_t used = 0;

		text[0] = '\0';
		text_appendf(text, sizeof text, &used, "    %-*s %*s", NET_W, "network", EXACT_W, "size");
		for (size_t z = 0; z < p->nzones; z++)
			text_appendf(text, sizeof text, &used, " %*s", EXACT_W, p->zones[z].key);
		text_appendf(text, sizeof text, &used, " %*s %*s%s", EXACT_W, "blocked", EXACT_W + 2,
		             "collateral", range);
	} else {
		const char *asn = profile_role_label(cx->s->profile, ZR_ASN);

		snprintf(text, sizeof text, "    %-*s %*s  %s%*s  %s: /24s listed of probed%s",
		         NET_W, "network", SIZE_W, "addresses", asn,
		         l3_width(av) - text_width(asn, cx->th->utf8), "",
		         profile_role_label(cx->s->profile, ZR_RANGE), range);
	}
	draw_text(y, 1, cx->lay->cols - 1, theme_elem_attr(cx->th, TE_HEADING), text, cx->th->utf8);
}

static void row_draw(const struct asnview *av, int y, size_t i)
{
	const struct theme *th = av->base.cx->th;
	int w = av->base.cx->lay->cols, x = 1;
	struct net_row r;
	char size[40];

	net_row(av, i, &r);
	snprintf(size, sizeof size, "%*s", SIZE_W, r.size);
	draw_text(y, x, 1, r.mark_attr, r.mark, th->utf8);
	draw_text(y, x + 2, 1, r.glyph_attr, r.glyph, th->utf8);
	x += 4;
	draw_text(y, x, NET_W, r.net_attr, r.net, th->utf8);
	x += NET_W + 1;
	if (r.exact) {
		draw_text(y, x, w - x, r.l2_attr, r.l2, th->utf8);
		return;
	}
	draw_text(y, x, w - x, A_NORMAL, size, th->utf8);
	x += SIZE_W + 2;
	draw_text(y, x, w - x, r.l3_attr, r.l3, th->utf8);
	x += l3_width(av) + 2;
	draw_text(y, x, w - x, r.l2_attr, r.l2, th->utf8);
}

static void asnview_draw(const struct screen *scr)
{
	const struct asnview *av = (const struct asnview *)scr;
	const struct ctx *cx = scr->cx;
	struct asn_hline h[ASNVIEW_HEADER_MAX];
	size_t n = asnview_header(av, h, ASNVIEW_HEADER_MAX), top;
	int y = cx->lay->status_y + 1, list_y, rows;

	for (size_t i = 0; i < n; i++)
		y += draw_kv(y, 1, cx->lay->cols - 1, HLINE_MAX_ROWS, hstyle_attr(cx->th, h[i].style),
		             h[i].label, h[i].value, cx->th->utf8);
	list_geometry(av, &list_y, &rows);
	top = window_top(av->top, av->cursor, (size_t)rows, av->as.nnets);
	heading_draw(av, list_y - 1, top, rows);
	for (int r = 0; r < rows && top + (size_t)r < av->as.nnets; r++)
		row_draw(av, list_y + r, top + (size_t)r);
}

const struct screen_ops asnview_ops = {
	.name = "asn",
	.scope = KS_ASN,
	.grid_layout = false,
	.title = asnview_title,
	.meaning = asnview_meaning,
	.draw = asnview_draw,
	.action = asnview_action,
	.click = asnview_click,
	.wheel = asnview_wheel,
	.scans = asnview_scans,
	.restart = asnview_restart,
	.snapshot = asnview_snapshot,
	.focus = asnview_focus,
	.destroy = asnview_destroy,
};
