/* udpproxy: a loopback UDP DNS proxy that loses and delays traffic, so
 * that rblscope's end-to-end tests can see what it does with timeouts.
 *
 *   udpproxy -l 127.0.0.1:PORT -u 127.0.0.1:UPPORT [--drop PCT]
 *            [--delay MS] [--jitter MS] [--seed N] [--drop-names FILE]
 *            [--log FILE]
 *
 * Queries arriving on -l are forwarded to the upstream server -u under a
 * fresh message ID; replies are sent back to the client after --delay MS
 * (plus up to --jitter MS, so replies may overtake each other).  A query
 * is dropped, never forwarded, when its name is listed in --drop-names
 * (one name a line, case-insensitive, trailing dot optional, '#'
 * comments) or, failing that, with probability PCT percent drawn from a
 * generator seeded by --seed: the same seed and the same queries in the
 * same order drop the same queries.  Each dropped query is logged as
 * "drop NAME TYPE name|random" to --log FILE or stderr.
 *
 * With PORT 0 the kernel picks the port, which is printed on stdout.
 * Only 127.0.0.1 is bound and only 127.0.0.0/8 upstreams are accepted.
 * Runs until SIGTERM or SIGINT, then prints its counts and exits 0. */
#include <arpa/inet.h>
#include <ctype.h>
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
#include <time.h>
#include <unistd.h>

#define MSG_MAX 4096
#define NAME_MAX_TEXT 256
#define PENDING_TTL_MS 30000   /* forget a forwarded query after this */
#define HELD_MAX 100000        /* delayed replies kept at most */

static volatile sig_atomic_t stop_requested;

/* A query forwarded upstream, waiting for its reply; indexed by the ID
 * it was forwarded under. */
struct pending {
	bool used;
	uint16_t client_id;
	struct sockaddr_in client;
	uint64_t sent_ms;
};

/* A reply held back until due_ms; a list sorted by due time. */
struct held {
	struct held *next;
	uint64_t due_ms;
	struct sockaddr_in client;
	size_t len;
	uint8_t msg[];
};

struct proxy {
	int listen_fd, up_fd;
	unsigned drop_pct;
	unsigned delay_ms, jitter_ms;
	uint64_t rng;              /* drop decisions */
	uint64_t jitter_rng;       /* reply delays, kept apart from rng */
	char **drop_names;
	size_t ndrop_names;
	FILE *log;
	struct pending *pending;   /* 65536 entries */
	uint16_t next_id;
	struct held *held;
	size_t nheld;
	unsigned long forwarded, replied, dropped_name, dropped_random, late;
};

static void on_signal(int sig)
{
	(void)sig;
	stop_requested = 1;
}

static void die(const char *msg)
{
	fprintf(stderr, "udpproxy: %s\n", msg);
	exit(2);
}

static void usage(void)
{
	die("usage: udpproxy -l 127.0.0.1:PORT -u 127.0.0.1:UPPORT [--drop PCT] "
	    "[--delay MS] [--jitter MS] [--seed N] [--drop-names FILE] [--log FILE]");
}

static uint64_t now_ms(void)
{
	struct timespec t;

	clock_gettime(CLOCK_MONOTONIC, &t);
	return (uint64_t)t.tv_sec * 1000u + (uint64_t)t.tv_nsec / 1000000u;
}

/* splitmix64: small, and the same sequence everywhere for one seed. */
static uint64_t rng_next(uint64_t *state)
{
	uint64_t z = (*state += 0x9e3779b97f4a7c15ull);

	z = (z ^ (z >> 30)) * 0xbf58476d1ce4e5b9ull;
	z = (z ^ (z >> 27)) * 0x94d049bb133111ebull;
	return z ^ (z >> 31);
}

static unsigned long parse_num(const char *opt, const char *s, unsigned long max)
{
	char *end;
	unsigned long v;

	if (*s < '0' || *s > '9')
		goto bad;
	errno = 0;
	v = strtoul(s, &end, 10);
	if (errno || *end || v > max)
		goto bad;
	return v;
bad:
	fprintf(stderr, "udpproxy: bad value for %s: '%s'\n", opt, s);
	exit(2);
}

/* "127.x.y.z:PORT" into sa; the address must be in 127.0.0.0/8, and
 * exactly 127.0.0.1 when listen is set. */
static void parse_addr(const char *opt, const char *s, bool listen, struct sockaddr_in *sa)
{
	char host[INET_ADDRSTRLEN];
	const char *colon = strrchr(s, ':');
	uint32_t a;

	memset(sa, 0, sizeof *sa);
	sa->sin_family = AF_INET;
	if (!colon || (size_t)(colon - s) >= sizeof host)
		goto bad;
	memcpy(host, s, (size_t)(colon - s));
	host[colon - s] = '\0';
	if (inet_pton(AF_INET, host, &sa->sin_addr) != 1)
		goto bad;
	a = ntohl(sa->sin_addr.s_addr);
	if (listen ? a != 0x7f000001u : a >> 24 != 127)
		goto bad;
	sa->sin_port = htons((uint16_t)parse_num(opt, colon + 1, 65535));
	if (!listen && sa->sin_port == 0)
		goto bad;
	return;
bad:
	fprintf(stderr, "udpproxy: bad address for %s: '%s' (%s)\n", opt, s,
	        listen ? "127.0.0.1:PORT only" : "127.0.0.0/8 only");
	exit(2);
}

/* Lower-case name without a trailing dot, in place. */
static void name_normalise(char *s)
{
	size_t n;

	for (char *p = s; *p; p++)
		*p = (char)tolower((unsigned char)*p);
	n = strlen(s);
	if (n > 0 && s[n - 1] == '.')
		s[n - 1] = '\0';
}

static void load_drop_names(struct proxy *px, const char *path)
{
	FILE *f = fopen(path, "r");
	char line[1024];
	size_t cap = 0;

	if (!f) {
		fprintf(stderr, "udpproxy: cannot read %s: %s\n", path, strerror(errno));
		exit(2);
	}
	while (fgets(line, sizeof line, f)) {
		char *p = line, *e;

		while (isspace((unsigned char)*p))
			p++;
		e = p + strcspn(p, " \t\r\n#");
		if (e == p)
			continue;
		*e = '\0';
		name_normalise(p);
		if (px->ndrop_names == cap) {
			cap = cap ? cap * 2 : 64;
			px->drop_names = realloc(px->drop_names, cap * sizeof *px->drop_names);
			if (!px->drop_names)
				die("out of memory");
		}
		px->drop_names[px->ndrop_names] = strdup(p);
		if (!px->drop_names[px->ndrop_names++])
			die("out of memory");
	}
	fclose(f);
}

static bool drop_name_listed(const struct proxy *px, const char *name)
{
	for (size_t i = 0; i < px->ndrop_names; i++)
		if (strcmp(px->drop_names[i], name) == 0)
			return true;
	return false;
}

/* The question name (dotted, lower case) and type of a query; -1 when
 * the message has no readable question. */
static int question_of(const uint8_t *msg, size_t len, char *name, size_t namelen,
                       unsigned *qtype)
{
	size_t off = 12, o = 0;

	if (len < 12 || (msg[4] == 0 && msg[5] == 0))
		return -1;
	for (;;) {
		unsigned l;

		if (off >= len)
			return -1;
		l = msg[off++];
		if (l == 0)
			break;
		if (l > 63 || off + l > len || o + l + 2 > namelen)
			return -1;  /* compression has no place in a question */
		if (o > 0)
			name[o++] = '.';
		for (unsigned i = 0; i < l; i++) {
			uint8_t c = msg[off + i];

			name[o++] = c > 0x20 && c < 0x7f ? (char)tolower(c) : '?';
		}
		off += l;
	}
	name[o] = '\0';
	if (off + 4 > len)
		return -1;
	*qtype = (unsigned)msg[off] << 8 | msg[off + 1];
	return 0;
}

static const char *qtype_name(unsigned t, char *buf, size_t len)
{
	switch (t) {
	case 1: return "A";
	case 16: return "TXT";
	case 28: return "AAAA";
	default: snprintf(buf, len, "TYPE%u", t); return buf;
	}
}

static void log_drop(struct proxy *px, const char *name, unsigned qtype, const char *why)
{
	char tbuf[16];

	fprintf(px->log, "drop %s %s %s\n", name, qtype_name(qtype, tbuf, sizeof tbuf), why);
	fflush(px->log);
}

/* Decide whether a query is lost: listed names always, others at random. */
static bool should_drop(struct proxy *px, const uint8_t *msg, size_t len)
{
	char name[NAME_MAX_TEXT];
	unsigned qtype = 0;
	bool readable = question_of(msg, len, name, sizeof name, &qtype) == 0;
	/* Draw for every query so that the named drops do not shift the
	 * random ones: the same seed loses the same other queries. */
	bool unlucky = rng_next(&px->rng) % 10000 < px->drop_pct * 100u;

	if (!readable)
		snprintf(name, sizeof name, "(unreadable)");
	if (readable && drop_name_listed(px, name)) {
		px->dropped_name++;
		log_drop(px, name, qtype, "name");
		return true;
	}
	if (unlucky) {
		px->dropped_random++;
		log_drop(px, name, qtype, "random");
		return true;
	}
	return false;
}

static void forward_query(struct proxy *px, uint8_t *msg, size_t len,
                          const struct sockaddr_in *client)
{
	uint64_t t = now_ms();
	uint16_t id = 0;
	bool found = false;

	if (len < 12 || (msg[2] & 0x80))
		return;  /* not a query */
	if (should_drop(px, msg, len))
		return;
	/* A free ID, reusing those whose reply never came. */
	for (unsigned tries = 0; tries < 65536; tries++) {
		struct pending *p;

		id = px->next_id++;
		p = &px->pending[id];
		if (!p->used || t - p->sent_ms > PENDING_TTL_MS) {
			found = true;
			break;
		}
	}
	if (!found)
		return;  /* 65536 queries in flight: lose this one */
	px->pending[id] = (struct pending){
		.used = true,
		.client_id = (uint16_t)(msg[0] << 8 | msg[1]),
		.client = *client,
		.sent_ms = t,
	};
	msg[0] = (uint8_t)(id >> 8);
	msg[1] = (uint8_t)id;
	if (send(px->up_fd, msg, len, 0) < 0)
		px->pending[id].used = false;
	else
		px->forwarded++;
}

static void send_reply(struct proxy *px, const uint8_t *msg, size_t len,
                       const struct sockaddr_in *client)
{
	if (sendto(px->listen_fd, msg, len, 0, (const struct sockaddr *)client,
	           sizeof *client) >= 0)
		px->replied++;
}

static void hold_reply(struct proxy *px, const uint8_t *msg, size_t len,
                       const struct sockaddr_in *client)
{
	uint64_t delay = px->delay_ms;
	struct held *h, **pp;

	if (px->jitter_ms)
		delay += rng_next(&px->jitter_rng) % (px->jitter_ms + 1u);
	if (px->nheld >= HELD_MAX)
		return;
	h = malloc(sizeof *h + len);
	if (!h)
		return;
	h->due_ms = now_ms() + delay;
	h->client = *client;
	h->len = len;
	memcpy(h->msg, msg, len);
	for (pp = &px->held; *pp && (*pp)->due_ms <= h->due_ms; pp = &(*pp)->next)
		;
	h->next = *pp;
	*pp = h;
	px->nheld++;
}

static void relay_reply(struct proxy *px, uint8_t *msg, size_t len)
{
	struct pending *p;
	uint16_t id;

	if (len < 12)
		return;
	id = (uint16_t)(msg[0] << 8 | msg[1]);
	p = &px->pending[id];
	if (!p->used) {
		px->late++;
		return;
	}
	p->used = false;
	msg[0] = (uint8_t)(p->client_id >> 8);
	msg[1] = (uint8_t)p->client_id;
	if (px->delay_ms || px->jitter_ms)
		hold_reply(px, msg, len, &p->client);
	else
		send_reply(px, msg, len, &p->client);
}

/* Send the held replies that are due; the poll timeout until the next. */
static int flush_held(struct proxy *px)
{
	uint64_t t = now_ms();

	while (px->held && px->held->due_ms <= t) {
		struct held *h = px->held;

		px->held = h->next;
		px->nheld--;
		send_reply(px, h->msg, h->len, &h->client);
		free(h);
	}
	if (!px->held)
		return 1000;
	return (int)(px->held->due_ms - t);
}

static int bind_socket(const struct sockaddr_in *sa)
{
	int fd = socket(AF_INET, SOCK_DGRAM, 0);

	if (fd < 0 || bind(fd, (const struct sockaddr *)sa, sizeof *sa) < 0) {
		fprintf(stderr, "udpproxy: cannot bind 127.0.0.1:%u: %s\n",
		        ntohs(sa->sin_port), strerror(errno));
		exit(1);
	}
	return fd;
}

static void proxy_run(struct proxy *px)
{
	static uint8_t buf[MSG_MAX];

	while (!stop_requested) {
		struct pollfd pfd[2] = {
			{ .fd = px->listen_fd, .events = POLLIN },
			{ .fd = px->up_fd, .events = POLLIN },
		};
		int timeout = flush_held(px);
		int n = poll(pfd, 2, timeout);

		if (n < 0) {
			if (errno == EINTR)
				continue;
			perror("udpproxy: poll");
			exit(1);
		}
		if (pfd[0].revents & POLLIN) {
			struct sockaddr_in client;
			socklen_t cl = sizeof client;
			ssize_t got = recvfrom(px->listen_fd, buf, sizeof buf, 0,
			                       (struct sockaddr *)&client, &cl);

			if (got > 0 && cl == sizeof client)
				forward_query(px, buf, (size_t)got, &client);
		}
		if (pfd[1].revents & (POLLIN | POLLERR)) {
			/* An error here is ICMP from a dead upstream: the
			 * client sees a timeout, as it would in real life. */
			ssize_t got = recv(px->up_fd, buf, sizeof buf, 0);

			if (got > 0)
				relay_reply(px, buf, (size_t)got);
		}
	}
}

int main(int argc, char **argv)
{
	struct proxy px = { .listen_fd = -1, .up_fd = -1, .rng = 1, .log = stderr };
	struct sockaddr_in listen_sa, up_sa, local = { .sin_family = AF_INET };
	socklen_t sl = sizeof listen_sa;
	bool have_listen = false, have_up = false;
	struct sigaction sa;

	for (int i = 1; i < argc; i++) {
		const char *o = argv[i], *v = i + 1 < argc ? argv[i + 1] : NULL;

		if (!v)
			usage();
		i++;
		if (strcmp(o, "-l") == 0) {
			parse_addr(o, v, true, &listen_sa);
			have_listen = true;
		} else if (strcmp(o, "-u") == 0) {
			parse_addr(o, v, false, &up_sa);
			have_up = true;
		} else if (strcmp(o, "--drop") == 0) {
			px.drop_pct = (unsigned)parse_num(o, v, 100);
		} else if (strcmp(o, "--delay") == 0) {
			px.delay_ms = (unsigned)parse_num(o, v, 60000);
		} else if (strcmp(o, "--jitter") == 0) {
			px.jitter_ms = (unsigned)parse_num(o, v, 60000);
		} else if (strcmp(o, "--seed") == 0) {
			px.rng = parse_num(o, v, 0xffffffffUL);
		} else if (strcmp(o, "--drop-names") == 0) {
			load_drop_names(&px, v);
		} else if (strcmp(o, "--log") == 0) {
			px.log = fopen(v, "a");
			if (!px.log) {
				fprintf(stderr, "udpproxy: cannot write %s: %s\n", v, strerror(errno));
				return 2;
			}
		} else {
			usage();
		}
	}
	if (!have_listen || !have_up)
		usage();
	px.jitter_rng = px.rng ^ 0x5bd1e995u;
	px.pending = calloc(65536, sizeof *px.pending);
	if (!px.pending)
		die("out of memory");

	memset(&sa, 0, sizeof sa);
	sa.sa_handler = on_signal;   /* no SA_RESTART: poll returns EINTR */
	sigemptyset(&sa.sa_mask);
	sigaction(SIGTERM, &sa, NULL);
	sigaction(SIGINT, &sa, NULL);
	signal(SIGPIPE, SIG_IGN);

	px.listen_fd = bind_socket(&listen_sa);
	local.sin_addr.s_addr = htonl(0x7f000001u);
	px.up_fd = bind_socket(&local);
	if (connect(px.up_fd, (struct sockaddr *)&up_sa, sizeof up_sa) < 0) {
		perror("udpproxy: connect");
		return 1;
	}
	if (listen_sa.sin_port == 0) {
		getsockname(px.listen_fd, (struct sockaddr *)&listen_sa, &sl);
		printf("%u\n", ntohs(listen_sa.sin_port));
		fflush(stdout);
	}

	proxy_run(&px);

	fprintf(px.log, "udpproxy: forwarded %lu, replied %lu, dropped %lu by name and %lu at random, %lu late replies\n",
	        px.forwarded, px.replied, px.dropped_name, px.dropped_random, px.late);
	if (px.log != stderr)
		fclose(px.log);
	while (px.held) {
		struct held *h = px.held;

		px.held = h->next;
		free(h);
	}
	for (size_t i = 0; i < px.ndrop_names; i++)
		free(px.drop_names[i]);
	free(px.drop_names);
	free(px.pending);
	close(px.listen_fd);
	close(px.up_fd);
	return 0;
}
