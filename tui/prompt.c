/* The prompt: line editing small enough to read at once. */
#include "tui/prompt.h"

#include <string.h>

#include "tui/curses.h"
#include "tui/draw.h"

#define KEY_ESC 27
#define CTRL(c) ((c) & 0x1f)

void prompt_open(struct prompt *p)
{
	memset(p, 0, sizeof *p);
	p->active = true;
}

void prompt_close(struct prompt *p)
{
	p->active = false;
}

/* Addresses, CIDRs and "AS<n>" need nothing else; refusing the rest
 * keeps pasted junk out of the buffer. */
static bool prompt_char_ok(int ch)
{
	return (ch >= '0' && ch <= '9') || ch == '.' || ch == '/' || ch == 'A' || ch == 'S' ||
	       ch == 'a' || ch == 's';
}

enum prompt_result prompt_feed(struct prompt *p, int ch)
{
	switch (ch) {
	case '\n':
	case '\r':
	case KEY_ENTER:
		return PR_DONE;
	case KEY_ESC:
	case CTRL('c'):
	case CTRL('g'):
		return PR_CANCEL;
	case KEY_BACKSPACE:
	case 127:
	case CTRL('h'):
		if (p->len > 0)
			p->buf[--p->len] = '\0';
		p->error[0] = '\0';
		return PR_EDITING;
	case CTRL('u'):
		p->len = 0;
		p->buf[0] = '\0';
		p->error[0] = '\0';
		return PR_EDITING;
	default:
		break;
	}
	if (prompt_char_ok(ch) && p->len + 1 < sizeof p->buf) {
		p->buf[p->len++] = (char)ch;
		p->buf[p->len] = '\0';
		p->error[0] = '\0';
	}
	return PR_EDITING;
}

void prompt_draw(const struct ctx *cx, const struct prompt *p)
{
	const struct theme *th = cx->th;
	int y = cx->lay->keys_y, x = 0, w = cx->lay->cols;

	draw_blank(y, 0, w, A_NORMAL);
	x += draw_text(y, x, w - x, theme_elem_attr(th, TE_HEADING), PROMPT_LABEL, th->utf8);
	x += draw_text(y, x, w - x, A_NORMAL, p->buf, th->utf8);
	draw_text(y, x, 1, A_REVERSE, " ", th->utf8);
	x += 3;
	if (p->error[0])
		draw_text(y, x, w - x, theme_elem_attr(th, TE_ERROR), p->error, th->utf8);
	else
		draw_text(y, x, w - x, A_DIM, "Enter go   Esc cancel", th->utf8);
}
