/* A scan: every address of a network in every zone of a profile, paced
 * by a token bucket and a cap on lookups in flight. */
#include "core/scan/scan.h"

#include <limits.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "core/base/ip.h"
#include "core/scan/zoneclass.h"

/* Lookups in flight point at their scan through a link that the scan
 * cuts when it restarts or is freed; answers that arrive after that are
 * dropped, and the last one frees the link. */
struct scan_link {
	struct scan *sc;
	size_t refs;
};

struct scan_query {
	struct scan_link *link;
	size_t index;
};

static void link_drop(struct scan_link *l)
{
	if (l && --l->refs == 0)
		free(l);
}

/* Cut the scan's link: what is in flight now will be dropped. */
static void link_cut(struct scan *sc)
{
	if (sc->link) {
		sc->link->sc = NULL;
		link_drop(sc->link);
		sc->link = NULL;
	}
}

static void pump(struct scan *sc);

/* Cells for n addresses (ips, or net + i when ips is NULL), pending. */
static int cells_make(struct scan *sc, const struct profile *p, const char *const *zones,
                      const uint32_t *ips, uint32_t net, size_t n, struct asn_db *db)
{
	sc->profile = p;
	sc->nzones = p->nzones;
	for (size_t z = 0; z < p->nzones; z++)
		sc->zones[z] = zones ? zones[z] : p->zones[z].zone;
	sc->ncells = n;
	sc->cells = calloc(n ? n : 1, sizeof *sc->cells);
	/* Only the zones the profile has: a /16 stays near 70 MB. */
	sc->answers = calloc(n && p->nzones ? n * p->nzones : 1, sizeof *sc->answers);
	if (!sc->cells || !sc->answers) {
		free(sc->cells);
		free(sc->answers);
		sc->cells = NULL;
		sc->answers = NULL;
		return -1;
	}
	for (size_t i = 0; i < n * p->nzones; i++)
		sc->answers[i].txt = "";
	for (size_t i = 0; i < n; i++) {
		sc->cells[i].zone = sc->answers + i * p->nzones;
		sc->cells[i].ip = ips ? ips[i] : net + (uint32_t)i;
		/* A DB error leaves the cell without ASN data, as for no DB:
		 * asn_db_lookup says so in it. */
		sc->cells[i].asn = ASN_INFO_NONE;
		if (db)
			(void)asn_db_lookup(db, sc->cells[i].ip, &sc->cells[i].asn);
	}
	sc->total = sc->ncells * sc->nzones;
	return 0;
}

int scan_init(struct scan *sc, const struct profile *p, const char *const *zones,
              uint32_t net, unsigned prefix, struct asn_db *db)
{
	memset(sc, 0, sizeof *sc);
	sc->net = net & ip4_mask(prefix);
	sc->prefix = prefix;
	sc->contiguous = true;
	return cells_make(sc, p, zones, NULL, sc->net, (size_t)cidr_size(prefix), db);
}

int scan_init_list(struct scan *sc, const struct profile *p, const char *const *zones,
                   const uint32_t *ips, size_t n, struct asn_db *db)
{
	memset(sc, 0, sizeof *sc);
	sc->net = n ? ips[0] : 0;
	sc->prefix = 32;
	return cells_make(sc, p, zones, ips, 0, n, db);
}

/* Keep res in l, its TXT and codes the scan's own copies, read by the
 * codes zone d documents: a code it does not document is an error, not
 * a listing; backends know only the rules every zone follows. */
static void keep(struct scan *sc, const struct zone_def *d, const struct lookup *res,
                 struct lookup *l)
{
	const uint32_t *codes;
	uint32_t n;

	*l = *res;
	codes = lk_codes(res, &n);
	l->ncodes = n;
	l->codes = codepool_intern(&sc->codes, codes, n);
	if (n && !l->codes) {
		lk_set_error(l, LKE_OTHER);   /* out of memory: never a listing */
		l->ncodes = 0;
		return;
	}
	/* One copy per distinct text. */
	if (!(l->txt = strpool_intern(&sc->txts, res->txt)))
		l->txt = "";
	if (n && (l->state == LK_LISTED ||
	          (l->state == LK_ERROR && (l->error == LKE_BLOCKED || l->error == LKE_BOGUS))))
		zone_classify(d, l->codes, n, l, NULL, 0);
}

/* Store one answer and count it, then keep the window full. */
static void record(struct scan *sc, size_t index, const struct lookup *res)
{
	size_t cell = index / sc->nzones, zone = index % sc->nzones;

	keep(sc, &sc->profile->zones[zone], res, &sc->cells[cell].zone[zone]);
	if (sc->distrust[zone])
		lk_set_error(&sc->cells[cell].zone[zone], LKE_UNTRUSTED);
	res = &sc->cells[cell].zone[zone];
	sc->inflight--;
	sc->done++;
	if (res->state == LK_ERROR)
		sc->failed++;
	if (res->state == LK_ERROR && (res->error == LKE_TIMEOUT || res->error == LKE_NETWORK)) {
		sc->dead_streak++;
	} else if (res->state != LK_ERROR) {
		sc->answered++;
		sc->dead_streak = 0;
	}
	if (sc->done == sc->total)
		sc->finished_ms = loop_now();
	if (sc->on_answer)
		sc->on_answer(sc->on_answer_arg, cell, zone);
	/* A dead resolver: waiting out every other timeout tells nothing. */
	if (!sc->answered && sc->dead_streak >= SCAN_DEAD_STREAK && sc->done < sc->total)
		scan_fail_rest(sc, res->error);
	pump(sc);
}

void scan_fail_rest(struct scan *sc, enum lk_error e)
{
	link_cut(sc);
	if (sc->lp)
		loop_timer_cancel(sc->lp, &sc->pace);
	sc->gave_up = e;
	for (size_t i = 0; i < sc->ncells; i++) {
		for (size_t z = 0; z < sc->nzones; z++) {
			struct lookup *l = &sc->cells[i].zone[z];

			if (l->state != LK_PENDING)
				continue;
			lk_set_error(l, e);
			sc->done++;
			sc->failed++;
			if (sc->on_answer)
				sc->on_answer(sc->on_answer_arg, i, z);
		}
	}
	sc->next = sc->total;
	sc->inflight = 0;
	if (!sc->finished_ms)
		sc->finished_ms = loop_now();
}

static void on_answer(void *arg, const struct lookup *res)
{
	struct scan_query q = *(struct scan_query *)arg;
	struct scan *sc = q.link->sc;

	free(arg);
	link_drop(q.link);
	if (sc)
		record(sc, q.index, res);
}

/* A lookup that could not be started is an error, never a silent gap. */
static void fail_now(struct scan *sc, size_t index)
{
	struct lookup res = { .txt = "" };

	lk_set_error(&res, LKE_OTHER);
	record(sc, index, &res);
}

static void on_pace(void *arg)
{
	pump(arg);
}

/* Refill the token bucket; a burst is at most a tenth of a second. */
static void credit_refill(struct scan *sc, uint64_t now)
{
	double cap = sc->rate / 10 > 1 ? sc->rate / 10 : 1;

	sc->credit += (double)(now - sc->credit_at) * sc->rate / 1000;
	if (sc->credit > cap)
		sc->credit = cap;
	sc->credit_at = now;
}

static void submit(struct scan *sc, size_t index)
{
	struct scan_query *q = sc->link ? malloc(sizeof *q) : NULL;
	struct scan_cell *c = &sc->cells[index / sc->nzones];
	int rc;

	sc->inflight++;
	if (!q) {
		fail_now(sc, index);
		return;
	}
	*q = (struct scan_query){ sc->link, index };
	sc->link->refs++;
	rc = backend_query(sc->be, c->ip, sc->zones[index % sc->nzones], sc->qflags, on_answer, q);
	if (rc < 0) {
		sc->link->refs--;
		free(q);
		fail_now(sc, index);
	} else if (rc == 1 && sc->rate > 0) {
		sc->credit += 1;   /* a cached answer costs the resolver nothing */
	}
}

/* Lookups that may be in flight now: the user's cap, and the backend's
 * congestion window where it has one. */
static unsigned scan_window(const struct scan *sc)
{
	unsigned w = sc->window;

	if (sc->be->ops->window) {
		unsigned bw = sc->be->ops->window(sc->be);

		if (bw < w)
			w = bw;
	}
	return w;
}

/* Start lookups while the window and the rate allow.  Answers that come
 * back at once (zone files) land here again: the flag keeps that a loop,
 * not a recursion as deep as the scan. */
static void pump(struct scan *sc)
{
	uint64_t now;

	if (sc->pumping)
		return;
	sc->pumping = true;
	while (!sc->paused && sc->next < sc->total && sc->inflight < scan_window(sc)) {
		if (sc->rate > 0) {
			now = loop_now();
			credit_refill(sc, now);
			if (sc->credit < 1) {
				double ms = (1 - sc->credit) * 1000 / sc->rate;
				/* options bound the rate; a wait never exceeds 100 s */
				uint64_t wait = (uint64_t)(ms < 100000 ? ms : 100000) + 1;

				loop_timer_arm(sc->lp, &sc->pace, now + wait);
				break;
			}
			sc->credit -= 1;
		}
		submit(sc, sc->next++);
	}
	sc->pumping = false;
}

/* Start over; keep says whether the answers so far stay readable as
 * the previous ones. */
static void start(struct scan *sc, struct loop *lp, struct backend *be, double rate,
                  unsigned window, unsigned qflags, bool keep)
{
	if (sc->lp)
		loop_timer_cancel(sc->lp, &sc->pace);
	sc->lp = lp;
	sc->be = be;
	sc->rate = rate;
	sc->window = window ? window : UINT_MAX;
	sc->qflags = qflags;
	link_cut(sc);
	sc->link = malloc(sizeof *sc->link);
	if (sc->link)
		*sc->link = (struct scan_link){ sc, 1 };
	sc->next = sc->done = sc->failed = sc->inflight = 0;
	sc->answered = sc->dead_streak = 0;
	sc->gave_up = LKE_NONE;
	sc->credit = 1;
	sc->credit_at = loop_now();
	sc->started_ms = sc->credit_at;
	sc->finished_ms = 0;
	sc->pace = (struct loop_timer){ .fn = on_pace, .arg = sc };
	sc->paused = false;
	free(sc->prev);
	sc->prev = NULL;
	/* Without room for the copy the old states simply go. */
	if (keep && sc->ncells && sc->nzones &&
	    (sc->prev = malloc(sc->ncells * sc->nzones * sizeof *sc->prev)))
		memcpy(sc->prev, sc->answers, sc->ncells * sc->nzones * sizeof *sc->prev);
	for (size_t i = 0; i < sc->ncells; i++)
		for (size_t z = 0; z < sc->nzones; z++)
			sc->cells[i].zone[z] = (struct lookup){ .state = LK_PENDING, .txt = "" };
	pump(sc);
}

void scan_start(struct scan *sc, struct loop *lp, struct backend *be, double rate,
                unsigned window, unsigned qflags)
{
	start(sc, lp, be, rate, window, qflags, false);
}

void scan_requery(struct scan *sc, struct loop *lp, struct backend *be, double rate,
                  unsigned window, unsigned qflags)
{
	start(sc, lp, be, rate, window, qflags, true);
}

void scan_pause(struct scan *sc)
{
	sc->paused = true;
	if (sc->lp)
		loop_timer_cancel(sc->lp, &sc->pace);
}

void scan_resume(struct scan *sc)
{
	if (!sc->paused)
		return;
	sc->paused = false;
	if (sc->lp && sc->link)
		pump(sc);
}

void scan_distrust(struct scan *sc, size_t zone)
{
	struct lookup *l;

	if (zone >= sc->nzones || sc->distrust[zone])
		return;
	sc->distrust[zone] = true;
	for (size_t i = 0; i < sc->ncells; i++) {
		l = &sc->cells[i].zone[zone];
		if (l->state == LK_PENDING || l->state == LK_ERROR)
			continue;
		lk_set_error(l, LKE_UNTRUSTED);
		sc->failed++;
	}
}

bool scan_finished(const struct scan *sc)
{
	return sc->done == sc->total;
}

void scan_run(struct scan *sc, volatile sig_atomic_t *stop)
{
	while (!scan_finished(sc) && !(stop && *stop))
		loop_run_once(sc->lp, -1);
}

struct scan_cell *scan_cell_of(struct scan *sc, uint32_t ip)
{
	size_t lo = 0, hi = sc->ncells;

	if (sc->contiguous)
		return (ip & ip4_mask(sc->prefix)) == sc->net ? &sc->cells[ip - sc->net] : NULL;
	while (lo < hi) {
		size_t mid = lo + (hi - lo) / 2;

		if (sc->cells[mid].ip == ip)
			return &sc->cells[mid];
		if (sc->cells[mid].ip < ip)
			lo = mid + 1;
		else
			hi = mid;
	}
	return NULL;
}

/* Does any zone of this role hold state s in the answers zs? */
static bool role_has_in(const struct scan *sc, const struct lookup *zs, enum zone_role role,
                        enum lk_state s)
{
	for (size_t z = 0; z < sc->nzones; z++)
		if (sc->profile->zones[z].role == role && zs[z].state == s)
			return true;
	return false;
}

static bool role_has(const struct scan *sc, const struct scan_cell *c, enum zone_role role,
                     enum lk_state s)
{
	return role_has_in(sc, c->zone, role, s);
}

/* Is the cell clean on every zone of this role? */
static bool role_clean(const struct scan *sc, const struct scan_cell *c, enum zone_role role)
{
	for (size_t z = 0; z < sc->nzones; z++)
		if (sc->profile->zones[z].role == role && c->zone[z].state != LK_CLEAN)
			return false;
	return true;
}

static const enum zone_role counted[] = { ZR_SINGLE, ZR_RANGE, ZR_ASN };
static const enum cell_class listed_class[] = { CC_GUILTY, CC_RANGE, CC_ASN };

/* The class the answers zs give, worst first. */
static enum cell_class class_of(const struct scan *sc, const struct lookup *zs)
{
	for (size_t i = 0; i < 3; i++)
		if (role_has_in(sc, zs, counted[i], LK_LISTED))
			return listed_class[i];
	for (size_t i = 0; i < 3; i++)
		if (role_has_in(sc, zs, counted[i], LK_ERROR))
			return CC_ERROR;
	for (size_t i = 0; i < 3; i++)
		if (role_has_in(sc, zs, counted[i], LK_PENDING))
			return CC_PENDING;
	return CC_CLEAN;
}

enum cell_class scan_cell_class(const struct scan *sc, const struct scan_cell *c)
{
	return class_of(sc, c->zone);
}

/* The class one zone's answer gives on its own. */
static enum cell_class zone_class(const struct scan *sc, const struct lookup *l, size_t z)
{
	switch (l->state) {
	case LK_LISTED:
		for (size_t i = 0; i < 3; i++)
			if (sc->profile->zones[z].role == counted[i])
				return listed_class[i];
		return CC_CLEAN;   /* a zone that is not counted */
	case LK_ERROR: return CC_ERROR;
	case LK_PENDING: return CC_PENDING;
	default: return CC_CLEAN;
	}
}

enum cell_class scan_cell_shown(const struct scan *sc, const struct scan_cell *c, int zone,
                                bool *stale)
{
	struct lookup zs[PROFILE_MAX_ZONES];
	const struct lookup *prev = sc->prev ? sc->prev + (size_t)(c - sc->cells) * sc->nzones :
	                            NULL;
	bool old = false;

	for (size_t z = 0; z < sc->nzones; z++) {
		zs[z] = c->zone[z];
		if (zs[z].state == LK_PENDING && prev && prev[z].state != LK_PENDING &&
		    (zone < 0 || (size_t)zone == z)) {
			zs[z] = prev[z];
			old = true;
		}
	}
	if (stale)
		*stale = old;
	if (zone >= 0 && (size_t)zone < sc->nzones)
		return zone_class(sc, &zs[zone], (size_t)zone);
	return class_of(sc, zs);
}

void scan_tally(const struct scan *sc, struct scan_tally *t)
{
	memset(t, 0, sizeof *t);
	t->cells = sc->ncells;
	t->done = sc->done;
	t->total = sc->total;
	t->failed = sc->failed;
	for (size_t i = 0; i < sc->ncells; i++) {
		const struct scan_cell *c = &sc->cells[i];
		bool range, asn, failed = false;

		for (size_t z = 0; z < sc->nzones; z++) {
			failed |= c->zone[z].state == LK_ERROR;
			switch (c->zone[z].state) {
			case LK_LISTED: t->listed[z]++; break;
			case LK_CLEAN: t->clean[z]++; break;
			case LK_ERROR: t->error[z]++; break;
			case LK_PENDING: t->pending[z]++; break;
			}
		}
		t->cls[scan_cell_class(sc, c)]++;
		t->cells_failed += failed;
		if (role_has(sc, c, ZR_SINGLE, LK_LISTED)) {
			t->guilty++;
			continue;
		}
		/* Collateral only when the address is known not to be guilty. */
		if (!role_clean(sc, c, ZR_SINGLE))
			continue;
		range = role_has(sc, c, ZR_RANGE, LK_LISTED);
		asn = role_has(sc, c, ZR_ASN, LK_LISTED);
		if (range || asn)
			t->collateral++;
		if (range)
			t->collateral_range++;
		else if (asn)
			t->collateral_asn++;
	}
}

void scan_ratio_text(const struct scan_tally *t, char *out, size_t len)
{
	if (t->guilty == 0 && t->collateral == 0)
		snprintf(out, len, "-");
	else if (t->guilty == 0)
		snprintf(out, len, "n/a (none guilty)");
	else
		snprintf(out, len, "%.1f", (double)t->collateral / (double)t->guilty);
}

void scan_free(struct scan *sc)
{
	link_cut(sc);
	if (sc->lp)
		loop_timer_cancel(sc->lp, &sc->pace);
	free(sc->cells);
	free(sc->answers);
	free(sc->prev);
	sc->prev = NULL;
	strpool_free(&sc->txts);
	codepool_free(&sc->codes);
	sc->cells = NULL;
	sc->answers = NULL;
	sc->ncells = 0;
}
