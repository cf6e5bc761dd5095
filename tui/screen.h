/* The whole screen: the main view with its overlays, or the "terminal
 * too small" screen. */
#ifndef RBLSCOPE_TUI_SCREEN_H
#define RBLSCOPE_TUI_SCREEN_H

#include <stddef.h>

struct app;

/* The lines of the too-small screen for a cols x rows terminal; returns
 * how many (at most max), each fitted to cols. */
size_t toosmall_lines(int cols, int rows, char lines[][64], size_t max);

/* Draw everything and put it on the terminal. */
void screen_draw(const struct app *a);

#endif
