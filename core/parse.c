/* Messages about data files. */
#include "core/parse.h"

#include <stdarg.h>
#include <stdio.h>

int parse_fail(const struct parse_at *at, const char *fmt, ...)
{
	va_list ap;
	int n;

	if (at->line)
		n = snprintf(at->err, at->errlen, "%s:%lu: ", at->path, at->line);
	else
		n = snprintf(at->err, at->errlen, "%s: ", at->path);
	if (n >= 0 && (size_t)n < at->errlen) {
		va_start(ap, fmt);
		vsnprintf(at->err + n, at->errlen - (size_t)n, fmt, ap);
		va_end(ap);
	}
	return -1;
}
