/* Several targets of one export: the command line's, then a file's. */
#include "core/scan/targets.h"

#include <errno.h>
#include <stdbool.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "core/base/parse.h"

static struct target *list;   /* kept until the next call */
static size_t cap;

static int add(size_t *n, const struct target *t, char *err, size_t errlen)
{
	if (*n == OPT_MAX_TARGETS) {
		snprintf(err, errlen, "more than %d targets", OPT_MAX_TARGETS);
		return -1;
	}
	if (*n == cap) {
		size_t ncap = cap ? cap * 2 : 64;
		struct target *p = realloc(list, ncap * sizeof *p);

		if (!p) {
			snprintf(err, errlen, "out of memory");
			return -1;
		}
		list = p;
		cap = ncap;
	}
	list[(*n)++] = *t;
	return 0;
}

/* Networks only: an ASN export is a table of its own. */
static int net_only(const struct target *t, char *err, size_t errlen)
{
	if (t->kind == TARGET_NET)
		return 0;
	snprintf(err, errlen, "%s: several targets are networks only (one AS<n> a run)", t->text);
	return -1;
}

int targets_line(char *line, struct target *t, char *err, size_t errlen)
{
	char *s = parse_line_trim(line);

	if (!*s)
		return 0;
	for (const char *c = s; *c; c++) {
		if ((unsigned char)*c < 0x20 && *c != '\t') {
			snprintf(err, errlen, "control character in the line");
			return -1;
		}
	}
	if (target_parse(s, t, err, errlen) < 0 || net_only(t, err, errlen) < 0)
		return -1;
	return 1;
}

/* The lines of f (named path) appended. */
static int file_read(FILE *f, const char *path, size_t *n, char *err, size_t errlen)
{
	struct parse_at at = { .path = path, .err = err, .errlen = errlen };
	char line[1024], why[200];
	struct target t;
	int rc;

	while (fgets(line, sizeof line, f)) {
		size_t len = strlen(line);

		at.line++;
		if (len == sizeof line - 1 && line[len - 1] != '\n' && !feof(f))
			return parse_fail(&at, "line longer than %zu bytes", sizeof line - 2);
		line[strcspn(line, "\r\n")] = '\0';
		rc = targets_line(line, &t, why, sizeof why);
		if (rc < 0)
			return parse_fail(&at, "%s", why);
		if (rc > 0 && add(n, &t, why, sizeof why) < 0)
			return parse_fail(&at, "%s", why);
	}
	if (ferror(f)) {
		at.line = 0;
		return parse_fail(&at, "cannot read: %s", strerror(errno ? errno : EIO));
	}
	return 0;
}

int targets_collect(char *const *args, size_t nargs, const char *path,
                    const struct target **out, size_t *nout, char *err, size_t errlen)
{
	struct target t;
	size_t n = 0;
	FILE *f;
	int rc;

	for (size_t i = 0; i < nargs; i++)
		if (target_parse(args[i], &t, err, errlen) < 0 || net_only(&t, err, errlen) < 0 ||
		    add(&n, &t, err, errlen) < 0)
			return -1;
	if (path) {
		bool in = strcmp(path, "-") == 0;

		f = in ? stdin : fopen(path, "r");
		if (!f) {
			snprintf(err, errlen, "%s: cannot read the targets: %s", path, strerror(errno));
			return -1;
		}
		rc = file_read(f, in ? "(standard input)" : path, &n, err, errlen);
		if (!in)
			fclose(f);
		if (rc < 0)
			return -1;
	}
	if (n == 0) {
		snprintf(err, errlen, "%s: no target in the file", path ? path : "-");
		return -1;
	}
	*out = list;
	*nout = n;
	return 0;
}
