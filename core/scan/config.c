/* The configuration file: "key = value" lines with '#' comments, read
 * before the command line, which overrides each key it names. */
#include "core/scan/config.h"
#include "core/base/xdg.h"

#include <errno.h>
#include <fcntl.h>
#include <limits.h>
#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include "core/base/parse.h"
#include "core/scan/settings.h"

/* The strings a file gave: options point into these. */
static struct {
	char resolver[1024], db[PATH_MAX], zones[PATH_MAX], profile[128], history_db[PATH_MAX];
} held;

/* value copied into dst (size bytes); -1 when it does not fit. */
static int keep(const struct parse_at *at, const char *key, const char *value, char *dst,
                size_t size)
{
	if (strlen(value) >= size)
		return parse_fail(at, "%s: value longer than %zu bytes", key, size - 1);
	memcpy(dst, value, strlen(value) + 1);
	return 0;
}

/* A whole number in [lo, hi]. */
static int number(const struct parse_at *at, const char *key, const char *v, unsigned long lo,
                  unsigned long hi, unsigned *out)
{
	uint32_t n;

	if (parse_u32(v, &n) < 0 || n < lo || n > hi)
		return parse_fail(at, "bad %s '%.40s': want %lu to %lu", key, v, lo, hi);
	*out = n;
	return 0;
}

static int rate_value(const struct parse_at *at, struct options *o, const char *v)
{
	char *end;
	double r;

	errno = 0;
	r = strtod(v, &end);
	if (errno || end == v || *end || strspn(v, "0123456789.") != strlen(v) || !isfinite(r) ||
	    (r != 0 && r < OPT_MIN_RATE) || r > OPT_MAX_RATE)
		return parse_fail(at, "bad rate '%.40s': want queries per second from %g to %g, "
		                  "0 for no limit", v, OPT_MIN_RATE, OPT_MAX_RATE);
	o->rate = r;
	o->rate_set = true;
	return 0;
}

/* theme = words of ascii, utf8, color, no-color. */
static int theme_value(const struct parse_at *at, struct options *o, char *v)
{
	bool any = false;

	for (char *w = strtok(v, " \t,"); w; w = strtok(NULL, " \t,")) {
		if (strcmp(w, "ascii") == 0)
			o->ascii = true;
		else if (strcmp(w, "utf8") == 0)
			o->ascii = false;
		else if (strcmp(w, "color") == 0 || strcmp(w, "colour") == 0)
			o->no_color = false;
		else if (strcmp(w, "no-color") == 0 || strcmp(w, "no-colour") == 0)
			o->no_color = true;
		else
			return parse_fail(at, "bad theme '%.40s': want ascii or utf8, color or no-color",
			                  w);
		any = true;
	}
	return any ? 0 : parse_fail(at, "theme: no value");
}

/* One "key = value" (both trimmed, value not empty). */
static int apply(const struct parse_at *at, struct options *o, const char *key, char *v)
{
	if (strcmp(key, "resolver") == 0) {
		if (strspn(v, "0123456789abcdefABCDEF.:,[]-") != strlen(v))
			return parse_fail(at, "bad resolver '%.40s': want HOST[:PORT][,HOST[:PORT]...] "
			                  "with addresses", v);
		if (keep(at, key, v, held.resolver, sizeof held.resolver) < 0)
			return -1;
		o->resolver = held.resolver;
		o->zones_dir = NULL;
		return 0;
	}
	if (strcmp(key, "db") == 0) {
		if (keep(at, key, v, held.db, sizeof held.db) < 0)
			return -1;
		o->db_path = held.db;
		return 0;
	}
	if (strcmp(key, "zones") == 0) {
		if (keep(at, key, v, held.zones, sizeof held.zones) < 0)
			return -1;
		o->zones_dir = held.zones;
		o->resolver = NULL;
		return 0;
	}
	if (strcmp(key, "profile") == 0) {
		if (strspn(v, "abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789-_.") !=
		    strlen(v))
			return parse_fail(at, "bad profile '%.40s': want a profile's name", v);
		if (keep(at, key, v, held.profile, sizeof held.profile) < 0)
			return -1;
		o->profile_name = held.profile;
		return 0;
	}
	if (strcmp(key, "rate") == 0)
		return rate_value(at, o, v);
	if (strcmp(key, "timeout") == 0)
		return number(at, key, v, 1, 600000, &o->timeout_ms);
	if (strcmp(key, "retries") == 0)
		return number(at, key, v, 0, 20, &o->retries);
	if (strcmp(key, "window") == 0)
		return number(at, key, v, 1, 65536, &o->window);
	if (strcmp(key, "theme") == 0)
		return theme_value(at, o, v);
	if (strcmp(key, "history_db") == 0) {
		if (keep(at, key, v, held.history_db, sizeof held.history_db) < 0)
			return -1;
		o->history_db = held.history_db;
		return 0;
	}
	return parse_fail(at, "unknown key '%.40s': want resolver, db, zones, profile, rate, "
	                  "timeout, retries, window, theme or history_db", key);
}

/* One line, cut at its end: blank, a comment, or key = value. */
static int line_apply(const struct parse_at *at, struct options *o, char *line)
{
	char *s = parse_line_trim(line), *eq, *key, *v;

	if (!*s)
		return 0;
	for (const char *c = s; *c; c++)
		if ((unsigned char)*c < 0x20 && *c != '\t')
			return parse_fail(at, "control character in the line");
		else if ((unsigned char)*c == 0x7f)
			return parse_fail(at, "control character in the line");
	eq = strchr(s, '=');
	if (!eq)
		return parse_fail(at, "want key = value, got '%.40s'", s);
	*eq = '\0';
	key = parse_line_trim(s);
	v = parse_line_trim(eq + 1);
	if (!*key)
		return parse_fail(at, "no key before '='");
	if (!*v)
		return parse_fail(at, "%.40s: no value after '='", key);
	return apply(at, o, key, v);
}

int config_parse(struct options *o, const char *name, const char *text, size_t len,
                 char *err, size_t errlen)
{
	struct parse_at at = { .path = name, .err = err, .errlen = errlen };
	char line[2048];

	memset(&held, 0, sizeof held);
	for (size_t pos = 0; pos < len;) {
		const char *nl = memchr(text + pos, '\n', len - pos);
		size_t raw = nl ? (size_t)(nl - (text + pos)) : len - pos, n = raw;

		at.line++;
		if (n > 0 && text[pos + n - 1] == '\r')
			n--;
		if (n >= sizeof line)
			return parse_fail(&at, "line longer than %zu bytes", sizeof line - 1);
		if (memchr(text + pos, '\0', n))
			return parse_fail(&at, "NUL byte in the line");
		memcpy(line, text + pos, n);
		line[n] = '\0';
		if (line_apply(&at, o, line) < 0)
			return -1;
		pos += raw + 1;
	}
	return 0;
}

int config_default_path(char *out, size_t len)
{
	return xdg_path("XDG_CONFIG_HOME", ".config", "config", out, len);
}

int config_load(struct options *o, const char *path, bool may_miss, char *err, size_t errlen)
{
	struct parse_at at = { .path = path, .err = err, .errlen = errlen };
	static char text[CONFIG_MAX_BYTES + 1];
	struct stat st;
	size_t len = 0;
	ssize_t n;
	int fd = open(path, O_RDONLY | O_CLOEXEC | O_NONBLOCK);

	if (fd < 0) {
		if (errno == ENOENT && may_miss)
			return 1;
		return parse_fail(&at, "cannot read the configuration: %s", strerror(errno));
	}
	if (fstat(fd, &st) < 0 || !S_ISREG(st.st_mode)) {
		close(fd);
		return parse_fail(&at, "not a regular file");
	}
	while ((n = read(fd, text + len, sizeof text - len)) > 0 && (len += (size_t)n) < sizeof text)
		;
	close(fd);
	if (n < 0)
		return parse_fail(&at, "cannot read the configuration: %s", strerror(errno));
	if (len > CONFIG_MAX_BYTES)
		return parse_fail(&at, "larger than %d bytes", CONFIG_MAX_BYTES);
	return config_parse(o, path, text, len, err, errlen);
}
