/* What is on screen: the /24 in view, the part of it scanned, and the
 * selected address.  Movement rules live here, away from curses. */
#ifndef RBLSCOPE_TUI_VIEW_H
#define RBLSCOPE_TUI_VIEW_H

#include <stdbool.h>
#include <stdint.h>

#include "core/scan/options.h"

struct view {
	struct target target;   /* what the user asked for last */
	uint32_t base;          /* the /24 on screen */
	uint32_t net;           /* the part of it scanned */
	unsigned prefix;
	uint32_t cursor;        /* the selected address, inside base/24 */
};

/* Show the /24 of t->focus with the cursor on it. */
void view_init(struct view *v, const struct target *t);

/* Show the /24 that holds ip, cursor on ip, keeping the target. */
void view_show(struct view *v, uint32_t ip);

/* Move the cursor dx addresses (wrapping across rows) and dy rows,
 * stopping at the edges of the /24.  True when it moved. */
bool view_move(struct view *v, int dx, int dy);

/* Put the cursor on the cell (0-255) of the /24 in view. */
void view_select(struct view *v, unsigned cell);

/* Show the previous (dir < 0) or next /24, the cursor on the same last
 * octet.  False at either end of IPv4 space. */
bool view_step(struct view *v, int dir);

/* True when ip is part of the scanned range of the view. */
bool view_scanned(const struct view *v, uint32_t ip);

/* For a network target bigger than a /24: the 1-based position of the
 * /24 in view within it, and how many /24s it has.  False when the view
 * is outside the target or the target is a /24 or smaller. */
bool view_position(const struct view *v, uint32_t *index, uint32_t *count);

#endif
