/* Column arithmetic for terminal text.  Everything that reaches the
 * screen passes through text_fit, so an unexpected byte can never turn
 * into an escape sequence or shift the layout. */
#include "tui/text.h"

#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <wchar.h>

/* Length of the UTF-8 sequence that starts at s, as far as it goes. */
static size_t seq_len(const char *s)
{
	size_t n = 1;

	while (n < 4 && (s[n] & 0xc0) == 0x80)
		n++;
	return n;
}

/* Read one character at s: its length in bytes, its width in columns
 * and whether it must be drawn as a '?' (one column) instead. */
static size_t char_next(const char *s, bool utf8, int *cols, bool *replace)
{
	unsigned char c = (unsigned char)*s;
	mbstate_t st;
	wchar_t wc;
	size_t n;
	int w;

	*cols = 1;
	*replace = false;
	if (c < 0x80) {
		*replace = c < 0x20 || c == 0x7f;
		return 1;
	}
	*replace = true;
	if (!utf8)
		return seq_len(s);
	memset(&st, 0, sizeof st);
	n = mbrtowc(&wc, s, MB_CUR_MAX, &st);
	if (n == (size_t)-1 || n == (size_t)-2 || n == 0)
		return seq_len(s);
	w = wcwidth(wc);
	if (w >= 0) {
		*replace = false;
		*cols = w;
	}
	return n;
}

/* Copy what of src fits width columns; the rest of src, in *rest. */
static int fit_part(char *dst, size_t dstlen, const char *src, int width, bool utf8,
                    const char **rest)
{
	size_t o = 0, n;
	int used = 0, cols;
	bool replace;

	while (*src && used < width) {
		n = char_next(src, utf8, &cols, &replace);
		if (replace) {
			if (o + 1 >= dstlen || used + 1 > width)
				break;
			dst[o++] = '?';
			used++;
		} else {
			if (o + n >= dstlen || used + cols > width)
				break;
			memcpy(dst + o, src, n);
			o += n;
			used += cols;
		}
		src += n;
	}
	dst[o] = '\0';
	*rest = src;
	return used;
}

/* The ellipsis that ends cut text in a field of width columns (2 or
 * more) and a buffer of dstlen bytes, and its columns: in ASCII three
 * dots, fewer where the field or the buffer would hold nothing else. */
static const char *cut_mark(int width, size_t dstlen, bool utf8, int *cols)
{
	static const char dots[] = "...";

	if (utf8) {
		*cols = 1;
		return "\xe2\x80\xa6";
	}
	*cols = width > 3 ? 3 : width - 1;
	if ((size_t)*cols + 2 > dstlen)
		*cols = dstlen > 2 ? (int)dstlen - 2 : 1;
	return dots + 3 - *cols;
}

int text_fit(char *dst, size_t dstlen, const char *src, int width, bool utf8)
{
	const char *mark, *rest;
	int used, cols;
	size_t o, len;

	if (dstlen == 0)
		return 0;
	used = fit_part(dst, dstlen, src, width, utf8, &rest);
	if (rest[strspn(rest, " ")] == '\0' || width < 2)
		return used;
	/* Cut text ends in a mark, so that a cut name never passes for
	 * another, shorter one. */
	mark = cut_mark(width, dstlen, utf8, &cols);
	len = strlen(mark);
	used = fit_part(dst, dstlen > len ? dstlen - len : 1, src, width - cols, utf8, &rest);
	/* "are…", not "are …": the mark follows the text. */
	for (o = strlen(dst); o > 0 && dst[o - 1] == ' '; o--, used--)
		dst[o - 1] = '\0';
	if (o + len < dstlen) {
		memcpy(dst + o, mark, len + 1);
		used += cols;
	}
	return used;
}

int text_width(const char *src, bool utf8)
{
	int used = 0, cols;
	bool replace;

	while (*src) {
		src += char_next(src, utf8, &cols, &replace);
		used += replace ? 1 : cols;
	}
	return used;
}

/* Bytes of src that fit in width columns. */
static size_t bytes_in_width(const char *src, int width, bool utf8)
{
	size_t o = 0, n;
	int used = 0, cols;
	bool replace;

	while (src[o]) {
		n = char_next(src + o, utf8, &cols, &replace);
		if (replace)
			cols = 1;
		if (used + cols > width)
			break;
		used += cols;
		o += n;
	}
	return o;
}

bool text_wrap_next(const char **src, int width, bool utf8, char *dst, size_t dstlen)
{
	const char *s = *src, *next;
	size_t take, cut;
	char piece[1024];

	while (*s == ' ')
		s++;
	if (*s == '\0' || width < 1) {
		*src = s;
		if (dstlen)
			dst[0] = '\0';
		return false;
	}
	take = bytes_in_width(s, width, utf8);
	if (take == 0)
		take = 1;   /* a character wider than the line: show it anyway */
	cut = take;
	if (s[take] != '\0' && s[take] != ' ') {
		/* Break after the last space of the line, unless that wastes
		 * more than half of it; then inside a long word after a URL's
		 * punctuation, so an address in it stays whole. */
		while (cut > 0 && s[cut - 1] != ' ')
			cut--;
		if (cut < take / 2) {
			cut = take;
			while (cut > take / 2 && !strchr("/?&=", s[cut - 1]))
				cut--;
			if (cut <= take / 2)
				cut = take;
		}
	}
	next = s + cut;
	while (cut > 0 && s[cut - 1] == ' ')
		cut--;
	if (cut >= sizeof piece)
		cut = sizeof piece - 1;
	memcpy(piece, s, cut);
	piece[cut] = '\0';
	text_fit(dst, dstlen, piece, width, utf8);
	s = next;
	while (*s == ' ')
		s++;
	*src = s;
	return true;
}

bool text_wrap_last(const char **src, int width, bool utf8, char *dst, size_t dstlen)
{
	const char *s = *src + strspn(*src, " ");

	if (*s == '\0' || width < 1) {
		*src = s;
		if (dstlen)
			dst[0] = '\0';
		return false;
	}
	text_fit(dst, dstlen, s, width, utf8);
	*src = s + strlen(s);
	return true;
}

void text_appendf(char *buf, size_t size, size_t *used, const char *fmt, ...)
{
	va_list ap;
	int n;

	if (*used >= size)
		return;
	va_start(ap, fmt);
	n = vsnprintf(buf + *used, size - *used, fmt, ap);
	va_end(ap);
	if (n < 0)
		return;
	*used += (size_t)n;
	if (*used >= size)
		*used = size - 1;
}
