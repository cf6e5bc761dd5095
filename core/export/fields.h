/* Fields of the exports: CSV (RFC 4180) and JSON strings. */
#ifndef RBLSCOPE_FIELDS_H
#define RBLSCOPE_FIELDS_H

#include <stdio.h>

#include "core/base/json.h"   /* json_string */

/* Write s as a CSV field: quoted when it holds a comma, quote or line
 * break, or a space at either end (RFC 4180). */
void csv_field(FILE *f, const char *s);

#endif
