/* Targets as people give them. */
#include "core/scan/target.h"

#include <ctype.h>
#include <stdbool.h>
#include <stdio.h>
#include <string.h>

#include "core/base/ip.h"
#include "core/base/parse.h"

/* The forms people paste, made plain: surrounding spaces, "[a.b.c.d]"
 * and "AS 64500".  0, or -1 when s does not fit out. */
static int target_plain(const char *s, char *out, size_t len)
{
	size_t n;

	s += strspn(s, " \t");
	n = strlen(s);
	while (n > 0 && (s[n - 1] == ' ' || s[n - 1] == '\t'))
		n--;
	if (n >= 2 && s[0] == '[' && s[n - 1] == ']') {
		s++;
		n -= 2;
	}
	if (n >= len)
		return -1;
	if (n > 2 && (s[0] == 'A' || s[0] == 'a') && (s[1] == 'S' || s[1] == 's') && s[2] == ' ') {
		size_t skip = 2 + strspn(s + 2, " ");

		out[0] = s[0];
		out[1] = s[1];
		memcpy(out + 2, s + skip, n - skip);
		out[2 + n - skip] = '\0';
		return 0;
	}
	memcpy(out, s, n);
	out[n] = '\0';
	return 0;
}

/* A name like mail.example.org: letters, digits, dots and hyphens, with
 * a last label that starts with a letter, as top-level domains do. */
static bool looks_like_host(const char *s)
{
	const char *last = strrchr(s, '.');

	return last && ((last[1] >= 'a' && last[1] <= 'z') || (last[1] >= 'A' && last[1] <= 'Z')) &&
	       strspn(s, "abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789.-") ==
	       strlen(s);
}

/* target_parse, with networks as wide as /min_prefix. */
int target_read(const char *given, struct target *t, unsigned min_prefix, char *err,
                       size_t errlen)
{
	char s[64];

	memset(t, 0, sizeof *t);
	if (target_plain(given, s, sizeof s) < 0) {
		snprintf(err, errlen, "bad target '%.40s...': too long", given);
		return -1;
	}
	if (looks_like_host(s)) {
		snprintf(err, errlen, "host names are not targets: give an address (not '%.40s')", s);
		return -1;
	}
	snprintf(t->text, sizeof t->text, "%s", s);
	if ((s[0] == 'A' || s[0] == 'a') && (s[1] == 'S' || s[1] == 's')) {
		uint32_t asn;

		if (parse_u32(s + 2, &asn) < 0 || asn == 0) {
			snprintf(err, errlen, "bad ASN '%.40s': want AS followed by a number", s);
			return -1;
		}
		t->kind = TARGET_ASN;
		t->asn = asn;
		return 0;
	}
	if (cidr_parse(s, &t->net, &t->prefix) < 0) {
		snprintf(err, errlen, "bad target '%.40s': want an IPv4 address a.b.c.d or a CIDR a.b.c.d/n", s);
		return -1;
	}
	t->kind = TARGET_NET;
	if (!strchr(s, '/')) {
		ip4_parse(s, &t->focus);
		t->net = t->focus & ip4_mask(24);
		t->prefix = 24;
	} else if (t->prefix < min_prefix) {
		snprintf(err, errlen, "target '%.40s' is too wide: rblscope scans /16 to /32", s);
		return -1;
	} else {
		t->focus = t->net;
	}
	return 0;
}

int target_parse(const char *given, struct target *t, char *err, size_t errlen)
{
	return target_read(given, t, 16, err, errlen);
}

/* The scope of --export png: a CIDR of any width, an address (its /24),
 * AS<n>, or none (the whole space); zone files only. */
