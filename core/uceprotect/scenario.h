/* Abuse scenarios for the policy simulator and the demo: ASNs, their
 * networks, and the impacts and whitelisting of single addresses, read
 * from reviewable text (assets/demo/scenario.txt; its format is described
 * at its top). */
#ifndef RBLSCOPE_SCENARIO_H
#define RBLSCOPE_SCENARIO_H

#include <stddef.h>
#include <stdint.h>
#include <stdio.h>

#include "core/uceprotect/policy.h"
#include "geo/asn.h"

#define SCENARIO_TITLE_MAX 96
#define SCENARIO_IMPACTS_MAX 1000000u   /* per address; keeps sums small */
/* A scenario's organisation names go into the TXT records of the demo's
 * zones (255 bytes at most), so they are kept short: a longer one is
 * refused, never cut. */
#define SCENARIO_ORG_MAX 128

struct sc_asn {
	uint32_t asn;
	char org[SCENARIO_ORG_MAX];
};

struct sc_net {
	uint32_t net;
	unsigned prefix;
	uint32_t asn;
};

struct scenario {
	char title[SCENARIO_TITLE_MAX];
	char policy[POLICY_NAME_MAX];   /* the policy to start with */
	uint32_t start;                 /* the address to open on */
	struct sc_asn *asns;            /* in file order */
	size_t nasns;
	struct sc_net *nets;            /* in address order */
	size_t nnets;
	struct policy_addr *addrs;      /* in address order, unique */
	size_t naddrs;
};

/* Parse a scenario text of len bytes read from path.  0, or -1 with
 * "path:LINE: reason" in err. */
int scenario_parse(const char *path, const char *text, size_t len,
                   struct scenario *sc, char *err, size_t errlen);

/* Parse the scenario built into the program (assets/demo/scenario.txt). */
int scenario_load_demo(struct scenario *sc, char *err, size_t errlen);

/* Deep copy of src into dst; 0, or -1 when out of memory. */
int scenario_copy(struct scenario *dst, const struct scenario *src);

/* Free what scenario_parse or scenario_copy allocated. */
void scenario_free(struct scenario *sc);

/* The ASN declared as asn, or NULL. */
const struct sc_asn *scenario_asn(const struct scenario *sc, uint32_t asn);

/* The network holding ip, or NULL. */
const struct sc_net *scenario_net_of(const struct scenario *sc, uint32_t ip);

/* The networks of asn as *nets (malloc'd, the caller frees), their count
 * and their total of addresses.  0, or -1 when out of memory. */
int scenario_asn_nets(const struct scenario *sc, uint32_t asn,
                      struct asn_net **nets, size_t *n, uint64_t *total);

/* The entry of ip, or NULL when the scenario says nothing of it. */
const struct policy_addr *scenario_addr(const struct scenario *sc, uint32_t ip);

/* Add n impacts to ip (a new entry when it has none).  0, or -1 when out
 * of memory or the address would exceed SCENARIO_IMPACTS_MAX. */
int scenario_add_impacts(struct scenario *sc, uint32_t ip, uint32_t n);

/* Write the networks as ASN CSV (start,end,asn,org), the input of
 * assets/build/mkasndb.pl.  0, or -1 on a write error. */
int scenario_asn_csv(const struct scenario *sc, FILE *out);

#endif
