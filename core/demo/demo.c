/* The offline demo.  Listings are computed by the policy engine and
 * written in rbldnsd ip4set format, one file per zone of the profile,
 * each replaced whole (write, then rename) so that a reader never sees
 * half a zone.  Every zone lists 127.0.0.2, as RFC 5782 requires.
 * Impacts added are kept in order: taking one back is the scenario as
 * loaded with all the others added again. */
#include "core/demo/demo.h"

#include <errno.h>
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "core/base/ip.h"
#include "core/scan/profile.h"

#define DEMO_PROFILE "uceprotect-full"
#define DIR_MAX 512
#define DB_PATH_MAX 4096

struct demo {
	char dir[DIR_MAX];
	char db[DB_PATH_MAX];      /* demo_open: the demo's ASN database */
	struct policy_set set;     /* the built-in policies, in date order */
	size_t pol;                /* the active one in set */
	size_t first;              /* the one the demo opened on */
	struct scenario loaded;    /* the scenario as given */
	struct scenario sc;        /* as changed */
	uint32_t *added;           /* the impacts added, oldest first */
	size_t nadded, added_cap;
	const struct profile *prof;
	struct demo_asn *asns;     /* one per ASN of sc, same order */
};

__attribute__((format(printf, 3, 4)))
static int fail(char *err, size_t errlen, const char *fmt, ...)
{
	va_list ap;

	va_start(ap, fmt);
	vsnprintf(err, errlen, fmt, ap);
	va_end(ap);
	return -1;
}

/* ---- computing ---- */

static void evals_free(struct demo_asn *a, size_t n)
{
	for (size_t i = 0; a && i < n; i++)
		policy_eval_free(&a[i].ev);
	free(a);
}

/* The figures of every ASN under p, or NULL when out of memory. */
static struct demo_asn *evaluate(const struct scenario *sc, const struct policy *p)
{
	struct demo_asn *a = calloc(sc->nasns ? sc->nasns : 1, sizeof(*a));

	for (size_t i = 0; a && i < sc->nasns; i++) {
		struct asn_net *nets;
		size_t n;
		uint64_t total;
		int rc;

		a[i].asn = sc->asns[i].asn;
		a[i].org = sc->asns[i].org;
		if (scenario_asn_nets(sc, a[i].asn, &nets, &n, &total) < 0) {
			evals_free(a, i);
			return NULL;
		}
		rc = policy_evaluate(p, sc->addrs, sc->naddrs, nets, n, &a[i].ev);
		free(nets);
		if (rc < 0) {
			evals_free(a, i);
			return NULL;
		}
	}
	return a;
}

/* ---- the zones ---- */

static void put_header(FILE *f, const struct demo *d, const char *what)
{
	fprintf(f, "# %s, written by rblscope's demo from its scenario\n"
	        "# under the policy %s (%s).  rbldnsd ip4set format.\n"
	        "$TTL 300\n"
	        "127.0.0.2\t# the RFC 5782 test entry\n",
	        what, demo_policy(d)->name, demo_policy(d)->title);
}

/* Whitelisted addresses are taken out of range and ASN listings. */
static void put_exclusions(FILE *f, const struct scenario *sc)
{
	char ip[IP4_STRLEN];

	for (size_t i = 0; i < sc->naddrs; i++) {
		if (!sc->addrs[i].whitelisted)
			continue;
		ip4_format(sc->addrs[i].ip, ip);
		fprintf(f, "!%s\t# whitelisted\n", ip);
	}
}

static void zone_l1(FILE *f, const struct demo *d)
{
	char ip[IP4_STRLEN];

	put_header(f, d, "UCEPROTECT level 1 (addresses with impacts)");
	fprintf(f, ":127.0.0.2:%s\n", demo_policy(d)->l1_txt);
	for (size_t i = 0; i < d->sc.naddrs; i++) {
		if (d->sc.addrs[i].impacts == 0)
			continue;
		ip4_format(d->sc.addrs[i].ip, ip);
		fprintf(f, "%s\t# impacts: %u\n", ip, (unsigned)d->sc.addrs[i].impacts);
	}
}

static void zone_l2(FILE *f, const struct demo *d)
{
	put_header(f, d, "UCEPROTECT level 2 (ranges)");
	for (size_t i = 0; i < d->sc.nasns; i++) {
		const struct demo_asn *a = &d->asns[i];

		for (size_t b = 0; b < a->ev.nblocks; b++) {
			const struct policy_block *k = &a->ev.blocks[b];
			char net[CIDR_STRLEN], txt[POLICY_TXT_MAX];

			cidr_format(k->net, k->prefix, net);
			policy_txt(demo_policy(d)->l2_txt, net, k->count, a->org, a->asn,
			           a->ev.l3.spamscore, txt, sizeof txt);
			fprintf(f, "%s :127.0.0.2:%s\n", net, txt);
		}
	}
	put_exclusions(f, &d->sc);
}

static void zone_l3(FILE *f, const struct demo *d)
{
	put_header(f, d, "UCEPROTECT level 3 (whole ASNs)");
	for (size_t i = 0; i < d->sc.nasns; i++) {
		const struct demo_asn *a = &d->asns[i];
		char txt[POLICY_TXT_MAX];

		if (!a->ev.l3.listed)
			continue;
		policy_txt(demo_policy(d)->l3_txt, "", a->ev.l3.count, a->org, a->asn,
		           a->ev.l3.spamscore, txt, sizeof txt);
		for (size_t n = 0; n < d->sc.nnets; n++) {
			char net[CIDR_STRLEN];

			if (d->sc.nets[n].asn != a->asn)
				continue;
			cidr_format(d->sc.nets[n].net, d->sc.nets[n].prefix, net);
			fprintf(f, "%s :127.0.0.2:%s\n", net, txt);
		}
	}
	put_exclusions(f, &d->sc);
}

static void zone_allow(FILE *f, const struct demo *d)
{
	char ip[IP4_STRLEN];

	put_header(f, d, "The whitelist");
	for (size_t i = 0; i < d->sc.naddrs; i++) {
		if (!d->sc.addrs[i].whitelisted)
			continue;
		ip4_format(d->sc.addrs[i].ip, ip);
		fprintf(f, "%s\n", ip);
	}
}

/* Lists nobody: the scenario says nothing about this zone. */
static void zone_other(FILE *f, const struct demo *d)
{
	put_header(f, d, "A zone the scenario does not use");
}

static void zone_write(FILE *f, const struct demo *d, enum zone_role role)
{
	switch (role) {
	case ZR_SINGLE: zone_l1(f, d); break;
	case ZR_RANGE: zone_l2(f, d); break;
	case ZR_ASN: zone_l3(f, d); break;
	case ZR_ALLOW: zone_allow(f, d); break;
	case ZR_INFO: zone_other(f, d); break;
	}
}

static int zone_path(const struct demo *d, const char *zone, const char *suffix,
                     char *path, size_t len)
{
	int n = snprintf(path, len, "%s/%s%s", d->dir, zone, suffix);

	return n < 0 || (size_t)n >= len ? -1 : 0;
}

static int zone_save(const struct demo *d, const struct zone_def *z, char *err, size_t errlen)
{
	char tmp[DIR_MAX + 128], path[DIR_MAX + 128];
	FILE *f;
	int rc;

	if (zone_path(d, z->zone, ".tmp", tmp, sizeof tmp) < 0 ||
	    zone_path(d, z->zone, "", path, sizeof path) < 0)
		return fail(err, errlen, "demo: zone name too long: %s", z->zone);
	if (!(f = fopen(tmp, "w")))
		return fail(err, errlen, "demo: cannot write %s: %s", tmp, strerror(errno));
	zone_write(f, d, z->role);
	rc = ferror(f) ? -1 : 0;
	if (fclose(f) != 0 || rc < 0 || rename(tmp, path) < 0) {
		fail(err, errlen, "demo: cannot write %s: %s", path, strerror(errno));
		unlink(tmp);
		return -1;
	}
	return 0;
}

static int zones_save(const struct demo *d, char *err, size_t errlen)
{
	for (size_t i = 0; i < d->prof->nzones; i++)
		if (zone_save(d, &d->prof->zones[i], err, errlen) < 0)
			return -1;
	return 0;
}

/* ---- the demo ---- */

static int dir_make(struct demo *d, char *err, size_t errlen)
{
	const char *base = getenv("TMPDIR");
	int n;

	if (!base || !*base)
		base = "/tmp";
	n = snprintf(d->dir, sizeof d->dir, "%s/rblscope-demo.XXXXXX", base);
	if (n < 0 || (size_t)n >= sizeof d->dir - 64)
		return fail(err, errlen, "demo: the folder name TMPDIR=%s is too long", base);
	if (!mkdtemp(d->dir))
		return fail(err, errlen, "demo: cannot create a folder in %s: %s", base, strerror(errno));
	return 0;
}

/* Make next (taken over; NULL: the scenario as it is) the scenario under
 * policy i.  0, or -1 when out of memory: then d is as it was and next
 * is freed.  The zones are for the caller to write. */
static int commit(struct demo *d, struct scenario *next, size_t i, char *err, size_t errlen)
{
	struct demo_asn *a = evaluate(next ? next : &d->sc, &d->set.v[i]);

	if (!a) {
		if (next)
			scenario_free(next);
		return fail(err, errlen, "demo: out of memory");
	}
	evals_free(d->asns, d->sc.nasns);
	d->asns = a;
	if (next) {
		scenario_free(&d->sc);
		d->sc = *next;
	}
	d->pol = i;
	return 0;
}

/* The scenario as loaded with the first n impacts added, into next. */
static int replay(const struct demo *d, size_t n, struct scenario *next, char *err, size_t errlen)
{
	if (scenario_copy(next, &d->loaded) < 0)
		return fail(err, errlen, "demo: out of memory");
	for (size_t i = 0; i < n; i++) {
		if (scenario_add_impacts(next, d->added[i], 1) < 0) {
			scenario_free(next);
			return fail(err, errlen, "demo: out of memory");
		}
	}
	return 0;
}

/* A demo of sc with no zones written yet: the policies, the scenario and
 * the folder.  NULL with err set. */
static struct demo *demo_alloc(const struct scenario *sc, char *err, size_t errlen)
{
	struct demo *d = calloc(1, sizeof(*d));
	const struct policy *p;

	if (!d) {
		fail(err, errlen, "demo: out of memory");
		return NULL;
	}
	d->prof = profile_find(DEMO_PROFILE);
	if (!d->prof) {
		fail(err, errlen, "demo: no built-in profile '%s'", DEMO_PROFILE);
		free(d);
		return NULL;
	}
	if (policy_set_load(&d->set, err, errlen) < 0) {
		free(d);
		return NULL;
	}
	p = policy_set_find(&d->set, sc->policy);
	if (!p) {
		fail(err, errlen, "demo: the scenario's policy '%s' is not built in", sc->policy);
		demo_cleanup(d);
		return NULL;
	}
	d->first = (size_t)(p - d->set.v);
	if (scenario_copy(&d->loaded, sc) < 0) {
		fail(err, errlen, "demo: out of memory");
		demo_cleanup(d);
		return NULL;
	}
	if (dir_make(d, err, errlen) < 0) {
		d->dir[0] = '\0';
		demo_cleanup(d);
		return NULL;
	}
	return d;
}

struct demo *demo_new(const struct scenario *sc, char *err, size_t errlen)
{
	struct demo *d = demo_alloc(sc, err, errlen);
	struct scenario first;

	if (!d)
		return NULL;
	if (replay(d, 0, &first, err, errlen) < 0 || commit(d, &first, d->first, err, errlen) < 0 ||
	    zones_save(d, err, errlen) < 0) {
		demo_cleanup(d);
		return NULL;
	}
	return d;
}

/* Where the demo's ASN database is: $RBLSCOPE_DEMO_DB, the installed
 * data folder, then build/demo/ beside the program; NULL when nowhere. */
static const char *db_locate(char *buf, size_t len)
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

struct demo *demo_open(struct options *opt, char *err, size_t errlen)
{
	struct scenario sc;
	struct demo *d;

	if (scenario_load_demo(&sc, err, errlen) < 0)
		return NULL;
	d = demo_new(&sc, err, errlen);
	scenario_free(&sc);
	if (!d)
		return NULL;
	opt->zones_dir = d->dir;
	opt->resolver = NULL;
	opt->rate = 0;
	if (!opt->profile)
		opt->profile = profile_find(PROFILE_DEFAULT);
	if (!opt->db_path && db_locate(d->db, sizeof d->db))
		opt->db_path = d->db;
	else if (!opt->db_path)
		opt->db_note = "the demo's ASN database is not built (make); ASN columns are empty";
	if (!opt->has_target) {
		opt->target = (struct target){ .kind = TARGET_NET, .prefix = 24 };
		opt->target.focus = d->sc.start;
		opt->target.net = d->sc.start & 0xffffff00u;
		ip4_format(d->sc.start, opt->target.text);
		opt->has_target = true;
	}
	return d;
}

const char *demo_dir(const struct demo *d)
{
	return d->dir;
}

const struct scenario *demo_scenario(const struct demo *d)
{
	return &d->sc;
}

const struct policy *demo_policy(const struct demo *d)
{
	return &d->set.v[d->pol];
}

size_t demo_policy_index(const struct demo *d)
{
	return d->pol;
}

size_t demo_policy_count(const struct demo *d)
{
	return d->set.n;
}

int demo_policy_step(struct demo *d, int step, char *err, size_t errlen)
{
	size_t n = d->set.n;
	size_t i = (d->pol + (size_t)(step % (int)n + (int)n)) % n;

	if (commit(d, NULL, i, err, errlen) < 0)
		return -1;
	return zones_save(d, err, errlen);
}

int demo_add_impact(struct demo *d, uint32_t ip, char *err, size_t errlen)
{
	struct scenario next;
	char s[IP4_STRLEN];

	if (d->nadded == d->added_cap) {
		size_t cap = d->added_cap ? 2 * d->added_cap : 64;
		uint32_t *v = realloc(d->added, cap * sizeof(*v));

		if (!v)
			return fail(err, errlen, "demo: out of memory");
		d->added = v;
		d->added_cap = cap;
	}
	if (scenario_copy(&next, &d->sc) < 0)
		return fail(err, errlen, "demo: out of memory");
	if (scenario_add_impacts(&next, ip, 1) < 0) {
		scenario_free(&next);
		ip4_format(ip, s);
		return fail(err, errlen, "demo: cannot add an impact to %s (out of memory, "
		            "or already %u)", s, SCENARIO_IMPACTS_MAX);
	}
	if (commit(d, &next, d->pol, err, errlen) < 0)
		return -1;
	d->added[d->nadded++] = ip;
	return zones_save(d, err, errlen);
}

bool demo_last_impact(const struct demo *d, uint32_t *ip)
{
	if (d->nadded == 0)
		return false;
	*ip = d->added[d->nadded - 1];
	return true;
}

int demo_undo_impact(struct demo *d, uint32_t *ip, char *err, size_t errlen)
{
	struct scenario next;

	if (d->nadded == 0)
		return 1;
	if (replay(d, d->nadded - 1, &next, err, errlen) < 0 ||
	    commit(d, &next, d->pol, err, errlen) < 0)
		return -1;
	*ip = d->added[--d->nadded];
	return zones_save(d, err, errlen);
}

int demo_reset(struct demo *d, char *err, size_t errlen)
{
	struct scenario next;

	if (replay(d, 0, &next, err, errlen) < 0 || commit(d, &next, d->pol, err, errlen) < 0)
		return -1;
	d->nadded = 0;
	return zones_save(d, err, errlen);
}

bool demo_changed(const struct demo *d)
{
	return d->pol != d->first || d->nadded > 0;
}

const struct demo_asn *demo_asn(const struct demo *d, uint32_t asn)
{
	for (size_t i = 0; i < d->sc.nasns; i++)
		if (d->asns[i].asn == asn)
			return &d->asns[i];
	return NULL;
}

const char *demo_policy_line(const struct demo *d, char *buf, size_t len)
{
	const struct policy *p;

	if (!d)
		return NULL;
	p = demo_policy(d);
	snprintf(buf, len, "%s: %s (demo)", p->date, p->title);
	return buf;
}

void demo_cleanup(struct demo *d)
{
	char path[DIR_MAX + 128];

	if (!d)
		return;
	for (size_t i = 0; d->dir[0] && i < d->prof->nzones; i++) {
		if (zone_path(d, d->prof->zones[i].zone, "", path, sizeof path) == 0)
			unlink(path);
		if (zone_path(d, d->prof->zones[i].zone, ".tmp", path, sizeof path) == 0)
			unlink(path);
	}
	if (d->dir[0])
		rmdir(d->dir);
	evals_free(d->asns, d->sc.nasns);
	scenario_free(&d->sc);
	scenario_free(&d->loaded);
	policy_set_free(&d->set);
	free(d->added);
	free(d);
}
