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

/* Columns of the label in draw_kv ("damage    "). */
#define DRAW_KV_LABEL_W 10

/* Draw "label     value" from row y, column x, in width columns: the
 * value wrapped under itself in at most maxlines lines, the last cut
 * (text_fit) when the rest does not fit.  Returns the lines used. */
int draw_kv(int y, int x, int width, int maxlines, attr_t attr, const char *label,
            const char *value, bool utf8);

#endif
