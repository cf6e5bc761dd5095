/* rblscope --history TARGET: the timeline of every address of TARGET
 * from the recorded scans, as text, CSV or JSON Lines. */
#include "core/export/historyreport.h"

#include <errno.h>
#include <string.h>
#include <time.h>

#include "core/base/ip.h"
#include "core/base/msg.h"
#include "core/base/sanitize.h"
#include "core/export/fields.h"
#include "core/export/outfile.h"
#include "core/history/history.h"
#include "core/lookup/lookup.h"
#include "core/scan/session.h"
#include "core/scan/target.h"

/* "2026-11-20 10:00:05" (text) or "2026-11-20T10:00:05Z" (CSV, JSON), UTC. */
static void time_text(int64_t when, bool iso, char *out, size_t len)
{
	time_t t = (time_t)when;
	struct tm tm;

	strftime(out, len, iso ? "%Y-%m-%dT%H:%M:%SZ" : "%Y-%m-%d %H:%M:%S", gmtime_r(&t, &tm));
}

static const char *state_word(const struct history_interval *iv)
{
	return lk_state_name(iv->state);
}

/* ---- CSV and JSON Lines: one record per interval ---- */

static void csv_write(FILE *f, const struct history_timeline *t)
{
	char ip[IP4_STRLEN], first[32], last[32], codes[512];

	fputs("ip,zone,zone_name,state,reason,codes,txt,first_seen,last_seen,scans,first_scan,"
	      "last_scan\n", f);
	for (size_t i = 0; i < t->n; i++) {
		const struct history_interval *iv = &t->iv[i];

		ip4_format(iv->ip, ip);
		time_text(iv->first_time, true, first, sizeof first);
		time_text(iv->last_time, true, last, sizeof last);
		snprintf(codes, sizeof codes, "%s", iv->codes);
		for (char *c = codes; (c = strchr(c, ' ')); )
			*c = ';';
		fprintf(f, "%s,", ip);
		csv_field(f, iv->zone_key);
		fputc(',', f);
		csv_field(f, iv->zone_name);
		fprintf(f, ",%s,", state_word(iv));
		csv_field(f, iv->error);
		fprintf(f, ",%s,", codes);
		csv_field(f, iv->txt);
		fprintf(f, ",%s,%s,%u,%lld,%lld\n", first, last, iv->scans, (long long)iv->first_scan,
		        (long long)iv->last_scan);
	}
}

static void json_write(FILE *f, const struct history_timeline *t)
{
	char ip[IP4_STRLEN], first[32], last[32];

	for (size_t i = 0; i < t->n; i++) {
		const struct history_interval *iv = &t->iv[i];
		const char *c = iv->codes;

		ip4_format(iv->ip, ip);
		time_text(iv->first_time, true, first, sizeof first);
		time_text(iv->last_time, true, last, sizeof last);
		fprintf(f, "{\"ip\":\"%s\",\"zone\":", ip);
		json_string(f, iv->zone_key);
		fputs(",\"zone_name\":", f);
		json_string(f, iv->zone_name);
		fprintf(f, ",\"state\":\"%s\",\"reason\":", state_word(iv));
		json_string(f, iv->error);
		fputs(",\"codes\":[", f);
		while (*c) {
			size_t n = strcspn(c, " ");

			fprintf(f, "%s\"%.*s\"", c == iv->codes ? "" : ",", (int)n, c);
			c += n + (c[n] == ' ');
		}
		fputs("],\"txt\":", f);
		json_string(f, iv->txt);
		fprintf(f, ",\"first_seen\":\"%s\",\"last_seen\":\"%s\",\"scans\":%u,"
		        "\"first_scan\":%lld,\"last_scan\":%lld}\n", first, last, iv->scans,
		        (long long)iv->first_scan, (long long)iv->last_scan);
	}
}

/* ---- text: per address (a run of neighbours alike once), per zone ---- */

/* The intervals of the address at t->iv[from]: up to the returned index. */
static size_t address_end(const struct history_timeline *t, size_t from)
{
	size_t to = from;

	while (to < t->n && t->iv[to].ip == t->iv[from].ip)
		to++;
	return to;
}

/* Do two addresses' intervals read the same?  The texts are interned, so
 * equal texts are the same pointer. */
static bool alike(const struct history_interval *a, const struct history_interval *b, size_t n)
{
	for (size_t i = 0; i < n; i++)
		if (a[i].zone_name != b[i].zone_name || a[i].state != b[i].state ||
		    a[i].error != b[i].error || a[i].codes != b[i].codes || a[i].txt != b[i].txt ||
		    a[i].first_scan != b[i].first_scan || a[i].last_scan != b[i].last_scan ||
		    a[i].scans != b[i].scans)
			return false;
	return true;
}

static void interval_text(FILE *f, const struct history_interval *iv, const char *prev_txt)
{
	char first[32], last[32], txt[1024];

	time_text(iv->first_time, false, first, sizeof first);
	time_text(iv->last_time, false, last, sizeof last);
	fprintf(f, "    %s to %s  %-6s", first, last, state_word(iv));
	if (iv->error[0])
		fprintf(f, " %s", lk_error_text(history_error_of(iv->error)));
	if (iv->codes[0])
		fprintf(f, " %s", iv->codes);
	fprintf(f, "  (%u scan%s)\n", iv->scans, iv->scans == 1 ? "" : "s");
	if (iv->txt[0] && iv->txt != prev_txt) {
		sanitize_text(txt, sizeof txt, iv->txt, strlen(iv->txt));
		fprintf(f, "      TXT%s: %s\n", prev_txt && prev_txt[0] ? " changed" : "", txt);
	}
}

/* One address, or a run of n alike from ip. */
static void address_text(FILE *f, const struct history_interval *iv, size_t count, uint32_t ip,
                         uint32_t n)
{
	char a[IP4_STRLEN], b[IP4_STRLEN];
	const char *prev_txt = NULL;

	ip4_format(ip, a);
	ip4_format(ip + n - 1, b);
	if (n > 1)
		fprintf(f, "\n%s to %s (%u addresses, each alike)\n", a, b, (unsigned)n);
	else
		fprintf(f, "\n%s\n", a);
	for (size_t i = 0; i < count; i++) {
		if (i == 0 || iv[i].zone_name != iv[i - 1].zone_name) {
			fprintf(f, "  %s %s\n", iv[i].zone_key, iv[i].zone_name);
			prev_txt = NULL;
		}
		interval_text(f, &iv[i], prev_txt);
		prev_txt = iv[i].txt;
	}
}

static void text_write(FILE *f, const struct history_timeline *t, const char *target,
                       const char *path)
{
	char first[32], last[32];

	time_text(t->first_time, false, first, sizeof first);
	time_text(t->last_time, false, last, sizeof last);
	fprintf(f, "rblscope history of %s (%s)\n", target, path);
	fprintf(f, "%zu recorded scan%s covered it, %s to %s UTC.\n", t->scans,
	        t->scans == 1 ? "" : "s", first, last);
	fputs("Each line: from the first to the last scan that saw the same answer, and how "
	      "many did;\nbetween two lines, and where no line is, no scan looked.\n", f);
	for (size_t i = 0; i < t->n;) {
		size_t end = address_end(t, i), n = end - i, run = 1, j = end;

		while (j < t->n && t->iv[j].ip == t->iv[i].ip + run && address_end(t, j) - j == n &&
		       alike(&t->iv[i], &t->iv[j], n)) {
			run++;
			j += n;
		}
		address_text(f, &t->iv[i], n, t->iv[i].ip, (uint32_t)run);
		i = j;
	}
}

/* The addresses of the target: an address alone is itself, not its /24. */
static int range_of(const char *given, struct target *t, uint32_t *lo, uint32_t *hi)
{
	char err[160];

	if (target_read(given, t, 0, err, sizeof err) < 0) {
		msg_line("--history: %s", err);
		return -1;
	}
	if (t->kind != TARGET_NET) {
		msg_line("--history: give an address or a CIDR, not an ASN");
		return -1;
	}
	if (!strchr(given, '/')) {
		*lo = *hi = t->focus;
		ip4_format(t->focus, t->text);
	} else {
		*lo = t->net;
		*hi = t->net + (uint32_t)(cidr_size(t->prefix) - 1);
	}
	return 0;
}

int historyreport_run(const struct options *o)
{
	struct history_timeline tl;
	struct history *h;
	struct outfile out;
	struct target t;
	char path[4096], err[1024];
	uint32_t lo, hi;
	int rc;

	if (o->export == EXPORT_PNG) {
		msg_line("--history writes text, csv or json (see rblscope --help)");
		return EXIT_USAGE;
	}
	if (range_of(o->history, &t, &lo, &hi) < 0)
		return EXIT_USAGE;
	if (session_history_path(o, path, sizeof path) < 0) {
		msg_line("--history: no history path: set HOME or XDG_STATE_HOME, or give "
		         "--history-db FILE");
		return EXIT_USAGE;
	}
	if (!(h = history_open(path, HISTORY_READ, err, sizeof err))) {
		msg_line("%s", err);
		return EXIT_USAGE;
	}
	rc = history_timeline(h, lo, hi, &tl, err, sizeof err);
	history_close(h);
	if (rc < 0) {
		msg_line("%s", err);
		return EXIT_USAGE;
	}
	if (outfile_open(&out, o->output, err, sizeof err) < 0) {
		history_timeline_free(&tl);
		msg_line("%s", err);
		return EXIT_USAGE;
	}
	if (o->export == EXPORT_CSV)
		csv_write(out.f, &tl);
	else if (o->export == EXPORT_JSON)
		json_write(out.f, &tl);
	else if (tl.n)
		text_write(out.f, &tl, t.text, path);
	rc = tl.n ? 0 : HISTORY_EXIT_NONE;
	history_timeline_free(&tl);
	if (ferror(out.f)) {
		outfile_abandon(&out);
		msg_line("cannot write '%s': %s", out.name, strerror(errno ? errno : EIO));
		return EXIT_USAGE;
	}
	if (outfile_commit(&out, err, sizeof err) < 0) {
		msg_line("%s", err);
		return EXIT_USAGE;
	}
	if (rc == HISTORY_EXIT_NONE)
		msg_line("no recorded scan covered %s (%s)", t.text, path);
	return rc;
}
