/* Recording a finished scan: one transaction in which each answer either
 * extends its address's latest interval in the zone or starts a new one. */
#include "core/history/history.h"

#include <stdio.h>
#include <string.h>

#include "core/base/ip.h"
#include "core/history/handle.h"
#include "core/lookup/dnsmsg.h"

/* Parameters shared by both statements: ?1 the scan, ?2 the address,
 * ?3 the zone, ?4 the state, ?5 the error, ?6 the codes, ?7 the TXT.
 * The latest interval is the one with the greatest first_scan. */
static const char sql_extend[] =
	"UPDATE state SET last_scan = ?1, scans = scans + 1"
	" WHERE ip = ?2 AND zone = ?3"
	" AND first_scan = (SELECT max(first_scan) FROM state WHERE ip = ?2 AND zone = ?3)"
	" AND state = ?4 AND error IS ?5 AND codes IS ?6 AND txt IS ?7";
static const char sql_start[] =
	"INSERT INTO state (ip, zone, first_scan, last_scan, scans, state, error, codes, txt)"
	" VALUES (?2, ?3, ?1, ?1, 1, ?4, ?5, ?6, ?7)";

struct recorder {
	struct history *h;
	sqlite3_stmt *extend, *start, *txt_add, *txt_get, *zone_add, *zone_get;
	int64_t scan;
	int64_t zone[64];
	const char *txt_last;   /* the scan's TXTs are interned: a pointer */
	int64_t txt_last_id;    /* names a text, and neighbours share it */
};

static int prepare(struct recorder *r, sqlite3_stmt **st, const char *sql)
{
	return sqlite3_prepare_v2(r->h->db, sql, -1, st, NULL) == SQLITE_OK ? 0 : -1;
}

static void finalize(struct recorder *r)
{
	sqlite3_finalize(r->extend);
	sqlite3_finalize(r->start);
	sqlite3_finalize(r->txt_add);
	sqlite3_finalize(r->txt_get);
	sqlite3_finalize(r->zone_add);
	sqlite3_finalize(r->zone_get);
}

/* Step a statement that returns no row, or one integer into *out. */
static int step(sqlite3_stmt *st, int64_t *out)
{
	int rc = sqlite3_step(st);

	if (rc == SQLITE_ROW && out)
		*out = sqlite3_column_int64(st, 0);
	sqlite3_reset(st);
	return rc == SQLITE_DONE || (rc == SQLITE_ROW && out) ? 0 : -1;
}

/* The id of text in the txt table, added if new. */
static int txt_id(struct recorder *r, const char *text, int64_t *id)
{
	if (text == r->txt_last) {
		*id = r->txt_last_id;
		return 0;
	}
	sqlite3_bind_text(r->txt_add, 1, text, -1, SQLITE_STATIC);
	sqlite3_bind_text(r->txt_get, 1, text, -1, SQLITE_STATIC);
	if (step(r->txt_add, NULL) < 0 || step(r->txt_get, id) < 0)
		return -1;
	r->txt_last = text;
	r->txt_last_id = *id;
	return 0;
}

static int zone_ids(struct recorder *r, const struct history_scan *hs)
{
	for (size_t z = 0; z < hs->nzones; z++) {
		sqlite3_bind_text(r->zone_add, 1, hs->zone_names[z], -1, SQLITE_STATIC);
		sqlite3_bind_text(r->zone_add, 2, hs->zone_keys[z], -1, SQLITE_STATIC);
		sqlite3_bind_text(r->zone_get, 1, hs->zone_names[z], -1, SQLITE_STATIC);
		if (step(r->zone_add, NULL) < 0 || step(r->zone_get, &r->zone[z]) < 0)
			return -1;
	}
	return 0;
}

static int scan_add(struct recorder *r, const struct history_scan *hs)
{
	sqlite3_stmt *st;
	int rc;

	if (prepare(r, &st, "INSERT INTO scan (time, target, profile, source, net, prefix)"
	            " VALUES (?, ?, ?, ?, ?, ?)") < 0)
		return -1;
	sqlite3_bind_int64(st, 1, hs->time);
	sqlite3_bind_text(st, 2, hs->target, -1, SQLITE_STATIC);
	sqlite3_bind_text(st, 3, hs->profile, -1, SQLITE_STATIC);
	sqlite3_bind_text(st, 4, hs->source, -1, SQLITE_STATIC);
	sqlite3_bind_int64(st, 5, hs->net);
	sqlite3_bind_int(st, 6, (int)hs->prefix);
	rc = step(st, NULL);
	sqlite3_finalize(st);
	r->scan = sqlite3_last_insert_rowid(r->h->db);
	return rc;
}

/* "127.0.0.2 127.0.0.4": every A code in the order of the answer. */
static void codes_text(const struct lookup *l, char *out, size_t len)
{
	char ip[IP4_STRLEN];
	size_t used = 0;
	uint32_t n;
	const uint32_t *codes = lk_codes(l, &n);

	out[0] = '\0';
	for (uint32_t i = 0; i < n && used + IP4_STRLEN + 1 < len; i++) {
		ip4_format(codes[i], ip);
		used += (size_t)snprintf(out + used, len - used, "%s%s", i ? " " : "", ip);
	}
}

static void bind_answer(sqlite3_stmt *st, int64_t scan, uint32_t ip, int64_t zone, int state,
                        const char *error, const char *codes, const int64_t *txt)
{
	sqlite3_bind_int64(st, 1, scan);
	sqlite3_bind_int64(st, 2, ip);
	sqlite3_bind_int64(st, 3, zone);
	sqlite3_bind_int(st, 4, state);
	if (error)
		sqlite3_bind_text(st, 5, error, -1, SQLITE_STATIC);
	else
		sqlite3_bind_null(st, 5);
	if (codes[0])
		sqlite3_bind_text(st, 6, codes, -1, SQLITE_STATIC);
	else
		sqlite3_bind_null(st, 6);
	if (txt)
		sqlite3_bind_int64(st, 7, *txt);
	else
		sqlite3_bind_null(st, 7);
}

/* One answer: the latest interval extended, or a new one. */
static int answer_add(struct recorder *r, uint32_t ip, size_t z, const struct lookup *l)
{
	char codes[DNSMSG_MAX_A * IP4_STRLEN];
	const char *error = NULL;
	int64_t txt = 0;
	int state;

	switch (l->state) {
	case LK_CLEAN: state = HS_CLEAN; break;
	case LK_LISTED: state = HS_LISTED; break;
	case LK_ERROR: state = HS_ERROR; error = lk_error_name(l->error); break;
	default: return 0;   /* pending: not observed */
	}
	codes_text(l, codes, sizeof codes);
	if (l->txt[0] && txt_id(r, l->txt, &txt) < 0)
		return -1;
	bind_answer(r->extend, r->scan, ip, r->zone[z], state, error, codes,
	            l->txt[0] ? &txt : NULL);
	if (step(r->extend, NULL) < 0)
		return -1;
	if (sqlite3_changes(r->h->db) > 0)
		return 0;
	bind_answer(r->start, r->scan, ip, r->zone[z], state, error, codes,
	            l->txt[0] ? &txt : NULL);
	return step(r->start, NULL);
}

static int record(struct recorder *r, const struct history_scan *hs)
{
	uint64_t n = (uint64_t)1 << (32 - hs->prefix);

	if (prepare(r, &r->extend, sql_extend) < 0 || prepare(r, &r->start, sql_start) < 0 ||
	    prepare(r, &r->txt_add, "INSERT INTO txt (text) VALUES (?) ON CONFLICT DO NOTHING") < 0 ||
	    prepare(r, &r->txt_get, "SELECT id FROM txt WHERE text = ?") < 0 ||
	    prepare(r, &r->zone_add, "INSERT INTO zone (name, key) VALUES (?1, ?2)"
	            " ON CONFLICT (name) DO UPDATE SET key = excluded.key") < 0 ||
	    prepare(r, &r->zone_get, "SELECT id FROM zone WHERE name = ?") < 0)
		return -1;
	if (scan_add(r, hs) < 0 || zone_ids(r, hs) < 0)
		return -1;
	for (uint64_t i = 0; i < n; i++)
		for (size_t z = 0; z < hs->nzones; z++)
			if (answer_add(r, hs->net + (uint32_t)i, z, &hs->answers[i * hs->nzones + z]) < 0)
				return -1;
	return 0;
}

int history_record(struct history *h, const struct history_scan *hs, char *err, size_t errlen)
{
	struct recorder r = { .h = h };

	if (!h->writable) {
		snprintf(err, errlen, "%s: opened for reading only", h->path);
		return -1;
	}
	if (hs->prefix > 32 || hs->prefix < 8 || hs->nzones > sizeof r.zone / sizeof r.zone[0]) {
		snprintf(err, errlen, "%s: cannot record a scan of /%u over %zu zones", h->path,
		         hs->prefix, hs->nzones);
		return -1;
	}
	/* IMMEDIATE: the write lock before the first read, so that two
	 * recording processes take turns (the busy timeout) instead of one
	 * failing on a lock it cannot upgrade (https://sqlite.org/lang_transaction.html). */
	if (history_exec(h, "BEGIN IMMEDIATE", err, errlen) < 0)
		return -1;
	if (record(&r, hs) < 0) {
		history_fail(h, "cannot record the scan", err, errlen);
		finalize(&r);
		sqlite3_exec(h->db, "ROLLBACK", NULL, NULL, NULL);
		return -1;
	}
	finalize(&r);
	history_cache_clear(h);
	return history_exec(h, "COMMIT", err, errlen);
}
