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

/* Do TXT a of address ia and TXT b of address ib say the same, each
 * address written where the other is? */
static bool txt_alike(const char *a, uint32_t ia, const char *b, uint32_t ib)
{
	char sa[IP4_STRLEN], sb[IP4_STRLEN];
	size_t la, lb;

	ip4_format(ia, sa);
	ip4_format(ib, sb);
	la = strlen(sa);
	lb = strlen(sb);
	while (*a || *b) {
		if (strncmp(a, sa, la) == 0 && strncmp(b, sb, lb) == 0) {
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
	if (scan_cell_class(sc, a) != scan_cell_class(sc, b) || a->asn.asn != b->asn.asn)
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

/* TXT of the first address of a run of n, its address put as
 * "<address>" when the run holds more than it. */
static void txt_of_run(const char *txt, uint32_t ip, size_t n, char *out, size_t len)
{
	char addr[IP4_STRLEN];
	size_t used = 0, al;

	ip4_format(ip, addr);
	al = strlen(addr);
	out[0] = '\0';
	while (*txt && used + 1 < len) {
		if (n > 1 && strncmp(txt, addr, al) == 0) {
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

/* The answers of the first cell of a run of n: a line per listed or
 * failed zone, its codes and what they mean, its TXT. */
static void answers_write(FILE *f, const struct scan *sc, const struct scan_cell *c, size_t n)
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
			txt_of_run(l->txt, c->ip, n, txt, sizeof txt);
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
	char first[IP4_STRLEN], last[IP4_STRLEN], num[32], head[128], asn[1100];
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
	if (c->asn.found && c->asn.asn) {
		size_t room = REPORT_COLS > (size_t)w + 2 ? REPORT_COLS - (size_t)w - 2 : 0;
		int n = snprintf(asn, sizeof asn, "AS%u %s", (unsigned)c->asn.asn, c->asn.org);

		/* An AS name cut for width ends in "...", never mid-character. */
		if (n > 0 && (size_t)n > room && room > 3) {
			size_t cut = room - 3;

			while (cut > 0 && ((unsigned char)asn[cut] & 0xc0) == 0x80)
				cut--;
			memcpy(asn + cut, "...", 4);
		}
		fprintf(f, "  %s", asn);
	}
	fputc('\n', f);
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
			answers_write(f, sc, c, j - i);
		}
		i = j;
	}
	if (!any)
		fputs("  nothing listed, no failed lookup\n", f);
}
