/* One address on every list of a profile: a row per list with its
 * state, codes and what they mean, and TXT.  The check screen draws these
 * rows; the text export of a single address writes them as a table. */
#ifndef RBLSCOPE_CHECKREPORT_H
#define RBLSCOPE_CHECKREPORT_H

#include <stddef.h>
#include <stdio.h>

#include "core/scan/scan.h"

/* The profile an address is checked against on every list. */
#define CHECK_PROFILE "catalogue"

#define CHECK_CODES_MAX 512

struct check_row {
	const char *label;       /* the list's short label (its key if none) */
	const char *title;       /* for people: "Spamhaus ZEN" */
	const char *zone;        /* the DNS name asked */
	const char *state;       /* "listed", "clean", "pending", or an error's
	                          * name: "timeout", "unexpected", ... */
	enum lk_state st;
	char codes[CHECK_CODES_MAX];  /* "127.0.0.4 XBL; 127.0.0.10 PBL", or
	                               * what an error means */
	const char *txt;         /* sanitised, "" if none */
};

struct check_counts {
	size_t listed, clean, error, pending;
};

/* Row z (a zone of sc's profile) of cell c. */
void check_row(const struct scan *sc, const struct scan_cell *c, size_t z, struct check_row *r);

/* The zones of sc in the order c's rows are shown, what matters on
 * top: listed; errors that came with a code (undocumented, blocked);
 * other errors; not answered yet; clean; each in the profile's order.
 * order holds sc->nzones. */
void check_order(const struct scan *sc, const struct scan_cell *c, size_t *order);

/* How many lists of sc list c, find it clean, failed, are still asked. */
void check_count(const struct scan *sc, const struct scan_cell *c, struct check_counts *n);

/* The table of c on every list of sc, at most 100 columns: codes and
 * TXT whole, wrapped under themselves. */
void checkreport_write(FILE *f, const struct scan *sc, const struct scan_cell *c);

#endif
