/* Command-line options shared by the export and the terminal UI. */
#ifndef RBLSCOPE_OPTIONS_H
#define RBLSCOPE_OPTIONS_H

#include <stdio.h>

#include "core/scan/settings.h"

/* Parse argv.  Returns -1 to go on, or an exit status: 0 after --help or
 * --version, EXIT_USAGE after printing one line on stderr. */
int options_parse(struct options *o, int argc, char **argv);

/* Print the usage text to f. */
void options_usage(FILE *f);

#endif
