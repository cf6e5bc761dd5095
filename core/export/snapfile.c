/* Snapshot files.  O_EXCL makes "never overwrite" hold even against a
 * second rblscope saving into the same folder in the same second. */
#include "core/export/snapfile.h"

#include <errno.h>
#include <fcntl.h>
#include <unistd.h>

#define SNAPFILE_TRIES 100

FILE *snapfile_create(const char *dir, const char *slug, time_t when, char *path,
                      size_t pathlen)
{
	return snapfile_create_ext(dir, slug, "txt", when, path, pathlen);
}

FILE *snapfile_create_ext(const char *dir, const char *slug, const char *ext, time_t when,
                          char *path, size_t pathlen)
{
	char stamp[32], nth[16];
	struct tm tm;
	FILE *f;
	int fd = -1, n;

	strftime(stamp, sizeof stamp, "%Y%m%d-%H%M%S", gmtime_r(&when, &tm));
	for (int i = 0; fd < 0 && i < SNAPFILE_TRIES; i++) {
		nth[0] = '\0';
		if (i)
			snprintf(nth, sizeof nth, "-%d", i);
		n = snprintf(path, pathlen, "%s/rblscope-%s-%s%s.%s", dir, slug, stamp, nth, ext);
		if (n < 0 || (size_t)n >= pathlen) {
			errno = ENAMETOOLONG;
			return NULL;
		}
		fd = open(path, O_WRONLY | O_CREAT | O_EXCL, 0644);
		if (fd < 0 && errno != EEXIST)
			return NULL;
	}
	if (fd < 0)
		return NULL;   /* errno is EEXIST */
	f = fdopen(fd, "w");
	if (!f) {
		int e = errno;

		close(fd);
		unlink(path);
		errno = e;
	}
	return f;
}

int snapfile_finish(FILE *f, int rc, const char *path)
{
	int e = rc < 0 ? errno : 0;

	if (fclose(f) != 0 && rc == 0) {
		rc = -1;
		e = errno;
	}
	if (rc < 0) {
		unlink(path);
		errno = e ? e : EIO;
	}
	return rc;
}
