/* Unit tests for tui/theme.c: the colour policy (NO_COLOR, terminals
 * without colour, 8 and 256 colours), the glyph set chosen by locale, a
 * monochrome column that keeps every class apart, glyphs that stay
 * visible, the stale look, and the palette itself: contrast against dark
 * and light backgrounds and colour-blind safety, recomputed from the
 * table so that a pale level 3 or a white cursor cannot come back. */
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <setjmp.h>
#include <stdio.h>
#include <string.h>
#include <cmocka.h>

#include "core/scan/legend.h"
#include "tui/theme.h"

/* ---- colour arithmetic, without libm ---- */

/* The n-th root of x in (0, 1], by Newton's method from above. */
static double root(double x, int n)
{
	double y = 1;

	for (int i = 0; i < 80; i++) {
		double p = 1;

		for (int k = 0; k < n - 1; k++)
			p *= y;
		y -= (p * y - x) / (n * p);
	}
	return y;
}

/* xterm's colours: the 16 system colours, the 6x6x6 cube (0, 95, 135,
 * 175, 215, 255) and the grey ramp 8..238 (xterm's 256colres.pl).  At 8
 * colours the terminal's palette decides; xterm's default is the one
 * checked. */
static void xterm_rgb(short c, unsigned char out[3])
{
	static const unsigned char sys[16][3] = {
		{ 0, 0, 0 }, { 205, 0, 0 }, { 0, 205, 0 }, { 205, 205, 0 },
		{ 0, 0, 238 }, { 205, 0, 205 }, { 0, 205, 205 }, { 229, 229, 229 },
		{ 127, 127, 127 }, { 255, 0, 0 }, { 0, 255, 0 }, { 255, 255, 0 },
		{ 92, 92, 255 }, { 255, 0, 255 }, { 0, 255, 255 }, { 255, 255, 255 },
	};
	static const unsigned char cube[6] = { 0, 95, 135, 175, 215, 255 };

	assert_true(c >= 0 && c < 256);
	if (c < 16) {
		memcpy(out, sys[c], 3);
	} else if (c < 232) {
		out[0] = cube[(c - 16) / 36];
		out[1] = cube[(c - 16) / 6 % 6];
		out[2] = cube[(c - 16) % 6];
	} else {
		out[0] = out[1] = out[2] = (unsigned char)(8 + 10 * (c - 232));
	}
}

/* sRGB to linear light (IEC 61966-2-1), as WCAG's relative luminance
 * takes it: ((v + 0.055) / 1.055)^2.4, with x^2.4 = x^2 * (x^2)^(1/5). */
static double linear(unsigned char c)
{
	double v = c / 255.0, x;

	if (v <= 0.04045)
		return v / 12.92;
	x = (v + 0.055) / 1.055;
	return x * x * root(x * x, 5);
}

struct lin {
	double r, g, b;
};

static struct lin color_lin(short c)
{
	unsigned char rgb[3];

	xterm_rgb(c, rgb);
	return (struct lin){ linear(rgb[0]), linear(rgb[1]), linear(rgb[2]) };
}

static double luminance(struct lin l)
{
	return 0.2126 * l.r + 0.7152 * l.g + 0.0722 * l.b;
}

/* WCAG 2.x contrast ratio of two relative luminances. */
static double contrast(double ya, double yb)
{
	return ya > yb ? (ya + 0.05) / (yb + 0.05) : (yb + 0.05) / (ya + 0.05);
}

#define BLACK_Y 0.0
#define WHITE_Y 1.0

struct lab {
	double l, a, b;
};

static double lab_f(double t)
{
	return t > 216.0 / 24389 ? root(t, 3) : (24389.0 / 27 * t + 16) / 116;
}

/* CIELAB, D65 white. */
static struct lab to_lab(struct lin c)
{
	double x = (0.4124 * c.r + 0.3576 * c.g + 0.1805 * c.b) / 0.95047;
	double y = luminance(c);
	double z = (0.0193 * c.r + 0.1192 * c.g + 0.9505 * c.b) / 1.08883;

	return (struct lab){ 116 * lab_f(y) - 16, 500 * (lab_f(x) - lab_f(y)),
		             200 * (lab_f(y) - lab_f(z)) };
}

/* CIE76 colour difference, squared (no square root without libm). */
static double delta_e2(struct lab p, struct lab q)
{
	return (p.l - q.l) * (p.l - q.l) + (p.a - q.a) * (p.a - q.a) + (p.b - q.b) * (p.b - q.b);
}

static double chroma2(struct lab p)
{
	return p.a * p.a + p.b * p.b;
}

/* How a colour looks to someone else: normal vision, then protanopia,
 * deuteranopia and tritanopia after Machado, Oliveira and Fernandes,
 * "A Physiologically-based Model for Simulation of Color Vision
 * Deficiency", IEEE TVCG 15(6), 2009 (severity 1.0, on linear RGB), then
 * a washed-out projector: 60% of the signal plus 15% white flare. */
enum view { V_NORMAL, V_PROTAN, V_DEUTAN, V_TRITAN, V_PROJECTOR, V_COUNT };

static const double machado[3][3][3] = {
	{ { 0.152286, 1.052583, -0.204868 },
	  { 0.114503, 0.786281, 0.099216 },
	  { -0.003882, -0.048116, 1.051998 } },
	{ { 0.367322, 0.860646, -0.227968 },
	  { 0.280085, 0.672501, 0.047413 },
	  { -0.011820, 0.042940, 0.968881 } },
	{ { 1.255528, -0.076749, -0.178779 },
	  { -0.078411, 0.930809, 0.147602 },
	  { 0.004733, 0.691367, 0.303900 } },
};

static double clamp01(double v)
{
	return v < 0 ? 0 : v > 1 ? 1 : v;
}

static struct lab seen_as(short c, enum view v)
{
	struct lin l = color_lin(c), o = l;

	if (v >= V_PROTAN && v <= V_TRITAN) {
		const double (*m)[3] = machado[v - V_PROTAN];

		o.r = clamp01(m[0][0] * l.r + m[0][1] * l.g + m[0][2] * l.b);
		o.g = clamp01(m[1][0] * l.r + m[1][1] * l.g + m[1][2] * l.b);
		o.b = clamp01(m[2][0] * l.r + m[2][1] * l.g + m[2][2] * l.b);
	} else if (v == V_PROJECTOR) {
		o = (struct lin){ 0.6 * l.r + 0.15, 0.6 * l.g + 0.15, 0.6 * l.b + 0.15 };
	}
	return to_lab(o);
}

/* The checks reuse the 256 colour numbers for 8 colours: 0-7 are the
 * terminal's eight, here xterm's. */
static const enum theme_depth depths[] = { THEME_8, THEME_256 };

/* A foreground on the terminal's background: 3:1 or more against black
 * and against white (WCAG's floor for large text and for graphics), so
 * it shows on dark and light themes alike.  On a background of its own:
 * 4.5:1 against it. */
static void check_readable(short fg, short bg, const char *what)
{
	if (fg < 0 && bg < 0)
		return;   /* the terminal's own colours */
	if (bg < 0) {
		double y = luminance(color_lin(fg));

		if (contrast(y, BLACK_Y) < 3 || contrast(y, WHITE_Y) < 3)
			fail_msg("%s: colour %d has %.2f:1 on black and %.2f:1 on white", what, fg,
			         contrast(y, BLACK_Y), contrast(y, WHITE_Y));
		return;
	}
	assert_true(fg >= 0);
	if (contrast(luminance(color_lin(fg)), luminance(color_lin(bg))) < 4.5)
		fail_msg("%s: colour %d on %d has %.2f:1", what, fg, bg,
		         contrast(luminance(color_lin(fg)), luminance(color_lin(bg))));
}

static void test_palette_readable(void **state)
{
	char what[64];
	short fg, bg;

	(void)state;
	for (size_t d = 0; d < sizeof depths / sizeof depths[0]; d++) {
		for (int c = 0; c < CC_COUNT; c++) {
			for (int st = 0; st < 2; st++) {
				assert_true(theme_class_colors(depths[d], (enum cell_class)c, st, &fg, &bg));
				snprintf(what, sizeof what, "%s colours, %s%s",
				         depths[d] == THEME_256 ? "256" : "8",
				         legend_of((enum cell_class)c)->name, st ? " (stale)" : "");
				check_readable(fg, bg, what);
			}
		}
		for (int e = 0; e < TE_COUNT; e++) {
			assert_true(theme_elem_colors(depths[d], (enum theme_elem)e, &fg, &bg));
			snprintf(what, sizeof what, "%s colours, element %d",
			         depths[d] == THEME_256 ? "256" : "8", e);
			check_readable(fg, bg, what);
		}
	}
}

/* Level 3 blacks out a whole ASN: its colour is a strong one, never a
 * pale tint (222, pale yellow, had 1.4:1 on white; cyan 1.98:1). */
static void test_level3_not_pale(void **state)
{
	short fg, bg, gfg, gbg;

	(void)state;
	for (size_t d = 0; d < sizeof depths / sizeof depths[0]; d++) {
		assert_true(theme_class_colors(depths[d], CC_ASN, false, &fg, &bg));
		assert_true(theme_class_colors(depths[d], CC_GUILTY, false, &gfg, &gbg));
		assert_true(fg >= 0 && bg < 0);
		assert_true(contrast(luminance(color_lin(fg)), WHITE_Y) >= 3);
		assert_true(contrast(luminance(color_lin(fg)), BLACK_Y) >= 3);
		/* no paler than level 1: within 10 of its lightness or darker */
		assert_true(seen_as(fg, V_NORMAL).l <= seen_as(gfg, V_NORMAL).l + 10);
	}
}

/* The colours of the classes stay apart for normal vision, for the three
 * kinds of dichromacy and on a washed-out projector: CIE76 difference of
 * 20 or more (12 on the projector) between any two of them. */
static void test_palette_colour_blind(void **state)
{
	static const double min_de[V_COUNT] = { 20, 20, 20, 20, 12 };
	short fg[CC_COUNT], bg;

	(void)state;
	for (size_t d = 0; d < sizeof depths / sizeof depths[0]; d++) {
		for (int c = 0; c < CC_COUNT; c++)
			assert_true(theme_class_colors(depths[d], (enum cell_class)c, false, &fg[c], &bg));
		for (int v = 0; v < V_COUNT; v++) {
			for (int a = 0; a < CC_COUNT; a++) {
				for (int b = a + 1; b < CC_COUNT; b++) {
					double de2;

					if (fg[a] < 0 || fg[b] < 0)
						continue;
					de2 = delta_e2(seen_as(fg[a], (enum view)v), seen_as(fg[b], (enum view)v));
					if (de2 < min_de[v] * min_de[v])
						fail_msg("%s colours, view %d: %s and %s differ by a "
						         "squared CIE76 of %.1f, under %.0f",
						         depths[d] == THEME_256 ? "256" : "8", v,
						         legend_of((enum cell_class)a)->name,
						         legend_of((enum cell_class)b)->name, de2,
						         min_de[v] * min_de[v]);
				}
			}
		}
		/* Red and orange differ mostly along red-green: lightness must
		 * carry them for protanopes and deuteranopes. */
		for (int v = V_NORMAL; v <= V_DEUTAN; v++) {
			double l1 = seen_as(fg[CC_GUILTY], (enum view)v).l;
			double l2 = seen_as(fg[CC_RANGE], (enum view)v).l;

			assert_true(l1 - l2 >= 10 || l2 - l1 >= 10);
		}
	}
}

static void test_no_color_wins(void **state)
{
	struct theme th;

	(void)state;
	theme_choose(&th, "1", true, 256, "UTF-8", false);
	assert_int_equal(th.depth, THEME_MONO);
	/* Any non-empty value counts, as no-color.org says. */
	theme_choose(&th, "0", true, 256, "UTF-8", false);
	assert_int_equal(th.depth, THEME_MONO);
	/* An empty NO_COLOR is as if it were not set. */
	theme_choose(&th, "", true, 256, "UTF-8", false);
	assert_int_equal(th.depth, THEME_256);
}

static void test_depth_by_terminal(void **state)
{
	struct theme th;

	(void)state;
	theme_choose(&th, NULL, false, 256, "UTF-8", false);
	assert_int_equal(th.depth, THEME_MONO);
	theme_choose(&th, NULL, true, 0, "UTF-8", false);
	assert_int_equal(th.depth, THEME_MONO);
	theme_choose(&th, NULL, true, 8, "UTF-8", false);
	assert_int_equal(th.depth, THEME_8);
	theme_choose(&th, NULL, true, 16, "UTF-8", false);
	assert_int_equal(th.depth, THEME_8);
	theme_choose(&th, NULL, true, 256, "UTF-8", false);
	assert_int_equal(th.depth, THEME_256);
	theme_choose(&th, NULL, true, 16777216, "UTF-8", false);
	assert_int_equal(th.depth, THEME_256);
}

static void test_glyph_set_by_codeset(void **state)
{
	struct theme th;

	(void)state;
	theme_choose(&th, NULL, true, 256, "UTF-8", false);
	assert_true(th.utf8);
	theme_choose(&th, NULL, true, 256, "utf8", false);
	assert_true(th.utf8);
	theme_choose(&th, NULL, true, 256, "ANSI_X3.4-1968", false);
	assert_false(th.utf8);
	theme_choose(&th, NULL, true, 256, NULL, false);
	assert_false(th.utf8);
	/* --ascii forces ASCII whatever the locale. */
	theme_choose(&th, NULL, true, 256, "UTF-8", true);
	assert_false(th.utf8);
}

static void test_glyphs_follow_legend(void **state)
{
	struct theme utf = { THEME_256, true }, asc = { THEME_MONO, false };

	(void)state;
	for (int c = 0; c < CC_COUNT; c++) {
		assert_string_equal(theme_glyph(&utf, (enum cell_class)c), legend_of((enum cell_class)c)->utf8);
		assert_string_equal(theme_glyph(&asc, (enum cell_class)c), legend_of((enum cell_class)c)->ascii);
		assert_int_equal(strlen(theme_glyph(&asc, (enum cell_class)c)), 1);
	}
}

/* Every ASCII glyph and every monochrome look differ between classes,
 * so the grid reads without colour. */
static void test_classes_apart_without_colour(void **state)
{
	struct theme mono = { THEME_MONO, false };

	(void)state;
	for (int a = 0; a < CC_COUNT; a++) {
		for (int b = a + 1; b < CC_COUNT; b++) {
			assert_string_not_equal(theme_glyph(&mono, (enum cell_class)a),
			                        theme_glyph(&mono, (enum cell_class)b));
			assert_true(theme_class_attr(&mono, (enum cell_class)a) !=
			            theme_class_attr(&mono, (enum cell_class)b));
		}
	}
}

static void test_mono_has_no_colour_pairs(void **state)
{
	struct theme mono = { THEME_MONO, true }, col = { THEME_8, true };

	(void)state;
	for (int c = 0; c < CC_COUNT; c++) {
		assert_int_equal(PAIR_NUMBER(theme_class_attr(&mono, (enum cell_class)c)), 0);
		assert_int_not_equal(PAIR_NUMBER(theme_class_attr(&col, (enum cell_class)c)), 0);
	}
	for (int c = 0; c < CC_COUNT; c++) {
		assert_int_equal(PAIR_NUMBER(theme_class_attr_stale(&mono, (enum cell_class)c)), 0);
		assert_int_not_equal(PAIR_NUMBER(theme_class_attr_stale(&col, (enum cell_class)c)), 0);
	}
	for (int e = 0; e < TE_COUNT; e++) {
		assert_int_equal(PAIR_NUMBER(theme_elem_attr(&mono, (enum theme_elem)e)), 0);
		assert_int_not_equal(PAIR_NUMBER(theme_elem_attr(&col, (enum theme_elem)e)), 0);
	}
}

static void test_syms(void **state)
{
	struct theme utf = { THEME_256, true }, asc = { THEME_256, false };

	(void)state;
	for (int s = 0; s < TS_COUNT; s++) {
		const char *a = theme_sym(&asc, (enum theme_sym)s);

		assert_int_equal(strlen(a), 1);
		assert_true(a[0] > 0x20 && a[0] < 0x7f);
		assert_true(strlen(theme_sym(&utf, (enum theme_sym)s)) >= 1);
	}
	assert_string_equal(theme_sym(&asc, TS_CURSOR), ">");
}

/* The code point of a one-code-point UTF-8 string, or -1. */
static long code_point(const char *s)
{
	const unsigned char *p = (const unsigned char *)s;
	long cp;
	int more;

	if (p[0] < 0x80)
		return p[0] && !p[1] ? p[0] : -1;
	if ((p[0] & 0xe0) == 0xc0) {
		cp = p[0] & 0x1f;
		more = 1;
	} else if ((p[0] & 0xf0) == 0xe0) {
		cp = p[0] & 0x0f;
		more = 2;
	} else if ((p[0] & 0xf8) == 0xf0) {
		cp = p[0] & 0x07;
		more = 3;
	} else {
		return -1;
	}
	for (int i = 1; i <= more; i++) {
		if ((p[i] & 0xc0) != 0x80)
			return -1;
		cp = cp << 6 | (p[i] & 0x3f);
	}
	return p[more + 1] ? -1 : cp;
}

static bool is_shade(long cp)
{
	return cp >= 0x2591 && cp <= 0x2593;
}

/* Glyphs that vanish: blanks, invisible and combining characters, and
 * dots and ticks too small to see once dimmed or on a projector. */
static bool is_faint(long cp)
{
	static const long faint[] = {
		' ', ',', '\'', '`', '_', 0xa0, 0xb7, 0x2c8, 0x2cc, 0x2d9,
		0x2024, 0x2027, 0x2219, 0x22c5, 0x3000,
	};

	if (cp < 0x21 || cp == 0x7f || (cp >= 0x80 && cp < 0xa0))
		return true;
	if ((cp >= 0x300 && cp <= 0x36f) || (cp >= 0x2000 && cp <= 0x200f) ||
	    (cp >= 0x2028 && cp <= 0x202f) || (cp >= 0x2060 && cp <= 0x206f) || cp == 0xfeff)
		return true;
	for (size_t i = 0; i < sizeof faint / sizeof faint[0]; i++)
		if (cp == faint[i])
			return true;
	return false;
}

/* The swatch is the glyph drawn with theme_class_attr(): it must show
 * the class's colour.  The colour is the foreground, so no reverse video
 * in colour (it would paint the glyph in the background's colour), no
 * shade (which mixes the colour with the background), and no full block
 * in reverse video anywhere (a blank). */
static void test_swatch_shows_class_colour(void **state)
{
	struct theme utf = { THEME_256, true }, asc = { THEME_256, false };
	short fg, bg;

	(void)state;
	for (int c = 0; c < CC_COUNT; c++) {
		enum cell_class cls = (enum cell_class)c;
		long u = code_point(theme_glyph(&utf, cls)), a = code_point(theme_glyph(&asc, cls));

		assert_true(u > 0 && a > 0);
		assert_false(is_shade(u));
		for (size_t d = 0; d < sizeof depths / sizeof depths[0]; d++) {
			struct theme th = { depths[d], true };

			assert_true(theme_class_colors(depths[d], cls, false, &fg, &bg));
			assert_int_equal(theme_class_attr(&th, cls) & A_REVERSE, 0);
			assert_int_equal(theme_class_attr_stale(&th, cls) & A_REVERSE, 0);
			assert_true(fg != bg || fg < 0);
			/* listings and errors carry a colour of their own */
			if (cls != CC_PENDING && cls != CC_CLEAN)
				assert_true(fg >= 0);
		}
		if (u == 0x2588 || a == 0x2588) {
			struct theme mono = { THEME_MONO, true };

			assert_int_equal(theme_class_attr(&mono, cls) & A_REVERSE, 0);
			assert_int_equal(theme_class_attr_stale(&mono, cls) & A_REVERSE, 0);
		}
	}
}

/* NO_COLOR: every class has its own glyph that shows, in UTF-8 and in
 * ASCII, never one of the marks drawn beside a cell, and a monochrome
 * look that hides nothing. */
static void test_glyphs_visible(void **state)
{
	static const enum theme_sym marks[] = { TS_CURSOR, TS_OTHER_ASN, TS_SCANNED };

	(void)state;
	for (int set = 0; set < 2; set++) {
		struct theme th = { THEME_MONO, set == 1 };

		for (int c = 0; c < CC_COUNT; c++) {
			const char *g = theme_glyph(&th, (enum cell_class)c);
			long cp = code_point(g);

			if (cp <= 0 || is_faint(cp) || is_shade(cp))
				fail_msg("%s set: the glyph of %s does not show", set ? "UTF-8" : "ASCII",
				         legend_of((enum cell_class)c)->name);
			if (!th.utf8)
				assert_true(cp < 0x7f);
			for (int b = 0; b < c; b++)
				assert_string_not_equal(g, theme_glyph(&th, (enum cell_class)b));
			for (size_t m = 0; m < sizeof marks / sizeof marks[0]; m++)
				assert_string_not_equal(g, theme_sym(&th, marks[m]));
			assert_int_equal(theme_class_attr(&th, (enum cell_class)c) & A_INVIS, 0);
			assert_int_equal(theme_class_attr_stale(&th, (enum cell_class)c) & A_INVIS, 0);
		}
	}
}

/* Monochrome keeps severity: the listings stand out (bold, underline or
 * reverse video), pending is dim, clean plain. */
static void test_mono_severity(void **state)
{
	struct theme mono = { THEME_MONO, true };
	const attr_t loud = A_BOLD | A_UNDERLINE | A_REVERSE;

	(void)state;
	assert_true(theme_class_attr(&mono, CC_GUILTY) & loud);
	assert_true(theme_class_attr(&mono, CC_RANGE) & A_REVERSE);
	assert_true(theme_class_attr(&mono, CC_ASN) & A_REVERSE);
	assert_true(theme_class_attr(&mono, CC_ERROR) & A_BOLD);
	assert_int_equal(theme_class_attr(&mono, CC_PENDING), A_DIM);
	assert_int_equal(theme_class_attr(&mono, CC_CLEAN), A_NORMAL);
}

/* A stale cell is clearly dimmer than a live one at every depth: dim, no
 * bold, underline or reverse video, no background; in 256 colours a
 * greyed tint (CIELAB chroma at most half) that still shows on black
 * and on white (test_palette_readable). */
static void test_stale_dimmer(void **state)
{
	static const enum theme_depth all[] = { THEME_MONO, THEME_8, THEME_256 };
	const attr_t loud = A_BOLD | A_UNDERLINE | A_REVERSE | A_STANDOUT | A_BLINK;

	(void)state;
	for (size_t d = 0; d < sizeof all / sizeof all[0]; d++) {
		struct theme th = { all[d], true };

		for (int c = 0; c < CC_COUNT; c++) {
			enum cell_class cls = (enum cell_class)c;
			attr_t live = theme_class_attr(&th, cls), old = theme_class_attr_stale(&th, cls);
			short fg, bg, lfg, lbg;

			assert_true(old & A_DIM);
			assert_int_equal(old & loud, 0);
			/* a pending cell kept nothing: in monochrome it is already dim */
			if (!(cls == CC_PENDING && all[d] == THEME_MONO))
				assert_true(old != live);
			if (all[d] == THEME_MONO) {
				assert_false(theme_class_colors(all[d], cls, true, &fg, &bg));
				assert_int_equal(PAIR_NUMBER(old), 0);
				continue;
			}
			assert_int_not_equal(PAIR_NUMBER(old), 0);
			assert_int_not_equal(PAIR_NUMBER(old), PAIR_NUMBER(live));
			assert_true(theme_class_colors(all[d], cls, true, &fg, &bg));
			assert_true(theme_class_colors(all[d], cls, false, &lfg, &lbg));
			assert_true(bg < 0);
			if (all[d] == THEME_256 && lfg >= 0 && chroma2(seen_as(lfg, V_NORMAL)) > 100) {
				assert_true(fg >= 0);
				assert_true(chroma2(seen_as(fg, V_NORMAL)) <=
				            0.25 * chroma2(seen_as(lfg, V_NORMAL)));
			}
		}
	}
	assert_true(theme_class_attr_stale(&(struct theme){ THEME_256, true }, CC_COUNT) & A_DIM);
}

static void test_colors_api(void **state)
{
	short fg = 0, bg = 0;

	(void)state;
	assert_false(theme_class_colors(THEME_MONO, CC_GUILTY, false, &fg, &bg));
	assert_int_equal(fg, -1);
	assert_int_equal(bg, -1);
	assert_false(theme_class_colors(THEME_256, CC_COUNT, false, &fg, &bg));
	assert_false(theme_elem_colors(THEME_8, TE_COUNT, &fg, &bg));
	assert_true(theme_elem_colors(THEME_256, TE_CURSOR, &fg, &bg));
	/* the cursor and the overview's mark: the terminal's own foreground */
	assert_int_equal(fg, -1);
	assert_true(theme_elem_colors(THEME_8, TE_SCANNED, &fg, &bg));
	assert_int_equal(fg, -1);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_no_color_wins),
		cmocka_unit_test(test_depth_by_terminal),
		cmocka_unit_test(test_glyph_set_by_codeset),
		cmocka_unit_test(test_glyphs_follow_legend),
		cmocka_unit_test(test_classes_apart_without_colour),
		cmocka_unit_test(test_mono_has_no_colour_pairs),
		cmocka_unit_test(test_syms),
		cmocka_unit_test(test_palette_readable),
		cmocka_unit_test(test_level3_not_pale),
		cmocka_unit_test(test_palette_colour_blind),
		cmocka_unit_test(test_swatch_shows_class_colour),
		cmocka_unit_test(test_glyphs_visible),
		cmocka_unit_test(test_mono_severity),
		cmocka_unit_test(test_stale_dimmer),
		cmocka_unit_test(test_colors_api),
	};

	return cmocka_run_group_tests(tests, NULL, NULL);
}
