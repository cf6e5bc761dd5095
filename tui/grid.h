/* The grid screen: the /24 in view, address by address, with the
 * summary, the detail of the selected address and, where there is
 * room, the legend and the warnings. */
#ifndef RBLSCOPE_TUI_GRID_H
#define RBLSCOPE_TUI_GRID_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#include "core/scan/options.h"
#include "core/scan/scan.h"
#include "geo/asn.h"
#include "tui/detail.h"
#include "tui/screen.h"
#include "tui/view.h"

struct gridscreen {
	struct screen base;           /* first: the screen interface */
	struct view view;
	struct scan *sc;              /* the scan of the view; NULL when out of memory */
	struct asn_info target_asn;   /* the ASN of the target, for the ASN layer */
	bool asn_layer;
};

/* A grid of the network target t, scanning it.  NULL with a reason in
 * err (t is not a network, or out of memory). */
struct screen *grid_new(const struct ctx *cx, const struct target *t, char *err, size_t errlen);

/* The cell under the cursor, or NULL when it is not scanned. */
const struct scan_cell *grid_cursor_cell(const struct gridscreen *g);

/* The class ip shows (the context's layer applied), or -1 when ip is
 * not scanned; *stale says the class is from before a re-query. */
int grid_class_of(const struct gridscreen *g, uint32_t ip, bool *stale);

/* True when the ASN layer marks ip: its ASN is not the target's. */
bool grid_other_asn(const struct gridscreen *g, uint32_t ip);

/* What the detail panel says, about the selected address. */
void grid_detail_in(const struct gridscreen *g, struct detail_in *in);

/* Row (0-15) of the grid as plain text, as the screen shows it without
 * attributes: per cell a mark column, the glyph and the octet. */
void grid_row_text(const struct gridscreen *g, int row, char *out, size_t len);

/* The grid's screen functions. */
extern const struct screen_ops grid_ops;

#endif
