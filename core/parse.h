/* Where a data file (zone file, policy, scenario) is being read, so that
 * every message about it says "path:LINE: reason". */
#ifndef RBLSCOPE_PARSE_H
#define RBLSCOPE_PARSE_H

#include <stddef.h>

struct parse_at {
	const char *path;
	unsigned long line;     /* 0 before the first line */
	char *err;
	size_t errlen;
};

/* Write "path:LINE: " (or "path: ") and the message into at->err;
 * returns -1, so that a parser can `return parse_fail(...)`. */
__attribute__((format(printf, 2, 3)))
int parse_fail(const struct parse_at *at, const char *fmt, ...);

#endif
