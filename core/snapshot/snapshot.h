/* Snapshots: the JSON export read back.  A snapshot is JSON Lines: a
 * header record first ("record": "header": format version, time,
 * targets, the profile with its zones and codes, the source, the ASN
 * database, the demo's policy), then one record per address as the
 * export writes it.  The format is described in rblscope(1), SNAPSHOTS. */
#ifndef RBLSCOPE_SNAPSHOT_H
#define RBLSCOPE_SNAPSHOT_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>
#include <stdio.h>
#include <time.h>

#include "core/base/strpool.h"
#include "core/lookup/codepool.h"
#include "core/scan/profile.h"
#include "core/scan/session.h"
#include "core/scan/target.h"

/* The format version this rblscope writes and reads. */
#define SNAPSHOT_VERSION 1
#define SNAPSHOT_FORMAT "rblscope-snapshot"

/* Limits on what a snapshot may hold: a line (its TXTs), records. */
#define SNAPSHOT_LINE_MAX (1u << 20)
#define SNAPSHOT_ROWS_MAX (1u << 24)

struct snap_row {
	uint32_t ip;
	struct asn_info asn;          /* org: the snapshot's own copy */
	struct lookup *zone;          /* an answer per zone of the profile */
};

struct snapshot {
	char *path;
	time_t when;                  /* when it was written */
	struct profile profile;       /* read from the header */
	char *source;                 /* "resolver 127.0.0.1:53", "zones DIR" */
	char *policy;                 /* the demo's policy line, or NULL */
	char *db;                     /* "PATH (TYPE, built DATE)", or NULL */
	size_t ntargets;
	struct target *targets;
	size_t nrows;
	struct snap_row *rows;        /* in address order, one per address */
	struct lookup *answers;       /* nrows x profile.nzones */
	struct strpool strs;          /* TXTs and AS names */
	struct codepool codes;
};

/* Write the header record of a snapshot of session s over ntargets
 * targets (texts as given), taken at when; policy may be NULL. */
void snapshot_header_write(FILE *f, const struct session *s, const struct target *targets,
                           size_t ntargets, const char *policy, time_t when);

/* Read the snapshot at path into snap; 0, or -1 with one line in err
 * ("PATH:LINE: reason").  Hostile input: every field is checked, every
 * text sanitised. */
int snapshot_read(const char *path, struct snapshot *snap, char *err, size_t errlen);

/* Free what snapshot_read allocated. */
void snapshot_free(struct snapshot *snap);

/* The row of ip, or NULL when the snapshot does not hold it. */
const struct snap_row *snapshot_row(const struct snapshot *snap, uint32_t ip);

/* An ASN database of the networks snap's records name (each with its
 * ASN and name), for the screens that need one; NULL when out of
 * memory. */
struct asn_db *snapshot_asn_db(const struct snapshot *snap);

/* The time of snap for people: "2026-11-25 14:30 UTC". */
void snapshot_time_text(const struct snapshot *snap, char *out, size_t len);

#endif
