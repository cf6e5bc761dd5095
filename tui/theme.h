/* How things look: one table of colours, monochrome attributes and
 * glyphs per cell class and per screen element, and the policy that
 * picks 256 colours, 8 colours or monochrome, UTF-8 or ASCII. */
#ifndef RBLSCOPE_TUI_THEME_H
#define RBLSCOPE_TUI_THEME_H

#include <stdbool.h>

#include "core/scan/scan.h"
#include "tui/curses.h"

enum theme_depth { THEME_MONO, THEME_8, THEME_256 };

/* Screen elements that are not cell classes. */
enum theme_elem {
	TE_TITLE,      /* the title line */
	TE_BAR_DONE,   /* answered part of the progress bar */
	TE_BAR_TODO,   /* the rest of it */
	TE_WARN,       /* zone health and database warnings */
	TE_CURSOR,     /* the cursor mark beside the selected cell */
	TE_OTHER_ASN,  /* the ASN layer's mark: another ASN than the target's */
	TE_OUTSIDE,    /* cells outside the scanned range */
	TE_KEY,        /* key names in the key line and the help */
	TE_HEADING,    /* headings in the detail panel and the help */
	TE_ERROR,      /* error messages */
	TE_SCANNED,    /* the overview's mark: a /24 scanned address by address */
	TE_COUNT
};

/* Symbols drawn by the screens, each with a UTF-8 and an ASCII form. */
enum theme_sym {
	TS_CURSOR,     /* beside the selected cell */
	TS_OTHER_ASN,  /* beside a cell of another ASN (ASN layer) */
	TS_CHANGED,    /* beside a cell that changed since a snapshot (--since) */
	TS_BAR_DONE,   /* one cell of the progress bar, answered */
	TS_BAR_TODO,   /* one cell of the progress bar, to do */
	TS_WARN,       /* before a warning */
	TS_SEP,        /* between items of a line */
	TS_SCANNED,    /* beside an overview block whose guilty count is known */
	TS_COUNT
};

/* The tones of a map of address space (tui/mapview.c), least first. */
enum theme_tone { TT_NONE, TT_CLEAN, TT_ASN, TT_RANGE, TT_GUILTY, TT_COUNT };

struct theme {
	enum theme_depth depth;
	bool utf8;
};

/* Pick the depth and glyph set: monochrome when no_color is a non-empty
 * string (the NO_COLOR convention) or the terminal has no colours, else
 * 256 or 8 colours by ncolors; UTF-8 glyphs when codeset names UTF-8 and
 * ascii is false. */
void theme_choose(struct theme *th, const char *no_color, bool has_colors, int ncolors,
                  const char *codeset, bool ascii);

/* The glyph of a cell class (one column wide), from core/scan/legend.c. */
const char *theme_glyph(const struct theme *th, enum cell_class cls);

/* A symbol in the theme's glyph set. */
const char *theme_sym(const struct theme *th, enum theme_sym sym);

/* The curses attributes of a cell class under the theme. */
attr_t theme_class_attr(const struct theme *th, enum cell_class cls);

/* The curses attributes of a cell class whose answer is from before a
 * re-query: kept on screen until the new answer replaces it, as mtr
 * keeps its last figures.  The same glyph, clearly dimmer than
 * theme_class_attr() at every depth: no background, no bold or reverse
 * video, A_DIM, and in 256 colours a greyed tint of the class's colour.
 * A pending cell has no answer to keep: its stale look is its own,
 * dimmed. */
attr_t theme_class_attr_stale(const struct theme *th, enum cell_class cls);

/* The curses attributes of a screen element under the theme. */
attr_t theme_elem_attr(const struct theme *th, enum theme_elem e);

/* The colour numbers behind a look at a colour depth, for checks of the
 * palette: *fg and *bg (-1 is the terminal's default).  False, and both
 * -1, for THEME_MONO or a class or element out of range. */
bool theme_class_colors(enum theme_depth depth, enum cell_class cls, bool stale, short *fg,
                        short *bg);
bool theme_elem_colors(enum theme_depth depth, enum theme_elem e, short *fg, short *bg);

/* The attributes that draw the upper half block with tone top above and
 * tone bottom below (two map cells in one character); 0 in monochrome,
 * where theme_tone_glyph says it instead. */
attr_t theme_halves_attr(const struct theme *th, enum theme_tone top, enum theme_tone bottom);

/* One glyph for a tone, where colours cannot show two cells in one
 * character: the worse of the two decides. */
const char *theme_tone_glyph(const struct theme *th, enum theme_tone t);

/* Register the colour pairs with curses (after start_color); without
 * colours it does nothing.  Falls back to 8 colours or monochrome when
 * curses refuses the pairs. */
void theme_init_colors(struct theme *th);

#endif
