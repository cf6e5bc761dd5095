/* Reading rbldnsd ip4set/ip4trie zone files.  The syntax follows what
 * rbldnsd 1.0 accepts (checked against the real daemon, rbldnsd -d):
 *  - a line rbldnsd warns about and skips (a bad address, a host part
 *    under a prefix, an a-b range in an ip4trie zone, a bad A value, an
 *    unknown or bad $ entry, an entry over $MAXRANGE4) is skipped here
 *    too, so that the zone answers what the server serves; the first such
 *    line and the count go into one warning for the file;
 *  - what rbldnsd would not notice is refused: a line with a NUL byte
 *    (a zeroed file would load as an empty, all-clean zone), a file that
 *    is not a regular file, a read error, and a zone with more entries
 *    than the limit, so that a gzip bomb cannot take all memory. */
#include "core/lookup/zoneparse.h"

#include <errno.h>
#include <fcntl.h>
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>
#include <sys/stat.h>
#include <unistd.h>
#include <zlib.h>

#include "core/base/ip.h"
#include "core/base/parse.h"
#include "core/base/sanitize.h"

#define RD_BUF 65536   /* longer lines are cut here, like rbldnsd does */
#define RD_NUL (-2)    /* rd_line: the line holds a NUL byte */

struct reader {
	gzFile gz;
	char *buf;         /* RD_BUF + 1 bytes, room for a closing NUL */
	size_t start, end;
	int eof, skip;     /* skip: drop the rest of an over-long line */
};

struct ctx {
	struct zp_data *d;
	struct parse_at at;   /* path, line and the message buffer (msg) */
	char msg[256];
	int fatal;            /* the message refuses the file */
	unsigned long nskip;  /* lines skipped, as rbldnsd skips them */
	char first_skip[256]; /* the message of the first */
	size_t nstored;       /* entries and default lines read */
	size_t max_entries;
	uint32_t last_txt;    /* the text stored last, to share repeats */
	uint32_t def;        /* value of entries that give none (":" lines) */
	uint64_t maxrange;   /* $MAXRANGE4: larger entries are dropped; 0 none */
	int dataset_seen;
};

static int is_space(char c)
{
	return c == ' ' || c == '\t';  /* rbldnsd's notion: not '\r' */
}

static char *skip_space(char *s)
{
	while (is_space(*s))
		s++;
	return s;
}

/* The text at s up to a space or one of stops, made printable for an
 * error message. */
static const char *word(char out[40], const char *s, const char *stops)
{
	size_t n = 0;

	while (s[n] && !is_space(s[n]) && !strchr(stops, s[n]) && n < 32)
		n++;
	sanitize_text(out, 40, s, n);
	if (n == 32 && s[n] && !is_space(s[n]))
		strcat(out, "...");
	return out;
}

/* ---- reading lines from a plain or gzip file ---- */

static int rd_fill(struct reader *r)
{
	int n;

	if (r->start > 0) {
		memmove(r->buf, r->buf + r->start, r->end - r->start);
		r->end -= r->start;
		r->start = 0;
	}
	n = gzread(r->gz, r->buf + r->end, (unsigned)(RD_BUF - r->end));
	if (n < 0)
		return -1;
	if (n == 0) {
		int zerr;

		gzerror(r->gz, &zerr);
		if (zerr != Z_OK && zerr != Z_STREAM_END)
			return -1;  /* e.g. a truncated gzip stream */
		r->eof = 1;
	}
	r->end += (size_t)n;
	return 0;
}

/* Next line, without its newline: 1, 0 at the end, -1 on a read error,
 * RD_NUL on a NUL byte.  rbldnsd would end the line at a NUL and read on,
 * so that a file of zeros (a disk or transfer fault) loads as an empty,
 * all-clean zone; such a file is refused here instead. */
static int rd_line(struct reader *r, char **line)
{
	for (;;) {
		size_t len = r->end - r->start;
		char *p = r->buf + r->start;
		char *nl = memchr(p, '\n', len);

		if (memchr(p, '\0', nl ? (size_t)(nl - p) : len))
			return RD_NUL;
		if (r->skip) {
			r->start = nl ? (size_t)(nl + 1 - r->buf) : r->end;
			r->skip = !nl;
			if (nl)
				continue;
		} else if (nl) {
			*nl = '\0';
			r->start = (size_t)(nl + 1 - r->buf);
			*line = p;
			return 1;
		} else if (len == RD_BUF || (r->eof && len > 0)) {
			p[len] = '\0';  /* buf has a spare byte for this */
			r->start = r->end;
			r->skip = !r->eof;
			*line = p;
			return 1;
		}
		if (r->eof)
			return 0;
		if (rd_fill(r) < 0)
			return -1;
	}
}

static const char *rd_error(struct reader *r)
{
	int zerr;
	const char *msg = gzerror(r->gz, &zerr);

	return zerr == Z_ERRNO ? strerror(errno) : msg;
}

/* A message that refuses the whole file, not just the line. */
static int refuse_oom(struct ctx *c)
{
	c->fatal = 1;
	return parse_fail(&c->at, "out of memory");
}

/* Every entry and default line takes memory: count it against the
 * limit before storing it. */
static int cap_check(struct ctx *c)
{
	struct parse_at whole = c->at;

	if (c->nstored++ < c->max_entries)
		return 0;
	c->fatal = 1;
	whole.line = 0;   /* about the file, not this line */
	return parse_fail(&whole, "more than %zu entries (raise --zone-max-entries)",
	                  c->max_entries);
}

/* ---- growing the arrays of zp_data ---- */

int zp_grow(void **p, size_t *cap, size_t need, size_t size)
{
	size_t n = *cap ? *cap : 64;
	void *q;

	if (need <= *cap)
		return 0;
	while (n < need) {
		if (n > SIZE_MAX / 2 / size)
			return -1;
		n *= 2;
	}
	q = realloc(*p, n * size);
	if (!q)
		return -1;
	*p = q;
	*cap = n;
	return 0;
}

/* Store a template or variable (cut at ZP_TXT_MAX); its offset in *off.
 * The same text as the one stored last is shared: a file repeating a
 * line costs no memory for it. */
static int text_add(struct ctx *c, const char *s, uint32_t *off)
{
	struct zp_data *d = c->d;
	size_t len = strnlen(s, ZP_TXT_MAX);

	if (len == 0) {
		*off = 0;
		return 0;
	}
	if (c->last_txt && strncmp(d->text + c->last_txt, s, len) == 0 &&
	    d->text[c->last_txt + len] == '\0') {
		*off = c->last_txt;
		return 0;
	}
	if (d->ntext + len + 1 > UINT32_MAX - 2 ||
	    zp_grow((void **)&d->text, &d->captext, d->ntext + len + 1, 1) < 0)
		return refuse_oom(c);
	memcpy(d->text + d->ntext, s, len);
	d->text[d->ntext + len] = '\0';
	*off = c->last_txt = (uint32_t)d->ntext;
	d->ntext += len + 1;
	return 0;
}

/* A value equal to the one stored last is shared (answers are the same
 * either way: rbldnsd drops repeated records from an answer). */
static int value_add(struct ctx *c, uint32_t a, uint32_t txt, uint32_t *idx)
{
	struct zp_data *d = c->d;

	if (d->val[d->nval - 1].a == a && d->val[d->nval - 1].txt == txt) {
		*idx = (uint32_t)d->nval - 1;
		return 0;
	}
	if (d->nval >= ZP_EXCL - 1 ||
	    zp_grow((void **)&d->val, &d->capval, d->nval + 1, sizeof(*d->val)) < 0)
		return refuse_oom(c);
	d->val[d->nval] = (struct zp_value){ .a = a, .txt = txt };
	*idx = (uint32_t)d->nval++;
	return 0;
}

/* An entry repeating the one before it changes no answer: counted, not
 * stored twice. */
static int entry_add(struct ctx *c, uint32_t lo, uint32_t hi, uint32_t val)
{
	struct zp_data *d = c->d;
	const struct zp_entry *last = d->nent ? &d->ent[d->nent - 1] : NULL;

	if (cap_check(c) < 0)
		return -1;
	d->nread++;
	if (last && last->lo == lo && last->hi == hi && last->val == val)
		return 0;
	if (zp_grow((void **)&d->ent, &d->capent, d->nent + 1, sizeof(*d->ent)) < 0)
		return refuse_oom(c);
	d->ent[d->nent++] = (struct zp_entry){ .lo = lo, .hi = hi, .val = val };
	return 0;
}

/* ---- addresses ---- */

/* One to four dotted decimal octets, left-aligned in *addr ("10.2" is
 * 10.2.0.0, two octets).  Leading zeros are decimal, as in rbldnsd. */
static char *octets_parse(char *s, uint32_t *addr, unsigned *n, const char **why)
{
	uint32_t a = 0, o;

	for (*n = 0; *n < 4; s++) {
		if (*s < '0' || *s > '9') {
			*why = "an octet is missing";
			return NULL;
		}
		for (o = 0; *s >= '0' && *s <= '9'; s++) {
			o = o * 10 + (uint32_t)(*s - '0');
			if (o > 255) {
				*why = "an octet is over 255";
				return NULL;
			}
		}
		a |= o << (24 - 8 * *n);
		++*n;
		if (*s != '.' || *n == 4)
			break;
	}
	*addr = a;
	return s;
}

/* "-b" after a start of n octets: b has as many octets, or one, which then
 * replaces the last octet given for the start ("10.1.4.5-9"). */
static int range_end(struct ctx *c, char **s, uint32_t lo, unsigned n, uint32_t *hi)
{
	char w[40];
	const char *why;
	unsigned m, bits = 8 * n;
	char *t = octets_parse(*s + 1, hi, &m, &why);
	char from[IP4_STRLEN], to[IP4_STRLEN];

	if (!t && (*s)[1] >= '0' && (*s)[1] <= '9')
		return parse_fail(&c->at, "bad range end '%s': %s", word(w, *s + 1, ":#;"), why);
	if (!t)
		return parse_fail(&c->at, "an address must follow '-'");
	if (m == 1)
		*hi = (*hi >> (bits - 8)) | (lo & ip4_mask(bits - 8));
	else if (m != n)
		return parse_fail(&c->at, "range ends have %u and %u octets; give both ends alike", n, m);
	*hi |= ~ip4_mask(bits);
	if (*hi < lo) {
		ip4_format(lo, from);
		ip4_format(*hi, to);
		return parse_fail(&c->at, "range end %s is before its start %s", to, from);
	}
	*s = t;
	return 0;
}

/* "/len" after an address: the prefix must not have host bits set. */
static int cidr_end(struct ctx *c, char **s, uint32_t lo, uint32_t *hi)
{
	char *t = *s + 1;
	char ip[IP4_STRLEN], net[CIDR_STRLEN];
	unsigned len = 0;

	if (*t < '0' || *t > '9')
		return parse_fail(&c->at, "a prefix length is missing after '/'");
	for (; *t >= '0' && *t <= '9'; t++) {
		len = len * 10 + (unsigned)(*t - '0');
		if (len > 32)
			return parse_fail(&c->at, "prefix length is over 32");
	}
	if (len == 0 && c->d->mode == ZP_IP4SET)
		return parse_fail(&c->at, "a /0 entry is not accepted in an ip4set zone");
	if (lo & ~ip4_mask(len)) {
		ip4_format(lo, ip);
		cidr_format(lo & ip4_mask(len), len, net);
		return parse_fail(&c->at, "%s/%u has host bits set (the network is %s)", ip, len, net);
	}
	*hi = lo | ~ip4_mask(len);
	*s = t;
	return 0;
}

/* An address, prefix ("10.2" is 10.2/16), CIDR or range at *s. */
static int address_parse(struct ctx *c, char **s, uint32_t *lo, uint32_t *hi)
{
	char w[40];
	const char *why;
	unsigned n;
	char *t = octets_parse(*s, lo, &n, &why);

	if (**s < '0' || **s > '9')
		return parse_fail(&c->at, "'%s' is not an address", word(w, *s, ":#;"));
	if (!t)
		return parse_fail(&c->at, "bad address '%s': %s", word(w, *s, ":#;"), why);
	if (*t == '-' && c->d->mode == ZP_IP4TRIE) {
		return parse_fail(&c->at, "an a-b range is not accepted in an ip4trie zone (write CIDRs)");
	} else if (*t == '-') {
		if (range_end(c, &t, *lo, n, hi) < 0)
			return -1;
	} else if (*t == '/') {
		if (cidr_end(c, &t, *lo, hi) < 0)
			return -1;
	} else if (n == 1) {
		return parse_fail(&c->at, "bare number '%u' is not an address (write %u/8)",
		            (unsigned)(*lo >> 24), (unsigned)(*lo >> 24));
	} else {
		*hi = *lo | ~ip4_mask(8 * n);
	}
	if (*t == '\r')
		return parse_fail(&c->at, "carriage return after the address (DOS line ends?)");
	if (*t && !is_space(*t) && *t != '#' && *t != ';' && *t != ':')
		return parse_fail(&c->at, "unexpected '%s' after the address", word(w, t, ""));
	*s = t;
	return 0;
}

/* ---- values: ":A:TXT", ":A", "TXT" ---- */

/* The A of ":A": 127.0.0.x from one number, inet_aton's short forms
 * ("127.2" is 127.0.0.2) from two or three octets. */
static int a_parse(struct ctx *c, char **s, uint32_t *a)
{
	char w[40];
	const char *why = "0 is not an address";
	unsigned n;
	char *t = octets_parse(*s, a, &n, &why);

	if (**s < '0' || **s > '9')
		return parse_fail(&c->at, "an A value must follow ':' (like :127.0.0.2:text or :2:text)");
	if (t && n == 1)
		*a >>= 24;
	else if (t && n == 2)
		*a = (*a & 0xff000000u) | ((*a >> 16) & 0xffu);
	else if (t && n == 3)
		*a = (*a & 0xffff0000u) | ((*a >> 8) & 0xffu);
	if (!t || *a == 0)
		return parse_fail(&c->at, "bad A value '%s': %s", word(w, *s, ":#;"), why);
	if (n == 1)
		*a |= 0x7f000000u;
	*s = t;
	return 0;
}

/* Parse a value against the default def; the new value's index in *idx. */
static int value_parse(struct ctx *c, char *s, uint32_t def, uint32_t *idx)
{
	char w[40];
	uint32_t a = c->d->val[def].a, txt = c->d->val[def].txt;

	if (*s != ':')
		return text_add(c, s, &txt) < 0 ? -1 : value_add(c, a, txt, idx);
	s++;
	if (a_parse(c, &s, &a) < 0)
		return -1;
	s = skip_space(s);
	if (*s == ':') {
		if (text_add(c, skip_space(s + 1), &txt) < 0)
			return -1;
	} else if (*s) {
		return parse_fail(&c->at, "unexpected '%s' after the A value (write :A:TXT)", word(w, s, ""));
	}
	return value_add(c, a, txt, idx);
}

/* ---- special entries: $SOA, $NS, $TTL, $MAXRANGE4, $DATASET, $n, $= ---- */

/* If s starts with keyword kw (any case) and a space or the end, the text
 * after it. */
static char *keyword(char *s, const char *kw)
{
	size_t n = strlen(kw);

	if (strncasecmp(s, kw, n) != 0 || (s[n] && !is_space(s[n])))
		return NULL;
	return skip_space(s + n);
}

static int maxrange_parse(struct ctx *c, char *s)
{
	int cidr = *s == '/';
	uint64_t r = 0;
	char *t = s + cidr;

	for (; *t >= '0' && *t <= '9' && r <= UINT32_MAX; t++)
		r = r * 10 + (uint64_t)(*t - '0');
	if (t == s + cidr || *t || r == 0 || r > UINT32_MAX || (cidr && r > 32))
		return parse_fail(&c->at, "$MAXRANGE4 needs a size like 256 or /24");
	if (cidr)
		r = (uint64_t)1 << (32 - r);
	if (!c->maxrange || r < c->maxrange)
		c->maxrange = r;  /* it may only shrink, as in rbldnsd */
	return 0;
}

static int dataset_parse(struct ctx *c, char *s)
{
	char w[40];
	size_t n = strcspn(s, ": \t");
	enum zp_mode m;

	if (n == 6 && strncasecmp(s, "ip4set", n) == 0)
		m = ZP_IP4SET;
	else if (n == 7 && strncasecmp(s, "ip4tset", n) == 0)
		m = ZP_IP4SET;
	else if (n == 7 && strncasecmp(s, "ip4trie", n) == 0)
		m = ZP_IP4TRIE;
	else
		return parse_fail(&c->at, "$DATASET '%s' is not an ip4set or ip4trie zone", word(w, s, ":"));
	if (c->dataset_seen)
		return parse_fail(&c->at, "a second $DATASET (combined zone files are not supported)");
	if (c->d->nent > 0)
		return parse_fail(&c->at, "$DATASET must come before the first entry");
	c->dataset_seen = 1;
	c->d->mode = m;
	return 0;
}

/* "$n text" or "$= text": the first definition counts, wherever it is. */
static int variable_parse(struct ctx *c, char *s)
{
	unsigned i = *s == '=' ? ZP_VAR_BASE : (unsigned)(*s - '0');

	s = skip_space(s + 1);
	if (!*s)
		return parse_fail(&c->at, "$%c has no text", i == ZP_VAR_BASE ? '=' : (char)('0' + i));
	if (c->d->var[i] != ZP_NONE)
		return 0;
	return text_add(c, s, &c->d->var[i]);
}

/* s is the text after '$'; commented tells "#$"/";$" lines, which rbldnsd
 * also reads as specials but which are mostly just comments. */
static int special_parse(struct ctx *c, char *s, int commented)
{
	char w[40];
	char *t;

	if (keyword(s, "soa") || keyword(s, "ns") || keyword(s, "nameserver") ||
	    keyword(s, "ttl") || keyword(s, "timestamp"))
		return 0;  /* DNS metadata: no bearing on listings */
	if ((t = keyword(s, "maxrange4")))
		return maxrange_parse(c, t);
	if ((t = keyword(s, "dataset")))
		return dataset_parse(c, t);
	if (((*s >= '0' && *s <= '9') || *s == '=') && (!s[1] || is_space(s[1])))
		return variable_parse(c, s);
	if (commented)
		return 0;
	return parse_fail(&c->at, "unknown special entry '$%s'", word(w, s, ""));
}

/* ---- lines ---- */

static int entry_parse(struct ctx *c, char *s)
{
	uint32_t lo = 0, hi = 0, val = ZP_EXCL;
	int excl = *s == '!';

	if (excl)
		s = skip_space(s + 1);
	if (address_parse(c, &s, &lo, &hi) < 0)
		return -1;
	if (c->maxrange && hi - lo >= c->maxrange)
		return parse_fail(&c->at, "%llu addresses are over $MAXRANGE4 %llu",
		                  (unsigned long long)hi - lo + 1, (unsigned long long)c->maxrange);
	if (!excl) {
		s = skip_space(s);
		if (!*s || *s == '#' || *s == ';')
			val = c->def;
		else if (value_parse(c, s, c->def, &val) < 0)
			return -1;
	}
	return entry_add(c, lo, hi, val);
}

static int line_parse(struct ctx *c, char *s)
{
	char *e;

	s = skip_space(s);
	e = s + strlen(s);
	while (e > s && is_space(e[-1]))
		*--e = '\0';
	if (*s == '$')
		return special_parse(c, s + 1, 0);
	if ((*s == '#' || *s == ';' || *s == ':') && s[1] == '$')
		return special_parse(c, s + 2, *s != ':');
	if (!*s || *s == '#' || *s == ';')
		return 0;
	if (*s == ':')
		return cap_check(c) < 0 ? -1 : value_parse(c, s, 0, &c->def);
	return entry_parse(c, s);
}

/* ---- the file ---- */

static int data_init(struct zp_data *d)
{
	memset(d, 0, sizeof(*d));
	d->mode = ZP_IP4SET;
	for (size_t i = 0; i <= ZP_VAR_BASE; i++)
		d->var[i] = ZP_NONE;
	if (zp_grow((void **)&d->text, &d->captext, 1, 1) < 0 ||
	    zp_grow((void **)&d->val, &d->capval, 1, sizeof(*d->val)) < 0)
		return -1;
	d->text[0] = '\0';
	d->ntext = 1;
	d->val[0] = (struct zp_value){ .a = 0x7f000002u, .txt = 0 };
	d->nval = 1;
	return 0;
}

/* A line rbldnsd would skip: remember the first, count them all. */
static void skip_line(struct ctx *c)
{
	if (c->nskip++ == 0)
		memcpy(c->first_skip, c->msg, sizeof(c->first_skip));
}

static int read_lines(struct ctx *c, struct reader *r)
{
	char *line;
	int rc;

	while ((rc = rd_line(r, &line)) > 0) {
		c->at.line++;
		if (line_parse(c, line) == 0)
			continue;
		if (c->fatal)
			return -1;
		skip_line(c);
	}
	if (rc == RD_NUL) {
		c->at.line++;
		return parse_fail(&c->at, "NUL byte in line");
	}
	if (rc < 0) {
		c->at.line++;
		return parse_fail(&c->at, "read error: %s", rd_error(r));
	}
	return 0;
}

/* Open without blocking, so that a FIFO with no writer cannot hang the
 * load, then take regular files only: a device such as /dev/zero, a FIFO,
 * a socket or a folder is no zone file, however it reads. */
static int open_reader(struct ctx *c, struct reader *r)
{
	struct stat st;
	int fd, e;

	fd = open(c->at.path, O_RDONLY | O_NONBLOCK | O_CLOEXEC | O_NOCTTY);
	if (fd < 0) {
		e = errno;   /* a socket cannot be opened: say what it is */
		if (stat(c->at.path, &st) == 0 && !S_ISREG(st.st_mode))
			return parse_fail(&c->at, "not a regular file");
		return parse_fail(&c->at, "cannot read: %s", strerror(e));
	}
	if (fstat(fd, &st) < 0) {
		e = errno;
		close(fd);
		return parse_fail(&c->at, "cannot read: %s", strerror(e));
	}
	if (!S_ISREG(st.st_mode)) {
		close(fd);
		return parse_fail(&c->at, "not a regular file");
	}
	r->gz = gzdopen(fd, "rb");  /* reads plain files as they are */
	if (!r->gz) {
		close(fd);
		return refuse_oom(c);
	}
	r->buf = malloc(RD_BUF + 1);
	if (!r->buf || gzbuffer(r->gz, 1 << 17) != 0)
		return refuse_oom(c);
	return 0;
}

static void skip_warn(const struct ctx *c, char *warn, size_t warnlen)
{
	if (!warn || warnlen == 0)
		return;
	warn[0] = '\0';
	if (c->nskip)
		snprintf(warn, warnlen, "%s; %lu line%s skipped, as rbldnsd skips them",
		         c->first_skip, c->nskip, c->nskip == 1 ? "" : "s");
}

int zp_read(const char *path, size_t max_entries, struct zp_data *d,
            char *warn, size_t warnlen, char *err, size_t errlen)
{
	struct ctx c;
	struct reader r = { 0 };
	int rc;

	memset(&c, 0, sizeof(c));
	c.d = d;
	c.at = (struct parse_at){ path, 0, c.msg, sizeof(c.msg) };
	c.max_entries = max_entries;

	if (data_init(d) < 0)
		rc = parse_fail(&c.at, "out of memory");
	else if ((rc = open_reader(&c, &r)) == 0)
		rc = read_lines(&c, &r);
	if (r.gz)
		gzclose(r.gz);
	free(r.buf);
	if (rc < 0) {
		snprintf(err, errlen, "%s", c.msg);
		zp_free(d);
	} else {
		skip_warn(&c, warn, warnlen);
	}
	return rc;
}

int zp_has_txt(const struct zp_data *d, uint32_t v)
{
	const char *own = d->text + d->val[v].txt;
	uint32_t base = d->var[ZP_VAR_BASE];

	if (own[0] == '=')
		return own[1] != '\0';  /* "=text" opts out of the base template */
	return own[0] || (base != ZP_NONE && d->text[base]);
}

void zp_free(struct zp_data *d)
{
	free(d->ent);
	free(d->val);
	free(d->text);
	d->ent = NULL;
	d->val = NULL;
	d->text = NULL;
	d->nent = d->capent = d->nread = d->nval = d->capval = d->ntext = d->captext = 0;
}
