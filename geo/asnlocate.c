/* Where an ASN database is found when none is named: $RBLSCOPE_DB, then
 * the folders distributions and geoipupdate use. */
#include "geo/asn.h"

#include <dirent.h>
#include <limits.h>
#include <stdbool.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

/* Names the common distributions and geoipupdate give ASN databases. */
static const char *const known_names[] = {
	"GeoLite2-ASN.mmdb", "GeoIP2-ASN.mmdb", "dbip-asn-lite.mmdb",
	"dbip-asn.mmdb",
};

static const char *const search_dirs[] = {
	"/usr/share/GeoIP", "/var/lib/GeoIP", "/usr/local/share/GeoIP",
};

static bool readable_file(const char *path)
{
	struct stat st;

	return stat(path, &st) == 0 && S_ISREG(st.st_mode) &&
	       access(path, R_OK) == 0;
}

static bool join_path(char *buf, size_t size, const char *dir, const char *name)
{
	int n = snprintf(buf, size, "%s/%s", dir, name);

	return n > 0 && (size_t)n < size;
}

/* Rank of a file name as an ASN DB: its place among the known names,
 * then any other *ASN*.mmdb or *asn*.mmdb; -1 for other files. */
static int name_rank(const char *name)
{
	size_t i, n = sizeof(known_names) / sizeof(known_names[0]);
	size_t len = strlen(name);

	for (i = 0; i < n; i++)
		if (strcmp(name, known_names[i]) == 0)
			return (int)i;
	if (len > 5 && strcmp(name + len - 5, ".mmdb") == 0 &&
	    (strstr(name, "ASN") || strstr(name, "asn")))
		return (int)n;
	return -1;
}

/* The best-ranked readable DB in dir; among equals the first by name, so
 * that the choice does not depend on directory order. */
static bool locate_in_dir(const char *dir, char *buf, size_t size)
{
	char best[NAME_MAX + 1] = "", path[PATH_MAX];
	int rank, best_rank = INT_MAX;
	struct dirent *e;
	DIR *d = opendir(dir);

	if (!d)
		return false;
	while ((e = readdir(d)) != NULL) {
		rank = name_rank(e->d_name);
		if (rank < 0 || rank > best_rank ||
		    (rank == best_rank && strcmp(e->d_name, best) >= 0) ||
		    !join_path(path, sizeof(path), dir, e->d_name) ||
		    !readable_file(path))
			continue;
		best_rank = rank;
		snprintf(best, sizeof(best), "%s", e->d_name);
	}
	closedir(d);
	return best[0] && join_path(buf, size, dir, best);
}

const char *asn_db_locate(void)
{
	static char found[PATH_MAX];
	const char *env = getenv("RBLSCOPE_DB");
	size_t i;

	/* Taken as given even when missing: opening it then says what is
	 * wrong, where falling back would silently use another file. */
	if (env && *env) {
		snprintf(found, sizeof(found), "%s", env);
		return found;
	}
	for (i = 0; i < sizeof(search_dirs) / sizeof(search_dirs[0]); i++)
		if (locate_in_dir(search_dirs[i], found, sizeof(found)))
			return found;
	return NULL;
}
