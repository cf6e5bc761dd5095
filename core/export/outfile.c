/* Export destinations.  The temporary file comes from mkstemp (O_EXCL:
 * a symlink planted at its name is never followed) in the target's own
 * folder, so that rename() replaces the target in one step and a
 * failure or a signal leaves the old file as it was. */
#include "core/export/outfile.h"

#include <errno.h>
#include <fcntl.h>
#include <stdarg.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include "core/base/sanitize.h"

#define SHOWN_MAX 160

__attribute__((format(printf, 4, 5)))
static int fail(struct outfile *o, char *err, size_t errlen, const char *fmt, ...)
{
	char shown[SHOWN_MAX], text[256];
	va_list ap;

	sanitize_text(shown, sizeof shown, o->name, strlen(o->name));
	va_start(ap, fmt);
	vsnprintf(text, sizeof text, fmt, ap);
	va_end(ap);
	snprintf(err, errlen, "cannot write '%s': %s", shown, text);
	return -1;
}

/* The descriptor a /dev/stdout, /dev/stderr or /dev/fd/N path names, or
 * -1.  Reopening them would start a file that the shell opened for
 * appending at offset 0 again. */
static int named_fd(const char *path)
{
	char *end;
	long n;

	if (strcmp(path, "/dev/stdout") == 0)
		return 1;
	if (strcmp(path, "/dev/stderr") == 0)
		return 2;
	if (strncmp(path, "/dev/fd/", 8) != 0 || path[8] < '0' || path[8] > '9')
		return -1;
	n = strtol(path + 8, &end, 10);
	return *end || n > 1024 ? -1 : (int)n;
}

/* Write through fd, which becomes ours (closed on failure too). */
static int adopt_fd(struct outfile *o, int fd, char *err, size_t errlen)
{
	if (fd < 0 || !(o->f = fdopen(fd, "w"))) {
		int e = errno;

		if (fd >= 0)
			close(fd);
		return fail(o, err, errlen, "%s", strerror(e));
	}
	o->owned = true;
	return 0;
}

/* A character device or a FIFO: written as it is.  O_NONBLOCK so that a
 * FIFO nobody reads is an error now, not a hang. */
static int open_direct(struct outfile *o, const char *path, char *err, size_t errlen)
{
	int fd = open(path, O_WRONLY | O_NOCTTY | O_NONBLOCK | O_CLOEXEC), fl;

	if (fd < 0)
		return fail(o, err, errlen, "%s", errno == ENXIO ? "no process reads this FIFO" :
		            strerror(errno));
	fl = fcntl(fd, F_GETFL);
	if (fl < 0 || fcntl(fd, F_SETFL, fl & ~O_NONBLOCK) < 0) {
		close(fd);
		return fail(o, err, errlen, "%s", strerror(errno));
	}
	return adopt_fd(o, fd, err, errlen);
}

/* The folder of o->target, in dir. */
static int target_dir(const struct outfile *o, char *dir, size_t len)
{
	const char *slash = strrchr(o->target, '/');

	if (!slash)
		return snprintf(dir, len, ".") >= (int)len ? -1 : 0;
	if (slash == o->target)
		return snprintf(dir, len, "/") >= (int)len ? -1 : 0;
	return snprintf(dir, len, "%.*s", (int)(slash - o->target), o->target) >= (int)len ? -1 : 0;
}

/* The mode a new file gets: 0666 less the umask, as open() would. */
static mode_t new_file_mode(void)
{
	mode_t mask = umask(022);

	umask(mask);
	return 0666 & ~mask;
}

/* A regular file or a new one: a temporary file beside it. */
static int open_replace(struct outfile *o, const struct stat *old, char *err, size_t errlen)
{
	char dir[PATH_MAX];
	struct stat ds;
	int fd;

	if (target_dir(o, dir, sizeof dir) < 0 ||
	    snprintf(o->tmp, sizeof o->tmp, "%s/.rblscope-XXXXXX", dir) >= (int)sizeof o->tmp)
		return fail(o, err, errlen, "path too long");
	if (stat(dir, &ds) < 0)
		return fail(o, err, errlen, "folder: %s", strerror(errno));
	if (!S_ISDIR(ds.st_mode))
		return fail(o, err, errlen, "folder: %s", strerror(ENOTDIR));
	fd = mkstemp(o->tmp);
	if (fd < 0) {
		o->tmp[0] = '\0';
		return fail(o, err, errlen, "cannot create a file in its folder: %s", strerror(errno));
	}
	if (fchmod(fd, old ? old->st_mode & 07777 : new_file_mode()) < 0 ||
	    !(o->f = fdopen(fd, "w"))) {
		int e = errno;

		close(fd);
		outfile_abandon(o);
		return fail(o, err, errlen, "%s", strerror(e));
	}
	o->owned = true;
	return 0;
}

/* path exists: what it is decides how it is written. */
static int open_existing(struct outfile *o, const char *path, const struct stat *ls,
                         char *err, size_t errlen)
{
	struct stat st;

	if (stat(path, &st) < 0)
		return fail(o, err, errlen, "%s", S_ISLNK(ls->st_mode) ?
		            "a symbolic link to a file that does not exist" : strerror(errno));
	if (S_ISDIR(st.st_mode))
		return fail(o, err, errlen, "it is a folder");
	if (S_ISCHR(st.st_mode) || S_ISFIFO(st.st_mode))
		return open_direct(o, path, err, errlen);
	if (!S_ISREG(st.st_mode))
		return fail(o, err, errlen, "not a regular file, a character device or a FIFO");
	/* A symlink is the user's way to name its target: the target is
	 * replaced, the link stays. */
	if (S_ISLNK(ls->st_mode) && !realpath(path, o->target))
		return fail(o, err, errlen, "%s", strerror(errno));
	return open_replace(o, &st, err, errlen);
}

int outfile_open(struct outfile *o, const char *path, char *err, size_t errlen)
{
	struct stat ls;
	int fd;

	memset(o, 0, sizeof *o);
	if (!path || strcmp(path, "-") == 0) {
		o->name = "standard output";
		o->f = stdout;
		return 0;
	}
	o->name = path;
	if (!*path)
		return fail(o, err, errlen, "empty file name");
	if (strlen(path) >= sizeof o->target)
		return fail(o, err, errlen, "path longer than %zu bytes", sizeof o->target - 1);
	memcpy(o->target, path, strlen(path) + 1);
	if ((fd = named_fd(path)) >= 0)
		return adopt_fd(o, dup(fd), err, errlen);   /* ours to close, not fd */
	if (lstat(path, &ls) == 0)
		return open_existing(o, path, &ls, err, errlen);
	if (errno != ENOENT)
		return fail(o, err, errlen, "%s", strerror(errno));
	if (path[strlen(path) - 1] == '/')
		return fail(o, err, errlen, "it names a folder");
	return open_replace(o, NULL, err, errlen);
}

int outfile_commit(struct outfile *o, char *err, size_t errlen)
{
	int rc = 0, e = 0;

	if (fflush(o->f) != 0 || ferror(o->f) || (o->tmp[0] && fsync(fileno(o->f)) < 0)) {
		rc = -1;
		e = errno ? errno : EIO;
	}
	if (o->owned && fclose(o->f) != 0 && rc == 0) {
		rc = -1;
		e = errno;
	}
	o->f = NULL;
	if (rc == 0 && o->tmp[0] && rename(o->tmp, o->target) < 0) {
		rc = -1;
		e = errno;
	}
	if (rc < 0) {
		outfile_abandon(o);
		return fail(o, err, errlen, "%s", strerror(e));
	}
	o->tmp[0] = '\0';
	return 0;
}

void outfile_abandon(struct outfile *o)
{
	if (o->f && o->owned)
		fclose(o->f);
	o->f = NULL;
	if (o->tmp[0])
		unlink(o->tmp);
	o->tmp[0] = '\0';
}
