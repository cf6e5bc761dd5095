/* What several unit tests share: options from an argument list, and the
 * check that an ASN database can be written for a test. */
#ifndef RBLSCOPE_TESTFIX_H
#define RBLSCOPE_TESTFIX_H

#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "core/scan/options.h"

/* Parse "rblscope" and the NULL-terminated args into o; they must be
 * good options. */
static inline void parse_options(struct options *o, const char *const *args)
{
	static char store[16][256];
	char *argv[17];
	int argc = 0;

	snprintf(store[0], sizeof store[0], "rblscope");
	argv[argc++] = store[0];
	for (size_t i = 0; args[i]; i++) {
		snprintf(store[argc], sizeof store[argc], "%s", args[i]);
		argv[argc] = store[argc];
		argc++;
	}
	argv[argc] = NULL;
	memset(o, 0, sizeof *o);
	assert_int_equal(options_parse(o, argc, argv), -1);
}

/* Can tests write an ASN database with writer (the path of the build's
 * tool)?  0; else the test's exit status (77: skip, 1: not run from the
 * repository root) after one line saying why. */
static inline int asndb_writer_missing(const char *writer)
{
	if (system("perl -MMaxMind::DB::Writer::Tree -e 1 2>/dev/null") != 0) {
		puts("SKIP: perl module MaxMind::DB::Writer::Tree missing "
		     "(Debian package libmaxmind-db-writer-perl)");
		return 77;
	}
	if (access(writer, R_OK) != 0) {
		fprintf(stderr, "%s not found: run from the repository root\n", writer);
		return 1;
	}
	return 0;
}

#endif
