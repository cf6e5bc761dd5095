/* What a run is set to: the command line and the configuration file
 * fill it in (core/scan/options.c, core/scan/config.c); everything else
 * reads it. */
#ifndef RBLSCOPE_SETTINGS_H
#define RBLSCOPE_SETTINGS_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#include "core/scan/profile.h"
#include "core/scan/target.h"

/* Exit statuses, the same for every mode. */
enum {
	EXIT_NOTHING_LISTED = 0,
	EXIT_LISTED = 1,
	EXIT_USAGE = 2,       /* bad usage or input: one line on stderr */
	EXIT_INCOMPLETE = 3,  /* some lookups failed */
};

struct asn_db;
struct backend;

enum export_format { EXPORT_NONE = 0, EXPORT_TEXT, EXPORT_CSV, EXPORT_JSON, EXPORT_PNG };

struct options {
	enum export_format export;
	const char *output;          /* --output, NULL for stdout */
	const char *profile_name;
	const char *profile_file;     /* --profile-file FILE, or NULL */
	const char *zones_dir;       /* --zones: offline backend */
	const char *resolver;        /* --resolver list, NULL for the system's */
	const char *db_path;         /* --db */
	const char *db_note;         /* no database is looked for, and this says
	                              * why (the demo without its own) */
	const char *zone_override[PROFILE_MAX_ZONES]; /* --zone KEY=NAME */
	double rate;                 /* queries per second, 0 = unlimited */
	bool rate_set;
	unsigned timeout_ms;
	unsigned retries;
	unsigned window;             /* --window: queries in flight at most; 0: as
	                              * many as the congestion window allows */
	size_t zone_max_entries;     /* --zone-max-entries, 0: the default */
	bool probe;                  /* probe 127.0.0.2 / 127.0.0.1 first */
	bool no_txt;                 /* --no-txt: no TXT queries */
	unsigned deadline_s;         /* --deadline: 0 for none */
	bool demo;
	bool census;                 /* --census: every ASN of the database, exactly */
	bool ascii;                  /* --ascii: no UTF-8 glyphs */
	bool has_target;
	struct target target;        /* the first of targets */
	const struct target *targets; /* every target of an export, in order */
	size_t ntargets;             /* several: --export text|csv|json only */
	const char *targets_file;    /* --targets FILE ("-": standard input) */
	bool summary;                /* --summary: text without the grids */
	bool quiet;                  /* --quiet: no progress on stderr */
	bool no_color;               /* theme no-color in the configuration */
	const char *config_path;     /* the configuration read, NULL for none */
	const char *open_path;       /* --open FILE: a snapshot, shown offline */
	const char *since_path;      /* --since FILE: diff a new scan against it */
	const char *diff_old, *diff_new;   /* --diff OLD NEW */
	struct backend *backend;     /* a backend made by the caller (a
	                              * snapshot's), taken by the session */
	struct asn_db *db;           /* an ASN database made by the caller (a
	                              * snapshot's networks), taken likewise */
	bool record;                 /* --record: finished scans into the history */
	const char *history_db;      /* --history-db FILE, NULL: the default */
	const char *history;         /* --history TARGET: its timeline, no scan */
	const struct profile *profile;
};

/* Defaults for live DNS: polite to public lists. */
#define OPT_DEFAULT_RATE 50.0
#define OPT_DEFAULT_TIMEOUT_MS 2000
#define OPT_DEFAULT_RETRIES 1

/* --rate bounds: one query in 100 s at the slowest, so that a pacing
 * delay always fits a timer; ten million a second is no limit at all. */
#define OPT_MIN_RATE 0.01
#define OPT_MAX_RATE 1e7

#endif
