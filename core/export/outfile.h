/* Where an export goes, handled so that no file the user did not name is
 * followed, replaced or destroyed, and a named file is never left half
 * written: a regular file (or a new one) is written to a temporary file
 * made with mkstemp in its folder and renamed over it once complete;
 * standard output, character devices and FIFOs are written directly. */
#ifndef RBLSCOPE_OUTFILE_H
#define RBLSCOPE_OUTFILE_H

#include <limits.h>
#include <stdbool.h>
#include <stddef.h>
#include <stdio.h>

struct outfile {
	const char *name;        /* for messages: the path, or "standard output" */
	char target[PATH_MAX];   /* the file the temporary one is renamed over */
	char tmp[PATH_MAX];      /* "" when written directly */
	FILE *f;
	bool owned;              /* f is ours to close */
};

/* Check path and open what will be written, before any work is done:
 * NULL or "-" is standard output; /dev/stdout, /dev/stderr and
 * /dev/fd/N are those descriptors, not reopened; a folder, an empty or
 * over-long path, a missing folder, a folder that cannot be written, a
 * symlink to nothing, a block device or a socket are refused.  0, or -1
 * with a one-line reason in err (the path sanitised). */
int outfile_open(struct outfile *o, const char *path, char *err, size_t errlen);

/* Finish after a complete write: flush, sync and rename the temporary
 * file over the target.  0, or -1 with a one-line reason in err; on
 * failure the temporary file is removed and the target is untouched. */
int outfile_commit(struct outfile *o, char *err, size_t errlen);

/* Give up: remove the temporary file; the target is untouched. */
void outfile_abandon(struct outfile *o);

#endif
