/* Untrusted text made safe for a terminal or a file. */
#include "core/base/sanitize.h"

#include <stdint.h>
#include <string.h>

/* Length of the valid UTF-8 sequence at s (at most n bytes) that is not a
 * C1 control, or 0. */
static size_t utf8_ok(const unsigned char *s, size_t n)
{
	uint32_t cp;
	size_t len, i;

	if (s[0] >= 0xc2 && s[0] <= 0xdf) {
		len = 2;
		cp = s[0] & 0x1f;
	} else if (s[0] >= 0xe0 && s[0] <= 0xef) {
		len = 3;
		cp = s[0] & 0x0f;
	} else if (s[0] >= 0xf0 && s[0] <= 0xf4) {
		len = 4;
		cp = s[0] & 0x07;
	} else {
		return 0;
	}
	if (n < len)
		return 0;
	for (i = 1; i < len; i++) {
		if ((s[i] & 0xc0) != 0x80)
			return 0;
		cp = cp << 6 | (s[i] & 0x3f);
	}
	if ((len == 3 && cp < 0x800) || (len == 4 && (cp < 0x10000 || cp > 0x10ffff)) ||
	    (cp >= 0xd800 && cp <= 0xdfff) || (cp >= 0x80 && cp <= 0x9f) ||
	    cp == 0x2028 || cp == 0x2029 || (cp >= 0x202a && cp <= 0x202e) ||
	    (cp >= 0x2066 && cp <= 0x2069))
		return 0;  /* overlong, surrogate, C1, line breaks, bidi overrides */
	return len;
}

size_t sanitize_text(char *dst, size_t size, const char *src, size_t len)
{
	const unsigned char *s = (const unsigned char *)src;
	size_t i = 0, o = 0, n;

	if (size == 0)
		return 0;
	while (i < len && o + 1 < size) {
		if (s[i] >= 0x20 && s[i] < 0x7f) {
			dst[o++] = (char)s[i++];
			continue;
		}
		n = s[i] >= 0x80 ? utf8_ok(s + i, len - i) : 0;
		if (n == 0) {
			dst[o++] = '?';
			i++;
			continue;
		}
		if (o + n + 1 > size)
			break;  /* never cut a character in half */
		while (n--)
			dst[o++] = (char)s[i++];
	}
	dst[o] = '\0';
	return o;
}

size_t sanitize_text_marked(char *dst, size_t size, const char *src, size_t len,
                            const char *mark)
{
	size_t n = sanitize_text(dst, size, src, len), m = strlen(mark);

	/* sanitize_text writes one byte for each byte it reads: fewer out
	 * than in is a cut. */
	if (n == len || m >= size)
		return n;
	n = sanitize_text(dst, size - m, src, len);
	memcpy(dst + n, mark, m + 1);
	return n + m;
}
