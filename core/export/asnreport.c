/* Snapshots of an ASN scan as CSV, JSON Lines or text. */
#include "core/export/asnreport.h"

#include <errno.h>
#include <stdlib.h>
#include <string.h>

#include "core/base/ip.h"
#include "core/export/fields.h"
#include "core/export/snapfile.h"
#include "core/uceprotect/txt.h"
#include "core/base/version.h"

/* The last columns of each row: the ASN and its organisation. */
static void asn_columns(FILE *f, bool json, const struct asnscan *a)
{
	if (json) {
		fprintf(f, ",\"asn\":%u,\"as_org\":", (unsigned)a->asn);
		json_string(f, a->org);
		fputs("}\n", f);
	} else {
		fprintf(f, ",%u,", (unsigned)a->asn);
		csv_field(f, a->org);
		fputc('\n', f);
	}
}

/* The column name of the zone of role r: its key ("l3"), or a word for
 * a profile without one. */
static const char *role_key(const struct profile *p, enum zone_role r)
{
	const struct zone_def *d = profile_role_zone(p, r);

	return d ? d->key : r == ZR_ASN ? "asn_zone" : "range_zone";
}

static void rows_write(FILE *f, bool json, const struct profile *p, const struct asnscan *a)
{
	const char *k3 = role_key(p, ZR_ASN), *k2 = role_key(p, ZR_RANGE);
	char net[CIDR_STRLEN];
	struct asnscan_sum sum;

	if (!json)
		fprintf(f, "network,size,%s,%s_listed_24s,%s_clean_24s,%s_error_24s,%s_pending_24s,"
		        "%s_probed_24s,blocks_24,sampled,asn,as_org\n", k3, k2, k2, k2, k2, k2);
	for (size_t i = 0; i < a->nnets; i++) {
		const struct asnscan_net *n = &a->nets[i];

		cidr_format(n->net, n->prefix, net);
		asnscan_summary(a, i, &sum);
		if (json)
			fprintf(f, "{\"network\":\"%s\",\"size\":%llu,\"%s\":\"%s\",\"%s_listed_24s\":%zu,"
			        "\"%s_clean_24s\":%zu,\"%s_error_24s\":%zu,\"%s_pending_24s\":%zu,"
			        "\"%s_probed_24s\":%zu,\"blocks_24\":%llu,\"sampled\":%s",
			        net, (unsigned long long)cidr_size(n->prefix), k3, lk_state_name(sum.l3),
			        k2, sum.listed, k2, sum.clean, k2, sum.error, k2, sum.pending, k2,
			        sum.probes, (unsigned long long)n->n24, sum.sampled ? "true" : "false");
		else
			fprintf(f, "%s,%llu,%s,%zu,%zu,%zu,%zu,%zu,%llu,%s", net,
			        (unsigned long long)cidr_size(n->prefix), lk_state_name(sum.l3),
			        sum.listed, sum.clean, sum.error, sum.pending, sum.probes,
			        (unsigned long long)n->n24, sum.sampled ? "yes" : "no");
		asn_columns(f, json, a);
	}
}

/* The lines every ASN snapshot starts with. */
static void head_write(FILE *f, const struct session *s, const struct asnscan *a,
                       const char *policy, time_t when)
{
	char buf[64];
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
}

/* What the ASN zone's TXT says, when a probe got one. */
static void l3_reason_write(FILE *f, const struct profile *p, const struct asnscan *a)
{
	char parsed[200];
	struct txt_info ti;

	txt_parse(asnscan_l3_txt(a), &ti);
	txt_summary(&ti, parsed, sizeof parsed);
	if (parsed[0])
		fprintf(f, "  reason    %s: %s\n            (%s)\n", profile_role_label(p, ZR_ASN),
		        asnscan_l3_txt(a), parsed);
}

/* The column of the ASN zone's state: its label, at least 8 wide. */
#define L3_COL_MIN 8

static void text_write(FILE *f, const struct session *s, const struct asnscan *a,
                       const char *policy, time_t when)
{
	const char *asn = profile_role_label(s->profile, ZR_ASN);
	const char *range = profile_role_label(s->profile, ZR_RANGE);
	int l3w = strlen(asn) > L3_COL_MIN ? (int)strlen(asn) : L3_COL_MIN;
	uint64_t l3_addrs, l2_addrs;
	size_t l3_nets, sampled = 0;
	char net[CIDR_STRLEN];
	struct asnscan_sum sum;

	head_write(f, s, a, policy, when);
	asnscan_totals(a, &l3_addrs, &l2_addrs, &l3_nets);
	fprintf(f, "  by ASN    %zu of %zu networks listed on %s: %llu addresses blocked\n", l3_nets,
	        a->nnets, asn, (unsigned long long)l3_addrs);
	fprintf(f, "  by range  about %llu addresses in ranges listed on %s (estimate: one probe "
	        "per /24)\n", (unsigned long long)l2_addrs, range);
	l3_reason_write(f, s->profile, a);
	fprintf(f, "\n  %-20s %12s %-*s %s: /24s listed of probed\n", "network", "addresses", l3w,
	        asn, range);
	for (size_t i = 0; i < a->nnets; i++) {
		asnscan_summary(a, i, &sum);
		cidr_format(a->nets[i].net, a->nets[i].prefix, net);
		fprintf(f, "  %-20s %12llu %-*s %zu of %zu%s%s\n", net,
		        (unsigned long long)cidr_size(a->nets[i].prefix), l3w, lk_state_name(sum.l3),
		        sum.listed, sum.probes, sum.sampled ? " (sampled)" : "",
		        sum.error ? ", some failed" : "");
		sampled += sum.sampled;
	}
	if (sampled)
		fprintf(f, "\n  %zu networks were sampled: one probe per /24 would exceed the budget.\n",
		        sampled);
}

/* ---- exact, from zone files ---- */

static void exact_rows(FILE *f, bool json, const struct profile *p, const struct asnscan *a,
                       const struct acct_sum *per)
{
	char net[CIDR_STRLEN];

	if (!json) {
		fputs("network,size", f);
		for (size_t z = 0; z < p->nzones; z++)
			fprintf(f, ",%s", p->zones[z].key);
		fputs(",blocked,collateral,asn,as_org\n", f);
	}
	for (size_t i = 0; i < a->nnets; i++) {
		cidr_format(a->nets[i].net, a->nets[i].prefix, net);
		fprintf(f, json ? "{\"network\":\"%s\",\"size\":%llu" : "%s,%llu", net,
		        (unsigned long long)per[i].addrs);
		for (size_t z = 0; z < p->nzones; z++) {
			if (json)
				fprintf(f, ",\"%s\":", p->zones[z].key);
			else
				fputc(',', f);
			fprintf(f, "%llu", (unsigned long long)per[i].zone[z]);
		}
		fprintf(f, json ? ",\"blocked\":%llu,\"collateral\":%llu" : ",%llu,%llu",
		        (unsigned long long)per[i].blocked, (unsigned long long)per[i].collateral);
		asn_columns(f, json, a);
	}
}

static void exact_text(FILE *f, const struct session *s, const struct asnscan *a,
                       const struct acct_sum *t, const struct acct_sum *per, const char *policy,
                       time_t when)
{
	const struct profile *p = s->profile;
	char ratio[ACCT_RATIO_MAX], net[CIDR_STRLEN];

	head_write(f, s, a, policy, when);
	fprintf(f, "  counted   every address, exactly, from the zone files\n");
	fprintf(f, "  guilty    %llu addresses\n", (unsigned long long)t->guilty);
	fprintf(f, "  blocked   %llu addresses\n", (unsigned long long)t->blocked);
	fprintf(f, "  collateral %llu addresses (ratio %s)\n", (unsigned long long)t->collateral,
	        account_ratio_text(t, ratio) ? ratio : "n/a: none guilty");
	for (size_t z = 0; z < p->nzones; z++)
		fprintf(f, "  %-9s %llu addresses: %s\n", p->zones[z].key,
		        (unsigned long long)t->zone[z], p->zones[z].title);
	l3_reason_write(f, p, a);
	fprintf(f, "\n  %-18s %10s", "network", "addresses");
	for (size_t z = 0; z < p->nzones; z++)
		fprintf(f, " %10s", p->zones[z].key);
	fprintf(f, " %10s %10s\n", "blocked", "collateral");
	for (size_t i = 0; i < a->nnets; i++) {
		cidr_format(a->nets[i].net, a->nets[i].prefix, net);
		fprintf(f, "  %-18s %10llu", net, (unsigned long long)per[i].addrs);
		for (size_t z = 0; z < p->nzones; z++)
			fprintf(f, " %10llu", (unsigned long long)per[i].zone[z]);
		fprintf(f, " %10llu %10llu\n", (unsigned long long)per[i].blocked,
		        (unsigned long long)per[i].collateral);
	}
}

int asnreport_write(FILE *f, enum export_format fmt, const struct session *s,
                    const struct asnscan *a, const char *policy, time_t when)
{
	struct acct_sum total, *per = calloc(a->nnets ? a->nnets : 1, sizeof *per);
	int exact = per ? asnscan_exact(a, s, &total, per) : -1;

	if (exact < 0) {
		free(per);
		errno = ENOMEM;
		return -1;
	}
	if (exact && fmt == EXPORT_TEXT)
		exact_text(f, s, a, &total, per, policy, when);
	else if (exact)
		exact_rows(f, fmt == EXPORT_JSON, s->profile, a, per);
	else if (fmt == EXPORT_TEXT)
		text_write(f, s, a, policy, when);
	else
		rows_write(f, fmt == EXPORT_JSON, s->profile, a);
	free(per);
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

int asnreport_status(const struct session *s, const struct asnscan *a)
{
	const struct scan *sc = &a->sc;
	struct acct_sum total;
	int exact = asnscan_exact(a, s, &total, NULL);

	if (exact > 0)
		return acct_sum_listed(&total, s->profile) ? EXIT_LISTED : EXIT_NOTHING_LISTED;
	if (exact < 0)
		return EXIT_INCOMPLETE;

	if (sc->failed > 0 || !scan_finished(sc))
		return EXIT_INCOMPLETE;
	for (size_t i = 0; i < sc->ncells; i++)
		for (size_t z = 0; z < sc->nzones; z++)
			if (sc->cells[i].zone[z].state == LK_LISTED)
				return EXIT_LISTED;
	return EXIT_NOTHING_LISTED;
}
