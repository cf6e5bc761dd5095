/* Small drawing helpers shared by the screens: every string reaches
 * curses through draw_text, fitted to its columns. */
#ifndef RBLSCOPE_TUI_DRAW_H
#define RBLSCOPE_TUI_DRAW_H

#include <stdbool.h>

#include "tui/curses.h"

/* Draw s at y, x in at most width columns with attr; returns the
 * columns used. */
int draw_text(int y, int x, int width, attr_t attr, const char *s, bool utf8);

/* Fill width columns at y, x with spaces in attr. */
void draw_blank(int y, int x, int width, attr_t attr);

/* Draw s centred in the columns [x, x + width). */
void draw_centred(int y, int x, int width, attr_t attr, const char *s, bool utf8);

#endif
