/* Several targets of one export: from the command line and from a file
 * (--targets FILE), one a line. */
#ifndef RBLSCOPE_TARGETS_H
#define RBLSCOPE_TARGETS_H

#include <stddef.h>

#include "core/scan/target.h"

/* The targets of args (n of them) followed by those of path (NULL: none;
 * "-": standard input), networks only, at most OPT_MAX_TARGETS.  0 with
 * *out (valid until the next call) and *nout, or -1 with one line in err
 * ("path:LINE: reason" for a line of the file). */
int targets_collect(char *const *args, size_t n, const char *path,
                    const struct target **out, size_t *nout, char *err, size_t errlen);

/* Parse one line of a targets file into t: 1 for a target, 0 for a blank
 * or comment line, -1 with the reason in err. */
int targets_line(char *line, struct target *t, char *err, size_t errlen);

#endif
