/* IPv4 addresses, CIDRs and DNSBL query names. */
#include "core/base/ip.h"

#include <stdio.h>
#include <string.h>

/* One octet at *p: 1-3 digits, no leading zero (so "010" is not read as
 * octal by one tool and decimal by another), value 0-255. */
static const char *octet_parse(const char *p, uint32_t *out)
{
	unsigned v = 0;
	int digits = 0;

	while (*p >= '0' && *p <= '9') {
		if (digits == 3 || (digits == 1 && v == 0))
			return NULL;
		v = v * 10 + (unsigned)(*p - '0');
		digits++;
		p++;
	}
	if (digits == 0 || v > 255)
		return NULL;
	*out = v;
	return p;
}

/* Parse a dotted quad at s; the end of it in *end. */
static int quad_parse(const char *s, uint32_t *ip, const char **end)
{
	uint32_t v = 0, o;

	for (int i = 0; i < 4; i++) {
		if (i > 0) {
			if (*s != '.')
				return -1;
			s++;
		}
		s = octet_parse(s, &o);
		if (!s)
			return -1;
		v = v << 8 | o;
	}
	*ip = v;
	*end = s;
	return 0;
}

int ip4_parse(const char *s, uint32_t *ip)
{
	const char *end;

	if (!s || quad_parse(s, ip, &end) < 0 || *end != '\0')
		return -1;
	return 0;
}

int cidr_parse(const char *s, uint32_t *net, unsigned *prefix)
{
	const char *end;
	uint32_t ip, len;

	if (!s || quad_parse(s, &ip, &end) < 0)
		return -1;
	if (*end == '\0') {
		len = 32;
	} else {
		if (*end != '/')
			return -1;
		/* "0" alone is fine here, unlike an octet's leading zero */
		if (end[1] == '0' && end[2] == '\0')
			len = 0;
		else if (!(end = octet_parse(end + 1, &len)) || *end != '\0' || len > 32)
			return -1;
	}
	*net = ip & ip4_mask(len);
	*prefix = len;
	return 0;
}

void ip4_format(uint32_t ip, char out[IP4_STRLEN])
{
	snprintf(out, IP4_STRLEN, "%u.%u.%u.%u", ip >> 24, ip >> 16 & 255,
	         ip >> 8 & 255, ip & 255);
}

void cidr_format(uint32_t net, unsigned prefix, char out[CIDR_STRLEN])
{
	char a[IP4_STRLEN];

	ip4_format(net, a);
	snprintf(out, CIDR_STRLEN, "%s/%u", a, prefix);
}

/* Write octet v in decimal at p; the end of it.  Query names are built
 * once per lookup, so this stays clear of printf. */
static char *octet_write(char *p, unsigned v)
{
	if (v >= 100)
		*p++ = (char)('0' + v / 100);
	if (v >= 10)
		*p++ = (char)('0' + v / 10 % 10);
	*p++ = (char)('0' + v % 10);
	return p;
}

int ip4_qname(uint32_t ip, const char *zone, char *out, size_t len)
{
	size_t zlen = strlen(zone), alen;
	char rev[IP4_STRLEN + 1], *p = rev;

	for (int shift = 0; shift < 32; shift += 8) {
		p = octet_write(p, ip >> shift & 255);
		*p++ = '.';
	}
	alen = (size_t)(p - rev);
	if (alen + zlen + 1 > len)
		return -1;
	memcpy(out, rev, alen);
	memcpy(out + alen, zone, zlen + 1);
	return 0;
}
