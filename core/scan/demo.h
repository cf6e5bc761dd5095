/* The offline demo: a scenario's listings under a policy, written as the
 * rbldnsd zone files of UCEPROTECT's zones into a private directory, so
 * that the zone-file backend (core/lookup/zonefile.h) answers from them. */
#ifndef RBLSCOPE_DEMO_H
#define RBLSCOPE_DEMO_H

#include <stddef.h>
#include <stdint.h>

#include "core/uceprotect/policy.h"
#include "core/uceprotect/scenario.h"

/* The figures of one ASN of the scenario under the active policy. */
struct demo_asn {
	uint32_t asn;
	const char *org;          /* valid as long as the demo */
	struct policy_eval ev;    /* level 2 blocks; level 3 arithmetic with the
	                             total of addresses, the count, the count
	                             needed and the spamscore; impacts, guilty
	                             and blocked addresses */
};

struct demo;

/* Compute the listings of sc (copied) under p and write the zone files
 * of the "uceprotect-full" profile into a new directory under $TMPDIR
 * (or /tmp).  NULL with one line in err on failure. */
struct demo *demo_prepare(const struct scenario *sc, const struct policy *p,
                          char *err, size_t errlen);

/* The directory the zone files are in, for zonedir_backend_new. */
const char *demo_dir(const struct demo *d);

/* The scenario as changed so far, and the active policy. */
const struct scenario *demo_scenario(const struct demo *d);
const struct policy *demo_policy(const struct demo *d);

/* Recompute under p and rewrite the zone files; a backend reading them
 * must be created anew.  0, or -1 with err set. */
int demo_set_policy(struct demo *d, const struct policy *p, char *err, size_t errlen);

/* Add one impact to ip (the "cascade" key), recompute and rewrite.  0, or
 * -1 with err set. */
int demo_add_impact(struct demo *d, uint32_t ip, char *err, size_t errlen);

/* The figures of asn, or NULL when the scenario does not declare it. */
const struct demo_asn *demo_asn(const struct demo *d, uint32_t asn);

/* Remove the zone files and their directory, and free d (NULL is fine). */
void demo_cleanup(struct demo *d);

#endif
