/* The simulator keys.  The demo (core/demo/demo.h) does the arithmetic and
 * rewrites the zones; this file compares before and after and says it. */
#include "tui/simulate.h"

#include <stdio.h>
#include <string.h>

#include "core/base/ip.h"
#include "core/base/numfmt.h"
#include "tui/app.h"
#include "tui/asnview.h"
#include "tui/overview.h"
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
	text_appendf(out, len, &used, "; AS%u now needs %s, has %s: %slisted on level 3%s",
	             (unsigned)after->asn, num_grouped(after->l3.needed, need),
	             count_text(after->l3.count, after->l3.unit, has, sizeof has),
	             after->l3.listed ? "" : "not ",
	             after->l3.listed != before->l3.listed ? " (newly)" : "");
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

/* The ASN the user is looking at: the ASN view's, the selected block's
 * or the selected address's; 0 when none is known. */
static uint32_t focus_asn(const struct app *a)
{
	const struct scan_cell *c;

	if (a->screen == SCREEN_ASN && a->av)
		return a->av->as.asn;
	if (a->screen == SCREEN_OVERVIEW && a->ov)
		c = &a->ov->sc.cells[a->ov->cursor];
	else
		c = app_cursor_cell(a);
	if (c && c->asn.found)
		return c->asn.asn;
	return a->target_asn.found ? a->target_asn.asn : 0;
}

/* After the demo changed its zones: probe again, or, when the backend
 * could not be reopened, stop (nothing could be looked up any more). */
static bool reprobe(struct app *a, int rc, const char *err)
{
	if (rc < 0 && !a->s->be) {
		app_message(a, true, "%s", err);
		a->fatal = true;
		a->quit = true;
		return false;
	}
	if (rc < 0) {
		app_message(a, true, "%s", err);
		return false;
	}
	app_backend_changed(a);
	return true;
}

void sim_policy(struct app *a, int step)
{
	char err[256], text[APP_MSG_MAX];
	int rc;

	if (!a->demo) {
		app_message(a, true, "policies can be switched in the demo only");
		return;
	}
	rc = demo_policy_step(a->demo, step, err, sizeof err);
	if (rc == 0)
		rc = session_reload_zones(a->s, err, sizeof err);
	if (!reprobe(a, rc, err))
		return;
	sim_policy_text(app_demo_policy(a), demo_asn(a->demo, focus_asn(a)), text, sizeof text);
	app_message(a, false, "%s", text);
}

void sim_impact(struct app *a)
{
	struct sim_state before, after;
	char err[256], text[APP_MSG_MAX];
	uint32_t ip = a->view.cursor;
	int rc;

	if (!a->demo) {
		app_message(a, true, "impacts can be added in the demo only");
		return;
	}
	sim_state_of(a->demo, ip, &before);
	rc = demo_add_impact(a->demo, ip, err, sizeof err);
	if (rc == 0)
		rc = session_reload_zones(a->s, err, sizeof err);
	if (!reprobe(a, rc, err))
		return;
	sim_state_of(a->demo, ip, &after);
	sim_impact_text(ip, &before, &after, text, sizeof text);
	app_message(a, false, "%s", text);
}
