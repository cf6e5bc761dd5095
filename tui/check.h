/* The check screen: one address on every list of the catalogue, a query
 * per list for that address alone, paced and cached like every scan. */
#ifndef RBLSCOPE_TUI_CHECK_H
#define RBLSCOPE_TUI_CHECK_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#include "tui/screen.h"

struct checkview {
	struct screen base;          /* first: the screen interface */
	struct scan sc;              /* one cell, every zone of the catalogue */
	uint32_t ip;
	size_t cursor, top;          /* rows: the zones in the order shown */
	bool moved;                  /* the user moved: the cursor follows its
	                              * list as rows reorder; else it stays on top */
	size_t order[PROFILE_MAX_ZONES];
};

/* Check ip on every list; NULL with the reason in err. */
struct screen *check_new(const struct ctx *cx, uint32_t ip, char *err, size_t errlen);

/* Row i of the table as text (drawing cuts it to the screen's width). */
void check_row_text(const struct checkview *cv, size_t i, char *out, size_t len);

extern const struct screen_ops check_ops;

#endif
