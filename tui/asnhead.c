/* The ASN view's header: its figures (counted exactly from zone files,
 * else from the probes and, in the demo, the scenario) and its lines,
 * built apart from curses so that the arithmetic is tested without a
 * terminal (tui/asnview.h). */
#include "tui/asnview.h"

#include <stdarg.h>
#include <stdio.h>
#include <string.h>

#include "core/base/ip.h"
#include "core/base/numfmt.h"
#include "tui/draw.h"
#include "tui/text.h"

void asnview_figures(const struct asnview *av, struct asn_figures *f)
{
	const struct ctx *cx = av->base.cx;
	const struct asnscan *as = &av->as;
	struct asnscan_sum sum;

	memset(f, 0, sizeof *f);
	f->total = as->total;
	for (size_t i = 0; i < as->nnets; i++) {
		uint64_t size = cidr_size(as->nets[i].prefix);

		asnscan_summary(as, i, &sum);
		if (sum.l3 == LK_LISTED) {
			f->l3_nets++;
			f->l3_addrs += size;
		} else {
			/* A range listing inside an ASN listing blocks nothing more. */
			f->l2_more += asnscan_l2_addrs(as, i);
		}
	}
	f->l3_txt = asnscan_l3_txt(as);
	txt_parse(f->l3_txt, &f->said);
	if (cx->demo)
		f->scenario = demo_asn(cx->demo, as->asn);
	f->exact = asnscan_exact(as, cx->s, &f->sum, NULL) > 0;
	if (f->exact) {
		f->guilty_known = true;
		f->guilty = f->sum.guilty;
		f->blocked = f->sum.blocked;
	} else if (f->scenario) {
		f->guilty_known = true;
		f->guilty = f->scenario->ev.guilty;
		f->blocked = f->scenario->ev.blocked;
	} else {
		f->blocked = f->l3_addrs + f->l2_more;
	}
}

/* ---- the header ---- */

struct hbuild {
	struct asn_hline *out;
	size_t n, max;
};

static void add(struct hbuild *b, const char *label, enum asn_hstyle st, const char *fmt, ...)
	__attribute__((format(printf, 4, 5)));

static void add(struct hbuild *b, const char *label, enum asn_hstyle st, const char *fmt, ...)
{
	va_list ap;

	if (b->n >= b->max)
		return;
	snprintf(b->out[b->n].label, sizeof b->out[b->n].label, "%s", label);
	b->out[b->n].style = st;
	va_start(ap, fmt);
	vsnprintf(b->out[b->n].value, sizeof b->out[b->n].value, fmt, ap);
	va_end(ap);
	b->n++;
}

/* The demo: the scenario's level-3 arithmetic under the active policy. */
static void scenario_lines(const struct asnview *av, struct hbuild *b,
                           const struct asn_figures *f)
{
	const struct policy *p = demo_policy(av->base.cx->demo);
	char text[ASNVIEW_LINE_MAX];

	policy_l3_explain(p, &f->scenario->ev.l3, text, sizeof text);
	add(b, "level 3", f->scenario->ev.l3.listed ? AH_LISTED : AH_PLAIN, "%s", text);
	add(b, "policy", AH_DIM, "%s: %s (the demo's scenario; p P switch)", p->date, p->title);
}

/* A real ASN: nobody outside UCEPROTECT knows its impact count, but
 * every rule that counts impacts says how many would list it. */
static void rule_lines(const struct asnview *av, struct hbuild *b, const struct asn_figures *f)
{
	const struct policy_set *rules = av->base.cx->rules;
	char total[32], need[32], least[48];
	struct policy_l3 r;
	size_t shown = 0;

	num_grouped(f->total, total);
	for (size_t i = rules ? rules->n : 0; i-- > 0;) {
		const struct policy *p = &rules->v[i];

		if (p->l3_unit != PU_IMPACTS)
			continue;
		policy_l3_compute(p, 0, f->total, &r);
		least[0] = '\0';
		if (p->l3_min > 1)
			snprintf(least, sizeof least, ", at least %u", (unsigned)p->l3_min);
		add(b, shown++ ? "" : "needs", AH_PLAIN, "%s impact%s under %s [%s]: %s %s%% of %s%s",
		    num_grouped(r.needed, need), r.needed == 1 ? "" : "s", p->title, p->date,
		    p->l3_cmp == PC_GE ? ">=" : ">", p->l3_pct, total, least);
	}
	if (shown == 0)
		add(b, "needs", AH_DIM, "unknown: the built-in policies did not load");
	else
		add(b, "", AH_DIM, "in 7 days; UCEPROTECT does not publish an ASN's impact count");
}

/* What the ASN zone's TXT says: a spamscore (impacts per 100,000
 * addresses, rounded down, so it bounds the count from below) or an
 * abuser count.  Its line is labelled "UCE-3 TXT", or "TXT" where the
 * zone's label leaves no room. */
static void said_line(const struct asnview *av, struct hbuild *b, const struct asn_figures *f)
{
	const char *zone = profile_role_label(av->base.cx->s->profile, ZR_ASN);
	char figure[96] = "no figure", least[32], label[PROFILE_LABEL_MAX + 8];
	uint64_t lower;

	snprintf(label, sizeof label, "%s TXT", zone);
	if (text_width(label, av->base.cx->th->utf8) > DRAW_KV_LABEL_W - 1)
		snprintf(label, sizeof label, "TXT");
	if (!f->l3_txt[0]) {
		if (av->as.sc.done < av->as.sc.total)
			add(b, label, AH_DIM, "none so far: probes still running");
		else
			add(b, label, AH_DIM, "none: %s lists no network", zone);
		return;
	}
	if (f->said.spamscore >= 0) {
		lower = (uint64_t)f->said.spamscore * f->total / 100000;
		snprintf(figure, sizeof figure, "spamscore %ld", f->said.spamscore);
		if (lower > 0 && !f->scenario)
			snprintf(figure, sizeof figure, "spamscore %ld, so at least %s impacts",
			         f->said.spamscore, num_grouped(lower, least));
	} else if (f->said.abusers >= 0) {
		snprintf(figure, sizeof figure, "%ld abusers", f->said.abusers);
	}
	add(b, label, AH_LISTED, "%s: %s", figure, f->l3_txt);
}

/* What each zone lists of the ASN, counted from the zone files. */
static void exact_line(const struct asnview *av, struct hbuild *b, const struct asn_figures *f)
{
	const struct profile *p = av->base.cx->s->profile;
	char text[ASNVIEW_LINE_MAX], n[32];
	size_t used = 0;

	text[0] = '\0';
	for (size_t z = 0; z < p->nzones; z++)
		text_appendf(text, sizeof text, &used, "%s%s %s", z ? ", " : "", p->zones[z].key,
		             num_grouped(f->sum.zone[z], n));
	add(b, "exact", AH_DIM, "%s addresses (every address, from the zone files)", text);
}

/* "N guilty -> M addresses blocked (collateral ratio R)". */
static void damage_line(const struct asnview *av, struct hbuild *b, const struct asn_figures *f)
{
	/* Two columns in ASCII: not a theme symbol, which takes one. */
	const char *arrow = av->base.cx->th->utf8 ? "\u2192" : "->";
	const struct profile *p = av->base.cx->s->profile;
	const char *single = profile_role_label(p, ZR_SINGLE);
	const char *range = profile_role_label(p, ZR_RANGE), *asn = profile_role_label(p, ZR_ASN);
	char guilty[32], blocked[32], l3[32], l2[32], ratio[48] = "n/a (none guilty)";
	enum asn_hstyle st = f->blocked ? AH_LISTED : AH_PLAIN;

	num_grouped(f->blocked, blocked);
	if (f->guilty_known) {
		struct acct_sum sum = { .guilty = f->guilty, .collateral = f->blocked - f->guilty };
		char r[ACCT_RATIO_MAX];

		if (account_ratio_text(&sum, r))
			snprintf(ratio, sizeof ratio, "%s", r);
		add(b, "damage", st, "%s guilty %s %s addresses blocked (collateral ratio %s)",
		    num_grouped(f->guilty, guilty), arrow, blocked, ratio);
		if (f->exact) {
			exact_line(av, b, f);
			return;
		}
		add(b, "probed", AH_DIM, "%s lists %zu of %zu networks (%s addresses); "
		    "%s about %s more (one probe per /24)", asn, f->l3_nets, av->as.nnets,
		    num_grouped(f->l3_addrs, l3), range, num_grouped(f->l2_more, l2));
		return;
	}
	add(b, "damage", st, "guilty unknown (%s not probed per address) %s %s addresses "
	    "blocked (%s: %s, %s est.: %s more); collateral ratio unknown", single, arrow, blocked,
	    asn, num_grouped(f->l3_addrs, l3), range, num_grouped(f->l2_more, l2));
}

size_t asnview_header(const struct asnview *av, struct asn_hline *out, size_t max)
{
	const struct asnscan *as = &av->as;
	struct hbuild b = { out, 0, max };
	struct asn_figures f;
	char total[32];

	asnview_figures(av, &f);
	add(&b, "ASN", AH_PLAIN, "AS%u %s: %zu network%s, %s IPv4 addresses", (unsigned)as->asn,
	    as->org[0] ? as->org : "(no name)", as->nnets, as->nnets == 1 ? "" : "s",
	    num_grouped(f.total, total));
	if (f.scenario)
		scenario_lines(av, &b, &f);
	else
		rule_lines(av, &b, &f);
	said_line(av, &b, &f);
	damage_line(av, &b, &f);
	return b.n;
}
