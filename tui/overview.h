/* The range overview: the /16 around an address as 256 /24 blocks in a
 * 16x16 map, each probed once (at its .0 address) on the range and ASN
 * zones, so that how far range and ASN listings reach shows at a glance;
 * the /24s scanned address by address in this session add their guilty
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
#include "tui/screen.h"
#include "tui/text.h"

#define OVERVIEW_BLOCKS 256
#define OVERVIEW_LINE_MAX TEXT_LINE_MAX
#define OVERVIEW_DETAIL_MAX 8

struct overview {
	struct screen base;            /* first: the screen interface */
	uint32_t net;                  /* the /16 */
	unsigned cursor;               /* the selected /24: its third octet */
	unsigned octet;                /* the last octet Enter opens a /24 on */
	struct profile sub;            /* the profile's range and ASN zones */
	const char *zones[PROFILE_MAX_ZONES];
	struct scan sc;                /* cell i probes block i, at its .0 */
};

/* Blocks by class, and what the scans of this session add. */
struct overview_tally {
	size_t cls[CC_COUNT];          /* blocks per class */
	size_t scanned;                /* blocks scanned address by address */
	size_t guilty;                 /* guilty addresses found in them */
};

/* A line of the detail: a label and its value. */
struct overview_line {
	const char *label;
	bool listed;                   /* drawn as a warning */
	int rows;                      /* wrapped to at most this many lines,
	                                  the last cut; 0: as many as fit */
	char value[OVERVIEW_LINE_MAX];
};

/* The overview of the /16 holding ip, the cursor on ip's /24; the
 * probes start.  NULL with a one-line reason in err (a profile without
 * range or ASN zones, out of memory). */
struct screen *overview_new(const struct ctx *cx, uint32_t ip, char *err, size_t errlen);

/* The class block (0-255) reads as: guilty when a scan of this run
 * found guilty addresses in it, else what its probe says (the
 * context's layer applied). */
enum cell_class overview_block_class(const struct overview *ov, unsigned block);

/* Count the blocks. */
void overview_tally(const struct overview *ov, struct overview_tally *t);

/* What a class means for a block, for the legend and the snapshot. */
const char *overview_meaning(enum cell_class cls);

/* Row (0-15) of the map as plain text: per block a mark (cursor, or
 * "scanned"), the glyph and the third octet. */
void overview_row_text(const struct overview *ov, int row, char *out, size_t len);

/* The detail of the selected block; returns the lines (at most max). */
size_t overview_detail(const struct overview *ov, struct overview_line *out, size_t max);

/* Write the overview as an ASCII text snapshot with a legend; `when` is
 * the time in its header.  0, or -1 on a write error. */
int overview_write(FILE *f, const struct overview *ov, time_t when);

/* The overview's screen functions. */
extern const struct screen_ops overview_ops;

#endif
