/* The detail panel: everything known about the selected address, and
 * for each zone why it is (or is not) listed there. */
#ifndef RBLSCOPE_TUI_DETAIL_H
#define RBLSCOPE_TUI_DETAIL_H

#include <stdbool.h>
#include <stddef.h>

#include "core/scan/scan.h"
#include "geo/asn.h"
#include "tui/ctx.h"
#include "tui/view.h"

#define DETAIL_MAX_LINES 80
#define DETAIL_TEXT_MAX 1024

enum dline_style { DL_PLAIN, DL_HEADING, DL_DIM, DL_WARN, DL_ERROR };

struct dline {
	enum dline_style style;
	int cls;                      /* >= 0: starts with this class's glyph */
	char text[DETAIL_TEXT_MAX];   /* already fitted to the panel */
};

/* What the panel is about: the selected address of a grid. */
struct detail_in {
	const struct view *view;         /* the /24 in view and the cursor */
	const struct scan *sc;           /* the grid's scan */
	const struct scan_cell *c;       /* the cursor's cell, NULL outside the scan */
	int cls;                         /* the class it shows */
	const struct asn_info *target_asn;
	bool other_asn;                  /* its ASN is not the target's */
};

/* Lay out the panel for the selected address in width columns and at
 * most maxlines lines: the full form (one item per line, TXT wrapped)
 * when it fits, else one line per zone.  Returns the lines written. */
size_t detail_build(const struct ctx *cx, const struct detail_in *in, int width,
                    size_t maxlines, struct dline *out);

/* Draw the panel where the layout puts it. */
void detail_draw(const struct ctx *cx, const struct detail_in *in);

#endif
