/* Composing the terminal.  Parts draw in a fixed order so that overlays
 * (message, help) land on top. */
#include "tui/frame.h"

#include <stdio.h>
#include <string.h>

#include "tui/draw.h"
#include "tui/help.h"
#include "tui/status.h"
#include "tui/text.h"

size_t toosmall_lines(int cols, int rows, char lines[][64], size_t max)
{
	char raw[3][64];
	size_t n = 0;

	snprintf(raw[0], sizeof raw[0], "terminal too small");
	snprintf(raw[1], sizeof raw[1], "need %dx%d, have %dx%d", LAYOUT_MIN_COLS, LAYOUT_MIN_ROWS,
	         cols, rows);
	snprintf(raw[2], sizeof raw[2], "enlarge it, or q to quit");
	for (size_t i = 0; i < 3 && n < max; i++)
		text_fit(lines[n++], sizeof lines[0], raw[i], cols, false);
	return n;
}

static void toosmall_draw(const struct ctx *cx)
{
	const struct layout *l = cx->lay;
	char lines[3][64];
	size_t n = toosmall_lines(l->cols, l->rows, lines, 3);
	int y = (l->rows - (int)n) / 2;

	if (y < 0)
		y = 0;
	for (size_t i = 0; i < n && y + (int)i < l->rows; i++)
		draw_centred(y + (int)i, 0, l->cols,
		             i == 0 ? theme_elem_attr(cx->th, TE_WARN) : A_NORMAL, lines[i], false);
}

static void message_draw(const struct ctx *cx, const struct frame *f)
{
	int y = cx->lay->msg_y;

	draw_blank(y, 0, cx->lay->cols, A_NORMAL);
	draw_text(y, 1, cx->lay->cols - 1,
	          theme_elem_attr(cx->th, f->msg_error ? TE_ERROR : TE_HEADING), f->msg,
	          cx->th->utf8);
}

/* The terminal's cursor sits in the prompt while typing, else hidden. */
static void cursor_place(const struct ctx *cx, const struct frame *f)
{
	if (f->prompt && f->prompt->active && !cx->lay->too_small) {
		curs_set(1);
		move(cx->lay->keys_y, (int)(strlen(prompt_label(f->prompt)) + f->prompt->len));
	} else {
		curs_set(0);
	}
}

void frame_draw(const struct ctx *cx, const struct screen *top, struct frame *f)
{
	erase();
	if (cx->lay->too_small) {
		toosmall_draw(cx);
	} else if (top) {
		title_draw(cx, top);
		status_draw(cx, screen_scan(top));
		top->ops->draw(top);
		if (f->prompt && f->prompt->active)
			prompt_draw(cx, f->prompt);
		else
			keyline_draw(cx, f->scope);
		if (f->msg && f->msg[0])
			message_draw(cx, f);
		if (f->help)
			f->help_scroll = help_draw(cx, f->scope, top->ops->meaning, f->help_scroll);
	}
	cursor_place(cx, f);
}
