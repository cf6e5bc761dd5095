/* The look of rblscope, as data: colours for 256 and 8 colour terminals,
 * the monochrome attributes that carry the same meaning without colour,
 * and glyphs so that no class is told apart by colour alone. */
#include "tui/theme.h"

#include "core/scan/legend.h"

#include <string.h>
#include <strings.h>

/* One look: colours (-1 is the terminal's default) with the attributes
 * added in colour, and the attributes that stand alone in monochrome. */
struct style {
	short fg256, bg256;
	short fg8, bg8;
	attr_t color_attr;
	attr_t mono;
};

/* Severity reads from red through orange to yellow, which also differ in
 * lightness for colour-blind readers; core/scan/legend.c's glyph says it a
 * third way, and the monochrome column alone keeps every class apart. */
static const struct style classes[CC_COUNT] = {
	[CC_GUILTY] = { 231, 160, COLOR_WHITE, COLOR_RED, A_BOLD, A_REVERSE | A_BOLD },
	[CC_RANGE] = { 16, 208, COLOR_BLACK, COLOR_YELLOW, A_NORMAL, A_REVERSE },
	[CC_ASN] = { 16, 222, COLOR_BLACK, COLOR_CYAN, A_NORMAL, A_BOLD | A_UNDERLINE },
	[CC_ERROR] = { 201, -1, COLOR_MAGENTA, -1, A_BOLD, A_BOLD },
	[CC_PENDING] = { 244, -1, -1, -1, A_NORMAL, A_DIM },
	[CC_CLEAN] = { 71, -1, COLOR_GREEN, -1, A_NORMAL, A_NORMAL },
};

static const struct style elems[TE_COUNT] = {
	[TE_TITLE] = { 231, 24, COLOR_WHITE, COLOR_BLUE, A_BOLD, A_REVERSE },
	[TE_BAR_DONE] = { 71, -1, COLOR_GREEN, -1, A_BOLD, A_BOLD },
	[TE_BAR_TODO] = { 240, -1, -1, -1, A_NORMAL, A_DIM },
	[TE_WARN] = { 214, -1, COLOR_YELLOW, -1, A_BOLD, A_BOLD },
	[TE_CURSOR] = { 51, -1, COLOR_CYAN, -1, A_BOLD, A_BOLD },
	[TE_OTHER_ASN] = { 81, -1, COLOR_BLUE, -1, A_BOLD, A_BOLD },
	[TE_OUTSIDE] = { 238, -1, -1, -1, A_DIM, A_DIM },
	[TE_KEY] = { 16, 250, COLOR_BLACK, COLOR_WHITE, A_NORMAL, A_REVERSE },
	[TE_HEADING] = { 75, -1, COLOR_CYAN, -1, A_BOLD, A_BOLD },
	[TE_ERROR] = { 196, -1, COLOR_RED, -1, A_BOLD, A_BOLD },
	[TE_SCANNED] = { 231, -1, COLOR_WHITE, -1, A_BOLD, A_BOLD },
};

static const struct {
	const char *utf8, *ascii;
} syms[TS_COUNT] = {
	[TS_CURSOR] = { "\u25b8", ">" },
	[TS_OTHER_ASN] = { "\u2260", "x" },
	[TS_BAR_DONE] = { "\u2588", "#" },
	[TS_BAR_TODO] = { "\u2591", "-" },
	[TS_WARN] = { "\u26a0", "!" },
	[TS_SEP] = { "\u00b7", "|" },
	[TS_SCANNED] = { "\u2022", "+" },
};

/* Pair numbers: the classes first, then the elements; 0 is curses' own. */
static short class_pair(enum cell_class cls)
{
	return (short)(1 + cls);
}

static short elem_pair(enum theme_elem e)
{
	return (short)(1 + CC_COUNT + e);
}

static bool codeset_is_utf8(const char *codeset)
{
	return codeset && (strcasecmp(codeset, "UTF-8") == 0 || strcasecmp(codeset, "UTF8") == 0);
}

void theme_choose(struct theme *th, const char *no_color, bool has_colors, int ncolors,
                  const char *codeset, bool ascii)
{
	if ((no_color && no_color[0] != '\0') || !has_colors || ncolors < 8)
		th->depth = THEME_MONO;
	else if (ncolors >= 256)
		th->depth = THEME_256;
	else
		th->depth = THEME_8;
	th->utf8 = !ascii && codeset_is_utf8(codeset);
}

const char *theme_glyph(const struct theme *th, enum cell_class cls)
{
	const struct legend_entry *e = legend_of(cls);

	return th->utf8 ? e->utf8 : e->ascii;
}

const char *theme_sym(const struct theme *th, enum theme_sym sym)
{
	if ((unsigned)sym >= TS_COUNT)
		return "?";
	return th->utf8 ? syms[sym].utf8 : syms[sym].ascii;
}

static attr_t style_attr(const struct theme *th, const struct style *st, short pair)
{
	if (th->depth == THEME_MONO)
		return st->mono;
	return (attr_t)COLOR_PAIR(pair) | st->color_attr;
}

attr_t theme_class_attr(const struct theme *th, enum cell_class cls)
{
	if ((unsigned)cls >= CC_COUNT)
		return A_NORMAL;
	return style_attr(th, &classes[cls], class_pair(cls));
}

attr_t theme_elem_attr(const struct theme *th, enum theme_elem e)
{
	if ((unsigned)e >= TE_COUNT)
		return A_NORMAL;
	return style_attr(th, &elems[e], elem_pair(e));
}

static void pair_init(const struct theme *th, short pair, const struct style *st)
{
	if (th->depth == THEME_256)
		init_pair(pair, st->fg256, st->bg256);
	else
		init_pair(pair, st->fg8, st->bg8);
}

void theme_init_colors(struct theme *th)
{
	if (th->depth == THEME_MONO)
		return;
	if (COLOR_PAIRS < 1 + CC_COUNT + TE_COUNT) {
		th->depth = THEME_MONO;
		return;
	}
	/* -1 keeps the terminal's own background, as a projector set-up
	 * or a light theme has it. */
	if (use_default_colors() == ERR) {
		th->depth = THEME_MONO;
		return;
	}
	if (th->depth == THEME_256 && COLORS < 256)
		th->depth = THEME_8;
	for (int c = 0; c < CC_COUNT; c++)
		pair_init(th, class_pair((enum cell_class)c), &classes[c]);
	for (int e = 0; e < TE_COUNT; e++)
		pair_init(th, elem_pair((enum theme_elem)e), &elems[e]);
}
