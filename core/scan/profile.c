/* The known profiles: those built into the program (assets/profiles/),
 * then the user's (profile_add_file, profile_add_dir).  Zones are data:
 * add a list in a .profile file, nowhere else. */
#include "core/scan/profile.h"
#include "core/base/xdg.h"

#include <dirent.h>
#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "core/base/assets.h"

#define FILE_MAX (1u << 20)   /* a profile file larger than this is refused */

static struct profile known[PROFILE_MAX];
static size_t nknown;
static bool builtin_loaded;

static int add(const struct profile *p, const char *source, char *err, size_t errlen)
{
	struct profile *q;
	char *src;

	for (size_t i = 0; i < nknown; i++)
		if (strcmp(known[i].name, p->name) == 0) {
			snprintf(err, errlen, "%s: profile name '%s' is taken by %s profile %s",
			         source, p->name, known[i].source, known[i].name);
			return -1;
		}
	if (nknown == PROFILE_MAX) {
		snprintf(err, errlen, "%s: more than %d profiles", source, PROFILE_MAX);
		return -1;
	}
	if (!(src = strdup(source))) {
		snprintf(err, errlen, "%s: out of memory", source);
		return -1;
	}
	q = &known[nknown++];
	*q = *p;
	q->source = src;
	return 0;
}

static bool ends_with(const char *s, const char *tail)
{
	size_t n = strlen(s), t = strlen(tail);

	return n > t && strcmp(s + n - t, tail) == 0;
}

/* The built-in profiles, read once.  A broken one is a broken build:
 * the unit tests read them all. */
static void builtin_load(void)
{
	size_t na;
	const struct asset *a = asset_list(&na);
	struct profile p;
	char err[300];

	if (builtin_loaded)
		return;
	builtin_loaded = true;
	for (size_t i = 0; i < na; i++) {
		if (strncmp(a[i].name, "profiles/", 9) != 0 || !ends_with(a[i].name, ".profile"))
			continue;
		if (profile_parse(a[i].name, a[i].text, a[i].len, &p, err, sizeof err) < 0 ||
		    add(&p, "built-in", err, sizeof err) < 0) {
			fprintf(stderr, "rblscope: %s\n", err);
			abort();
		}
	}
}

const struct profile *profile_find(const char *name)
{
	builtin_load();
	for (size_t i = 0; i < nknown; i++)
		if (strcmp(known[i].name, name) == 0)
			return &known[i];
	return NULL;
}

const struct profile *profile_list(size_t *n)
{
	builtin_load();
	*n = nknown;
	return known;
}

int profile_add_file(const char *path, char *err, size_t errlen)
{
	FILE *f = fopen(path, "rb");
	char *text;
	size_t len;
	struct profile p;
	int rc = -1;

	builtin_load();
	for (size_t i = 0; i < nknown; i++)
		if (strcmp(known[i].source, path) == 0) {
			if (f)
				fclose(f);
			return 0;   /* read already */
		}
	if (!f) {
		snprintf(err, errlen, "%s: %s", path, strerror(errno));
		return -1;
	}
	if (!(text = malloc(FILE_MAX + 1))) {
		fclose(f);
		snprintf(err, errlen, "%s: out of memory", path);
		return -1;
	}
	len = fread(text, 1, FILE_MAX + 1, f);
	if (ferror(f))
		snprintf(err, errlen, "%s: %s", path, strerror(errno));
	else if (len > FILE_MAX)
		snprintf(err, errlen, "%s: larger than %u bytes", path, FILE_MAX);
	else if (profile_parse(path, text, len, &p, err, errlen) == 0) {
		rc = add(&p, path, err, errlen);
		if (rc < 0)
			profile_free(&p);
	}
	fclose(f);
	free(text);
	return rc;
}

static int name_order(const void *a, const void *b)
{
	return strcmp(*(char *const *)a, *(char *const *)b);
}

int profile_add_dir(const char *dir, char *err, size_t errlen)
{
	DIR *d = opendir(dir);
	struct dirent *e;
	char *names[PROFILE_MAX + 1], path[4096];
	size_t n = 0;
	int rc = 0;

	if (!d) {
		if (errno == ENOENT || errno == ENOTDIR)
			return 0;
		snprintf(err, errlen, "%s: %s", dir, strerror(errno));
		return -1;
	}
	while ((e = readdir(d)) && n <= PROFILE_MAX)
		if (e->d_name[0] != '.' && ends_with(e->d_name, ".profile") &&
		    (names[n] = strdup(e->d_name)) != NULL)
			n++;
	closedir(d);
	qsort(names, n, sizeof names[0], name_order);
	for (size_t i = 0; i < n; i++) {
		if (rc == 0) {
			if ((size_t)snprintf(path, sizeof path, "%s/%s", dir, names[i]) >= sizeof path) {
				snprintf(err, errlen, "%s: path too long", dir);
				rc = -1;
			} else {
				rc = profile_add_file(path, err, errlen);
			}
		}
		free(names[i]);
	}
	return rc;
}

const struct zone_def *profile_role_zone(const struct profile *p, enum zone_role r)
{
	for (size_t z = 0; p && z < p->nzones; z++)
		if (p->zones[z].role == r)
			return &p->zones[z];
	return NULL;
}

const char *profile_role_label(const struct profile *p, enum zone_role r)
{
	static const char *const generic[] = {
		[ZR_SINGLE] = "an address list", [ZR_RANGE] = "a range list",
		[ZR_ASN] = "an ASN list", [ZR_INFO] = "another list", [ZR_ALLOW] = "a whitelist",
	};
	const struct zone_def *d = profile_role_zone(p, r);

	if (d)
		return d->label;
	return (unsigned)r < sizeof generic / sizeof generic[0] ? generic[r] : "a list";
}

int profile_user_dir(char *buf, size_t size)
{
	return xdg_path("XDG_CONFIG_HOME", ".config", "profiles", buf, size);
}
