/* The history database: its path, opening it, its schema and the
 * migrations that bring an older file up to HISTORY_SCHEMA. */
#include "core/history/history.h"
#include "core/base/xdg.h"

#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <fcntl.h>
#include <sys/file.h>
#include <sys/stat.h>
#include <unistd.h>

#include "core/history/handle.h"

int history_default_path(char *out, size_t len)
{
	return xdg_path("XDG_STATE_HOME", ".local/state", "history.sqlite", out, len);
}

int history_fail(const struct history *h, const char *what, char *err, size_t errlen)
{
	snprintf(err, errlen, "%s: %s: %s", h->path, what, h->db ? sqlite3_errmsg(h->db) : "?");
	return -1;
}

int history_exec(struct history *h, const char *sql, char *err, size_t errlen)
{
	if (sqlite3_exec(h->db, sql, NULL, NULL, NULL) != SQLITE_OK)
		return history_fail(h, "cannot write the history", err, errlen);
	return 0;
}

/* The folders above path, made with mode 0700 where missing (the XDG
 * specification asks that of the state folder). */
static int folders_make(const char *path, char *err, size_t errlen)
{
	char dir[PATH_MAX];
	char *slash;

	snprintf(dir, sizeof dir, "%s", path);
	slash = strrchr(dir, '/');
	if (!slash || slash == dir)
		return 0;
	*slash = '\0';
	for (char *p = dir + 1; ; p++) {
		if (*p != '/' && *p != '\0')
			continue;
		char c = *p;

		*p = '\0';
		if (mkdir(dir, 0700) < 0 && errno != EEXIST) {
			snprintf(err, errlen, "%s: cannot make the folder: %s", dir, strerror(errno));
			return -1;
		}
		*p = c;
		if (!c)
			return 0;
	}
}

/* One integer from a query of one row. */
static int query_int(struct history *h, const char *sql, int64_t *out)
{
	sqlite3_stmt *st;
	int rc = sqlite3_prepare_v2(h->db, sql, -1, &st, NULL);

	if (rc == SQLITE_OK) {
		rc = sqlite3_step(st);
		if (rc == SQLITE_ROW) {
			*out = sqlite3_column_int64(st, 0);
			rc = SQLITE_OK;
		}
	}
	sqlite3_finalize(st);
	return rc;
}

/* ---- the schema and its migrations ---- */

/* Version 1.  state is the interval table of history.h; its primary key
 * (ip, zone, first_scan) finds an address's latest interval in a zone
 * and every interval of a range, in the table itself (WITHOUT ROWID:
 * no second copy as an index).  state.state: 1 clean, 2 listed, 3
 * error; error is the reason's name (lk_error_name), codes the A codes
 * in the order of the answer, space-separated. */
static int migrate_to_1(struct history *h, char *err, size_t errlen)
{
	return history_exec(h,
		"CREATE TABLE scan (id INTEGER PRIMARY KEY, time INTEGER NOT NULL,"
		" target TEXT NOT NULL, profile TEXT NOT NULL, source TEXT NOT NULL,"
		" net INTEGER NOT NULL, prefix INTEGER NOT NULL);"
		"CREATE TABLE zone (id INTEGER PRIMARY KEY, name TEXT NOT NULL UNIQUE,"
		" key TEXT NOT NULL);"
		"CREATE TABLE txt (id INTEGER PRIMARY KEY, text TEXT NOT NULL UNIQUE);"
		"CREATE TABLE state (ip INTEGER NOT NULL, zone INTEGER NOT NULL,"
		" first_scan INTEGER NOT NULL, last_scan INTEGER NOT NULL,"
		" scans INTEGER NOT NULL, state INTEGER NOT NULL, error TEXT, codes TEXT,"
		" txt INTEGER, PRIMARY KEY (ip, zone, first_scan)) WITHOUT ROWID;",
		err, errlen);
}

/* migrations[v] brings a file of version v - 1 to version v; version 2
 * is one more function here and HISTORY_SCHEMA 2. */
static int (*const migrations[HISTORY_SCHEMA + 1])(struct history *, char *, size_t) = {
	[1] = migrate_to_1,
};

/* What the file is: its schema version in *version (0: empty, new).
 * -1 with the reason when it is no rblscope history or too new. */
static int kind_check(struct history *h, int64_t *version, char *err, size_t errlen)
{
	int64_t app = 0, tables = 0;
	int rc = query_int(h, "PRAGMA application_id", &app);

	if (rc == SQLITE_OK)
		rc = query_int(h, "PRAGMA user_version", version);
	if (rc == SQLITE_OK)
		rc = query_int(h, "SELECT count(*) FROM sqlite_master", &tables);
	if (rc == SQLITE_NOTADB) {
		snprintf(err, errlen, "%s: not an rblscope history (not an SQLite database)", h->path);
		return -1;
	}
	if (rc != SQLITE_OK)
		return history_fail(h, "cannot read the history", err, errlen);
	if (app == 0 && *version == 0 && tables == 0)
		return 0;
	if (app != HISTORY_APP_ID) {
		snprintf(err, errlen, "%s: not an rblscope history (an SQLite database of "
		         "something else)", h->path);
		return -1;
	}
	if (*version > HISTORY_SCHEMA) {
		snprintf(err, errlen, "%s: history of a newer rblscope (schema %lld; this one "
		         "knows up to %d)", h->path, (long long)*version, HISTORY_SCHEMA);
		return -1;
	}
	return 0;
}

/* Bring the file to HISTORY_SCHEMA in one transaction; the version is
 * read again inside it, so two processes creating it at once agree. */
static int migrate(struct history *h, char *err, size_t errlen)
{
	char sql[96];
	int64_t v = 0;

	if (history_exec(h, "BEGIN IMMEDIATE", err, errlen) < 0)
		return -1;
	if (kind_check(h, &v, err, errlen) < 0)
		goto fail;
	for (int64_t to = v + 1; to <= HISTORY_SCHEMA; to++)
		if (migrations[to](h, err, errlen) < 0)
			goto fail;
	snprintf(sql, sizeof sql, "PRAGMA application_id = %d; PRAGMA user_version = %d",
	         HISTORY_APP_ID, HISTORY_SCHEMA);
	if (v < HISTORY_SCHEMA && history_exec(h, sql, err, errlen) < 0)
		goto fail;
	return history_exec(h, "COMMIT", err, errlen);
fail:
	sqlite3_exec(h->db, "ROLLBACK", NULL, NULL, NULL);
	return -1;
}

/* Check the file and, to write, set it up: WAL, so that a reader (the
 * terminal UI) never waits for a writer and a killed writer leaves the
 * last committed scan (https://sqlite.org/wal.html); synchronous NORMAL
 * is safe from corruption in WAL mode (https://sqlite.org/pragma.html). */
static int prepare(struct history *h, enum history_mode mode, char *err, size_t errlen)
{
	int64_t v = 0;

	if (kind_check(h, &v, err, errlen) < 0)
		return -1;
	if (mode == HISTORY_READ) {
		if (v == 0) {
			snprintf(err, errlen, "%s: empty: no scan recorded", h->path);
			return -1;
		}
		if (v < HISTORY_SCHEMA) {
			snprintf(err, errlen, "%s: history of schema %lld: record a scan into it "
			         "(--record) to bring it to %d", h->path, (long long)v, HISTORY_SCHEMA);
			return -1;
		}
		return 0;
	}
	if (history_exec(h, "PRAGMA journal_mode = WAL", err, errlen) < 0 ||
	    history_exec(h, "PRAGMA synchronous = NORMAL", err, errlen) < 0)
		return -1;
	return migrate(h, err, errlen);
}

/* The folder of path, locked (flock, exclusive, waiting); its descriptor,
 * or -1 when it cannot be locked (then setups may race, as without). */
static int folder_lock(const char *path)
{
	char dir[PATH_MAX];
	char *slash;
	int fd;

	snprintf(dir, sizeof dir, "%s", path);
	slash = strrchr(dir, '/');
	if (!slash)
		snprintf(dir, sizeof dir, ".");
	else if (slash == dir)
		dir[1] = '\0';
	else
		*slash = '\0';
	fd = open(dir, O_RDONLY | O_DIRECTORY | O_CLOEXEC);
	if (fd >= 0 && flock(fd, LOCK_EX) < 0) {
		close(fd);
		fd = -1;
	}
	return fd;
}

struct history *history_open(const char *path, enum history_mode mode, char *err,
                             size_t errlen)
{
	struct history *h;
	struct stat st;
	int flags = mode == HISTORY_READ ? SQLITE_OPEN_READONLY :
	            SQLITE_OPEN_READWRITE | SQLITE_OPEN_CREATE;
	int lock, rc;

	if (stat(path, &st) == 0 && !S_ISREG(st.st_mode)) {
		snprintf(err, errlen, "%s: not an rblscope history (not a regular file)", path);
		return NULL;
	}
	if (mode == HISTORY_READ && stat(path, &st) < 0) {
		if (errno == ENOENT)
			snprintf(err, errlen, "%s: no history database (scans are recorded with "
			         "--record)", path);
		else
			snprintf(err, errlen, "%s: cannot read the history: %s", path, strerror(errno));
		return NULL;
	}
	if (mode == HISTORY_WRITE && folders_make(path, err, errlen) < 0)
		return NULL;
	if (!(h = calloc(1, sizeof *h))) {
		snprintf(err, errlen, "out of memory");
		return NULL;
	}
	snprintf(h->path, sizeof h->path, "%s", path);
	h->writable = mode == HISTORY_WRITE;
	if (sqlite3_open_v2(path, &h->db, flags, NULL) != SQLITE_OK) {
		history_fail(h, "cannot open the history", err, errlen);
		history_close(h);
		return NULL;
	}
	sqlite3_busy_timeout(h->db, h->writable ? HISTORY_BUSY_WRITE_MS : HISTORY_BUSY_READ_MS);
	/* Two writers setting up a new file at once (its journal mode, then
	 * its schema) would see each other half done: one at a time, by a
	 * lock on the folder (flock: apart from SQLite's own fcntl locks on
	 * the file, which closing another descriptor of it would drop). */
	lock = h->writable ? folder_lock(path) : -1;
	rc = prepare(h, mode, err, errlen);
	if (lock >= 0)
		close(lock);
	if (rc < 0) {
		history_close(h);
		return NULL;
	}
	return h;
}

const char *history_path(const struct history *h)
{
	return h->path;
}

void history_close(struct history *h)
{
	if (!h)
		return;
	history_cache_clear(h);
	sqlite3_close(h->db);
	free(h);
}

enum lk_error history_error_of(const char *name)
{
	enum lk_error e = lk_error_by_name(name);

	return e != LKE_NONE ? e : LKE_OTHER;
}
