/* hostiledns: a loopback DNS server (UDP and TCP) whose answer to an A
 * query for d.c.b.a.ZONE depends on the last octet d, so that one scan
 * of a /24 meets every broken, lying or merely unusual reply rblscope
 * must handle.  The table below says, per octet, what is sent and what
 * rblscope must make of it; `--table` prints it for the tests as
 *
 *   OCTET <TAB> STATE <TAB> REASONS <TAB> TXT <TAB> WHAT
 *
 * STATE is listed, clean or error; REASONS the accepted error reasons,
 * comma-separated ("-" for none); TXT the start of the TXT a listed
 * address must show ("-" for none); WHAT a description.  Octets not in
 * the table answer NXDOMAIN (clean).
 *
 *   hostiledns -l 127.0.0.1:PORT [--log FILE]
 *   hostiledns --table
 *
 * Any zone is served.  The RFC 5782 test entries 2.0.0.127.ZONE (listed)
 * and 1.0.0.127.ZONE (NXDOMAIN) answer as a healthy list's.  TXT
 * queries get the row's TXT (see txt_reply), PTR queries for
 * d.c.b.a.in-addr.arpa a long name (d = 2), a name whose compression
 * pointer loops (d = 3) or a short name.  A UDP reply over 512 bytes is
 * sent truncated (TC) as a server without EDNS would, so the client
 * asks again over TCP.  Anything that is not a readable query is
 * ignored.  With PORT 0 the chosen port (the same for UDP and TCP) is
 * printed on stdout.  Only 127.0.0.1 is bound.  Runs until SIGTERM or
 * SIGINT; exits 0. */
#include <arpa/inet.h>
#include <errno.h>
#include <netinet/in.h>
#include <poll.h>
#include <signal.h>
#include <stdbool.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>
#include <sys/socket.h>
#include <unistd.h>

#define UDP_MAX 512          /* no EDNS: longer replies are truncated */
#define MSG_MAX 65535
#define MAX_CLIENTS 32
#define TTL 60

enum { T_A = 1, T_CNAME = 5, T_SOA = 6, T_PTR = 12, T_MX = 15, T_TXT = 16, T_AAAA = 28 };
enum { C_IN = 1, C_CH = 3 };
enum { RC_NOERROR = 0, RC_FORMERR = 1, RC_SERVFAIL = 2, RC_NXDOMAIN = 3, RC_NOTIMP = 4,
       RC_REFUSED = 5, RC_YXDOMAIN = 6, RC_YXRRSET = 7, RC_NXRRSET = 8, RC_NOTAUTH = 9,
       RC_NOTZONE = 10 };
enum { OP_IQUERY = 1, OP_STATUS = 2 };

#define IP(a, b, c, d) ((uint32_t)(a) << 24 | (uint32_t)(b) << 16 | (uint32_t)(c) << 8 | (uint32_t)(d))

/* A query as read off the wire. */
struct query {
	uint8_t head[4];         /* id and flags */
	const uint8_t *qname;    /* wire form, within the received message */
	size_t qname_len;        /* with the root label */
	unsigned qtype, qclass;
	int addr_labels;         /* 1: d.c.b.a.ZONE, 2: d.c.b.a.in-addr.arpa, 0: other */
	uint32_t addr;           /* a.b.c.d when addr_labels */
	size_t zone_off;         /* offset of ZONE in the reply (the question is copied) */
	bool tcp;
};

/* A reply being written.  Offsets are those of the finished message, so
 * they serve as compression pointers. */
struct reply {
	uint8_t b[MSG_MAX];
	size_t len;
	unsigned an, ns;
	bool silent;             /* send nothing */
	bool overflow;
};

struct row;
typedef void behave_fn(struct reply *r, const struct query *q, const struct row *row);

/* One behaviour: how the A query of one octet is answered, and what
 * rblscope must conclude. */
struct row {
	unsigned octet;
	behave_fn *fn;
	unsigned arg;            /* rcode, count, rdlength, opcode, class or type */
	uint32_t a[2];           /* addresses to answer, 0 ends the list */
	const char *state;       /* expected state */
	const char *reasons;     /* accepted error reasons, "-" for none */
	const char *txt;         /* TXT answer (NULL: the row's description) */
	const char *what;
};

/* --- writing replies ------------------------------------------------------ */

static void put(struct reply *r, const void *p, size_t n)
{
	if (r->overflow || MSG_MAX - r->len < n) {
		r->overflow = true;
		return;
	}
	memcpy(r->b + r->len, p, n);
	r->len += n;
}

static void put16(struct reply *r, unsigned v)
{
	uint8_t b[2] = { (uint8_t)(v >> 8), (uint8_t)v };

	put(r, b, 2);
}

static void put32(struct reply *r, uint32_t v)
{
	put16(r, v >> 16);
	put16(r, v & 0xffff);
}

static void set16(struct reply *r, size_t off, unsigned v)
{
	r->b[off] = (uint8_t)(v >> 8);
	r->b[off + 1] = (uint8_t)v;
}

/* A compression pointer to off. */
static void put_ptr(struct reply *r, size_t off)
{
	put16(r, 0xc000 | (unsigned)off);
}

/* LABEL.ZONE, written as one label and a pointer to the zone; its offset. */
static size_t put_sub(struct reply *r, const struct query *q, const char *label)
{
	size_t at = r->len, n = strlen(label);
	uint8_t l = (uint8_t)n;

	put(r, &l, 1);
	put(r, label, n);
	put_ptr(r, q->zone_off);
	return at;
}

/* Type, class, TTL and a zero rdlength after an owner name; the
 * rdlength's offset. */
static size_t rr_fields(struct reply *r, unsigned type, unsigned klass)
{
	size_t at;

	put16(r, type);
	put16(r, klass);
	put32(r, TTL);
	at = r->len;
	put16(r, 0);
	return at;
}

/* A record owned by the name at offset owner; the rdlength's offset. */
static size_t rr_open(struct reply *r, size_t owner, unsigned type, unsigned klass)
{
	put_ptr(r, owner);
	return rr_fields(r, type, klass);
}

/* Set the rdlength to what was written since rr_open. */
static void rr_close(struct reply *r, size_t rdlen_off)
{
	if (!r->overflow)
		set16(r, rdlen_off, (unsigned)(r->len - rdlen_off - 2));
}

static void put_a(struct reply *r, size_t owner, unsigned klass, uint32_t addr)
{
	size_t at = rr_open(r, owner, T_A, klass);

	put32(r, addr);
	rr_close(r, at);
	r->an++;
}

/* owner CNAME LABEL.ZONE; the target's offset. */
static size_t put_cname(struct reply *r, const struct query *q, size_t owner, const char *label)
{
	size_t at = rr_open(r, owner, T_CNAME, C_IN), target = put_sub(r, q, label);

	rr_close(r, at);
	r->an++;
	return target;
}

/* The zone's SOA in the authority section: what makes NXDOMAIN and
 * NODATA answers cacheable. */
static void put_soa(struct reply *r, const struct query *q)
{
	size_t at;

	if (!q->zone_off)
		return;
	at = rr_open(r, q->zone_off, T_SOA, C_IN);
	put_sub(r, q, "ns");
	put_sub(r, q, "hostmaster");
	put32(r, 1);
	put32(r, 3600);
	put32(r, 600);
	put32(r, 86400);
	put32(r, TTL);
	rr_close(r, at);
	r->ns++;
}

/* TXT rdata: text split into strings of at most 255 bytes. */
static void put_txt(struct reply *r, size_t owner, const char *text)
{
	size_t at = rr_open(r, owner, T_TXT, C_IN), n = strlen(text);

	do {
		uint8_t l = (uint8_t)(n > 255 ? 255 : n);

		put(r, &l, 1);
		put(r, text, l);
		text += l;
		n -= l;
	} while (n > 0);
	rr_close(r, at);
	r->an++;
}

static void set_rcode(struct reply *r, unsigned rcode)
{
	r->b[3] = (uint8_t)((r->b[3] & 0xf0) | (rcode & 0x0f));
}

static void set_opcode(struct reply *r, unsigned opcode)
{
	r->b[2] = (uint8_t)((r->b[2] & 0x87) | (opcode & 0x0f) << 3);
}

/* Header and question: QR, AA and RA set, RD as asked, NOERROR. */
static void reply_start(struct reply *r, const struct query *q)
{
	r->len = 0;
	r->an = r->ns = 0;
	r->silent = r->overflow = false;
	put(r, q->head, 4);
	r->b[2] = (uint8_t)(0x84 | (q->head[2] & 0x01));
	r->b[3] = 0x80;
	put16(r, 1);
	put16(r, 0);
	put16(r, 0);
	put16(r, 0);
	put(r, q->qname, q->qname_len);
	put16(r, q->qtype);
	put16(r, q->qclass);
}

static void reply_finish(struct reply *r)
{
	set16(r, 6, r->an);
	set16(r, 8, r->ns);
}

/* --- behaviours ----------------------------------------------------------- */

static void put_addrs(struct reply *r, const struct row *row)
{
	for (size_t i = 0; i < 2 && row->a[i]; i++)
		put_a(r, 12, C_IN, row->a[i]);
}

static void b_nxdomain(struct reply *r, const struct query *q, const struct row *row)
{
	(void)row;
	set_rcode(r, RC_NXDOMAIN);
	put_soa(r, q);
}

static void b_addrs(struct reply *r, const struct query *q, const struct row *row)
{
	(void)q;
	put_addrs(r, row);
}

/* The rcode in arg, with the row's addresses (if any) in the answer. */
static void b_rcode(struct reply *r, const struct query *q, const struct row *row)
{
	(void)q;
	set_rcode(r, row->arg);
	put_addrs(r, row);
}

/* arg records: 127.0.0.2, 127.0.0.3, ... and last the row's address. */
static void b_many(struct reply *r, const struct query *q, const struct row *row)
{
	(void)q;
	for (unsigned i = 0; i + 1 < row->arg; i++)
		put_a(r, 12, C_IN, IP(127, 0, 0, 2 + i));
	put_a(r, 12, C_IN, row->a[0]);
}

/* arg A records, each the row's first address. */
static void b_repeat(struct reply *r, const struct query *q, const struct row *row)
{
	(void)q;
	for (unsigned i = 0; i < row->arg; i++)
		put_a(r, 12, C_IN, row->a[0]);
}

/* An A record of rdlength arg (127.0.0.2 cut short or padded), then the
 * row's addresses; the message stays parseable around it. */
static void b_rdlen(struct reply *r, const struct query *q, const struct row *row)
{
	static const uint8_t data[8] = { 127, 0, 0, 2, 0, 0, 0, 0 };
	size_t at = rr_open(r, 12, T_A, C_IN);

	(void)q;
	put(r, data, row->arg < sizeof data ? row->arg : sizeof data);
	rr_close(r, at);
	r->an++;
	put_addrs(r, row);
}

/* A reply that calls itself a query. */
static void b_qr_clear(struct reply *r, const struct query *q, const struct row *row)
{
	(void)q;
	r->b[2] &= 0x7f;
	put_addrs(r, row);
}

static void b_opcode(struct reply *r, const struct query *q, const struct row *row)
{
	(void)q;
	set_opcode(r, row->arg);
	put_addrs(r, row);
}

/* The address, but for another name. */
static void b_other_owner(struct reply *r, const struct query *q, const struct row *row)
{
	size_t at;

	put_sub(r, q, "x");
	at = rr_fields(r, T_A, C_IN);
	put32(r, row->a[0]);
	rr_close(r, at);
	r->an++;
}

/* The question is an alias of t.ZONE, which has the address. */
static void b_cname_a(struct reply *r, const struct query *q, const struct row *row)
{
	size_t t = put_cname(r, q, 12, "t");

	put_a(r, t, C_IN, row->a[0]);
}

/* An alias chain to c2.ZONE that ends nowhere, with rcode arg and, when
 * a[0] is set (any value), the zone's SOA. */
static void b_cname_end(struct reply *r, const struct query *q, const struct row *row)
{
	size_t c1 = put_cname(r, q, 12, "c1");

	put_cname(r, q, c1, "c2");
	set_rcode(r, row->arg);
	if (row->a[0])
		put_soa(r, q);
}

/* The question is an alias of l.ZONE, an alias of the question. */
static void b_cname_loop(struct reply *r, const struct query *q, const struct row *row)
{
	size_t l = put_cname(r, q, 12, "l"), at;

	(void)row;
	at = rr_open(r, l, T_CNAME, C_IN);
	put_ptr(r, 12);
	rr_close(r, at);
	r->an++;
}

/* The address in class arg instead of IN. */
static void b_class(struct reply *r, const struct query *q, const struct row *row)
{
	(void)q;
	put_a(r, 12, row->arg, row->a[0]);
}

/* A record of type arg (MX or AAAA) for the question name, no A. */
static void b_type(struct reply *r, const struct query *q, const struct row *row)
{
	static const uint8_t v6[16] = { 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0xff, 0xff, 127, 0, 0, 2 };
	size_t at = rr_open(r, 12, row->arg, C_IN);

	if (row->arg == T_MX) {
		put16(r, 10);
		put_sub(r, q, "mx");
	} else {
		put(r, v6, sizeof v6);
	}
	rr_close(r, at);
	r->an++;
}

static void b_silent(struct reply *r, const struct query *q, const struct row *row)
{
	(void)q;
	(void)row;
	r->silent = true;
}

/* Over UDP: truncated, and what fits is a lie (127.0.0.1) a client must
 * not use; over TCP: the row's addresses. */
static void b_tc(struct reply *r, const struct query *q, const struct row *row)
{
	if (q->tcp) {
		put_addrs(r, row);
		return;
	}
	r->b[2] |= 0x02;
	put_a(r, 12, C_IN, IP(127, 0, 0, 1));
}

/* --- the table -------------------------------------------------------------- */

static char long_txt[3 * 255 + 1];   /* three full strings, filled in main */

#define LISTED IP(127, 0, 0, 2)
#define RCODE_ROWS(base, addr, with) \
	{ base + 0, b_rcode, RC_FORMERR, { addr }, "error", "rcode", NULL, "FORMERR " with }, \
	{ base + 1, b_rcode, RC_NOTIMP, { addr }, "error", "rcode", NULL, "NOTIMP " with }, \
	{ base + 2, b_rcode, RC_YXDOMAIN, { addr }, "error", "rcode", NULL, "YXDOMAIN " with }, \
	{ base + 3, b_rcode, RC_YXRRSET, { addr }, "error", "rcode", NULL, "YXRRSET " with }, \
	{ base + 4, b_rcode, RC_NXRRSET, { addr }, "error", "rcode", NULL, "NXRRSET " with }, \
	{ base + 5, b_rcode, RC_NOTAUTH, { addr }, "error", "rcode", NULL, "NOTAUTH " with }, \
	{ base + 6, b_rcode, RC_NOTZONE, { addr }, "error", "rcode", NULL, "NOTZONE " with }, \
	{ base + 7, b_rcode, 11, { addr }, "error", "rcode", NULL, "rcode 11 " with }, \
	{ base + 8, b_rcode, 12, { addr }, "error", "rcode", NULL, "rcode 12 " with }, \
	{ base + 9, b_rcode, 13, { addr }, "error", "rcode", NULL, "rcode 13 " with }, \
	{ base + 10, b_rcode, 14, { addr }, "error", "rcode", NULL, "rcode 14 " with }, \
	{ base + 11, b_rcode, 15, { addr }, "error", "rcode", NULL, "rcode 15 " with }

static const struct row table[] = {
	/* Plain listings: one code with its TXT, and two codes at once. */
	{ 2, b_addrs, 0, { LISTED }, "listed", "-", NULL, "listed 127.0.0.2" },
	{ 3, b_addrs, 0, { LISTED, IP(127, 0, 0, 4) }, "error", "unexpected", NULL,
	  "127.0.0.2 and 127.0.0.4, a code PSBL does not document" },
	/* A response code other than NOERROR, NXDOMAIN, SERVFAIL or REFUSED
	 * is an error whatever the answer section holds: 10-21 with a
	 * listing code, 30-41 with nothing. */
	RCODE_ROWS(10, LISTED, "with 127.0.0.2"),
	RCODE_ROWS(30, 0, "without records"),
	{ 50, b_rcode, RC_SERVFAIL, { 0 }, "error", "servfail", NULL, "SERVFAIL" },
	{ 51, b_rcode, RC_REFUSED, { 0 }, "error", "refused", NULL, "REFUSED" },
	/* Many codes: a bad one at the end spoils the lookup, however many
	 * good ones come first; a code the profile (PSBL: 127.0.0.2 only) does
	 * not document is an error; 40 good records are a listing. */
	{ 60, b_many, 20, { IP(127, 0, 0, 1) }, "error", "bogus", NULL,
	  "20 A records, the last 127.0.0.1" },
	{ 61, b_many, 20, { IP(10, 0, 0, 1) }, "error", "bogus", NULL,
	  "20 A records, the last 10.0.0.1" },
	{ 62, b_many, 20, { IP(127, 255, 255, 254) }, "error", "blocked", NULL,
	  "20 A records, the last 127.255.255.254" },
	{ 63, b_many, 40, { IP(127, 0, 0, 41) }, "error", "unexpected", NULL,
	  "40 A records 127.0.0.2-127.0.0.41 (over TCP), 39 undocumented" },
	{ 64, b_repeat, 40, { LISTED }, "listed", "-", NULL,
	  "40 A records, each 127.0.0.2 (over TCP)" },
	/* An A record is 4 bytes; the rest of the message is consistent. */
	{ 70, b_rdlen, 3, { 0 }, "error", "malformed", NULL, "an A record of rdlength 3" },
	{ 71, b_rdlen, 5, { LISTED }, "error", "malformed", NULL,
	  "an A record of rdlength 5, then 127.0.0.2" },
	/* Header lies.  A client may drop a "reply" with QR clear as not a
	 * reply at all (then the query times out): both are never wrong. */
	{ 80, b_qr_clear, 0, { LISTED }, "error", "malformed,timeout", NULL,
	  "QR clear, with 127.0.0.2" },
	{ 81, b_opcode, OP_IQUERY, { LISTED }, "error", "malformed", NULL,
	  "opcode IQUERY, with 127.0.0.2" },
	{ 82, b_opcode, OP_STATUS, { LISTED }, "error", "malformed", NULL,
	  "opcode STATUS, with 127.0.0.2" },
	/* Names: records for another name, and CNAME chains. */
	{ 90, b_other_owner, 0, { LISTED }, "error", "malformed", NULL,
	  "127.0.0.2 for x.ZONE, not the question" },
	{ 91, b_cname_a, 0, { LISTED }, "listed", "-", NULL, "CNAME t.ZONE, t.ZONE A 127.0.0.2" },
	{ 92, b_cname_end, RC_NOERROR, { 0 }, "error", "malformed", NULL,
	  "CNAME chain to nowhere, NOERROR, no SOA" },
	{ 93, b_cname_end, RC_NXDOMAIN, { 0 }, "clean", "-", NULL,
	  "CNAME chain to nowhere, NXDOMAIN" },
	{ 94, b_cname_end, RC_NOERROR, { 1 }, "clean", "-", NULL,
	  "CNAME chain to nowhere, NOERROR with SOA (NODATA)" },
	{ 95, b_cname_loop, 0, { 0 }, "error", "malformed", NULL, "CNAME loop question <-> l.ZONE" },
	/* Records of the wrong class or type for the question. */
	{ 100, b_class, C_CH, { LISTED }, "error", "malformed", NULL, "127.0.0.2 in class CH" },
	{ 101, b_type, T_MX, { 0 }, "error", "malformed", NULL, "an MX record, no A" },
	{ 102, b_type, T_AAAA, { 0 }, "error", "malformed", NULL, "an AAAA record, no A" },
	/* No answer at all. */
	{ 110, b_silent, 0, { 0 }, "error", "timeout", NULL, "no reply" },
	/* Truncated over UDP (with a lie), the answer over TCP. */
	{ 120, b_tc, 0, { LISTED }, "listed", "-", NULL, "TC over UDP, 127.0.0.2 over TCP" },
	/* Codes that are not listings. */
	{ 130, b_addrs, 0, { IP(127, 255, 255, 254) }, "error", "blocked", NULL, "127.255.255.254" },
	{ 131, b_addrs, 0, { IP(127, 0, 0, 1) }, "error", "bogus", NULL, "127.0.0.1" },
	{ 132, b_addrs, 0, { IP(192, 0, 2, 1) }, "error", "bogus", NULL, "192.0.2.1" },
	/* TXT that must be sanitised, and TXT longer than any buffer. */
	{ 140, b_addrs, 0, { LISTED }, "listed", "-",
	  "escapes \033[2J\033]0;pwned\a\r\nfake line\x7f\x9b\302\2336n\b end",
	  "127.0.0.2, TXT full of control bytes" },
	{ 141, b_addrs, 0, { LISTED }, "listed", "-", long_txt,
	  "127.0.0.2, TXT of 3 strings of 255 bytes (over TCP)" },
};

/* The RFC 5782 test entries. */
static const struct row probe_listed = { 2, b_addrs, 0, { LISTED }, "listed", "-",
                                         "test entry", "127.0.0.2" };
static const struct row clean_row = { 0, b_nxdomain, 0, { 0 }, "clean", "-", NULL, "NXDOMAIN" };

static const struct row *row_of(uint32_t addr)
{
	if (addr == IP(127, 0, 0, 2))
		return &probe_listed;
	if (addr >> 8 == IP(0, 127, 0, 0))
		return &clean_row;
	for (size_t i = 0; i < sizeof table / sizeof table[0]; i++)
		if (table[i].octet == (addr & 0xff))
			return &table[i];
	return &clean_row;
}

/* The TXT a listed row shows: its text up to the first byte a
 * sanitiser may change, at most 40 bytes ("-" if none). */
static void print_txt_prefix(const struct row *row)
{
	const char *t = row->txt ? row->txt : row->what;
	size_t n = 0;

	while (n < 40 && t[n] >= 0x20 && t[n] < 0x7f && t[n] != '\t')
		n++;
	if (strcmp(row->state, "listed") != 0 || n == 0)
		fputs("-", stdout);
	else
		fwrite(t, 1, n, stdout);
}

static void print_table(void)
{
	for (size_t i = 0; i < sizeof table / sizeof table[0]; i++) {
		const struct row *row = &table[i];

		printf("%u\t%s\t%s\t", row->octet, row->state, row->reasons);
		print_txt_prefix(row);
		printf("\t%s\n", row->what);
	}
}

/* --- queries ---------------------------------------------------------------- */

/* A label that is a decimal octet; its value, or -1. */
static int label_octet(const uint8_t *p, unsigned l)
{
	unsigned v = 0;

	if (l == 0 || l > 3)
		return -1;
	for (unsigned i = 0; i < l; i++) {
		if (p[i] < '0' || p[i] > '9')
			return -1;
		v = v * 10 + (unsigned)(p[i] - '0');
	}
	return v <= 255 ? (int)v : -1;
}

static bool label_is(const uint8_t *m, size_t off, const char *s)
{
	return m[off] == strlen(s) && strncasecmp((const char *)m + off + 1, s, m[off]) == 0;
}

/* d.c.b.a.ZONE or d.c.b.a.in-addr.arpa: fill addr, addr_labels, zone_off. */
static void query_classify(const uint8_t *m, const size_t *label_off, int n, struct query *q)
{
	int o[4];

	if (n < 5)
		return;
	for (int i = 0; i < 4; i++)
		if ((o[i] = label_octet(m + label_off[i] + 1, m[label_off[i]])) < 0)
			return;
	q->addr = IP(o[3], o[2], o[1], o[0]);
	q->zone_off = label_off[4];
	q->addr_labels = n == 6 && label_is(m, label_off[4], "in-addr") &&
	                 label_is(m, label_off[5], "arpa") ? 2 : 1;
}

/* A standard query with one question; 0, or -1 for anything else. */
static int query_read(const uint8_t *m, size_t len, bool tcp, struct query *q)
{
	size_t off = 12, label_off[128];
	int n = 0;

	memset(q, 0, sizeof *q);
	q->tcp = tcp;
	if (len < 12 || (m[2] & 0xf8) || m[4] != 0 || m[5] != 1)
		return -1;   /* a reply, not QUERY, or not one question */
	memcpy(q->head, m, 4);
	for (;;) {
		unsigned l;

		if (off >= len)
			return -1;
		l = m[off];
		if (l == 0)
			break;
		if (l > 63 || len - off - 1 < l || off + 1 + l - 12 > 254 || n == 128)
			return -1;
		label_off[n++] = off;
		off += 1 + l;
	}
	off++;
	if (len - off < 4)
		return -1;
	q->qname = m + 12;
	q->qname_len = off - 12;
	q->qtype = (unsigned)m[off] << 8 | m[off + 1];
	q->qclass = (unsigned)m[off + 2] << 8 | m[off + 3];
	query_classify(m, label_off, n, q);
	return 0;
}

/* --- TXT and PTR -------------------------------------------------------- */

/* The row's TXT for a listed-looking row, NXDOMAIN for a clean one; the
 * silent and truncating rows behave as they do for A. */
static void txt_reply(struct reply *r, const struct query *q, const struct row *row)
{
	if (row->fn == b_silent || (row->fn == b_tc && !q->tcp)) {
		row->fn(r, q, row);
		return;
	}
	if (row->fn == b_nxdomain) {
		b_nxdomain(r, q, row);
		return;
	}
	put_txt(r, 12, row->txt ? row->txt : row->what);
}

static void put_label(struct reply *r, const char *s)
{
	uint8_t l = (uint8_t)strlen(s);

	put(r, &l, 1);
	put(r, s, l);
}

/* d = 2: 127 one-letter labels (255 bytes, the most a name may have);
 * d = 3: a name whose pointer leads back to itself; else host-D.example. */
static void ptr_reply(struct reply *r, const struct query *q)
{
	unsigned d = q->addr & 0xff;
	size_t at, start;
	char host[16];

	if (q->qtype != T_PTR) {
		put_soa(r, q);
		return;
	}
	at = rr_open(r, 12, T_PTR, C_IN);
	start = r->len;
	if (d == 2) {
		for (int i = 0; i < 127; i++)
			put_label(r, "x");
	} else if (d == 3) {
		put_label(r, "bad");
		put_ptr(r, start);
	} else {
		snprintf(host, sizeof host, "host-%u", d);
		put_label(r, host);
		put_label(r, "example");
	}
	if (d != 3)
		put(r, "", 1);
	rr_close(r, at);
	r->an++;
}

/* Cut a UDP reply too long for 512 bytes down to its question, with TC. */
static void udp_truncate(struct reply *r, const struct query *q)
{
	r->len = 12 + q->qname_len + 4;
	r->b[2] |= 0x02;
	set16(r, 6, 0);
	set16(r, 8, 0);
	set16(r, 10, 0);
}

static void reply_build(struct reply *r, const struct query *q)
{
	const struct row *row = q->addr_labels == 1 ? row_of(q->addr) : &clean_row;

	reply_start(r, q);
	if (q->qclass != C_IN)
		set_rcode(r, RC_REFUSED);
	else if (q->addr_labels == 2)
		ptr_reply(r, q);
	else if (q->qtype == T_A)
		row->fn(r, q, row);
	else if (q->qtype == T_TXT)
		txt_reply(r, q, row);
	else if (row->fn == b_nxdomain)
		b_nxdomain(r, q, row);
	else
		put_soa(r, q);   /* NODATA */
	reply_finish(r);
	if (!q->tcp && r->len > UDP_MAX)
		udp_truncate(r, q);
}

/* --- serving ------------------------------------------------------------- */

struct client {
	int fd;
	size_t have;
	uint8_t buf[2 + MSG_MAX];
};

struct server {
	int udp, tcp;
	struct client cl[MAX_CLIENTS];
	struct reply r;
	FILE *log;
	unsigned long queries, answered, ignored, tcp_queries;
};

static volatile sig_atomic_t stop_requested;

static void on_signal(int sig)
{
	(void)sig;
	stop_requested = 1;
}

/* The reply to the message m, in s->r; false to send nothing. */
static bool answer(struct server *s, const uint8_t *m, size_t len, bool tcp)
{
	struct query q;

	s->queries++;
	s->tcp_queries += tcp;
	if (query_read(m, len, tcp, &q) < 0) {
		s->ignored++;
		return false;
	}
	reply_build(&s->r, &q);
	if (s->r.silent || s->r.overflow)
		return false;
	s->answered++;
	return true;
}

static void udp_one(struct server *s)
{
	static uint8_t m[MSG_MAX];
	struct sockaddr_in from;
	socklen_t fl = sizeof from;
	ssize_t got = recvfrom(s->udp, m, sizeof m, 0, (struct sockaddr *)&from, &fl);

	if (got > 0 && answer(s, m, (size_t)got, false))
		sendto(s->udp, s->r.b, s->r.len, 0, (struct sockaddr *)&from, fl);
}

static void client_close(struct client *c)
{
	close(c->fd);
	c->fd = -1;
	c->have = 0;
}

static void accept_one(struct server *s)
{
	int fd = accept(s->tcp, NULL, NULL);

	if (fd < 0)
		return;
	for (size_t i = 0; i < MAX_CLIENTS; i++) {
		if (s->cl[i].fd < 0) {
			s->cl[i].fd = fd;
			s->cl[i].have = 0;
			return;
		}
	}
	close(fd);   /* full: the client retries */
}

/* Write all of p, or give up on the connection. */
static int send_all(int fd, const uint8_t *p, size_t n)
{
	while (n > 0) {
		ssize_t w = send(fd, p, n, MSG_NOSIGNAL);

		if (w < 0 && errno == EINTR)
			continue;
		if (w <= 0)
			return -1;
		p += w;
		n -= (size_t)w;
	}
	return 0;
}

/* Answer every whole length-prefixed message received so far. */
static int client_drain(struct server *s, struct client *c)
{
	for (;;) {
		size_t n;
		uint8_t pre[2];

		if (c->have < 2)
			return 0;
		n = (size_t)c->buf[0] << 8 | c->buf[1];
		if (c->have < 2 + n)
			return 0;
		if (answer(s, c->buf + 2, n, true)) {
			pre[0] = (uint8_t)(s->r.len >> 8);
			pre[1] = (uint8_t)s->r.len;
			if (send_all(c->fd, pre, 2) < 0 || send_all(c->fd, s->r.b, s->r.len) < 0)
				return -1;
		}
		c->have -= 2 + n;
		memmove(c->buf, c->buf + 2 + n, c->have);
	}
}

static void client_read(struct server *s, struct client *c)
{
	ssize_t got = recv(c->fd, c->buf + c->have, sizeof c->buf - c->have, 0);

	if (got <= 0 || (c->have += (size_t)got, client_drain(s, c) < 0))
		client_close(c);
}

static void serve(struct server *s)
{
	while (!stop_requested) {
		struct pollfd p[2 + MAX_CLIENTS];
		size_t n = 2;

		p[0] = (struct pollfd){ .fd = s->udp, .events = POLLIN };
		p[1] = (struct pollfd){ .fd = s->tcp, .events = POLLIN };
		for (size_t i = 0; i < MAX_CLIENTS; i++)
			p[n++] = (struct pollfd){ .fd = s->cl[i].fd, .events = POLLIN };
		if (poll(p, n, 1000) <= 0)
			continue;   /* timeout, or EINTR from a signal */
		if (p[0].revents)
			udp_one(s);
		if (p[1].revents)
			accept_one(s);
		for (size_t i = 0; i < MAX_CLIENTS; i++)
			if (s->cl[i].fd >= 0 && p[2 + i].revents)
				client_read(s, &s->cl[i]);
	}
}

/* --- setup ------------------------------------------------------------------ */

static void usage(void)
{
	fprintf(stderr, "usage: hostiledns -l 127.0.0.1:PORT [--log FILE]\n"
	        "       hostiledns --table\n");
	exit(2);
}

/* "127.0.0.1:PORT" only; the port. */
static unsigned parse_listen(const char *s)
{
	const char *prefix = "127.0.0.1:", *p = s + strlen(prefix);
	char *end;
	unsigned long v;

	if (strncmp(s, prefix, strlen(prefix)) != 0 || *p < '0' || *p > '9')
		usage();
	errno = 0;
	v = strtoul(p, &end, 10);
	if (errno || *end || v > 65535)
		usage();
	return (unsigned)v;
}

/* UDP and TCP sockets on 127.0.0.1:port; 0, or -1. */
static int bind_pair(struct server *s, unsigned port)
{
	struct sockaddr_in sa = { .sin_family = AF_INET };
	socklen_t sl = sizeof sa;
	int one = 1;

	sa.sin_addr.s_addr = htonl(0x7f000001u);
	sa.sin_port = htons((uint16_t)port);
	s->udp = socket(AF_INET, SOCK_DGRAM, 0);
	s->tcp = socket(AF_INET, SOCK_STREAM, 0);
	if (s->udp < 0 || s->tcp < 0 || bind(s->udp, (struct sockaddr *)&sa, sizeof sa) < 0 ||
	    getsockname(s->udp, (struct sockaddr *)&sa, &sl) < 0)
		goto fail;
	/* The TCP port is the one the UDP socket got. */
	setsockopt(s->tcp, SOL_SOCKET, SO_REUSEADDR, &one, sizeof one);
	if (bind(s->tcp, (struct sockaddr *)&sa, sizeof sa) < 0 || listen(s->tcp, 16) < 0)
		goto fail;
	return 0;
fail:
	if (s->udp >= 0)
		close(s->udp);
	if (s->tcp >= 0)
		close(s->tcp);
	return -1;
}

/* With port 0, try ports until one is free for both UDP and TCP. */
static int listen_on(struct server *s, unsigned port)
{
	struct sockaddr_in sa;
	socklen_t sl = sizeof sa;

	for (int i = 0; i < (port ? 1 : 50); i++) {
		if (bind_pair(s, port) == 0) {
			if (port == 0 && getsockname(s->udp, (struct sockaddr *)&sa, &sl) == 0) {
				printf("%u\n", ntohs(sa.sin_port));
				fflush(stdout);
			}
			return 0;
		}
	}
	fprintf(stderr, "hostiledns: cannot bind 127.0.0.1:%u (UDP and TCP): %s\n", port,
	        strerror(errno));
	return -1;
}

int main(int argc, char **argv)
{
	static struct server s;
	struct sigaction sig;
	long port = -1;

	memset(long_txt, 'a', 255);
	memset(long_txt + 255, 'b', 255);
	memset(long_txt + 510, 'c', 255);
	s.log = stderr;
	for (int i = 1; i < argc; i++) {
		if (strcmp(argv[i], "--table") == 0) {
			print_table();
			return 0;
		}
		if (i + 1 == argc)
			usage();
		if (strcmp(argv[i], "-l") == 0) {
			port = parse_listen(argv[++i]);
		} else if (strcmp(argv[i], "--log") == 0) {
			if (!(s.log = fopen(argv[++i], "a"))) {
				fprintf(stderr, "hostiledns: cannot write %s: %s\n", argv[i], strerror(errno));
				return 2;
			}
		} else {
			usage();
		}
	}
	if (port < 0)
		usage();
	for (size_t i = 0; i < MAX_CLIENTS; i++)
		s.cl[i].fd = -1;
	memset(&sig, 0, sizeof sig);
	sig.sa_handler = on_signal;   /* no SA_RESTART: poll returns EINTR */
	sigemptyset(&sig.sa_mask);
	sigaction(SIGTERM, &sig, NULL);
	sigaction(SIGINT, &sig, NULL);
	if (listen_on(&s, (unsigned)port) < 0)
		return 1;
	serve(&s);
	fprintf(s.log, "hostiledns: %lu queries (%lu over TCP), %lu answered, %lu ignored\n",
	        s.queries, s.tcp_queries, s.answered, s.ignored);
	return 0;
}
