/* Title, status, summary and notes. */
#include "tui/status.h"

#include <stdio.h>
#include <string.h>

#include "core/base/ip.h"
#include "core/export/diffreport.h"
#include "core/scan/legend.h"
#include "core/base/loop.h"
#include "tui/draw.h"
#include "tui/text.h"

int status_bar_fill(size_t done, size_t total, int width)
{
	int fill;

	if (width <= 0 || total == 0)
		return total == 0 && width > 0 ? width : 0;
	if (done >= total)
		return width;
	fill = (int)((double)done * width / (double)total);
	if (fill == 0 && done > 0)
		fill = 1;
	if (fill >= width)
		fill = width - 1;   /* full means finished, nothing less */
	return fill;
}

double status_rate(const struct scan *sc, uint64_t now)
{
	uint64_t end = sc->finished_ms ? sc->finished_ms : now;
	double secs = (double)(end - sc->started_ms) / 1000;

	if (sc->started_ms == 0 || secs <= 0)
		return 0;
	return (double)sc->done / secs;
}

/* "  about 12 s left", "  about 3 min left". */
static void status_left(char *out, size_t len, size_t *used, double secs)
{
	if (secs < 1)
		text_appendf(out, len, used, "  under 1 s left");
	else if (secs < 120)
		text_appendf(out, len, used, "  about %.0f s left", secs);
	else if (secs < 7200)
		text_appendf(out, len, used, "  about %.0f min left", secs / 60);
	else
		text_appendf(out, len, used, "  about %.0f h left", secs / 3600);
}

void status_counts(char *out, size_t len, const struct scan *sc, uint64_t now)
{
	uint64_t end = sc->finished_ms ? sc->finished_ms : now;
	size_t used = 0;

	out[0] = '\0';
	text_appendf(out, len, &used, "%zu/%zu lookups", sc->done, sc->total);
	if (sc->failed)
		text_appendf(out, len, &used, "  %zu error%s", sc->failed, sc->failed == 1 ? "" : "s");
	/* A rate over a few milliseconds (zone files) says nothing. */
	if (end >= sc->started_ms + 100) {
		double rate = status_rate(sc, now);

		text_appendf(out, len, &used, "  %.0f/s", rate);
		/* what is left at the rate so far: honest once answers come */
		if (!scan_finished(sc) && rate > 0 && sc->done > 0)
			status_left(out, len, &used, (double)(sc->total - sc->done) / rate);
	}
	if (scan_finished(sc) && sc->finished_ms >= sc->started_ms)
		text_appendf(out, len, &used, "  done in %.1f s",
		             (double)(sc->finished_ms - sc->started_ms) / 1000);
}

void status_title(char *out, size_t len, const struct view *v, const struct profile *p)
{
	char base[CIDR_STRLEN], tgt[CIDR_STRLEN];
	uint32_t index, count;
	size_t used = 0;

	cidr_format(v->base, 24, base);
	text_appendf(out, len, &used, "rblscope  %s", base);
	if (v->prefix > 24) {
		cidr_format(v->net, v->prefix, tgt);
		text_appendf(out, len, &used, "  (scanning %s only)", tgt);
	} else if (view_position(v, &index, &count)) {
		cidr_format(v->target.net, v->target.prefix, tgt);
		text_appendf(out, len, &used, "  (%u of %u in %s)", index, count, tgt);
	}
	if (p)
		text_appendf(out, len, &used, "  %s", p->title);
}

void status_ratio(char *out, size_t len, const struct scan_tally *t, bool longform)
{
	char ratio[32];

	scan_ratio_text(t, ratio, sizeof ratio);
	snprintf(out, len, "%s %s", longform ? "collateral ratio" : "ratio", ratio);
}

/* After the dead resolver's name and cause: the key that helps. */
#define DEAD_THEN ": r retries"

size_t status_warnings(const struct session *s, char lines[][STATUS_LINE_MAX], size_t max)
{
	size_t n = 0;
	const char *p, *nl;
	enum lk_error why;

	/* A dead resolver says it all: no zone-by-zone list under it. */
	if (session_resolver_dead(s, &why) && max > 0) {
		session_dead_text(s, why, DEAD_THEN, lines[n], STATUS_LINE_MAX);
		return 1;
	}
	for (size_t z = 0; z < s->nzones && n < max; z++)
		if (session_zone_trouble(s, z, lines[n], STATUS_LINE_MAX))
			n++;
	if (session_probing(s) && n < max)
		snprintf(lines[n++], STATUS_LINE_MAX, "checking the zones' RFC 5782 test entries");
	/* zone_note holds one line per zone without a file. */
	for (p = s->zone_note; *p && n < max; p = *nl ? nl + 1 : nl) {
		nl = strchr(p, '\n');
		if (!nl)
			nl = p + strlen(p);
		if (nl > p)
			snprintf(lines[n++], STATUS_LINE_MAX, "%.*s", (int)(nl - p), p);
	}
	if (s->db_note[0] && n < max)
		snprintf(lines[n++], STATUS_LINE_MAX, "%s", s->db_note);
	return n;
}

/* The title's left part: the place shown and, when full, the profile's
 * title, or in the demo the policy in force. */
static void title_left(const struct ctx *cx, const struct screen *top, char *out, size_t len,
                       bool full)
{
	const struct policy *p = cx->demo ? demo_policy(cx->demo) : NULL;
	size_t used;

	out[0] = '\0';
	top->ops->title(top, out, len);
	used = strlen(out);
	if (cx->layer >= 0 && (size_t)cx->layer < cx->s->nzones)
		text_appendf(out, len, &used, "  [%s alone]", cx->s->profile->zones[cx->layer].key);
	if (!full)
		return;
	if (p)
		text_appendf(out, len, &used, "  policy %s: %s", p->date, p->title);
	else
		text_appendf(out, len, &used, "  %s", cx->s->profile->title);
}

/* Draw the title line from left and right parts. */
static void title_put(const struct ctx *cx, const char *left, const char *right)
{
	attr_t attr = theme_elem_attr(cx->th, TE_TITLE);
	int w = cx->lay->cols, rw = right[0] ? text_width(right, cx->th->utf8) + 1 : 0;

	draw_blank(cx->lay->title_y, 0, w, attr);
	draw_text(cx->lay->title_y, 1, w - 1 - rw, attr, left, cx->th->utf8);
	if (rw)
		draw_text(cx->lay->title_y, w - rw, rw, attr, right, cx->th->utf8);
}

void title_draw(const struct ctx *cx, const struct screen *top)
{
	const struct policy *p = cx->demo ? demo_policy(cx->demo) : NULL;
	char full[STATUS_LINE_MAX], place[STATUS_LINE_MAX], source[STATUS_LINE_MAX];
	char date[64] = "";
	/* Longest first; the first that fits is drawn.  The place always
	 * shows and, in the demo, the policy: at least its date. */
	const char *forms[][2] = {
		{ full, source }, { full, cx->demo ? "offline demo" : "" }, { full, "" },
		{ place, date },
	};
	int w = cx->lay->cols - 1;

	title_left(cx, top, full, sizeof full, true);
	title_left(cx, top, place, sizeof place, false);
	if (p)
		snprintf(date, sizeof date, "policy %s", p->date);
	/* The demo's zones live in a temporary folder nobody needs to see:
	 * its scenario says more. */
	if (cx->demo)
		snprintf(source, sizeof source, "demo: %s", demo_scenario(cx->demo)->title);
	else
		snprintf(source, sizeof source, "%s", cx->s->be ? cx->s->be->ops->describe(cx->s->be) :
		         "-");
	for (size_t i = 0; i < sizeof forms / sizeof forms[0]; i++) {
		int lw = text_width(forms[i][0], cx->th->utf8), rw = text_width(forms[i][1], cx->th->utf8);

		if (lw + (rw ? rw + 2 : 0) <= w || i + 1 == sizeof forms / sizeof forms[0]) {
			title_put(cx, forms[i][0], forms[i][1]);
			return;
		}
	}
}

/* The progress bar of sc at y, x; returns the columns used. */
static int bar_draw(const struct ctx *cx, const struct scan *sc, int y, int x)
{
	const struct theme *th = cx->th;
	int fill = status_bar_fill(sc->done, sc->total, STATUS_BAR_W);

	for (int i = 0; i < STATUS_BAR_W; i++)
		draw_text(y, x + i, 1, theme_elem_attr(th, i < fill ? TE_BAR_DONE : TE_BAR_TODO),
		          theme_sym(th, i < fill ? TS_BAR_DONE : TS_BAR_TODO), th->utf8);
	return STATUS_BAR_W;
}

/* The first warning, and how many more a wider terminal would list. */
static void warning_line(const struct ctx *cx, char *out, size_t len,
                         char warn[][STATUS_LINE_MAX], size_t nwarn)
{
	if (nwarn > 1)
		snprintf(out, len, "%s %s (+%zu more)", theme_sym(cx->th, TS_WARN), warn[0], nwarn - 1);
	else
		snprintf(out, len, "%s %s", theme_sym(cx->th, TS_WARN), warn[0]);
}

void status_draw(const struct ctx *cx, const struct scan *sc)
{
	const struct theme *th = cx->th;
	char text[STATUS_LINE_MAX], warn[STATUS_WARN_MAX][STATUS_LINE_MAX], line[STATUS_LINE_MAX + 32];
	int y = cx->lay->status_y, x = 1, w = cx->lay->cols;
	size_t nwarn;

	/* A screen without scans (the census) has only warnings here. */
	if (sc) {
		x += bar_draw(cx, sc, y, x) + 2;
		status_counts(text, sizeof text, sc, loop_now());
		x += draw_text(y, x, w - x, sc->failed ? theme_elem_attr(th, TE_WARN) : A_NORMAL,
		               text, th->utf8);
	}
	nwarn = status_warnings(cx->s, warn, STATUS_WARN_MAX);
	/* A scan that gave up on a resolver that never answered (without
	 * probes, or before they ended) says so here. */
	if (sc && sc->gave_up != LKE_NONE && nwarn == 0 && x + 4 < w) {
		session_dead_text(cx->s, sc->gave_up, DEAD_THEN, text, sizeof text);
		snprintf(line, sizeof line, "%s %s", theme_sym(th, TS_WARN), text);
		draw_text(y, x + 2, w - x - 2, theme_elem_attr(th, TE_ERROR), line, th->utf8);
		return;
	}
	/* Warnings have their own line, or the notes; else they go here. */
	if (nwarn == 0 || x + 4 >= w || cx->lay->warn_y >= 0 || cx->lay->side)
		return;
	warning_line(cx, line, sizeof line, warn, nwarn);
	draw_text(y, x + 2, w - x - 2, theme_elem_attr(th, TE_WARN), line, th->utf8);
}

void warnline_draw(const struct ctx *cx)
{
	char warn[STATUS_WARN_MAX][STATUS_LINE_MAX], line[STATUS_LINE_MAX + 32];
	size_t nwarn;

	if (cx->lay->warn_y < 0)
		return;
	nwarn = status_warnings(cx->s, warn, STATUS_WARN_MAX);
	if (nwarn == 0)
		return;
	warning_line(cx, line, sizeof line, warn, nwarn);
	draw_text(cx->lay->warn_y, 1, cx->lay->cols - 1, theme_elem_attr(cx->th, TE_WARN), line,
	          cx->th->utf8);
}

void status_reach(char *out, size_t len, const struct scan *sc, const struct scan_tally *t,
                  bool longform)
{
	size_t used = 0;

	out[0] = '\0';
	for (size_t z = 0; z < sc->nzones; z++)
		text_appendf(out, len, &used, "%s%s %zu", z ? (longform ? ", " : " ") :
		             (longform ? "listed: " : ""), sc->profile->zones[z].key, t->listed[z]);
}

/* Is class c left out of the summary in plan p? */
static bool summary_skips(const struct scan_tally *t, const struct summary_plan *p,
                          enum cell_class c)
{
	return p->skip_zero && t->cls[c] == 0 && (c == CC_PENDING || c == CC_ERROR);
}

/* What the summary calls class c: its label in the words of profile
 * prof ("guilty (UCE-1)") or its short name ("guilty"). */
static void summary_name(const struct profile *prof, enum cell_class c, bool labels, char *out,
                         size_t len)
{
	if (labels)
		legend_label(c, prof, out, len);
	else
		snprintf(out, len, "%s", legend_of(c)->name);
}

/* One summary item: glyph in its class's look, then "label count". */
static int summary_item(const struct ctx *cx, const struct profile *prof, int y, int x, int maxw,
                        enum cell_class c, size_t count, bool labels)
{
	const struct theme *th = cx->th;
	char name[LEGEND_LABEL_MAX], text[LEGEND_LABEL_MAX + 32];
	int used;

	if (maxw < 3)
		return 0;
	used = draw_text(y, x, 1, theme_class_attr(th, c), theme_glyph(th, c), th->utf8);
	summary_name(prof, c, labels, name, sizeof name);
	snprintf(text, sizeof text, " %s %zu", name, count);
	return used + draw_text(y, x + used, maxw - used, A_NORMAL, text, th->utf8);
}

/* Columns the summary of a scan of profile prof needs in the form p
 * describes. */
static int summary_width(const struct profile *prof, const struct scan_tally *t,
                         const struct summary_plan *p)
{
	const enum cell_class *order;
	size_t n;
	int w = 0;
	char name[LEGEND_LABEL_MAX], text[LEGEND_LABEL_MAX + 32];

	order = legend_order(&n);
	for (size_t i = 0; i < n; i++) {
		if (summary_skips(t, p, order[i]))
			continue;
		summary_name(prof, order[i], p->labels, name, sizeof name);
		w += snprintf(text, sizeof text, "x %s %zu  ", name, t->cls[order[i]]);
	}
	if (p->reach[0])
		w += (int)strlen(p->reach) + 2;
	return w + (int)strlen(p->ratio);
}

void summary_plan(const struct scan *sc, const struct scan_tally *t, int width,
                  struct summary_plan *p)
{
	/* Longest first: labels, "listed: l1 7, ..." and "collateral
	 * ratio"; then short names; then without "pending 0" and "error 0";
	 * then the short ratio; then the short reach; then without the
	 * reach; last without the ratio. */
	p->labels = true;
	p->skip_zero = false;
	status_reach(p->reach, sizeof p->reach, sc, t, true);
	status_ratio(p->ratio, sizeof p->ratio, t, true);
	if (summary_width(sc->profile, t, p) <= width)
		return;
	p->labels = false;
	if (summary_width(sc->profile, t, p) <= width)
		return;
	p->skip_zero = true;
	if (summary_width(sc->profile, t, p) <= width)
		return;
	status_ratio(p->ratio, sizeof p->ratio, t, false);
	if (summary_width(sc->profile, t, p) <= width)
		return;
	status_reach(p->reach, sizeof p->reach, sc, t, false);
	if (summary_width(sc->profile, t, p) <= width)
		return;
	p->reach[0] = '\0';
	if (summary_width(sc->profile, t, p) <= width)
		return;
	p->ratio[0] = '\0';
}

/* "+N listed, -M delisted since 2026-11-25 14:30 UTC": the addresses of
 * sc listed now and not in snapshot since, and the other way round. */
static void since_text(const struct snapshot *since, const struct scan *sc, char *out,
                       size_t len)
{
	size_t listed = 0, delisted = 0;
	char when[32];

	for (size_t i = 0; i < sc->ncells && since->profile.nzones == sc->nzones; i++) {
		const struct snap_row *r = snapshot_row(since, sc->cells[i].ip);
		enum diff_change c;

		if (r && diff_cell_changed(r, sc->cells[i].zone, sc->nzones, &c)) {
			listed += c == DC_LISTED;
			delisted += c == DC_DELISTED;
		}
	}
	snapshot_time_text(since, when, sizeof when);
	snprintf(out, len, "+%zu listed, -%zu delisted since %s", listed, delisted, when);
}

void summary_draw(const struct ctx *cx, const struct scan *sc)
{
	struct scan_tally t;
	struct summary_plan plan;
	const enum cell_class *order;
	size_t n;
	int y = cx->lay->summary_y, x = 1, w = cx->lay->summary_w;

	scan_tally(sc, &t);
	if (cx->since) {
		char since[160];

		since_text(cx->since, sc, since, sizeof since);
		x += draw_text(y, x, w - x, A_BOLD, since, cx->th->utf8) + 2;
	}
	summary_plan(sc, &t, w - x, &plan);
	order = legend_order(&n);
	for (size_t i = 0; i < n && x < w; i++) {
		if (summary_skips(&t, &plan, order[i]))
			continue;
		x += summary_item(cx, sc->profile, y, x, w - x, order[i], t.cls[order[i]],
		                  plan.labels) + 2;
	}
	if (plan.reach[0] && x < w)
		x += draw_text(y, x, w - x, A_NORMAL, plan.reach, cx->th->utf8) + 2;
	if (plan.ratio[0] && x < w)
		draw_text(y, x, w - x, A_BOLD, plan.ratio, cx->th->utf8);
}

/* Draw text from column x, wrapped to the columns [x, end) with the
 * lines after the first starting at x + indent; returns the lines used,
 * at most max. */
static int wrapped_draw(const struct ctx *cx, int y, int x, int indent, int end, int max,
                        attr_t attr, const char *text)
{
	char line[STATUS_LINE_MAX];
	const char *p = text;
	bool utf8 = cx->th->utf8;
	int n;

	for (n = 0; n < max; n++) {
		int w = end - x - (n ? indent : 0);

		if (!(n + 1 < max ? text_wrap_next(&p, w, utf8, line, sizeof line) :
		      text_wrap_last(&p, w, utf8, line, sizeof line)))
			break;
		draw_text(y + n, x + (n ? indent : 0), end - x, attr, line, utf8);
	}
	return n;
}

void notes_draw(const struct ctx *cx)
{
	const struct theme *th = cx->th;
	const enum cell_class *order;
	char warn[STATUS_WARN_MAX][STATUS_LINE_MAX], line[STATUS_LINE_MAX];
	char label[CC_COUNT][LEGEND_LABEL_MAX], meaning[CC_COUNT][LEGEND_TEXT_MAX];
	const struct layout *l = cx->lay;
	int y = l->notes_y, end = l->notes_y + l->notes_h, x = l->notes_x + 1;
	int right = l->notes_x + l->notes_w, lw = 0;
	size_t n, nwarn;
	bool oneline;

	if (l->notes_h <= 0)
		return;
	/* Label and meaning on one line when every one fits, else each
	 * meaning indented under its label: one form for the whole legend. */
	order = legend_order(&n);
	for (size_t i = 0; i < n; i++) {
		legend_label(order[i], cx->s->profile, label[i], sizeof label[i]);
		legend_meaning(order[i], cx->s->profile, meaning[i], sizeof meaning[i]);
		if (text_width(label[i], th->utf8) > lw)
			lw = text_width(label[i], th->utf8);
	}
	oneline = true;
	for (size_t i = 0; i < n; i++)
		oneline = oneline && lw + 2 + text_width(meaning[i], th->utf8) <= right - x - 2;
	for (size_t i = 0; i < n && y < end; i++) {
		draw_text(y, x, 1, theme_class_attr(th, order[i]), theme_glyph(th, order[i]), th->utf8);
		snprintf(line, sizeof line, "%s%*s  %s", label[i], lw - text_width(label[i], th->utf8),
		         "", meaning[i]);
		draw_text(y++, x + 2, right - x - 2, A_NORMAL, oneline ? line : label[i], th->utf8);
		if (!oneline)
			y += wrapped_draw(cx, y, x + 2, 0, right, end - y, A_DIM, meaning[i]);
	}
	if (y < end) {
		draw_text(y, x, 1, theme_elem_attr(th, TE_OTHER_ASN), theme_sym(th, TS_OTHER_ASN),
		          th->utf8);
		y += wrapped_draw(cx, y, x + 2, 0, right, end - y, A_NORMAL,
		                  "another ASN than the target's (A)");
	}
	/* The demo's scenario: what the class is looking at. */
	if (cx->demo && ++y < end) {
		snprintf(line, sizeof line, "demo: %s", demo_scenario(cx->demo)->title);
		y += wrapped_draw(cx, y, x, 2, right, end - y, theme_elem_attr(th, TE_HEADING), line);
	}
	nwarn = status_warnings(cx->s, warn, STATUS_WARN_MAX);
	y++;
	for (size_t i = 0; i < nwarn && y < end; i++) {
		draw_text(y, x, 1, theme_elem_attr(th, TE_WARN), theme_sym(th, TS_WARN), th->utf8);
		y += wrapped_draw(cx, y, x + 2, 0, right, end - y, theme_elem_attr(th, TE_WARN), warn[i]);
	}
}
