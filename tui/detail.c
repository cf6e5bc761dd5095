/* The detail panel.  Built as lines first, so that the choice between
 * the full and the compact form, and the wrapping, are tested without a
 * terminal. */
#include "tui/detail.h"

#include <limits.h>
#include <stdarg.h>
#include <stdio.h>
#include <string.h>
#include <time.h>

#include "core/base/ip.h"
#include "core/export/diffreport.h"
#include "core/history/history.h"
#include "core/scan/legend.h"
#include "core/scan/zoneclass.h"
#include "core/uceprotect/txt.h"
#include "tui/draw.h"
#include "tui/text.h"

#define KV_INDENT 2
#define KV_VALUE_X 11   /* "  network  " */
/* Lines the ASN and its name take at most: a longer name is cut, so that
 * the zones keep their room. */
#define ASN_ROWS 2

struct builder {
	struct dline *out;
	size_t n, max;
	int width;
	bool utf8;
	const struct ctx *cx;
	const struct detail_in *in;
};

static void add(struct builder *b, enum dline_style st, int cls, const char *fmt, ...)
	__attribute__((format(printf, 4, 5)));

static void add(struct builder *b, enum dline_style st, int cls, const char *fmt, ...)
{
	char raw[TEXT_LINE_MAX];
	va_list ap;

	if (b->n >= b->max) {
		b->n++;   /* counted, so the caller sees it did not fit */
		return;
	}
	va_start(ap, fmt);
	vsnprintf(raw, sizeof raw, fmt, ap);
	va_end(ap);
	b->out[b->n].style = st;
	b->out[b->n].cls = cls;
	text_fit(b->out[b->n].text, sizeof b->out[b->n].text, raw, b->width - (cls >= 0 ? 2 : 0),
	         b->utf8);
	b->n++;
}

/* "  label    value", the value wrapped under itself in at most rows
 * lines, the last cut when the rest does not fit. */
static void add_kv_rows(struct builder *b, enum dline_style st, const char *label,
                        const char *value, int rows)
{
	char piece[DETAIL_TEXT_MAX];
	const char *p = value;
	int n, vw = b->width - KV_VALUE_X;

	if (vw < 8) {
		add(b, st, -1, "%*s%s %s", KV_INDENT, "", label, value);
		return;
	}
	for (n = 0; n < rows; n++) {
		if (!(n + 1 < rows ? text_wrap_next(&p, vw, b->utf8, piece, sizeof piece) :
		      text_wrap_last(&p, vw, b->utf8, piece, sizeof piece)))
			break;
		add(b, st, -1, "%*s%-*s%s", KV_INDENT, "", KV_VALUE_X - KV_INDENT,
		    n ? "" : label, piece);
	}
	if (n == 0)
		add(b, st, -1, "%*s%s", KV_INDENT, "", label);
}

/* "  label    value", the value wrapped under itself, whole. */
static void add_kv(struct builder *b, enum dline_style st, const char *label, const char *value)
{
	add_kv_rows(b, st, label, value, INT_MAX);
}

/* "AS64500 EXAMPLE-NET", or why there is none. */
static void asn_text(const struct ctx *cx, const struct asn_info *info, char *out, size_t len)
{
	if (!cx->s->db)
		snprintf(out, len, "no ASN database");
	else if (!info->found)
		snprintf(out, len, "not in the ASN database");
	else if (info->asn == 0)
		snprintf(out, len, "no ASN (network %s)", info->org[0] ? info->org : "unnamed");
	else
		snprintf(out, len, "AS%u %s", (unsigned)info->asn, info->org);
}

/* "listed 127.0.0.4,127.0.0.10" (every code; with_codes false: just
 * "listed"), "clean", "pending" or "error: <reason>". */
static void state_text(const struct lookup *l, bool with_codes, char *out, size_t len)
{
	char code[IP4_STRLEN];
	const uint32_t *codes;
	uint32_t n;
	size_t used;

	switch (l->state) {
	case LK_LISTED:
		used = (size_t)snprintf(out, len, "listed");
		codes = lk_codes(l, &n);
		for (uint32_t i = 0; with_codes && i < n; i++) {
			ip4_format(codes[i], code);
			text_appendf(out, len, &used, "%s%s", i ? "," : " ", code);
		}
		break;
	case LK_ERROR:
		snprintf(out, len, "error: %s", lk_error_text(l->error));
		break;
	default:
		snprintf(out, len, "%s", lk_state_name(l->state));
		break;
	}
}

/* What the TXT says, with the size of a listed network: the number
 * that makes collateral damage concrete. */
static void says_text(const char *txt, char *out, size_t len)
{
	struct txt_info ti;
	size_t used;

	txt_parse(txt, &ti);
	txt_summary(&ti, out, len);
	used = strlen(out);
	if (used && ti.has_net && ti.prefix < 32)
		text_appendf(out, len, &used, " (%llu addresses)",
		             (unsigned long long)cidr_size(ti.prefix));
}

static enum dline_style state_style(const struct lookup *l)
{
	return l->state == LK_ERROR ? DL_ERROR : l->state == LK_LISTED ? DL_WARN : DL_PLAIN;
}

static void header_lines(struct builder *b, const struct scan_cell *c, bool meaning)
{
	const struct detail_in *in = b->in;
	char ip[IP4_STRLEN], net[CIDR_STRLEN], text[TEXT_LINE_MAX];
	bool known;
	int cls = in->cls;

	ip4_format(in->view->cursor, ip);
	if (!c) {
		cidr_format(in->view->net, in->view->prefix, net);
		add(b, DL_HEADING, -1, "%s", ip);
		add(b, DL_DIM, -1, "  not scanned: outside %s", net);
		return;
	}
	legend_label((enum cell_class)cls, in->sc->profile, text, sizeof text);
	add(b, DL_HEADING, cls, "%s  %s", ip, text);
	legend_meaning((enum cell_class)cls, in->sc->profile, text, sizeof text);
	if (meaning)
		add(b, DL_DIM, -1, "  %s", text);
	add_kv(b, DL_PLAIN, "PTR", ptr_text(b->cx->ptr, in->view->cursor, &known));
	asn_text(b->cx, &c->asn, text, sizeof text);
	add_kv_rows(b, DL_PLAIN, "ASN", text, ASN_ROWS);
	if (c->asn.found) {
		cidr_format(c->asn.net, c->asn.prefix, net);
		snprintf(text, sizeof text, "%s (ASN DB)", net);
		add_kv(b, DL_PLAIN, "network", text);
	}
	if (in->target_asn->found && in->other_asn)
		add(b, DL_WARN, -1, "  another ASN than the target's (AS%u)",
		    (unsigned)in->target_asn->asn);
}

/* A label and a value cut to one line. */
static void add_kv_line(struct builder *b, enum dline_style st, const char *label,
                        const char *value)
{
	add(b, st, -1, "%*s%-*s%s", KV_INDENT, "", KV_VALUE_X - KV_INDENT, label, value);
}

/* Per zone: its name, state, TXT and what the TXT says.  wrap false
 * keeps the TXT to one line and puts the state on the name's line. */
/* --since: what zone z said of the address in the snapshot, where it
 * said otherwise than now. */
static void since_line(struct builder *b, const struct scan_cell *c, size_t z, bool wrap)
{
	const struct snapshot *since = b->cx->since;
	const struct snap_row *r = since ? snapshot_row(since, c->ip) : NULL;
	char was[DETAIL_TEXT_MAX], when[32];
	enum diff_change ch;
	size_t used;

	if (!r || since->profile.nzones != b->in->sc->nzones || c->zone[z].state == LK_PENDING)
		return;
	ch = diff_change_of(&r->zone[z], &c->zone[z]);
	if (ch == DC_NONE)
		return;
	state_text(&r->zone[z], true, was, sizeof was);
	snapshot_time_text(since, when, sizeof when);
	used = strlen(was);
	text_appendf(was, sizeof was, &used, " on %s (%s)", when, diff_change_name(ch));
	if (wrap)
		add_kv(b, DL_WARN, "was", was);
	else
		add_kv_line(b, DL_WARN, "was", was);
}

static void zone_lines(struct builder *b, const struct scan_cell *c, bool wrap)
{
	const struct scan *sc = b->in->sc;
	const struct profile *p = sc->profile;
	char text[DETAIL_TEXT_MAX];

	for (size_t z = 0; z < sc->nzones; z++) {
		const struct lookup *l = &c->zone[z];

		state_text(l, !wrap, text, sizeof text);
		if (wrap) {
			add(b, DL_HEADING, -1, "%s  %s", p->zones[z].key, p->zones[z].title);
			add_kv(b, state_style(l), "state", text);
			zone_codes_text(&p->zones[z], l, text, sizeof text);
			if (text[0])
				add_kv(b, DL_PLAIN, "codes", text);
		} else {
			add(b, state_style(l) == DL_PLAIN ? DL_HEADING : state_style(l), -1,
			    "%s  %s  (%s)", p->zones[z].key, text, p->zones[z].title);
		}
		since_line(b, c, z, wrap);
		if (!l->txt[0])
			continue;
		if (wrap)
			add_kv(b, DL_PLAIN, "TXT", l->txt);
		else
			add_kv_line(b, DL_PLAIN, "TXT", l->txt);
		says_text(l->txt, text, sizeof text);
		if (text[0] && wrap)
			add_kv(b, DL_PLAIN, "says", text);
		else if (text[0])
			add_kv_line(b, DL_PLAIN, "says", text);
	}
}

static void compact_lines(struct builder *b, const struct scan_cell *c)
{
	const struct detail_in *in = b->in;
	const struct profile *p = in->sc->profile;
	char ip[IP4_STRLEN], asn[TEXT_LINE_MAX], state[128], says[DETAIL_TEXT_MAX];
	char label[LEGEND_LABEL_MAX];
	bool known;
	int cls = in->cls;
	const char *ptr = ptr_text(b->cx->ptr, in->view->cursor, &known);

	ip4_format(in->view->cursor, ip);
	asn_text(b->cx, &c->asn, asn, sizeof asn);
	legend_label((enum cell_class)cls, p, label, sizeof label);
	add(b, DL_HEADING, cls, "%s %s  %s%s%s", ip, label, asn, known ? "  " : "", known ? ptr : "");
	for (size_t z = 0; z < in->sc->nzones; z++) {
		const struct lookup *l = &c->zone[z];

		state_text(l, true, state, sizeof state);
		says[0] = '\0';
		if (l->txt[0])
			says_text(l->txt, says, sizeof says);
		add(b, state_style(l), -1, "%s %s%s%s%s%s", p->zones[z].key, state,
		    says[0] ? "  " : "", says, l->txt[0] ? "  " : "", l->txt);
	}
}

/* "2026-11-20" (UTC), or "2026-11-20 -> 2026-11-25". */
static void days_text(const struct history_interval *iv, bool utf8, char *out, size_t len)
{
	char a[16], b[16];
	time_t t0 = (time_t)iv->first_time, t1 = (time_t)iv->last_time;
	struct tm tm;

	strftime(a, sizeof a, "%Y-%m-%d", gmtime_r(&t0, &tm));
	strftime(b, sizeof b, "%Y-%m-%d", gmtime_r(&t1, &tm));
	if (strcmp(a, b) == 0)
		snprintf(out, len, "%s", a);
	else
		snprintf(out, len, "%s %s %s", a, utf8 ? "\u2192" : "->", b);
}

/* The address's recorded timeline (core/history/, cached per address),
 * one line per zone, the latest interval first: "l1 listed 2026-11-20
 * -> 2026-11-25 127.0.0.2; clean 2026-11-26". */
static void history_lines(struct builder *b)
{
	struct session *s = b->cx->s;
	const struct history_timeline *t;
	char err[512], line[DETAIL_TEXT_MAX], days[64];
	const char *label = "history";

	if (s->history_note[0])
		add_kv_line(b, DL_DIM, "history", s->history_note);
	if (!s->history)
		return;
	if (!(t = history_address(s->history, b->in->view->cursor, err, sizeof err))) {
		add_kv_line(b, DL_DIM, label, err);
		return;
	}
	for (size_t from = 0, end; from < t->n; from = end) {
		size_t used = 0;

		for (end = from + 1; end < t->n && t->iv[end].zone_name == t->iv[from].zone_name; )
			end++;
		line[0] = '\0';
		text_appendf(line, sizeof line, &used, "%s", t->iv[from].zone_key);
		for (size_t i = end; i-- > from; ) {
			const struct history_interval *iv = &t->iv[i];
			const char *what = iv->state == LK_ERROR ? iv->error : iv->codes;

			days_text(iv, b->utf8, days, sizeof days);
			text_appendf(line, sizeof line, &used, "%s %s %s%s%s", i + 1 < end ? ";" : "",
			             lk_state_name(iv->state), days, what[0] ? " " : "", what);
		}
		add_kv_line(b, DL_PLAIN, label, line);
		label = "";
	}
}

size_t detail_build(const struct ctx *cx, const struct detail_in *in, int width,
                    size_t maxlines, struct dline *out)
{
	struct builder b = { out, 0, maxlines, width, cx->th->utf8, cx, in };
	const struct scan_cell *c = in->c;

	if (maxlines == 0 || width <= 0)
		return 0;
	if (!c) {
		header_lines(&b, NULL, false);
		return b.n < maxlines ? b.n : maxlines;
	}
	/* The most that fits: everything wrapped, then one line per TXT,
	 * then one line per zone. */
	header_lines(&b, c, true);
	add(&b, DL_PLAIN, -1, "%s", "");
	zone_lines(&b, c, true);
	history_lines(&b);
	if (b.n <= maxlines)
		return b.n;
	b.n = 0;
	header_lines(&b, c, false);
	zone_lines(&b, c, false);
	history_lines(&b);
	if (b.n <= maxlines)
		return b.n;
	b.n = 0;
	compact_lines(&b, c);
	return b.n < maxlines ? b.n : maxlines;
}

static attr_t dline_attr(const struct theme *th, enum dline_style st)
{
	switch (st) {
	case DL_HEADING: return theme_elem_attr(th, TE_HEADING);
	case DL_DIM: return A_DIM;
	case DL_WARN: return theme_elem_attr(th, TE_WARN);
	case DL_ERROR: return theme_elem_attr(th, TE_ERROR);
	default: return A_NORMAL;
	}
}

void detail_draw(const struct ctx *cx, const struct detail_in *in)
{
	struct dline lines[DETAIL_MAX_LINES];
	const struct layout *l = cx->lay;
	const struct theme *th = cx->th;
	size_t max = l->detail_h < DETAIL_MAX_LINES ? (size_t)l->detail_h : DETAIL_MAX_LINES;
	size_t n = detail_build(cx, in, l->detail_w - 1, max, lines);
	int x;

	for (size_t i = 0; i < n; i++) {
		x = l->detail_x + 1;
		if (lines[i].cls >= 0) {
			draw_text(l->detail_y + (int)i, x, 1, theme_class_attr(th, lines[i].cls),
			          theme_glyph(th, lines[i].cls), th->utf8);
			x += 2;
		}
		draw_text(l->detail_y + (int)i, x, l->detail_w - (x - l->detail_x), dline_attr(th,
		          lines[i].style), lines[i].text, th->utf8);
	}
}
