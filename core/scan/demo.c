/* The offline demo.  Listings are computed by the policy engine and
 * written in rbldnsd ip4set format, one file per zone of the profile,
 * each replaced whole (write, then rename) so that a reader never sees
 * half a zone.  Every zone lists 127.0.0.2, as RFC 5782 requires. */
#include "core/scan/demo.h"

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

struct demo {
	char dir[DIR_MAX];
	struct scenario sc;
	const struct policy *pol;
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
	        what, d->pol->name, d->pol->title);
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
	fprintf(f, ":127.0.0.2:%s\n", d->pol->l1_txt);
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
			policy_txt(d->pol->l2_txt, net, k->count, a->org, a->asn,
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
		policy_txt(d->pol->l3_txt, "", a->ev.l3.count, a->org, a->asn,
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

/* Recompute under p; the old figures stay when that fails. */
static int recompute(struct demo *d, const struct policy *p, char *err, size_t errlen)
{
	struct demo_asn *a = evaluate(&d->sc, p);

	if (!a)
		return fail(err, errlen, "demo: out of memory");
	evals_free(d->asns, d->sc.nasns);
	d->asns = a;
	d->pol = p;
	return 0;
}

struct demo *demo_prepare(const struct scenario *sc, const struct policy *p,
                          char *err, size_t errlen)
{
	struct demo *d = calloc(1, sizeof(*d));

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
	if (scenario_copy(&d->sc, sc) < 0) {
		fail(err, errlen, "demo: out of memory");
		free(d);
		return NULL;
	}
	if (dir_make(d, err, errlen) < 0) {
		d->dir[0] = '\0';
		demo_cleanup(d);
		return NULL;
	}
	if (recompute(d, p, err, errlen) < 0 || zones_save(d, err, errlen) < 0) {
		demo_cleanup(d);
		return NULL;
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
	return d->pol;
}

int demo_set_policy(struct demo *d, const struct policy *p, char *err, size_t errlen)
{
	if (recompute(d, p, err, errlen) < 0)
		return -1;
	return zones_save(d, err, errlen);
}

int demo_add_impact(struct demo *d, uint32_t ip, char *err, size_t errlen)
{
	char s[IP4_STRLEN];

	if (scenario_add_impacts(&d->sc, ip, 1) < 0) {
		ip4_format(ip, s);
		return fail(err, errlen, "demo: cannot add an impact to %s (out of memory, "
		            "or already %u)", s, SCENARIO_IMPACTS_MAX);
	}
	return demo_set_policy(d, d->pol, err, errlen);
}

const struct demo_asn *demo_asn(const struct demo *d, uint32_t asn)
{
	for (size_t i = 0; i < d->sc.nasns; i++)
		if (d->asns[i].asn == asn)
			return &d->asns[i];
	return NULL;
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
	free(d);
}
