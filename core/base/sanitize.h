/* Untrusted text (TXT, PTR, AS names) made safe for a terminal or a file. */
#ifndef RBLSCOPE_SANITIZE_H
#define RBLSCOPE_SANITIZE_H

#include <stddef.h>

/* Copy src (len bytes, may hold NULs) into dst (size bytes, always
 * NUL-terminated): control characters (C0, DEL, C1) and invalid UTF-8
 * become '?', so no escape sequence survives.  Returns strlen(dst). */
size_t sanitize_text(char *dst, size_t size, const char *src, size_t len);

/* As sanitize_text, but when src does not fit whole, dst is cut at a
 * character boundary and ends in mark, so that a cut text never passes
 * for a whole one (unmarked only when size cannot hold mark and its
 * NUL).  Returns strlen(dst). */
size_t sanitize_text_marked(char *dst, size_t size, const char *src, size_t len,
                            const char *mark);

#endif
