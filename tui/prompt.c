/* The prompt: line editing small enough to read at once. */
#include "tui/prompt.h"

#include <string.h>

#include "tui/curses.h"
#include "tui/draw.h"

#define KEY_ESC 27
#define CTRL(c) ((c) & 0x1f)

void prompt_open(struct prompt *p, enum prompt_kind kind)
{
	memset(p, 0, sizeof *p);
	p->active = true;
	p->kind = kind;
}

const char *prompt_label(const struct prompt *p)
{
	return p->kind == PK_FILTER ? "Filter AS names: " : "Go to address, CIDR or AS<n>: ";
}

void prompt_close(struct prompt *p)
{
	p->active = false;
}

/* Printable ASCII: targets are pasted as "[192.0.2.7]" or "AS 64500"
 * and parsed as on the command line; control bytes and function keys
 * never reach the buffer. */
static bool prompt_char_ok(int ch)
{
	return ch >= 0x20 && ch < 0x7f;
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
	x += draw_text(y, x, w - x, theme_elem_attr(th, TE_HEADING), prompt_label(p), th->utf8);
	x += draw_text(y, x, w - x, A_NORMAL, p->buf, th->utf8);
	draw_text(y, x, 1, A_REVERSE, " ", th->utf8);
	x += 3;
	if (p->error[0])
		draw_text(y, x, w - x, theme_elem_attr(th, TE_ERROR), p->error, th->utf8);
	else
		draw_text(y, x, w - x, A_DIM, "Enter go   Esc cancel", th->utf8);
}
