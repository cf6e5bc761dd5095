/* Reading listing policies: the line-based text of
 * assets/policies/NAME.policy, and the set of those built into the program.
 * A broken policy is refused with its file and line, never half-read. */
#include "core/uceprotect/policy.h"

#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "core/base/assets.h"
#include "core/base/parse.h"

#define LINE_MAX_LEN 1024
#define PCT_FRAC_MAX 6    /* keeps l3_num x 2^32 inside 64 bits */

/* ---- parsing ---- */

struct pctx {
	struct parse_at at;   /* path, line and the message buffer */
	unsigned seen;       /* bits of the keys read so far */
};

static int copy_text(struct pctx *c, char *dst, size_t size, const char *v, const char *key)
{
	size_t n = strlen(v);

	if (n == 0)
		return parse_fail(&c->at, "%s needs a text", key);
	if (n >= size)
		return parse_fail(&c->at, "%s is longer than %zu characters", key, size - 1);
	memcpy(dst, v, n + 1);
	return 0;
}

/* The placeholders of a TXT template must be among those in allowed
 * (a space-separated list), so that a typo fails here, not in a zone. */
static int check_template(struct pctx *c, const char *v, const char *allowed)
{
	for (const char *s = strchr(v, '{'); s; s = strchr(s + 1, '{')) {
		const char *e = strchr(s, '}');
		size_t n = e ? (size_t)(e - s - 1) : 0;
		const char *a = allowed;

		while (e && n && *a) {
			if (strncmp(a, s + 1, n) == 0 && (a[n] == ' ' || a[n] == '\0'))
				break;
			a += strcspn(a, " ");
			a += *a == ' ';
		}
		if (!e || !n || !*a)
			return parse_fail(&c->at, "unknown placeholder at '%.20s' (known: %s)", s,
			            allowed[0] ? allowed : "none");
	}
	return 0;
}

static int key_title(struct pctx *c, struct policy *p, char *v)
{
	return copy_text(c, p->title, sizeof p->title, v, "title");
}

/* YYYY, YYYY-MM or YYYY-MM-DD: the string order is then the date order. */
static int key_date(struct pctx *c, struct policy *p, char *v)
{
	size_t n = strlen(v);
	int ok = n == 4 || n == 7 || n == 10;

	for (size_t i = 0; ok && i < n; i++)
		ok = (i == 4 || i == 7) ? v[i] == '-' : (v[i] >= '0' && v[i] <= '9');
	if (ok && n >= 7)
		ok = strncmp(v + 5, "01", 2) >= 0 && strncmp(v + 5, "12", 2) <= 0;
	if (ok && n == 10)
		ok = strncmp(v + 8, "01", 2) >= 0 && strncmp(v + 8, "31", 2) <= 0;
	if (!ok)
		return parse_fail(&c->at, "date '%.20s' is not YYYY, YYYY-MM or YYYY-MM-DD", v);
	memcpy(p->date, v, n + 1);
	return 0;
}

static int unit_parse(struct pctx *c, const char *v, const char *key, enum policy_unit *u)
{
	if (strcmp(v, "ips") == 0)
		*u = PU_IPS;
	else if (strcmp(v, "impacts") == 0)
		*u = PU_IMPACTS;
	else
		return parse_fail(&c->at, "%s must be 'ips' or 'impacts', not '%.20s'", key, v);
	return 0;
}

static int key_l1_txt(struct pctx *c, struct policy *p, char *v)
{
	if (check_template(c, v, "") < 0)
		return -1;
	return copy_text(c, p->l1_txt, sizeof p->l1_txt, v, "l1.txt");
}

static int key_l2_count(struct pctx *c, struct policy *p, char *v)
{
	return unit_parse(c, v, "l2.count", &p->l2_unit);
}

/* "/N COUNT" */
static int key_l2_min(struct pctx *c, struct policy *p, char *v)
{
	char *sp = v + strcspn(v, " \t");
	uint32_t len, count;

	if (*sp)
		*sp++ = '\0';
	while (parse_is_blank(*sp))
		sp++;
	if (v[0] != '/' || parse_u32(v + 1, &len) < 0 || len < 1 || len > 32)
		return parse_fail(&c->at, "l2.min needs a prefix length /1 to /32 first, not '%.20s'", v);
	if (parse_u32(sp, &count) < 0 || count == 0)
		return parse_fail(&c->at, "l2.min /%u needs a count of 1 or more, not '%.20s'", (unsigned)len, sp);
	if (p->l2_min[len])
		return parse_fail(&c->at, "l2.min /%u is given twice", (unsigned)len);
	p->l2_min[len] = count;
	return 0;
}

static int key_l2_txt(struct pctx *c, struct policy *p, char *v)
{
	if (check_template(c, v, "net count org asn") < 0)
		return -1;
	return copy_text(c, p->l2_txt, sizeof p->l2_txt, v, "l2.txt");
}

static int key_l3_count(struct pctx *c, struct policy *p, char *v)
{
	return unit_parse(c, v, "l3.count", &p->l3_unit);
}

/* A decimal percentage above 0 and at most 100, kept as an exact
 * fraction: "0.05" is 5 / 10000. */
static int key_l3_percent(struct pctx *c, struct policy *p, char *v)
{
	uint64_t num = 0, den = 100;
	int digits = 0, frac = -1;
	const char *s;

	for (s = v; *s; s++) {
		if (*s == '.' && frac < 0) {
			frac = 0;
			continue;
		}
		if (*s < '0' || *s > '9' || ++digits > 9 || (frac >= 0 && ++frac > PCT_FRAC_MAX))
			break;
		num = num * 10 + (uint64_t)(*s - '0');
		if (frac > 0)
			den *= 10;
	}
	if (*s || digits == 0 || num == 0 || num > den || strlen(v) >= sizeof p->l3_pct)
		return parse_fail(&c->at, "l3.percent must be a number above 0 and at most 100 "
		            "with at most %d decimals, not '%.20s'", PCT_FRAC_MAX, v);
	p->l3_num = num;
	p->l3_den = den;
	memcpy(p->l3_pct, v, strlen(v) + 1);
	return 0;
}

static int key_l3_compare(struct pctx *c, struct policy *p, char *v)
{
	if (strcmp(v, ">=") == 0)
		p->l3_cmp = PC_GE;
	else if (strcmp(v, ">") == 0)
		p->l3_cmp = PC_GT;
	else
		return parse_fail(&c->at, "l3.compare must be '>=' or '>', not '%.20s'", v);
	return 0;
}

static int key_l3_min(struct pctx *c, struct policy *p, char *v)
{
	if (parse_u32(v, &p->l3_min) < 0)
		return parse_fail(&c->at, "l3.min must be a count, not '%.20s'", v);
	return 0;
}

static int key_l3_txt(struct pctx *c, struct policy *p, char *v)
{
	if (check_template(c, v, "org asn count score") < 0)
		return -1;
	return copy_text(c, p->l3_txt, sizeof p->l3_txt, v, "l3.txt");
}

enum { K_REPEAT = 1 << 0, K_REQUIRED = 1 << 1 };

static const struct pkey {
	const char *name;
	int (*fn)(struct pctx *c, struct policy *p, char *v);
	unsigned flags;
} pkeys[] = {
	{ "title", key_title, K_REQUIRED },
	{ "date", key_date, K_REQUIRED },
	{ "l1.txt", key_l1_txt, K_REQUIRED },
	{ "l2.count", key_l2_count, K_REQUIRED },
	{ "l2.min", key_l2_min, K_REPEAT | K_REQUIRED },
	{ "l2.txt", key_l2_txt, K_REQUIRED },
	{ "l3.count", key_l3_count, K_REQUIRED },
	{ "l3.percent", key_l3_percent, K_REQUIRED },
	{ "l3.compare", key_l3_compare, K_REQUIRED },
	{ "l3.min", key_l3_min, 0 },
	{ "l3.txt", key_l3_txt, K_REQUIRED },
};
#define NKEYS (sizeof pkeys / sizeof pkeys[0])

static int line_parse(struct pctx *c, struct policy *p, char *s)
{
	char *v;
	size_t i;

	s = parse_line_trim(s);
	if (!*s)
		return 0;
	v = s + strcspn(s, " \t");
	if (*v)
		*v++ = '\0';
	while (parse_is_blank(*v))
		v++;
	for (i = 0; i < NKEYS && strcmp(pkeys[i].name, s) != 0; i++)
		;
	if (i == NKEYS)
		return parse_fail(&c->at, "unknown key '%.32s'", s);
	if ((c->seen & 1u << i) && !(pkeys[i].flags & K_REPEAT))
		return parse_fail(&c->at, "%s is given twice", s);
	c->seen |= 1u << i;
	return pkeys[i].fn(c, p, v);
}


/* The policy's name: its file name without ".policy". */
static int name_from_path(struct pctx *c, char *name, size_t size)
{
	const char *b = strrchr(c->at.path, '/');
	size_t n;

	b = b ? b + 1 : c->at.path;
	n = strlen(b);
	if (n > 7 && strcmp(b + n - 7, ".policy") == 0)
		n -= 7;
	if (n == 0 || n >= size)
		return parse_fail(&c->at, "a policy's file name must have 1 to %zu characters", size - 1);
	memcpy(name, b, n);
	name[n] = '\0';
	return 0;
}

/* The widest and narrowest prefixes level 2 evaluates. */
static void l2_bounds(struct policy *p)
{
	p->l2_widest = 32;
	p->l2_narrowest = 0;
	for (unsigned i = 1; i <= 32; i++) {
		if (!p->l2_min[i])
			continue;
		if (i < p->l2_widest)
			p->l2_widest = i;
		p->l2_narrowest = i;
	}
}

int policy_parse(const char *path, const char *text, size_t len,
                 struct policy *p, char *err, size_t errlen)
{
	struct pctx c = { .at = { path, 0, err, errlen } };
	const char *end = text + len;
	char buf[LINE_MAX_LEN];
	int rc;

	memset(p, 0, sizeof(*p));
	if (name_from_path(&c, p->name, sizeof p->name) < 0)
		return -1;
	while ((rc = parse_next_line(&c.at, &text, end, buf, sizeof buf)) > 0)
		if (line_parse(&c, p, buf) < 0)
			return -1;
	if (rc < 0)
		return -1;
	c.at.line = 0;
	for (size_t i = 0; i < NKEYS; i++)
		if ((pkeys[i].flags & K_REQUIRED) && !(c.seen & 1u << i))
			return parse_fail(&c.at, "no '%s' line", pkeys[i].name);
	l2_bounds(p);
	return 0;
}

/* ---- the built-in set ---- */

static int policy_order(const void *a, const void *b)
{
	const struct policy *x = a, *y = b;
	int d = strcmp(x->date, y->date);

	return d ? d : strcmp(x->name, y->name);
}

static int is_policy_asset(const char *name)
{
	size_t n = strlen(name);

	return strncmp(name, "policies/", 9) == 0 && n > 16 &&
	       strcmp(name + n - 7, ".policy") == 0;
}

int policy_set_load(struct policy_set *set, char *err, size_t errlen)
{
	size_t na, n = 0;
	const struct asset *a = asset_list(&na);

	set->n = 0;
	set->v = calloc(na ? na : 1, sizeof(*set->v));
	if (!set->v) {
		snprintf(err, errlen, "policies: out of memory");
		return -1;
	}
	for (size_t i = 0; i < na; i++) {
		if (!is_policy_asset(a[i].name))
			continue;
		if (policy_parse(a[i].name, a[i].text, a[i].len, &set->v[n], err, errlen) < 0) {
			policy_set_free(set);
			return -1;
		}
		n++;
	}
	if (n == 0) {
		policy_set_free(set);
		snprintf(err, errlen, "policies: none built into this program");
		return -1;
	}
	qsort(set->v, n, sizeof(*set->v), policy_order);
	set->n = n;
	return 0;
}

const struct policy *policy_set_find(const struct policy_set *set, const char *name)
{
	for (size_t i = 0; i < set->n; i++)
		if (strcmp(set->v[i].name, name) == 0)
			return &set->v[i];
	return NULL;
}

void policy_set_free(struct policy_set *set)
{
	free(set->v);
	set->v = NULL;
	set->n = 0;
}
