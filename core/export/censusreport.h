/* The census as CSV, JSON Lines or text (core/scan/census.h). */
#ifndef RBLSCOPE_CENSUSREPORT_H
#define RBLSCOPE_CENSUSREPORT_H

#include <stdio.h>
#include <time.h>

#include "core/scan/census.h"
#include "core/scan/options.h"
#include "core/scan/session.h"

/* ASNs the text lists, worst first; CSV and JSON list them all. */
#define CENSUS_TEXT_TOP 50

/* The widest line of the text. */
#define CENSUS_TEXT_COLS 100

/* The as_org of the row for space no ASN announces (asn empty, or null
 * in JSON). */
#define CENSUS_UNANNOUNCED "(not announced)"

/* Count the session's zones over its ASN database into c.  0; or
 * EXIT_USAGE (no ASN database, a zone without its file) or
 * EXIT_INCOMPLETE (a zone that lists everything, a corrupt database, out
 * of memory), with one line in err. */
int censusreport_count(const struct session *s, struct census *c, char *err, size_t errlen);

/* Write the census in fmt to f; a text names policy (the demo's policy
 * line) unless it is NULL, and when.  0, or -1 on a write error. */
int censusreport_write(FILE *f, enum export_format fmt, const struct session *s,
                       const struct census *c, const char *policy, time_t when);

/* The exit status: EXIT_LISTED when a zone (allow zones aside) lists
 * anything counted, else EXIT_NOTHING_LISTED. */
int censusreport_status(const struct census *c, const struct profile *p);

#endif
