/* Reading the parts of a DNS reply a DNSBL lookup needs: A codes, TXT
 * strings, PTR names and the negative-caching TTL.  Every length is
 * checked against the buffer, and every record of the answer section
 * must belong to the question: replies are untrusted, and a reply that
 * breaks the rules is never read as "clean" or "listed". */
#include "core/lookup/dnsmsg.h"

#include <string.h>

enum { C_IN = 1, WIRE_MAX = 255, MAX_JUMPS = 127 };

struct cursor {
	const unsigned char *buf;
	size_t len, off;
};

/* A name in uncompressed wire form: length-prefixed labels, root last. */
struct wname {
	unsigned char b[WIRE_MAX];
	size_t n;
};

/* One resource record's fixed fields; rd is the offset of its rdata. */
struct rr {
	struct wname owner;
	unsigned type, klass, rdlen;
	uint32_t ttl;
	size_t rd;
};

static int bad(struct dnsmsg *m, const char *why)
{
	m->why = why;
	return -1;
}

static int get16(struct cursor *c, unsigned *v)
{
	if (c->len - c->off < 2)
		return -1;
	*v = (unsigned)c->buf[c->off] << 8 | c->buf[c->off + 1];
	c->off += 2;
	return 0;
}

static int get32(struct cursor *c, uint32_t *v)
{
	unsigned hi, lo;

	if (get16(c, &hi) < 0 || get16(c, &lo) < 0)
		return -1;
	*v = (uint32_t)hi << 16 | lo;
	return 0;
}

/* Read the (possibly compressed) name at off into w; the offset after
 * the name where it is written, in *next.  -1 for a name that runs past
 * the buffer, uses a reserved label type, loops, or is longer than 255
 * octets (RFC 1035 3.1): such a name is refused, never shortened. */
static int name_read(const unsigned char *buf, size_t len, size_t off, size_t *next,
                     struct wname *w)
{
	size_t end = 0;
	int jumps = 0;

	w->n = 0;
	for (;;) {
		unsigned l;

		if (off >= len)
			return -1;
		l = buf[off];
		if ((l & 0xc0) == 0xc0) {
			if (off + 1 >= len || ++jumps > MAX_JUMPS)
				return -1;
			if (!end)
				end = off + 2;
			off = (l & 0x3f) << 8 | buf[off + 1];
			continue;
		}
		if (l & 0xc0)
			return -1;
		if (off + 1 + l > len || w->n + 1 + l > WIRE_MAX)
			return -1;
		memcpy(w->b + w->n, buf + off, 1 + l);
		w->n += 1 + l;
		if (l == 0)
			break;
		off += 1 + l;
	}
	*next = end ? end : off + 1;
	return 0;
}

/* Names compare without regard to ASCII case (RFC 4343). */
static int name_eq(const struct wname *a, const struct wname *b)
{
	if (a->n != b->n)
		return 0;
	for (size_t i = 0; i < a->n; i++) {
		unsigned char x = a->b[i], y = b->b[i];

		if (x >= 'A' && x <= 'Z')
			x = (unsigned char)(x - 'A' + 'a');
		if (y >= 'A' && y <= 'Z')
			y = (unsigned char)(y - 'A' + 'a');
		if (x != y)
			return 0;
	}
	return 1;
}

/* w as dotted text ("" for the root); out holds DNSMSG_NAME_MAX bytes,
 * which any name of 255 octets fits. */
static void name_text(const struct wname *w, char *out)
{
	size_t i = 0, o = 0;

	while (i < w->n && w->b[i]) {
		size_t l = w->b[i];

		if (o)
			out[o++] = '.';
		memcpy(out + o, w->b + i + 1, l);
		o += l;
		i += 1 + l;
	}
	out[o] = '\0';
}

/* A name inside rdata [rd, rd + rdlen): it must end exactly there when
 * it is the whole rdata (CNAME, PTR). */
static int rdata_name(const struct cursor *c, const struct rr *r, struct wname *w)
{
	size_t next;

	if (name_read(c->buf, c->len, r->rd, &next, w) < 0 || next != r->rd + r->rdlen)
		return -1;
	return 0;
}

static int rr_read(struct cursor *c, struct rr *r)
{
	if (name_read(c->buf, c->len, c->off, &c->off, &r->owner) < 0 ||
	    get16(c, &r->type) < 0 || get16(c, &r->klass) < 0 || get32(c, &r->ttl) < 0 ||
	    get16(c, &r->rdlen) < 0 || c->len - c->off < r->rdlen)
		return -1;
	r->rd = c->off;
	c->off += r->rdlen;
	return 0;
}

static void txt_add(struct dnsmsg *m, const unsigned char *p, size_t n)
{
	size_t room = sizeof m->txt - 1 - m->txt_len;

	if (n > room)
		n = room;
	memcpy(m->txt + m->txt_len, p, n);
	m->txt_len += n;
	m->txt[m->txt_len] = '\0';
}

/* One TXT rdata: length-prefixed strings, joined as they are; several
 * records are joined by a space. */
static int txt_read(struct dnsmsg *m, const unsigned char *p, size_t n)
{
	size_t i = 0;

	if (m->has_txt)
		txt_add(m, (const unsigned char *)" ", 1);
	while (i < n) {
		size_t l = p[i];

		if (i + 1 + l > n)
			return -1;
		txt_add(m, p + i + 1, l);
		i += 1 + l;
	}
	m->has_txt = 1;
	return 0;
}

/* The SOA rdata: two names, then serial refresh retry expire minimum. */
static int soa_read(struct dnsmsg *m, const struct cursor *c, const struct rr *r)
{
	struct cursor s = *c;
	struct wname w;
	uint32_t v[5];

	if (name_read(c->buf, c->len, r->rd, &s.off, &w) < 0 ||
	    name_read(c->buf, c->len, s.off, &s.off, &w) < 0)
		return -1;
	for (int i = 0; i < 5; i++)
		if (get32(&s, &v[i]) < 0)
			return -1;
	if (s.off != r->rd + r->rdlen)
		return -1;
	if (!m->has_soa) {
		m->neg_ttl = r->ttl < v[4] ? r->ttl : v[4];
		m->has_soa = 1;
	}
	return 0;
}

/* The names of the CNAME chain from the question: chain[0] is the
 * question, chain[n - 1] the name the answer is owned by. */
struct chain {
	struct wname name[DNSMSG_MAX_CNAME + 1];
	size_t n;
};

static int chain_has(const struct chain *ch, const struct wname *w)
{
	for (size_t i = 0; i < ch->n; i++)
		if (name_eq(&ch->name[i], w))
			return 1;
	return 0;
}

/* First pass over the answer: every record is class IN and of type
 * qtype or CNAME; the CNAMEs are collected as owner -> target pairs. */
static int answer_scan(struct dnsmsg *m, struct cursor *c, unsigned an,
                       struct wname (*cn)[2], size_t *ncn)
{
	struct rr r;

	*ncn = 0;
	for (unsigned i = 0; i < an; i++) {
		if (rr_read(c, &r) < 0)
			return bad(m, "answer record cut short");
		if (r.klass != C_IN)
			return bad(m, "answer record of a class other than IN");
		if (r.type != m->qtype && r.type != DNS_T_CNAME)
			return bad(m, "answer record of a type that was not asked");
		if (r.type != DNS_T_CNAME)
			continue;
		if (*ncn == DNSMSG_MAX_CNAME)
			return bad(m, "too many CNAME records");
		cn[*ncn][0] = r.owner;
		if (rdata_name(c, &r, &cn[*ncn][1]) < 0)
			return bad(m, "CNAME target unreadable");
		for (size_t k = 0; k < *ncn; k++)
			if (name_eq(&cn[k][0], &r.owner))
				return bad(m, "two CNAME records for one name");
		++*ncn;
	}
	return 0;
}

/* Follow the CNAMEs from the question; every CNAME must lie on it. */
static int chain_follow(struct dnsmsg *m, struct chain *ch, const struct wname (*cn)[2],
                        size_t ncn)
{
	size_t used = 0;

	for (;;) {
		const struct wname *cur = &ch->name[ch->n - 1];
		size_t k;

		for (k = 0; k < ncn && !name_eq(&cn[k][0], cur); k++)
			;
		if (k == ncn)
			break;
		if (chain_has(ch, &cn[k][1]))
			return bad(m, "CNAME loop");
		ch->name[ch->n++] = cn[k][1];
		used++;
	}
	if (used != ncn)
		return bad(m, "CNAME record off the chain from the question");
	m->cnames = (unsigned)used;
	return 0;
}

static int a_add(struct dnsmsg *m, const unsigned char *p)
{
	uint32_t code = (uint32_t)p[0] << 24 | (uint32_t)p[1] << 16 | (uint32_t)p[2] << 8 | p[3];

	m->a_records++;
	for (int i = 0; i < m->na; i++)
		if (m->a[i] == code)
			return 0;
	if (m->na == DNSMSG_MAX_A)
		return bad(m, "more distinct A codes than any list answers");
	m->a[m->na++] = code;
	return 0;
}

/* One record of the answer, owned by a name of the chain. */
static int answer_record(struct dnsmsg *m, const struct cursor *c, const struct rr *r,
                         const struct chain *ch, unsigned *answers)
{
	struct wname w;

	if (r->type == DNS_T_CNAME)
		return 0;
	if (!name_eq(&r->owner, &ch->name[ch->n - 1]))
		return bad(m, "answer record for a name other than the question");
	++*answers;
	switch (r->type) {
	case DNS_T_A:
		if (r->rdlen != 4)
			return bad(m, "A record whose length is not 4");
		return a_add(m, c->buf + r->rd);
	case DNS_T_TXT:
		if (txt_read(m, c->buf + r->rd, r->rdlen) < 0)
			return bad(m, "TXT string past its record");
		return 0;
	case DNS_T_PTR:
		if (rdata_name(c, r, &w) < 0)
			return bad(m, "PTR name unreadable");
		if (!m->has_ptr)
			name_text(&w, m->ptr);
		m->has_ptr = 1;
		return 0;
	default:
		return 0;
	}
}

/* Second pass: read the answers of the chain's last name. */
static int answer_read(struct dnsmsg *m, struct cursor *c, unsigned an,
                       const struct chain *ch, unsigned *answers)
{
	struct rr r;

	*answers = 0;
	m->a_ttl = 0;
	for (unsigned i = 0; i < an; i++) {
		if (rr_read(c, &r) < 0)
			return bad(m, "answer record cut short");
		if (i == 0 || r.ttl < m->a_ttl)
			m->a_ttl = r.ttl;
		if (answer_record(m, c, &r, ch, answers) < 0)
			return -1;
	}
	return 0;
}

static int authority_read(struct dnsmsg *m, struct cursor *c, unsigned ns)
{
	struct rr r;

	for (unsigned i = 0; i < ns; i++) {
		if (rr_read(c, &r) < 0)
			return bad(m, "authority record cut short");
		if (r.type == DNS_T_SOA && r.klass == C_IN && soa_read(m, c, &r) < 0)
			return bad(m, "SOA record unreadable");
	}
	return 0;
}

static int header_read(struct dnsmsg *m, struct cursor *c, unsigned *an, unsigned *ns)
{
	unsigned id, flags, qd, ar;

	if (get16(c, &id) < 0 || get16(c, &flags) < 0 || get16(c, &qd) < 0 ||
	    get16(c, an) < 0 || get16(c, ns) < 0 || get16(c, &ar) < 0)
		return bad(m, "header cut short");
	m->rcode = flags & 0x0f;
	if (!(flags & 0x8000))
		return bad(m, "not a reply (QR clear)");
	if ((flags >> 11 & 0x0f) != 0)
		return bad(m, "opcode other than QUERY");
	if (qd != 1)
		return bad(m, "not one question");
	return 0;
}

static int question_read(struct dnsmsg *m, struct cursor *c, unsigned qtype, struct wname *q)
{
	unsigned t, k;

	if (name_read(c->buf, c->len, c->off, &c->off, q) < 0 || get16(c, &t) < 0 ||
	    get16(c, &k) < 0)
		return bad(m, "question unreadable");
	if (t != qtype || k != C_IN)
		return bad(m, "question of another type or class");
	m->qtype = t;
	name_text(q, m->qname);
	return 0;
}

int dnsmsg_parse(const unsigned char *buf, size_t len, unsigned qtype, struct dnsmsg *m)
{
	struct cursor c = { buf, len, 0 };
	struct wname cn[DNSMSG_MAX_CNAME][2];
	struct chain ch;
	size_t ncn, ans;
	unsigned an, ns, answers;

	memset(m, 0, offsetof(struct dnsmsg, txt));
	m->txt[0] = '\0';
	if (header_read(m, &c, &an, &ns) < 0 || question_read(m, &c, qtype, &ch.name[0]) < 0)
		return -1;
	ch.n = 1;
	ans = c.off;
	if (answer_scan(m, &c, an, cn, &ncn) < 0 || chain_follow(m, &ch, cn, ncn) < 0)
		return -1;
	c.off = ans;
	if (answer_read(m, &c, an, &ch, &answers) < 0 || authority_read(m, &c, ns) < 0)
		return -1;
	if (m->rcode == DNS_RC_NXDOMAIN && answers > 0)
		return bad(m, "answers in an NXDOMAIN reply");
	if (m->rcode == DNS_RC_NOERROR && m->cnames > 0 && answers == 0 && !m->has_soa)
		return bad(m, "CNAME chain that ends without an answer");
	return 0;
}

int dnsmsg_question(const unsigned char *buf, size_t len, char qname[DNSMSG_NAME_MAX],
                    unsigned *qtype)
{
	struct cursor c = { buf, len, 4 };
	struct wname w;
	unsigned qd, klass;

	if (get16(&c, &qd) < 0 || qd != 1 || len < 12)
		return -1;
	c.off = 12;
	if (name_read(buf, len, c.off, &c.off, &w) < 0 || get16(&c, qtype) < 0 ||
	    get16(&c, &klass) < 0 || klass != C_IN)
		return -1;
	name_text(&w, qname);
	return 0;
}

size_t dnsmsg_query(unsigned char *buf, size_t size, unsigned id, const char *qname,
                    unsigned qtype)
{
	size_t o = 12;

	if (size < 12 + DNSMSG_NAME_MAX + 4)
		return 0;
	memset(buf, 0, 12);
	buf[0] = (unsigned char)(id >> 8);
	buf[1] = (unsigned char)id;
	buf[2] = 0x01;            /* RD: a resolver is asked to recurse */
	buf[5] = 1;               /* one question */
	while (*qname) {
		const char *dot = strchr(qname, '.');
		size_t l = dot ? (size_t)(dot - qname) : strlen(qname);

		if (l == 0 || l > 63 || o + 1 + l + 1 > 12 + WIRE_MAX)
			return 0;
		buf[o++] = (unsigned char)l;
		memcpy(buf + o, qname, l);
		o += l;
		qname += l + (dot ? 1 : 0);
	}
	buf[o++] = 0;
	buf[o++] = (unsigned char)(qtype >> 8);
	buf[o++] = (unsigned char)qtype;
	buf[o++] = 0;
	buf[o++] = C_IN;
	return o;
}

enum lk_error dnsmsg_rcode_error(unsigned rcode)
{
	switch (rcode) {
	case DNS_RC_NOERROR: case DNS_RC_NXDOMAIN: return LKE_NONE;
	case DNS_RC_SERVFAIL: return LKE_SERVFAIL;
	case DNS_RC_REFUSED: return LKE_REFUSED;
	default: return LKE_RCODE;
	}
}

void dnsmsg_classify(const struct dnsmsg *m, struct lookup *out)
{
	enum lk_error e = dnsmsg_rcode_error(m->rcode);

	if (e != LKE_NONE)
		lk_set_error(out, e);
	else if (m->rcode == DNS_RC_NXDOMAIN)
		lk_classify_a(out, NULL, 0);
	else
		lk_classify_a(out, m->a, m->na);
}
