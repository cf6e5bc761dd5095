/* The inside of a history handle, shared by the history module's files
 * (history.c opens, record.c writes, timeline.c reads); nobody else. */
#ifndef RBLSCOPE_HISTORY_HANDLE_H
#define RBLSCOPE_HISTORY_HANDLE_H

#include <limits.h>
#include <sqlite3.h>
#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

struct history_timeline;

/* Addresses whose timelines the handle keeps for the terminal UI, and
 * how long an entry is believed (another process may record). */
#define HISTORY_CACHE 32
#define HISTORY_CACHE_SECONDS 30

struct history_cached {
	bool used;
	uint32_t ip;
	int64_t at;                     /* monotonic seconds when read */
	struct history_timeline *t;      /* allocated */
};

struct history {
	sqlite3 *db;
	bool writable;
	char path[PATH_MAX];
	struct history_cached cache[HISTORY_CACHE];
	size_t cache_next;
};

/* state.state in the file: fixed, whatever enum lk_state becomes. */
enum { HS_CLEAN = 1, HS_LISTED = 2, HS_ERROR = 3 };

/* err := "PATH: what: SQLite's message"; returns -1. */
int history_fail(const struct history *h, const char *what, char *err, size_t errlen);

/* Run sql (no rows) on h.  0, or -1 via history_fail. */
int history_exec(struct history *h, const char *sql, char *err, size_t errlen);

/* Forget the cached timelines. */
void history_cache_clear(struct history *h);

#endif
