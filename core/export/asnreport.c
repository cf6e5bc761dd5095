/* Snapshots of an ASN scan as CSV, JSON Lines or text. */
#include "core/export/asnreport.h"

#include <string.h>

#include "core/base/ip.h"
#include "core/export/snapfile.h"
#include "core/uceprotect/txt.h"
#include "core/base/version.h"

static void rows_write(FILE *f, bool json, const struct asnscan *a)
{
	char net[CIDR_STRLEN];
	struct asnscan_sum sum;

	if (!json)
		fputs("network,size,l3,l2_listed_24s,l2_clean_24s,l2_error_24s,l2_pending_24s,"
		      "l2_probed_24s,blocks_24,sampled\n", f);
	for (size_t i = 0; i < a->nnets; i++) {
		const struct asnscan_net *n = &a->nets[i];

		cidr_format(n->net, n->prefix, net);
		asnscan_summary(a, i, &sum);
		if (json)
			fprintf(f, "{\"network\":\"%s\",\"size\":%llu,\"l3\":\"%s\",\"l2_listed_24s\":%zu,"
			        "\"l2_clean_24s\":%zu,\"l2_error_24s\":%zu,\"l2_pending_24s\":%zu,"
			        "\"l2_probed_24s\":%zu,\"blocks_24\":%llu,\"sampled\":%s}\n",
			        net, (unsigned long long)cidr_size(n->prefix), lk_state_name(sum.l3),
			        sum.listed, sum.clean, sum.error, sum.pending, sum.probes,
			        (unsigned long long)n->n24, sum.sampled ? "true" : "false");
		else
			fprintf(f, "%s,%llu,%s,%zu,%zu,%zu,%zu,%zu,%llu,%s\n", net,
			        (unsigned long long)cidr_size(n->prefix), lk_state_name(sum.l3),
			        sum.listed, sum.clean, sum.error, sum.pending, sum.probes,
			        (unsigned long long)n->n24, sum.sampled ? "yes" : "no");
	}
}

static void text_write(FILE *f, const struct session *s, const struct asnscan *a,
                       const char *policy, time_t when)
{
	uint64_t l3_addrs, l2_addrs;
	size_t l3_nets, sampled = 0;
	char buf[64], net[CIDR_STRLEN], parsed[200];
	struct asnscan_sum sum;
	struct txt_info ti;
	struct tm tm;

	strftime(buf, sizeof buf, "%Y-%m-%d %H:%M:%S UTC", gmtime_r(&when, &tm));
	fprintf(f, "rblscope %s ASN snapshot, %s\n\n", RBLSCOPE_VERSION, buf);
	fprintf(f, "  asn       AS%u %s\n", (unsigned)a->asn, a->org);
	fprintf(f, "  networks  %zu, %llu IPv4 addresses\n", a->nnets, (unsigned long long)a->total);
	fprintf(f, "  source    %s\n", s->be ? s->be->ops->describe(s->be) : "-");
	if (policy)
		fprintf(f, "  policy    %s\n", policy);
	if (s->db)
		fprintf(f, "  asn db    %s (%s)\n", asn_db_path(s->db), asn_db_type(s->db));
	asnscan_totals(a, &l3_addrs, &l2_addrs, &l3_nets);
	fprintf(f, "  level 3   %zu of %zu networks listed: %llu addresses blocked\n", l3_nets,
	        a->nnets, (unsigned long long)l3_addrs);
	fprintf(f, "  level 2   about %llu addresses in listed ranges (estimate: one probe per /24)\n",
	        (unsigned long long)l2_addrs);
	txt_parse(asnscan_l3_txt(a), &ti);
	txt_summary(&ti, parsed, sizeof parsed);
	if (parsed[0])
		fprintf(f, "  l3 reason %s\n            (%s)\n", asnscan_l3_txt(a), parsed);
	fprintf(f, "\n  %-20s %12s %-8s %s\n", "network", "addresses", "level 3",
	        "level 2 (/24s listed of probed)");
	for (size_t i = 0; i < a->nnets; i++) {
		asnscan_summary(a, i, &sum);
		cidr_format(a->nets[i].net, a->nets[i].prefix, net);
		fprintf(f, "  %-20s %12llu %-8s %zu of %zu%s%s\n", net,
		        (unsigned long long)cidr_size(a->nets[i].prefix), lk_state_name(sum.l3),
		        sum.listed, sum.probes, sum.sampled ? " (sampled)" : "",
		        sum.error ? ", some failed" : "");
		sampled += sum.sampled;
	}
	if (sampled)
		fprintf(f, "\n  %zu networks were sampled: one probe per /24 would exceed the budget.\n",
		        sampled);
}

int asnreport_write(FILE *f, enum export_format fmt, const struct session *s,
                    const struct asnscan *a, const char *policy, time_t when)
{
	if (fmt == EXPORT_TEXT)
		text_write(f, s, a, policy, when);
	else
		rows_write(f, fmt == EXPORT_JSON, a);
	return ferror(f) ? -1 : 0;
}

int asnreport_snapshot_file(const char *dir, const struct session *s, const struct asnscan *a,
                            const char *policy, time_t when, char *path, size_t pathlen)
{
	char slug[16];
	FILE *f;

	snprintf(slug, sizeof slug, "AS%u", (unsigned)a->asn);
	f = snapfile_create(dir, slug, when, path, pathlen);
	if (!f)
		return -1;
	return snapfile_finish(f, asnreport_write(f, EXPORT_TEXT, s, a, policy, when), path);
}

int asnreport_status(const struct asnscan *a)
{
	const struct scan *sc = &a->sc;

	if (sc->failed > 0 || !scan_finished(sc))
		return EXIT_INCOMPLETE;
	for (size_t i = 0; i < sc->ncells; i++)
		for (size_t z = 0; z < sc->nzones; z++)
			if (sc->cells[i].zone[z].state == LK_LISTED)
				return EXIT_LISTED;
	return EXIT_NOTHING_LISTED;
}
