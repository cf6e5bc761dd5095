/* Reading the parts of a DNS reply a DNSBL lookup needs: A codes, TXT
 * strings, PTR names and the negative-caching TTL.  Every length is
 * checked against the buffer: replies are untrusted. */
#include "core/dnsmsg.h"

#include <string.h>

enum { T_A = 1, T_SOA = 6, T_PTR = 12, T_TXT = 16, C_IN = 1 };

struct cursor {
	const unsigned char *buf;
	size_t len, off;
};

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

/* Read the (possibly compressed) name at off into out as dotted text
 * (out may be NULL); the offset after the name in the record, in *next. */
static int name_read(const unsigned char *buf, size_t len, size_t off, size_t *next,
                     char *out, size_t outlen)
{
	size_t o = 0, end = 0;
	int jumps = 0;

	for (;;) {
		unsigned l;

		if (off >= len)
			return -1;
		l = buf[off];
		if ((l & 0xc0) == 0xc0) {
			if (off + 1 >= len || ++jumps > 32)
				return -1;
			if (!end)
				end = off + 2;
			off = (l & 0x3f) << 8 | buf[off + 1];
			continue;
		}
		if (l & 0xc0)
			return -1;
		if (l == 0) {
			if (!end)
				end = off + 1;
			break;
		}
		if (off + 1 + l > len)
			return -1;
		if (out && o + l + 2 < outlen) {
			if (o)
				out[o++] = '.';
			memcpy(out + o, buf + off + 1, l);
			o += l;
		}
		off += 1 + l;
	}
	if (out && outlen)
		out[o < outlen ? o : outlen - 1] = '\0';
	*next = end;
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

	if (m->has_txt && m->txt_len + 1 < sizeof m->txt)
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

/* The SOA rdata at off: two names, then serial refresh retry expire minimum. */
static int soa_read(struct dnsmsg *m, struct cursor *c, size_t off, uint32_t ttl)
{
	struct cursor s = *c;
	uint32_t v[5];

	if (name_read(c->buf, c->len, off, &s.off, NULL, 0) < 0 ||
	    name_read(c->buf, c->len, s.off, &s.off, NULL, 0) < 0)
		return -1;
	for (int i = 0; i < 5; i++)
		if (get32(&s, &v[i]) < 0)
			return -1;
	m->neg_ttl = ttl < v[4] ? ttl : v[4];
	m->has_soa = 1;
	return 0;
}

static int rr_read(struct dnsmsg *m, struct cursor *c, int answer)
{
	unsigned type, klass, rdlen;
	uint32_t ttl;
	size_t rd;

	if (name_read(c->buf, c->len, c->off, &c->off, NULL, 0) < 0 ||
	    get16(c, &type) < 0 || get16(c, &klass) < 0 || get32(c, &ttl) < 0 ||
	    get16(c, &rdlen) < 0 || c->len - c->off < rdlen)
		return -1;
	rd = c->off;
	c->off += rdlen;
	if (klass != C_IN)
		return 0;
	if (answer && type == T_A && rdlen == 4) {
		if (m->na < DNSMSG_MAX_A) {
			const unsigned char *p = c->buf + rd;

			m->a[m->na++] = (uint32_t)p[0] << 24 | (uint32_t)p[1] << 16 |
			                (uint32_t)p[2] << 8 | p[3];
		}
		if (m->na == 1 || ttl < m->a_ttl)
			m->a_ttl = ttl;
	} else if (answer && type == T_TXT) {
		return txt_read(m, c->buf + rd, rdlen);
	} else if (answer && type == T_PTR && !m->has_ptr) {
		size_t end;

		if (name_read(c->buf, c->len, rd, &end, m->ptr, sizeof m->ptr) < 0)
			return -1;
		m->has_ptr = 1;
	} else if (!answer && type == T_SOA) {
		return soa_read(m, c, rd, ttl);
	}
	return 0;
}

int dnsmsg_parse(const unsigned char *buf, size_t len, struct dnsmsg *m)
{
	struct cursor c = { buf, len, 0 };
	unsigned id, flags, qd, an, ns, ar, t;

	memset(m, 0, sizeof *m);
	if (get16(&c, &id) < 0 || get16(&c, &flags) < 0 || get16(&c, &qd) < 0 ||
	    get16(&c, &an) < 0 || get16(&c, &ns) < 0 || get16(&c, &ar) < 0)
		return -1;
	(void)id;
	(void)ar;
	m->rcode = flags & 0x0f;
	for (unsigned i = 0; i < qd; i++)
		if (name_read(buf, len, c.off, &c.off, NULL, 0) < 0 ||
		    get16(&c, &t) < 0 || get16(&c, &t) < 0)
			return -1;
	for (unsigned i = 0; i < an; i++)
		if (rr_read(m, &c, 1) < 0)
			return -1;
	for (unsigned i = 0; i < ns; i++)
		if (rr_read(m, &c, 0) < 0)
			return -1;
	return 0;
}
