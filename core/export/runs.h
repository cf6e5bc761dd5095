/* The listed and failed addresses of a text snapshot: a run of
 * neighbours that read the same (a listed range, a listed ASN) is one
 * entry, every line at most REPORT_COLS columns. */
#ifndef RBLSCOPE_RUNS_H
#define RBLSCOPE_RUNS_H

#include <stdio.h>

#include "core/scan/scan.h"

#define REPORT_COLS 100

/* The entries of sc's listed and failed addresses, in address order. */
void runs_write(FILE *f, const struct scan *sc);

/* Write text from column indent (its first line after what is on the
 * line already, at column col), wrapped at spaces to REPORT_COLS, a
 * word longer than a line cut across lines; ends the last line. */
void text_wrapped(FILE *f, const char *text, size_t col, size_t indent);

#endif
