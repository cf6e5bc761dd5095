/* What changed between two snapshots: per address and zone, the old and
 * the new state, codes and reason, written as text, CSV or JSON. */
#ifndef RBLSCOPE_DIFFREPORT_H
#define RBLSCOPE_DIFFREPORT_H

#include <stdbool.h>
#include <stdio.h>

#include "core/scan/settings.h"
#include "core/snapshot/snapshot.h"

/* How a zone's answer for one address changed. */
enum diff_change {
	DC_NONE = 0,
	DC_LISTED,      /* listed now, not before */
	DC_DELISTED,    /* listed before, clean now */
	DC_ERROR,       /* failing now, not before */
	DC_RECOVERED,   /* failed before, answers now (not listed) */
	DC_CODES,       /* listed both times, other codes */
	DC_OTHER,       /* another state or reason */
	DC_COUNT
};

/* How an answer changed from old to new. */
enum diff_change diff_change_of(const struct lookup *old, const struct lookup *new);

/* Does the answer of any zone of a scan cell (new) differ from the
 * snapshot's row of the same profile (old)? */
bool diff_cell_changed(const struct snap_row *old, const struct lookup *new, size_t nzones,
                       enum diff_change *worst);

/* The word of a change in exports: "listed", "delisted", ... ("" none). */
const char *diff_change_name(enum diff_change c);

/* Write what changed from old to new in format fmt; the exit status
 * (EXIT_NOTHING_LISTED: no change, EXIT_LISTED: changes), or EXIT_USAGE
 * when the snapshots share no zone or writing failed. */
int diff_write(FILE *f, enum export_format fmt, const struct snapshot *old,
               const struct snapshot *new);

/* rblscope --diff OLD NEW: read both, write to o->output or standard
 * output; the exit status (EXIT_USAGE after one line on bad input). */
int diff_run(const struct options *o, const char *old_path, const char *new_path);

/* rblscope --since OLD: scan s's targets again into a snapshot of its
 * own, then write what changed since old in the format s->opt asks for,
 * to its output.  The exit status as diff_write's; EXIT_INCOMPLETE when
 * the new scan has failed lookups; EXIT_USAGE after one line. */
int since_run(struct session *s, const struct snapshot *old, const char *policy);

#endif
