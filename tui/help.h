/* The help overlay and the key line, both drawn from the key table in
 * tui/keys.c and the legend in core/scan/legend.c. */
#ifndef RBLSCOPE_TUI_HELP_H
#define RBLSCOPE_TUI_HELP_H

#include <stdbool.h>
#include <stddef.h>

#include "core/scan/scan.h"
#include "tui/ctx.h"

#define HELP_LINE_MAX 256

/* What a glyph means on the screen the help is for, with the slots of
 * legend_words ("{range}") for the profile's words. */
typedef const char *(*help_meaning_fn)(enum cell_class cls);

/* One line of the help's text. */
struct help_line {
	enum { HL_TEXT, HL_HEADING, HL_KEY, HL_CLASS } kind;
	int cls;                       /* HL_CLASS: the class whose glyph leads */
	const char *keys;              /* HL_KEY: the keys */
	char text[HELP_LINE_MAX];
};

/* The help's lines for the screen of scope (KS_ bits), in the words of
 * profile p; returns how many (at most max). */
size_t help_build(unsigned scope, const struct profile *p, help_meaning_fn meaning, bool utf8,
                  struct help_line *out, size_t max);

/* Draw the help overlay from line scroll on (clamped); returns the
 * scroll drawn, so the caller's offset stays in range. */
int help_draw(const struct ctx *cx, unsigned scope, help_meaning_fn meaning, int scroll);

/* Draw the key line of the screen of scope at the bottom of the screen. */
void keyline_draw(const struct ctx *cx, unsigned scope);

#endif
