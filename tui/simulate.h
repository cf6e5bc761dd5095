/* The policy simulator's keys, in the demo: p and P switch the listing
 * policy in date order, i adds one impact to the selected address, u
 * takes the last back and U all of them.  Each time the demo rewrites
 * its zones, the screens query again, and the message says what changed,
 * so a class sees the cascade as it happens. */
#ifndef RBLSCOPE_TUI_SIMULATE_H
#define RBLSCOPE_TUI_SIMULATE_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#include "core/demo/demo.h"
#include "core/scan/session.h"

/* One address and its ASN as the scenario stands. */
struct sim_state {
	uint32_t impacts;          /* the address's impacts in the last 7 days */
	bool in_asn;               /* a network of the scenario's ASNs holds it */
	uint32_t asn;
	struct policy_l3 l3;       /* its ASN's level-3 arithmetic */
	bool l2;                   /* a level-2 block covers it ... */
	uint32_t l2_net;           /* ... this one */
	unsigned l2_prefix;
};

/* The state of ip in the demo d. */
void sim_state_of(const struct demo *d, uint32_t ip, struct sim_state *st);

/* What an impact on ip changed: "198.18.7.25: 5 impacts; AS64512 now
 * needs 66, has 67 impacts: listed on level 3 (newly)". */
void sim_impact_text(uint32_t ip, const struct sim_state *before, const struct sim_state *after,
                     char *out, size_t len);

/* The message after a switch to p, with the level-3 state of da (NULL:
 * none, then p's title): "policy 2010: AS64512 needs 263, has 7 listed
 * addresses: not listed on level 3". */
void sim_policy_text(const struct policy *p, const struct demo_asn *da, char *out, size_t len);

/* What a simulator key did. */
enum sim_result {
	SIM_DONE,        /* the zones changed: every screen queries again */
	SIM_NOTHING,     /* nothing to do (nothing to undo) */
	SIM_FAILED,      /* the message says why; nothing changed */
	SIM_FATAL,       /* the zones cannot be read any more: quit */
};

/* p (step 1) or P (-1): the next or previous policy in date order; the
 * message says what it makes of asn (0: of no ASN in particular). */
enum sim_result sim_policy(struct session *s, struct demo *d, int step, uint32_t asn,
                           char *msg, size_t len);

/* i: one more impact on ip. */
enum sim_result sim_impact(struct session *s, struct demo *d, uint32_t ip, char *msg, size_t len);

/* u: take the last impact back. */
enum sim_result sim_undo(struct session *s, struct demo *d, char *msg, size_t len);

/* U: the scenario as it began (the policy stays). */
enum sim_result sim_reset(struct session *s, struct demo *d, char *msg, size_t len);

/* True when the policy or the impacts differ from the start. */
bool sim_changed(const struct demo *d);

#endif
