/* Reading profile files (assets/profiles/NAME.profile, the user's own):
 * line-based text, described in assets/rblscope-profile.5.  A broken
 * profile is refused with its file and line, never half-read. */
#include "core/scan/profile.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "core/base/ip.h"
#include "core/base/parse.h"

#define LINE_MAX_LEN 1024
#define ZONE_NAME_MAX 237   /* "255.255.255.255." and the zone fit in 253 */

struct pctx {
	struct parse_at at;
	struct profile *p;
	struct zone_def *z;          /* the zone being read, NULL before the first */
	struct zone_code *codes;     /* its codes (z->codes aliases this) */
	unsigned long zone_line;     /* where the zone being read starts */
	bool seen_name, seen_title, zone_title;
};

static char *dup_text(struct pctx *c, const char *v, size_t max, const char *what)
{
	size_t n = strlen(v);
	char *s;

	if (n == 0) {
		parse_fail(&c->at, "%s needs a text", what);
		return NULL;
	}
	if (n > max) {
		parse_fail(&c->at, "%s is longer than %zu characters", what, max);
		return NULL;
	}
	if (!(s = malloc(n + 1))) {
		parse_fail(&c->at, "out of memory");
		return NULL;
	}
	memcpy(s, v, n + 1);
	return s;
}

/* The first blank-separated word of *s, cut off; *s moves past it. */
static char *word(char **s)
{
	char *w = *s, *e = w + strcspn(w, " \t");

	if (*e)
		*e++ = '\0';
	while (parse_is_blank(*e))
		e++;
	*s = e;
	return w;
}

static bool chars_ok(const char *s, size_t max, const char *extra)
{
	size_t n = strlen(s);

	if (n == 0 || n > max)
		return false;
	for (; *s; s++)
		if (!((*s >= 'a' && *s <= 'z') || (*s >= '0' && *s <= '9') || strchr(extra, *s)))
			return false;
	return true;
}

/* A DNS name of two labels or more: letters, digits, inner hyphens. */
static bool dns_name_ok(const char *s)
{
	size_t n = strlen(s), lab = 0, labels = 1;

	if (n == 0 || n > ZONE_NAME_MAX || s[0] == '.' || s[n - 1] == '.')
		return false;
	for (size_t i = 0; i < n; i++) {
		char ch = s[i];

		if (ch == '.') {
			if (lab == 0 || s[i - 1] == '-')
				return false;
			lab = 0;
			labels++;
			continue;
		}
		if (!((ch >= 'a' && ch <= 'z') || (ch >= 'A' && ch <= 'Z') ||
		      (ch >= '0' && ch <= '9') || ch == '-') || (ch == '-' && lab == 0) || ++lab > 63)
			return false;
	}
	return s[n - 1] != '-' && labels >= 2;
}

static int key_name(struct pctx *c, char *v)
{
	if (c->seen_name)
		return parse_fail(&c->at, "name is given twice");
	if (!chars_ok(v, PROFILE_NAME_MAX, "_-"))
		return parse_fail(&c->at, "name '%.40s' is not 1 to %d of a-z, 0-9, _ and -",
		                  v, PROFILE_NAME_MAX);
	c->seen_name = true;
	return (c->p->name = dup_text(c, v, PROFILE_NAME_MAX, "name")) ? 0 : -1;
}

static int key_title(struct pctx *c, char *v)
{
	bool *seen = c->z ? &c->zone_title : &c->seen_title;
	const char **dst = c->z ? &c->z->title : &c->p->title;

	if (*seen)
		return parse_fail(&c->at, "title is given twice%s", c->z ? " for this zone" : "");
	*seen = true;
	return (*dst = dup_text(c, v, PROFILE_TEXT_MAX, "title")) ? 0 : -1;
}

static const char *const role_names[] = {
	[ZR_SINGLE] = "single", [ZR_RANGE] = "range", [ZR_ASN] = "asn",
	[ZR_INFO] = "info", [ZR_ALLOW] = "allow",
};

const char *profile_role_name(enum zone_role r)
{
	return (unsigned)r < sizeof role_names / sizeof role_names[0] ? role_names[r] : "info";
}

/* A zone's last checks, once all its lines are read; an error names
 * the zone's first line. */
static int zone_end(struct pctx *c)
{
	struct zone_def *z = c->z;

	if (!z)
		return 0;
	c->at.line = c->zone_line;
	if (!z->title)
		return parse_fail(&c->at, "zone %s has no 'title' line", z->key);
	if (!z->any && !z->ncodes)
		return parse_fail(&c->at, "zone %s documents no code: add 'code' lines or 'codes any'", z->key);
	if (!z->label)
		z->label = z->key;   /* freed once, by key */
	return 0;
}

/* "zone KEY DNSNAME ROLE" */
static int key_zone(struct pctx *c, char *v)
{
	struct profile *p = c->p;
	char *key = word(&v), *name = word(&v), *role = word(&v);
	struct zone_def *z;
	unsigned long line = c->at.line;
	size_t r;

	if (zone_end(c) < 0)
		return -1;
	c->at.line = c->zone_line = line;
	if (!*role || *v)
		return parse_fail(&c->at, "zone wants KEY DNSNAME ROLE");
	if (!chars_ok(key, PROFILE_KEY_MAX, "_"))
		return parse_fail(&c->at, "zone key '%.40s' is not 1 to %d of a-z, 0-9 and _",
		                  key, PROFILE_KEY_MAX);
	if (!dns_name_ok(name))
		return parse_fail(&c->at, "zone %s: '%.60s' is not a DNS name of two labels or more", key, name);
	for (r = 0; r < sizeof role_names / sizeof role_names[0]; r++)
		if (strcmp(role, role_names[r]) == 0)
			break;
	if (r == sizeof role_names / sizeof role_names[0])
		return parse_fail(&c->at, "zone %s: role '%.20s' is not single, range, asn, info or allow",
		                  key, role);
	for (size_t i = 0; i < p->nzones; i++) {
		if (strcmp(p->zones[i].key, key) == 0)
			return parse_fail(&c->at, "zone key %s is given twice", key);
		if (strcmp(p->zones[i].zone, name) == 0)
			return parse_fail(&c->at, "zone %s: %s is given twice", key, name);
		if (r <= ZR_ASN && p->zones[i].role == (enum zone_role)r)
			return parse_fail(&c->at, "zone %s: a profile has one %s zone at most", key, role);
	}
	if (p->nzones == PROFILE_MAX_ZONES)
		return parse_fail(&c->at, "more than %d zones", PROFILE_MAX_ZONES);
	z = &p->zones[p->nzones++];
	z->role = (enum zone_role)r;
	c->zone_title = false;
	c->codes = NULL;
	c->z = z;
	if (!(z->key = dup_text(c, key, PROFILE_KEY_MAX, "key")) ||
	    !(z->zone = dup_text(c, name, ZONE_NAME_MAX, "zone")))
		return -1;
	if (!(c->codes = calloc(PROFILE_MAX_CODES, sizeof *c->codes)))
		return parse_fail(&c->at, "out of memory");
	z->codes = c->codes;
	return 0;
}

static int key_label(struct pctx *c, char *v)
{
	if (!c->z)
		return parse_fail(&c->at, "label before the first zone line");
	if (c->z->label)
		return parse_fail(&c->at, "label is given twice for this zone");
	return (c->z->label = dup_text(c, v, PROFILE_LABEL_MAX, "label")) ? 0 : -1;
}

/* "A", "A-B" or, for errors, "A/N": a range inside 127/8. */
static int range_parse(struct pctx *c, char *s, bool error, uint32_t *lo, uint32_t *hi)
{
	char *dash = strchr(s, '-'), *slash = strchr(s, '/');
	unsigned prefix;
	uint32_t ip;

	if (dash) {
		*dash = '\0';
		if (ip4_parse(s, lo) < 0 || ip4_parse(dash + 1, hi) < 0)
			return parse_fail(&c->at, "'%.40s-%.40s' is not ADDRESS-ADDRESS", s, dash + 1);
		if (*lo > *hi)
			return parse_fail(&c->at, "range %s-%s runs backwards", s, dash + 1);
	} else if (slash) {
		if (!error)
			return parse_fail(&c->at, "code takes an address or A-B, not a prefix: '%.40s'", s);
		*slash = '\0';
		if (ip4_parse(s, &ip) < 0 || cidr_parse(s, lo, &prefix) < 0)
			return parse_fail(&c->at, "'%.40s' is not an address", s);
		*slash = '/';
		if (cidr_parse(s, lo, &prefix) < 0 || *lo != ip)
			return parse_fail(&c->at, "'%.40s' is not a prefix without host bits", s);
		*hi = *lo | ~ip4_mask(prefix);
	} else if (ip4_parse(s, lo) < 0) {
		return parse_fail(&c->at, "'%.40s' is not an address", s);
	} else {
		*hi = *lo;
	}
	if (*lo >> 24 != 127 || *hi >> 24 != 127)
		return parse_fail(&c->at, "'%.40s' is outside 127.0.0.0/8, where DNSBL codes live", s);
	/* RFC 5782 section 5: 127.0.0.1 is never a listing. */
	if (!error && *lo <= 0x7f000001u && *hi >= 0x7f000001u)
		return parse_fail(&c->at, "127.0.0.1 is never a listing (RFC 5782); use 'error'");
	return 0;
}

/* "code RANGE MEANING" and "error RANGE MEANING" */
static int add_code(struct pctx *c, char *v, bool error)
{
	const char *what = error ? "error" : "code";
	char *r = word(&v), whole[48];
	struct zone_code *k;
	uint32_t lo, hi;

	if (!c->z)
		return parse_fail(&c->at, "%s before the first zone line", what);
	if (!*r || !*v)
		return parse_fail(&c->at, "%s wants an address or range and a meaning", what);
	if (!error && c->z->any)
		return parse_fail(&c->at, "code after 'codes any': the zone lists any code");
	snprintf(whole, sizeof whole, "%s", r);   /* range_parse cuts r */
	if (range_parse(c, r, error, &lo, &hi) < 0)
		return -1;
	for (size_t i = 0; i < c->z->ncodes; i++)
		if (lo <= c->codes[i].hi && c->codes[i].lo <= hi)
			return parse_fail(&c->at, "%s overlaps an earlier code or error line", whole);
	if (c->z->ncodes == PROFILE_MAX_CODES)
		return parse_fail(&c->at, "more than %d code and error lines in a zone", PROFILE_MAX_CODES);
	k = &c->codes[c->z->ncodes];
	if (!(k->meaning = dup_text(c, v, PROFILE_TEXT_MAX, "meaning")))
		return -1;
	k->lo = lo;
	k->hi = hi;
	k->error = error;
	c->z->ncodes++;
	return 0;
}

static int key_code(struct pctx *c, char *v) { return add_code(c, v, false); }
static int key_error(struct pctx *c, char *v) { return add_code(c, v, true); }

static int key_codes(struct pctx *c, char *v)
{
	if (!c->z)
		return parse_fail(&c->at, "codes before the first zone line");
	if (strcmp(v, "any") != 0)
		return parse_fail(&c->at, "codes takes 'any', not '%.20s'", v);
	if (c->z->any)
		return parse_fail(&c->at, "codes any is given twice for this zone");
	for (size_t i = 0; i < c->z->ncodes; i++)
		if (!c->codes[i].error)
			return parse_fail(&c->at, "codes any after a code line");
	c->z->any = true;
	return 0;
}

static const struct pkey {
	const char *name;
	int (*fn)(struct pctx *c, char *v);
} pkeys[] = {
	{ "name", key_name }, { "title", key_title }, { "zone", key_zone },
	{ "label", key_label }, { "code", key_code }, { "error", key_error },
	{ "codes", key_codes },
};

static int line_parse(struct pctx *c, char *s)
{
	char *k;
	size_t i;

	s = parse_line_trim(s);
	if (!*s)
		return 0;
	k = word(&s);
	for (i = 0; i < sizeof pkeys / sizeof pkeys[0]; i++)
		if (strcmp(pkeys[i].name, k) == 0)
			return pkeys[i].fn(c, s);
	return parse_fail(&c->at, "unknown key '%.32s'", k);
}


static int profile_check(struct pctx *c)
{
	struct profile *p = c->p;
	bool single = false;

	if (zone_end(c) < 0)
		return -1;
	c->at.line = 0;
	if (!p->name)
		return parse_fail(&c->at, "no 'name' line");
	if (!p->title)
		return parse_fail(&c->at, "no 'title' line before the first zone");
	if (p->nzones == 0)
		return parse_fail(&c->at, "no 'zone' line");
	for (size_t i = 0; i < p->nzones; i++)
		single |= p->zones[i].role == ZR_SINGLE;
	if (!single)
		return parse_fail(&c->at, "no zone of role single: something must say whether "
		                  "an address itself is listed");
	return 0;
}

int profile_parse(const char *path, const char *text, size_t len,
                  struct profile *p, char *err, size_t errlen)
{
	struct pctx c = { .at = { path, 0, err, errlen }, .p = p };
	const char *end = text + len;
	char buf[LINE_MAX_LEN];
	int rc;

	memset(p, 0, sizeof *p);
	while ((rc = parse_next_line(&c.at, &text, end, buf, sizeof buf)) > 0)
		if (line_parse(&c, buf) < 0)
			break;
	if (rc == 0 && profile_check(&c) == 0)
		return 0;
	profile_free(p);
	return -1;
}

void profile_free(struct profile *p)
{
	for (size_t i = 0; i < p->nzones; i++) {
		struct zone_def *z = &p->zones[i];

		for (size_t k = 0; k < z->ncodes; k++)
			free((char *)z->codes[k].meaning);
		if (z->label != z->key)
			free((char *)z->label);
		free((char *)z->key);
		free((char *)z->zone);
		free((char *)z->title);
		free((struct zone_code *)z->codes);
	}
	free((char *)p->name);
	free((char *)p->title);
	memset(p, 0, sizeof *p);
}

const struct zone_code *profile_code_find(const struct zone_def *d, uint32_t code)
{
	for (size_t i = 0; i < d->ncodes; i++)
		if (code >= d->codes[i].lo && code <= d->codes[i].hi)
			return &d->codes[i];
	return NULL;
}
