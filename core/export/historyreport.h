/* rblscope --history TARGET: the recorded timeline of each address of
 * TARGET (core/history/), as text, CSV or JSON Lines. */
#ifndef RBLSCOPE_HISTORYREPORT_H
#define RBLSCOPE_HISTORYREPORT_H

#include "core/scan/options.h"

/* The exit status when no recorded scan covered the target. */
#define HISTORY_EXIT_NONE 1

/* Write the timeline of o->history to --output or standard output.
 * 0 when the target has history; HISTORY_EXIT_NONE (one line on
 * stderr; CSV: its header alone) when none; EXIT_USAGE after one line
 * when the database is missing or bad. */
int historyreport_run(const struct options *o);

#endif
