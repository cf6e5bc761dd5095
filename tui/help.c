/* Help overlay and key line.  The help is built as lines first, so its
 * content is tested without a terminal and scrolls when the terminal is
 * short. */
#include "tui/help.h"

#include <stdarg.h>
#include <stdio.h>

#include "core/scan/legend.h"
#include "tui/draw.h"
#include "tui/keys.h"
#include "tui/text.h"

#define HELP_KEY_W 14
#define HELP_MAX_LINES 64

/* The terms the screens use, defined once, in the profile's words
 * (legend_words). */
static const char *const terms[] = {
	"collateral: blocked by a listed range or ASN, not listed itself",
	"collateral ratio: collateral per guilty ({single}) address",
};

struct hbuild {
	struct help_line *out;
	size_t n, max;
};

static struct help_line *line_add(struct hbuild *b, int kind, const char *fmt, ...)
	__attribute__((format(printf, 3, 4)));

static struct help_line *line_add(struct hbuild *b, int kind, const char *fmt, ...)
{
	struct help_line *l;
	va_list ap;

	if (b->n >= b->max)
		return NULL;
	l = &b->out[b->n++];
	l->kind = kind;
	l->cls = -1;
	l->keys = "";
	va_start(ap, fmt);
	vsnprintf(l->text, sizeof l->text, fmt, ap);
	va_end(ap);
	return l;
}

/* The glyphs' lines: each class's label in p's words, padded to the
 * widest, and what it means on the screen. */
static void classes_add(struct hbuild *b, const struct profile *p, help_meaning_fn meaning,
                        bool utf8)
{
	char label[CC_COUNT][LEGEND_LABEL_MAX], text[LEGEND_TEXT_MAX];
	struct help_line *l;
	int lw = 0;
	size_t n;
	const enum cell_class *order = legend_order(&n);

	for (size_t i = 0; i < n; i++) {
		legend_label(order[i], p, label[i], sizeof label[i]);
		if (text_width(label[i], utf8) > lw)
			lw = text_width(label[i], utf8);
	}
	for (size_t i = 0; i < n; i++) {
		legend_explain(order[i], p, meaning(order[i]), text, sizeof text);
		if ((l = line_add(b, HL_CLASS, "%s%*s  %s", label[i],
		                  lw - text_width(label[i], utf8), "", text)))
			l->cls = (int)order[i];
	}
}

size_t help_build(unsigned scope, const struct profile *p, help_meaning_fn meaning, bool utf8,
                  struct help_line *out, size_t max)
{
	struct hbuild b = { out, 0, max };
	char text[LEGEND_TEXT_MAX];
	struct help_line *l;
	struct key_help k;

	line_add(&b, HL_HEADING, "rblscope keys (arrows scroll, any other key closes)");
	for (size_t i = 0; keys_help(i, scope, utf8, &k); i++)
		if ((l = line_add(&b, HL_KEY, "%s", k.text)))
			l->keys = k.keys;
	line_add(&b, HL_TEXT, "%s", "");
	line_add(&b, HL_HEADING, "What the glyphs mean");
	classes_add(&b, p, meaning, utf8);
	line_add(&b, HL_TEXT, "%s", "");
	for (size_t i = 0; i < sizeof terms / sizeof terms[0]; i++) {
		legend_words(p, terms[i], text, sizeof text);
		line_add(&b, HL_TEXT, "%s", text);
	}
	return b.n;
}

/* The frame, over whole blanked rows so nothing of the view shows
 * beside it: box-drawing characters in UTF-8, else ASCII. */
static void frame_draw(const struct ctx *cx, int y, int x, int h, int w)
{
	const struct theme *th = cx->th;
	const char *hl = th->utf8 ? "\u2500" : "-", *vl = th->utf8 ? "\u2502" : "|";
	const char *corner[4] = { "+", "+", "+", "+" };

	if (th->utf8) {
		corner[0] = "\u250c";
		corner[1] = "\u2510";
		corner[2] = "\u2514";
		corner[3] = "\u2518";
	}
	for (int r = 0; r < h; r++)
		draw_blank(y + r, 0, cx->lay->cols, A_NORMAL);
	for (int c = 1; c < w - 1; c++) {
		draw_text(y, x + c, 1, A_NORMAL, hl, th->utf8);
		draw_text(y + h - 1, x + c, 1, A_NORMAL, hl, th->utf8);
	}
	for (int r = 1; r < h - 1; r++) {
		draw_text(y + r, x, 1, A_NORMAL, vl, th->utf8);
		draw_text(y + r, x + w - 1, 1, A_NORMAL, vl, th->utf8);
	}
	draw_text(y, x, 1, A_NORMAL, corner[0], th->utf8);
	draw_text(y, x + w - 1, 1, A_NORMAL, corner[1], th->utf8);
	draw_text(y + h - 1, x, 1, A_NORMAL, corner[2], th->utf8);
	draw_text(y + h - 1, x + w - 1, 1, A_NORMAL, corner[3], th->utf8);
}

static void line_draw(const struct ctx *cx, const struct help_line *l, int y, int x, int w)
{
	const struct theme *th = cx->th;

	switch (l->kind) {
	case HL_HEADING:
		draw_text(y, x, w, theme_elem_attr(th, TE_HEADING), l->text, th->utf8);
		break;
	case HL_KEY:
		draw_text(y, x, HELP_KEY_W, theme_elem_attr(th, TE_KEY), l->keys, th->utf8);
		draw_text(y, x + HELP_KEY_W + 1, w - HELP_KEY_W - 1, A_NORMAL, l->text, th->utf8);
		break;
	case HL_CLASS:
		draw_text(y, x, 1, theme_class_attr(th, l->cls), theme_glyph(th, l->cls), th->utf8);
		draw_text(y, x + 2, w - 2, A_NORMAL, l->text, th->utf8);
		break;
	default:
		draw_text(y, x, w, A_NORMAL, l->text, th->utf8);
		break;
	}
}

int help_draw(const struct ctx *cx, unsigned scope, help_meaning_fn meaning, int scroll)
{
	struct help_line lines[HELP_MAX_LINES];
	size_t n = help_build(scope, cx->s->profile, meaning, cx->th->utf8, lines, HELP_MAX_LINES);
	const char *up = cx->th->utf8 ? " \u2191 more " : " ^ more ";
	const char *down = cx->th->utf8 ? " \u2193 more " : " v more ";
	struct help_box b;

	/* The first line is the title; the rest scrolls under it. */
	layout_help(cx->lay, (int)n - 1, scroll, &b);
	frame_draw(cx, b.y, b.x, b.h, b.w);
	line_draw(cx, &lines[0], b.title_y, b.text_x, b.text_w);
	for (int r = 0; r < b.visible && b.scroll + r + 1 < (int)n; r++)
		line_draw(cx, &lines[b.scroll + r + 1], b.text_y + r, b.text_x, b.text_w);
	/* Where more lines hide, the frame says so. */
	if (b.more_above)
		draw_text(b.y, b.x + b.w - 10, 8, A_BOLD, up, cx->th->utf8);
	if (b.more_below)
		draw_text(b.y + b.h - 1, b.x + b.w - 10, 8, A_BOLD, down, cx->th->utf8);
	return b.scroll;
}

void keyline_draw(const struct ctx *cx, unsigned scope)
{
	const struct theme *th = cx->th;
	const char *key, *label;
	int y = cx->lay->keys_y, x = 0, w = cx->lay->cols, kw, lw;

	draw_blank(y, 0, w, A_NORMAL);
	for (size_t i = 0; keys_bar_item(i, scope, th->utf8, &key, &label); i++) {
		kw = text_width(key, th->utf8) + 2;
		lw = text_width(label, th->utf8) + 2;
		if (x + kw + lw > w)
			break;
		draw_text(y, x, kw, theme_elem_attr(th, TE_KEY), " ", th->utf8);
		draw_text(y, x + 1, kw - 1, theme_elem_attr(th, TE_KEY), key, th->utf8);
		draw_text(y, x + kw - 1, 1, theme_elem_attr(th, TE_KEY), " ", th->utf8);
		draw_text(y, x + kw, lw, A_NORMAL, label, th->utf8);
		x += kw + lw;
	}
}
