/* Help overlay and key line. */
#include "tui/help.h"

#include <stdio.h>

#include "core/scan/legend.h"
#include "tui/app.h"
#include "tui/draw.h"
#include "tui/keys.h"
#include "tui/screen.h"
#include "tui/text.h"

#define HELP_W 76
#define HELP_KEY_W 14

static size_t help_keys(unsigned scope)
{
	struct key_help h;
	size_t n = 0;

	while (keys_help(n, scope, false, &h))
		n++;
	return n;
}

int help_height(unsigned scope)
{
	size_t nlegend;

	legend_order(&nlegend);
	/* border, title, keys, blank, legend heading, legend, border */
	return (int)(help_keys(scope) + nlegend) + 5;
}

/* The frame, over whole blanked rows so nothing of the view shows
 * beside it: box-drawing characters in UTF-8, else ASCII. */
static void frame_draw(const struct app *a, int y, int x, int h, int w)
{
	const struct theme *th = &a->th;
	const char *hl = th->utf8 ? "\u2500" : "-", *vl = th->utf8 ? "\u2502" : "|";
	const char *corner[4] = { "+", "+", "+", "+" };

	if (th->utf8) {
		corner[0] = "\u250c";
		corner[1] = "\u2510";
		corner[2] = "\u2514";
		corner[3] = "\u2518";
	}
	for (int r = 0; r < h; r++)
		draw_blank(y + r, 0, a->lay.cols, A_NORMAL);
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

void help_draw(const struct app *a)
{
	const struct theme *th = &a->th;
	const enum cell_class *order;
	struct key_help k;
	size_t nlegend;
	char line[256];
	unsigned scope = app_scope(a);
	const char *(*meaning)(enum cell_class) = screen_of(a)->meaning;
	int w = a->lay.cols - 4 < HELP_W ? a->lay.cols - 4 : HELP_W;
	int h = help_height(scope) < a->lay.rows - 2 ? help_height(scope) : a->lay.rows - 2;
	int x = (a->lay.cols - w) / 2, y = (a->lay.rows - h) / 2, r, end = y + h - 1;

	frame_draw(a, y, x, h, w);
	draw_text(y + 1, x + 2, w - 4, theme_elem_attr(th, TE_HEADING),
	          "rblscope keys (any key closes this help)", th->utf8);
	r = y + 2;
	for (size_t i = 0; keys_help(i, scope, th->utf8, &k) && r < end; i++, r++) {
		draw_text(r, x + 2, HELP_KEY_W, theme_elem_attr(th, TE_KEY), k.keys, th->utf8);
		draw_text(r, x + 3 + HELP_KEY_W, w - 5 - HELP_KEY_W, A_NORMAL, k.text, th->utf8);
	}
	if (++r < end)
		draw_text(r++, x + 2, w - 4, theme_elem_attr(th, TE_HEADING), "What the glyphs mean",
		          th->utf8);
	order = legend_order(&nlegend);
	for (size_t i = 0; i < nlegend && r < end; i++, r++) {
		const struct legend_entry *e = legend_of(order[i]);

		draw_text(r, x + 2, 1, theme_class_attr(th, order[i]), theme_glyph(th, order[i]),
		          th->utf8);
		snprintf(line, sizeof line, "%-12s %s", e->label, meaning(order[i]));
		draw_text(r, x + 4, w - 6, A_NORMAL, line, th->utf8);
	}
}

void keyline_draw(const struct app *a)
{
	const struct theme *th = &a->th;
	const char *key, *label;
	int y = a->lay.keys_y, x = 0, w = a->lay.cols, kw, lw;

	draw_blank(y, 0, w, A_NORMAL);
	for (size_t i = 0; keys_bar_item(i, app_scope(a), th->utf8, &key, &label); i++) {
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
