/* Where a data file (zone file, policy, scenario) is being read, so that
 * every message about it says "path:LINE: reason". */
#ifndef RBLSCOPE_PARSE_H
#define RBLSCOPE_PARSE_H

#include <stddef.h>
#include <stdint.h>

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

/* A space or a tab: the blanks between fields. */
int parse_is_blank(char ch);

/* Cut a comment ('#' at the start or after a blank) and the outer
 * blanks of line s, in place; the start of what is left. */
char *parse_line_trim(char *s);

/* The next line of text (up to end) into buf (size bytes), at->line
 * counted: 1, 0 at the end, or -1 (parse_fail) on a line of size bytes
 * or more or one with a control character but a tab. */
int parse_next_line(struct parse_at *at, const char **text, const char *end, char *buf,
                    size_t size);

/* A decimal number alone in s, with no sign and no overflow; 0 or -1. */
int parse_u32(const char *s, uint32_t *out);

#endif
