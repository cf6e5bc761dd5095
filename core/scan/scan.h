/* A scan: every address of a network looked up in every zone of a
 * profile, paced, with the results kept per address. */
#ifndef RBLSCOPE_SCAN_H
#define RBLSCOPE_SCAN_H

#include <signal.h>
#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#include "core/lookup/backend.h"
#include "core/lookup/codepool.h"
#include "core/base/loop.h"
#include "core/lookup/lookup.h"
#include "core/scan/profile.h"
#include "core/base/strpool.h"
#include "geo/asn.h"

/* How one address reads at a glance, worst first in this order of
 * severity: guilty, range, asn, error, pending, clean. */
enum cell_class {
	CC_CLEAN = 0,   /* answered clean in every counted zone */
	CC_PENDING,     /* some answers missing */
	CC_ERROR,       /* some lookup failed and nothing is listed */
	CC_ASN,         /* collateral: its ASN is listed (ZR_ASN) */
	CC_RANGE,       /* collateral: its range is listed (ZR_RANGE) */
	CC_GUILTY,      /* listed itself (ZR_SINGLE) */
	CC_COUNT
};

struct scan_cell {
	uint32_t ip;
	struct asn_info asn;    /* its org is the ASN database's (geo/asn.h) */
	struct lookup *zone;    /* one answer per zone of the scan */
};

struct scan_tally {
	size_t cells;
	size_t listed[PROFILE_MAX_ZONES], clean[PROFILE_MAX_ZONES];
	size_t error[PROFILE_MAX_ZONES], pending[PROFILE_MAX_ZONES];
	size_t cls[CC_COUNT];        /* cells per class */
	size_t guilty;               /* listed on a ZR_SINGLE zone */
	size_t collateral;           /* range or ASN listed, single zone clean */
	size_t collateral_range;     /* ... of which a range listing covers */
	size_t collateral_asn;       /* ... of which only the ASN listing */
	size_t failed;               /* lookups that ended in error */
	size_t cells_failed;         /* addresses with at least one of them */
	size_t done, total;          /* lookups answered / to make */
};

struct scan_link;

struct scan {
	const struct profile *profile;
	const char *zones[PROFILE_MAX_ZONES];   /* DNS names queried */
	size_t nzones;
	uint32_t net;           /* contiguous scans: the network */
	unsigned prefix;
	bool contiguous;        /* false: cells hold a sorted list of addresses */
	size_t ncells;
	struct scan_cell *cells;
	struct lookup *answers; /* ncells x nzones, the cells' zone arrays */
	struct strpool txts;    /* the answers' TXT texts, each kept once */
	struct codepool codes;  /* the answers' A codes, each list kept once */

	struct loop *lp;
	struct backend *be;
	double rate;            /* queries per second, 0 = unlimited */
	unsigned window;        /* in flight at most (the backend may allow fewer) */
	unsigned qflags;        /* BQ_* for every query */

	size_t total, next, done, failed, inflight;
	bool distrust[PROFILE_MAX_ZONES];  /* answers of the zone become errors */
	struct scan_link *link; /* cut by scan_start/scan_free: late answers dropped */
	bool pumping;           /* inside pump(): answers do not re-enter */
	bool paused;            /* scan_pause: no new lookups until resumed */
	struct lookup *prev;    /* scan_requery: the answers before it, as
	                           answers was laid out; else NULL */
	double credit;          /* pacing: queries allowed now */
	uint64_t credit_at;
	struct loop_timer pace;
	uint64_t started_ms, finished_ms;
	size_t answered;        /* lookups that got a proper answer */
	size_t dead_streak;     /* timeouts and network errors in a row */
	enum lk_error gave_up;  /* why the rest was marked failed, or LKE_NONE */

	/* Called after each answer is stored (may be NULL). */
	void (*on_answer)(void *arg, size_t cell, size_t zone);
	void *on_answer_arg;
};

/* Prepare a scan of net/prefix over the given zone names (nzones of the
 * profile's, in its order) and fill in the ASN of each address from db
 * (may be NULL; the cells' organisation names are db's, so the scan is
 * freed before db is closed).  0, or -1 when out of memory. */
int scan_init(struct scan *sc, const struct profile *p, const char *const *zones,
              uint32_t net, unsigned prefix, struct asn_db *db);

/* Prepare a scan of n addresses in ascending order (ASN samples). */
int scan_init_list(struct scan *sc, const struct profile *p, const char *const *zones,
                   const uint32_t *ips, size_t n, struct asn_db *db);

/* Start (or restart, dropping earlier answers) the lookups; window 0 is
 * no cap but the backend's own. */
void scan_start(struct scan *sc, struct loop *lp, struct backend *be,
                double rate, unsigned window, unsigned qflags);

/* As scan_start, but the answers so far stay readable (scan_cell_shown)
 * until the new ones replace them: a re-query keeps the old picture. */
void scan_requery(struct scan *sc, struct loop *lp, struct backend *be,
                  double rate, unsigned window, unsigned qflags);

/* Send no more lookups until scan_resume (answers in flight still land):
 * a scan nobody looks at leaves the rate to the one on screen. */
void scan_pause(struct scan *sc);

/* Go on after scan_pause (nothing when not paused). */
void scan_resume(struct scan *sc);

/* Lookups in a row that may fail with a timeout or a network error,
 * while nothing has answered, before the resolver is taken for dead. */
#define SCAN_DEAD_STREAK 16

/* End the scan now: every lookup not answered yet becomes an error e,
 * answers in flight are dropped, and gave_up says why.  A resolver that
 * answered nothing in SCAN_DEAD_STREAK lookups ends a scan this way. */
void scan_fail_rest(struct scan *sc, enum lk_error e);

/* Stop trusting a zone (it lists 127.0.0.1): its answers so far and
 * from now on become LKE_UNTRUSTED errors. */
void scan_distrust(struct scan *sc, size_t zone);

/* True when every lookup has an answer. */
bool scan_finished(const struct scan *sc);

/* Run the loop until the scan finishes or *stop becomes non-zero. */
void scan_run(struct scan *sc, volatile sig_atomic_t *stop);

/* The cell of ip, or NULL when ip is outside the scan. */
struct scan_cell *scan_cell_of(struct scan *sc, uint32_t ip);

/* The class of one cell. */
enum cell_class scan_cell_class(const struct scan *sc, const struct scan_cell *c);

/* The class a cell shows: over every zone (zone < 0) or zone alone;
 * a lookup still pending after scan_requery reads as its old answer,
 * and *stale (may be NULL) says whether one did. */
enum cell_class scan_cell_shown(const struct scan *sc, const struct scan_cell *c, int zone,
                                bool *stale);

/* Count what the scan found so far. */
void scan_tally(const struct scan *sc, struct scan_tally *t);

/* The collateral ratio of t as the UI and the reports write it: "0.6"
 * (collateral per guilty address), "n/a (none guilty)", or "-" when
 * nothing is blocked. */
void scan_ratio_text(const struct scan_tally *t, char *out, size_t len);

/* Free the cells; answers still in flight are dropped when they come. */
void scan_free(struct scan *sc);

#endif
