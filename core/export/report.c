/* The text snapshot: plain ASCII, 80 columns, for tickets and mail. */
#include "core/export/report.h"

#include <stdlib.h>
#include <string.h>

#include "core/base/ip.h"
#include "core/export/checkreport.h"
#include "core/export/runs.h"
#include "core/base/numfmt.h"
#include "core/scan/legend.h"
#include "core/uceprotect/txt.h"
#include "core/base/version.h"

/* Write " item" on a line that is at column col, or on a new line
 * indented under the header's values when it would pass
 * REPORT_SUMMARY_COLS; the column after it. */
static size_t item_write(FILE *f, const char *item, size_t col)
{
	size_t len = strlen(item);

	if (col > 12 && col + 1 + len > REPORT_SUMMARY_COLS) {
		fputs("\n           ", f);
		col = 11;
	}
	fprintf(f, " %s", item);
	return col + 1 + len;
}

static void header_write(FILE *f, const struct session *s, const struct scan *sc,
                         const char *policy, time_t when)
{
	const struct profile *p = sc->profile;
	char buf[64], net[CIDR_STRLEN], item[PROFILE_KEY_MAX + 300], nums[3][32];
	size_t col;
	struct tm tm;
	time_t built;

	strftime(buf, sizeof buf, "%Y-%m-%d %H:%M:%S UTC", gmtime_r(&when, &tm));
	cidr_format(sc->net, sc->prefix, net);
	fprintf(f, "rblscope %s snapshot, %s\n\n", RBLSCOPE_VERSION, buf);
	fprintf(f, "  target    %s", net);
	if (s->opt && s->opt->has_target && s->opt->target.text[0])
		fprintf(f, " (asked: %s)", s->opt->target.text);
	fprintf(f, "\n  profile   %s:", p->name);
	col = 13 + strlen(p->name);
	for (size_t z = 0; z < sc->nzones; z++) {
		snprintf(item, sizeof item, "%s=%s", p->zones[z].key, sc->zones[z]);
		col = item_write(f, item, col);
	}
	fprintf(f, "\n  source    %s\n", s->be ? s->be->ops->describe(s->be) : "-");
	if (policy)
		fprintf(f, "  policy    %s\n", policy);
	if (s->db) {
		built = asn_db_build_time(s->db);
		strftime(buf, sizeof buf, "%Y-%m-%d", gmtime_r(&built, &tm));
		fprintf(f, "  asn db    %s (%s, built %s)\n", asn_db_path(s->db), asn_db_type(s->db), buf);
	} else {
		fprintf(f, "  asn db    none: %s\n", s->db_note[0] ? s->db_note : "not opened");
	}
	fputs("  zones    ", f);
	col = 11;
	for (size_t z = 0; z < sc->nzones; z++) {
		snprintf(item, sizeof item, "%s %s%s%s%s%s", p->zones[z].key,
		         zone_health_text(s->health[z]), s->health[z] == ZH_FAILED ? " (" : "",
		         s->health[z] == ZH_FAILED ? lk_error_name(s->health_error[z]) : "",
		         s->health[z] == ZH_FAILED ? ")" : "", z + 1 < sc->nzones ? ";" : "");
		col = item_write(f, item, col);
	}
	fputc('\n', f);
	for (const char *note = s->zone_note, *nl; *note; note = *nl ? nl + 1 : nl) {
		nl = note + strcspn(note, "\n");
		fprintf(f, "  warning   %.*s\n", (int)(nl - note), note);
	}
	fprintf(f, "  lookups   %s of %s answered, %s failed", num_grouped(sc->done, nums[0]),
	        num_grouped(sc->total, nums[1]), num_grouped(sc->failed, nums[2]));
	if (sc->finished_ms)
		fprintf(f, ", %.1f s", (double)(sc->finished_ms - sc->started_ms) / 1000);
	fputs("\n\n", f);
}

/* The /24 at base as 16 rows of 16 glyphs; addresses outside the scan
 * are blank. */
static void grid_write(FILE *f, const struct scan *sc, uint32_t base)
{
	char net[IP4_STRLEN];

	ip4_format(base, net);
	fprintf(f, "  %s/24     0 1 2 3 4 5 6 7 8 9 a b c d e f\n", net);
	for (unsigned row = 0; row < 16; row++) {
		fprintf(f, "  %*s.%-3u  ", (int)strlen(net) + 1, "", row * 16);
		for (unsigned col = 0; col < 16; col++) {
			uint32_t ip = base + row * 16 + col;
			const struct scan_cell *c = scan_cell_of((struct scan *)sc, ip);

			fprintf(f, " %s", c ? legend_of(scan_cell_class(sc, c))->ascii : " ");
		}
		fputc('\n', f);
	}
}

/* Columns of the legend's lines; the items go on under "legend". */
#define LEGEND_COLS 80
#define LEGEND_INDENT 9   /* "  legend " */

/* The glyphs with their labels in the words of profile p. */
static void legend_write(FILE *f, const struct profile *p)
{
	size_t n, col = LEGEND_INDENT;
	const enum cell_class *order = legend_order(&n);
	char label[LEGEND_LABEL_MAX];

	fputs("\n  legend ", f);
	for (size_t i = 0; i < n; i++) {
		size_t w;

		legend_label(order[i], p, label, sizeof label);
		w = 3 + strlen(legend_of(order[i])->ascii) + strlen(label);
		if (col > LEGEND_INDENT && col + w > LEGEND_COLS) {
			fprintf(f, "\n%*s", LEGEND_INDENT, "");
			col = LEGEND_INDENT;
		}
		fprintf(f, "  %s %s", legend_of(order[i])->ascii, label);
		col += w;
	}
	fputs("\n\n", f);
}

/* Per zone its counts, then the damage: numbers as the UI writes them. */
static void counts_write(FILE *f, const struct scan *sc)
{
	char n[4][32], ratio[32];
	struct scan_tally t;
	int zw = 4;

	scan_tally(sc, &t);
	for (size_t z = 0; z < sc->nzones; z++)
		if ((int)strlen(sc->zones[z]) > zw)
			zw = (int)strlen(sc->zones[z]);
	if (zw > 50)
		zw = 50;   /* a longer name pushes its own line's numbers on */
	fprintf(f, "  %-16s %-*s %9s %9s %9s %9s\n", "zone", zw, "name", "listed", "clean",
	        "error", "pending");
	for (size_t z = 0; z < sc->nzones; z++)
		fprintf(f, "  %-16s %-*s %9s %9s %9s %9s\n", sc->profile->zones[z].key, zw,
		        sc->zones[z], num_grouped(t.listed[z], n[0]), num_grouped(t.clean[z], n[1]),
		        num_grouped(t.error[z], n[2]), num_grouped(t.pending[z], n[3]));
	fprintf(f, "\n  guilty %s, collateral %s (by range %s, by ASN only %s)",
	        num_grouped(t.guilty, n[0]), num_grouped(t.collateral, n[1]),
	        num_grouped(t.collateral_range, n[2]), num_grouped(t.collateral_asn, n[3]));
	scan_ratio_text(&t, ratio, sizeof ratio);
	fprintf(f, ", collateral ratio %s", ratio);
	fprintf(f, "\n  addresses: %s, of them %s with a failed lookup\n\n",
	        num_grouped(t.cells, n[0]), num_grouped(t.cells_failed, n[1]));
}

/* The verdict in words, with the exit status it gives. */
static void verdict_write(FILE *f, const struct scan *sc)
{
	struct scan_tally t;
	size_t classes = 0;

	static const char *const said[] = {
		[EXIT_NOTHING_LISTED] = "nothing listed (exit 0)",
		[EXIT_LISTED] = "listed (exit 1)",
		[EXIT_INCOMPLETE] = "incomplete: some lookups failed (exit 3)",
	};
	int status = export_status(sc);

	scan_tally(sc, &t);
	fprintf(f, "  verdict   %s\n", status == EXIT_USAGE ? "?" : said[status]);
	fputs("  classes  ", f);
	for (int c = CC_GUILTY; c >= CC_CLEAN; c--) {
		if (!t.cls[c])
			continue;
		fprintf(f, "%s %s %zu", classes++ ? "," : "", legend_of((enum cell_class)c)->name,
		        t.cls[c]);
	}
	fputs("\n\n", f);
}

void report_write(FILE *f, const struct session *s, const struct scan *sc, const char *policy,
                  time_t when)
{
	size_t blocks = sc->prefix >= 24 ? 1 : (size_t)1 << (24 - sc->prefix);

	header_write(f, s, sc, policy, when);
	/* One address: list by list, what each says about it. */
	if (sc->ncells == 1) {
		checkreport_write(f, sc, &sc->cells[0]);
		return;
	}
	/* What a ticket needs first: the verdict and the counts. */
	verdict_write(f, sc);
	counts_write(f, sc);
	for (size_t b = 0; b < blocks; b++) {
		if (b)
			fputc('\n', f);
		grid_write(f, sc, (sc->net & ip4_mask(24)) + (uint32_t)b * 256);
	}
	legend_write(f, sc->profile);
	runs_write(f, sc);
}

/* Copy text to f a line at a time, each cut to REPORT_SUMMARY_COLS
 * columns (at a UTF-8 character's start). */
static void lines_cut(FILE *f, const char *text, size_t len)
{
	for (size_t pos = 0; pos < len;) {
		const char *nl = memchr(text + pos, '\n', len - pos);
		size_t n = nl ? (size_t)(nl - (text + pos)) : len - pos, keep = 0, cols = 0;

		while (keep < n && cols < REPORT_SUMMARY_COLS) {
			size_t ch = 1;

			while (keep + ch < n && ((unsigned char)text[pos + keep + ch] & 0xc0) == 0x80)
				ch++;
			keep += ch;
			cols++;
		}
		fwrite(text + pos, 1, keep, f);
		fputc('\n', f);
		pos += n + 1;
	}
}

int report_summary_write(FILE *f, const struct session *s, const struct scan *sc,
                         const char *policy, time_t when)
{
	char *buf = NULL;
	size_t len = 0;
	FILE *m = open_memstream(&buf, &len);

	if (!m)
		return -1;
	header_write(m, s, sc, policy, when);
	verdict_write(m, sc);
	counts_write(m, sc);
	if (fclose(m) != 0) {
		free(buf);
		return -1;
	}
	lines_cut(f, buf, len);
	free(buf);
	return 0;
}

int export_status(const struct scan *sc)
{
	if (sc->failed > 0 || !scan_finished(sc))
		return EXIT_INCOMPLETE;
	for (size_t i = 0; i < sc->ncells; i++)
		for (size_t z = 0; z < sc->nzones; z++)
			if (sc->cells[i].zone[z].state == LK_LISTED &&
			    sc->profile->zones[z].role != ZR_ALLOW)
				return EXIT_LISTED;
	return EXIT_NOTHING_LISTED;
}
