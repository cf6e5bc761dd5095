/* The whole terminal: title and status lines, the screen on top, the
 * key line or the prompt, the message and the help over it all; or the
 * "terminal too small" screen. */
#ifndef RBLSCOPE_TUI_FRAME_H
#define RBLSCOPE_TUI_FRAME_H

#include <stdbool.h>
#include <stddef.h>

#include "tui/ctx.h"
#include "tui/prompt.h"
#include "tui/screen.h"

/* What lies over the screen on top. */
struct frame {
	unsigned scope;               /* the key scope of the screen shown */
	const struct prompt *prompt;  /* drawn when active */
	const char *msg;              /* "" for none */
	bool msg_error;
	bool help;
	int help_scroll;              /* kept in range by frame_draw */
};

/* The lines of the too-small screen for a cols x rows terminal; returns
 * how many (at most max), each fitted to cols. */
size_t toosmall_lines(int cols, int rows, char lines[][64], size_t max);

/* Draw everything into curses' buffer (top NULL: an empty screen). */
void frame_draw(const struct ctx *cx, const struct screen *top, struct frame *f);

#endif
