/* The range overview: the /16 around an address as 256 /24 blocks in a
 * 16x16 map, each probed once (at its .0 address) on the range and ASN
 * zones, so that how far level 2 and level 3 reach shows at a glance;
 * the /24s scanned address by address in this session add their level 1
 * counts (tui/seen.h). */
#ifndef RBLSCOPE_TUI_OVERVIEW_H
#define RBLSCOPE_TUI_OVERVIEW_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>
#include <stdio.h>
#include <time.h>

#include "core/scan/scan.h"
#include "tui/keys.h"

#define OVERVIEW_BLOCKS 256
#define OVERVIEW_LINE_MAX 600
#define OVERVIEW_DETAIL_MAX 8

struct overview {
	uint32_t base;                 /* the /16 */
	unsigned cursor;               /* the selected /24: its third octet */
	struct profile sub;            /* the profile's range and ASN zones */
	const char *zones[PROFILE_MAX_ZONES];
	struct scan sc;                /* cell i probes block i, at its .0 */
};

/* Blocks by class, and what the scans of this session add. */
struct overview_tally {
	size_t cls[CC_COUNT];          /* blocks per class */
	size_t scanned;                /* blocks scanned address by address */
	size_t guilty;                 /* level 1 addresses found in them */
};

/* A line of the detail: a label and its value. */
struct overview_line {
	const char *label;
	bool listed;                   /* drawn as a warning */
	char value[OVERVIEW_LINE_MAX];
};

struct app;

/* Open the overview of the /16 holding ip, the cursor on ip's /24, and
 * start the probes; whatever view was up closes.  0, or -1 with a
 * one-line reason in err (a profile without range or ASN zones). */
int overview_open(struct app *a, uint32_t ip, char *err, size_t errlen);

/* Close the overview: its probes stop. */
void overview_close(struct app *a);

/* Probe again (qflags as for scan_start) on the session's backend. */
void overview_restart(struct app *a, unsigned qflags);

/* The class block (0-255) reads as: guilty when a scan of this session
 * found level 1 addresses in it, else what its probe says. */
enum cell_class overview_block_class(const struct app *a, unsigned block);

/* Count the blocks. */
void overview_tally(const struct app *a, struct overview_tally *t);

/* What a class means for a block, for the legend and the snapshot. */
const char *overview_meaning(enum cell_class cls);

/* Row (0-15) of the map as plain text: per block a mark (cursor, or
 * "scanned"), the glyph and the third octet. */
void overview_row_text(const struct app *a, int row, char *out, size_t len);

/* The detail of the selected block; returns the lines (at most max). */
size_t overview_detail(const struct app *a, struct overview_line *out, size_t max);

/* The place part of the title line. */
void overview_title(const struct app *a, char *out, size_t len);

/* Act on a key of the overview (moves, Enter, [ ], a, x, r). */
void overview_action(struct app *a, enum action act);

/* Select the block under a click at x, y. */
void overview_click(struct app *a, int x, int y);

/* Draw the map, its summary and the detail. */
void overview_draw(const struct app *a);

/* Write the overview as an ASCII text snapshot with a legend; `when` is
 * the time in its header.  0, or -1 on a write error. */
int overview_write(FILE *f, const struct app *a, time_t when);

#endif
