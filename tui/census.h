/* The census screen: every ASN of the ASN database with an address on a
 * zone, counted exactly from the zone files (core/scan/census.h), in a
 * table that sorts by collateral, blocked, guilty, ratio or size and
 * filters by AS name; Enter opens the ASN view. */
#ifndef RBLSCOPE_TUI_CENSUS_H
#define RBLSCOPE_TUI_CENSUS_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#include "core/scan/census.h"
#include "tui/screen.h"
#include "tui/text.h"

#define CENSUS_FILTER_MAX 64
#define CENSUS_LINE_MAX TEXT_LINE_MAX

/* The orders the table can take, largest first. */
enum census_sort { CS_COLLATERAL, CS_BLOCKED, CS_GUILTY, CS_RATIO, CS_SIZE, CS_COUNT };

struct censusview {
	struct screen base;          /* first: the screen interface */
	struct census c;
	size_t *order;               /* indices into c.v: the rows shown */
	size_t n;                    /* rows shown (those that pass the filter) */
	size_t cursor, top;
	enum census_sort sort;
	char filter[CENSUS_FILTER_MAX];   /* "" shows every ASN */
};

/* The census of the session's zones over its ASN database.  NULL with a
 * one-line reason in err (live DNS, no database, out of memory). */
struct screen *census_new(const struct ctx *cx, char *err, size_t errlen);

/* Sort the table by s and filter it by text (case does not matter; an
 * ASN matches "AS64500" and "64500"); the cursor stays on its ASN when
 * it is still shown. */
void census_arrange(struct censusview *cv, enum census_sort s, const char *text);

/* What a sort is called on screen: "collateral". */
const char *census_sort_name(enum census_sort s);

/* Row i of the table as plain text, fitted to width columns. */
void census_row_text(const struct censusview *cv, size_t i, int width, char *out, size_t len);

/* The census screen's functions. */
extern const struct screen_ops census_ops;

#endif
