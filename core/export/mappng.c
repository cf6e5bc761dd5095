/* PNG maps for slides.  The map's cells are written straight into the
 * pixels of a cairo image surface (a cell is a square of pixels, the
 * largest power of two that keeps the map within MAPPNG_SIDE); cairo
 * draws the text and writes the PNG.  Layout, left to right: the map,
 * then a panel with the legend and the totals; the title above both.
 * Colours come from core/map/palette.c only. */
#include "core/export/mappng.h"

#include <cairo.h>
#include <fontconfig/fontconfig.h>
#include <errno.h>
#include <string.h>

#include "core/base/ip.h"
#include "core/base/numfmt.h"
#include "core/base/sanitize.h"
#include "core/base/version.h"
#include "core/map/hilbert.h"
#include "core/map/palette.h"
#include "core/scan/legend.h"

#define MARGIN 32
#define HEADER 104      /* title and subtitle above the map */
#define GAP 40          /* between the map and the panel */
#define PANEL 420       /* the panel's width */
#define PANEL_H 600     /* the least height the panel needs */
#define FOOTER 44
#define FONT "sans-serif"

static void set_rgb(cairo_t *cr, const struct map_colour *c, double alpha)
{
	cairo_set_source_rgba(cr, c->r / 255.0, c->g / 255.0, c->b / 255.0, alpha);
}

static void font(cairo_t *cr, double size, bool bold)
{
	cairo_select_font_face(cr, FONT, CAIRO_FONT_SLANT_NORMAL,
	                       bold ? CAIRO_FONT_WEIGHT_BOLD : CAIRO_FONT_WEIGHT_NORMAL);
	cairo_set_font_size(cr, size);
}

/* Text with its baseline at x,y; align 0 left, 1 right, 0.5 centred. */
static void text_at(cairo_t *cr, double x, double y, double align, const char *s)
{
	cairo_text_extents_t e;

	cairo_text_extents(cr, s, &e);
	cairo_move_to(cr, x - align * e.x_advance, y);
	cairo_show_text(cr, s);
}

/* The pixels a cell takes on a side. */
static unsigned cell_pixels(const struct map *m)
{
	unsigned px = 1;

	while ((uint64_t)m->w * px * 2 <= MAPPNG_SIDE && (uint64_t)m->h * px * 2 <= MAPPNG_SIDE)
		px *= 2;
	return px;
}

/* Every cell as a px x px square at x0,y0 of the surface. */
static void cells_draw(cairo_surface_t *sf, const struct map *m, int x0, int y0, unsigned px)
{
	unsigned char *data;
	int stride;

	cairo_surface_flush(sf);
	data = cairo_image_surface_get_data(sf);
	stride = cairo_image_surface_get_stride(sf);
	for (uint32_t y = 0; y < m->h; y++) {
		for (uint32_t x = 0; x < m->w; x++) {
			uint8_t rgb[3];
			uint32_t pixel;

			map_cell_rgb(map_cell_at(m, x, y), rgb);
			pixel = (uint32_t)rgb[0] << 16 | (uint32_t)rgb[1] << 8 | rgb[2];
			for (unsigned dy = 0; dy < px; dy++) {
				uint32_t *row = (uint32_t *)(data + (size_t)(y0 + y * px + dy) * stride);

				for (unsigned dx = 0; dx < px; dx++)
					row[x0 + x * px + dx] = pixel;
			}
		}
	}
	cairo_surface_mark_dirty(sf);
}

/* A label centred at x, baseline y, in a pale halo that keeps it
 * readable over cells of any colour. */
static void label_draw(cairo_t *cr, double x, double y, const char *s)
{
	cairo_text_extents_t e;

	cairo_text_extents(cr, s, &e);
	cairo_move_to(cr, x - e.x_advance / 2, y);
	cairo_text_path(cr, s);
	set_rgb(cr, map_colour_ground(), 0.55);
	cairo_set_line_width(cr, 3);
	cairo_stroke_preserve(cr);
	set_rgb(cr, map_colour_text(), 0.6);
	cairo_fill(cr);
}

/* When the block is a /0, /8, /16 or /24, the 256 blocks one octet
 * longer get their octet written in their middle, as the IPv4 maps
 * label their /8s. */
static void octets_draw(cairo_t *cr, const struct map *m, int x0, int y0, unsigned px)
{
	uint32_t box[256][4];   /* x min, y min, x max, y max, in cells */
	unsigned sub;
	char label[4];

	if (m->prefix % 8 || m->prefix > 24 || m->curve_bits < 8)
		return;
	sub = m->curve_bits - 8;
	for (int i = 0; i < 256; i++) {
		box[i][0] = box[i][1] = UINT32_MAX;
		box[i][2] = box[i][3] = 0;
	}
	for (uint64_t d = 0; d < (uint64_t)m->w * m->h; d++) {
		uint32_t x, y, *b = box[d >> sub];

		hilbert_xy(m->curve_bits, d, &x, &y);
		b[0] = x < b[0] ? x : b[0];
		b[1] = y < b[1] ? y : b[1];
		b[2] = x > b[2] ? x : b[2];
		b[3] = y > b[3] ? y : b[3];
	}
	for (int i = 0; i < 256; i++) {
		double bw = (box[i][2] - box[i][0] + 1.0) * px, bh = (box[i][3] - box[i][1] + 1.0) * px;
		double size = (bw < bh ? bw : bh) * 0.38;

		if (size < 7)
			return;
		font(cr, size > 26 ? 26 : size, false);
		snprintf(label, sizeof label, "%d", i);
		label_draw(cr, x0 + box[i][0] * px + bw / 2, y0 + box[i][1] * px + bh / 2 + size * 0.36,
		           label);
	}
}

/* "a /20 (4,096 addresses)" or "one address": what a cell holds. */
static void cell_size_text(const struct map *m, char *out, size_t len)
{
	char n[32];

	if (m->cell_bits == 0)
		snprintf(out, len, "one address");
	else
		snprintf(out, len, "a /%u (%s addresses)", 32 - m->cell_bits,
		         num_grouped((uint64_t)1 << m->cell_bits, n));
}

/* One legend row: a swatch, a label in the words of profile p, a count
 * on the right, a line saying what it means. */
static void legend_row(cairo_t *cr, const struct profile *p, double x, double y,
                       const struct map_colour *c, const char *count, const char *meaning)
{
	char label[LEGEND_LABEL_MAX];

	set_rgb(cr, c, 1);
	cairo_rectangle(cr, x, y - 17, 22, 22);
	cairo_fill_preserve(cr);
	cairo_set_source_rgb(cr, 0.5, 0.5, 0.5);
	cairo_set_line_width(cr, 1);
	cairo_stroke(cr);
	set_rgb(cr, map_colour_text(), 1);
	font(cr, 17, true);
	legend_words(p, c->label, label, sizeof label);
	text_at(cr, x + 34, y, 0, label);
	font(cr, 17, false);
	if (count)
		text_at(cr, x + PANEL, y, 1, count);
	font(cr, 13.5, false);
	text_at(cr, x + 34, y + 19, 0, meaning);
}

/* The classes, each with its count: the y below them. */
static double classes_draw(cairo_t *cr, const struct profile *p, const struct map_totals *t,
                           double x, double y)
{
	static const enum map_class order[] = { MC_GUILTY, MC_RANGE, MC_ASN, MC_CLEAN, MC_OUTSIDE };
	const uint64_t counts[MC_COUNT] = {
		[MC_GUILTY] = t->guilty, [MC_RANGE] = t->range, [MC_ASN] = t->asn,
		[MC_CLEAN] = t->addrs - t->blocked,
	};
	char n[32];

	set_rgb(cr, map_colour_text(), 1);
	font(cr, 19, true);
	text_at(cr, x, y, 0, "Each cell in its worst class");
	y += 46;
	for (size_t i = 0; i < sizeof order / sizeof order[0]; i++, y += 50) {
		const struct map_colour *c = map_colour(order[i]);

		legend_row(cr, p, x, y, c,
		           order[i] == MC_OUTSIDE ? NULL : num_grouped(counts[order[i]], n), c->meaning);
	}
	return y;
}

/* The strength rule, shown on red (1, 50 and 100 of 100 addresses
 * blocked): the y below it. */
static double strength_draw(cairo_t *cr, double x, double y)
{
	static const uint32_t blocked[3] = { 1, 50, 100 };

	for (int k = 0; k < 3; k++) {
		struct map_cell c = { .addrs = 100, .guilty = 1, .blocked = blocked[k] };
		uint8_t rgb[3];

		map_cell_rgb(&c, rgb);
		cairo_set_source_rgb(cr, rgb[0] / 255.0, rgb[1] / 255.0, rgb[2] / 255.0);
		cairo_rectangle(cr, x + k * 22, y - 17, 22, 22);
		cairo_fill(cr);
	}
	set_rgb(cr, map_colour_text(), 1);
	font(cr, 13.5, false);
	text_at(cr, x + 78, y - 6, 0, "paler: fewer of the cell's addresses");
	text_at(cr, x + 78, y + 11, 0, "blocked, full: all of them");
	return y + 58;
}

/* One line of the totals: the label left, the value right. */
static void total_row(cairo_t *cr, double x, double y, const char *label, const char *value)
{
	font(cr, 16, false);
	text_at(cr, x, y, 0, label);
	text_at(cr, x + PANEL, y, 1, value);
}

/* The totals, as the README defines them: the y below them. */
static double totals_draw(cairo_t *cr, const struct profile *p, const struct map_totals *t,
                          double x, double y)
{
	uint64_t coll = t->blocked - t->guilty;
	double share = t->addrs ? 100.0 * (double)t->blocked / (double)t->addrs : 0.0;
	char n[32], text[48], label[LEGEND_LABEL_MAX];

	set_rgb(cr, map_colour_text(), 1);
	font(cr, 17, true);
	text_at(cr, x, y, 0, "Totals");
	total_row(cr, x, y += 32, "addresses", num_grouped(t->addrs, n));
	legend_label(CC_GUILTY, p, label, sizeof label);
	total_row(cr, x, y += 24, label, num_grouped(t->guilty, n));
	total_row(cr, x, y += 24, "blocked (guilty or collateral)", num_grouped(t->blocked, n));
	if (share > 0 && share < 0.01)
		snprintf(text, sizeof text, "less than 0.01%% of the addresses");
	else
		snprintf(text, sizeof text, "%.2f%% of the addresses", share);
	font(cr, 13.5, false);
	text_at(cr, x + PANEL, y += 18, 1, text);
	total_row(cr, x, y += 24, "collateral (blocked, not guilty)", num_grouped(coll, n));
	if (t->guilty)
		snprintf(text, sizeof text, "%.1f", (double)coll / (double)t->guilty);
	else
		snprintf(text, sizeof text, "n/a (none guilty)");
	total_row(cr, x, y += 24, "collateral ratio (per guilty)", text);
	return y + 36;
}

/* What one cell holds, and how many there are. */
static void scale_draw(cairo_t *cr, const struct map *m, double x, double y)
{
	char text[96];

	font(cr, 13.5, false);
	cell_size_text(m, text, sizeof text);
	text_at(cr, x, y, 0, "one cell:");
	text_at(cr, x + PANEL, y, 1, text);
	snprintf(text, sizeof text, "%u x %u", (unsigned)m->w, (unsigned)m->h);
	text_at(cr, x, y + 19, 0, "cells:");
	text_at(cr, x + PANEL, y + 19, 1, text);
}

/* The panel beside the map: legend and totals in the words of profile
 * p, scale. */
static void panel_draw(cairo_t *cr, const struct profile *p, const struct map *m, double x,
                       double y)
{
	y = classes_draw(cr, p, &m->total, x, y);
	y = strength_draw(cr, x, y);
	y = totals_draw(cr, p, &m->total, x, y);
	scale_draw(cr, m, x, y);
}

static void title_draw(cairo_t *cr, const struct mappng_text *t, int width)
{
	char when[64], line[512], shown[400];
	struct tm tm;

	set_rgb(cr, map_colour_text(), 1);
	font(cr, 28, true);
	snprintf(line, sizeof line, "DNSBL listings in %s", t->scope);
	text_at(cr, MARGIN, MARGIN + 28, 0, line);
	strftime(when, sizeof when, "%Y-%m-%d %H:%M UTC", gmtime_r(&t->when, &tm));
	sanitize_text(shown, sizeof shown, t->source, strlen(t->source));
	font(cr, 15, false);
	snprintf(line, sizeof line, "%s, %s", shown, when);
	text_at(cr, MARGIN, MARGIN + 56, 0, line);
	if (t->policy) {
		sanitize_text(shown, sizeof shown, t->policy, strlen(t->policy));
		snprintf(line, sizeof line, "policy %s", shown);
		text_at(cr, width - MARGIN, MARGIN + 56, 1, line);
	}
}

static cairo_status_t png_out(void *closure, const unsigned char *data, unsigned int len)
{
	return fwrite(data, 1, len, closure) == len ? CAIRO_STATUS_SUCCESS : CAIRO_STATUS_WRITE_ERROR;
}

int mappng_write(FILE *f, const struct map *m, const struct mappng_text *t)
{
	unsigned px = cell_pixels(m);
	int mw = (int)(m->w * px), mh = (int)(m->h * px);
	int width = MARGIN + mw + GAP + PANEL + MARGIN;
	int height = HEADER + (mh > PANEL_H ? mh : PANEL_H) + FOOTER;
	cairo_surface_t *sf = cairo_image_surface_create(CAIRO_FORMAT_RGB24, width, height);
	cairo_t *cr = cairo_create(sf);
	cairo_status_t st;
	char foot[256];

	set_rgb(cr, map_colour_ground(), 1);
	cairo_paint(cr);
	cells_draw(sf, m, MARGIN, HEADER, px);
	cairo_set_source_rgb(cr, 0.5, 0.5, 0.5);
	cairo_set_line_width(cr, 1);
	cairo_rectangle(cr, MARGIN - 0.5, HEADER - 0.5, mw + 1, mh + 1);
	cairo_stroke(cr);
	octets_draw(cr, m, MARGIN, HEADER, px);
	title_draw(cr, t, width);
	panel_draw(cr, t->profile, m, MARGIN + mw + GAP, HEADER + 20);
	set_rgb(cr, map_colour_text(), 0.8);
	font(cr, 12.5, false);
	snprintf(foot, sizeof foot, "rblscope %s. Hilbert curve, as ipv4-heatmap and xkcd 195 lay "
	         "out IPv4: the first address top left, every CIDR block a square or a 2:1 "
	         "rectangle.", RBLSCOPE_VERSION);
	text_at(cr, MARGIN, height - FOOTER / 2 + 4, 0, foot);
	cairo_destroy(cr);
	st = cairo_surface_status(sf);
	if (st == CAIRO_STATUS_SUCCESS)
		st = cairo_surface_write_to_png_stream(sf, png_out, f);
	cairo_surface_destroy(sf);
	if (st != CAIRO_STATUS_SUCCESS) {
		if (st != CAIRO_STATUS_WRITE_ERROR || !errno)
			errno = st == CAIRO_STATUS_NO_MEMORY ? ENOMEM : EIO;
		return -1;
	}
	return 0;
}

void mappng_fonts_release(void)
{
	/* cairo's font caches hold fontconfig's patterns: cairo first */
	cairo_debug_reset_static_data();
	FcFini();
}

/* The scope the options name, and how a title says it. */
static int scope_of(const struct session *s, struct map_scope *sc, char *name, size_t namelen,
                    char *err, size_t errlen)
{
	const struct target *t = &s->opt->target;
	char net[CIDR_STRLEN];

	if (t->kind == TARGET_ASN) {
		if (!s->db) {
			snprintf(err, errlen, "AS%u: a map of an ASN takes its networks from an ASN "
			         "database: give --db FILE", (unsigned)t->asn);
			return -1;
		}
		if (map_scope_asn(sc, s->db, t->asn, err, errlen) < 0)
			return -1;
		cidr_format(sc->net, sc->prefix, net);
		snprintf(name, namelen, "AS%u (its networks in %s)", (unsigned)t->asn, net);
		return 0;
	}
	if (map_scope_cidr(sc, t->net, t->prefix) < 0) {
		snprintf(err, errlen, "out of memory");
		return -1;
	}
	cidr_format(sc->net, sc->prefix, net);
	snprintf(name, namelen, "%s", sc->prefix ? net : "the whole IPv4 space");
	return 0;
}

int mappng_export(FILE *f, const struct session *s, const char *policy, time_t when,
                  struct msg_held *warn, char *err, size_t errlen)
{
	struct mappng_text text = { .policy = policy, .when = when, .profile = s->profile };
	struct map_layers ly;
	struct map_scope sc;
	struct map m;
	char lwarn[1024], scope[96], source[320];
	int counted, rc;

	counted = map_layers_load(&ly, s, lwarn, sizeof lwarn, err, errlen);
	if (counted < 0)
		return EXIT_USAGE;
	for (const char *p = lwarn, *nl; *p; p = *nl ? nl + 1 : nl) {
		nl = p + strcspn(p, "\n");
		msg_hold(warn, "zone %.*s", (int)(nl - p), p);
	}
	if (scope_of(s, &sc, scope, sizeof scope, err, errlen) < 0) {
		map_layers_free(&ly);
		return EXIT_USAGE;
	}
	rc = map_render(&m, &sc, &ly, map_fit(sc.prefix, MAPPNG_SIDE, MAPPNG_SIDE));
	map_scope_free(&sc);
	map_layers_free(&ly);
	if (rc < 0) {
		snprintf(err, errlen, "out of memory");
		return EXIT_USAGE;
	}
	snprintf(source, sizeof source, "%s from %s", s->profile->title,
	         policy ? "the demo's zone files" : s->be->ops->describe(s->be));
	text.scope = scope;
	text.source = source;
	rc = mappng_write(f, &m, &text);
	mappng_fonts_release();   /* the export draws no other picture */
	if (rc == 0)
		rc = counted ? EXIT_INCOMPLETE : m.total.blocked ? EXIT_LISTED : EXIT_NOTHING_LISTED;
	map_free(&m);
	return rc;
}
