/* One address on every list: rows read from a scan of one cell. */
#include "core/export/checkreport.h"

#include <string.h>

#include "core/base/ip.h"
#include "core/export/runs.h"
#include "core/scan/zoneclass.h"

#define LABEL_W 16
#define STATE_W 10

void check_row(const struct scan *sc, const struct scan_cell *c, size_t z, struct check_row *r)
{
	const struct zone_def *d = &sc->profile->zones[z];
	const struct lookup *l = &c->zone[z];

	r->label = d->label && d->label[0] ? d->label : d->key;
	r->title = d->title ? d->title : "";
	r->zone = sc->zones[z];
	r->st = l->state;
	r->state = l->state == LK_ERROR ? lk_error_name(l->error) : lk_state_name(l->state);
	r->txt = l->txt ? l->txt : "";
	zone_codes_text(d, l, r->codes, sizeof r->codes);
	if (l->state == LK_ERROR && !r->codes[0])
		snprintf(r->codes, sizeof r->codes, "%s", lk_error_text(l->error));
}

/* The place of a row in check_order. */
static int rank(const struct lookup *l)
{
	switch (l->state) {
	case LK_LISTED: return 0;
	case LK_ERROR: return l->ncodes ? 1 : 2;
	case LK_PENDING: return 3;
	default: return 4;
	}
}

void check_order(const struct scan *sc, const struct scan_cell *c, size_t *order)
{
	size_t n = 0;

	for (int r = 0; r <= 4; r++)
		for (size_t z = 0; z < sc->nzones; z++)
			if (rank(&c->zone[z]) == r)
				order[n++] = z;
}

void check_count(const struct scan *sc, const struct scan_cell *c, struct check_counts *n)
{
	memset(n, 0, sizeof *n);
	for (size_t z = 0; z < sc->nzones; z++) {
		switch (c->zone[z].state) {
		case LK_LISTED: n->listed++; break;
		case LK_CLEAN: n->clean++; break;
		case LK_ERROR: n->error++; break;
		default: n->pending++; break;
		}
	}
}

void checkreport_write(FILE *f, const struct scan *sc, const struct scan_cell *c)
{
	struct check_counts n;
	struct check_row r;
	char ip[IP4_STRLEN];
	size_t order[PROFILE_MAX_ZONES];

	ip4_format(c->ip, ip);
	check_count(sc, c, &n);
	fprintf(f, "  %s on %zu list%s of %s: %zu listed, %zu clean, %zu failed", ip, sc->nzones,
	        sc->nzones == 1 ? "" : "s", sc->profile->name, n.listed, n.clean, n.error);
	if (n.pending)
		fprintf(f, ", %zu not answered", n.pending);
	fprintf(f, "\n\n  %-*s %-*s %s\n", LABEL_W, "list", STATE_W, "state", "zone");
	check_order(sc, c, order);
	for (size_t i = 0; i < sc->nzones; i++) {
		enum lk_state st = c->zone[order[i]].state;

		check_row(sc, c, order[i], &r);
		fprintf(f, "  %-*.*s %-*s %s\n", LABEL_W, LABEL_W, r.label, STATE_W, r.state, r.zone);
		if (r.codes[0]) {
			fprintf(f, "  %*s %s ", LABEL_W, "", st == LK_ERROR ? "why: " : "codes:");
			text_wrapped(f, r.codes, LABEL_W + 10, LABEL_W + 10);
		}
		if (r.txt[0]) {
			fprintf(f, "  %*s TXT:   ", LABEL_W, "");
			text_wrapped(f, r.txt, LABEL_W + 10, LABEL_W + 10);
		}
	}
}
