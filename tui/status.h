/* The lines around the grid: title, status (progress, errors, rate,
 * backend, zone health), the summary that doubles as the legend, and in
 * wide terminals the notes under the grid. */
#ifndef RBLSCOPE_TUI_STATUS_H
#define RBLSCOPE_TUI_STATUS_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#include "core/scan/scan.h"
#include "core/scan/session.h"
#include "tui/ctx.h"
#include "tui/screen.h"
#include "tui/text.h"
#include "tui/view.h"

#define STATUS_BAR_W 20
#define STATUS_WARN_MAX (PROFILE_MAX_ZONES + 4)
#define STATUS_LINE_MAX TEXT_LINE_MAX

/* Filled cells of a width-cell progress bar for done of total: full
 * only when everything is done, and at least one once anything is. */
int status_bar_fill(size_t done, size_t total, int width);

/* Answers per second since the scan started (until it finished). */
double status_rate(const struct scan *sc, uint64_t now);

/* "512/768 lookups  2 errors  96/s  about 3 s left" (and "done in 2.3 s"
 * once finished). */
void status_counts(char *out, size_t len, const struct scan *sc, uint64_t now);

/* The title: the /24 in view, where it lies in the target, and the
 * profile's title unless p is NULL.  Appends to out. */
void status_title(char *out, size_t len, const struct view *v, const struct profile *p);

/* The collateral ratio of the view: "collateral ratio 24.0" (long) or
 * "ratio 24.0", "-" without listings, "n/a" without guilty addresses. */
void status_ratio(char *out, size_t len, const struct scan_tally *t, bool longform);

/* Warnings about the session, one per line: zones that failed their
 * RFC 5782 test, zones still being probed, missing zone files, no ASN
 * database.  Returns the count. */
size_t status_warnings(const struct session *s, char lines[][STATUS_LINE_MAX], size_t max);

/* How many addresses each zone of the scan's profile lists, whatever
 * class each address reads as: "listed: l1 3, l2 250, l3 256" (long) or
 * "l1 3 l2 250 l3 256". */
void status_reach(char *out, size_t len, const struct scan *sc, const struct scan_tally *t,
                  bool longform);

/* The form of the summary line that fits. */
struct summary_plan {
	bool labels;          /* "guilty (UCE-1)" rather than "guilty" */
	bool skip_zero;       /* no "pending 0" or "error 0" item */
	char ratio[64];       /* the ratio, "" when it does not fit */
	char reach[160];      /* the reach per zone, "" when it does not fit */
};

/* Choose the longest form of the summary of sc (counted in t) that fits
 * width columns. */
void summary_plan(const struct scan *sc, const struct scan_tally *t, int width,
                  struct summary_plan *p);

/* Draw the title line: the place top shows, the policy (demo) or the
 * profile, the layer, and the source of the answers. */
void title_draw(const struct ctx *cx, const struct screen *top);

/* Draw the status line: the progress of sc (NULL for a screen without
 * scans) and what is wrong. */
void status_draw(const struct ctx *cx, const struct scan *sc);

/* Draw the warning line above the detail, when the layout has one. */
void warnline_draw(const struct ctx *cx);

/* Draw the summary line of sc: legend glyphs with their counts, the
 * reach of each zone and the ratio. */
void summary_draw(const struct ctx *cx, const struct scan *sc);

/* Draw the notes under the grid (wide layout): the legend in words and
 * every warning in full. */
void notes_draw(const struct ctx *cx);

#endif
