/* Snapshots written and read.  The header's profile is turned back into
 * profile text and read by the profile reader, so that a snapshot's
 * zones pass every check a profile file does. */
#include "core/snapshot/snapshot.h"

#include <errno.h>
#include <stdarg.h>
#include <stdlib.h>
#include <string.h>

#include "core/base/ip.h"
#include "core/base/json.h"
#include "core/base/sanitize.h"
#include "core/base/version.h"
#include "core/scan/zoneclass.h"

/* ---- writing ---- */

static void codes_write(FILE *f, const struct zone_def *d, bool error)
{
	char lo[IP4_STRLEN], hi[IP4_STRLEN];
	bool first = true;

	fprintf(f, ",\"%s\":[", error ? "errors" : "codes");
	for (size_t k = 0; k < d->ncodes; k++) {
		if (d->codes[k].error != error)
			continue;
		ip4_format(d->codes[k].lo, lo);
		ip4_format(d->codes[k].hi, hi);
		fprintf(f, "%s{\"from\":\"%s\",\"to\":\"%s\",\"meaning\":", first ? "" : ",", lo, hi);
		json_string(f, d->codes[k].meaning);
		fputc('}', f);
		first = false;
	}
	fputc(']', f);
}

void snapshot_header_write(FILE *f, const struct session *s, const struct target *targets,
                           size_t ntargets, const char *policy, time_t when)
{
	const struct profile *p = s->profile;
	char buf[64];
	struct tm tm;

	strftime(buf, sizeof buf, "%Y-%m-%dT%H:%M:%SZ", gmtime_r(&when, &tm));
	fprintf(f, "{\"record\":\"header\",\"format\":\"%s\",\"version\":%d,\"rblscope\":\"%s\","
	        "\"time\":\"%s\",\"targets\":[", SNAPSHOT_FORMAT, SNAPSHOT_VERSION,
	        RBLSCOPE_VERSION, buf);
	for (size_t i = 0; i < ntargets; i++) {
		fputs(i ? "," : "", f);
		json_string(f, targets[i].text);
	}
	fputs("],\"profile\":{\"name\":", f);
	json_string(f, p->name);
	fputs(",\"title\":", f);
	json_string(f, p->title);
	fputs(",\"zones\":[", f);
	for (size_t z = 0; z < s->nzones; z++) {
		const struct zone_def *d = &p->zones[z];

		fprintf(f, "%s{\"key\":\"%s\",\"zone\":", z ? "," : "", d->key);
		json_string(f, s->zones[z]);
		fprintf(f, ",\"role\":\"%s\",\"label\":", profile_role_name(d->role));
		json_string(f, d->label);
		fputs(",\"title\":", f);
		json_string(f, d->title);
		fprintf(f, ",\"any\":%s", d->any ? "true" : "false");
		codes_write(f, d, false);
		codes_write(f, d, true);
		fputc('}', f);
	}
	fputs("]},\"source\":", f);
	json_string(f, s->be ? s->be->ops->describe(s->be) : "");
	fputs(",\"asn_db\":", f);
	if (s->db) {
		time_t built = asn_db_build_time(s->db);

		strftime(buf, sizeof buf, "%Y-%m-%d", gmtime_r(&built, &tm));
		fputs("{\"path\":", f);
		json_string(f, asn_db_path(s->db));
		fputs(",\"type\":", f);
		json_string(f, asn_db_type(s->db));
		fprintf(f, ",\"built\":\"%s\"}", buf);
	} else {
		fputs("null", f);
	}
	fputs(",\"policy\":", f);
	if (policy)
		json_string(f, policy);
	else
		fputs("null", f);
	fputs("}\n", f);
}

/* ---- reading ---- */

struct reader {
	struct snapshot *snap;
	unsigned long line;
	char *err;
	size_t errlen;
	size_t cap;                   /* rows allocated */
};

static int bad(struct reader *rd, const char *fmt, ...) __attribute__((format(printf, 2, 3)));

static int bad(struct reader *rd, const char *fmt, ...)
{
	char why[256];
	va_list ap;

	va_start(ap, fmt);
	vsnprintf(why, sizeof why, fmt, ap);
	va_end(ap);
	snprintf(rd->err, rd->errlen, "%s:%lu: %s", rd->snap->path, rd->line, why);
	return -1;
}

/* A text field of the header, sanitised, or NULL when absent; -1 when
 * present and not a string. */
static int text_of(struct reader *rd, const struct json *o, const char *key, char **out)
{
	const struct json *v = json_get(o, key);
	char buf[1024];

	*out = NULL;
	if (!v || v->type == JSON_NULL)
		return 0;
	if (v->type != JSON_STRING)
		return bad(rd, "header: %s is not a string", key);
	sanitize_text(buf, sizeof buf, v->str, strlen(v->str));
	return (*out = strdup(buf)) ? 0 : bad(rd, "out of memory");
}

/* One text for a line of profile text: sanitised, no line breaks. */
static void profile_text(char *out, size_t len, const char *s)
{
	sanitize_text(out, len, s ? s : "", s ? strlen(s) : 0);
}

/* The codes or errors of a zone as profile lines. */
static int codes_text(struct reader *rd, const struct json *list, const char *word, FILE *pf)
{
	char meaning[256];
	uint32_t lo, hi;

	if (!list)
		return 0;
	if (list->type != JSON_ARRAY)
		return bad(rd, "header: %s is not a list", word);
	for (size_t k = 0; k < list->n; k++) {
		const struct json *c = list->items[k];
		const char *from = json_str(c, "from"), *to = json_str(c, "to");

		if (!from || !to || ip4_parse(from, &lo) < 0 || ip4_parse(to, &hi) < 0)
			return bad(rd, "header: a %s range without from and to addresses", word);
		profile_text(meaning, sizeof meaning, json_str(c, "meaning"));
		if (lo == hi)
			fprintf(pf, "%s %s %s\n", word, from, meaning);
		else
			fprintf(pf, "%s %s-%s %s\n", word, from, to, meaning);
	}
	return 0;
}

/* The header's profile, written as a profile file and read as one. */
static int profile_of(struct reader *rd, const struct json *p)
{
	const struct json *zones = json_get(p, "zones");
	char *text = NULL, t1[256], t2[256], t3[256], why[512];
	size_t len = 0;
	FILE *pf;
	int rc;

	if (!p || p->type != JSON_OBJECT || !zones || zones->type != JSON_ARRAY || !zones->n)
		return bad(rd, "header: no profile with zones");
	if (zones->n > PROFILE_MAX_ZONES)
		return bad(rd, "header: more than %d zones", PROFILE_MAX_ZONES);
	if (!(pf = open_memstream(&text, &len)))
		return bad(rd, "out of memory");
	profile_text(t1, sizeof t1, json_str(p, "name"));
	profile_text(t2, sizeof t2, json_str(p, "title"));
	fprintf(pf, "name %s\ntitle %s\n", t1, t2);
	rc = 0;
	for (size_t z = 0; z < zones->n && rc == 0; z++) {
		const struct json *d = zones->items[z], *any = json_get(d, "any");

		profile_text(t1, sizeof t1, json_str(d, "key"));
		profile_text(t2, sizeof t2, json_str(d, "zone"));
		profile_text(t3, sizeof t3, json_str(d, "role"));
		fprintf(pf, "zone %s %s %s\n", t1, t2, t3);
		profile_text(t1, sizeof t1, json_str(d, "label"));
		profile_text(t2, sizeof t2, json_str(d, "title"));
		if (t1[0])
			fprintf(pf, "label %s\n", t1);
		fprintf(pf, "title %s\n", t2);
		if (any && any->type == JSON_TRUE)
			fputs("codes any\n", pf);
		rc = codes_text(rd, json_get(d, "codes"), "code", pf);
		if (rc == 0)
			rc = codes_text(rd, json_get(d, "errors"), "error", pf);
	}
	if (fclose(pf) != 0 || !text) {
		free(text);
		return rc ? rc : bad(rd, "out of memory");
	}
	if (rc == 0 && profile_parse("header", text, len, &rd->snap->profile, why, sizeof why) < 0)
		rc = bad(rd, "the profile: %s", why);
	free(text);
	if (rc == 0)
		rd->snap->profile.source = rd->snap->path;
	return rc;
}

static int header_read(struct reader *rd, const struct json *h)
{
	struct snapshot *snap = rd->snap;
	const struct json *v = json_get(h, "version"), *targets = json_get(h, "targets");
	const char *fmt = json_str(h, "format"), *when = json_str(h, "time");
	const struct json *db = json_get(h, "asn_db");
	char *path = NULL, *type = NULL, *built = NULL;
	struct tm tm = { 0 };
	char *end;

	if (!fmt || strcmp(fmt, SNAPSHOT_FORMAT) != 0 || !v || v->type != JSON_NUMBER)
		return bad(rd, "not an rblscope snapshot: the first record is not its header "
		           "(a JSON export of rblscope 0.x has none)");
	if (v->number != SNAPSHOT_VERSION)
		return bad(rd, "snapshot format version %g; this rblscope reads version %d",
		           v->number, SNAPSHOT_VERSION);
	if (!when || !(end = strptime(when, "%Y-%m-%dT%H:%M:%SZ", &tm)) || *end)
		return bad(rd, "header: time is not YYYY-MM-DDTHH:MM:SSZ");
	snap->when = timegm(&tm);
	if (profile_of(rd, json_get(h, "profile")) < 0 || text_of(rd, h, "source", &snap->source) < 0 ||
	    text_of(rd, h, "policy", &snap->policy) < 0)
		return -1;
	if (db && db->type == JSON_OBJECT) {
		if (text_of(rd, db, "path", &path) == 0 && text_of(rd, db, "type", &type) == 0 &&
		    text_of(rd, db, "built", &built) == 0 && path) {
			size_t n = strlen(path) + 64;

			if ((snap->db = malloc(n)))
				snprintf(snap->db, n, "%s (%s, built %s)", path, type ? type : "?",
				         built ? built : "?");
		}
		free(path);
		free(type);
		free(built);
	}
	if (!targets || targets->type != JSON_ARRAY)
		return bad(rd, "header: no list of targets");
	if (targets->n > OPT_MAX_TARGETS)
		return bad(rd, "header: more than %d targets", OPT_MAX_TARGETS);
	snap->targets = calloc(targets->n ? targets->n : 1, sizeof *snap->targets);
	if (!snap->targets)
		return bad(rd, "out of memory");
	for (size_t i = 0; i < targets->n; i++) {
		char why[256];

		if (targets->items[i]->type != JSON_STRING ||
		    target_parse(targets->items[i]->str, &snap->targets[snap->ntargets], why,
		                 sizeof why) < 0)
			return bad(rd, "header: target %zu: %s", i + 1,
			           targets->items[i]->type == JSON_STRING ? why : "not a string");
		snap->ntargets++;
	}
	return 0;
}

/* The answer of zone d in record o into l. */
static int answer_read(struct reader *rd, const struct json *o, const struct zone_def *d,
                       struct lookup *l, char *txt)
{
	static const char *const states[] = {
		[LK_PENDING] = "pending", [LK_CLEAN] = "clean", [LK_LISTED] = "listed",
		[LK_ERROR] = "error",
	};
	char key[PROFILE_KEY_MAX + 16];
	const char *state = json_str(o, d->key), *t;
	const struct json *codes;
	uint32_t c[64];
	size_t n = 0;
	int st = -1;

	*l = (struct lookup){ .txt = "" };
	for (int i = 0; state && i <= LK_ERROR; i++)
		if (strcmp(state, states[i]) == 0)
			st = i;
	if (st < 0)
		return bad(rd, "%s: no state, or not pending, clean, listed or error", d->key);
	snprintf(key, sizeof key, "%s_codes", d->key);
	codes = json_get(o, key);
	if (codes && codes->type != JSON_ARRAY)
		return bad(rd, "%s is not a list", key);
	for (size_t i = 0; codes && i < codes->n; i++) {
		if (n == sizeof c / sizeof c[0])
			return bad(rd, "%s: more than %zu codes", key, sizeof c / sizeof c[0]);
		if (codes->items[i]->type != JSON_STRING || ip4_parse(codes->items[i]->str, &c[n]) < 0)
			return bad(rd, "%s: '%.20s' is not an address", key,
			           codes->items[i]->type == JSON_STRING ? codes->items[i]->str : "?");
		n++;
	}
	snprintf(key, sizeof key, "%s_txt", d->key);
	t = json_str(o, key);
	sanitize_text(txt, LOOKUP_TXT_MAX, t ? t : "", t ? strlen(t) : 0);
	l->txt = strpool_intern(&rd->snap->strs, txt);
	l->codes = codepool_intern(&rd->snap->codes, c, (uint32_t)n);
	l->ncodes = l->codes ? (uint32_t)n : 0;
	l->code = l->ncodes ? c[0] : 0;
	if (!l->txt || (n && !l->codes))
		return bad(rd, "out of memory");
	l->state = (enum lk_state)st;
	if (st == LK_ERROR) {
		snprintf(key, sizeof key, "%s_reason", d->key);
		t = json_str(o, key);
		lk_set_error(l, t && lk_error_by_name(t) != LKE_NONE ? lk_error_by_name(t) : LKE_OTHER);
	} else if (st == LK_LISTED) {
		/* A listing stands only with the codes its zone documents. */
		if (!n)
			lk_set_error(l, LKE_MALFORMED);
		else
			zone_classify(d, l->codes, n, l, NULL, 0);
	} else if (n) {
		return bad(rd, "%s: codes with a state that has none", d->key);
	}
	return 0;
}

static int row_read(struct reader *rd, const struct json *o, char *txt)
{
	struct snapshot *snap = rd->snap;
	const struct profile *p = &snap->profile;
	const struct json *asn = json_get(o, "asn");
	const char *ip = json_str(o, "ip"), *org = json_str(o, "as_org");
	const char *net = json_str(o, "as_network");
	struct snap_row *r;

	if (snap->nrows == SNAPSHOT_ROWS_MAX)
		return bad(rd, "more than %u records", SNAPSHOT_ROWS_MAX);
	if (snap->nrows == rd->cap) {
		size_t cap = rd->cap ? rd->cap * 2 : 256;
		struct snap_row *nr = realloc(snap->rows, cap * sizeof *nr);
		struct lookup *na;

		if (nr)
			snap->rows = nr;
		na = nr ? realloc(snap->answers, cap * p->nzones * sizeof *na) : NULL;
		if (!na)
			return bad(rd, "out of memory");
		snap->answers = na;
		rd->cap = cap;
	}
	r = &snap->rows[snap->nrows];
	if (!ip || ip4_parse(ip, &r->ip) < 0)
		return bad(rd, "no ip, or not an IPv4 address");
	r->asn = ASN_INFO_NONE;
	if (asn && asn->type == JSON_NUMBER) {
		if (asn->number < 0 || asn->number > 4294967295.0 || asn->number != (uint32_t)asn->number)
			return bad(rd, "asn is not a 32-bit number");
		r->asn.asn = (uint32_t)asn->number;
	} else if (asn && asn->type != JSON_NULL) {
		return bad(rd, "asn is not a number or null");
	}
	if (net && net[0]) {
		if (cidr_parse(net, &r->asn.net, &r->asn.prefix) < 0)
			return bad(rd, "as_network is not a CIDR");
		r->asn.found = true;
	}
	if (org && org[0]) {
		sanitize_text(txt, ASN_ORG_MAX, org, strlen(org));
		if (!(r->asn.org = strpool_intern(&snap->strs, txt)))
			return bad(rd, "out of memory");
	}
	/* zone: an index until every record is read (answers move) */
	r->zone = NULL;
	for (size_t z = 0; z < p->nzones; z++)
		if (answer_read(rd, o, &p->zones[z], &snap->answers[snap->nrows * p->nzones + z],
		                txt) < 0)
			return -1;
	snap->nrows++;
	return 0;
}

/* By address, then in the order read (zone holds the record's index). */
static int row_cmp(const void *a, const void *b)
{
	const struct snap_row *x = a, *y = b;

	if (x->ip != y->ip)
		return x->ip < y->ip ? -1 : 1;
	return (uintptr_t)x->zone < (uintptr_t)y->zone ? -1 : (uintptr_t)x->zone > (uintptr_t)y->zone;
}

/* Sort the rows by address, keeping the first record of an address. */
static void rows_settle(struct snapshot *snap)
{
	size_t nz = snap->profile.nzones, n = 0;

	for (size_t i = 0; i < snap->nrows; i++)
		snap->rows[i].zone = (struct lookup *)(uintptr_t)i;   /* its answers' index */
	if (snap->nrows)
		qsort(snap->rows, snap->nrows, sizeof *snap->rows, row_cmp);
	for (size_t i = 0; i < snap->nrows; i++) {
		if (n && snap->rows[n - 1].ip == snap->rows[i].ip)
			continue;
		snap->rows[n] = snap->rows[i];
		snap->rows[n].zone = snap->answers + (size_t)(uintptr_t)snap->rows[i].zone * nz;
		n++;
	}
	snap->nrows = n;
}

int snapshot_read(const char *path, struct snapshot *snap, char *err, size_t errlen)
{
	struct reader rd = { snap, 0, err, errlen, 0 };
	struct json_reader jr = { 0 };
	char *line = NULL, *txt = malloc(LOOKUP_TXT_MAX);
	size_t cap = 0;
	ssize_t len;
	int rc = 0;
	FILE *f;

	memset(snap, 0, sizeof *snap);
	strpool_init(&snap->strs);
	codepool_init(&snap->codes);
	if (!(snap->path = strdup(path)) || !txt) {
		free(txt);
		snprintf(err, errlen, "out of memory");
		return -1;
	}
	if (!(f = fopen(path, "r"))) {
		snprintf(err, errlen, "%s: %s", path, strerror(errno));
		free(txt);
		snapshot_free(snap);
		return -1;
	}
	while (rc == 0 && (len = getline(&line, &cap, f)) >= 0) {
		const struct json *o;

		rd.line++;
		if ((size_t)len > SNAPSHOT_LINE_MAX) {
			rc = bad(&rd, "a line over %u bytes", SNAPSHOT_LINE_MAX);
			break;
		}
		if (!(o = json_read(&jr, line, (size_t)len)) || o->type != JSON_OBJECT) {
			rc = bad(&rd, "not a JSON object: %s", o ? "another value" : jr.why);
			break;
		}
		rc = rd.line == 1 ? header_read(&rd, o) : row_read(&rd, o, txt);
	}
	if (rc == 0 && ferror(f))
		rc = bad(&rd, "%s", strerror(errno));
	if (rc == 0 && rd.line == 0)
		rc = bad(&rd, "empty: not an rblscope snapshot");
	fclose(f);
	free(line);
	free(txt);
	json_free(&jr);
	if (rc < 0) {
		snapshot_free(snap);
		return -1;
	}
	rows_settle(snap);
	return 0;
}

void snapshot_free(struct snapshot *snap)
{
	if (snap->profile.name)
		profile_free(&snap->profile);
	free(snap->path);
	free(snap->source);
	free(snap->policy);
	free(snap->db);
	free(snap->targets);
	free(snap->rows);
	free(snap->answers);
	strpool_free(&snap->strs);
	codepool_free(&snap->codes);
	memset(snap, 0, sizeof *snap);
}

const struct snap_row *snapshot_row(const struct snapshot *snap, uint32_t ip)
{
	size_t lo = 0, hi = snap->nrows;

	while (lo < hi) {
		size_t mid = lo + (hi - lo) / 2;

		if (snap->rows[mid].ip < ip)
			lo = mid + 1;
		else
			hi = mid;
	}
	return lo < snap->nrows && snap->rows[lo].ip == ip ? &snap->rows[lo] : NULL;
}

void snapshot_time_text(const struct snapshot *snap, char *out, size_t len)
{
	struct tm tm;

	strftime(out, len, "%Y-%m-%d %H:%M UTC", gmtime_r(&snap->when, &tm));
}

struct asn_db *snapshot_asn_db(const struct snapshot *snap)
{
	struct asn_info *nets = malloc((snap->nrows ? snap->nrows : 1) * sizeof *nets);
	struct asn_db *db;
	char name[600];
	size_t n = 0;

	if (!nets)
		return NULL;
	for (size_t i = 0; i < snap->nrows; i++)
		if (snap->rows[i].asn.found)
			nets[n++] = snap->rows[i].asn;
	snprintf(name, sizeof name, "%s (its records' networks)", snap->path);
	db = asn_db_from_networks(name, nets, n, snap->when);
	free(nets);
	return db;
}
