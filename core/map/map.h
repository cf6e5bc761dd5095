/* Maps of address space: a scope (a CIDR block, or a list of networks
 * such as one ASN's inside the block that holds them) laid out on the
 * Hilbert curve of core/map/hilbert.h, in cells of 2^k addresses each,
 * with exact counts per cell from the listed ranges of zone files.  The
 * PNG export draws one; a terminal screen can draw one cell per half
 * character block.
 *
 * The class of a cell, for colouring (map_cell_class): its worst class
 * present, in the order of the terminal grid (guilty, then range, then
 * ASN, then clean); a cell without an address of the scope is
 * outside.  How much of its addresses are blocked (map_cell_share) says
 * how strongly it shows that colour. */
#ifndef RBLSCOPE_MAP_H
#define RBLSCOPE_MAP_H

#include <stddef.h>
#include <stdint.h>

#include "core/lookup/zonefile.h"
#include "core/scan/session.h"
#include "geo/asn.h"

/* The classes of a cell, from the least to the worst. */
enum map_class {
	MC_OUTSIDE,   /* no address of the scope */
	MC_CLEAN,     /* addresses of the scope, none listed */
	MC_ASN,       /* some listed on the ASN zone (ZR_ASN) alone */
	MC_RANGE,     /* some listed on the range zone (ZR_RANGE), none guilty */
	MC_GUILTY,    /* some listed on the single zone (ZR_SINGLE) */
	MC_COUNT
};

/* The counts of one cell, or of a whole map; collateral is blocked less
 * guilty.  A cell holds 2^31 addresses at most, so 32 bits hold them. */
struct map_cell {
	uint32_t addrs;     /* addresses of the scope */
	uint32_t guilty;    /* listed on the single (ZR_SINGLE) zone */
	uint32_t range;     /* listed on the range (ZR_RANGE) zone */
	uint32_t asn;       /* listed on the ASN (ZR_ASN) zone */
	uint32_t blocked;   /* listed on any of them */
};

struct map_totals {
	uint64_t addrs, guilty, range, asn, blocked;
};

/* What a map shows: the block the curve runs through, and the ranges
 * inside it that count (sorted, disjoint, inclusive). */
struct map_scope {
	uint32_t net;
	unsigned prefix;
	struct zone_spans in;
};

/* The listings of a profile's zones, one union of ranges per role. */
struct map_layers {
	struct zone_spans guilty, range, asn;
};

/* The cells along the curve as runs of equal cells: run i covers cells
 * run_first[i] to run_first[i + 1] - 1 (the last run to the end). */
struct map {
	uint32_t net;              /* the block */
	unsigned prefix;
	unsigned cell_bits;        /* each cell is 2^cell_bits addresses */
	unsigned curve_bits;       /* 32 - prefix - cell_bits */
	uint32_t w, h;             /* cells across and down */
	size_t nruns;
	uint64_t *run_first;       /* the first cell (step of the curve) of each run */
	struct map_cell *run_cell; /* the counts of every cell of the run */
	struct map_totals total;
};

/* Loopback, left out of every scope: the zones keep their RFC 5782 test
 * entries there (127.0.0.2 listed), which are no listings. */
#define MAP_LOOPBACK_NET 0x7f000000u
#define MAP_LOOPBACK_PREFIX 8

/* The whole block net/prefix as a scope (loopback left out).  0, or -1
 * when out of memory. */
int map_scope_cidr(struct map_scope *sc, uint32_t net, unsigned prefix);

/* The IPv4 networks of asn in db as a scope, in the smallest block that
 * holds them all.  0, or -1 with a one-line reason in err (no network,
 * a DB error, out of memory). */
int map_scope_asn(struct map_scope *sc, struct asn_db *db, uint32_t asn, char *err,
                  size_t errlen);

/* Free a scope's ranges. */
void map_scope_free(struct map_scope *sc);

/* The listings of the session's zone files, by role (ZR_INFO and
 * ZR_ALLOW zones are not counted).  0; 1 when some zones could not be
 * counted (no file, or a zone that lists 127.0.0.1 and so everything),
 * named one per line in warn; -1 with a one-line reason in err when the
 * session has no zone files (live DNS) or memory runs out. */
int map_layers_load(struct map_layers *ly, const struct session *s, char *warn,
                    size_t warnlen, char *err, size_t errlen);

/* Free the layers. */
void map_layers_free(struct map_layers *ly);

/* The smallest cell size in bits for which the map of a /prefix block
 * fits max_w x max_h cells; even, so that a cell is a square of the
 * curve and the map has the block's shape (a cell holds 2^30 addresses
 * at most, 2^31 for a /1). */
unsigned map_fit(unsigned prefix, uint32_t max_w, uint32_t max_h);

/* Count the scope's addresses and listings into cells of 2^cell_bits
 * addresses (cell_bits <= 32 - prefix, and <= 31): one walk over the
 * ranges' boundaries.  0, or -1 when out of memory or cell_bits is out
 * of range. */
int map_render(struct map *m, const struct map_scope *sc, const struct map_layers *ly,
               unsigned cell_bits);

/* The cell at step d of the curve (d < w x h). */
const struct map_cell *map_cell_index(const struct map *m, uint64_t d);

/* The cell at x,y (x < w, y < h). */
const struct map_cell *map_cell_at(const struct map *m, uint32_t x, uint32_t y);

/* The first address of the cell at x,y. */
uint32_t map_cell_addr(const struct map *m, uint32_t x, uint32_t y);

/* The class a cell is coloured by (see the top of this file). */
enum map_class map_cell_class(const struct map_cell *c);

/* The share of a cell's addresses that are blocked, 0 to 1 (0 for a
 * cell outside the scope). */
double map_cell_share(const struct map_cell *c);

/* Free the runs. */
void map_free(struct map *m);

#endif
