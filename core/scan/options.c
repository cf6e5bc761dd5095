/* Command-line options shared by the export and the terminal UI. */
#include "core/scan/options.h"

#include <errno.h>
#include <getopt.h>
#include <math.h>
#include <stdarg.h>
#include <stdlib.h>
#include <string.h>

#include "core/lookup/flow.h"
#include "core/base/ip.h"
#include "core/base/msg.h"
#include "core/base/version.h"
#include "core/lookup/zonefile.h"
#include "core/base/parse.h"
#include "core/scan/config.h"
#include "core/scan/targets.h"

enum {
	OPT_EXPORT = 256, OPT_ZONES, OPT_RESOLVER, OPT_RATE, OPT_TIMEOUT, OPT_RETRIES,
	OPT_DB, OPT_ZONE, OPT_NO_PROBE, OPT_ASCII, OPT_DEMO, OPT_WINDOW, OPT_ZONE_MAX,
	OPT_NO_TXT, OPT_DEADLINE,
	OPT_CENSUS, OPT_PROFILE_FILE,
	OPT_CONFIG, OPT_NO_CONFIG, OPT_TARGETS, OPT_SUMMARY, OPT_QUIET,
	OPT_OPEN, OPT_DIFF, OPT_SINCE,
	OPT_RECORD, OPT_HISTORY_DB, OPT_HISTORY,
};

static const struct option longopts[] = {
	{ "export", required_argument, NULL, OPT_EXPORT },
	{ "output", required_argument, NULL, 'o' },
	{ "profile", required_argument, NULL, 'p' },
	{ "profile-file", required_argument, NULL, OPT_PROFILE_FILE },
	{ "zones", required_argument, NULL, OPT_ZONES },
	{ "zone-max-entries", required_argument, NULL, OPT_ZONE_MAX },
	{ "resolver", required_argument, NULL, OPT_RESOLVER },
	{ "rate", required_argument, NULL, OPT_RATE },
	{ "timeout", required_argument, NULL, OPT_TIMEOUT },
	{ "retries", required_argument, NULL, OPT_RETRIES },
	{ "window", required_argument, NULL, OPT_WINDOW },
	{ "db", required_argument, NULL, OPT_DB },
	{ "zone", required_argument, NULL, OPT_ZONE },
	{ "no-probe", no_argument, NULL, OPT_NO_PROBE },
	{ "no-txt", no_argument, NULL, OPT_NO_TXT },
	{ "deadline", required_argument, NULL, OPT_DEADLINE },
	{ "ascii", no_argument, NULL, OPT_ASCII },
	{ "demo", no_argument, NULL, OPT_DEMO },
	{ "census", no_argument, NULL, OPT_CENSUS },
	{ "config", required_argument, NULL, OPT_CONFIG },
	{ "no-config", no_argument, NULL, OPT_NO_CONFIG },
	{ "targets", required_argument, NULL, OPT_TARGETS },
	{ "summary", no_argument, NULL, OPT_SUMMARY },
	{ "quiet", no_argument, NULL, OPT_QUIET },
	{ "open", required_argument, NULL, OPT_OPEN },
	{ "diff", no_argument, NULL, OPT_DIFF },
	{ "since", required_argument, NULL, OPT_SINCE },
	{ "record", no_argument, NULL, OPT_RECORD },
	{ "history-db", required_argument, NULL, OPT_HISTORY_DB },
	{ "history", required_argument, NULL, OPT_HISTORY },
	{ "help", no_argument, NULL, 'h' },
	{ "version", no_argument, NULL, 'V' },
	{ NULL, 0, NULL, 0 },
};

void options_usage(FILE *f)
{
	size_t n;
	const struct profile *p = profile_list(&n);

	fprintf(f,
	        "Usage: rblscope [OPTION]... TARGET\n"
	        "       rblscope --export text|csv|json [OPTION]... TARGET...\n"
	        "       rblscope --export text|csv|json --targets FILE [OPTION]...\n"
	        "       rblscope --export text|csv|json --zones DIR --census [OPTION]...\n"
	        "       rblscope --export png --zones DIR|--demo [OPTION]... [SCOPE]\n"
	        "       rblscope --demo\n"
	        "Show how far DNSBL listings spread over an address's neighbours.\n\n"
	        "TARGET is an IPv4 address (its /24 is shown), a CIDR from /16 to /32,\n"
	        "or AS<n> (the networks of an ASN).\n\n"
	        "  --export FORMAT     write a snapshot (text, csv or json) instead of the UI,\n"
	        "                      or png: a map of SCOPE (a CIDR, AS<n>, or else the\n"
	        "                      whole IPv4 space) drawn from zone files\n"
	        "  -o, --output FILE   write the export to FILE instead of standard output\n"
	        "  -p, --profile NAME  the zones to query (default: %s)\n"
	        "      --profile-file FILE read a profile from FILE (rblscope-profile(5)), as\n"
	        "                      those of $XDG_CONFIG_HOME/rblscope/profiles/\n"
	        "      --zone KEY=NAME query zone KEY of the profile under another name\n"
	        "      --zones DIR     answer from rbldnsd zone files in DIR (offline)\n"
	        "      --zone-max-entries N  refuse a zone file with more entries (default:\n"
	        "                      %u)\n"
	        "      --resolver LIST HOST[:PORT][,HOST[:PORT]...] (default: the system's)\n"
	        "      --rate QPS      queries per second, 0 for no limit (default: %g)\n"
	        "      --timeout MS    one try waits this long at most (default: %d)\n"
	        "      --retries N     a lookup may take (N+1) x MS in all, in as many tries\n"
	        "                      as the measured round trip allows (default: %d)\n"
	        "      --window N      queries in flight at most (default: as many as the\n"
	        "                      resolver answers without loss, up to %u)\n"
	        "      --no-txt        do not ask for the TXT reason of listings\n"
	        "      --deadline S    end after S seconds: what is unanswered is an error\n"
	        "      --db FILE       MaxMind ASN database (default: $RBLSCOPE_DB, then\n"
	        "                      /usr/share/GeoIP, /var/lib/GeoIP)\n"
	        "      --no-probe      do not check the zones' RFC 5782 test entries\n"
	        "      --ascii         draw with ASCII only\n"
	        "      --demo          open the bundled offline demonstration\n"
	        "      --census        with zone files, no TARGET: every ASN of the ASN\n"
	        "                      database counted exactly (a screen, or --export)\n"
	        "      --targets FILE  export the targets of FILE, one a line ('-': standard\n"
	        "                      input), into one stream with a target column\n"
	        "      --summary       text export: the verdict and counts, no grids\n"
	        "      --quiet         no progress line on standard error\n"
	        "      --record        record each finished scan in the history database\n"
	        "      --history TARGET  the timeline of TARGET's recorded scans (no scan)\n"
	        "      --history-db FILE the history database (default:\n"
	        "                      $XDG_STATE_HOME/rblscope/history.sqlite)\n"
	        "      --config FILE   read defaults from FILE (default:\n"
	        "                      $XDG_CONFIG_HOME/rblscope/config, if it exists)\n"
	        "      --no-config     read no configuration file\n"
	        "      --open FILE     show the JSON snapshot FILE as it was, offline\n"
	        "      --diff OLD NEW  what changed between two JSON snapshots (exit 1: changes)\n"
	        "      --since FILE    scan FILE's targets (or TARGETs) again, write what changed\n"
	        "  -h, --help          show this help;  -V, --version  show the version\n\n"
	        "Exit status: 0 nothing listed, 1 something listed, 2 bad usage or input,\n"
	        "3 some lookups failed (the result is incomplete).\n\nProfiles:",
	        PROFILE_DEFAULT, ZONE_MAX_ENTRIES_DEFAULT, OPT_DEFAULT_RATE, OPT_DEFAULT_TIMEOUT_MS, OPT_DEFAULT_RETRIES,
	        FLOW_WINDOW_DEFAULT_MAX);
	for (size_t i = 0; i < n; i++) {
		size_t col = 4;

		fprintf(f, "\n  %-16s %s (%s)\n   ", p[i].name, p[i].title, p[i].source);
		for (size_t z = 0; z < p[i].nzones; z++) {
			size_t w = strlen(p[i].zones[z].key) + strlen(p[i].zones[z].zone) + 2;

			if (col > 4 && col + w > 79) {
				fputs("\n   ", f);
				col = 4;
			}
			fprintf(f, " %s=%s", p[i].zones[z].key, p[i].zones[z].zone);
			col += w;
		}
	}
	fputc('\n', f);
}

/* The user's profiles: those of the profile directory (read once),
 * then file (--profile-file) if not NULL.  -1 to go on, or EXIT_USAGE
 * after one "path:LINE: reason" line. */
static int user_profiles(const char *file)
{
	static bool dir_read;
	char dir[4096], err[512];

	if (!dir_read && profile_user_dir(dir, sizeof dir) == 0 &&
	    profile_add_dir(dir, err, sizeof err) < 0) {
		msg_line("%s", err);
		return EXIT_USAGE;
	}
	dir_read = true;
	if (file && profile_add_file(file, err, sizeof err) < 0) {
		msg_line("%s", err);
		return EXIT_USAGE;
	}
	return -1;
}

/* Print one line on stderr and return EXIT_USAGE. */
__attribute__((format(printf, 1, 2)))
static int usage_error(const char *fmt, ...)
{
	char text[512];
	va_list ap;

	va_start(ap, fmt);
	vsnprintf(text, sizeof text, fmt, ap);
	va_end(ap);
	msg_line("%s (see rblscope --help)", text);
	return EXIT_USAGE;
}

/* A whole number in [lo, hi] written alone in s. */
static int uint_arg(const char *s, unsigned long lo, unsigned long hi, unsigned *out)
{
	char *end;
	unsigned long v;

	if (*s < '0' || *s > '9')
		return -1;
	errno = 0;
	v = strtoul(s, &end, 10);
	if (errno || *end || v < lo || v > hi)
		return -1;
	*out = (unsigned)v;
	return 0;
}

static int map_scope_parse(struct options *o, const char *arg)
{
	char err[160];

	if (!o->zones_dir && !o->demo)
		return usage_error("--export png draws from zone files (exact data): "
		                   "give --zones DIR or --demo");
	if (!arg) {
		o->target = (struct target){ .kind = TARGET_NET, .text = "0.0.0.0/0" };
	} else if (target_read(arg, &o->target, 0, err, sizeof err) < 0) {
		return usage_error("%s", err);
	}
	o->has_target = true;
	return -1;
}

/* --zone KEY=NAME */
static int zone_override(struct options *o, const struct profile *p, const char *arg)
{
	const char *eq = strchr(arg, '=');

	if (!eq || eq == arg || !eq[1])
		return usage_error("bad --zone '%.60s': want KEY=ZONE", arg);
	for (size_t z = 0; z < p->nzones; z++) {
		if (strlen(p->zones[z].key) == (size_t)(eq - arg) &&
		    strncmp(p->zones[z].key, arg, (size_t)(eq - arg)) == 0) {
			o->zone_override[z] = eq + 1;
			return -1;
		}
	}
	return usage_error("--zone: profile %s has no zone '%.*s'", p->name, (int)(eq - arg), arg);
}

/* One option with its argument; -1 to go on, or an exit status. */
static int option_set(struct options *o, int c, const char *arg)
{
	static const char *const formats[] = {
		[EXPORT_TEXT] = "text", [EXPORT_CSV] = "csv", [EXPORT_JSON] = "json",
		[EXPORT_PNG] = "png",
	};
	char *end;

	switch (c) {
	case OPT_EXPORT:
		for (int f = EXPORT_TEXT; f <= EXPORT_PNG; f++) {
			if (strcmp(arg, formats[f]) == 0) {
				o->export = (enum export_format)f;
				return -1;
			}
		}
		return usage_error("bad --export format '%.40s': want text, csv, json or png", arg);
	case 'o': o->output = arg; return -1;
	case 'p': o->profile_name = arg; return -1;
	case OPT_PROFILE_FILE: o->profile_file = arg; return -1;
	case OPT_ZONES: o->zones_dir = arg; return -1;
	case OPT_RESOLVER: o->resolver = arg; return -1;
	case OPT_DB: o->db_path = arg; return -1;
	case OPT_NO_PROBE: o->probe = false; return -1;
	case OPT_NO_TXT: o->no_txt = true; return -1;
	case OPT_DEADLINE:
		return uint_arg(arg, 1, 86400, &o->deadline_s) < 0 ?
		       usage_error("bad --deadline '%.40s': want seconds, 1 to 86400", arg) : -1;
	case OPT_ASCII: o->ascii = true; return -1;
	case OPT_DEMO: o->demo = true; return -1;
	case OPT_CENSUS: o->census = true; return -1;
	case OPT_CONFIG: case OPT_NO_CONFIG: return -1;   /* config_read */
	case OPT_TARGETS: o->targets_file = arg; return -1;
	case OPT_SUMMARY: o->summary = true; return -1;
	case OPT_QUIET: o->quiet = true; return -1;
	case OPT_OPEN: o->open_path = arg; return -1;
	case OPT_DIFF: o->diff_old = ""; return -1;   /* the files are the arguments */
	case OPT_SINCE: o->since_path = arg; return -1;
	case OPT_RECORD: o->record = true; return -1;
	case OPT_HISTORY_DB: o->history_db = arg; return -1;
	case OPT_HISTORY: o->history = arg; return -1;
	case OPT_RATE:
		errno = 0;
		o->rate = strtod(arg, &end);
		o->rate_set = true;
		if (errno || end == arg || strspn(arg, "0123456789.") != strlen(arg) || *end ||
		    !isfinite(o->rate) || (o->rate != 0 && o->rate < OPT_MIN_RATE) || o->rate > OPT_MAX_RATE)
			return usage_error("bad --rate '%.40s': want queries per second from %g to %g, "
			                   "0 for no limit", arg, OPT_MIN_RATE, OPT_MAX_RATE);
		return -1;
	case OPT_TIMEOUT:
		return uint_arg(arg, 1, 600000, &o->timeout_ms) < 0 ?
		       usage_error("bad --timeout '%.40s': want milliseconds, 1 to 600000", arg) : -1;
	case OPT_RETRIES:
		return uint_arg(arg, 0, 20, &o->retries) < 0 ?
		       usage_error("bad --retries '%.40s': want 0 to 20", arg) : -1;
	case OPT_ZONE_MAX: {
		unsigned v;

		if (uint_arg(arg, 1, 4000000000UL, &v) < 0)
			return usage_error("bad --zone-max-entries '%.40s': want 1 to 4000000000", arg);
		o->zone_max_entries = v;
		return -1;
	}
	case OPT_WINDOW:
		return uint_arg(arg, 1, 65536, &o->window) < 0 ?
		       usage_error("bad --window '%.40s': want 1 to 65536", arg) : -1;
	case 'h':
		if (user_profiles(o->profile_file) >= 0)
			return EXIT_USAGE;
		options_usage(stdout);
		return 0;
	case 'V':
		printf("rblscope %s\n", RBLSCOPE_VERSION);
		return 0;
	default:
		return usage_error("unknown option");
	}
}

/* --census: zone files, no target.  -1 to go on, or EXIT_USAGE after
 * one line. */
static int census_check(const struct options *o, int targets)
{
	if (!o->zones_dir && !o->demo)
		return usage_error("--census needs zone files (--zones DIR): live DNS cannot be "
		                   "counted exactly");
	if (targets > 0)
		return usage_error("--census counts every network of the ASN database: it takes "
		                   "no target");
	if (o->export == EXPORT_PNG)
		return usage_error("--census is a table: --export text, csv or json (a picture: "
		                   "--export png without --census)");
	return -1;
}

/* --diff OLD NEW, --open FILE, --since FILE: what they exclude.  -1 to
 * go on, or EXIT_USAGE after one line. */
static int snapshot_check(struct options *o, char **args, int n)
{
	if (o->diff_old) {
		if (n != 2)
			return usage_error("--diff takes two snapshots: OLD.json NEW.json");
		if (o->open_path || o->since_path || o->demo || o->census || o->targets_file)
			return usage_error("--diff compares two files: no --open, --since, --demo, "
			                   "--census or --targets");
		if (o->export == EXPORT_PNG)
			return usage_error("--diff writes text, csv or json");
		o->diff_old = args[0];
		o->diff_new = args[1];
		return -2;
	}
	if (o->open_path && (o->since_path || o->demo || o->census || o->zones_dir ||
	                     o->resolver))
		return usage_error("--open shows a snapshot as it was: no --since, --demo, --census, "
		                   "--zones or --resolver");
	if (o->open_path && o->record)
		return usage_error("--open shows a snapshot again: it is no scan to --record");
	if (o->since_path && (o->demo || o->census))
		return usage_error("--since scans again: no --demo or --census");
	if ((o->open_path || o->since_path) && o->export == EXPORT_PNG)
		return usage_error("a snapshot is a table: --export text, csv or json");
	/* no target: the snapshot's own, once it is read */
	return (o->open_path || o->since_path) && n == 0 && !o->targets_file ? -2 : -1;
}

/* The configuration, before the command line: --config FILE, none with
 * --no-config, else the default file if there is one.  -1 to go on, or
 * EXIT_USAGE after one line. */
static int config_read(struct options *o, int argc, char **argv)
{
	const char *path = NULL;
	bool none = false;
	char def[4096], err[4400];
	int c, rc;

	optind = 0;
	while ((c = getopt_long(argc, argv, ":o:p:hV", longopts, NULL)) != -1) {
		if (c == OPT_CONFIG)
			path = optarg;
		else if (c == OPT_NO_CONFIG)
			none = true;
	}
	optind = 0;
	if (none)
		return -1;
	if (!path && config_default_path(def, sizeof def) < 0)
		return -1;
	rc = config_load(o, path ? path : def, !path, err, sizeof err);
	if (rc < 0) {
		msg_line("%s", err);
		return EXIT_USAGE;
	}
	if (rc == 0)
		o->config_path = path ? path : "the default configuration";
	return -1;
}

/* Several targets (positional, --targets FILE): an export's only.  -1 to
 * go on, or EXIT_USAGE after one line. */
static int targets_set(struct options *o, char **args, int n)
{
	char err[512];

	if (o->export != EXPORT_TEXT && o->export != EXPORT_CSV && o->export != EXPORT_JSON)
		return usage_error("several targets (or --targets) need --export text, csv or json");
	if (targets_collect(args, (size_t)n, o->targets_file, &o->targets, &o->ntargets, err,
	                    sizeof err) < 0) {
		msg_line("%s", err);
		return EXIT_USAGE;
	}
	o->target = o->targets[0];
	o->has_target = true;
	return -1;
}

int options_parse(struct options *o, int argc, char **argv)
{
	const char *zone_args[16], *cfg_zones, *cfg_resolver;
	size_t nzone_args = 0;
	char err[160];
	int c, rc;

	memset(o, 0, sizeof *o);
	o->profile_name = PROFILE_DEFAULT;
	o->rate = OPT_DEFAULT_RATE;
	o->timeout_ms = OPT_DEFAULT_TIMEOUT_MS;
	o->retries = OPT_DEFAULT_RETRIES;
	o->window = 0;   /* adaptive, up to FLOW_WINDOW_DEFAULT_MAX */
	o->probe = true;
	opterr = 0;
	if ((rc = config_read(o, argc, argv)) >= 0)
		return rc;
	cfg_zones = o->zones_dir;
	cfg_resolver = o->resolver;
	optind = 0;   /* glibc: 0 also resets getopt's state between calls */
	while ((c = getopt_long(argc, argv, ":o:p:hV", longopts, NULL)) != -1) {
		if (c == '?')
			return usage_error("unknown option '%.40s'", argv[optind - 1]);
		if (c == ':')
			return usage_error("option '%.40s' needs a value", argv[optind - 1]);
		if (c == OPT_ZONE) {
			if (nzone_args == sizeof zone_args / sizeof zone_args[0])
				return usage_error("too many --zone options");
			zone_args[nzone_args++] = optarg;
			continue;
		}
		if ((rc = option_set(o, c, optarg)) >= 0)
			return rc;
	}
	/* The command line's backend replaces the configuration's. */
	if (o->resolver != cfg_resolver && o->zones_dir == cfg_zones)
		o->zones_dir = NULL;
	else if (o->zones_dir != cfg_zones && o->resolver == cfg_resolver)
		o->resolver = NULL;
	if (o->no_color)
		setenv("NO_COLOR", "1", 0);   /* what the terminal UI obeys */
	if ((rc = user_profiles(o->profile_file)) >= 0)
		return rc;
	o->profile = profile_find(o->profile_name);
	if (!o->profile)
		return usage_error("unknown profile '%.40s'", o->profile_name);
	for (size_t i = 0; i < nzone_args; i++)
		if ((rc = zone_override(o, o->profile, zone_args[i])) >= 0)
			return rc;
	if (o->zones_dir && o->resolver)
		return usage_error("--zones and --resolver exclude each other");
	if (o->zones_dir && !o->rate_set)
		o->rate = 0;   /* zone files need no politeness */
	if (o->history)   /* read by core/export/historyreport.c */
		return optind < argc || o->record || o->census ?
		       usage_error("--history TARGET reads the history: no other target, "
		                   "--record or --census") : -1;
	if (o->census)
		return census_check(o, argc - optind);
	/* a snapshot is its own source: the configuration's is not asked */
	if (o->open_path && o->zones_dir == cfg_zones && o->resolver == cfg_resolver)
		o->zones_dir = o->resolver = NULL;
	if ((rc = snapshot_check(o, argv + optind, argc - optind)) != -1)
		return rc == -2 ? -1 : rc;
	if (o->targets_file || optind < argc - 1)
		return targets_set(o, argv + optind, argc - optind);
	if (o->export == EXPORT_PNG)
		return map_scope_parse(o, optind < argc ? argv[optind] : NULL);
	if (optind == argc) {
		if (o->demo)
			return -1;
		return usage_error("no target: give an IPv4 address or a CIDR");
	}
	if (target_parse(argv[optind], &o->target, err, sizeof err) < 0)
		return usage_error("%s", err);
	o->has_target = true;
	return -1;
}
