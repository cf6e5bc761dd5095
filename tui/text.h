/* Text measured in terminal columns: fitting and wrapping strings that
 * may hold UTF-8 (organisation names, TXT records), and an ASCII
 * fallback for terminals whose locale is not UTF-8. */
#ifndef RBLSCOPE_TUI_TEXT_H
#define RBLSCOPE_TUI_TEXT_H

#include <stdbool.h>
#include <stddef.h>

#include "geo/asn.h"

/* Bytes of a line built for the screen before it is fitted: room for a
 * whole AS name and the text around it, so that text_fit is the only
 * place such a line is cut. */
#define TEXT_LINE_MAX (ASN_ORG_MAX + 600)

/* Copy at most width columns of src into dst (dstlen bytes, always
 * terminated).  With utf8 false every non-ASCII character becomes '?';
 * control or unprintable characters become '?' either way.  Text that
 * does not fit is cut at a character boundary and ends in an ellipsis,
 * "\u2026" or with utf8 false "..." (fewer dots where the field or dst
 * is tiny), so that a cut name never passes for another.  Every text
 * cut for the screen is cut here.  Returns the columns used. */
int text_fit(char *dst, size_t dstlen, const char *src, int width, bool utf8);

/* Columns src takes on the screen (as text_fit would draw it). */
int text_width(const char *src, bool utf8);

/* Cut the next line of at most width columns from *src into dst,
 * breaking after a space when one is near, and advance *src past it and
 * the spaces that follow.  Returns false when *src is empty. */
bool text_wrap_next(const char **src, int width, bool utf8, char *dst, size_t dstlen);

/* As text_wrap_next, for the last line there is room for: all that is
 * left of *src, cut by text_fit when it does not fit. */
bool text_wrap_last(const char **src, int width, bool utf8, char *dst, size_t dstlen);

/* Append printf-style text to buf (size bytes), truncating safely;
 * *used tracks the length so far. */
void text_appendf(char *buf, size_t size, size_t *used, const char *fmt, ...)
	__attribute__((format(printf, 4, 5)));

#endif
