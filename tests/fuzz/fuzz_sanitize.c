/* Fuzzing core/base/sanitize.c: the first byte picks the output size, the rest
 * is the untrusted text.  The output must be terminal-safe, fit, and be
 * left alone by a second pass; with a mark, a cut output ends in it and
 * starts as the unmarked output does. */
#include <stdlib.h>
#include <string.h>

#include "core/base/sanitize.h"
#include "tests/fuzz/fuzz.h"

/* A sanitised text, sanitised again with room to spare, is unchanged. */
static void check_idempotent(const char *out, size_t n)
{
	char *again = malloc(n + 1);

	FZ_CHECK(again != NULL);
	FZ_CHECK(sanitize_text(again, n + 1, out, n) == n);
	FZ_CHECK(memcmp(again, out, n + 1) == 0);
	free(again);
}

/* Printable ASCII passes unchanged: the output starts with the input's
 * longest printable-ASCII prefix, as much of it as fits. */
static void check_ascii_kept(const char *src, size_t len, const char *out, size_t n)
{
	size_t keep = 0;

	while (keep < len && keep < n && src[keep] >= 0x20 && src[keep] < 0x7f)
		keep++;
	FZ_CHECK(memcmp(src, out, keep) == 0);
}

/* sanitize_text_marked into the same size: whole, it is sanitize_text's
 * output; cut, the start of it and the mark. */
static void check_marked(const char *src, size_t len, size_t outsize, const char *whole,
                         size_t n)
{
	static const char mark[] = "\xe2\x80\xa6";
	char *out = malloc(outsize);
	size_t m;

	FZ_CHECK(out != NULL);
	m = sanitize_text_marked(out, outsize, src, len, mark);
	FZ_CHECK(m <= outsize - 1 && out[m] == '\0' && strlen(out) == m);
	FZ_CHECK(fz_clean_text(out, m));
	if (n == len || outsize < sizeof mark) {
		FZ_CHECK(m == n && memcmp(out, whole, n) == 0);
	} else {
		FZ_CHECK(m >= sizeof mark - 1 && strcmp(out + m - (sizeof mark - 1), mark) == 0);
		FZ_CHECK(memcmp(out, whole, m - (sizeof mark - 1)) == 0);
	}
	free(out);
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	const char *src = (const char *)data + 1;
	size_t len, outsize, n;
	char *out;

	if (size == 0)
		return 0;
	len = size - 1;
	outsize = data[0];  /* 0 to 255: the sizes rblscope uses are in there */
	/* Exactly outsize bytes, so that ASan sees a write past the end. */
	out = malloc(outsize ? outsize : 1);
	FZ_CHECK(out != NULL);
	out[0] = 'x';
	n = sanitize_text(out, outsize, src, len);
	if (outsize == 0) {
		FZ_CHECK(n == 0 && out[0] == 'x');  /* nothing written */
		free(out);
		return 0;
	}
	FZ_CHECK(n <= outsize - 1);
	FZ_CHECK(out[n] == '\0' && strlen(out) == n);
	FZ_CHECK(fz_clean_text(out, n));
	FZ_CHECK(len == 0 || n > 0 || outsize < 5);  /* only a tiny buffer stays empty */
	check_ascii_kept(src, len, out, n);
	check_idempotent(out, n);
	check_marked(src, len, outsize, out, n);
	free(out);
	return 0;
}
