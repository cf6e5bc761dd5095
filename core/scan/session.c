/* A run's shared state, built once from the options. */
#include "core/scan/session.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <unistd.h>

#include "core/lookup/dns.h"
#include "core/base/ip.h"
#include "core/lookup/zonefile.h"

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

/* The DB named by --db (an error if unusable), else the first one found. */
static int db_open(struct session *s, char *err, size_t errlen)
{
	const char *path = s->opt->db_path;
	char why[256];

	if (path) {
		s->db = asn_db_open(path, err, errlen);
		return s->db ? 0 : EXIT_USAGE;
	}
	if (s->db_note[0])
		return 0;   /* the demo said why already */
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

const char *session_demo_db(char *buf, size_t len)
{
	const char *env = getenv("RBLSCOPE_DEMO_DB");
	char exe[4096];
	ssize_t n;

	if (env && *env) {
		snprintf(buf, len, "%s", env);
		return buf;
	}
	snprintf(buf, len, "%s/demo-asn.mmdb", RBLSCOPE_DATADIR);
	if (access(buf, R_OK) == 0)
		return buf;
	n = readlink("/proc/self/exe", exe, sizeof exe - 1);
	if (n > 0) {
		exe[n] = '\0';
		if (strrchr(exe, '/'))
			*strrchr(exe, '/') = '\0';
		snprintf(buf, len, "%.3000s/build/demo/asn.mmdb", exe);
		if (access(buf, R_OK) == 0)
			return buf;
	}
	return NULL;
}

/* --demo: write the scenario's zones under its first policy, and point
 * the options at them, its database and its start address. */
static int demo_open(struct session *s, char *err, size_t errlen)
{
	struct options *o = &s->opt_store;
	struct scenario sc;
	const struct policy *p;

	if (policy_set_load(&s->policies, err, errlen) < 0 ||
	    scenario_load_demo(&sc, err, errlen) < 0)
		return EXIT_USAGE;
	p = policy_set_find(&s->policies, sc.policy);
	if (!p) {
		snprintf(err, errlen, "demo/scenario.txt: policy '%s' is not built in", sc.policy);
		scenario_free(&sc);
		return EXIT_USAGE;
	}
	s->policy = (size_t)(p - s->policies.v);
	s->demo = demo_prepare(&sc, p, err, errlen);
	scenario_free(&sc);
	if (!s->demo)
		return EXIT_USAGE;
	o->zones_dir = demo_dir(s->demo);
	o->resolver = NULL;
	o->rate = 0;
	if (!o->db_path && !session_demo_db(s->demo_db, sizeof s->demo_db))
		snprintf(s->db_note, sizeof s->db_note,
		         "the demo's ASN database is not built (make); ASN columns are empty");
	else if (!o->db_path)
		o->db_path = s->demo_db;
	if (!o->has_target) {
		o->target = (struct target){ .kind = TARGET_NET, .prefix = 24 };
		o->target.focus = demo_scenario(s->demo)->start;
		o->target.net = o->target.focus & 0xffffff00u;
		ip4_format(o->target.focus, o->target.text);
		o->has_target = true;
	}
	return 0;
}

/* Reopen the zone-file backend after the demo rewrote its files. */
static int demo_reload(struct session *s, char *err, size_t errlen)
{
	backend_destroy(s->be);
	s->be = NULL;
	return backend_open(s, err, errlen) == 0 ? 0 : -1;
}

int session_demo_policy(struct session *s, int step, char *err, size_t errlen)
{
	size_t n = s->policies.n;

	if (!s->demo || n == 0) {
		snprintf(err, errlen, "policies can be switched in the demo only");
		return -1;
	}
	s->policy = (s->policy + n + (size_t)(step % (int)n + (int)n)) % n;
	if (demo_set_policy(s->demo, &s->policies.v[s->policy], err, errlen) < 0)
		return -1;
	return demo_reload(s, err, errlen);
}

int session_demo_impact(struct session *s, uint32_t ip, char *err, size_t errlen)
{
	if (!s->demo) {
		snprintf(err, errlen, "impacts can be added in the demo only");
		return -1;
	}
	if (demo_add_impact(s->demo, ip, err, errlen) < 0)
		return -1;
	return demo_reload(s, err, errlen);
}

int session_open(struct session *s, const struct options *opt, char *err, size_t errlen)
{
	int rc;

	memset(s, 0, sizeof *s);
	s->opt_store = *opt;
	s->opt = &s->opt_store;
	if (opt->demo && (rc = demo_open(s, err, errlen)) != 0) {
		session_close(s);
		return rc;
	}
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
	if (rc != 0)
		session_close(s);
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
	backend_destroy(s->be);
	s->be = NULL;
	if (s->db)
		asn_db_close(s->db);
	s->db = NULL;
	loop_free(s->lp);
	s->lp = NULL;
	demo_cleanup(s->demo);
	s->demo = NULL;
	policy_set_free(&s->policies);
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
