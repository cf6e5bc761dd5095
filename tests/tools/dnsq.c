/* dnsq: a tiny DNS client for rblscope's end-to-end tests.  Sends one
 * query over UDP to a loopback server and prints the reply:
 *   rcode NOERROR
 *   A 127.0.0.2
 *   TXT "IP 192.0.2.5 is listed"
 * Usage: dnsq -s 127.0.0.1:PORT [-t A|TXT|NS|SOA|ANY|N] [-w MS] NAME
 * Exit: 0 a reply was printed, 1 no reply within the timeout (default
 * 1000 ms) or an unreadable reply, 2 bad usage.  Only 127.0.0.0/8
 * servers are accepted: the tests never leave the loopback. */
#include <arpa/inet.h>
#include <errno.h>
#include <netinet/in.h>
#include <poll.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>
#include <sys/socket.h>
#include <sys/time.h>
#include <time.h>
#include <unistd.h>

#define MSG_MAX 65535

struct qtype_name {
	const char *name;
	unsigned code;
};

static const struct qtype_name qtypes[] = {
	{ "A", 1 }, { "NS", 2 }, { "CNAME", 5 }, { "SOA", 6 }, { "PTR", 12 },
	{ "MX", 15 }, { "TXT", 16 }, { "AAAA", 28 }, { "ANY", 255 },
};

static const char *const rcodes[] = {
	"NOERROR", "FORMERR", "SERVFAIL", "NXDOMAIN", "NOTIMP", "REFUSED",
};

static void usage(void)
{
	fprintf(stderr, "usage: dnsq -s 127.0.0.1:PORT [-t A|TXT|NS|SOA|ANY|N] [-w MS] NAME\n");
	exit(2);
}

static int parse_uint(const char *s, unsigned long max, unsigned long *out)
{
	char *end;

	if (*s < '0' || *s > '9')
		return -1;
	errno = 0;
	*out = strtoul(s, &end, 10);
	return errno || *end || *out > max ? -1 : 0;
}

/* "127.x.y.z:PORT" into sa; loopback only. */
static int parse_server(const char *s, struct sockaddr_in *sa)
{
	char host[INET_ADDRSTRLEN];
	const char *colon = strrchr(s, ':');
	unsigned long port;

	if (!colon || (size_t)(colon - s) >= sizeof host)
		return -1;
	memcpy(host, s, (size_t)(colon - s));
	host[colon - s] = '\0';
	memset(sa, 0, sizeof *sa);
	sa->sin_family = AF_INET;
	if (inet_pton(AF_INET, host, &sa->sin_addr) != 1)
		return -1;
	if ((ntohl(sa->sin_addr.s_addr) >> 24) != 127)
		return -1;
	if (parse_uint(colon + 1, 65535, &port) < 0 || port == 0)
		return -1;
	sa->sin_port = htons((uint16_t)port);
	return 0;
}

static int parse_qtype(const char *s, unsigned *out)
{
	unsigned long n;

	for (size_t i = 0; i < sizeof qtypes / sizeof qtypes[0]; i++)
		if (strcasecmp(qtypes[i].name, s) == 0) {
			*out = qtypes[i].code;
			return 0;
		}
	if (parse_uint(s, 65535, &n) < 0)
		return -1;
	*out = (unsigned)n;
	return 0;
}

static const char *qtype_text(unsigned code, char *buf, size_t len)
{
	for (size_t i = 0; i < sizeof qtypes / sizeof qtypes[0]; i++)
		if (qtypes[i].code == code)
			return qtypes[i].name;
	snprintf(buf, len, "TYPE%u", code);
	return buf;
}

/* Encode name into wire form at out; its length, or -1. */
static int encode_name(const char *name, uint8_t *out, size_t outlen)
{
	size_t o = 0;
	const char *p = name;

	while (*p) {
		const char *dot = strchr(p, '.');
		size_t l = dot ? (size_t)(dot - p) : strlen(p);

		if (l == 0 || l > 63 || o + 1 + l + 1 > outlen)
			return -1;
		out[o++] = (uint8_t)l;
		memcpy(out + o, p, l);
		o += l;
		p += l;
		if (*p == '.')
			p++;
	}
	if (o + 1 > outlen || o + 1 > 255)
		return -1;
	out[o++] = 0;
	return (int)o;
}

/* Skip a (possibly compressed) name at *off; -1 when it runs off msg. */
static int skip_name(const uint8_t *msg, size_t len, size_t *off)
{
	size_t o = *off;

	for (;;) {
		if (o >= len)
			return -1;
		if ((msg[o] & 0xc0) == 0xc0) {
			if (o + 2 > len)
				return -1;
			*off = o + 2;
			return 0;
		}
		if (msg[o] & 0xc0)
			return -1;
		if (msg[o] == 0) {
			*off = o + 1;
			return 0;
		}
		o += 1u + msg[o];
	}
}

static unsigned get16(const uint8_t *p)
{
	return (unsigned)p[0] << 8 | p[1];
}

/* Print TXT character-strings with anything unprintable as \DDD. */
static void print_txt(const uint8_t *rd, size_t rdlen)
{
	size_t o = 0;

	fputs("TXT", stdout);
	while (o < rdlen) {
		size_t l = rd[o++];

		if (o + l > rdlen)
			l = rdlen - o;
		fputs(" \"", stdout);
		for (size_t i = 0; i < l; i++) {
			uint8_t c = rd[o + i];

			if (c < 0x20 || c >= 0x7f || c == '"' || c == '\\')
				printf("\\%03u", c);
			else
				putchar(c);
		}
		putchar('"');
		o += l;
	}
	putchar('\n');
}

static int print_reply(const uint8_t *msg, size_t len)
{
	unsigned rcode, qd, an;
	size_t off = 12;
	char tbuf[16];

	if (len < 12)
		return -1;
	rcode = msg[3] & 0x0f;
	qd = get16(msg + 4);
	an = get16(msg + 6);
	if (rcode < sizeof rcodes / sizeof rcodes[0])
		printf("rcode %s\n", rcodes[rcode]);
	else
		printf("rcode %u\n", rcode);
	if (msg[2] & 0x02)
		printf("truncated\n");
	for (unsigned i = 0; i < qd; i++) {
		if (skip_name(msg, len, &off) < 0 || off + 4 > len)
			return -1;
		off += 4;
	}
	for (unsigned i = 0; i < an; i++) {
		unsigned type, rdlen;

		if (skip_name(msg, len, &off) < 0 || off + 10 > len)
			return -1;
		type = get16(msg + off);
		rdlen = get16(msg + off + 8);
		off += 10;
		if (off + rdlen > len)
			return -1;
		if (type == 1 && rdlen == 4)
			printf("A %u.%u.%u.%u\n", msg[off], msg[off + 1], msg[off + 2], msg[off + 3]);
		else if (type == 16)
			print_txt(msg + off, rdlen);
		else
			printf("%s (%u bytes)\n", qtype_text(type, tbuf, sizeof tbuf), rdlen);
		off += rdlen;
	}
	return 0;
}

static long elapsed_ms(const struct timespec *t0)
{
	struct timespec t;

	clock_gettime(CLOCK_MONOTONIC, &t);
	return (t.tv_sec - t0->tv_sec) * 1000L + (t.tv_nsec - t0->tv_nsec) / 1000000L;
}

int main(int argc, char **argv)
{
	struct sockaddr_in server;
	unsigned qtype = 1;
	unsigned long timeout_ms = 1000;
	const char *name = NULL;
	int have_server = 0, fd, n;
	static uint8_t q[512], r[MSG_MAX];
	struct timespec t0;
	uint16_t id;

	for (int i = 1; i < argc; i++) {
		if (strcmp(argv[i], "-s") == 0 && i + 1 < argc) {
			if (parse_server(argv[++i], &server) < 0) {
				fprintf(stderr, "dnsq: bad server '%s' (127.0.0.0/8 only)\n", argv[i]);
				return 2;
			}
			have_server = 1;
		} else if (strcmp(argv[i], "-t") == 0 && i + 1 < argc) {
			if (parse_qtype(argv[++i], &qtype) < 0)
				usage();
		} else if (strcmp(argv[i], "-w") == 0 && i + 1 < argc) {
			if (parse_uint(argv[++i], 600000, &timeout_ms) < 0 || timeout_ms == 0)
				usage();
		} else if (argv[i][0] == '-' || name) {
			usage();
		} else {
			name = argv[i];
		}
	}
	if (!have_server || !name)
		usage();

	clock_gettime(CLOCK_MONOTONIC, &t0);
	id = (uint16_t)(t0.tv_nsec ^ getpid());
	memset(q, 0, 12);
	q[0] = (uint8_t)(id >> 8);
	q[1] = (uint8_t)id;
	q[2] = 0x01; /* RD */
	q[5] = 1;    /* one question */
	n = encode_name(name, q + 12, sizeof q - 16);
	if (n < 0) {
		fprintf(stderr, "dnsq: bad name '%s'\n", name);
		return 2;
	}
	q[12 + n] = (uint8_t)(qtype >> 8);
	q[13 + n] = (uint8_t)qtype;
	q[14 + n] = 0;
	q[15 + n] = 1; /* IN */

	fd = socket(AF_INET, SOCK_DGRAM, 0);
	if (fd < 0 || connect(fd, (struct sockaddr *)&server, sizeof server) < 0) {
		perror("dnsq: socket");
		return 1;
	}
	if (send(fd, q, (size_t)n + 16, 0) < 0) {
		perror("dnsq: send");
		return 1;
	}
	for (;;) {
		long left = (long)timeout_ms - elapsed_ms(&t0);
		struct pollfd pfd = { .fd = fd, .events = POLLIN };
		ssize_t got;

		if (left <= 0 || poll(&pfd, 1, (int)left) <= 0) {
			fprintf(stderr, "dnsq: no reply from %s within %lu ms\n",
			        inet_ntoa(server.sin_addr), timeout_ms);
			return 1;
		}
		got = recv(fd, r, sizeof r, 0);
		if (got < 0) {
			/* ICMP port unreachable: nobody listens there yet. */
			fprintf(stderr, "dnsq: %s\n", strerror(errno));
			return 1;
		}
		if (got < 12 || get16(r) != id || !(r[2] & 0x80))
			continue;  /* not our reply */
		if (print_reply(r, (size_t)got) < 0) {
			fprintf(stderr, "dnsq: malformed reply\n");
			return 1;
		}
		return 0;
	}
}
