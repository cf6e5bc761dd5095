/* Helpers of the fuzz harnesses (fuzz.h). */
#include "tests/fuzz/fuzz.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>
#include <zlib.h>

void fz_check(bool ok, const char *what, const char *file, int line)
{
	if (ok)
		return;
	fprintf(stderr, "invariant broken: %s (%s:%d)\n", what, file, line);
	abort();
}

bool fz_terminated(const char *s, size_t size)
{
	return memchr(s, '\0', size) != NULL;
}

/* Length of the well-formed UTF-8 character at s (n bytes left) that is
 * not a C1 control, or 0.  Written apart from core/base/sanitize.c so that the
 * check does not share its mistakes. */
static size_t utf8_char(const unsigned char *s, size_t n)
{
	static const uint32_t least[5] = { 0, 0, 0x80, 0x800, 0x10000 };
	size_t len = s[0] < 0xc0 ? 0 : s[0] < 0xe0 ? 2 : s[0] < 0xf0 ? 3 : s[0] < 0xf8 ? 4 : 0;
	uint32_t cp;

	if (len == 0 || len > n)
		return 0;
	cp = s[0] & (0x7f >> len);
	for (size_t i = 1; i < len; i++) {
		if ((s[i] & 0xc0) != 0x80)
			return 0;
		cp = cp << 6 | (s[i] & 0x3f);
	}
	if (cp < least[len] || cp > 0x10ffff || (cp >= 0xd800 && cp <= 0xdfff) ||
	    (cp >= 0x80 && cp <= 0x9f))
		return 0;
	return len;
}

bool fz_clean_text(const char *s, size_t n)
{
	const unsigned char *u = (const unsigned char *)s;
	size_t i = 0, l;

	while (i < n) {
		if (u[i] >= 0x20 && u[i] < 0x7f) {
			i++;
			continue;
		}
		if (u[i] < 0x80 || !(l = utf8_char(u + i, n - i)))
			return false;
		i += l;
	}
	return true;
}

uint32_t fz_host_mask(unsigned prefix)
{
	return prefix >= 32 ? 0 : UINT32_MAX >> prefix;
}

static char tmpdir[64];

static void tmpdir_remove(void)
{
	char cmd[128];

	snprintf(cmd, sizeof cmd, "rm -rf '%s'", tmpdir);
	if (system(cmd) != 0)
		fprintf(stderr, "cannot remove %s\n", tmpdir);
}

/* The path of name in this run's folder, made on first use; one buffer
 * per name, so that a harness can hold several paths. */
static const char *tmp_path(const char *name)
{
	static struct {
		char name[32];
		char path[128];
	} paths[8];
	size_t i = 0;

	while (i < 8 && paths[i].name[0] && strcmp(paths[i].name, name) != 0)
		i++;
	if (i == 8 || strlen(name) >= sizeof paths[i].name) {
		fprintf(stderr, "fz_write: too many or too long names (%s)\n", name);
		abort();
	}
	if (!tmpdir[0]) {
		const char *t = getenv("TMPDIR");

		snprintf(tmpdir, sizeof tmpdir, "%s/rblscope-fuzz.XXXXXX", t && *t ? t : "/tmp");
		if (!mkdtemp(tmpdir)) {
			perror(tmpdir);
			abort();
		}
		atexit(tmpdir_remove);
	}
	snprintf(paths[i].name, sizeof paths[i].name, "%s", name);
	snprintf(paths[i].path, sizeof paths[i].path, "%s/%s", tmpdir, name);
	return paths[i].path;
}

const char *fz_write(const char *name, const void *data, size_t n)
{
	const char *path = tmp_path(name);
	FILE *f = fopen(path, "wb");

	if (!f || fwrite(data, 1, n, f) != n || fclose(f) != 0) {
		perror(path);
		abort();
	}
	return path;
}

/* gzip of n bytes at data into a malloc'd buffer (*out, *outlen).  A
 * small window and memory level: gzopen's 256 KB of state per run would
 * cost more than the parser under test. */
static void gzip_mem(const void *data, size_t n, unsigned char **out, size_t *outlen)
{
	z_stream z;
	uLong cap;

	memset(&z, 0, sizeof z);
	if (deflateInit2(&z, 1, Z_DEFLATED, 16 + 9, 1, Z_DEFAULT_STRATEGY) != Z_OK)
		abort();
	cap = deflateBound(&z, (uLong)n);
	*out = malloc(cap);
	if (!*out)
		abort();
	z.next_in = (Bytef *)(uintptr_t)data;   /* zlib does not write input */
	z.avail_in = (uInt)n;
	z.next_out = *out;
	z.avail_out = (uInt)cap;
	if (deflate(&z, Z_FINISH) != Z_STREAM_END)
		abort();
	*outlen = cap - z.avail_out;
	deflateEnd(&z);
}

const char *fz_write_gz(const char *name, const void *data, size_t n)
{
	unsigned char *gz;
	size_t len;
	const char *path;

	gzip_mem(data, n, &gz, &len);
	path = fz_write(name, gz, len);
	free(gz);
	return path;
}
