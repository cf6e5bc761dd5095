/* fakedns: a loopback DNS server that gives the same answer to every
 * name, playing the broken or hostile resolvers rblscope must not
 * mistake for a clean or listed result.
 *
 *   fakedns -l 127.0.0.1:PORT [-a ADDR]... [--rcode NAME] [--txt TEXT]
 *           [--ttl S] [--log FILE]
 *
 * A queries are answered with every -a ADDR (127.255.255.254 "blocked",
 * 127.0.0.1 "bogus", 192.0.2.1 "hijacked", 127.0.0.2 "listed"), TXT
 * queries with TEXT, which is read in C escape form (\033 \x1b \a \r \n
 * \t \\ and octal) so tests can send control characters; other types,
 * or A without -a and TXT without --txt, get an empty NOERROR answer.
 * --rcode servfail|refused|nxdomain|formerr|notimp answers every query
 * with that code and no records instead.  Anything that is not a
 * readable query is ignored, or answered FORMERR when its header is
 * readable.  With PORT 0 the chosen port is printed on stdout.  Only
 * 127.0.0.1 is bound.  Runs until SIGTERM or SIGINT; exits 0. */
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

#define MAX_ADDRS 8
#define TXT_MAX 400      /* the answer must fit 512 bytes */
#define QNAME_MAX 255

enum { RC_NOERROR = 0, RC_FORMERR = 1, RC_SERVFAIL = 2, RC_NXDOMAIN = 3,
       RC_NOTIMP = 4, RC_REFUSED = 5 };

static const struct {
	const char *name;
	int code;
} rcode_names[] = {
	{ "noerror", RC_NOERROR }, { "formerr", RC_FORMERR },
	{ "servfail", RC_SERVFAIL }, { "nxdomain", RC_NXDOMAIN },
	{ "notimp", RC_NOTIMP }, { "refused", RC_REFUSED },
};

static volatile sig_atomic_t stop_requested;

struct fake {
	int fd;
	uint32_t addrs[MAX_ADDRS];   /* network order */
	size_t naddrs;
	int rcode;                   /* -1: answer with records */
	uint8_t txt[TXT_MAX];
	size_t txtlen;
	bool have_txt;
	uint32_t ttl;
	FILE *log;
	unsigned long queries, answered, garbage;
};

static void on_signal(int sig)
{
	(void)sig;
	stop_requested = 1;
}

static void usage(void)
{
	fprintf(stderr, "usage: fakedns -l 127.0.0.1:PORT [-a ADDR]... [--rcode NAME] "
	        "[--txt TEXT] [--ttl S] [--log FILE]\n");
	exit(2);
}

static unsigned long parse_num(const char *opt, const char *s, unsigned long max)
{
	char *end;
	unsigned long v;

	errno = 0;
	v = strtoul(s, &end, 10);
	if (*s < '0' || *s > '9' || errno || *end || v > max) {
		fprintf(stderr, "fakedns: bad value for %s: '%s'\n", opt, s);
		exit(2);
	}
	return v;
}

/* "127.0.0.1:PORT" only. */
static void parse_listen(const char *s, struct sockaddr_in *sa)
{
	const char *prefix = "127.0.0.1:";

	memset(sa, 0, sizeof *sa);
	sa->sin_family = AF_INET;
	sa->sin_addr.s_addr = htonl(0x7f000001u);
	if (strncmp(s, prefix, strlen(prefix)) != 0) {
		fprintf(stderr, "fakedns: -l takes 127.0.0.1:PORT, not '%s'\n", s);
		exit(2);
	}
	sa->sin_port = htons((uint16_t)parse_num("-l", s + strlen(prefix), 65535));
}

static int hexval(char c)
{
	if (c >= '0' && c <= '9')
		return c - '0';
	if (c >= 'a' && c <= 'f')
		return c - 'a' + 10;
	if (c >= 'A' && c <= 'F')
		return c - 'A' + 10;
	return -1;
}

/* Decode C escapes from s into out; the length, or -1 if too long or
 * malformed. */
static int unescape(const char *s, uint8_t *out, size_t outlen)
{
	size_t o = 0;

	while (*s) {
		int c = (unsigned char)*s++;

		if (c == '\\') {
			switch (*s) {
			case 'a': c = '\a'; s++; break;
			case 'b': c = '\b'; s++; break;
			case 'e': c = 0x1b; s++; break;
			case 'f': c = '\f'; s++; break;
			case 'n': c = '\n'; s++; break;
			case 'r': c = '\r'; s++; break;
			case 't': c = '\t'; s++; break;
			case 'v': c = '\v'; s++; break;
			case '\\': c = '\\'; s++; break;
			case 'x':
				s++;
				if (hexval(*s) < 0)
					return -1;
				c = hexval(*s++);
				if (hexval(*s) >= 0)
					c = c * 16 + hexval(*s++);
				break;
			default:
				if (*s < '0' || *s > '7')
					return -1;
				c = 0;
				for (int i = 0; i < 3 && *s >= '0' && *s <= '7'; i++)
					c = c * 8 + (*s++ - '0');
				if (c > 255)
					return -1;
			}
		}
		if (o >= outlen)
			return -1;
		out[o++] = (uint8_t)c;
	}
	return (int)o;
}

static int parse_rcode(const char *s)
{
	for (size_t i = 0; i < sizeof rcode_names / sizeof rcode_names[0]; i++)
		if (strcasecmp(rcode_names[i].name, s) == 0)
			return rcode_names[i].code;
	fprintf(stderr, "fakedns: unknown rcode '%s'\n", s);
	exit(2);
}

static void put16(uint8_t *p, unsigned v)
{
	p[0] = (uint8_t)(v >> 8);
	p[1] = (uint8_t)v;
}

/* One answer RR naming the question (pointer to offset 12). */
static size_t put_rr_head(uint8_t *p, unsigned type, uint32_t ttl, unsigned rdlen)
{
	put16(p, 0xc00c);
	put16(p + 2, type);
	put16(p + 4, 1);
	p[6] = (uint8_t)(ttl >> 24);
	p[7] = (uint8_t)(ttl >> 16);
	p[8] = (uint8_t)(ttl >> 8);
	p[9] = (uint8_t)ttl;
	put16(p + 10, rdlen);
	return 12;
}

/* Build the reply to q (qlen bytes) in r; its length, or 0 to stay
 * silent.  r holds at least 512 bytes. */
static size_t build_reply(struct fake *fk, const uint8_t *q, size_t qlen, uint8_t *r)
{
	size_t off = 12, len;
	unsigned qtype, qclass, nan = 0;

	if (qlen < 12 || (q[2] & 0x80))
		return 0;  /* too short to answer, or itself a reply */
	memcpy(r, q, 4);
	r[2] = (uint8_t)(0x80 | (q[2] & 0x79));  /* QR, keep opcode and RD, AA */
	r[2] |= 0x04;
	r[3] = 0x80;  /* RA */
	memset(r + 4, 0, 8);
	if (((q[2] >> 3) & 0x0f) != 0 || q[4] != 0 || q[5] != 1)
		goto formerr;
	for (;;) {
		unsigned l;

		if (off >= qlen)
			goto formerr;
		l = q[off++];
		if (l == 0)
			break;
		if (l > 63 || off + l > qlen || off - 12 + l > QNAME_MAX)
			goto formerr;
		off += l;
	}
	if (off + 4 > qlen)
		goto formerr;
	qtype = (unsigned)q[off] << 8 | q[off + 1];
	qclass = (unsigned)q[off + 2] << 8 | q[off + 3];
	off += 4;
	memcpy(r + 12, q + 12, off - 12);
	put16(r + 4, 1);
	len = off;
	if (qclass != 1 && qclass != 255) {
		r[3] |= RC_REFUSED;
		return len;
	}
	if (fk->rcode >= 0) {
		r[3] |= (uint8_t)fk->rcode;
		return len;
	}
	if (qtype == 1 || qtype == 255) {
		for (size_t i = 0; i < fk->naddrs; i++) {
			len += put_rr_head(r + len, 1, fk->ttl, 4);
			memcpy(r + len, &fk->addrs[i], 4);
			len += 4;
			nan++;
		}
	}
	if ((qtype == 16 || qtype == 255) && fk->have_txt) {
		size_t nstr = fk->txtlen / 255 + 1, rdlen = fk->txtlen + nstr;
		size_t t = 0;

		len += put_rr_head(r + len, 16, fk->ttl, (unsigned)rdlen);
		for (size_t i = 0; i < nstr; i++) {
			size_t chunk = fk->txtlen - t > 255 ? 255 : fk->txtlen - t;

			r[len++] = (uint8_t)chunk;
			memcpy(r + len, fk->txt + t, chunk);
			len += chunk;
			t += chunk;
		}
		nan++;
	}
	put16(r + 6, nan);
	return len;
formerr:
	fk->garbage++;
	r[3] |= RC_FORMERR;
	return 12;
}

static void serve(struct fake *fk)
{
	static uint8_t q[65536], r[1024];

	while (!stop_requested) {
		struct pollfd pfd = { .fd = fk->fd, .events = POLLIN };
		struct sockaddr_in from;
		socklen_t fl = sizeof from;
		ssize_t got;
		size_t n;

		if (poll(&pfd, 1, 1000) <= 0)
			continue;  /* timeout, or EINTR from a signal */
		got = recvfrom(fk->fd, q, sizeof q, 0, (struct sockaddr *)&from, &fl);
		if (got <= 0)
			continue;
		fk->queries++;
		n = build_reply(fk, q, (size_t)got, r);
		if (n == 0) {
			fk->garbage++;
			continue;
		}
		if (sendto(fk->fd, r, n, 0, (struct sockaddr *)&from, fl) >= 0)
			fk->answered++;
	}
}

int main(int argc, char **argv)
{
	struct fake fk = { .fd = -1, .rcode = -1, .ttl = 60, .log = stderr };
	struct sockaddr_in sa;
	socklen_t sl = sizeof sa;
	bool have_listen = false;
	struct sigaction sig;

	for (int i = 1; i < argc; i++) {
		const char *o = argv[i], *v = i + 1 < argc ? argv[i + 1] : NULL;

		if (!v)
			usage();
		i++;
		if (strcmp(o, "-l") == 0) {
			parse_listen(v, &sa);
			have_listen = true;
		} else if (strcmp(o, "-a") == 0) {
			if (fk.naddrs == MAX_ADDRS || inet_pton(AF_INET, v, &fk.addrs[fk.naddrs]) != 1) {
				fprintf(stderr, "fakedns: bad or too many -a: '%s'\n", v);
				return 2;
			}
			fk.naddrs++;
		} else if (strcmp(o, "--rcode") == 0) {
			fk.rcode = parse_rcode(v);
		} else if (strcmp(o, "--txt") == 0) {
			int n = unescape(v, fk.txt, sizeof fk.txt);

			if (n < 0) {
				fprintf(stderr, "fakedns: bad --txt (malformed escape, or over %d bytes)\n", TXT_MAX);
				return 2;
			}
			fk.txtlen = (size_t)n;
			fk.have_txt = true;
		} else if (strcmp(o, "--ttl") == 0) {
			fk.ttl = (uint32_t)parse_num(o, v, 86400);
		} else if (strcmp(o, "--log") == 0) {
			fk.log = fopen(v, "a");
			if (!fk.log) {
				fprintf(stderr, "fakedns: cannot write %s: %s\n", v, strerror(errno));
				return 2;
			}
		} else {
			usage();
		}
	}
	if (!have_listen || (fk.naddrs == 0 && fk.rcode < 0 && !fk.have_txt))
		usage();

	memset(&sig, 0, sizeof sig);
	sig.sa_handler = on_signal;  /* no SA_RESTART: poll returns EINTR */
	sigemptyset(&sig.sa_mask);
	sigaction(SIGTERM, &sig, NULL);
	sigaction(SIGINT, &sig, NULL);

	fk.fd = socket(AF_INET, SOCK_DGRAM, 0);
	if (fk.fd < 0 || bind(fk.fd, (struct sockaddr *)&sa, sizeof sa) < 0) {
		fprintf(stderr, "fakedns: cannot bind 127.0.0.1:%u: %s\n", ntohs(sa.sin_port),
		        strerror(errno));
		return 1;
	}
	if (sa.sin_port == 0) {
		getsockname(fk.fd, (struct sockaddr *)&sa, &sl);
		printf("%u\n", ntohs(sa.sin_port));
		fflush(stdout);
	}
	serve(&fk);
	fprintf(fk.log, "fakedns: %lu queries, %lu answered, %lu unreadable\n",
	        fk.queries, fk.answered, fk.garbage);
	if (fk.log != stderr)
		fclose(fk.log);
	close(fk.fd);
	return 0;
}
