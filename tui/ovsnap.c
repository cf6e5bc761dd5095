/* The overview as a text snapshot: ASCII only, so that it reads the same
 * in a ticket, a mail or a terminal without UTF-8, with its legend in the
 * profile's words, the range zone's texts the probes returned and the
 * counts of guilty addresses known. */
#include "tui/overview.h"

#include <string.h>

#include "core/base/ip.h"
#include "core/scan/legend.h"
#include "core/base/version.h"

static void header_write(FILE *f, const struct overview *ov, const struct overview_tally *t,
                         time_t when)
{
	const struct session *s = ov->base.cx->s;
	char policy[DEMO_POLICY_LINE_MAX], label[LEGEND_LABEL_MAX];
	const enum cell_class *order;
	char stamp[64], net[CIDR_STRLEN];
	struct tm tm;
	size_t n;

	strftime(stamp, sizeof stamp, "%Y-%m-%d %H:%M:%S UTC", gmtime_r(&when, &tm));
	cidr_format(ov->net, 16, net);
	fprintf(f, "rblscope %s overview snapshot, %s\n\n", RBLSCOPE_VERSION, stamp);
	fprintf(f, "  range     %s: 256 /24 blocks, one probe each at its .0 address\n", net);
	fprintf(f, "  source    %s\n", s->be ? s->be->ops->describe(s->be) : "-");
	if (demo_policy_line(ov->base.cx->demo, policy, sizeof policy))
		fprintf(f, "  policy    %s\n", policy);
	fprintf(f, "  probes    %zu of %zu lookups answered, %zu failed%s\n", ov->sc.done,
	        ov->sc.total, ov->sc.failed, scan_finished(&ov->sc) ? "" : " (unfinished)");
	fprintf(f, "  blocks   ");
	order = legend_order(&n);
	for (size_t i = 0; i < n; i++) {
		legend_label(order[i], s->profile, label, sizeof label);
		fprintf(f, "%s %zu %s", i ? "," : "", t->cls[order[i]], label);
	}
	fprintf(f, "\n  scanned   %zu /24s address by address in this session: %zu listed on %s\n",
	        t->scanned, t->guilty, profile_role_label(s->profile, ZR_SINGLE));
}

/* The map: one row per 16 blocks, labelled by the third octet of its
 * first block; "+" before a glyph marks a block scanned in this session. */
static void map_write(FILE *f, const struct overview *ov)
{
	char col[8];

	fprintf(f, "\n  third octet ");
	for (int c = 0; c < GRID_SIDE; c++) {
		snprintf(col, sizeof col, "+%d", c);
		fprintf(f, "%3s", col);
	}
	fprintf(f, "\n");
	for (int r = 0; r < GRID_SIDE; r++) {
		fprintf(f, "  %11d ", r * GRID_SIDE);
		for (int c = 0; c < GRID_SIDE; c++) {
			unsigned b = (unsigned)(r * GRID_SIDE + c);

			fprintf(f, " %s%s", seen_find(ov->base.cx->seen, ov->net | b << 8) ? "+" : " ",
			        legend_of(overview_block_class(ov, b))->ascii);
		}
		fprintf(f, "\n");
	}
}

static void legend_write(FILE *f, const struct profile *p)
{
	char label[LEGEND_LABEL_MAX], meaning[LEGEND_TEXT_MAX];
	const enum cell_class *order;
	int lw = legend_label_width(p);
	size_t n;

	fprintf(f, "\n  legend\n");
	order = legend_order(&n);
	for (size_t i = 0; i < n; i++) {
		legend_label(order[i], p, label, sizeof label);
		legend_explain(order[i], p, overview_meaning(order[i]), meaning, sizeof meaning);
		fprintf(f, "    %s  %-*s  %s\n", legend_of(order[i])->ascii, lw, label, meaning);
	}
	fprintf(f, "    +  %-*s  %s\n", lw, "scanned", "scanned address by address in this session");
}

/* Every block whose probe found a listing with a text, or that was
 * scanned, one line each: what the map cannot say. */
static void blocks_write(FILE *f, const struct overview *ov)
{
	const struct profile *p = ov->base.cx->s->profile;
	const char *single = profile_role_label(p, ZR_SINGLE);
	bool any = false;
	char net[CIDR_STRLEN], label[LEGEND_LABEL_MAX];

	for (unsigned b = 0; b < OVERVIEW_BLOCKS; b++) {
		const struct scan_cell *c = &ov->sc.cells[b];
		const struct seen_entry *e = seen_find(ov->base.cx->seen, ov->net | b << 8);
		bool range = false;

		for (size_t z = 0; z < ov->sub.nzones; z++)
			range = range || (ov->sub.zones[z].role == ZR_RANGE &&
			                  c->zone[z].state != LK_CLEAN && c->zone[z].state != LK_PENDING);
		if (!range && !e)
			continue;
		if (!any)
			fprintf(f, "\n  blocks with an answer of %s or a count of %s\n",
			        profile_role_label(p, ZR_RANGE), single);
		any = true;
		cidr_format(c->ip, 24, net);
		legend_label(overview_block_class(ov, b), p, label, sizeof label);
		fprintf(f, "    %-18s %s", net, label);
		if (e)
			fprintf(f, ", %s: %u of %u addresses", single, (unsigned)e->guilty,
			        (unsigned)e->cells);
		fprintf(f, "\n");
		for (size_t z = 0; z < ov->sub.nzones; z++)
			if (ov->sub.zones[z].role == ZR_RANGE && c->zone[z].state == LK_LISTED)
				fprintf(f, "      %s: %s\n", ov->sub.zones[z].key,
				        c->zone[z].txt[0] ? c->zone[z].txt : "listed, no TXT");
			else if (ov->sub.zones[z].role == ZR_RANGE && c->zone[z].state == LK_ERROR)
				fprintf(f, "      %s: error: %s\n", ov->sub.zones[z].key,
				        lk_error_text(c->zone[z].error));
	}
}

int overview_write(FILE *f, const struct overview *ov, time_t when)
{
	struct overview_tally t;

	overview_tally(ov, &t);
	header_write(f, ov, &t, when);
	map_write(f, ov);
	legend_write(f, ov->base.cx->s->profile);
	blocks_write(f, ov);
	return ferror(f) ? -1 : 0;
}
