/* Snapshots of an ASN: one row per network, with the exact figures of
 * every zone when the zones are zone files (core/scan/account.h), else
 * with its state on the profile's ASN zone and the coverage of its range
 * zone as probed. */
#ifndef RBLSCOPE_ASNREPORT_H
#define RBLSCOPE_ASNREPORT_H

#include <stdio.h>
#include <time.h>

#include "core/scan/asnscan.h"
#include "core/scan/options.h"
#include "core/scan/session.h"

/* Write the ASN scan in fmt to f; a text snapshot names policy (the
 * demo's policy line) unless it is NULL.  0, or -1 on a write error. */
int asnreport_write(FILE *f, enum export_format fmt, const struct session *s,
                    const struct asnscan *a, const char *policy, time_t when);

/* Write a text snapshot of the ASN scan to a new file in dir named after
 * the ASN and time ("rblscope-AS64500-20261122-143000.txt"), as
 * export_snapshot_file does for a range, with policy in its header
 * (NULL: none); the path in path.  0, or -1 with errno set. */
int asnreport_snapshot_file(const char *dir, const struct session *s, const struct asnscan *a,
                            const char *policy, time_t when, char *path, size_t pathlen);

/* The exit status the finished ASN scan deserves (as export_status);
 * from the exact figures when the session has them. */
int asnreport_status(const struct session *s, const struct asnscan *a);

#endif
