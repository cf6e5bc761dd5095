/* Snapshots of an ASN: one row per network with its level-3 state and
 * level-2 coverage. */
#ifndef RBLSCOPE_ASNREPORT_H
#define RBLSCOPE_ASNREPORT_H

#include <stdio.h>
#include <time.h>

#include "core/asnscan.h"
#include "core/options.h"
#include "core/session.h"

/* Write the ASN scan in fmt to f.  0, or -1 on a write error. */
int asnreport_write(FILE *f, enum export_format fmt, const struct session *s,
                    const struct asnscan *a, time_t when);

/* The exit status the finished ASN scan deserves (as export_status). */
int asnreport_status(const struct asnscan *a);

#endif
