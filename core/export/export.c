/* Snapshots of a scan: CSV and JSON Lines for scripts, text for tickets
 * (core/export/report.c). */
#include "core/export/export.h"

#include <errno.h>
#include <signal.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "core/export/asnreport.h"
#include "core/export/censusreport.h"
#include "core/export/fields.h"
#include "core/export/mappng.h"
#include "core/scan/asnscan.h"
#include "core/base/ip.h"
#include "core/lookup/dnsmsg.h"
#include "core/base/msg.h"
#include "core/export/outfile.h"
#include "core/export/progress.h"
#include "core/export/report.h"
#include "core/export/snapfile.h"
#include "core/snapshot/snapshot.h"
#include "core/scan/legend.h"
#include "core/scan/record.h"

/* The per-address fields, in column order, as strings. */
struct row {
	char ip[IP4_STRLEN], asn[12], net[CIDR_STRLEN];
	const char *org;
	struct {
		const char *state, *reason, *txt;
		char code[IP4_STRLEN];
	} z[PROFILE_MAX_ZONES];
};

static void row_fill(struct row *r, const struct scan *sc, const struct scan_cell *c)
{
	ip4_format(c->ip, r->ip);
	r->asn[0] = r->net[0] = '\0';
	r->org = "";
	if (c->asn.found) {
		if (c->asn.asn)
			snprintf(r->asn, sizeof r->asn, "%u", (unsigned)c->asn.asn);
		cidr_format(c->asn.net, c->asn.prefix, r->net);
		r->org = c->asn.org;
	}
	for (size_t z = 0; z < sc->nzones; z++) {
		const struct lookup *l = &c->zone[z];

		r->z[z].state = lk_state_name(l->state);
		r->z[z].reason = l->state == LK_ERROR ? lk_error_name(l->error) : "";
		r->z[z].txt = l->txt;
		r->z[z].code[0] = '\0';
		if (l->code)
			ip4_format(l->code, r->z[z].code);
	}
}

/* What a documented code means, "" for a code its zone does not document. */
static const char *meaning_of(const struct zone_def *d, uint32_t code)
{
	const struct zone_code *k = profile_code_find(d, code);

	return k ? k->meaning : "";
}

/* Every A code of an answer and their meanings: two CSV fields, each a
 * list joined by ';' in the order of the answer. */
static void codes_csv(FILE *f, const struct zone_def *d, const struct lookup *l)
{
	char meanings[DNSMSG_MAX_A * (PROFILE_TEXT_MAX + 1)];
	char ip[IP4_STRLEN];
	size_t used = 0;
	uint32_t n;
	const uint32_t *codes = lk_codes(l, &n);

	meanings[0] = '\0';
	for (uint32_t i = 0; i < n; i++) {
		ip4_format(codes[i], ip);
		fprintf(f, "%s%s", i ? ";" : "", ip);
		if (used < sizeof meanings) {
			int w = snprintf(meanings + used, sizeof meanings - used, "%s%s",
			                 i ? ";" : "", meaning_of(d, codes[i]));

			used = w < 0 ? sizeof meanings : used + (size_t)w;
		}
	}
	fputc(',', f);
	csv_field(f, meanings);
}

/* The same as two JSON arrays: <key>_codes and <key>_meanings. */
static void codes_json(FILE *f, const struct zone_def *d, const struct lookup *l)
{
	char ip[IP4_STRLEN];
	uint32_t n;
	const uint32_t *codes = lk_codes(l, &n);

	fprintf(f, ",\"%s_codes\":[", d->key);
	for (uint32_t i = 0; i < n; i++) {
		ip4_format(codes[i], ip);
		fprintf(f, "%s\"%s\"", i ? "," : "", ip);
	}
	fprintf(f, "],\"%s_meanings\":[", d->key);
	for (uint32_t i = 0; i < n; i++) {
		if (i)
			fputc(',', f);
		json_string(f, meaning_of(d, codes[i]));
	}
	fputc(']', f);
}

/* The target as the user named it: a plain address or CIDR, checked by
 * target_parse, so no quoting is needed. */
static const char *target_text(const struct session *s)
{
	return s->opt && s->opt->has_target ? s->opt->target.text : "";
}

static void csv_write(FILE *f, const struct session *s, const struct scan *sc, bool header)
{
	const struct profile *p = sc->profile;
	struct row r;

	if (header) {
		fputs("ip,asn,as_org,as_network", f);
		for (size_t z = 0; z < sc->nzones; z++)
			fprintf(f, ",%s", p->zones[z].key);
		for (size_t z = 0; z < sc->nzones; z++) {
			const char *k = p->zones[z].key;

			fprintf(f, ",%s_code,%s_codes,%s_meanings,%s_reason,%s_txt", k, k, k, k, k);
		}
		fputs(",class,target\n", f);
	}
	for (size_t i = 0; i < sc->ncells; i++) {
		row_fill(&r, sc, &sc->cells[i]);
		fprintf(f, "%s,%s,", r.ip, r.asn);
		csv_field(f, r.org);
		fprintf(f, ",%s", r.net);
		for (size_t z = 0; z < sc->nzones; z++)
			fprintf(f, ",%s", r.z[z].state);
		for (size_t z = 0; z < sc->nzones; z++) {
			fprintf(f, ",%s,", r.z[z].code);
			codes_csv(f, &p->zones[z], &sc->cells[i].zone[z]);
			fprintf(f, ",%s,", r.z[z].reason);
			csv_field(f, r.z[z].txt);
		}
		fprintf(f, ",%s,%s\n", legend_of(scan_cell_class(sc, &sc->cells[i]))->name,
		        target_text(s));
	}
}

static void json_write(FILE *f, const struct session *s, const struct scan *sc)
{
	const struct profile *p = sc->profile;
	struct row r;

	for (size_t i = 0; i < sc->ncells; i++) {
		row_fill(&r, sc, &sc->cells[i]);
		fprintf(f, "{\"ip\":\"%s\",\"asn\":%s,\"as_org\":", r.ip, r.asn[0] ? r.asn : "null");
		json_string(f, r.org);
		fprintf(f, ",\"as_network\":");
		json_string(f, r.net);
		for (size_t z = 0; z < sc->nzones; z++)
			fprintf(f, ",\"%s\":\"%s\"", p->zones[z].key, r.z[z].state);
		for (size_t z = 0; z < sc->nzones; z++) {
			const char *k = p->zones[z].key;

			fprintf(f, ",\"%s_code\":\"%s\"", k, r.z[z].code);
			codes_json(f, &p->zones[z], &sc->cells[i].zone[z]);
			fprintf(f, ",\"%s_reason\":\"%s\",\"%s_txt\":", k, r.z[z].reason, k);
			json_string(f, r.z[z].txt);
		}
		fprintf(f, ",\"class\":\"%s\",\"target\":\"%s\"}\n",
		        legend_of(scan_cell_class(sc, &sc->cells[i]))->name, target_text(s));
	}
}

/* export_write, the CSV header only when first: one stream of several
 * targets has one header. */
static int rows_write(FILE *f, enum export_format fmt, const struct session *s,
                      const struct scan *sc, const char *policy, time_t when, bool first)
{
	switch (fmt) {
	case EXPORT_CSV: csv_write(f, s, sc, first); break;
	case EXPORT_JSON:
		/* A stream of several targets is one snapshot: one header. */
		if (first)
			snapshot_header_write(f, s, s->opt && s->opt->ntargets ? s->opt->targets :
			                      s->opt && s->opt->has_target ? &s->opt->target : NULL,
			                      s->opt && s->opt->ntargets ? s->opt->ntargets :
			                      s->opt && s->opt->has_target ? 1 : 0, policy, when);
		json_write(f, s, sc);
		break;
	default:
		if (s->opt && s->opt->summary) {
			if (report_summary_write(f, s, sc, policy, when) < 0)
				return -1;
		} else {
			report_write(f, s, sc, policy, when);
		}
		break;
	}
	return ferror(f) ? -1 : 0;
}

int export_write(FILE *f, enum export_format fmt, const struct session *s,
                 const struct scan *sc, const char *policy, time_t when)
{
	return rows_write(f, fmt, s, sc, policy, when, true);
}

/* A file name for the target: "192.0.2.0_24". */
static void target_slug(const struct scan *sc, char *out, size_t len)
{
	char net[CIDR_STRLEN];

	cidr_format(sc->net, sc->prefix, net);
	*strchr(net, '/') = '_';
	snprintf(out, len, "%s", net);
}

int export_snapshot_file(const char *dir, const struct session *s, const struct scan *sc,
                         const char *policy, time_t when, char *path, size_t pathlen)
{
	char slug[CIDR_STRLEN];
	FILE *f;

	target_slug(sc, slug, sizeof slug);
	f = snapfile_create(dir, slug, when, path, pathlen);
	if (!f)
		return -1;
	return snapfile_finish(f, export_write(f, EXPORT_TEXT, s, sc, policy, when), path);
}

static volatile sig_atomic_t interrupted;

static void on_interrupt(int sig)
{
	interrupted = sig;
}

/* Every signal that would end the process ends the scan instead, so
 * that the temporary file is removed and the old file is kept. */
static void interrupts_catch(void)
{
	static const int sigs[] = { SIGHUP, SIGINT, SIGTERM, SIGPIPE };
	struct sigaction sa = { .sa_handler = on_interrupt };

	sigemptyset(&sa.sa_mask);
	for (size_t i = 0; i < sizeof sigs / sizeof sigs[0]; i++)
		sigaction(sigs[i], &sa, NULL);
}

/* The probes are answered: distrust the zones that list anything, and
 * hold a warning for each zone that failed its test. */
static void probes_settle(struct session *s, struct scan *sc, struct msg_held *warn)
{
	char line[512];
	enum lk_error why;

	session_distrust_scan(s, sc);
	if (session_resolver_dead(s, &why)) {
		if (!scan_finished(sc))
			scan_fail_rest(sc, why);
		return;
	}
	for (size_t z = 0; z < s->nzones; z++)
		if (session_zone_trouble(s, z, line, sizeof line))
			msg_hold(warn, "zone %s", line);
}

/* Finish the output after a write that returned rc; the status, or
 * EXIT_USAGE when anything failed. */
static int output_finish(struct outfile *out, int rc, int status)
{
	char err[512];

	if (rc != 0) {
		outfile_abandon(out);
		msg_line("cannot write '%s': %s", out->name, strerror(errno ? errno : EIO));
		return EXIT_USAGE;
	}
	if (outfile_commit(out, err, sizeof err) < 0) {
		msg_line("%s", err);
		return EXIT_USAGE;
	}
	return status;
}

static struct progress progress;

/* Redraw the progress line four times a second. */
static void on_progress(void *arg)
{
	struct loop_timer *t = arg;
	const struct scan *sc = t[1].arg;
	struct session *s = t[2].arg;
	uint64_t now = loop_now();

	progress_draw(&progress, sc->done, sc->total, now);
	loop_timer_arm(s->lp, t, now + 250);
}

static void on_deadline(void *arg)
{
	struct scan *sc = arg;

	scan_fail_rest(sc, LKE_TIMEOUT);
}

/* Run a started scan to its end, with the zones' probes beside it: every
 * lookup answered and every probe too, a signal, or --deadline, after
 * which what is unanswered is a timeout.  A resolver that answers
 * nothing ends it at once, said in the one line that ends the run. */
static void scan_to_end(struct session *s, struct scan *sc, struct msg_held *warn)
{
	struct loop_timer deadline = { .fn = on_deadline, .arg = sc };
	/* the progress timer, then the scan and the session for it */
	struct loop_timer tick[3] = { { .fn = on_progress, .arg = tick }, { .arg = sc }, { .arg = s } };
	bool probing = session_probing(s);
	enum lk_error why;
	char line[512];

	if (!probing)
		session_distrust_scan(s, sc);
	if (s->opt->deadline_s)
		loop_timer_arm(s->lp, &deadline, loop_now() + (uint64_t)s->opt->deadline_s * 1000);
	if (progress.f)
		loop_timer_arm(s->lp, tick, loop_now() + 250);
	while (!interrupted && (!scan_finished(sc) || session_probing(s))) {
		loop_run_once(s->lp, -1);
		if (probing && !session_probing(s)) {
			probing = false;
			probes_settle(s, sc, warn);
		}
	}
	loop_timer_cancel(s->lp, &deadline);
	loop_timer_cancel(s->lp, tick);
	progress_clear(&progress);
	why = sc->gave_up;
	if (why == LKE_NONE)
		session_resolver_dead(s, &why);
	if (why != LKE_NONE && !interrupted) {
		session_dead_text(s, why, ": every lookup is an error", line, sizeof line);
		msg_line("%s", line);
		warn->n = warn->dropped = 0;   /* that line is the run's one */
	}
}

/* Scan the target network and write it (the first of several: with the
 * CSV header); with the resolver dead, every lookup is that error at
 * once.  The status, -1 when interrupted, or EXIT_USAGE after one line. */
static int net_export(struct session *s, const char *policy, struct outfile *out,
                      struct msg_held *warn, bool first)
{
	const struct options *o = s->opt;
	struct scan sc;
	char err[768];
	int rc;

	if (scan_init(&sc, s->profile, s->zones, o->target.net, o->target.prefix, s->db) < 0) {
		outfile_abandon(out);
		msg_line("out of memory");
		return EXIT_USAGE;
	}
	/* Each name is asked once: the cache would only cost time. */
	scan_start(&sc, s->lp, s->be, o->rate, o->window, session_qflags(s) | BQ_NOCACHE | BQ_NOSTORE);
	progress_target(&progress, progress.target, loop_now());
	scan_to_end(s, &sc, warn);
	if (interrupted) {
		outfile_abandon(out);
		rc = -1;
	} else if (rows_write(out->f, o->export, s, &sc, policy, time(NULL), first) < 0) {
		outfile_abandon(out);
		msg_line("cannot write '%s': %s", out->name, strerror(errno ? errno : EIO));
		rc = EXIT_USAGE;
	} else if (session_record(s, &sc, o->target.text, err, sizeof err) < 0) {
		outfile_abandon(out);   /* --record: a scan not recorded fails the run */
		msg_line("%s", err);
		rc = EXIT_USAGE;
	} else {
		rc = export_status(&sc);
	}
	scan_free(&sc);
	return rc;
}

/* The worse of two statuses: 3 over 1 over 0. */
static int status_worse(int a, int b)
{
	static const int rank[] = { [EXIT_NOTHING_LISTED] = 0, [EXIT_LISTED] = 1,
	                            [EXIT_USAGE] = 3, [EXIT_INCOMPLETE] = 2 };

	return rank[b] > rank[a] ? b : a;
}

/* Every target network in turn into one output: one CSV header, text
 * snapshots apart; the worst status of all. */
static int nets_export(struct session *s, const char *policy, struct outfile *out,
                       struct msg_held *warn)
{
	size_t n = s->opt->ntargets > 1 ? s->opt->ntargets : 1;
	int worst = EXIT_NOTHING_LISTED, rc;

	for (size_t i = 0; i < n; i++) {
		if (n > 1)
			s->opt_store.target = s->opt->targets[i];
		if (i > 0 && s->opt->export == EXPORT_TEXT)
			fputs("\n========================================"
			      "========================================\n\n", out->f);
		progress.target = i + 1;
		rc = net_export(s, policy, out, warn, i == 0);
		if (rc < 0 || rc == EXIT_USAGE)
			return rc;
		worst = status_worse(worst, rc);
	}
	return output_finish(out, 0, worst);
}

/* Probe the networks of the target ASN and write them. */
static int asn_export(struct session *s, const char *policy, struct outfile *out,
                      struct msg_held *warn)
{
	const struct options *o = s->opt;
	struct asnscan a;
	char err[256];
	int rc;

	if (asnscan_init(&a, s, o->target.asn, 0, err, sizeof err) < 0) {
		outfile_abandon(out);
		msg_line("%s", err);
		return EXIT_USAGE;
	}
	asnscan_start(&a, s, o->rate, o->window, session_qflags(s) | BQ_NOCACHE | BQ_NOSTORE);
	scan_to_end(s, &a.sc, warn);
	if (interrupted) {
		outfile_abandon(out);
		rc = -1;
	} else {
		rc = asnreport_write(out->f, o->export, s, &a, policy, time(NULL));
		rc = output_finish(out, rc, asnreport_status(s, &a));
	}
	asnscan_free(&a);
	return rc;
}

/* Count every network of the ASN database and write the census. */
static int census_export(struct session *s, const char *policy, struct outfile *out)
{
	struct census c;
	char err[512];
	int rc = censusreport_count(s, &c, err, sizeof err);

	if (rc != 0) {
		outfile_abandon(out);
		msg_line("%s", err);
		return rc;
	}
	rc = censusreport_write(out->f, s->opt->export, s, &c, policy, time(NULL));
	rc = output_finish(out, rc, censusreport_status(&c, s->profile));
	census_free(&c);
	return rc;
}

/* Draw the scope's map as a PNG (core/export/mappng.c); never to a
 * terminal. */
static int png_export(struct session *s, const char *policy, struct outfile *out,
                      struct msg_held *warn)
{
	char err[512];
	int rc;

	if (isatty(fileno(out->f))) {
		outfile_abandon(out);
		msg_line("a PNG is binary: not written to a terminal (give -o FILE or redirect)");
		return EXIT_USAGE;
	}
	rc = mappng_export(out->f, s, policy, time(NULL), warn, err, sizeof err);
	if (interrupted) {
		outfile_abandon(out);
		return -1;
	}
	if (rc == EXIT_USAGE) {
		outfile_abandon(out);
		msg_line("%s", err);
		return EXIT_USAGE;
	}
	return output_finish(out, rc < 0 ? -1 : 0, rc);
}

int export_run(struct session *s, const char *policy)
{
	const struct options *o = s->opt;
	struct msg_held warn = { .n = 0 };
	struct outfile out;
	char err[512];
	int rc;

	interrupts_catch();
	progress_init(&progress, stderr, !o->quiet && o->export != EXPORT_PNG && !o->census,
	              o->ntargets > 1 ? o->ntargets : 1);
	/* The path is checked, and the temporary file made, before a single
	 * query: a /16 of answers is never thrown away at the end. */
	if (outfile_open(&out, o->output, err, sizeof err) < 0) {
		msg_line("%s", err);
		return EXIT_USAGE;
	}
	if (s->db_note[0] && o->export != EXPORT_PNG)
		msg_hold(&warn, "%s", s->db_note);
	/* zone_note holds one line per zone: one warning each */
	for (const char *p = s->zone_note, *nl; *p; p = *nl ? nl + 1 : nl) {
		nl = p + strcspn(p, "\n");
		msg_hold(&warn, "%.*s", (int)(nl - p), p);
	}
	/* The probes run beside the scan: they cost no round trip. */
	if (o->probe && o->export != EXPORT_PNG)
		session_probe_start(s);
	rc = o->census ? census_export(s, policy, &out) :
	     o->export == EXPORT_PNG ? png_export(s, policy, &out, &warn) :
	     o->target.kind == TARGET_ASN ? asn_export(s, policy, &out, &warn) :
	     nets_export(s, policy, &out, &warn);
	if (interrupted) {
		outfile_abandon(&out);
		msg_line("interrupted by signal %d; nothing written", (int)interrupted);
		return 128 + interrupted;
	}
	if (rc != EXIT_USAGE)
		msg_flush(&warn);
	return rc;
}
