/* Listed and failed addresses, a line per run.  rbldnsd writes the
 * queried address into a listing's TXT ("$"), so the addresses of one
 * listed range carry texts that differ only there: they read the same. */
#include "core/export/runs.h"

#include <string.h>

#include "core/base/ip.h"
#include "core/base/numfmt.h"
#include "core/scan/legend.h"
#include "core/scan/zoneclass.h"
#include "core/uceprotect/txt.h"

/* Is the address text addr (len bytes) at p, as a whole address: not
 * inside a longer number or a CIDR (text before p is at p[-1] unless
 * p == start)? */
static bool address_at(const char *start, const char *p, const char *addr, size_t len)
{
	char after;

	if (strncmp(p, addr, len) != 0)
		return false;
	after = p[len];   /* p holds addr: p[len] is there, NUL at worst */
	if (p > start && ((p[-1] >= '0' && p[-1] <= '9') || p[-1] == '.'))
		return false;
	return !(after >= '0' && after <= '9') && after != '/' &&
	       !(after == '.' && p[len + 1] >= '0' && p[len + 1] <= '9');
}

/* Do TXT a of address ia and TXT b of address ib say the same, each
 * address written where the other is? */
static bool txt_alike(const char *a, uint32_t ia, const char *b, uint32_t ib)
{
	const char *a0 = a, *b0 = b;
	char sa[IP4_STRLEN], sb[IP4_STRLEN];
	size_t la, lb;

	ip4_format(ia, sa);
	ip4_format(ib, sb);
	la = strlen(sa);
	lb = strlen(sb);
	while (*a || *b) {
		if (address_at(a0, a, sa, la) && address_at(b0, b, sb, lb)) {
			a += la;
			b += lb;
		} else if (*a++ != *b++) {
			return false;
		}
	}
	return true;
}

/* Same class, ASN, states, codes and texts in every zone? */
static bool cells_alike(const struct scan *sc, const struct scan_cell *a,
                        const struct scan_cell *b)
{
	/* Each guilty address is listed for itself: an entry of its own. */
	if (scan_cell_class(sc, a) != scan_cell_class(sc, b) || a->asn.asn != b->asn.asn ||
	    scan_cell_class(sc, a) == CC_GUILTY)
		return false;
	for (size_t z = 0; z < sc->nzones; z++) {
		const struct lookup *x = &a->zone[z], *y = &b->zone[z];
		const uint32_t *cx, *cy;
		uint32_t nx, ny;

		cx = lk_codes(x, &nx);
		cy = lk_codes(y, &ny);
		if (x->state != y->state || x->error != y->error || nx != ny ||
		    (nx && memcmp(cx, cy, nx * sizeof *cx) != 0) ||
		    !txt_alike(x->txt, a->ip, y->txt, b->ip))
			return false;
	}
	return true;
}

void text_wrapped(FILE *f, const char *text, size_t col, size_t indent)
{
	size_t room = col < REPORT_COLS ? REPORT_COLS - col : 1;

	if (!*text)
		fputc('\n', f);
	while (*text) {
		size_t len = strlen(text), cut = len;

		if (len > room) {
			/* the last space that fits, else the line is one word */
			for (cut = room; cut > 0 && text[cut] != ' '; cut--)
				;
			if (cut == 0)
				cut = room;
			/* never inside a UTF-8 character */
			while (cut > 1 && ((unsigned char)text[cut] & 0xc0) == 0x80)
				cut--;
		}
		fprintf(f, "%.*s\n", (int)cut, text);
		text += cut;
		while (*text == ' ')
			text++;
		if (*text)
			fprintf(f, "%*s", (int)indent, "");
		room = REPORT_COLS > indent ? REPORT_COLS - indent : 1;
	}
}

/* TXT of the first address of a run, its address put as "<address>"
 * when the texts of the run differ (rbldnsd wrote each its own). */
static void txt_of_run(const char *txt, uint32_t ip, bool differ, char *out, size_t len)
{
	const char *start = txt;
	char addr[IP4_STRLEN];
	size_t used = 0, al;

	ip4_format(ip, addr);
	al = strlen(addr);
	out[0] = '\0';
	while (*txt && used + 1 < len) {
		if (differ && address_at(start, txt, addr, al)) {
			used += (size_t)snprintf(out + used, len - used, "<address>");
			txt += al;
			continue;
		}
		out[used++] = *txt++;
		out[used] = '\0';
	}
	if (used >= len)
		out[len - 1] = '\0';
}

/* The answers of the first cell c of a run that ends at last: a line
 * per listed or failed zone, its codes and what they mean, its TXT. */
static void answers_write(FILE *f, const struct scan *sc, const struct scan_cell *c,
                          const struct scan_cell *last)
{
	char codes[512], parsed[200], txt[LOOKUP_TXT_MAX];
	struct txt_info ti;

	for (size_t z = 0; z < sc->nzones; z++) {
		const struct zone_def *d = &sc->profile->zones[z];
		const struct lookup *l = &c->zone[z];

		if (l->state != LK_LISTED && l->state != LK_ERROR)
			continue;
		zone_codes_text(d, l, codes, sizeof codes);
		fprintf(f, "      %-6s %-7s ", d->key, l->state == LK_LISTED ? "listed" : "error");
		if (l->state == LK_ERROR)
			fprintf(f, "%s: ", lk_error_name(l->error));
		text_wrapped(f, codes[0] ? codes : lk_error_text(l->error), 21, 21);
		if (l->txt[0]) {
			txt_of_run(l->txt, c->ip, strcmp(l->txt, last->zone[z].txt) != 0, txt, sizeof txt);
			fprintf(f, "%*sTXT ", 21, "");
			text_wrapped(f, txt, 25, 25);
			txt_parse(l->txt, &ti);
			txt_summary(&ti, parsed, sizeof parsed);
			if (parsed[0]) {
				fprintf(f, "%*ssays ", 21, "");
				text_wrapped(f, parsed, 26, 26);
			}
		}
	}
}

/* The first line of a run: its addresses, class and ASN. */
static void run_line(FILE *f, const struct scan *sc, size_t i, size_t j)
{
	const struct scan_cell *c = &sc->cells[i];
	char first[IP4_STRLEN], last[IP4_STRLEN], num[32], head[128], asn[ASN_ORG_MAX + 16];
	enum cell_class cls = scan_cell_class(sc, c);
	int w;

	ip4_format(c->ip, first);
	ip4_format(sc->cells[j - 1].ip, last);
	if (j - i > 1)
		w = snprintf(head, sizeof head, "  %s - %s (%s addresses) %s", first, last,
		             num_grouped(j - i, num), legend_of(cls)->name);
	else
		w = snprintf(head, sizeof head, "  %-15s %s", first, legend_of(cls)->name);
	fputs(head, f);
	if (!c->asn.found || !c->asn.asn) {
		fputc('\n', f);
		return;
	}
	/* The AS name whole: on the line when it fits, else wrapped under it. */
	snprintf(asn, sizeof asn, "AS%u %s", (unsigned)c->asn.asn, c->asn.org);
	if ((size_t)w + 2 + strlen(asn) <= REPORT_COLS) {
		fprintf(f, "  %s\n", asn);
		return;
	}
	fputs("\n        ", f);
	text_wrapped(f, asn, 8, 10);
}

void runs_write(FILE *f, const struct scan *sc)
{
	bool any = false;
	size_t i = 0, j;

	while (i < sc->ncells) {
		const struct scan_cell *c = &sc->cells[i];
		enum cell_class cls = scan_cell_class(sc, c);

		for (j = i + 1; j < sc->ncells && cells_alike(sc, c, &sc->cells[j]); j++)
			;
		if (cls != CC_CLEAN && cls != CC_PENDING) {
			if (!any)
				fputs("  listed and failed addresses\n", f);
			any = true;
			run_line(f, sc, i, j);
			answers_write(f, sc, c, &sc->cells[j - 1]);
		}
		i = j;
	}
	if (!any)
		fputs("  nothing listed, no failed lookup\n", f);
}
