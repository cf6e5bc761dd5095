/* The simulator keys.  The demo (core/demo/demo.h) does the arithmetic and
 * rewrites the zones; this file compares before and after and says it. */
#include "tui/simulate.h"

#include <stdio.h>
#include <string.h>

#include "core/base/ip.h"
#include "core/base/numfmt.h"
#include "tui/text.h"

void sim_state_of(const struct demo *d, uint32_t ip, struct sim_state *st)
{
	const struct scenario *sc = demo_scenario(d);
	const struct policy_addr *pa = scenario_addr(sc, ip);
	const struct sc_net *net = scenario_net_of(sc, ip);
	const struct demo_asn *da = net ? demo_asn(d, net->asn) : NULL;

	memset(st, 0, sizeof *st);
	st->impacts = pa ? pa->impacts : 0;
	if (!da)
		return;
	st->in_asn = true;
	st->asn = da->asn;
	st->l3 = da->ev.l3;
	for (size_t i = 0; i < da->ev.nblocks; i++) {
		const struct policy_block *b = &da->ev.blocks[i];

		if ((ip & ip4_mask(b->prefix)) == b->net) {
			st->l2 = true;
			st->l2_net = b->net;
			st->l2_prefix = b->prefix;
		}
	}
}

/* "1 impact", "67 impacts", "8 listed addresses". */
static const char *count_text(uint64_t n, enum policy_unit u, char *out, size_t len)
{
	char num[32];
	const char *unit = policy_unit_name(u);

	if (n == 1)
		unit = u == PU_IPS ? "listed address" : "impact";
	snprintf(out, len, "%s %s", num_grouped(n, num), unit);
	return out;
}

void sim_impact_text(uint32_t ip, const struct sim_state *before, const struct sim_state *after,
                     char *out, size_t len)
{
	char addr[IP4_STRLEN], net[CIDR_STRLEN], has[64], need[32];
	size_t used = 0;

	ip4_format(ip, addr);
	out[0] = '\0';
	text_appendf(out, len, &used, "%s: %u impact%s", addr, (unsigned)after->impacts,
	             after->impacts == 1 ? "" : "s");
	if (!after->in_asn) {
		text_appendf(out, len, &used, " (level 1); no ASN of the scenario holds it");
		return;
	}
	/* A change says which way it went: newly listed, or no longer. */
	text_appendf(out, len, &used, "; AS%u now needs %s, has %s: %s", (unsigned)after->asn,
	             num_grouped(after->l3.needed, need),
	             count_text(after->l3.count, after->l3.unit, has, sizeof has),
	             after->l3.listed == before->l3.listed ?
	             (after->l3.listed ? "listed on level 3" : "not listed on level 3") :
	             (after->l3.listed ? "listed on level 3 (newly)" : "no longer listed on level 3"));
	if (after->l2 && (!before->l2 || before->l2_net != after->l2_net ||
	                  before->l2_prefix != after->l2_prefix)) {
		cidr_format(after->l2_net, after->l2_prefix, net);
		text_appendf(out, len, &used, "; level 2 now lists %s", net);
	}
}

void sim_policy_text(const struct policy *p, const struct demo_asn *da, char *out, size_t len)
{
	char has[64], need[32];

	/* The title line names the policy in full; the message has the
	 * room for what it does. */
	if (!da) {
		snprintf(out, len, "policy %s: %s", p->date, p->title);
		return;
	}
	snprintf(out, len, "policy %s: AS%u needs %s, has %s: %slisted on level 3", p->date,
	         (unsigned)da->asn, num_grouped(da->ev.l3.needed, need),
	         count_text(da->ev.l3.count, da->ev.l3.unit, has, sizeof has),
	         da->ev.l3.listed ? "" : "not ");
}

/* After the demo changed its zones (rc 0): read them again, or say
 * why not; without a backend nothing can be looked up any more. */
static enum sim_result reload(struct session *s, int rc, char *msg, size_t len)
{
	if (rc == 0)
		rc = session_reload_zones(s, msg, len);
	if (rc < 0)
		return s->be ? SIM_FAILED : SIM_FATAL;
	return SIM_DONE;
}

enum sim_result sim_policy(struct session *s, struct demo *d, int step, uint32_t asn,
                           char *msg, size_t len)
{
	enum sim_result r = reload(s, demo_policy_step(d, step, msg, len), msg, len);

	if (r == SIM_DONE)
		sim_policy_text(demo_policy(d), demo_asn(d, asn), msg, len);
	return r;
}

enum sim_result sim_impact(struct session *s, struct demo *d, uint32_t ip, char *msg, size_t len)
{
	struct sim_state before, after;
	enum sim_result r;

	sim_state_of(d, ip, &before);
	r = reload(s, demo_add_impact(d, ip, msg, len), msg, len);
	if (r != SIM_DONE)
		return r;
	sim_state_of(d, ip, &after);
	sim_impact_text(ip, &before, &after, msg, len);
	return r;
}

enum sim_result sim_undo(struct session *s, struct demo *d, char *msg, size_t len)
{
	struct sim_state before, after;
	char text[512];
	enum sim_result r;
	uint32_t ip;

	if (!demo_last_impact(d, &ip)) {
		snprintf(msg, len, "undo: no impact added to take back");
		return SIM_NOTHING;
	}
	sim_state_of(d, ip, &before);
	r = reload(s, demo_undo_impact(d, &ip, msg, len), msg, len);
	if (r != SIM_DONE)
		return r;
	sim_state_of(d, ip, &after);
	sim_impact_text(ip, &before, &after, text, sizeof text);
	snprintf(msg, len, "undone: %s", text);
	return r;
}

enum sim_result sim_reset(struct session *s, struct demo *d, char *msg, size_t len)
{
	enum sim_result r;

	if (!demo_changed(d) && demo_policy_index(d) == 0) {
		snprintf(msg, len, "reset: the scenario is as it began");
		return SIM_NOTHING;
	}
	r = reload(s, demo_reset(d, msg, len), msg, len);
	if (r == SIM_DONE)
		snprintf(msg, len, "reset: every impact added is taken back; the policy stays %s",
		         demo_policy(d)->date);
	return r;
}

bool sim_changed(const struct demo *d)
{
	return demo_changed(d);
}
