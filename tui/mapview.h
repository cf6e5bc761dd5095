/* The map screen: a block of IPv4 space (the whole of it, a /8, a /16)
 * on the Hilbert curve, two cells in each character (half blocks), each
 * cell coloured by what the zone files block there.  Enter zooms in:
 * the whole space, a /8, a /16, then the /16 overview and a /24's grid;
 * q zooms out through the stack. */
#ifndef RBLSCOPE_TUI_MAPVIEW_H
#define RBLSCOPE_TUI_MAPVIEW_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#include "core/map/map.h"
#include "tui/screen.h"

#define MAPVIEW_INFO_ROWS 4    /* legend, the cell, its ASN, the block */

struct mapview {
	struct screen base;        /* first: the screen interface */
	struct map_layers ly;      /* the zones' listings, by level */
	struct map_scope sc;
	struct map m;
	int area_w, area_h;        /* the characters the map was fitted to */
	uint32_t x, y;             /* the selected cell */
	uint32_t focus;            /* the address it was opened on: zooming
	                              into its cell keeps it selected */
};

/* The map of the /prefix block holding ip (the whole space: prefix 0),
 * the cell of ip selected.  NULL with a one-line reason in err (live
 * DNS: a map needs zone files; out of memory). */
struct screen *mapview_new(const struct ctx *cx, uint32_t ip, unsigned prefix, char *err,
                           size_t errlen);

/* The tone cell x, y is drawn in. */
enum theme_tone mapview_tone(const struct mapview *mv, uint32_t x, uint32_t y);

/* The prefix Enter zooms to from a block of prefix bits: the next of
 * /8 and /16; 24 means the overview of the /16 instead. */
unsigned mapview_zoom(unsigned prefix);

/* The map's row r of characters as plain text (one glyph per tone of
 * the worse cell of the two), for tests. */
void mapview_row_text(const struct mapview *mv, uint32_t r, char *out, size_t len);

/* The map screen's functions. */
extern const struct screen_ops mapview_ops;

#endif
