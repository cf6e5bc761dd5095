/* Files for text snapshots: a new file named after what it shows and
 * when, never one that exists already. */
#ifndef RBLSCOPE_SNAPFILE_H
#define RBLSCOPE_SNAPFILE_H

#include <stddef.h>
#include <stdio.h>
#include <time.h>

/* Create dir/rblscope-SLUG-YYYYmmdd-HHMMSS.txt (UTC; "-1", "-2" ...
 * added when it exists) for writing; its path in path.  NULL with errno
 * set. */
FILE *snapfile_create(const char *dir, const char *slug, time_t when, char *path,
                      size_t pathlen);

/* As snapfile_create, with the extension ext ("png") for "txt". */
FILE *snapfile_create_ext(const char *dir, const char *slug, const char *ext, time_t when,
                          char *path, size_t pathlen);

/* Close f after a write that returned rc (0 or -1); on any failure the
 * file at path is removed.  0, or -1 with errno set. */
int snapfile_finish(FILE *f, int rc, const char *path);

#endif
