/* How far listings cover one ASN: its networks from the ASN database,
 * the state of each on the ASN zone and its coverage by the range zone,
 * probed one query per /24 (sampled evenly when the ASN is large). */
#ifndef RBLSCOPE_ASNSCAN_H
#define RBLSCOPE_ASNSCAN_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#include "core/scan/account.h"
#include "core/scan/scan.h"
#include "core/scan/session.h"

/* /24 probes for a whole ASN at most; beyond it, each network is sampled. */
#define ASNSCAN_DEFAULT_BUDGET 4096

struct asnscan_net {
	uint32_t net;
	unsigned prefix;
	size_t first, count;   /* its probe cells in the scan */
	uint64_t n24;          /* /24 blocks it spans (1 when smaller) */
};

struct asnscan_sum {
	enum lk_state l3;      /* listed if any probe says so, else error, pending, clean */
	size_t listed, clean, error, pending;   /* /24 probes by range zone state */
	size_t probes;
	bool sampled;          /* fewer probes than /24 blocks */
};

struct asnscan {
	uint32_t asn;
	const char *org;                /* "" if unnamed; the session's DB's */
	uint64_t total;                 /* IPv4 addresses of the ASN */
	struct asnscan_net *nets;
	size_t nnets;
	struct profile sub;             /* the profile's range and ASN zones */
	const char *zones[PROFILE_MAX_ZONES];
	struct scan sc;                 /* the probes: one address per /24 */
};

/* Find the networks of asn in the session's DB and plan the probes.
 * 0, or -1 with a one-line reason in err (no DB, unknown ASN, a profile
 * without range or ASN zones). */
int asnscan_init(struct asnscan *a, const struct session *s, uint32_t asn, size_t budget,
                 char *err, size_t errlen);

/* Start (or restart) the probes on the session's backend. */
void asnscan_start(struct asnscan *a, struct session *s, double rate, unsigned window,
                   unsigned qflags);

/* The state of network i so far. */
void asnscan_summary(const struct asnscan *a, size_t i, struct asnscan_sum *out);

/* Addresses of network i that the range zone lists, as far as the probes
 * tell: the networks the listings' TXT names (clipped to network i), and
 * for listings whose TXT names none, the share of the probes listed. */
uint64_t asnscan_l2_addrs(const struct asnscan *a, size_t i);

/* The first TXT of the ASN zone a probe returned, or "". */
const char *asnscan_l3_txt(const struct asnscan *a);

/* Addresses covered by an ASN listing, by range listings (estimated
 * from the probes where sampled), and the networks the ASN zone lists. */
void asnscan_totals(const struct asnscan *a, uint64_t *l3_addrs, uint64_t *l2_addrs,
                    size_t *l3_nets);

/* Exact figures from the session's zone files (core/scan/account.h):
 * *total over the ASN, per[i] for network i (a->nnets of them; may be
 * NULL).  1 when counted, 0 when the session cannot count exactly (live
 * DNS: the probes are all there is), -1 when out of memory. */
int asnscan_exact(const struct asnscan *a, const struct session *s, struct acct_sum *total,
                  struct acct_sum *per);

/* Free. */
void asnscan_free(struct asnscan *a);

#endif
