/* Command-line options shared by the export and the terminal UI. */
#ifndef RBLSCOPE_OPTIONS_H
#define RBLSCOPE_OPTIONS_H

#include <stdbool.h>
#include <stdint.h>
#include <stdio.h>

#include "core/scan/profile.h"

/* Exit statuses, the same for every mode. */
enum {
	EXIT_NOTHING_LISTED = 0,
	EXIT_LISTED = 1,
	EXIT_USAGE = 2,       /* bad usage or input: one line on stderr */
	EXIT_INCOMPLETE = 3,  /* some lookups failed */
};

enum export_format { EXPORT_NONE = 0, EXPORT_TEXT, EXPORT_CSV, EXPORT_JSON, EXPORT_PNG };

enum target_kind { TARGET_NET, TARGET_ASN };

struct target {
	enum target_kind kind;
	uint32_t net;        /* TARGET_NET: the network scanned */
	unsigned prefix;     /* 16-32 (0-32 for --export png); an address alone
	                      * means its /24 */
	uint32_t focus;      /* the address the user named (the cursor) */
	uint32_t asn;        /* TARGET_ASN */
	char text[32];       /* as the user wrote it */
};

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

/* Parse a target: "a.b.c.d" (its /24), "a.b.c.d/n" with 16 <= n <= 32,
 * or "AS<n>".  0, or -1 with a one-line reason in err. */
int target_parse(const char *s, struct target *t, char *err, size_t errlen);

/* Parse argv.  Returns -1 to go on, or an exit status: 0 after --help or
 * --version, EXIT_USAGE after printing one line on stderr. */
int options_parse(struct options *o, int argc, char **argv);

/* Most targets in one run (positional and --targets together). */
#define OPT_MAX_TARGETS 65536

/* Print the usage text to f. */
void options_usage(FILE *f);

#endif
