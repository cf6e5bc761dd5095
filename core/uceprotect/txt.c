/* Reading UCEPROTECT TXT records.  Each field is looked for on its own,
 * so a changed sentence loses only the part that changed. */
#include "core/uceprotect/txt.h"

#include <ctype.h>
#include <stdarg.h>
#include <stdio.h>
#include <string.h>
#include <strings.h>

#include "core/base/ip.h"

/* First case-insensitive occurrence of needle in hay, or NULL. */
static const char *find_ci(const char *hay, const char *needle)
{
	size_t n = strlen(needle);

	for (; *hay; hay++)
		if (strncasecmp(hay, needle, n) == 0)
			return hay;
	return NULL;
}

/* The number written just before word ("408 impacts"), or -1. */
static long number_before(const char *txt, const char *word)
{
	const char *w = find_ci(txt, word), *p;
	long v = 0, mul = 1;

	if (!w)
		return -1;
	p = w;
	while (p > txt && p[-1] == ' ')
		p--;
	if (p == txt || !isdigit((unsigned char)p[-1]))
		return -1;
	while (p > txt && isdigit((unsigned char)p[-1]) && mul <= 100000000000L) {
		v += (p[-1] - '0') * mul;
		mul *= 10;
		p--;
	}
	return v;
}

/* "Level 1", "Level2", "Level-3": the digit after "level". */
static int level_read(const char *txt)
{
	const char *p = find_ci(txt, "level");

	if (!p)
		return 0;
	p += 5;
	while (*p == ' ' || *p == '-')
		p++;
	return *p >= '1' && *p <= '3' ? *p - '0' : 0;
}

/* The address or network after "Net " or "IP ". */
static void net_read(const char *txt, struct txt_info *t)
{
	static const char *const marks[] = { "Net ", "IP " };
	char buf[CIDR_STRLEN];

	for (size_t i = 0; i < 2; i++) {
		const char *p = find_ci(txt, marks[i]);
		size_t n = 0;

		if (!p)
			continue;
		p += strlen(marks[i]);
		while (n + 1 < sizeof buf && (isdigit((unsigned char)p[n]) || p[n] == '.' || p[n] == '/'))
			n++;
		memcpy(buf, p, n);
		buf[n] = '\0';
		if (cidr_parse(buf, &t->net, &t->prefix) == 0) {
			t->has_net = true;
			return;
		}
	}
}

/* "<org>/AS<n>": the org starts after "from ", "by " or "Your ISP ". */
static void asn_read(const char *txt, struct txt_info *t)
{
	static const char *const starts[] = { "Your ISP ", " from ", " by " };
	const char *as = txt, *org = NULL;
	unsigned long v = 0;

	while ((as = find_ci(as, "/AS")) && !isdigit((unsigned char)as[3]))
		as++;
	if (!as)
		return;
	for (const char *p = as + 3; isdigit((unsigned char)*p) && v <= 0xffffffffUL; p++)
		v = v * 10 + (unsigned long)(*p - '0');
	if (v > 0xffffffffUL)
		return;
	t->asn = (uint32_t)v;
	for (size_t i = 0; i < sizeof starts / sizeof starts[0]; i++) {
		const char *p = txt, *hit = NULL;

		while ((p = find_ci(p, starts[i])) && p < as) {
			hit = p + strlen(starts[i]);
			p++;
		}
		if (hit && (!org || hit > org))
			org = hit;
	}
	if (org && as > org) {
		size_t n = (size_t)(as - org);

		if (n >= sizeof t->org) {
			n = sizeof t->org - 1;
			/* Not inside a UTF-8 character: the org reaches the
			 * terminal, and half a character is invalid there. */
			while (n > 0 && ((unsigned char)org[n] & 0xc0) == 0x80)
				n--;
		}
		memcpy(t->org, org, n);
		t->org[n] = '\0';
	}
}

void txt_parse(const char *txt, struct txt_info *out)
{
	memset(out, 0, sizeof *out);
	out->impacts = out->abusers = out->spamscore = -1;
	if (!txt)
		return;
	out->level = level_read(txt);
	net_read(txt, out);
	out->impacts = number_before(txt, "impacts");
	out->abusers = number_before(txt, "abusers");
	{
		const char *p = find_ci(txt, "spamscore of ");
		long v = 0;

		if (p && isdigit((unsigned char)p[13])) {
			for (p += 13; isdigit((unsigned char)*p) && v < 100000000000L; p++)
				v = v * 10 + (*p - '0');
			out->spamscore = v;
		}
	}
	asn_read(txt, out);
}

/* Append ", " (after the first part) and one formatted part. */
__attribute__((format(printf, 4, 5)))
static void part_add(char *out, size_t len, size_t *o, const char *fmt, ...)
{
	va_list ap;
	int n;

	if (*o) {
		if (*o + 3 > len) {
			*o = len;   /* no room for more: stop at the last whole part */
			return;
		}
		memcpy(out + *o, ", ", 3);
		*o += 2;
	}
	if (*o >= len)
		return;
	va_start(ap, fmt);
	n = vsnprintf(out + *o, len - *o, fmt, ap);
	va_end(ap);
	*o = n < 0 ? *o : *o + (size_t)n < len ? *o + (size_t)n : len;
}

void txt_summary(const struct txt_info *t, char *out, size_t len)
{
	char net[CIDR_STRLEN];
	size_t o = 0;

	if (len == 0)
		return;
	out[0] = '\0';
	if (t->level)
		part_add(out, len, &o, "level %d", t->level);
	if (t->has_net) {
		if (t->prefix == 32)
			ip4_format(t->net, net);
		else
			cidr_format(t->net, t->prefix, net);
		part_add(out, len, &o, t->prefix == 32 ? "address %s" : "net %s", net);
	}
	if (t->impacts >= 0)
		part_add(out, len, &o, "%ld impacts", t->impacts);
	if (t->abusers >= 0)
		part_add(out, len, &o, "%ld abusers", t->abusers);
	if (t->spamscore >= 0)
		part_add(out, len, &o, "spamscore %ld", t->spamscore);
	if (t->asn)
		part_add(out, len, &o, "AS%u%s%s", (unsigned)t->asn, t->org[0] ? " " : "", t->org);
}
