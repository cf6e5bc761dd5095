/* The history database: every recorded scan, and for each address and
 * zone the intervals in which the scans that covered it saw the same
 * answer.  SQLite, one transaction per scan.
 *
 * The model (documented for users in rblscope(1), FILES):
 *   scan(id, time, target, profile, source, net, prefix)  one row a scan
 *   zone(id, name, key)                                   DNS name, its key
 *   txt(id, text)                                         each TXT once
 *   state(ip, zone, first_scan, last_scan, scans, state, error, codes, txt)
 * A state row is an interval: the scans first_scan to last_scan that
 * covered ip and asked zone all saw this answer (scans of them).  A scan
 * that sees the same answer again extends the address's latest interval
 * (an UPDATE of last_scan); another answer starts a new one.  Clean
 * answers have rows too: an address no scan covered has none, so it is
 * never reported clean; between the last scan of one interval and the
 * first of the next nothing was observed.  Pending lookups are not
 * recorded. */
#ifndef RBLSCOPE_HISTORY_H
#define RBLSCOPE_HISTORY_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#include "core/lookup/lookup.h"

/* The schema this build writes (PRAGMA user_version). */
#define HISTORY_SCHEMA 1

/* PRAGMA application_id of an rblscope history: "RBLH". */
#define HISTORY_APP_ID 0x52424c48

/* How long a writer waits for another one to commit, in milliseconds. */
#define HISTORY_BUSY_WRITE_MS 60000
/* ... and a reader (the terminal UI: it must not stall). */
#define HISTORY_BUSY_READ_MS 100

struct history;

enum history_mode {
	HISTORY_READ,    /* an existing database, read only */
	HISTORY_WRITE,   /* created (with its folder, mode 0700) if missing,
	                  * migrated to HISTORY_SCHEMA */
};

/* The default path into out: $XDG_STATE_HOME/rblscope/history.sqlite,
 * else $HOME/.local/state/rblscope/history.sqlite.  0, or -1 when
 * neither is set or the path does not fit. */
int history_default_path(char *out, size_t len);

/* Open the database at path.  NULL with one line in err: missing (read
 * mode), not an rblscope history, of a newer schema, unreadable. */
struct history *history_open(const char *path, enum history_mode mode, char *err,
                             size_t errlen);

/* The path it was opened with. */
const char *history_path(const struct history *h);

/* Close it (NULL is fine). */
void history_close(struct history *h);

/* What a finished scan of a network saw. */
struct history_scan {
	int64_t time;                   /* seconds since the epoch */
	const char *target, *profile, *source;
	uint32_t net;
	unsigned prefix;
	size_t nzones;
	const char *const *zone_names;  /* the DNS names asked */
	const char *const *zone_keys;   /* the profile's keys (l1, ...) */
	const struct lookup *answers;   /* address by address from net, each
	                                 * with nzones answers in that order */
};

/* Record a scan in one transaction: all of it or, after an error or a
 * crash, nothing.  0, or -1 with one line in err. */
int history_record(struct history *h, const struct history_scan *hs, char *err,
                   size_t errlen);

/* One interval of one address in one zone. */
struct history_interval {
	uint32_t ip;
	const char *zone_key, *zone_name;
	enum lk_state state;            /* LK_CLEAN, LK_LISTED or LK_ERROR */
	const char *error;              /* the reason's name ("timeout"), or "" */
	const char *codes;              /* "127.0.0.2 127.0.0.4", or "" */
	const char *txt;                /* "" when none */
	int64_t first_scan, last_scan;
	int64_t first_time, last_time;
	unsigned scans;                 /* scans that saw it */
};

struct history_timeline {
	struct history_interval *iv;    /* by address, zone key, time */
	size_t n;
	size_t scans;                   /* recorded scans that covered any of it */
	int64_t first_time, last_time;  /* of those scans */
	void *strings;                  /* the intervals' texts */
};

/* Every interval of the addresses lo to hi.  0, or -1 with one line in
 * err. */
int history_timeline(struct history *h, uint32_t lo, uint32_t hi, struct history_timeline *t,
                     char *err, size_t errlen);

/* Free what history_timeline filled in. */
void history_timeline_free(struct history_timeline *t);

/* The timeline of one address, from a small cache the handle keeps (a
 * record through it, or its age, renews an entry): NULL with one line in
 * err when it cannot be read. */
const struct history_timeline *history_address(struct history *h, uint32_t ip, char *err,
                                               size_t errlen);

/* The error reason named name, LKE_OTHER when unknown. */
enum lk_error history_error_of(const char *name);

#endif
