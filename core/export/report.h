/* The text snapshot an admin pastes into a ticket. */
#ifndef RBLSCOPE_REPORT_H
#define RBLSCOPE_REPORT_H

#include <stdio.h>
#include <time.h>

#include "core/scan/scan.h"
#include "core/scan/session.h"

/* Write the header (with policy, the demo's policy line, unless NULL), a
 * 16x16 grid per /24 with its legend, the counts and the listed
 * addresses with their reasons. */
void report_write(FILE *f, const struct session *s, const struct scan *sc, const char *policy,
                  time_t when);

/* Columns a line of the summary takes at most. */
#define REPORT_SUMMARY_COLS 100

/* The summary: the header, the verdict and the counts without the grids,
 * no line wider than REPORT_SUMMARY_COLS.  0, or -1 out of memory. */
int report_summary_write(FILE *f, const struct session *s, const struct scan *sc,
                         const char *policy, time_t when);

/* The exit status a finished scan deserves: EXIT_INCOMPLETE if any
 * lookup failed, else EXIT_LISTED if anything is listed (allow zones
 * aside), else 0. */
int export_status(const struct scan *sc);

#endif
