/* A run's shared state, built once from the options. */
#include "core/scan/session.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>

#include "core/lookup/dns.h"
#include "core/scan/account.h"
#include "core/lookup/zonefile.h"
#include "core/scan/zoneclass.h"
#include "core/base/ip.h"

/* Probe answers for RFC 5782's two test addresses. */
enum { PROBE_LISTED = 0x7f000002, PROBE_CLEAN = 0x7f000001 };

struct probe {
	struct session *s;
	size_t zone;
	bool must_list;
};

const char *zone_health_text(enum zone_health h)
{
	static const char *const text[] = {
		[ZH_UNKNOWN] = "not probed",
		[ZH_OK] = "ok",
		[ZH_DEAD] = "DEAD: test entry 127.0.0.2 not listed",
		[ZH_LISTS_ALL] = "LISTS EVERYTHING: 127.0.0.1 listed",
		[ZH_FAILED] = "probe failed",
	};

	return (unsigned)h <= ZH_FAILED ? text[h] : "?";
}

bool session_zone_trouble(const struct session *s, size_t z, char *out, size_t len)
{
	enum zone_health h = s->health[z];

	out[0] = '\0';
	if (h == ZH_OK || h == ZH_UNKNOWN)
		return false;
	snprintf(out, len, "%s %s: %s%s%s", s->profile->zones[z].key, s->zones[z],
	         zone_health_text(h), h == ZH_FAILED ? ": " : "",
	         h == ZH_FAILED ? lk_error_text(s->health_error[z]) : "");
	return true;
}

/* The DB named by --db (an error if unusable), else the first one found. */
static int db_open(struct session *s, char *err, size_t errlen)
{
	const char *path = s->opt->db_path;
	char why[256];

	if (s->opt->db) {   /* the caller's (a snapshot's): taken once */
		s->db = s->opt->db;
		s->opt_store.db = NULL;
		return 0;
	}
	if (path) {
		s->db = asn_db_open(path, err, errlen);
		return s->db ? 0 : EXIT_USAGE;
	}
	if (s->opt->db_note) {
		snprintf(s->db_note, sizeof s->db_note, "%s", s->opt->db_note);
		return 0;
	}
	path = asn_db_locate();
	if (!path) {
		snprintf(s->db_note, sizeof s->db_note,
		         "no ASN database found (use --db FILE or RBLSCOPE_DB); ASN columns are empty");
		return 0;
	}
	s->db = asn_db_open(path, why, sizeof why);
	if (!s->db)
		snprintf(s->db_note, sizeof s->db_note, "%.200s; ASN columns are empty", why);
	return 0;
}

static int backend_open(struct session *s, char *err, size_t errlen)
{
	const struct options *o = s->opt;

	if (o->backend) {   /* the caller's (a snapshot's): taken once */
		s->be = o->backend;
		s->opt_store.backend = NULL;
		return 0;
	}
	if (o->zones_dir) {
		s->be = zonedir_backend_new(o->zones_dir, s->zones, s->nzones,
		                            &(struct zone_opts){ .max_entries = o->zone_max_entries },
		                            s->zone_note,
		                            sizeof s->zone_note, err, errlen);
	} else {
		struct dns_config cfg = { o->resolver, o->timeout_ms, o->retries, o->window };

		s->be = dns_backend_new(s->lp, &cfg, err, errlen);
	}
	return s->be ? 0 : EXIT_USAGE;
}

int session_reload_zones(struct session *s, char *err, size_t errlen)
{
	if (!s->opt->zones_dir) {
		snprintf(err, errlen, "no zone files to read again: the zones are asked over DNS");
		return -1;
	}
	account_free(s->acct);
	s->acct = NULL;
	backend_destroy(s->be);
	s->be = NULL;
	return backend_open(s, err, errlen) == 0 ? 0 : -1;
}

int session_history_path(const struct options *o, char *out, size_t len)
{
	if (o->history_db) {
		snprintf(out, len, "%s", o->history_db);
		return 0;
	}
	return history_default_path(out, len);
}

/* Open s->history: to write with --record (0, or EXIT_USAGE with one
 * line in err: the database is bad or cannot be made); else, for the
 * terminal UI to read, when the file exists (left NULL when it cannot
 * be read, the reason in s->history_note). */
static int history_start(struct session *s, char *err, size_t errlen)
{
	const struct options *o = s->opt;
	char path[4096];
	struct stat st;

	if (session_history_path(o, path, sizeof path) < 0) {
		if (!o->record)
			return 0;
		snprintf(err, errlen, "--record: no history path: set HOME or XDG_STATE_HOME, or "
		         "give --history-db FILE");
		return EXIT_USAGE;
	}
	if (o->record) {
		s->history = history_open(path, HISTORY_WRITE, err, errlen);
		return s->history ? 0 : EXIT_USAGE;
	}
	/* Only the terminal UI reads it (the detail panel's timeline). */
	if (o->export || stat(path, &st) < 0)
		return 0;
	s->history = history_open(path, HISTORY_READ, s->history_note, sizeof s->history_note);
	return 0;
}

int session_open(struct session *s, const struct options *opt, char *err, size_t errlen)
{
	int rc;

	memset(s, 0, sizeof *s);
	s->opt_store = *opt;
	s->opt = &s->opt_store;
	opt = s->opt;
	s->profile = opt->profile;
	s->nzones = s->profile->nzones;
	for (size_t z = 0; z < s->nzones; z++)
		s->zones[z] = opt->zone_override[z] ? opt->zone_override[z] : s->profile->zones[z].zone;
	s->lp = loop_new();
	if (!s->lp) {
		snprintf(err, errlen, "out of memory");
		return EXIT_USAGE;
	}
	rc = db_open(s, err, errlen);
	if (rc == 0)
		rc = backend_open(s, err, errlen);
	if (rc == 0)
		rc = history_start(s, err, errlen);
	if (rc != 0) {
		backend_destroy(s->opt_store.backend);   /* given, never taken */
		asn_db_close(s->opt_store.db);
		session_close(s);
	}
	return rc;
}

static void probe_done(void *arg, const struct lookup *res)
{
	struct probe *p = arg;
	struct session *s = p->s;
	size_t z = p->zone;

	s->probes_left--;
	if (res->state == LK_ERROR) {
		s->health[z] = ZH_FAILED;
		s->health_error[z] = res->error;
	} else if (s->health[z] != ZH_FAILED) {
		if (p->must_list && res->state != LK_LISTED)
			s->health[z] = ZH_DEAD;
		else if (!p->must_list && res->state == LK_LISTED)
			s->health[z] = ZH_LISTS_ALL;
		else if (s->health[z] == ZH_UNKNOWN && s->probes_seen[z]++ == 1)
			s->health[z] = ZH_OK;
	}
	free(p);
}

void session_probe_start(struct session *s)
{
	for (size_t z = 0; z < s->nzones; z++) {
		s->health[z] = ZH_UNKNOWN;
		s->probes_seen[z] = 0;
	}
	for (size_t z = 0; z < s->nzones; z++) {
		for (int i = 0; i < 2; i++) {
			struct probe *p = malloc(sizeof *p);

			if (!p) {
				s->health[z] = ZH_FAILED;
				s->health_error[z] = LKE_OTHER;
				continue;
			}
			*p = (struct probe){ s, z, i == 0 };
			s->probes_left++;
			if (backend_query(s->be, i == 0 ? PROBE_LISTED : PROBE_CLEAN, s->zones[z],
			                  BQ_NOCACHE, probe_done, p) < 0) {
				s->probes_left--;
				s->health[z] = ZH_FAILED;
				s->health_error[z] = LKE_OTHER;
				free(p);
			}
		}
	}
}

bool session_probing(const struct session *s)
{
	return s->probes_left > 0;
}

bool session_zone_trusted(const struct session *s, size_t zone)
{
	/* A zone that lists 127.0.0.1 lists anything: believing it would
	 * blame innocent addresses.  A zone without 127.0.0.2 is only
	 * reported: its listings are still listings. */
	return s->health[zone] != ZH_LISTS_ALL;
}

int session_reach_profile(const struct session *s, struct profile *sub,
                          const char *zones[PROFILE_MAX_ZONES])
{
	const struct profile *p = s->profile;

	*sub = (struct profile){ .name = p->name, .title = p->title };
	for (size_t z = 0; z < p->nzones; z++) {
		if (p->zones[z].role != ZR_RANGE && p->zones[z].role != ZR_ASN)
			continue;
		zones[sub->nzones] = s->zones[z];
		sub->zones[sub->nzones++] = p->zones[z];
	}
	return sub->nzones ? 0 : -1;
}

void session_distrust_scan(const struct session *s, struct scan *sc)
{
	for (size_t z = 0; z < sc->nzones; z++)
		for (size_t pz = 0; pz < s->nzones; pz++)
			if (strcmp(sc->zones[z], s->zones[pz]) == 0 && !session_zone_trusted(s, pz))
				scan_distrust(sc, z);
}

void session_close(struct session *s)
{
	history_close(s->history);
	s->history = NULL;
	account_free(s->acct);
	s->acct = NULL;
	backend_destroy(s->be);
	s->be = NULL;
	if (s->db)
		asn_db_close(s->db);
	s->db = NULL;
	loop_free(s->lp);
	s->lp = NULL;
}

unsigned session_qflags(const struct session *s)
{
	return s->opt->no_txt ? 0 : BQ_TXT;
}

bool session_resolver_dead(const struct session *s, enum lk_error *why)
{
	*why = LKE_NONE;
	if (s->nzones == 0 || session_probing(s))
		return false;
	for (size_t z = 0; z < s->nzones; z++)
		if (s->health[z] != ZH_FAILED ||
		    (s->health_error[z] != LKE_TIMEOUT && s->health_error[z] != LKE_NETWORK))
			return false;
	*why = s->health_error[0];
	return true;
}

void session_dead_text(const struct session *s, enum lk_error why, const char *then, char *out,
                       size_t len)
{
	const struct backend_ops *ops = s->be->ops;
	const char *cause = ops->last_error ? ops->last_error(s->be) : "";

	snprintf(out, len, "%s does not answer (%s)%s", ops->describe(s->be),
	         cause[0] ? cause : lk_error_text(why), then);
}

/* ---- exact figures from zone files ---- */

bool session_zone_undocumented(const struct session *s, size_t z, char *why, size_t len)
{
	const struct zone_def *d = &s->profile->zones[z];
	const uint32_t *codes;
	const struct zonefile *zf = s->be ? zonedir_zonefile(s->be, s->zones[z]) : NULL;
	size_t n = zf ? zonefile_codes(zf, &codes) : 0;
	char ip[IP4_STRLEN];

	if (n > ZONEFILE_MAX_KNOWN) {
		snprintf(why, len, "%s %s lists with more than %d codes", d->key, s->zones[z],
		         ZONEFILE_MAX_KNOWN);
		return true;
	}
	for (size_t i = 0; i < n; i++) {
		struct lookup l = { .txt = "" };

		zone_classify(d, &codes[i], 1, &l, NULL, 0);
		if (l.state == LK_LISTED)
			continue;
		ip4_format(codes[i], ip);
		snprintf(why, len, "%s %s answers %s, a code its profile does not document",
		         d->key, s->zones[z], ip);
		return true;
	}
	return false;
}

bool session_exact_why(const struct session *s, char *why, size_t len)
{
	char buf[256];

	if (!why) {
		why = buf;
		len = sizeof buf;
	}
	why[0] = '\0';
	if (!s->opt || !s->opt->zones_dir || !s->be) {
		snprintf(why, len, "the zones are asked over DNS, not read from zone files");
		return false;
	}
	for (size_t z = 0; z < s->nzones; z++) {
		if (!zonedir_zonefile(s->be, s->zones[z])) {
			snprintf(why, len, "%s %s has no zone file", s->profile->zones[z].key, s->zones[z]);
			return false;
		}
		if (!session_zone_trusted(s, z)) {
			snprintf(why, len, "%s %s lists everything (127.0.0.1 listed)",
			         s->profile->zones[z].key, s->zones[z]);
			return false;
		}
		if (session_zone_undocumented(s, z, why, len))
			return false;
	}
	return true;
}

const struct account *session_account(const struct session *s)
{
	/* The cache is the session's own, built on demand: not a change a
	 * reader of the session sees. */
	struct session *w = (struct session *)s;
	const struct zonefile *zf[PROFILE_MAX_ZONES];

	if (!session_exact_why(s, NULL, 0))
		return NULL;
	if (s->acct && s->acct_be == s->be)
		return s->acct;
	account_free(w->acct);
	w->acct = NULL;
	for (size_t z = 0; z < s->nzones; z++)
		zf[z] = zonedir_zonefile(s->be, s->zones[z]);
	w->acct = account_new(s->profile, zf);
	w->acct_be = s->be;
	return w->acct;
}

bool session_exact(const struct session *s)
{
	return session_account(s) != NULL;
}
