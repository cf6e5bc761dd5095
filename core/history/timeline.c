/* Reading the history: the intervals of a range of addresses, and a
 * small cache of single addresses for the terminal UI. */
#include "core/history/history.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

#include "core/base/strpool.h"
#include "core/history/handle.h"

static const char sql_intervals[] =
	"SELECT s.ip, z.key, z.name, s.state, s.error, s.codes, t.text,"
	" s.first_scan, s.last_scan, s.scans, f.time, l.time"
	" FROM state s JOIN zone z ON z.id = s.zone"
	" JOIN scan f ON f.id = s.first_scan JOIN scan l ON l.id = s.last_scan"
	" LEFT JOIN txt t ON t.id = s.txt"
	" WHERE s.ip BETWEEN ?1 AND ?2 ORDER BY s.ip, z.key, z.name, s.first_scan";

/* The scans that covered any address of the range. */
static const char sql_covered[] =
	"SELECT count(*), min(time), max(time) FROM scan"
	" WHERE net <= ?2 AND net + (1 << (32 - prefix)) > ?1";

static const char *text_col(sqlite3_stmt *st, int col)
{
	const unsigned char *s = sqlite3_column_text(st, col);

	return s ? (const char *)s : "";
}

static enum lk_state state_of(int code)
{
	return code == HS_LISTED ? LK_LISTED : code == HS_CLEAN ? LK_CLEAN : LK_ERROR;
}

/* One row into the next interval of t; -1 when out of memory. */
static int interval_add(struct history_timeline *t, size_t *cap, sqlite3_stmt *st)
{
	struct strpool *pool = t->strings;
	struct history_interval *iv;

	if (t->n == *cap) {
		size_t ncap = *cap ? *cap * 2 : 64;
		void *p = realloc(t->iv, ncap * sizeof *t->iv);

		if (!p)
			return -1;
		t->iv = p;
		*cap = ncap;
	}
	iv = &t->iv[t->n];
	iv->ip = (uint32_t)sqlite3_column_int64(st, 0);
	iv->zone_key = strpool_intern(pool, text_col(st, 1));
	iv->zone_name = strpool_intern(pool, text_col(st, 2));
	iv->state = state_of(sqlite3_column_int(st, 3));
	iv->error = strpool_intern(pool, text_col(st, 4));
	iv->codes = strpool_intern(pool, text_col(st, 5));
	iv->txt = strpool_intern(pool, text_col(st, 6));
	iv->first_scan = sqlite3_column_int64(st, 7);
	iv->last_scan = sqlite3_column_int64(st, 8);
	iv->scans = (unsigned)sqlite3_column_int64(st, 9);
	iv->first_time = sqlite3_column_int64(st, 10);
	iv->last_time = sqlite3_column_int64(st, 11);
	if (!iv->zone_key || !iv->zone_name || !iv->error || !iv->codes || !iv->txt)
		return -1;
	t->n++;
	return 0;
}

static int covered_read(struct history *h, uint32_t lo, uint32_t hi, struct history_timeline *t)
{
	sqlite3_stmt *st;
	int rc;

	if (sqlite3_prepare_v2(h->db, sql_covered, -1, &st, NULL) != SQLITE_OK)
		return -1;
	sqlite3_bind_int64(st, 1, lo);
	sqlite3_bind_int64(st, 2, hi);
	rc = sqlite3_step(st);
	if (rc == SQLITE_ROW) {
		t->scans = (size_t)sqlite3_column_int64(st, 0);
		t->first_time = sqlite3_column_int64(st, 1);
		t->last_time = sqlite3_column_int64(st, 2);
	}
	sqlite3_finalize(st);
	return rc == SQLITE_ROW ? 0 : -1;
}

static int intervals_read(struct history *h, uint32_t lo, uint32_t hi,
                          struct history_timeline *t)
{
	sqlite3_stmt *st;
	size_t cap = 0;
	int rc;

	if (sqlite3_prepare_v2(h->db, sql_intervals, -1, &st, NULL) != SQLITE_OK)
		return -1;
	sqlite3_bind_int64(st, 1, lo);
	sqlite3_bind_int64(st, 2, hi);
	while ((rc = sqlite3_step(st)) == SQLITE_ROW)
		if (interval_add(t, &cap, st) < 0)
			break;
	sqlite3_finalize(st);
	return rc == SQLITE_DONE ? 0 : -1;
}

int history_timeline(struct history *h, uint32_t lo, uint32_t hi, struct history_timeline *t,
                     char *err, size_t errlen)
{
	int rc;

	memset(t, 0, sizeof *t);
	if (!(t->strings = malloc(sizeof(struct strpool)))) {
		snprintf(err, errlen, "out of memory");
		return -1;
	}
	strpool_init(t->strings);
	/* One read transaction: the counts and the intervals agree. */
	if (history_exec(h, "BEGIN", err, errlen) < 0) {
		history_timeline_free(t);
		return -1;
	}
	rc = covered_read(h, lo, hi, t);
	if (rc == 0)
		rc = intervals_read(h, lo, hi, t);
	if (rc < 0)
		history_fail(h, "cannot read the history", err, errlen);
	sqlite3_exec(h->db, "COMMIT", NULL, NULL, NULL);
	if (rc < 0)
		history_timeline_free(t);
	return rc;
}

void history_timeline_free(struct history_timeline *t)
{
	if (t->strings)
		strpool_free(t->strings);
	free(t->strings);
	free(t->iv);
	memset(t, 0, sizeof *t);
}

void history_cache_clear(struct history *h)
{
	for (size_t i = 0; i < HISTORY_CACHE; i++) {
		if (h->cache[i].t)
			history_timeline_free(h->cache[i].t);
		free(h->cache[i].t);
		h->cache[i].t = NULL;
		h->cache[i].used = false;
	}
}

static int64_t seconds_now(void)
{
	struct timespec ts;

	clock_gettime(CLOCK_MONOTONIC, &ts);
	return (int64_t)ts.tv_sec;
}

/* Forget entry c. */
static void cached_drop(struct history_cached *c)
{
	if (c->used)
		history_timeline_free(c->t);
	c->used = false;
}

const struct history_timeline *history_address(struct history *h, uint32_t ip, char *err,
                                               size_t errlen)
{
	int64_t now = seconds_now();
	struct history_cached *c;

	for (size_t i = 0; i < HISTORY_CACHE; i++) {
		c = &h->cache[i];
		if (!c->used || c->ip != ip)
			continue;
		if (now - c->at < HISTORY_CACHE_SECONDS)
			return c->t;
		cached_drop(c);   /* too old: read again */
	}
	c = &h->cache[h->cache_next];
	h->cache_next = (h->cache_next + 1) % HISTORY_CACHE;
	cached_drop(c);
	if (!c->t && !(c->t = malloc(sizeof *c->t))) {
		snprintf(err, errlen, "out of memory");
		return NULL;
	}
	if (history_timeline(h, ip, ip, c->t, err, errlen) < 0)
		return NULL;
	c->used = true;
	c->ip = ip;
	c->at = now;
	return c->t;
}
