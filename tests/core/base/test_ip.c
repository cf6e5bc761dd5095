/* Unit tests for core/base/ip.c: strict dotted quads, CIDRs, masks and the
 * RFC 5782 query name. */
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <setjmp.h>
#include <stdio.h>
#include <string.h>
#include <cmocka.h>

#include "core/base/ip.h"

/* The mask of a prefix built bit by bit, independently of ip4_mask. */
static uint32_t mask_by_bits(unsigned prefix)
{
	uint32_t m = 0;

	for (unsigned i = 0; i < prefix; i++)
		m |= (uint32_t)1 << (31 - i);
	return m;
}

static void ip_parse_accepts_dotted_quads(void **state)
{
	static const struct {
		const char *s;
		uint32_t ip;
	} ok[] = {
		{ "0.0.0.0", 0x00000000u },
		{ "255.255.255.255", 0xffffffffu },
		{ "1.2.3.4", 0x01020304u },
		{ "192.0.2.77", 0xc000024du },
		{ "10.0.0.1", 0x0a000001u },
		{ "100.64.200.9", 0x6440c809u },
	};
	uint32_t ip;

	(void)state;
	for (size_t i = 0; i < sizeof ok / sizeof ok[0]; i++) {
		ip = 0xdeadbeefu;
		assert_int_equal(ip4_parse(ok[i].s, &ip), 0);
		assert_int_equal(ip, ok[i].ip);
	}
}

static void ip_parse_rejects_deviations(void **state)
{
	static const char *const bad[] = {
		"1.2.3",           /* three octets */
		"1.2.3.4.5",       /* five octets */
		"256.1.1.1",       /* octet out of range */
		"1.2.3.256",
		"1.2.3.1000",
		"1234.1.1.1",
		"01.2.3.4",        /* leading zero: octal in some tools */
		"1.2.3.04",
		"00.1.1.1",
		"1.2.3.4x",        /* trailing junk */
		" 1.2.3.4",        /* leading space */
		"1.2.3.4 ",        /* trailing space */
		"1.2.3.4\n",
		"",
		"1..2.3",
		"1.2..3.4",
		"-1.2.3.4",
		"+1.2.3.4",
		"1.2.3.4.",
		".1.2.3.4",
		"1.2.3.",
		"a.b.c.d",
		"1,2,3,4",
		"1.2.3.4/24",      /* a CIDR is not an address */
		"0x1.2.3.4",
	};
	uint32_t ip;

	(void)state;
	for (size_t i = 0; i < sizeof bad / sizeof bad[0]; i++) {
		if (ip4_parse(bad[i], &ip) != -1)
			fail_msg("ip4_parse accepted \"%s\"", bad[i]);
	}
	assert_int_equal(ip4_parse(NULL, &ip), -1);
}

static void cidr_parse_clears_host_bits(void **state)
{
	uint32_t net;
	unsigned prefix;

	(void)state;
	assert_int_equal(cidr_parse("192.0.2.77/24", &net, &prefix), 0);
	assert_int_equal(net, 0xc0000200u);
	assert_int_equal(prefix, 24);

	assert_int_equal(cidr_parse("198.51.100.255/25", &net, &prefix), 0);
	assert_int_equal(net, 0xc6336480u);
	assert_int_equal(prefix, 25);

	assert_int_equal(cidr_parse("10.20.30.40/16", &net, &prefix), 0);
	assert_int_equal(net, 0x0a140000u);
	assert_int_equal(prefix, 16);

	assert_int_equal(cidr_parse("203.0.113.9/0", &net, &prefix), 0);
	assert_int_equal(net, 0);
	assert_int_equal(prefix, 0);
}

static void cidr_parse_bare_address_is_32(void **state)
{
	uint32_t net;
	unsigned prefix;

	(void)state;
	assert_int_equal(cidr_parse("192.0.2.77", &net, &prefix), 0);
	assert_int_equal(net, 0xc000024du);
	assert_int_equal(prefix, 32);
}

static void cidr_parse_every_prefix(void **state)
{
	char buf[32];
	uint32_t net;
	unsigned prefix;

	(void)state;
	for (unsigned n = 0; n <= 32; n++) {
		snprintf(buf, sizeof buf, "255.255.255.255/%u", n);
		assert_int_equal(cidr_parse(buf, &net, &prefix), 0);
		assert_int_equal(prefix, n);
		assert_int_equal(net, mask_by_bits(n));
	}
}

static void cidr_parse_rejects_bad_prefixes(void **state)
{
	static const char *const bad[] = {
		"1.2.3.4/33",
		"1.2.3.4/100",
		"1.2.3.4/",
		"1.2.3.4/-1",
		"1.2.3.4/+8",
		"1.2.3.4/08",      /* leading zero: only "/0" may start with 0 */
		"1.2.3.4/00",
		"1.2.3.4/032",
		"1.2.3.4/24x",
		"1.2.3.4/ 24",
		"1.2.3.4 /24",
		"1.2.3.4/24 ",
		"1.2.3.4/24/8",
		"1.2.3/24",
		"01.2.3.4/24",
		"256.0.0.0/8",
		"1.2.3.4x",
		"/24",
		"",
	};
	uint32_t net;
	unsigned prefix;

	(void)state;
	for (size_t i = 0; i < sizeof bad / sizeof bad[0]; i++) {
		if (cidr_parse(bad[i], &net, &prefix) != -1)
			fail_msg("cidr_parse accepted \"%s\"", bad[i]);
	}
	assert_int_equal(cidr_parse(NULL, &net, &prefix), -1);
}

static void mask_of_every_prefix(void **state)
{
	(void)state;
	assert_int_equal(ip4_mask(0), 0);
	assert_int_equal(ip4_mask(1), 0x80000000u);
	assert_int_equal(ip4_mask(24), 0xffffff00u);
	assert_int_equal(ip4_mask(31), 0xfffffffeu);
	assert_int_equal(ip4_mask(32), 0xffffffffu);
	for (unsigned n = 0; n <= 32; n++)
		assert_int_equal(ip4_mask(n), mask_by_bits(n));
}

static void size_of_every_prefix(void **state)
{
	(void)state;
	assert_true(cidr_size(32) == 1);
	assert_true(cidr_size(24) == 256);
	assert_true(cidr_size(16) == 65536);
	assert_true(cidr_size(15) == 131072);   /* the widest L2 listing */
	assert_true(cidr_size(0) == 4294967296ull);
	for (unsigned n = 0; n <= 32; n++) {
		/* a prefix holds exactly the addresses its mask leaves free */
		uint64_t free_bits = (uint64_t)(uint32_t)~mask_by_bits(n) + 1;

		assert_true(cidr_size(n) == free_bits);
	}
}

static void format_writes_dotted_text(void **state)
{
	char ip[IP4_STRLEN], cidr[CIDR_STRLEN];

	(void)state;
	ip4_format(0xc000024du, ip);
	assert_string_equal(ip, "192.0.2.77");
	ip4_format(0, ip);
	assert_string_equal(ip, "0.0.0.0");
	ip4_format(0xffffffffu, ip);
	assert_string_equal(ip, "255.255.255.255");

	cidr_format(0xc0000200u, 24, cidr);
	assert_string_equal(cidr, "192.0.2.0/24");
	cidr_format(0, 0, cidr);
	assert_string_equal(cidr, "0.0.0.0/0");
	/* the longest text fills CIDR_STRLEN exactly */
	cidr_format(0xffffffffu, 32, cidr);
	assert_string_equal(cidr, "255.255.255.255/32");
	assert_int_equal(strlen(cidr) + 1, CIDR_STRLEN);
}

static void format_parse_round_trip(void **state)
{
	static const uint32_t nets[] = { 0x0a000000u, 0xc6336400u, 0x68280000u, 0x01020304u };
	static const unsigned prefixes[] = { 8, 24, 13, 32 };
	char cidr[CIDR_STRLEN];
	uint32_t net;
	unsigned prefix;

	(void)state;
	for (size_t i = 0; i < sizeof nets / sizeof nets[0]; i++) {
		cidr_format(nets[i], prefixes[i], cidr);
		assert_int_equal(cidr_parse(cidr, &net, &prefix), 0);
		assert_int_equal(net, nets[i]);
		assert_int_equal(prefix, prefixes[i]);
	}
}

static void qname_reverses_octets(void **state)
{
	char out[256];

	(void)state;
	assert_int_equal(ip4_qname(0xc000024du, "dnsbl-1.uceprotect.net", out, sizeof out), 0);
	assert_string_equal(out, "77.2.0.192.dnsbl-1.uceprotect.net");
	/* the RFC 5782 test entry */
	assert_int_equal(ip4_qname(0x7f000002u, "zen.spamhaus.org", out, sizeof out), 0);
	assert_string_equal(out, "2.0.0.127.zen.spamhaus.org");
	assert_int_equal(ip4_qname(0x01020304u, "x", out, sizeof out), 0);
	assert_string_equal(out, "4.3.2.1.x");
}

static void qname_overflow_is_refused(void **state)
{
	const char *want = "77.2.0.192.dnsbl-2.uceprotect.net";
	size_t need = strlen(want) + 1;
	char out[128];

	(void)state;
	/* exactly enough room */
	memset(out, 'Z', sizeof out);
	assert_int_equal(ip4_qname(0xc000024du, "dnsbl-2.uceprotect.net", out, need), 0);
	assert_string_equal(out, want);

	/* one byte short: -1, and nothing written past the given length */
	memset(out, 'Z', sizeof out);
	assert_int_equal(ip4_qname(0xc000024du, "dnsbl-2.uceprotect.net", out, need - 1), -1);
	for (size_t i = need - 1; i < sizeof out; i++)
		assert_int_equal(out[i], 'Z');

	memset(out, 'Z', sizeof out);
	assert_int_equal(ip4_qname(0xc000024du, "dnsbl-2.uceprotect.net", out, 1), -1);
	assert_int_equal(out[1], 'Z');
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(ip_parse_accepts_dotted_quads),
		cmocka_unit_test(ip_parse_rejects_deviations),
		cmocka_unit_test(cidr_parse_clears_host_bits),
		cmocka_unit_test(cidr_parse_bare_address_is_32),
		cmocka_unit_test(cidr_parse_every_prefix),
		cmocka_unit_test(cidr_parse_rejects_bad_prefixes),
		cmocka_unit_test(mask_of_every_prefix),
		cmocka_unit_test(size_of_every_prefix),
		cmocka_unit_test(format_writes_dotted_text),
		cmocka_unit_test(format_parse_round_trip),
		cmocka_unit_test(qname_reverses_octets),
		cmocka_unit_test(qname_overflow_is_refused),
	};

	return cmocka_run_group_tests(tests, NULL, NULL);
}
