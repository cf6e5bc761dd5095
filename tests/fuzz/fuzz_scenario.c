/* Fuzzing core/uceprotect/scenario.c: any text as a scenario file.  An accepted
 * scenario must keep the promises of core/uceprotect/scenario.h (networks sorted
 * and disjoint, addresses sorted, unique and inside them, ASNs declared)
 * and its copy, lookups and CSV must agree with it. */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "core/uceprotect/scenario.h"
#include "tests/fuzz/fuzz.h"

#define PATH "fuzz.txt"

static uint32_t last_of(const struct sc_net *n)
{
	return n->net | fz_host_mask(n->prefix);
}

static void check_nets(const struct scenario *sc)
{
	for (size_t i = 0; i < sc->nnets; i++) {
		const struct sc_net *n = &sc->nets[i];

		FZ_CHECK(n->prefix <= 32);
		FZ_CHECK((n->net & fz_host_mask(n->prefix)) == 0);
		FZ_CHECK(scenario_asn(sc, n->asn) != NULL);
		FZ_CHECK(i == 0 || last_of(&sc->nets[i - 1]) < n->net);
		FZ_CHECK(scenario_net_of(sc, n->net) == n && scenario_net_of(sc, last_of(n)) == n);
	}
	for (size_t i = 0; i < sc->nasns; i++) {
		FZ_CHECK(sc->asns[i].asn != 0);
		FZ_CHECK(fz_terminated(sc->asns[i].org, sizeof sc->asns[i].org));
		FZ_CHECK(strchr(sc->asns[i].org, '$') == NULL);
	}
}

static void check_addrs(const struct scenario *sc)
{
	for (size_t i = 0; i < sc->naddrs; i++) {
		const struct policy_addr *a = &sc->addrs[i];

		FZ_CHECK(i == 0 || sc->addrs[i - 1].ip < a->ip);
		FZ_CHECK(a->impacts <= SCENARIO_IMPACTS_MAX);
		FZ_CHECK(scenario_net_of(sc, a->ip) != NULL);
		FZ_CHECK(scenario_addr(sc, a->ip) == a);
	}
	FZ_CHECK(fz_terminated(sc->title, sizeof sc->title));
	FZ_CHECK(fz_terminated(sc->policy, sizeof sc->policy));
	FZ_CHECK(scenario_net_of(sc, sc->start) != NULL);
}

/* Each ASN's networks add up to the scenario's networks of that ASN. */
static void check_asn_nets(const struct scenario *sc)
{
	uint64_t all = 0, want = 0;

	for (size_t i = 0; i < sc->nasns; i++) {
		struct asn_net *nets;
		size_t n;
		uint64_t total;

		FZ_CHECK(scenario_asn_nets(sc, sc->asns[i].asn, &nets, &n, &total) == 0);
		all += total;
		free(nets);
	}
	for (size_t i = 0; i < sc->nnets; i++)
		want += (uint64_t)1 << (32 - sc->nets[i].prefix);
	FZ_CHECK(all == want);
}

/* The copy equals the original; the CSV has a line per network. */
static void check_copy_csv(const struct scenario *sc)
{
	struct scenario cp;
	char *csv = NULL;
	size_t len = 0, lines = 0;
	FILE *f = open_memstream(&csv, &len);

	FZ_CHECK(scenario_copy(&cp, sc) == 0);
	FZ_CHECK(cp.nnets == sc->nnets && cp.naddrs == sc->naddrs && cp.nasns == sc->nasns);
	FZ_CHECK(!sc->nnets || memcmp(cp.nets, sc->nets, sc->nnets * sizeof *sc->nets) == 0);
	FZ_CHECK(!sc->naddrs || memcmp(cp.addrs, sc->addrs, sc->naddrs * sizeof *sc->addrs) == 0);
	scenario_free(&cp);
	FZ_CHECK(f != NULL && scenario_asn_csv(sc, f) == 0 && fclose(f) == 0);
	for (size_t i = 0; i < len; i++)
		lines += csv[i] == '\n';
	FZ_CHECK(lines >= sc->nnets);
	free(csv);
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	struct scenario sc;
	char err[200];

	err[0] = '\0';
	if (scenario_parse(PATH, (const char *)data, size, &sc, err, sizeof err) < 0) {
		FZ_CHECK(strncmp(err, PATH ":", strlen(PATH) + 1) == 0);
		return 0;
	}
	check_nets(&sc);
	check_addrs(&sc);
	check_asn_nets(&sc);
	check_copy_csv(&sc);
	/* Impacts added up to the cap, never past it. */
	if (sc.naddrs) {
		uint32_t ip = sc.addrs[0].ip, before = sc.addrs[0].impacts;

		FZ_CHECK(scenario_add_impacts(&sc, ip, SCENARIO_IMPACTS_MAX - before) == 0);
		FZ_CHECK(scenario_add_impacts(&sc, ip, 1) == -1);
		FZ_CHECK(scenario_addr(&sc, ip)->impacts == SCENARIO_IMPACTS_MAX);
	}
	scenario_free(&sc);
	return 0;
}
