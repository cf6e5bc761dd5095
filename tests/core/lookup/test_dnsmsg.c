/* Unit tests for core/lookup/dnsmsg.c: DNS replies written byte by byte here
 * (RFC 1035 wire format, RFC 2308 negative TTL), then broken in every
 * way an untrusted reply can be broken. */
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <setjmp.h>
#include <stdlib.h>
#include <string.h>
#include <cmocka.h>

#include "core/lookup/dnsmsg.h"

enum { T_A = 1, T_NS = 2, T_CNAME = 5, T_SOA = 6, T_PTR = 12, T_TXT = 16, T_AAAA = 28,
       C_IN = 1, C_CH = 3 };
enum { RCODE_NXDOMAIN = 3, QR_RD_RA = 0x8180 };

#define A(a, b, c, d) ((uint32_t)(a) << 24 | (uint32_t)(b) << 16 | (uint32_t)(c) << 8 | (uint32_t)(d))

/* A reply under construction. */
struct pkt {
	unsigned char b[4096];
	size_t n;
};

static void put8(struct pkt *p, unsigned v)
{
	assert_true(p->n < sizeof p->b);
	p->b[p->n++] = (unsigned char)v;
}

static void put16(struct pkt *p, unsigned v)
{
	put8(p, v >> 8 & 0xff);
	put8(p, v & 0xff);
}

static void put32(struct pkt *p, uint32_t v)
{
	put16(p, v >> 16);
	put16(p, v & 0xffff);
}

static void put_bytes(struct pkt *p, const void *s, size_t n)
{
	assert_true(p->n + n <= sizeof p->b);
	memcpy(p->b + p->n, s, n);
	p->n += n;
}

/* The labels of a dotted name, without the terminating root label. */
static void put_labels(struct pkt *p, const char *name)
{
	while (*name) {
		const char *dot = strchr(name, '.');
		size_t l = dot ? (size_t)(dot - name) : strlen(name);

		assert_true(l > 0 && l < 64);
		put8(p, (unsigned)l);
		put_bytes(p, name, l);
		name += l + (dot ? 1 : 0);
	}
}

/* A whole uncompressed name; returns its offset for later pointers. */
static size_t put_name(struct pkt *p, const char *name)
{
	size_t at = p->n;

	put_labels(p, name);
	put8(p, 0);
	return at;
}

/* A compression pointer to offset at. */
static void put_ptr(struct pkt *p, size_t at)
{
	put16(p, 0xc000 | (unsigned)at);
}

static void header(struct pkt *p, unsigned flags, unsigned qd, unsigned an, unsigned ns,
                   unsigned ar)
{
	p->n = 0;
	put16(p, 0x1234);
	put16(p, flags);
	put16(p, qd);
	put16(p, an);
	put16(p, ns);
	put16(p, ar);
}

/* The question; returns the offset of its name (12). */
static size_t question(struct pkt *p, const char *name, unsigned type)
{
	size_t at = put_name(p, name);

	put16(p, type);
	put16(p, C_IN);
	return at;
}

/* The fixed part of a record after its owner name. */
static void rr_fixed(struct pkt *p, unsigned type, unsigned klass, uint32_t ttl, unsigned rdlen)
{
	put16(p, type);
	put16(p, klass);
	put32(p, ttl);
	put16(p, rdlen);
}

/* An A record whose owner is a pointer to at. */
static void rr_a(struct pkt *p, size_t at, uint32_t ttl, uint32_t addr)
{
	put_ptr(p, at);
	rr_fixed(p, T_A, C_IN, ttl, 4);
	put32(p, addr);
}

/* A TXT record (owner: pointer to at) holding the given strings. */
static void rr_txt(struct pkt *p, size_t at, uint32_t ttl, const char *const *s, size_t ns)
{
	size_t len = 0;

	for (size_t i = 0; i < ns; i++)
		len += 1 + strlen(s[i]);
	put_ptr(p, at);
	rr_fixed(p, T_TXT, C_IN, ttl, (unsigned)len);
	for (size_t i = 0; i < ns; i++) {
		put8(p, (unsigned)strlen(s[i]));
		put_bytes(p, s[i], strlen(s[i]));
	}
}

/* An SOA record for the zone at zone_at: mname compressed, rname written out. */
static void rr_soa(struct pkt *p, size_t zone_at, uint32_t ttl, uint32_t minimum)
{
	size_t len_at;

	put_ptr(p, zone_at);
	rr_fixed(p, T_SOA, C_IN, ttl, 0);
	len_at = p->n - 2;
	put_labels(p, "ns1");
	put_ptr(p, zone_at);
	put_labels(p, "hostmaster");
	put_ptr(p, zone_at);
	put32(p, 2024010101u);   /* serial */
	put32(p, 7200);          /* refresh */
	put32(p, 900);           /* retry */
	put32(p, 1209600);       /* expire */
	put32(p, minimum);
	p->b[len_at] = (unsigned char)((p->n - len_at - 2) >> 8);
	p->b[len_at + 1] = (unsigned char)((p->n - len_at - 2) & 0xff);
}

static int parse_as(const struct pkt *p, unsigned qtype, struct dnsmsg *m)
{
	return dnsmsg_parse(p->b, p->n, qtype, m);
}

static int parse(const struct pkt *p, struct dnsmsg *m)
{
	return parse_as(p, T_A, m);
}

/* A CNAME record (owner: pointer to at) to the dotted name target;
 * returns the offset of the target name. */
static size_t rr_cname(struct pkt *p, size_t at, uint32_t ttl, const char *target)
{
	size_t len_at, name_at;

	put_ptr(p, at);
	rr_fixed(p, T_CNAME, C_IN, ttl, 0);
	len_at = p->n - 2;
	name_at = put_name(p, target);
	p->b[len_at + 1] = (unsigned char)(p->n - name_at);
	return name_at;
}

/* A listing: two A records with different TTLs, owners compressed. */
static void build_listing(struct pkt *p)
{
	size_t q;

	header(p, QR_RD_RA, 1, 2, 0, 0);
	q = question(p, "77.2.0.192.dnsbl-1.uceprotect.net", T_A);
	rr_a(p, q, 300, A(127, 0, 0, 2));
	rr_a(p, q, 120, A(127, 0, 0, 3));
}

static void a_answers_and_their_smallest_ttl(void **state)
{
	struct pkt p;
	struct dnsmsg m;

	(void)state;
	build_listing(&p);
	assert_int_equal(parse(&p, &m), 0);
	assert_int_equal(m.rcode, 0);
	assert_int_equal(m.na, 2);
	assert_int_equal(m.a[0], A(127, 0, 0, 2));
	assert_int_equal(m.a[1], A(127, 0, 0, 3));
	assert_int_equal(m.a_ttl, 120);
	assert_int_equal(m.has_txt, 0);
	assert_int_equal(m.has_soa, 0);
	assert_int_equal(m.has_ptr, 0);
}

static void a_answer_with_names_written_out(void **state)
{
	struct pkt p;
	struct dnsmsg m;

	(void)state;
	header(&p, QR_RD_RA, 1, 1, 0, 0);
	question(&p, "2.0.0.127.zen.spamhaus.org", T_A);
	put_name(&p, "2.0.0.127.zen.spamhaus.org");
	rr_fixed(&p, T_A, C_IN, 59, 4);
	put32(&p, A(127, 0, 0, 4));
	assert_int_equal(parse(&p, &m), 0);
	assert_int_equal(m.na, 1);
	assert_int_equal(m.a[0], A(127, 0, 0, 4));
	assert_int_equal(m.a_ttl, 59);
}

static void many_a_answers_are_all_read(void **state)
{
	struct pkt p;
	struct dnsmsg m;
	size_t q;

	(void)state;
	/* 200 records, 20 distinct codes; the smallest TTL comes last */
	header(&p, QR_RD_RA, 1, 200, 0, 0);
	q = question(&p, "1.2.0.192.bl.example", T_A);
	for (unsigned i = 0; i < 200; i++)
		rr_a(&p, q, i == 199 ? 7 : 1000 - i, A(127, 0, 0, 2 + i % 20));
	assert_int_equal(parse(&p, &m), 0);
	assert_int_equal(m.a_records, 200);
	assert_int_equal(m.na, 20);
	for (int i = 0; i < 20; i++)
		assert_int_equal(m.a[i], A(127, 0, 0, 2 + (unsigned)i));
	assert_int_equal(m.a_ttl, 7);
}

/* One code that is not a listing, anywhere among many, makes the lookup
 * an error: no record is skipped. */
static void one_bad_code_anywhere_is_an_error(void **state)
{
	static const struct {
		uint32_t code;
		enum lk_error e;
	} bad_codes[] = {
		{ A(127, 0, 0, 1), LKE_BOGUS },
		{ A(10, 0, 0, 1), LKE_BOGUS },
		{ A(127, 255, 255, 254), LKE_BLOCKED },
	};
	struct pkt p;
	struct dnsmsg m;
	struct lookup l;
	size_t q;

	(void)state;
	for (size_t b = 0; b < sizeof bad_codes / sizeof bad_codes[0]; b++) {
		for (unsigned at = 0; at < 40; at += 13) {
			header(&p, QR_RD_RA, 1, 40, 0, 0);
			q = question(&p, "1.2.0.192.bl.example", T_A);
			for (unsigned i = 0; i < 40; i++)
				rr_a(&p, q, 60, i == at ? bad_codes[b].code : A(127, 0, 0, 2 + i));
			assert_int_equal(parse(&p, &m), 0);
			memset(&l, 0, sizeof l);
			l.txt = "";
			dnsmsg_classify(&m, &l);
			assert_int_equal(l.state, LK_ERROR);
			assert_int_equal(l.error, bad_codes[b].e);
		}
	}
	/* and 40 good codes are a listing */
	header(&p, QR_RD_RA, 1, 40, 0, 0);
	q = question(&p, "1.2.0.192.bl.example", T_A);
	for (unsigned i = 0; i < 40; i++)
		rr_a(&p, q, 60, A(127, 0, 0, 2 + i));
	assert_int_equal(parse(&p, &m), 0);
	dnsmsg_classify(&m, &l);
	assert_int_equal(l.state, LK_LISTED);
}

static void more_distinct_codes_than_kept_is_malformed(void **state)
{
	struct pkt p;
	struct dnsmsg m;
	size_t q;

	(void)state;
	header(&p, QR_RD_RA, 1, DNSMSG_MAX_A + 1, 0, 0);
	q = question(&p, "1.2.0.192.bl.example", T_A);
	for (unsigned i = 0; i < DNSMSG_MAX_A + 1; i++)
		rr_a(&p, q, 60, A(127, 0, 1, i));
	assert_int_equal(parse(&p, &m), -1);
	assert_non_null(m.why);
}

static void records_outside_the_answer_are_not_answers(void **state)
{
	struct pkt p;
	struct dnsmsg m;
	size_t q;

	(void)state;
	header(&p, QR_RD_RA, 1, 0, 1, 1);
	q = question(&p, "1.2.0.192.bl.example", T_A);
	/* A records in the authority and additional sections */
	rr_a(&p, q, 60, A(127, 0, 0, 3));
	rr_a(&p, q, 60, A(127, 0, 0, 4));
	assert_int_equal(parse(&p, &m), 0);
	assert_int_equal(m.na, 0);
}

static void answers_of_other_classes_or_types_are_malformed(void **state)
{
	struct pkt p;
	struct dnsmsg m;
	size_t q;

	(void)state;
	/* a CHAOS-class A */
	header(&p, QR_RD_RA, 1, 1, 0, 0);
	q = question(&p, "1.2.0.192.bl.example", T_A);
	put_ptr(&p, q);
	rr_fixed(&p, T_A, C_CH, 60, 4);
	put32(&p, A(127, 0, 0, 2));
	assert_int_equal(parse(&p, &m), -1);

	/* an NS, and an AAAA, beside a good A */
	for (unsigned t = 0; t < 2; t++) {
		header(&p, QR_RD_RA, 1, 2, 0, 0);
		q = question(&p, "1.2.0.192.bl.example", T_A);
		rr_a(&p, q, 60, A(127, 0, 0, 2));
		put_ptr(&p, q);
		if (t == 0) {
			rr_fixed(&p, T_NS, C_IN, 60, 2);
			put_ptr(&p, q);
		} else {
			rr_fixed(&p, T_AAAA, C_IN, 60, 16);
			put_bytes(&p, "0123456789abcdef", 16);
		}
		assert_int_equal(parse(&p, &m), -1);
	}

	/* a TXT in the answer to an A query */
	header(&p, QR_RD_RA, 1, 1, 0, 0);
	q = question(&p, "1.2.0.192.bl.example", T_A);
	rr_txt(&p, q, 60, (const char *const[]){ "x" }, 1);
	assert_int_equal(parse(&p, &m), -1);
	assert_int_equal(parse_as(&p, T_TXT, &m), -1);   /* and asked as TXT: another question */
}

static void a_records_must_be_four_bytes(void **state)
{
	struct pkt p;
	struct dnsmsg m;
	size_t q;

	(void)state;
	for (unsigned len = 0; len < 8; len++) {
		header(&p, QR_RD_RA, 1, 1, 0, 0);
		q = question(&p, "1.2.0.192.bl.example", T_A);
		put_ptr(&p, q);
		rr_fixed(&p, T_A, C_IN, 60, len);
		put_bytes(&p, "\x7f\0\0\x02\0\0\0\0", len);
		assert_int_equal(parse(&p, &m), len == 4 ? 0 : -1);
	}
}

static void header_must_be_a_reply_to_one_query(void **state)
{
	struct pkt p;
	struct dnsmsg m;

	(void)state;
	build_listing(&p);
	assert_int_equal(parse(&p, &m), 0);
	p.b[2] &= 0x7f;                      /* QR clear */
	assert_int_equal(parse(&p, &m), -1);
	for (unsigned op = 1; op < 16; op++) {
		build_listing(&p);
		p.b[2] = (unsigned char)(0x80 | op << 3 | (p.b[2] & 0x07));
		assert_int_equal(parse(&p, &m), -1);
	}
	build_listing(&p);
	p.b[5] = 2;                          /* two questions */
	assert_int_equal(parse(&p, &m), -1);
	build_listing(&p);
	assert_int_equal(parse_as(&p, T_TXT, &m), -1);   /* the question asks for A */
}

/* c-ares 1.18 passes rcodes 6-15 on as success: the reply's rcode decides. */
static void every_rcode_has_one_meaning(void **state)
{
	struct pkt p;
	struct dnsmsg m;
	struct lookup l;

	(void)state;
	for (unsigned rc = 0; rc < 16; rc++) {
		for (int with_a = 0; with_a < 2; with_a++) {
			size_t q;

			header(&p, 0x8180 | rc, 1, (unsigned)with_a, 0, 0);
			q = question(&p, "1.2.0.192.bl.example", T_A);
			if (with_a)
				rr_a(&p, q, 60, A(127, 0, 0, 2));
			if (rc == RCODE_NXDOMAIN && with_a) {
				assert_int_equal(parse(&p, &m), -1);   /* answers in NXDOMAIN */
				continue;
			}
			assert_int_equal(parse(&p, &m), 0);
			memset(&l, 0, sizeof l);
			l.txt = "";
			dnsmsg_classify(&m, &l);
			switch (rc) {
			case 0:
				assert_int_equal(l.state, with_a ? LK_LISTED : LK_CLEAN);
				break;
			case RCODE_NXDOMAIN:
				assert_int_equal(l.state, LK_CLEAN);
				break;
			case 2:
				assert_int_equal(l.error, LKE_SERVFAIL);
				break;
			case 5:
				assert_int_equal(l.error, LKE_REFUSED);
				break;
			default:
				assert_int_equal(l.state, LK_ERROR);
				assert_int_equal(l.error, LKE_RCODE);
			}
			assert_int_equal(dnsmsg_rcode_error(rc), rc == 0 || rc == 3 ? LKE_NONE : l.error);
		}
	}
}

static void answers_must_belong_to_the_question(void **state)
{
	struct pkt p;
	struct dnsmsg m;
	size_t q;

	(void)state;
	/* another name written out */
	header(&p, QR_RD_RA, 1, 1, 0, 0);
	question(&p, "1.2.0.192.bl.example", T_A);
	put_name(&p, "2.2.0.192.bl.example");
	rr_fixed(&p, T_A, C_IN, 60, 4);
	put32(&p, A(127, 0, 0, 2));
	assert_int_equal(parse(&p, &m), -1);

	/* the zone alone, by a pointer into the question */
	header(&p, QR_RD_RA, 1, 1, 0, 0);
	q = question(&p, "1.2.0.192.bl.example", T_A);
	rr_a(&p, q + 2 + 2 + 2 + 4, 60, A(127, 0, 0, 2));
	assert_int_equal(parse(&p, &m), -1);

	/* the question's name in other letter case is the same name */
	header(&p, QR_RD_RA, 1, 1, 0, 0);
	question(&p, "1.2.0.192.bl.example", T_A);
	put_name(&p, "1.2.0.192.BL.Example");
	rr_fixed(&p, T_A, C_IN, 60, 4);
	put32(&p, A(127, 0, 0, 2));
	assert_int_equal(parse(&p, &m), 0);
	assert_int_equal(m.na, 1);
	assert_string_equal(m.qname, "1.2.0.192.bl.example");

	/* a good answer beside one for another name */
	header(&p, QR_RD_RA, 1, 2, 0, 0);
	q = question(&p, "1.2.0.192.bl.example", T_A);
	rr_a(&p, q, 60, A(127, 0, 0, 2));
	put_name(&p, "evil.example");
	rr_fixed(&p, T_A, C_IN, 60, 4);
	put32(&p, A(127, 0, 0, 2));
	assert_int_equal(parse(&p, &m), -1);
}

static void cname_chains(void **state)
{
	struct pkt p;
	struct dnsmsg m;
	struct lookup l;
	size_t q, t1, t2, zone;

	(void)state;
	/* question -> t1 -> t2, the answer at t2 */
	header(&p, QR_RD_RA, 1, 3, 0, 0);
	q = question(&p, "1.2.0.192.bl.example", T_A);
	t1 = rr_cname(&p, q, 300, "one.example");
	t2 = rr_cname(&p, t1, 200, "two.example");
	rr_a(&p, t2, 250, A(127, 0, 0, 2));
	assert_int_equal(parse(&p, &m), 0);
	assert_int_equal(m.cnames, 2);
	assert_int_equal(m.na, 1);
	assert_int_equal(m.a_ttl, 200);
	dnsmsg_classify(&m, &l);
	assert_int_equal(l.state, LK_LISTED);

	/* the A at the question's name, not at the chain's end */
	header(&p, QR_RD_RA, 1, 2, 0, 0);
	q = question(&p, "1.2.0.192.bl.example", T_A);
	rr_cname(&p, q, 300, "one.example");
	rr_a(&p, q, 250, A(127, 0, 0, 2));
	assert_int_equal(parse(&p, &m), -1);

	/* a chain that ends without an answer: NOERROR, no SOA */
	header(&p, QR_RD_RA, 1, 1, 0, 0);
	q = question(&p, "1.2.0.192.bl.example", T_A);
	rr_cname(&p, q, 300, "one.example");
	assert_int_equal(parse(&p, &m), -1);

	/* ... NXDOMAIN: the target does not exist, so the address is clean */
	header(&p, 0x8183, 1, 1, 0, 0);
	q = question(&p, "1.2.0.192.bl.example", T_A);
	rr_cname(&p, q, 300, "one.example");
	assert_int_equal(parse(&p, &m), 0);
	dnsmsg_classify(&m, &l);
	assert_int_equal(l.state, LK_CLEAN);

	/* ... NOERROR with the SOA of a proper NODATA: clean */
	header(&p, QR_RD_RA, 1, 1, 1, 0);
	q = question(&p, "1.2.0.192.bl.example", T_A);
	t1 = rr_cname(&p, q, 300, "one.example");
	zone = q + 2 + 2 + 2 + 4 + 3;
	rr_soa(&p, zone, 60, 60);
	assert_int_equal(parse(&p, &m), 0);
	dnsmsg_classify(&m, &l);
	assert_int_equal(l.state, LK_CLEAN);

	/* a loop: question -> one -> question */
	header(&p, QR_RD_RA, 1, 2, 0, 0);
	q = question(&p, "1.2.0.192.bl.example", T_A);
	t1 = rr_cname(&p, q, 300, "one.example");
	rr_cname(&p, t1, 300, "1.2.0.192.bl.example");
	assert_int_equal(parse(&p, &m), -1);

	/* a CNAME off the chain */
	header(&p, QR_RD_RA, 1, 2, 0, 0);
	q = question(&p, "1.2.0.192.bl.example", T_A);
	rr_a(&p, q, 60, A(127, 0, 0, 2));
	put_name(&p, "x.example");
	rr_fixed(&p, T_CNAME, C_IN, 60, 2);
	put_ptr(&p, q);
	assert_int_equal(parse(&p, &m), -1);

	/* two CNAMEs for one name */
	header(&p, QR_RD_RA, 1, 3, 0, 0);
	q = question(&p, "1.2.0.192.bl.example", T_A);
	t1 = rr_cname(&p, q, 300, "one.example");
	rr_cname(&p, q, 300, "two.example");
	rr_a(&p, t1, 60, A(127, 0, 0, 2));
	assert_int_equal(parse(&p, &m), -1);
}

static void txt_strings_and_records(void **state)
{
	static const char *const r1[] = { "Net 104.40.0.0/13 is ", "UCEPROTECT-Level2 listed" };
	static const char *const r2[] = { "second" };
	struct pkt p;
	struct dnsmsg m;
	size_t q;

	(void)state;
	/* one record, two strings: joined as they are */
	header(&p, QR_RD_RA, 1, 1, 0, 0);
	q = question(&p, "1.0.40.104.dnsbl-2.uceprotect.net", T_TXT);
	rr_txt(&p, q, 300, r1, 2);
	assert_int_equal(parse_as(&p, T_TXT, &m), 0);
	assert_int_equal(m.has_txt, 1);
	assert_string_equal(m.txt, "Net 104.40.0.0/13 is UCEPROTECT-Level2 listed");
	assert_int_equal(m.txt_len, strlen(m.txt));
	assert_int_equal(m.na, 0);

	/* two records: joined by a space */
	header(&p, QR_RD_RA, 1, 2, 0, 0);
	q = question(&p, "1.0.40.104.dnsbl-2.uceprotect.net", T_TXT);
	rr_txt(&p, q, 300, r1, 2);
	rr_txt(&p, q, 300, r2, 1);
	assert_int_equal(parse_as(&p, T_TXT, &m), 0);
	assert_string_equal(m.txt, "Net 104.40.0.0/13 is UCEPROTECT-Level2 listed second");
	assert_int_equal(m.txt_len, strlen(m.txt));
}

static void txt_keeps_raw_bytes(void **state)
{
	/* the parser does not sanitise: NUL and ESC arrive as sent */
	static const char raw[] = { 'a', 0, 0x1b, 'b' };
	struct pkt p;
	struct dnsmsg m;
	size_t q;

	(void)state;
	header(&p, QR_RD_RA, 1, 1, 0, 0);
	q = question(&p, "x.bl.example", T_TXT);
	put_ptr(&p, q);
	rr_fixed(&p, T_TXT, C_IN, 60, 1 + sizeof raw);
	put8(&p, sizeof raw);
	put_bytes(&p, raw, sizeof raw);
	assert_int_equal(parse_as(&p, T_TXT, &m), 0);
	assert_int_equal(m.txt_len, sizeof raw);
	assert_memory_equal(m.txt, raw, sizeof raw);
}

/* Every TXT a message can hold is kept whole. */
static void long_txt_is_kept_whole(void **state)
{
	char s[256];
	const char *strs[6];
	struct pkt p;
	struct dnsmsg m;
	size_t q;

	(void)state;
	memset(s, 'x', 255);
	s[255] = '\0';
	for (int i = 0; i < 6; i++)
		strs[i] = s;
	/* 6 x 255 bytes in one record, and a second record after it */
	header(&p, QR_RD_RA, 1, 2, 0, 0);
	q = question(&p, "x.bl.example", T_TXT);
	rr_txt(&p, q, 60, strs, 6);
	rr_txt(&p, q, 60, strs, 2);
	assert_int_equal(parse_as(&p, T_TXT, &m), 0);
	assert_int_equal(m.has_txt, 1);
	assert_int_equal(m.txt_len, 8 * 255 + 1);
	assert_int_equal(strlen(m.txt), m.txt_len);
	assert_int_equal(strspn(m.txt, "x"), 6 * 255);
}

static void txt_string_past_its_rdata_is_malformed(void **state)
{
	struct pkt p;
	struct dnsmsg m;
	size_t q;

	(void)state;
	header(&p, QR_RD_RA, 1, 1, 0, 0);
	q = question(&p, "x.bl.example", T_TXT);
	put_ptr(&p, q);
	rr_fixed(&p, T_TXT, C_IN, 60, 4);
	put8(&p, 10);            /* claims 10 bytes, the rdata holds 3 */
	put_bytes(&p, "abc", 3);
	put_bytes(&p, "defghijk", 8);   /* bytes that do exist after it */
	assert_int_equal(parse_as(&p, T_TXT, &m), -1);
}

static void nxdomain_negative_ttl(void **state)
{
	/* RFC 2308: the smaller of the SOA record's TTL and its MINIMUM */
	static const uint32_t cases[][3] = {
		/* ttl, minimum, neg_ttl */
		{ 3600, 300, 300 },
		{ 60, 900, 60 },
		{ 120, 120, 120 },
		{ 0, 3600, 0 },
	};
	struct pkt p;
	struct dnsmsg m;

	(void)state;
	for (size_t i = 0; i < sizeof cases / sizeof cases[0]; i++) {
		size_t zone;

		header(&p, 0x8183, 1, 0, 1, 0);
		question(&p, "77.2.0.192.dnsbl-1.uceprotect.net", T_A);
		/* the zone name is the question's tail: point into it */
		zone = 12 + 1 + 2 + 1 + 1 + 1 + 1 + 1 + 3;
		assert_memory_equal(p.b + zone, "\x07" "dnsbl-1", 8);
		rr_soa(&p, zone, cases[i][0], cases[i][1]);
		assert_int_equal(parse(&p, &m), 0);
		assert_int_equal(m.rcode, RCODE_NXDOMAIN);
		assert_int_equal(m.na, 0);
		assert_int_equal(m.has_soa, 1);
		assert_int_equal(m.neg_ttl, cases[i][2]);
	}
}

static void soa_cut_short_is_malformed(void **state)
{
	struct pkt p;
	struct dnsmsg m;
	size_t q;

	(void)state;
	header(&p, 0x8183, 1, 0, 1, 0);
	q = question(&p, "x.bl.example", T_A);
	put_ptr(&p, q);
	rr_fixed(&p, T_SOA, C_IN, 60, 12);
	put_ptr(&p, q);
	put_ptr(&p, q);
	put32(&p, 1);
	put32(&p, 2);            /* and then the buffer ends */
	assert_int_equal(parse(&p, &m), -1);
}

static void ptr_name(void **state)
{
	struct pkt p;
	struct dnsmsg m;
	size_t q, rdlen_at, tail;

	(void)state;
	header(&p, QR_RD_RA, 1, 1, 0, 0);
	q = question(&p, "77.2.0.192.in-addr.arpa", T_PTR);
	put_ptr(&p, q);
	rr_fixed(&p, T_PTR, C_IN, 3600, 0);
	rdlen_at = p.n - 2;
	tail = p.n;
	put_labels(&p, "mail.example");
	put_ptr(&p, q + 1 + 2 + 1 + 1 + 1 + 1 + 1 + 3);   /* "in-addr.arpa" */
	p.b[rdlen_at + 1] = (unsigned char)(p.n - tail);
	assert_int_equal(parse_as(&p, T_PTR, &m), 0);
	assert_int_equal(m.has_ptr, 1);
	assert_string_equal(m.ptr, "mail.example.in-addr.arpa");
}

/* A name over 255 octets is refused, never shown shortened: a cut name
 * is another host's name. */
static void ptr_name_too_long_is_malformed(void **state)
{
	char label[64];
	struct pkt p;
	struct dnsmsg m;
	size_t q, rdlen_at, tail;

	(void)state;
	memset(label, 'a', 63);
	label[63] = '\0';
	for (int n = 3; n <= 6; n++) {
		header(&p, QR_RD_RA, 1, 1, 0, 0);
		q = question(&p, "77.2.0.192.in-addr.arpa", T_PTR);
		put_ptr(&p, q);
		rr_fixed(&p, T_PTR, C_IN, 3600, 0);
		rdlen_at = p.n - 2;
		tail = p.n;
		for (int i = 0; i < n; i++)   /* n x 64 octets */
			put_labels(&p, label);
		put_labels(&p, "b");          /* 2 more, and the root: 64n + 3 */
		put8(&p, 0);
		p.b[rdlen_at] = (unsigned char)((p.n - tail) >> 8);
		p.b[rdlen_at + 1] = (unsigned char)((p.n - tail) & 0xff);
		if (n == 3) {
			assert_int_equal(parse_as(&p, T_PTR, &m), 0);
			assert_int_equal(strlen(m.ptr), 3 * 64 + 1);
			assert_int_equal(m.ptr[strlen(m.ptr) - 1], 'b');
		} else {
			assert_int_equal(parse_as(&p, T_PTR, &m), -1);
		}
	}
}

static void every_truncation_is_malformed(void **state)
{
	static const char *const t[] = { "IP 192.0.2.77 is UCEPROTECT-Level 1 listed." };
	struct pkt p;
	struct dnsmsg m;
	size_t q;

	(void)state;
	header(&p, QR_RD_RA, 1, 3, 0, 0);
	q = question(&p, "77.2.0.192.dnsbl-1.uceprotect.net", T_A);
	rr_a(&p, q, 300, A(127, 0, 0, 2));
	rr_a(&p, q, 300, A(127, 0, 0, 4));
	(void)t;
	put_name(&p, "77.2.0.192.dnsbl-1.uceprotect.net");
	rr_fixed(&p, T_A, C_IN, 300, 4);
	put32(&p, A(127, 0, 0, 3));
	assert_int_equal(parse(&p, &m), 0);
	assert_int_equal(m.na, 3);

	/* every prefix of the reply drops something its counts promise */
	for (size_t n = 0; n < p.n; n++) {
		unsigned char *copy = malloc(n ? n : 1);

		assert_non_null(copy);
		memcpy(copy, p.b, n);
		if (dnsmsg_parse(copy, n, T_A, &m) != -1)
			fail_msg("a reply cut to %zu of %zu bytes was accepted", n, p.n);
		free(copy);
	}
}

static void counts_larger_than_the_reply(void **state)
{
	struct pkt p;
	struct dnsmsg m;

	(void)state;
	header(&p, QR_RD_RA, 0xffff, 0xffff, 0xffff, 0xffff);
	assert_int_equal(parse(&p, &m), -1);
	build_listing(&p);
	p.b[7] = 3;   /* ANCOUNT 3, two present */
	assert_int_equal(parse(&p, &m), -1);
}

static void rdata_past_the_end_is_malformed(void **state)
{
	struct pkt p;
	struct dnsmsg m;
	size_t q;

	(void)state;
	header(&p, QR_RD_RA, 1, 1, 0, 0);
	q = question(&p, "x.bl.example", T_A);
	put_ptr(&p, q);
	rr_fixed(&p, T_A, C_IN, 60, 40);
	put32(&p, A(127, 0, 0, 2));
	assert_int_equal(parse(&p, &m), -1);
}

static void compression_loops_are_malformed(void **state)
{
	struct pkt p;
	struct dnsmsg m;

	(void)state;
	/* the question's name is a pointer to itself */
	header(&p, QR_RD_RA, 1, 0, 0, 0);
	put_ptr(&p, 12);
	put16(&p, T_A);
	put16(&p, C_IN);
	assert_int_equal(parse(&p, &m), -1);

	/* two pointers pointing at each other, behind a label */
	header(&p, QR_RD_RA, 1, 0, 0, 0);
	put_labels(&p, "x");          /* 12: \1 x */
	put_ptr(&p, 16);              /* 14 -> 16 */
	put_ptr(&p, 14);              /* 16 -> 14 */
	put16(&p, T_A);
	put16(&p, C_IN);
	assert_int_equal(parse(&p, &m), -1);

	/* a loop in an answer's owner name */
	header(&p, QR_RD_RA, 1, 1, 0, 0);
	question(&p, "x.bl.example", T_A);
	{
		size_t self = p.n;

		put_ptr(&p, self);
		rr_fixed(&p, T_A, C_IN, 60, 4);
		put32(&p, A(127, 0, 0, 2));
	}
	assert_int_equal(parse(&p, &m), -1);

	/* a loop inside a PTR name */
	header(&p, QR_RD_RA, 1, 1, 0, 0);
	{
		size_t q = question(&p, "77.2.0.192.in-addr.arpa", T_PTR), rd;

		put_ptr(&p, q);
		rr_fixed(&p, T_PTR, C_IN, 60, 4);
		rd = p.n;
		put_labels(&p, "a");
		put_ptr(&p, rd);
	}
	assert_int_equal(parse_as(&p, T_PTR, &m), -1);
}

static void bad_names_are_malformed(void **state)
{
	struct pkt p;
	struct dnsmsg m;

	(void)state;
	/* a pointer past the end of the reply */
	header(&p, QR_RD_RA, 1, 0, 0, 0);
	put_ptr(&p, 0x3ff);
	put16(&p, T_A);
	put16(&p, C_IN);
	assert_int_equal(parse(&p, &m), -1);

	/* a label longer than what is left */
	header(&p, QR_RD_RA, 1, 0, 0, 0);
	put8(&p, 40);
	put_bytes(&p, "short", 5);
	assert_int_equal(parse(&p, &m), -1);

	/* the reserved label types 01 and 10 */
	header(&p, QR_RD_RA, 1, 0, 0, 0);
	put8(&p, 0x41);
	put8(&p, 'x');
	put8(&p, 0);
	put16(&p, T_A);
	put16(&p, C_IN);
	assert_int_equal(parse(&p, &m), -1);
	p.b[12] = 0x81;
	assert_int_equal(parse(&p, &m), -1);

	/* a name with no end */
	header(&p, QR_RD_RA, 1, 0, 0, 0);
	put_labels(&p, "a.b.c");
	assert_int_equal(parse(&p, &m), -1);
}

/* What must hold for any reply, well-formed or not. */
static void assert_sane(const struct dnsmsg *m)
{
	assert_true(m->na >= 0 && m->na <= DNSMSG_MAX_A);
	assert_true((unsigned)m->na <= m->a_records);
	assert_true(strlen(m->qname) < sizeof m->qname);
	assert_true(m->txt_len < sizeof m->txt);
	assert_int_equal(m->txt[m->txt_len], '\0');
	assert_true(memchr(m->ptr, '\0', sizeof m->ptr) != NULL);
	assert_true(m->rcode <= 15);
}

static void random_garbage_never_crashes(void **state)
{
	unsigned char buf[600];
	struct dnsmsg m;
	unsigned seed = 1035;

	(void)state;
	for (int round = 0; round < 5000; round++) {
		size_t n = (size_t)(rand_r(&seed) % (int)sizeof buf);

		for (size_t i = 0; i < n; i++)
			buf[i] = (unsigned char)rand_r(&seed);
		/* small counts so that the parser goes past the header */
		if (n >= 12 && round % 2) {
			buf[4] = buf[6] = buf[8] = 0;
			buf[5] = (unsigned char)(rand_r(&seed) % 3);
			buf[7] = (unsigned char)(rand_r(&seed) % 4);
			buf[9] = (unsigned char)(rand_r(&seed) % 3);
		}
		if (dnsmsg_parse(buf, n, T_A, &m) == 0)
			assert_sane(&m);
	}
}

static void mutated_replies_never_crash(void **state)
{
	static const char *const t[] = { "Net 104.40.0.0/13 is ", "UCEPROTECT-Level2 listed" };
	struct pkt base, p;
	struct dnsmsg m;
	unsigned seed = 2308;
	size_t q, t1, zone;
	int accepted = 0;

	(void)state;
	/* a reply with every kind of record an A query reads */
	header(&base, QR_RD_RA, 1, 3, 1, 0);
	q = question(&base, "77.2.0.192.dnsbl-2.uceprotect.net", T_A);
	t1 = rr_cname(&base, q, 300, "x.dnsbl-2.uceprotect.net");
	rr_a(&base, t1, 300, A(127, 0, 0, 2));
	rr_a(&base, t1, 300, A(127, 0, 0, 4));
	zone = q + 1 + 2 + 1 + 1 + 1 + 1 + 1 + 3;
	rr_soa(&base, zone, 600, 60);
	(void)t;
	assert_int_equal(parse(&base, &m), 0);
	assert_int_equal(m.has_soa, 1);
	assert_int_equal(m.cnames, 1);
	assert_int_equal(m.na, 2);

	for (int round = 0; round < 5000; round++) {
		int flips = 1 + rand_r(&seed) % 4;

		p = base;
		for (int f = 0; f < flips; f++) {
			size_t at = (size_t)rand_r(&seed) % p.n;

			switch (rand_r(&seed) % 4) {
			case 0: p.b[at] = (unsigned char)rand_r(&seed); break;
			case 1: p.b[at] ^= (unsigned char)(1u << (rand_r(&seed) % 8)); break;
			case 2: p.b[at] = 0xc0; break;                /* a pointer start */
			case 3: p.n = at + 1; break;                  /* cut short */
			}
		}
		if (dnsmsg_parse(p.b, p.n, T_A, &m) == 0) {
			assert_sane(&m);
			accepted++;
		}
	}
	/* some mutations keep the reply readable (a changed TTL, a letter) */
	assert_true(accepted > 0);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(a_answers_and_their_smallest_ttl),
		cmocka_unit_test(a_answer_with_names_written_out),
		cmocka_unit_test(many_a_answers_are_all_read),
		cmocka_unit_test(one_bad_code_anywhere_is_an_error),
		cmocka_unit_test(more_distinct_codes_than_kept_is_malformed),
		cmocka_unit_test(records_outside_the_answer_are_not_answers),
		cmocka_unit_test(answers_of_other_classes_or_types_are_malformed),
		cmocka_unit_test(a_records_must_be_four_bytes),
		cmocka_unit_test(header_must_be_a_reply_to_one_query),
		cmocka_unit_test(every_rcode_has_one_meaning),
		cmocka_unit_test(answers_must_belong_to_the_question),
		cmocka_unit_test(cname_chains),
		cmocka_unit_test(txt_strings_and_records),
		cmocka_unit_test(txt_keeps_raw_bytes),
		cmocka_unit_test(long_txt_is_kept_whole),
		cmocka_unit_test(txt_string_past_its_rdata_is_malformed),
		cmocka_unit_test(nxdomain_negative_ttl),
		cmocka_unit_test(soa_cut_short_is_malformed),
		cmocka_unit_test(ptr_name),
		cmocka_unit_test(ptr_name_too_long_is_malformed),
		cmocka_unit_test(every_truncation_is_malformed),
		cmocka_unit_test(counts_larger_than_the_reply),
		cmocka_unit_test(rdata_past_the_end_is_malformed),
		cmocka_unit_test(compression_loops_are_malformed),
		cmocka_unit_test(bad_names_are_malformed),
		cmocka_unit_test(random_garbage_never_crashes),
		cmocka_unit_test(mutated_replies_never_crash),
	};

	return cmocka_run_group_tests(tests, NULL, NULL);
}
