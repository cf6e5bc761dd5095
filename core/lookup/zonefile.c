/* rbldnsd zone files answered offline: core/lookup/zoneparse.c reads a file,
 * core/lookup/zoneindex.c resolves it into sorted, disjoint spans at load time,
 * so that a lookup here is one binary search.  The TXT template is
 * expanded at lookup time, as $n variables may be defined anywhere in the
 * file. */
#include "core/lookup/zonefile.h"

#include <dirent.h>
#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>

#include "core/lookup/backend.h"
#include "core/base/ip.h"
#include "core/base/sanitize.h"
#include "core/lookup/zoneparse.h"

#define TXT_OUT_MAX 254  /* rbldnsd's longest expanded TXT */
#define TXT_JOINED LOOKUP_TXT_MAX  /* TXT records joined, as a live answer is read */

struct zonefile {
	struct zp_index ix;
	size_t entries;
	uint32_t codes[ZONEFILE_MAX_KNOWN];   /* the distinct codes it lists with */
	size_t ncodes;                        /* ZONEFILE_MAX_KNOWN + 1: more */
	struct zp_value *val;
	char *text;
	uint32_t var[ZP_VAR_BASE + 1];
};

/* ---- the zone file ---- */

/* The distinct codes of the zone's listings, in the order first met. */
static void codes_collect(struct zonefile *zf)
{
	for (size_t i = 0; i < zf->ix.n && zf->ncodes <= ZONEFILE_MAX_KNOWN; i++) {
		const struct zp_answer *a = &zf->ix.ans[i];
		uint32_t code = zf->val[a->first].a;
		struct lookup l = { .txt = "" };
		size_t k = 0;

		if (a->bad != ZP_NONE && a->bad != a->first)
			continue;   /* an error answer, not a listing */
		lk_classify_a(&l, &code, 1);
		if (l.state != LK_LISTED)
			continue;
		while (k < zf->ncodes && zf->codes[k] != code)
			k++;
		if (k == zf->ncodes && zf->ncodes++ < ZONEFILE_MAX_KNOWN)
			zf->codes[k] = code;
	}
}

struct zonefile *zonefile_load(const char *path, const struct zone_opts *opt,
                               char *warn, size_t warnlen, char *err, size_t errlen)
{
	size_t max = opt && opt->max_entries ? opt->max_entries : ZONE_MAX_ENTRIES_DEFAULT;
	struct zp_data d;
	struct zonefile *zf;

	if (zp_read(path, max, &d, warn, warnlen, err, errlen) < 0)
		return NULL;
	zf = calloc(1, sizeof(*zf));
	if (!zf || zp_index_build(&d, &zf->ix) < 0) {
		snprintf(err, errlen, "%s: out of memory", path);
		free(zf);
		zp_free(&d);
		return NULL;
	}
	zf->entries = d.nread;
	zf->val = d.val;
	zf->text = d.text;
	memcpy(zf->var, d.var, sizeof(zf->var));
	free(d.ent);
	codes_collect(zf);
	return zf;
}

size_t zonefile_codes(const struct zonefile *zf, const uint32_t **codes)
{
	*codes = zf->codes;
	return zf->ncodes;
}

size_t zonefile_entries(const struct zonefile *zf)
{
	return zf->entries;
}

void zonefile_free(struct zonefile *zf)
{
	if (!zf)
		return;
	zp_index_free(&zf->ix);
	free(zf->val);
	free(zf->text);
	free(zf);
}

struct txtbuf {
	char s[TXT_OUT_MAX + 1];
	size_t n;
};

static void txt_put(struct txtbuf *t, const char *s, size_t len)
{
	if (len > TXT_OUT_MAX - t->n)
		len = TXT_OUT_MAX - t->n;  /* rbldnsd cuts silently too */
	memcpy(t->s + t->n, s, len);
	t->n += len;
}

/* Expand value v's template for ip: "$" is the address, "$$" a dollar,
 * "$0".."$9" variables (kept as written when undefined), "$=" the entry's
 * own text inside the $= base template. */
static size_t txt_expand(const struct zonefile *zf, uint32_t v, uint32_t ip, struct txtbuf *t)
{
	const char *own = zf->text + zf->val[v].txt, *tmpl, *inner, *var;
	const char *base = zf->var[ZP_VAR_BASE] != ZP_NONE ? zf->text + zf->var[ZP_VAR_BASE] : "";
	char addr[IP4_STRLEN];

	ip4_format(ip, addr);
	if (own[0] == '=')
		tmpl = inner = own + 1;   /* "=text" opts out of the base template */
	else if (*base)
		tmpl = base, inner = *own ? own : addr;
	else
		tmpl = inner = own;
	t->n = 0;
	for (const char *p = tmpl; *p; ) {
		size_t run = strcspn(p, "$");

		txt_put(t, p, run);
		p += run;
		if (!*p++)
			break;
		if (*p == '$') {
			txt_put(t, "$", 1);
			p++;
		} else if (*p >= '0' && *p <= '9') {
			var = zf->var[*p - '0'] != ZP_NONE ? zf->text + zf->var[*p - '0'] : NULL;
			txt_put(t, var ? var : p - 1, var ? strlen(var) : 2);
			p++;
		} else if (*p == '=') {
			txt_put(t, inner, strlen(inner));
			p++;
		} else {
			txt_put(t, addr, strlen(addr));
		}
	}
	return t->n;
}

/* The TXT records of the values in list, joined by a space as the TXT
 * records of a live answer are; a record equal to an earlier one is left
 * out, as rbldnsd leaves it out of its answer. */
static size_t txt_join(const struct zonefile *zf, const uint32_t *list, uint32_t ip,
                       char *out, size_t cap)
{
	struct txtbuf t[2];
	size_t len = 0, room, prev;
	const char *seen;

	for (uint32_t i = 1; i <= list[0]; i++) {
		struct txtbuf *cur = &t[i % 2];

		txt_expand(zf, list[i], ip, cur);
		for (seen = out, prev = 0; prev < len; ) {   /* each earlier record */
			size_t rl = strcspn(seen, "\x1f");

			if (rl == cur->n && !memcmp(seen, cur->s, rl))
				break;
			seen += rl + 1;
			prev += rl + 1;
		}
		if (prev < len)
			continue;
		room = cap - 1 - len;
		if (cur->n + 1 > room)
			break;   /* the live answer is cut here too, roughly */
		memcpy(out + len, cur->s, cur->n);
		len += cur->n;
		out[len++] = '\x1f';
	}
	out[len ? --len : 0] = '\0';
	for (size_t i = 0; i < len; i++)
		if (out[i] == '\x1f')
			out[i] = ' ';
	return len;
}

void zonefile_lookup(const struct zonefile *zf, uint32_t ip, struct lookup *out,
                     uint32_t codes[ZONEFILE_CODES], char *txt, size_t txtlen)
{
	const struct zp_index *ix = &zf->ix;
	size_t lo = 0, hi = ix->n, mid;
	const struct zp_answer *a;
	char joined[TXT_JOINED];
	int n = 0;

	while (lo < hi) {   /* the first span starting after ip */
		mid = lo + (hi - lo) / 2;
		if (ix->lo[mid] <= ip)
			lo = mid + 1;
		else
			hi = mid;
	}
	txt[0] = '\0';
	out->txt = txt;
	if (lo == 0 || ix->hi[lo - 1] < ip) {
		lk_classify_a(out, NULL, 0);
		return;
	}
	a = &ix->ans[lo - 1];
	if (a->txt != ZP_NONE)
		sanitize_text(txt, txtlen, joined,
		              txt_join(zf, ix->lists + a->txt, ip, joined, sizeof(joined)));
	codes[n++] = zf->val[a->first].a;
	if (a->bad != ZP_NONE && a->bad != a->first)
		codes[n++] = zf->val[a->bad].a;
	lk_classify_a(out, codes, n);  /* the rules live DNS answers go through */
}

int zonefile_listed(const struct zonefile *zf, struct zone_spans *out)
{
	const struct zp_index *ix = &zf->ix;
	size_t cap = ix->n ? ix->n : 1;

	memset(out, 0, sizeof *out);
	out->lo = malloc(cap * sizeof *out->lo);
	out->hi = malloc(cap * sizeof *out->hi);
	if (!out->lo || !out->hi) {
		zone_spans_free(out);
		return -1;
	}
	for (size_t i = 0; i < ix->n; i++) {
		const struct zp_answer *a = &ix->ans[i];
		struct lookup l = { .txt = "" };
		uint32_t codes[ZONEFILE_CODES];
		int n = 0;

		codes[n++] = zf->val[a->first].a;
		if (a->bad != ZP_NONE && a->bad != a->first)
			codes[n++] = zf->val[a->bad].a;
		lk_classify_a(&l, codes, n);
		if (l.state != LK_LISTED)
			continue;
		/* Neighbouring spans with other answers read as one range. */
		if (out->n && out->hi[out->n - 1] != UINT32_MAX &&
		    out->hi[out->n - 1] + 1 == ix->lo[i]) {
			out->hi[out->n - 1] = ix->hi[i];
			continue;
		}
		out->lo[out->n] = ix->lo[i];
		out->hi[out->n++] = ix->hi[i];
	}
	return 0;
}

void zone_spans_free(struct zone_spans *s)
{
	free(s->lo);
	free(s->hi);
	memset(s, 0, sizeof *s);
}

/* ---- a backend over a folder of zone files ---- */

struct zone_slot {
	char *name;
	struct zonefile *zf;   /* NULL: no file, answers LKE_NODATA */
};

struct zonedir {
	struct backend be;     /* first: the backend pointer is this struct */
	char *desc;
	size_t n;
	struct zone_slot zones[];
};

static int zd_query(struct backend *be, uint32_t ip, const char *zone,
                    unsigned flags, backend_cb cb, void *arg)
{
	const struct zonedir *zd = (const struct zonedir *)be;
	const struct zone_slot *z = NULL;
	struct lookup res = { .txt = "" };
	uint32_t codes[ZONEFILE_CODES];
	char txt[LOOKUP_TXT_MAX];

	(void)flags;  /* the TXT is always at hand, and nothing is cached */
	for (size_t i = 0; i < zd->n && !z; i++)
		if (strcmp(zd->zones[i].name, zone) == 0)
			z = &zd->zones[i];
	if (z && z->zf)
		zonefile_lookup(z->zf, ip, &res, codes, txt, sizeof txt);
	else
		lk_set_error(&res, LKE_NODATA);
	cb(arg, &res);
	return 1;   /* answered already: nothing to pace */
}

static unsigned zd_inflight(const struct backend *be)
{
	(void)be;
	return 0;  /* answers are given before query returns */
}

static const char *zd_describe(const struct backend *be)
{
	return ((const struct zonedir *)be)->desc;
}

static void zd_destroy(struct backend *be)
{
	struct zonedir *zd = (struct zonedir *)be;

	for (size_t i = 0; i < zd->n; i++) {
		free(zd->zones[i].name);
		zonefile_free(zd->zones[i].zf);
	}
	free(zd->desc);
	free(zd);
}

static const struct backend_ops zonedir_ops;

const struct zonefile *zonedir_zonefile(const struct backend *be, const char *zone)
{
	const struct zonedir *zd = (const struct zonedir *)be;

	if (!be || be->ops != &zonedir_ops)
		return NULL;
	for (size_t i = 0; i < zd->n; i++)
		if (strcmp(zd->zones[i].name, zone) == 0)
			return zd->zones[i].zf;
	return NULL;
}

static const struct backend_ops zonedir_ops = {
	.query = zd_query,
	.inflight = zd_inflight,
	.describe = zd_describe,
	.destroy = zd_destroy,
};

/* Write "dir/name" or "dir/name.gz" into path (room for both), whichever
 * exists: 0, or 1 if neither does. */
static int zone_path(const char *dir, const char *name, char *path, size_t len)
{
	struct stat st;
	static const char *const suffix[] = { "", ".gz" };

	for (size_t i = 0; i < 2; i++) {
		snprintf(path, len, "%s/%s%s", dir, name, suffix[i]);
		if (stat(path, &st) == 0 || errno != ENOENT)
			return 0;  /* if unreadable, loading it says why */
	}
	return 1;
}

/* Append one line to warn. */
static void warn_add(char *warn, size_t warnlen, const char *line)
{
	size_t used;

	if (!warn || warnlen == 0 || !*line)
		return;
	used = strlen(warn);
	if (used < warnlen)
		snprintf(warn + used, warnlen - used, "%s%s", used ? "\n" : "", line);
}

static int zone_open(struct zone_slot *z, const char *dir, const struct zone_opts *opt,
                     char *warn, size_t warnlen, char *err, size_t errlen)
{
	size_t len = strlen(dir) + strlen(z->name) + sizeof("/.gz");
	char *path, line[512];
	int rc;

	if (!z->name[0] || strchr(z->name, '/') || !strcmp(z->name, ".") || !strcmp(z->name, "..")) {
		snprintf(err, errlen, "bad zone name '%s'", z->name);
		return -1;
	}
	path = malloc(len);
	if (!path) {
		snprintf(err, errlen, "out of memory");
		return -1;
	}
	rc = 0;
	line[0] = '\0';
	if (zone_path(dir, z->name, path, len) == 1)
		snprintf(line, sizeof(line), "no zone file for %s in %s", z->name, dir);
	else if (!(z->zf = zonefile_load(path, opt, line, sizeof(line), err, errlen)))
		rc = -1;
	warn_add(warn, warnlen, line);
	free(path);
	return rc;
}

struct backend *zonedir_backend_new(const char *dir, const char *const *zones,
                                    size_t nzones, const struct zone_opts *opt,
                                    char *warn, size_t warnlen, char *err, size_t errlen)
{
	struct zonedir *zd;
	DIR *dh = opendir(dir);
	size_t desclen = strlen("zones ") + strlen(dir) + 1;
	int ok = 1;

	if (!dh) {
		snprintf(err, errlen, "cannot read zone folder '%s': %s", dir, strerror(errno));
		return NULL;
	}
	closedir(dh);
	if (warn && warnlen)
		warn[0] = '\0';
	zd = calloc(1, sizeof(*zd) + nzones * sizeof(zd->zones[0]));
	if (!zd || !(zd->desc = malloc(desclen))) {
		free(zd);
		snprintf(err, errlen, "out of memory");
		return NULL;
	}
	zd->be.ops = &zonedir_ops;
	snprintf(zd->desc, desclen, "zones %s", dir);
	for (size_t i = 0; i < nzones && ok; i++) {
		struct zone_slot *z = &zd->zones[i];

		zd->n = i + 1;
		z->name = strdup(zones[i]);
		if (!z->name) {
			snprintf(err, errlen, "out of memory");
			ok = 0;
		} else if (zone_open(z, dir, opt, warn, warnlen, err, errlen) < 0) {
			ok = 0;
		}
	}
	if (ok)
		return &zd->be;
	zd_destroy(&zd->be);
	return NULL;
}
