/* Snapshots of a scan as text, CSV or JSON Lines. */
#ifndef RBLSCOPE_EXPORT_H
#define RBLSCOPE_EXPORT_H

#include <stdio.h>
#include <time.h>

#include "core/export/report.h"
#include "core/scan/options.h"
#include "core/scan/scan.h"
#include "core/scan/session.h"

/* Write the scan in fmt to f; `when` is the time shown in the header,
 * and so is policy in a text snapshot (the demo's policy line, NULL
 * outside the demo).  0, or -1 on a write error (errno set). */
int export_write(FILE *f, enum export_format fmt, const struct session *s,
                 const struct scan *sc, const char *policy, time_t when);


/* Write a text snapshot to a new file named after the target and time
 * in dir ("rblscope-192.0.2.0_24-20261122-143000.txt"), with policy in
 * its header (NULL: none); the path in path.  0, or -1 with errno set. */
int export_snapshot_file(const char *dir, const struct session *s, const struct scan *sc,
                         const char *policy, time_t when, char *path, size_t pathlen);

/* Run a whole export as the options say: scan, write (a text snapshot
 * names policy, NULL outside the demo), return the exit status.
 * Messages go to stderr. */
int export_run(struct session *s, const char *policy);

#endif
