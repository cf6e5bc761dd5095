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

/* The palette, and how it was checked.
 *
 * A class's colour is its foreground on the terminal's own background,
 * so the glyph drawn with theme_class_attr() -- the full block of a
 * guilty address included -- shows that colour in the grid, the legend,
 * the summary line and the help alike.  A light or dark theme, or a
 * projector, decides the background, so every colour drawn on it sits in
 * the middle band of lightness: at least 3:1 (WCAG 2.x contrast ratio,
 * https://www.w3.org/TR/WCAG21/#dfn-contrast-ratio, relative luminance Y
 * from linearised sRGB) against black AND against white.  Nothing pale:
 * the old ASN colour, 222 (#ffd787), had 1.4:1 on white; the old
 * cursor 51 (#00ffff) 1.25:1, "scanned" 231 (#ffffff) 1:1, headings 75
 * (#5fafff) 2.3:1.
 *
 * 256 colours, xterm's cube (0, 95, 135, ... 255) and grey ramp; Y, then
 * contrast against black / white (listings and errors in bold):
 *   guilty       160 #d70000  Y .144  3.9 / 5.4  red
 *   range        202 #ff5f00  Y .294  6.9 / 3.0  orange
 *   ASN          129 #af00ff  Y .163  4.3 / 4.9  violet
 *   error        163 #d700af  Y .175  4.5 / 4.7  magenta
 *   pending      244 #808080  Y .216  5.3 / 3.9  grey
 *   clean         -1 the terminal's own foreground: the most of a grid,
 *                    calm, readable on any background
 * Red, orange, violet: all three listings are strong colours, none pale
 * (violet is the WHO UV index's colour for "extreme", beyond red).
 *
 * Colour-blind readers: each colour was passed through the matrices of
 * Machado, Oliveira and Fernandes, "A Physiologically-based Model for
 * Simulation of Color Vision Deficiency", IEEE TVCG 15(6), 2009 (severity
 * 1.0; the table as colour-science ships it, colour/blindness/datasets/
 * machado2010.py), applied to linear RGB, then to CIELAB (D65).  The
 * smallest CIE76 difference between any two of the five colours above:
 * normal 23.6, protanopia 24.7, deuteranopia 20.3, tritanopia 22.4
 * (20 is two patches no one mistakes).  The pair that red-green colour
 * blindness brings closest, guilty red and range orange, differs in
 * lightness: L* 45 and 61 (protanopia 33 and 52, deuteranopia 51 and
 * 66); the violet of ASN listings keeps its blue for them (b* -80 against +42
 * for red, protanopia).  A washed-out projector (modelled as 60% of the
 * signal plus 15% white flare) still leaves 14 between red and orange
 * and 30 or more elsewhere.  The glyphs of core/scan/legend.c tell every
 * class apart anyway, and tests/tui/test_theme.c recomputes all of this
 * from this table.
 *
 * 8 colours depend on the terminal's palette; checked with xterm's
 * (red #cd0000, yellow #cdcd00, magenta #cd00cd, cyan #00cdcd): red 3.6 /
 * 5.8 and magenta 4.5 / 4.7 stand on any background; yellow (1.7:1 on
 * white) and cyan (2.0:1) never do, so they come on a black tile of
 * their own (12.3:1 and 10.6:1), which a dark background swallows and a
 * light one shows as a dark cell.  Smallest CIE76 difference: normal 95,
 * protanopia 62, deuteranopia 36, tritanopia 56.
 *
 * Monochrome: the glyphs and these attributes.  The full block of a
 * guilty address is never in reverse video (it would draw in the
 * background's colour: a blank); collateral addresses are, so a range
 * or ASN listing is a run of inverted cells. */
static const struct style classes[CC_COUNT] = {
	[CC_GUILTY] = { 160, -1, COLOR_RED, -1, A_BOLD, A_BOLD | A_UNDERLINE },
	[CC_RANGE] = { 202, -1, COLOR_YELLOW, COLOR_BLACK, A_BOLD, A_REVERSE },
	[CC_ASN] = { 129, -1, COLOR_MAGENTA, -1, A_BOLD, A_REVERSE | A_UNDERLINE },
	[CC_ERROR] = { 163, -1, COLOR_CYAN, COLOR_BLACK, A_BOLD, A_BOLD },
	[CC_PENDING] = { 244, -1, -1, -1, A_NORMAL, A_DIM },
	[CC_CLEAN] = { -1, -1, -1, -1, A_NORMAL, A_NORMAL },
};

/* Stale: an answer from before a re-query, shown until the new one comes.
 * No tile, no bold, no reverse video, and A_DIM; in 256 colours a greyed
 * tint of the class's colour (CIELAB chroma C* at most half the live
 * one's: 131 #af5f5f C* 35 for 92, 137 #af875f 29 for 91, 97 #875faf 49
 * for 120, 132 #af5f87 38 for 88) still 3:1 or more against black and
 * white before dimming, so it stays visible; in 8 colours and in
 * monochrome the terminal's own foreground, dimmed. */
static const struct style stale[CC_COUNT] = {
	[CC_GUILTY] = { 131, -1, -1, -1, A_DIM, A_DIM },
	[CC_RANGE] = { 137, -1, -1, -1, A_DIM, A_DIM },
	[CC_ASN] = { 97, -1, -1, -1, A_DIM, A_DIM },
	[CC_ERROR] = { 132, -1, -1, -1, A_DIM, A_DIM },
	[CC_PENDING] = { 244, -1, -1, -1, A_DIM, A_DIM },
	[CC_CLEAN] = { 245, -1, -1, -1, A_DIM, A_DIM },
};

/* Marks and text beside the cells: the same middle band (256 colours:
 * title 231 on 24, 7.0:1; bar 28 #008700 4.5 / 4.7; to do 244; warnings
 * 130 #af5f00 4.5 / 4.7; another ASN 31 #0087af 5.1 / 4.1; outside 244
 * dimmed; keys 16 on 250, 11:1; headings 32 #0087d7 5.4 / 3.9; errors 196
 * 5.3 / 4.0), or the terminal's own foreground in bold: the cursor and
 * the overview's "scanned" mark, which must show on any background.  In
 * 8 colours the terminal's own foreground but for the title (white on
 * blue), keys (black on white), warnings (yellow on a black tile) and
 * errors (red). */
static const struct style elems[TE_COUNT] = {
	[TE_TITLE] = { 231, 24, COLOR_WHITE, COLOR_BLUE, A_BOLD, A_REVERSE },
	[TE_BAR_DONE] = { 28, -1, -1, -1, A_BOLD, A_BOLD },
	[TE_BAR_TODO] = { 244, -1, -1, -1, A_NORMAL, A_DIM },
	[TE_WARN] = { 130, -1, COLOR_YELLOW, COLOR_BLACK, A_BOLD, A_BOLD },
	[TE_CURSOR] = { -1, -1, -1, -1, A_BOLD, A_BOLD },
	[TE_OTHER_ASN] = { 31, -1, -1, -1, A_BOLD, A_BOLD },
	[TE_OUTSIDE] = { 244, -1, -1, -1, A_DIM, A_DIM },
	[TE_KEY] = { 16, 250, COLOR_BLACK, COLOR_WHITE, A_NORMAL, A_REVERSE },
	[TE_HEADING] = { 32, -1, -1, -1, A_BOLD, A_BOLD },
	[TE_ERROR] = { 196, -1, COLOR_RED, -1, A_BOLD, A_BOLD },
	[TE_SCANNED] = { -1, -1, -1, -1, A_BOLD, A_BOLD },
};

static const struct {
	const char *utf8, *ascii;
} syms[TS_COUNT] = {
	[TS_CURSOR] = { "\u25b8", ">" },
	[TS_OTHER_ASN] = { "\u2260", "x" },
	[TS_CHANGED] = { "\u0394", "*" },
	[TS_BAR_DONE] = { "\u2588", "#" },
	[TS_BAR_TODO] = { "\u2591", "-" },
	[TS_WARN] = { "\u26a0", "!" },
	[TS_SEP] = { "\u00b7", "|" },
	[TS_SCANNED] = { "\u2022", "+" },
};

/* Map tones: the classes' colours as solid tiles (xterm 256, then 8),
 * clean a grey that reads on dark and light grounds alike; nothing the
 * terminal's own.  The glyphs for monochrome and ASCII, worst first. */
static const struct {
	short c256, c8;
	const char *utf8, *ascii;
} tones[TT_COUNT] = {
	[TT_NONE] = { -1, -1, " ", " " },
	[TT_CLEAN] = { 248, COLOR_WHITE, "\u00b7", "." },
	[TT_ASN] = { 129, COLOR_MAGENTA, "\u25b2", "~" },
	[TT_RANGE] = { 202, COLOR_YELLOW, "\u25a0", "=" },
	[TT_GUILTY] = { 160, COLOR_RED, "\u2588", "#" },
};

/* Pair numbers: the classes first, then the elements, then the stale
 * classes, then the map's pairs of tones; 0 is curses' own. */
#define PAIRS_USED (1 + CC_COUNT + TE_COUNT + CC_COUNT + TT_COUNT * TT_COUNT)

static short halves_pair(enum theme_tone top, enum theme_tone bottom)
{
	return (short)(1 + CC_COUNT + TE_COUNT + CC_COUNT + top * TT_COUNT + bottom);
}

static short class_pair(enum cell_class cls)
{
	return (short)(1 + cls);
}

static short elem_pair(enum theme_elem e)
{
	return (short)(1 + CC_COUNT + e);
}

static short stale_pair(enum cell_class cls)
{
	return (short)(1 + CC_COUNT + TE_COUNT + cls);
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

attr_t theme_class_attr_stale(const struct theme *th, enum cell_class cls)
{
	if ((unsigned)cls >= CC_COUNT)
		return A_DIM;
	return style_attr(th, &stale[cls], stale_pair(cls));
}

attr_t theme_elem_attr(const struct theme *th, enum theme_elem e)
{
	if ((unsigned)e >= TE_COUNT)
		return A_NORMAL;
	return style_attr(th, &elems[e], elem_pair(e));
}

static bool style_colors(enum theme_depth depth, const struct style *st, short *fg, short *bg)
{
	*fg = -1;
	*bg = -1;
	if (!st || depth == THEME_MONO)
		return false;
	*fg = depth == THEME_256 ? st->fg256 : st->fg8;
	*bg = depth == THEME_256 ? st->bg256 : st->bg8;
	return true;
}

bool theme_class_colors(enum theme_depth depth, enum cell_class cls, bool is_stale, short *fg,
                        short *bg)
{
	const struct style *table = is_stale ? stale : classes;

	return style_colors(depth, (unsigned)cls < CC_COUNT ? &table[cls] : NULL, fg, bg);
}

bool theme_elem_colors(enum theme_depth depth, enum theme_elem e, short *fg, short *bg)
{
	return style_colors(depth, (unsigned)e < TE_COUNT ? &elems[e] : NULL, fg, bg);
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
	if (COLOR_PAIRS < PAIRS_USED) {
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
	for (int c = 0; c < CC_COUNT; c++)
		pair_init(th, stale_pair((enum cell_class)c), &stale[c]);
	for (int t = 0; t < TT_COUNT; t++)
		for (int b = 0; b < TT_COUNT; b++)
			init_pair(halves_pair(t, b), th->depth == THEME_256 ? tones[t].c256 : tones[t].c8,
			          th->depth == THEME_256 ? tones[b].c256 : tones[b].c8);
}

attr_t theme_halves_attr(const struct theme *th, enum theme_tone top, enum theme_tone bottom)
{
	if (th->depth == THEME_MONO || (unsigned)top >= TT_COUNT || (unsigned)bottom >= TT_COUNT)
		return A_NORMAL;
	return (attr_t)COLOR_PAIR(halves_pair(top, bottom));
}

const char *theme_tone_glyph(const struct theme *th, enum theme_tone t)
{
	if ((unsigned)t >= TT_COUNT)
		t = TT_NONE;
	return th->utf8 ? tones[t].utf8 : tones[t].ascii;
}
