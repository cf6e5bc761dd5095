/* Reading abuse scenarios.  Items refer only to what is declared above
 * them (an ASN before its networks, networks before their addresses), so
 * that every mistake is reported on the line that makes it. */
#include "core/uceprotect/scenario.h"

#include <stdarg.h>
#include <stdlib.h>
#include <string.h>

#include "core/base/assets.h"
#include "core/base/ip.h"
#include "core/base/parse.h"

#define LINE_MAX_LEN 512
#define DEMO_ASSET "demo/scenario.txt"

struct sctx {
	struct parse_at at;   /* path, line and the message buffer */
	unsigned long start_line;
	size_t capasns, capnets, capaddrs;
};

static int grow(void **p, size_t *cap, size_t need, size_t size)
{
	size_t n = *cap ? *cap * 2 : 16;
	void *q;

	if (need <= *cap)
		return 0;
	if (n < need)
		n = need;
	q = realloc(*p, n * size);
	if (!q)
		return -1;
	*p = q;
	*cap = n;
	return 0;
}

/* Split off the first word of *s; the rest, without leading blanks, stays
 * in *s. */
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

/* "AS64512" or "64512", not 0. */
static int asn_parse(struct sctx *c, const char *s, uint32_t *asn)
{
	const char *d = (s[0] == 'A' || s[0] == 'a') && (s[1] == 'S' || s[1] == 's') ? s + 2 : s;

	if (parse_u32(d, asn) < 0 || *asn == 0)
		return parse_fail(&c->at, "'%.20s' is not an AS number", s);
	return 0;
}

static int addr_parse(struct sctx *c, const char *s, uint32_t *ip)
{
	if (ip4_parse(s, ip) < 0)
		return parse_fail(&c->at, "'%.20s' is not an IPv4 address", s);
	return 0;
}

/* ---- lookups, shared with the rest of the module ---- */

const struct sc_asn *scenario_asn(const struct scenario *sc, uint32_t asn)
{
	for (size_t i = 0; i < sc->nasns; i++)
		if (sc->asns[i].asn == asn)
			return &sc->asns[i];
	return NULL;
}

const struct sc_net *scenario_net_of(const struct scenario *sc, uint32_t ip)
{
	for (size_t i = 0; i < sc->nnets; i++)
		if ((ip & ip4_mask(sc->nets[i].prefix)) == sc->nets[i].net)
			return &sc->nets[i];
	return NULL;
}

/* Index of the first entry >= ip. */
static size_t addr_index(const struct scenario *sc, uint32_t ip)
{
	size_t a = 0, b = sc->naddrs;

	while (a < b) {
		size_t m = a + (b - a) / 2;

		if (sc->addrs[m].ip < ip)
			a = m + 1;
		else
			b = m;
	}
	return a;
}

const struct policy_addr *scenario_addr(const struct scenario *sc, uint32_t ip)
{
	size_t i = addr_index(sc, ip);

	return i < sc->naddrs && sc->addrs[i].ip == ip ? &sc->addrs[i] : NULL;
}

/* The entry of ip, inserted in order when new; NULL when out of memory. */
static struct policy_addr *addr_get(struct scenario *sc, size_t *cap, uint32_t ip)
{
	size_t i = addr_index(sc, ip);

	if (i < sc->naddrs && sc->addrs[i].ip == ip)
		return &sc->addrs[i];
	if (grow((void **)&sc->addrs, cap, sc->naddrs + 1, sizeof(*sc->addrs)) < 0)
		return NULL;
	memmove(&sc->addrs[i + 1], &sc->addrs[i], (sc->naddrs - i) * sizeof(*sc->addrs));
	sc->addrs[i] = (struct policy_addr){ .ip = ip };
	sc->naddrs++;
	return &sc->addrs[i];
}

/* ---- items ---- */

static int item_text(struct sctx *c, char *dst, size_t size, const char *v, const char *key)
{
	size_t n = strlen(v);

	if (n == 0 || n >= size)
		return parse_fail(&c->at, "%s needs a text of 1 to %zu characters", key, size - 1);
	memcpy(dst, v, n + 1);
	return 0;
}

static int item_title(struct sctx *c, struct scenario *sc, char *v)
{
	if (sc->title[0])
		return parse_fail(&c->at, "a second title");
	return item_text(c, sc->title, sizeof sc->title, v, "title");
}

static int item_policy(struct sctx *c, struct scenario *sc, char *v)
{
	if (sc->policy[0])
		return parse_fail(&c->at, "a second policy");
	if (strcspn(v, " \t/") != strlen(v))
		return parse_fail(&c->at, "policy needs one name, such as 2021-02-08");
	return item_text(c, sc->policy, sizeof sc->policy, v, "policy");
}

static int item_start(struct sctx *c, struct scenario *sc, char *v)
{
	if (c->start_line)
		return parse_fail(&c->at, "a second start address");
	c->start_line = c->at.line;
	return addr_parse(c, v, &sc->start);
}

/* The org ends up in TXT records of zone files, where '$' would be
 * replaced by rbldnsd, and in CSV: keep it to plain printable text. */
static int item_asn(struct sctx *c, struct scenario *sc, char *v)
{
	char *num = word(&v);
	struct sc_asn a = { 0 };

	if (asn_parse(c, num, &a.asn) < 0)
		return -1;
	if (scenario_asn(sc, a.asn))
		return parse_fail(&c->at, "AS%u is declared twice", (unsigned)a.asn);
	if (strchr(v, '$'))
		return parse_fail(&c->at, "an organisation name may not hold '$'");
	if (item_text(c, a.org, sizeof a.org, v, "asn") < 0)
		return -1;
	if (grow((void **)&sc->asns, &c->capasns, sc->nasns + 1, sizeof(*sc->asns)) < 0)
		return parse_fail(&c->at, "out of memory");
	sc->asns[sc->nasns++] = a;
	return 0;
}

static int net_parse(struct sctx *c, char *s, uint32_t *net, unsigned *prefix)
{
	char *slash = strchr(s, '/');
	uint32_t ip;

	if (!slash || cidr_parse(s, net, prefix) < 0)
		return parse_fail(&c->at, "'%.24s' is not a network a.b.c.d/n", s);
	*slash = '\0';
	if (ip4_parse(s, &ip) < 0 || ip != *net) {
		char want[CIDR_STRLEN];

		cidr_format(*net, *prefix, want);
		return parse_fail(&c->at, "%s/%u has host bits set (the network is %s)", s, *prefix, want);
	}
	*slash = '/';
	return 0;
}

static int item_net(struct sctx *c, struct scenario *sc, char *v)
{
	char *cidr = word(&v);
	struct sc_net n;
	size_t i;

	if (net_parse(c, cidr, &n.net, &n.prefix) < 0 || asn_parse(c, v, &n.asn) < 0)
		return -1;
	if (!scenario_asn(sc, n.asn))
		return parse_fail(&c->at, "AS%u is not declared above (asn AS%u NAME)",
		            (unsigned)n.asn, (unsigned)n.asn);
	for (i = 0; i < sc->nnets; i++) {
		unsigned p = n.prefix < sc->nets[i].prefix ? n.prefix : sc->nets[i].prefix;

		if ((n.net & ip4_mask(p)) == (sc->nets[i].net & ip4_mask(p)))
			return parse_fail(&c->at, "%s overlaps a network declared above", cidr);
	}
	if (grow((void **)&sc->nets, &c->capnets, sc->nnets + 1, sizeof(*sc->nets)) < 0)
		return parse_fail(&c->at, "out of memory");
	for (i = sc->nnets; i > 0 && sc->nets[i - 1].net > n.net; i--)
		sc->nets[i] = sc->nets[i - 1];
	sc->nets[i] = n;
	sc->nnets++;
	return 0;
}

/* The entry of the address in v, which must lie in a declared network. */
static struct policy_addr *item_addr(struct sctx *c, struct scenario *sc, const char *v)
{
	uint32_t ip;
	struct policy_addr *a;

	if (addr_parse(c, v, &ip) < 0)
		return NULL;
	if (!scenario_net_of(sc, ip)) {
		parse_fail(&c->at, "%s is in no network declared above", v);
		return NULL;
	}
	a = addr_get(sc, &c->capaddrs, ip);
	if (!a)
		parse_fail(&c->at, "out of memory");
	return a;
}

static int item_impacts(struct sctx *c, struct scenario *sc, char *v)
{
	char *ip = word(&v);
	uint32_t n;
	struct policy_addr *a;

	if (parse_u32(v, &n) < 0 || n == 0 || n > SCENARIO_IMPACTS_MAX)
		return parse_fail(&c->at, "impacts needs an address and a count from 1 to %u",
		            SCENARIO_IMPACTS_MAX);
	if (!(a = item_addr(c, sc, ip)))
		return -1;
	if (a->impacts)
		return parse_fail(&c->at, "%s has impacts twice", ip);
	a->impacts = n;
	return 0;
}

static int item_whitelist(struct sctx *c, struct scenario *sc, char *v)
{
	struct policy_addr *a = item_addr(c, sc, v);

	if (!a)
		return -1;
	if (a->whitelisted)
		return parse_fail(&c->at, "%s is whitelisted twice", v);
	a->whitelisted = true;
	return 0;
}

static const struct item {
	const char *name;
	int (*fn)(struct sctx *c, struct scenario *sc, char *v);
} items[] = {
	{ "title", item_title },
	{ "policy", item_policy },
	{ "start", item_start },
	{ "asn", item_asn },
	{ "net", item_net },
	{ "impacts", item_impacts },
	{ "whitelist", item_whitelist },
};

static int line_parse(struct sctx *c, struct scenario *sc, char *s)
{
	char *key;

	s = parse_line_trim(s);
	if (!*s)
		return 0;
	for (char *p = s; *p; p++)
		if (((unsigned char)*p < 0x20 && *p != '\t') || *p == 0x7f)
			return parse_fail(&c->at, "control character (byte %u) in the line", (unsigned char)*p);
	key = word(&s);
	for (size_t i = 0; i < sizeof items / sizeof items[0]; i++)
		if (strcmp(items[i].name, key) == 0)
			return items[i].fn(c, sc, s);
	return parse_fail(&c->at, "unknown item '%.20s'", key);
}

static int finish(struct sctx *c, struct scenario *sc)
{
	c->at.line = 0;
	if (sc->nnets == 0)
		return parse_fail(&c->at, "no network (net CIDR ASN)");
	if (!sc->policy[0])
		return parse_fail(&c->at, "no policy to start with (policy NAME)");
	if (!c->start_line)
		return parse_fail(&c->at, "no start address (start ADDRESS)");
	c->at.line = c->start_line;
	if (!scenario_net_of(sc, sc->start))
		return parse_fail(&c->at, "the start address is in no network of the scenario");
	return 0;
}

int scenario_parse(const char *path, const char *text, size_t len,
                   struct scenario *sc, char *err, size_t errlen)
{
	struct sctx c = { .at = { path, 0, err, errlen } };
	const char *end = text + len;
	char buf[LINE_MAX_LEN];

	memset(sc, 0, sizeof(*sc));
	while (text < end) {
		const char *nl = memchr(text, '\n', (size_t)(end - text));
		size_t n = (size_t)((nl ? nl : end) - text);

		c.at.line++;
		if (n >= sizeof buf) {
			parse_fail(&c.at, "line longer than %zu characters", sizeof buf - 1);
			goto bad;
		}
		memcpy(buf, text, n);
		buf[n] = '\0';
		text += n + (nl != NULL);
		if (memchr(buf, '\0', n)) {
			parse_fail(&c.at, "NUL byte in the line");
			goto bad;
		}
		if (line_parse(&c, sc, buf) < 0)
			goto bad;
	}
	if (finish(&c, sc) == 0)
		return 0;
bad:
	scenario_free(sc);
	return -1;
}

int scenario_load_demo(struct scenario *sc, char *err, size_t errlen)
{
	const struct asset *a = asset_find(DEMO_ASSET);

	if (!a) {
		memset(sc, 0, sizeof(*sc));
		snprintf(err, errlen, "%s: not built into this program", DEMO_ASSET);
		return -1;
	}
	return scenario_parse(a->name, a->text, a->len, sc, err, errlen);
}

/* ---- copies and changes ---- */

static void *dup_array(const void *src, size_t n, size_t size)
{
	void *p = malloc(n ? n * size : 1);

	if (p && n)
		memcpy(p, src, n * size);
	return p;
}

int scenario_copy(struct scenario *dst, const struct scenario *src)
{
	*dst = *src;
	dst->asns = dup_array(src->asns, src->nasns, sizeof(*src->asns));
	dst->nets = dup_array(src->nets, src->nnets, sizeof(*src->nets));
	dst->addrs = dup_array(src->addrs, src->naddrs, sizeof(*src->addrs));
	if (!dst->asns || !dst->nets || !dst->addrs) {
		scenario_free(dst);
		return -1;
	}
	return 0;
}

void scenario_free(struct scenario *sc)
{
	free(sc->asns);
	free(sc->nets);
	free(sc->addrs);
	memset(sc, 0, sizeof(*sc));
}

int scenario_add_impacts(struct scenario *sc, uint32_t ip, uint32_t n)
{
	size_t cap = sc->naddrs;   /* the array holds naddrs or more */
	size_t i = addr_index(sc, ip);
	struct policy_addr *a = i < sc->naddrs && sc->addrs[i].ip == ip ? &sc->addrs[i] : NULL;

	if (a && (n > SCENARIO_IMPACTS_MAX || a->impacts > SCENARIO_IMPACTS_MAX - n))
		return -1;
	if (!a && !(a = addr_get(sc, &cap, ip)))
		return -1;
	a->impacts += n;
	return 0;
}

int scenario_asn_nets(const struct scenario *sc, uint32_t asn,
                      struct asn_net **nets, size_t *n, uint64_t *total)
{
	*n = 0;
	*total = 0;
	*nets = malloc((sc->nnets ? sc->nnets : 1) * sizeof(**nets));
	if (!*nets)
		return -1;
	for (size_t i = 0; i < sc->nnets; i++) {
		if (sc->nets[i].asn != asn)
			continue;
		(*nets)[(*n)++] = (struct asn_net){ sc->nets[i].net, sc->nets[i].prefix };
		*total += cidr_size(sc->nets[i].prefix);
	}
	return 0;
}

/* ---- ASN CSV ---- */

/* A CSV field, quoted when it holds a comma or a quote. */
static void csv_field(FILE *out, const char *s)
{
	if (!strpbrk(s, ",\"")) {
		fputs(s, out);
		return;
	}
	fputc('"', out);
	for (; *s; s++) {
		if (*s == '"')
			fputc('"', out);
		fputc(*s, out);
	}
	fputc('"', out);
}

int scenario_asn_csv(const struct scenario *sc, FILE *out)
{
	fputs("# ASN ranges of rblscope's demo (start,end,asn,org), generated from\n"
	      "# assets/demo/scenario.txt: edit the scenario, not this file (the\n"
	      "# unit test tests/core/uceprotect/test_scenario.c prints it anew when they differ).\n", out);
	for (size_t i = 0; i < sc->nnets; i++) {
		const struct sc_net *n = &sc->nets[i];
		const struct sc_asn *a = scenario_asn(sc, n->asn);
		char lo[IP4_STRLEN], hi[IP4_STRLEN];

		ip4_format(n->net, lo);
		ip4_format(n->net | ~ip4_mask(n->prefix), hi);
		fprintf(out, "%s,%s,%u,", lo, hi, (unsigned)n->asn);
		csv_field(out, a ? a->org : "");
		fputc('\n', out);
	}
	return ferror(out) ? -1 : 0;
}
