/* The offline demo: a scenario's listings under the built-in policies,
 * written as the rbldnsd zone files of UCEPROTECT's zones into a private
 * directory, so that the zone-file backend (core/lookup/zonefile.h)
 * answers from them.  The policies are stepped through in date order;
 * impacts added can be taken back one by one, or all at once.  After
 * every change the files are rewritten: a backend reading them must be
 * reopened (session_reload_zones). */
#ifndef RBLSCOPE_DEMO_H
#define RBLSCOPE_DEMO_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#include "core/scan/options.h"
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

/* Room for demo_policy_line: date, title and " (demo)". */
#define DEMO_POLICY_LINE_MAX (POLICY_DATE_MAX + POLICY_TITLE_MAX + 16)

/* --demo: the built-in policies and scenario, on the scenario's policy,
 * its zone files written; opt completed (zones dir, no resolver, rate 0,
 * the demo's ASN database unless --db, the profile if none, the
 * scenario's start as the default target).  NULL with one line in err. */
struct demo *demo_open(struct options *opt, char *err, size_t errlen);

/* The demo of sc (copied) under the built-in policies, on the policy sc
 * names, its zone files written into a new directory under $TMPDIR (or
 * /tmp).  NULL with one line in err. */
struct demo *demo_new(const struct scenario *sc, char *err, size_t errlen);

/* The directory the zone files are in, for zonedir_backend_new. */
const char *demo_dir(const struct demo *d);

/* The scenario as changed so far. */
const struct scenario *demo_scenario(const struct demo *d);

/* The active policy. */
const struct policy *demo_policy(const struct demo *d);

/* The active policy's place among the built-in ones, in date order. */
size_t demo_policy_index(const struct demo *d);

/* How many policies are built in. */
size_t demo_policy_count(const struct demo *d);

/* Step through the policies in date order (1 next, -1 previous; wraps
 * both ways) and rewrite the zones.  0, or -1 with err set. */
int demo_policy_step(struct demo *d, int step, char *err, size_t errlen);

/* Add one impact to ip and rewrite the zones.  0, or -1 with err set. */
int demo_add_impact(struct demo *d, uint32_t ip, char *err, size_t errlen);

/* The impact demo_undo_impact would take back: true with *ip, false
 * when none was added. */
bool demo_last_impact(const struct demo *d, uint32_t *ip);

/* Take back the last impact demo_add_impact added and rewrite the zones:
 * 0 with its address in *ip, 1 when there is none to take back, -1 with
 * err set. */
int demo_undo_impact(struct demo *d, uint32_t *ip, char *err, size_t errlen);

/* The scenario's impacts as loaded again (the policy stays); rewrite the
 * zones.  0, or -1 with err set. */
int demo_reset(struct demo *d, char *err, size_t errlen);

/* True when the policy is not the opening one, or impacts added are not
 * all taken back. */
bool demo_changed(const struct demo *d);

/* The figures of asn, or NULL when the scenario does not declare it. */
const struct demo_asn *demo_asn(const struct demo *d, uint32_t asn);

/* The policy line of snapshots in buf, "2021-02-08: TITLE (demo)"; NULL
 * when d is NULL (outside the demo). */
const char *demo_policy_line(const struct demo *d, char *buf, size_t len);

/* Remove the zone files and their directory, and free d (NULL is fine). */
void demo_cleanup(struct demo *d);

#endif
