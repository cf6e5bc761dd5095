/* Messages about data files, and reading them a line at a time. */
#include "core/base/parse.h"

#include <stdarg.h>
#include <stdio.h>
#include <string.h>

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

int parse_is_blank(char ch)
{
	return ch == ' ' || ch == '\t';
}

char *parse_line_trim(char *s)
{
	char *e;

	for (e = s; *e; e++)
		if (*e == '#' && (e == s || parse_is_blank(e[-1])))
			break;
	while (e > s && parse_is_blank(e[-1]))
		e--;
	*e = '\0';
	while (parse_is_blank(*s))
		s++;
	return s;
}

int parse_u32(const char *s, uint32_t *out)
{
	uint64_t v = 0;

	if (*s < '0' || *s > '9')
		return -1;
	for (; *s >= '0' && *s <= '9'; s++) {
		v = v * 10 + (uint64_t)(*s - '0');
		if (v > UINT32_MAX)
			return -1;
	}
	if (*s)
		return -1;
	*out = (uint32_t)v;
	return 0;
}

int parse_next_line(struct parse_at *at, const char **text, const char *end, char *buf,
                    size_t size)
{
	const char *nl;
	size_t n;

	if (*text >= end)
		return 0;
	nl = memchr(*text, '\n', (size_t)(end - *text));
	n = (size_t)((nl ? nl : end) - *text);
	at->line++;
	if (n >= size)
		return parse_fail(at, "line longer than %zu characters", size - 1);
	memcpy(buf, *text, n);
	buf[n] = '\0';
	*text += n + (nl != NULL);
	for (size_t i = 0; i < n; i++)
		if (((unsigned char)buf[i] < 0x20 && buf[i] != '\t') || buf[i] == 0x7f)
			return parse_fail(at, "control character (byte %u) in the line",
			                  (unsigned char)buf[i]);
	return 1;
}
