/* Everything a run needs, built once from the options: profile, zones,
 * event loop, backend, ASN database and the health of each zone. */
#ifndef RBLSCOPE_SESSION_H
#define RBLSCOPE_SESSION_H

#include <stdbool.h>
#include <stddef.h>

#include "core/history/history.h"
#include "core/lookup/backend.h"
#include "core/base/loop.h"
#include "core/scan/options.h"
#include "core/scan/profile.h"
#include "core/scan/scan.h"
#include "geo/asn.h"

struct account;

/* RFC 5782 section 5: 127.0.0.2 must be listed, 127.0.0.1 must not. */
enum zone_health {
	ZH_UNKNOWN = 0,   /* not probed (yet) */
	ZH_OK,
	ZH_DEAD,          /* 127.0.0.2 not listed: dead list or lost data */
	ZH_LISTS_ALL,     /* 127.0.0.1 listed: a list that lists everything */
	ZH_FAILED,        /* the probe itself failed: see health_error */
};

struct session {
	const struct options *opt;     /* points at opt_store */
	struct options opt_store;      /* a copy of the options */
	const struct profile *profile;
	const char *zones[PROFILE_MAX_ZONES];
	size_t nzones;
	struct loop *lp;
	struct backend *be;
	struct asn_db *db;             /* NULL when no DB was found */
	char db_note[256];             /* why there is no DB, for the header */
	char zone_note[2048];          /* zones without files or with skipped lines,
	                                * one line each, for the header */
	enum zone_health health[PROFILE_MAX_ZONES];
	enum lk_error health_error[PROFILE_MAX_ZONES];
	unsigned probes_left;
	unsigned probes_seen[PROFILE_MAX_ZONES];  /* good probe answers */
	struct account *acct;          /* core/scan/account.h: the zones' listed
	                                * ranges, built on first use for acct_be */
	const struct backend *acct_be;
	struct history *history;       /* core/scan/record.h: to write with
	                                * --record, else to read, or NULL */
	char history_note[512];        /* why the history cannot be read */
};

/* Build the session.  0, or EXIT_USAGE with a one-line reason in err
 * (unreadable --db, --zones folder or zone file, bad resolver). */
int session_open(struct session *s, const struct options *opt, char *err, size_t errlen);

/* The query flags every scan of the session uses: BQ_TXT unless --no-txt. */
unsigned session_qflags(const struct session *s);

/* Start probing each zone's test entries; health fills in as answers come. */
void session_probe_start(struct session *s);

/* True while probes are in flight. */
bool session_probing(const struct session *s);

/* False when the zone lists its test entry 127.0.0.1, so it lists
 * everything: its answers must not be believed. */
bool session_zone_trusted(const struct session *s, size_t zone);

/* The zones of the session's profile that reach beyond one address
 * (range and ASN), as a profile of their own with their DNS names in
 * zones: what one probe per /24 can show.  0, or -1 when it has none. */
int session_reach_profile(const struct session *s, struct profile *sub,
                          const char *zones[PROFILE_MAX_ZONES]);

/* Mark in sc every zone the session does not trust (see
 * session_zone_trusted); sc's zones are named as the session names them. */
void session_distrust_scan(const struct session *s, struct scan *sc);

/* True when the probes are answered and every zone's failed with a
 * timeout or a network error: the resolver does not answer at all.  The
 * reason in *why (LKE_NONE when false). */
bool session_resolver_dead(const struct session *s, enum lk_error *why);

/* One line for people naming the resolver and the cause, then what
 * follows: "resolver 127.0.0.1:53 does not answer (connection refused)"
 * and then, say, ": every lookup is an error". */
void session_dead_text(const struct session *s, enum lk_error why, const char *then, char *out,
                       size_t len);

/* The zone files changed (--zones, or the demo rewrote them): reopen the
 * backend on them.  0, or -1 with err set; when the backend cannot be
 * reopened s->be is NULL and nothing can be looked up any more. */
int session_reload_zones(struct session *s, char *err, size_t errlen);

/* What is wrong with zone z, for people: "l2 dnsbl-2.uceprotect.net:
 * LISTS EVERYTHING: 127.0.0.1 listed"; false (out "") when its health
 * is fine or not known.  The export's warnings and the TUI's alike. */
bool session_zone_trouble(const struct session *s, size_t z, char *out, size_t len);

/* A one-line description of a zone's health ("ok", "dead: ..."). */
const char *zone_health_text(enum zone_health h);

/* The history database's path: --history-db (or the configuration's
 * history_db), else the default (history_default_path).  0, or -1 when
 * there is none. */
int session_history_path(const struct options *o, char *out, size_t len);

/* Free everything. */
void session_close(struct session *s);

struct account;

/* The session's accounting, built once per backend and kept until the
 * zones are reloaded; NULL unless every zone of the profile has a loaded
 * zone file and none lists everything (probed: 127.0.0.1 listed). */
const struct account *session_account(const struct session *s);

/* True when the session's figures can be exact: session_account. */
bool session_exact(const struct session *s);

/* Does zone z's file list with a code its profile does not document (or
 * more codes than are checked)?  Those answers are errors, not listings;
 * why says which.  False for a zone without a file. */
bool session_zone_undocumented(const struct session *s, size_t z, char *why, size_t len);

/* As session_exact, with why not in why ("l2 dnsbl-2.uceprotect.net has
 * no zone file"; "" when exact). */
bool session_exact_why(const struct session *s, char *why, size_t len);

#endif
