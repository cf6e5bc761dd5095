/* The census written out: one row per ASN with listed addresses, worst
 * first, then the space no ASN announces; or, for people, the totals and
 * the worst ASNs in at most CENSUS_TEXT_COLS columns. */
#include "core/export/censusreport.h"

#include <string.h>

#include "core/base/numfmt.h"
#include "core/base/sanitize.h"
#include "core/base/version.h"
#include "core/export/fields.h"
#include "core/scan/account.h"

int censusreport_count(const struct session *s, struct census *c, char *err, size_t errlen)
{
	const struct account *a;
	char why[256];

	memset(c, 0, sizeof *c);
	if (!s->db) {
		snprintf(err, errlen, "--census needs an ASN database: none could be opened "
		         "(give --db FILE or set RBLSCOPE_DB)");
		return EXIT_USAGE;
	}
	if (!session_exact_why(s, why, sizeof why)) {
		snprintf(err, errlen, "--census cannot count exactly: %s", why);
		return strstr(why, "lists everything") ? EXIT_INCOMPLETE : EXIT_USAGE;
	}
	a = session_account(s);
	if (!a) {
		snprintf(err, errlen, "out of memory");
		return EXIT_INCOMPLETE;
	}
	return census_run(c, a, s->db, err, errlen) == 0 ? 0 : EXIT_INCOMPLETE;
}

int censusreport_status(const struct census *c, const struct profile *p)
{
	return census_listed(c, p) ? EXIT_LISTED : EXIT_NOTHING_LISTED;
}

static bool any_zone(const struct acct_sum *s)
{
	for (size_t z = 0; z < PROFILE_MAX_ZONES; z++)
		if (s->zone[z])
			return true;
	return false;
}

/* ---- CSV and JSON Lines ---- */

/* The row's as_org, made safe again: the census takes the database's
 * sanitised names, but the report does not rely on who filled it. */
static const char *org_text(const struct census_asn *x, char org[ASN_ORG_MAX])
{
	if (!x->asn)
		return CENSUS_UNANNOUNCED;
	sanitize_text_marked(org, ASN_ORG_MAX, x->org, strlen(x->org), ASN_ORG_CUT);
	return org;
}

static void csv_row(FILE *f, const struct profile *p, const struct census_asn *x)
{
	char ratio[ACCT_RATIO_MAX], org[ASN_ORG_MAX];

	if (x->asn)
		fprintf(f, "%u,", (unsigned)x->asn);
	else
		fputc(',', f);
	csv_field(f, org_text(x, org));
	fprintf(f, ",%zu,%llu,%llu", x->networks, (unsigned long long)x->sum.addrs,
	        (unsigned long long)x->sum.guilty);
	for (size_t z = 0; z < p->nzones; z++)
		fprintf(f, ",%llu", (unsigned long long)x->sum.zone[z]);
	account_ratio_text(&x->sum, ratio);
	fprintf(f, ",%llu,%llu,%s\n", (unsigned long long)x->sum.blocked,
	        (unsigned long long)x->sum.collateral, ratio);
}

static void json_row(FILE *f, const struct profile *p, const struct census_asn *x)
{
	char ratio[ACCT_RATIO_MAX], org[ASN_ORG_MAX];

	if (x->asn)
		fprintf(f, "{\"asn\":%u,\"as_org\":", (unsigned)x->asn);
	else
		fputs("{\"asn\":null,\"as_org\":", f);
	json_string(f, org_text(x, org));
	fprintf(f, ",\"networks\":%zu,\"addresses\":%llu,\"guilty\":%llu", x->networks,
	        (unsigned long long)x->sum.addrs, (unsigned long long)x->sum.guilty);
	for (size_t z = 0; z < p->nzones; z++)
		fprintf(f, ",\"%s\":%llu", p->zones[z].key, (unsigned long long)x->sum.zone[z]);
	fprintf(f, ",\"blocked\":%llu,\"collateral\":%llu,\"ratio\":%s}\n",
	        (unsigned long long)x->sum.blocked, (unsigned long long)x->sum.collateral,
	        account_ratio_text(&x->sum, ratio) ? ratio : "null");
}

static void rows_write(FILE *f, bool json, const struct profile *p, const struct census *c)
{
	void (*row)(FILE *, const struct profile *, const struct census_asn *) =
		json ? json_row : csv_row;

	if (!json) {
		fputs("asn,as_org,networks,addresses,guilty", f);
		for (size_t z = 0; z < p->nzones; z++)
			fprintf(f, ",%s", p->zones[z].key);
		fputs(",blocked,collateral,ratio\n", f);
	}
	for (size_t i = 0; i < c->n; i++)
		row(f, p, &c->v[i]);
	if (any_zone(&c->unannounced.sum))
		row(f, p, &c->unannounced);
}

/* ---- text ---- */

/* s cut to at most cols columns, "..." at the end when cut; a character
 * beyond ASCII is taken as two columns, the most a terminal gives one,
 * so that the line never grows wider than counted. */
static const char *fit(const char *s, size_t cols, char *out, size_t len)
{
	const unsigned char *p = (const unsigned char *)s;
	size_t used = 0, n = 0, keep = 0;

	while (p[n]) {
		size_t bytes = p[n] < 0x80 ? 1 : p[n] >= 0xf0 ? 4 : p[n] >= 0xe0 ? 3 : 2;
		size_t w = p[n] < 0x80 ? 1 : 2;

		if (used + w > cols || n + bytes + 4 > len)
			break;
		used += w;
		n += bytes;
		if (used + 3 <= cols)
			keep = n;   /* room for "..." after it */
	}
	if (!p[n])
		snprintf(out, len, "%s", s);
	else
		snprintf(out, len, "%.*s...", (int)keep, s);
	return out;
}

/* "  label       value": the value cut to the line's width. */
static void kv(FILE *f, const char *label, const char *value)
{
	char cut[4 * CENSUS_TEXT_COLS + 4];

	fprintf(f, "  %-12s%s\n", label, fit(value, CENSUS_TEXT_COLS - 14, cut, sizeof cut));
}

static void totals_write(FILE *f, const struct profile *p, const struct census *c)
{
	char a[32], b[32], n[32], line[256], ratio[ACCT_RATIO_MAX];
	const struct acct_sum *t = &c->total;

	snprintf(line, sizeof line, "%s addresses: all of IPv4 but 127.0.0.0/8, exactly",
	         num_grouped(t->addrs, a));
	kv(f, "counted", line);
	snprintf(line, sizeof line, "%s of %s have listed addresses (%s networks)",
	         num_grouped(c->n, n), num_grouped(c->asns, a), num_grouped(c->networks, b));
	kv(f, "ASNs", line);
	kv(f, "guilty", num_grouped(t->guilty, a));
	kv(f, "blocked", num_grouped(t->blocked, a));
	snprintf(line, sizeof line, "%s (ratio %s)", num_grouped(t->collateral, a),
	         account_ratio_text(t, ratio) ? ratio : "n/a: none guilty");
	kv(f, "collateral", line);
	for (size_t z = 0; z < p->nzones; z++) {
		snprintf(line, sizeof line, "%s: %s", num_grouped(t->zone[z], a), p->zones[z].title);
		kv(f, p->zones[z].key, line);
	}
	if (any_zone(&c->unannounced.sum)) {
		snprintf(line, sizeof line, "%s blocked, %s guilty: space no ASN announces",
		         num_grouped(c->unannounced.sum.blocked, a),
		         num_grouped(c->unannounced.sum.guilty, b));
		kv(f, "unannounced", line);
	}
}

/* Columns of the ASN table; the name takes what is left of the line. */
#define COL_RANK 4
#define COL_ASN 12
#define COL_NUM 13
#define COL_RATIO 10
#define COL_FIXED (2 + COL_RANK + 2 + COL_ASN + 3 * (1 + COL_NUM) + 1 + COL_RATIO + 2)

static void top_write(FILE *f, const struct census *c)
{
	char g[32], b[32], col[32], asn[16], ratio[ACCT_RATIO_MAX], org[ASN_ORG_MAX];
	char cut[4 * CENSUS_TEXT_COLS + 4];
	size_t n = c->n < CENSUS_TEXT_TOP ? c->n : CENSUS_TEXT_TOP;

	if (!c->n) {
		fputs("\n  no ASN has a listed address\n", f);
		return;
	}
	fprintf(f, "\n  the %zu ASN%s with the most collateral\n", n, n == 1 ? "" : "s");
	fprintf(f, "  %*s  %-*s %*s %*s %*s %*s  %s\n", COL_RANK, "#", COL_ASN, "ASN", COL_NUM,
	        "guilty", COL_NUM, "blocked", COL_NUM, "collateral", COL_RATIO, "ratio", "AS name");
	for (size_t i = 0; i < n; i++) {
		const struct census_asn *x = &c->v[i];

		snprintf(asn, sizeof asn, "AS%u", (unsigned)x->asn);
		if (!account_ratio_text(&x->sum, ratio))
			snprintf(ratio, sizeof ratio, "n/a");
		org_text(x, org);
		fprintf(f, "  %*zu  %-*s %*s %*s %*s %*s  %s\n", COL_RANK, i + 1, COL_ASN, asn,
		        COL_NUM, num_grouped(x->sum.guilty, g), COL_NUM, num_grouped(x->sum.blocked, b),
		        COL_NUM, num_grouped(x->sum.collateral, col), COL_RATIO, ratio,
		        fit(org[0] ? org : "(no name)", CENSUS_TEXT_COLS - COL_FIXED, cut, sizeof cut));
	}
	if (c->n > n)
		fprintf(f, "  ... and %zu more: --export csv lists every one\n", c->n - n);
}

static void text_write(FILE *f, const struct session *s, const struct census *c,
                       const char *policy, time_t when)
{
	char buf[64], line[600];
	struct tm tm;

	strftime(buf, sizeof buf, "%Y-%m-%d %H:%M:%S UTC", gmtime_r(&when, &tm));
	fprintf(f, "rblscope %s census, %s\n\n", RBLSCOPE_VERSION, buf);
	kv(f, "source", s->be ? s->be->ops->describe(s->be) : "-");
	if (policy)
		kv(f, "policy", policy);
	if (s->db) {
		snprintf(line, sizeof line, "%s (%s)", asn_db_path(s->db), asn_db_type(s->db));
		kv(f, "asn db", line);
	}
	totals_write(f, s->profile, c);
	top_write(f, c);
}

int censusreport_write(FILE *f, enum export_format fmt, const struct session *s,
                       const struct census *c, const char *policy, time_t when)
{
	if (fmt == EXPORT_TEXT)
		text_write(f, s, c, policy, when);
	else
		rows_write(f, fmt == EXPORT_JSON, s->profile, c);
	return ferror(f) ? -1 : 0;
}
