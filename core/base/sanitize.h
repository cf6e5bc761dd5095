/* Untrusted text (TXT, PTR, AS names) made safe for a terminal or a file. */
#ifndef RBLSCOPE_SANITIZE_H
#define RBLSCOPE_SANITIZE_H

#include <stddef.h>

/* Copy src (len bytes, may hold NULs) into dst (size bytes, always
 * NUL-terminated): control characters (C0, DEL, C1) and invalid UTF-8
 * become '?', so no escape sequence survives.  Returns strlen(dst). */
size_t sanitize_text(char *dst, size_t size, const char *src, size_t len);

#endif
