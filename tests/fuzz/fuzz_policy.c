/* Fuzzing core/uceprotect/policyparse.c: any text as a policy file.  An accepted
 * policy must hold in range values and strings, and evaluating it on a
 * small ASN must give blocks and level 3 figures that add up. */
#include <stdlib.h>
#include <string.h>

#include "core/uceprotect/policy.h"
#include "tests/fuzz/fuzz.h"

#define PATH "policies/fuzz.policy"

static void check_fields(const struct policy *p)
{
	FZ_CHECK(strcmp(p->name, "fuzz") == 0);
	FZ_CHECK(fz_terminated(p->title, sizeof p->title) && p->title[0]);
	FZ_CHECK(fz_terminated(p->date, sizeof p->date));
	FZ_CHECK(fz_terminated(p->l1_txt, sizeof p->l1_txt));
	FZ_CHECK(fz_terminated(p->l2_txt, sizeof p->l2_txt));
	FZ_CHECK(fz_terminated(p->l3_txt, sizeof p->l3_txt));
	FZ_CHECK(fz_terminated(p->l3_pct, sizeof p->l3_pct));
	FZ_CHECK(p->l2_min[0] == 0);
	for (unsigned i = 1; i <= 32; i++)
		FZ_CHECK(!p->l2_min[i] || (i >= p->l2_widest && i <= p->l2_narrowest));
	FZ_CHECK(p->l2_narrowest == 0 || p->l2_widest <= p->l2_narrowest);
	/* A share above 0 and at most 100%. */
	FZ_CHECK(p->l3_den > 0 && p->l3_num > 0 && p->l3_num <= p->l3_den);
}

static void check_l3(const struct policy *p, uint64_t count, uint64_t total)
{
	struct policy_l3 r;
	char s[160];

	policy_l3_compute(p, count, total, &r);
	FZ_CHECK(r.count == count && r.total == total && r.needed >= 1);
	FZ_CHECK(r.needed >= p->l3_min);
	FZ_CHECK(r.listed == (total > 0 && count >= r.needed));
	policy_l3_explain(p, &r, s, sizeof s);
	FZ_CHECK(fz_terminated(s, sizeof s));
}

/* Blocks in address order, disjoint, aligned, inside the ASN's net, of a
 * prefix level 2 evaluates. */
static void check_eval(const struct policy *p, const struct policy_eval *ev,
                       const struct asn_net *net)
{
	uint32_t next = net->net;

	for (size_t i = 0; i < ev->nblocks; i++) {
		const struct policy_block *b = &ev->blocks[i];
		uint32_t size = fz_host_mask(b->prefix);

		FZ_CHECK(b->prefix >= p->l2_widest && b->prefix <= p->l2_narrowest);
		FZ_CHECK(b->prefix >= net->prefix && (b->net & size) == 0);
		FZ_CHECK(b->net >= next && b->net + size <= net->net + fz_host_mask(net->prefix));
		next = b->net + size + 1;
	}
	FZ_CHECK(ev->blocked <= (uint64_t)1 << (32 - net->prefix));
}

static void evaluate(const struct policy *p)
{
	static const struct asn_net net = { 0xc6120000u, 20 };   /* 198.18.0.0/20 */
	static const struct policy_addr addrs[] = {
		{ 0xc6120105u, 3, false }, { 0xc6120106u, 1, false }, { 0xc6120107u, 9, true },
		{ 0xc6120a01u, 40, false }, { 0xc6120ffeu, 1, false }, { 0xc6130001u, 5, false },
	};
	struct policy_eval ev;
	char s[POLICY_TXT_MAX];

	FZ_CHECK(policy_evaluate(p, addrs, 6, &net, 1, &ev) == 0);
	check_eval(p, &ev, &net);
	FZ_CHECK(ev.guilty <= 5 && ev.impacts <= 3 + 1 + 40 + 1);
	policy_eval_free(&ev);
	policy_txt(p->l2_txt, "198.18.0.0/24", 12, "EXAMPLE, ZZ", 64512, 50, s, sizeof s);
	FZ_CHECK(fz_terminated(s, sizeof s));
	policy_txt(p->l3_txt, "", UINT64_MAX, "EXAMPLE, ZZ", UINT32_MAX, UINT64_MAX, s, sizeof s);
	FZ_CHECK(fz_terminated(s, sizeof s));
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	struct policy p;
	char err[200];

	err[0] = '\0';
	if (policy_parse(PATH, (const char *)data, size, &p, err, sizeof err) < 0) {
		FZ_CHECK(strncmp(err, PATH ":", strlen(PATH) + 1) == 0);
		return 0;
	}
	check_fields(&p);
	check_l3(&p, 0, 0);
	check_l3(&p, 66, 131072);
	check_l3(&p, (uint64_t)1 << 32, (uint64_t)1 << 32);
	check_l3(&p, 1, 1);
	evaluate(&p);
	return 0;
}
