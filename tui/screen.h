/* The whole screen: the screen shown (grid, ASN view or overview) with
 * its overlays, or the "terminal too small" screen.  What differs from
 * one screen to the next is one table of functions. */
#ifndef RBLSCOPE_TUI_SCREEN_H
#define RBLSCOPE_TUI_SCREEN_H

#include <stdbool.h>
#include <stddef.h>

#include "core/scan/scan.h"
#include "tui/keys.h"

struct app;

struct screen_ops {
	unsigned scope;              /* KS_ bit of its keys */
	bool grid_layout;            /* the 16x16 layout, with its warning line */
	/* The place shown, for the title line. */
	void (*title)(const struct app *a, char *out, size_t len);
	/* The probes the status line shows progress of (NULL: none). */
	const struct scan *(*scan)(const struct app *a);
	/* What a glyph means here, for the help. */
	const char *(*meaning)(enum cell_class cls);
	/* Draw between the status line and the key line. */
	void (*draw)(const struct app *a);
	/* Act on a key that is the screen's own. */
	void (*action)(struct app *a, enum action act);
	/* A click at x, y. */
	void (*click)(struct app *a, int x, int y);
};

/* The functions of the screen a shows. */
const struct screen_ops *screen_of(const struct app *a);

/* The lines of the too-small screen for a cols x rows terminal; returns
 * how many (at most max), each fitted to cols. */
size_t toosmall_lines(int cols, int rows, char lines[][64], size_t max);

/* Draw everything and put it on the terminal. */
void screen_draw(const struct app *a);

#endif
