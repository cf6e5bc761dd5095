/* DNSBL listing policies: which ranges (level 2) and which ASNs (level 3)
 * a list such as UCEPROTECT blocks for a given amount of abuse.  The
 * criteria are data (assets/policies/NAME.policy, format described in
 * 2010.policy): core/uceprotect/policyparse.c reads them, core/uceprotect/policy.c evaluates
 * them, without I/O, for the policy simulator and the demo. */
#ifndef RBLSCOPE_POLICY_H
#define RBLSCOPE_POLICY_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#include "geo/asn.h"

#define POLICY_NAME_MAX 32
#define POLICY_TITLE_MAX 80
#define POLICY_DATE_MAX 11    /* "2021-02-08" and its NUL */
#define POLICY_TXT_MAX 256    /* rbldnsd cuts TXT at 255 */
#define POLICY_PCT_MAX 16

/* What a level counts: L1-listed addresses, or their impacts. */
enum policy_unit { PU_IPS, PU_IMPACTS };

/* How level 3 compares the count with the share of the ASN. */
enum policy_cmp { PC_GE, PC_GT };

struct policy {
	char name[POLICY_NAME_MAX];      /* the file's name: "2021-02-08" */
	char title[POLICY_TITLE_MAX];
	char date[POLICY_DATE_MAX];      /* "2010", "2024-10", "2021-02-08" */
	char l1_txt[POLICY_TXT_MAX];     /* '$' is the address (rbldnsd) */
	enum policy_unit l2_unit;
	uint32_t l2_min[33];             /* per prefix length; 0: not evaluated */
	unsigned l2_widest, l2_narrowest;
	char l2_txt[POLICY_TXT_MAX];     /* {net} {count} {org} {asn} */
	enum policy_unit l3_unit;
	uint64_t l3_num, l3_den;         /* the share, l3_num / l3_den */
	char l3_pct[POLICY_PCT_MAX];     /* the share as written: "0.05" */
	enum policy_cmp l3_cmp;
	uint32_t l3_min;                 /* a smaller count never lists */
	char l3_txt[POLICY_TXT_MAX];     /* {org} {asn} {count} {score} */
};

/* The built-in policies, in date order. */
struct policy_set {
	struct policy *v;
	size_t n;
};

/* What one address contributes: its impacts in the last 7 days (more
 * than 0: it is on level 1) and whether it is whitelisted (then it is
 * never counted for level 2 or 3). */
struct policy_addr {
	uint32_t ip;
	uint32_t impacts;
	bool whitelisted;
};

/* A level 2 listing and the count that caused it. */
struct policy_block {
	uint32_t net;
	unsigned prefix;
	uint64_t count;
};

/* The level 3 arithmetic of one ASN. */
struct policy_l3 {
	enum policy_unit unit;
	uint64_t count;      /* impacts or listed addresses counted */
	uint64_t total;      /* IPv4 addresses of the ASN */
	uint64_t needed;     /* the smallest count that lists */
	uint64_t spamscore;  /* count / total x 100000, rounded down */
	bool listed;
};

/* Everything a policy says about one ASN. */
struct policy_eval {
	struct policy_block *blocks;  /* level 2, in address order (malloc'd) */
	size_t nblocks;
	struct policy_l3 l3;
	uint64_t impacts;    /* impacts counted (whitelisted addresses excluded) */
	uint64_t guilty;     /* addresses on level 1 */
	uint64_t blocked;    /* addresses listed on any level */
};

/* Parse a policy text of len bytes read from path ("policies/x.policy",
 * which also names it).  0, or -1 with "path:LINE: reason" in err. */
int policy_parse(const char *path, const char *text, size_t len,
                 struct policy *p, char *err, size_t errlen);

/* Load the policies built into the program, in date order.  0, or -1
 * with the reason in err (a broken asset). */
int policy_set_load(struct policy_set *set, char *err, size_t errlen);

/* The policy called name in set, or NULL. */
const struct policy *policy_set_find(const struct policy_set *set, const char *name);

/* Free what policy_set_load allocated. */
void policy_set_free(struct policy_set *set);

/* The level 3 arithmetic for count (in p->l3_unit) in an ASN of total
 * addresses (at most 2^32, all of IPv4). */
void policy_l3_compute(const struct policy *p, uint64_t count, uint64_t total,
                       struct policy_l3 *out);

/* Evaluate p for the ASN made of nets: its level 2 blocks (aligned, inside
 * the nets, widest first) and its level 3 state, from the addrs (sorted
 * by address, unique; those outside nets are ignored).  0, or -1 when out
 * of memory. */
int policy_evaluate(const struct policy *p, const struct policy_addr *addrs,
                    size_t naddrs, const struct asn_net *nets, size_t nnets,
                    struct policy_eval *out);

/* Free the blocks of an evaluation. */
void policy_eval_free(struct policy_eval *ev);

/* Explain r for people: "66 impacts / 131,072 addresses = 0.05035%:
 * needs > 0.05% (66 impacts): listed". */
void policy_l3_explain(const struct policy *p, const struct policy_l3 *r,
                       char *out, size_t len);

/* Expand a level 2 or 3 TXT template of p for people and zone files. */
void policy_txt(const char *tmpl, const char *net, uint64_t count, const char *org,
                uint32_t asn, uint64_t score, char *out, size_t len);

/* Name of a unit for people: "impacts", "listed addresses". */
const char *policy_unit_name(enum policy_unit u);

#endif
