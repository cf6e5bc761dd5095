/* Unit tests for core/lookup/zonefile.c: rbldnsd ip4set/ip4trie zone files read
 * with rbldnsd's syntax and precedence (each rule here was checked against
 * rbldnsd 1.0 itself), malformed lines refused with "path:line: reason",
 * and the backend over a folder of zone files. */
#include <stdarg.h>
#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>
#include <setjmp.h>
#include <dirent.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>
#include <sys/resource.h>
#include <sys/socket.h>
#include <sys/stat.h>
#include <sys/un.h>
#include <zlib.h>
#include <cmocka.h>

#include "core/lookup/backend.h"
#include "core/base/ip.h"
#include "core/lookup/zonefile.h"

/* Where zonefile_lookup keeps an answer's codes. */
static uint32_t zcodes[ZONEFILE_CODES];

/* Where lookups put their TXT. */
static char txtbuf[LOOKUP_TXT_MAX];

struct fx {
	char dir[64];
};

static int group_setup(void **state)
{
	struct fx *f = calloc(1, sizeof(*f));

	if (!f)
		return -1;
	snprintf(f->dir, sizeof(f->dir), "%s", "/tmp/rblscope-zf-XXXXXX");
	if (!mkdtemp(f->dir)) {
		free(f);
		return -1;
	}
	*state = f;
	return 0;
}

static int group_teardown(void **state)
{
	struct fx *f = *state;
	char path[512];
	struct dirent *de;
	DIR *d = opendir(f->dir);

	while (d && (de = readdir(d))) {
		if (strcmp(de->d_name, ".") && strcmp(de->d_name, "..")) {
			snprintf(path, sizeof(path), "%s/%s", f->dir, de->d_name);
			unlink(path);
		}
	}
	if (d)
		closedir(d);
	rmdir(f->dir);
	free(f);
	return 0;
}

static const char *path_of(const struct fx *f, const char *name, char *out, size_t len)
{
	snprintf(out, len, "%s/%s", f->dir, name);
	return out;
}

static const char *write_file(const struct fx *f, const char *name, const char *text,
                              char *path, size_t len)
{
	FILE *fp = fopen(path_of(f, name, path, len), "w");

	assert_non_null(fp);
	assert_int_equal(fwrite(text, 1, strlen(text), fp), strlen(text));
	assert_int_equal(fclose(fp), 0);
	return path;
}

static void write_gz(const struct fx *f, const char *name, const char *text, size_t cut)
{
	char path[512];
	gzFile gz = gzopen(path_of(f, name, path, sizeof(path)), "wb");

	assert_non_null(gz);
	assert_int_equal(gzwrite(gz, text, (unsigned)strlen(text)), (int)strlen(text));
	assert_int_equal(gzclose(gz), Z_OK);
	if (cut)
		assert_int_equal(truncate(path, (off_t)cut), 0);
}

static void write_gz_bytes(const struct fx *f, const char *name, const void *data, size_t len)
{
	char path[512];
	gzFile gz = gzopen(path_of(f, name, path, sizeof(path)), "wb");

	assert_non_null(gz);
	assert_int_equal(gzwrite(gz, data, (unsigned)len), (int)len);
	assert_int_equal(gzclose(gz), Z_OK);
}

/* Load text as DIR/name; the warning (what was skipped) must be
 * "DIR/name:" and then warning, or none at all when warning is NULL. */
static struct zonefile *load_warns(const struct fx *f, const char *name, const char *text,
                                   const char *warning)
{
	char path[512], err[512] = "", warn[512] = "x", want[600] = "";
	struct zonefile *zf;

	write_file(f, name, text, path, sizeof(path));
	zf = zonefile_load(path, NULL, warn, sizeof(warn), err, sizeof(err));
	if (!zf)
		fail_msg("%s did not load: %s", name, err);
	if (warning)
		snprintf(want, sizeof(want), "%s:%s", path, warning);
	assert_string_equal(warn, want);
	return zf;
}

static struct zonefile *load(const struct fx *f, const char *name, const char *text)
{
	return load_warns(f, name, text, NULL);
}

static uint32_t ip_of(const char *s)
{
	uint32_t ip;

	assert_int_equal(ip4_parse(s, &ip), 0);
	return ip;
}

static void listed(const struct zonefile *zf, const char *ip, const char *code, const char *txt)
{
	struct lookup r;

	memset(&r, 0x5a, sizeof(r));
	zonefile_lookup(zf, ip_of(ip), &r, zcodes, txtbuf, sizeof txtbuf);
	if (r.state != LK_LISTED)
		fail_msg("%s: state %s, want listed", ip, lk_state_name(r.state));
	assert_int_equal(r.error, LKE_NONE);
	assert_int_equal(r.code, ip_of(code));
	assert_string_equal(r.txt, txt);
}

static void clean(const struct zonefile *zf, const char *ip)
{
	struct lookup r;

	memset(&r, 0x5a, sizeof(r));
	zonefile_lookup(zf, ip_of(ip), &r, zcodes, txtbuf, sizeof txtbuf);
	if (r.state != LK_CLEAN)
		fail_msg("%s: state %s, want clean", ip, lk_state_name(r.state));
	assert_int_equal(r.error, LKE_NONE);
	assert_int_equal(r.code, 0);
	assert_string_equal(r.txt, "");
}

static void errored(const struct zonefile *zf, const char *ip, enum lk_error e, const char *code)
{
	struct lookup r;

	memset(&r, 0x5a, sizeof(r));
	zonefile_lookup(zf, ip_of(ip), &r, zcodes, txtbuf, sizeof txtbuf);
	assert_int_equal(r.state, LK_ERROR);
	assert_int_equal(r.error, e);
	assert_int_equal(r.code, ip_of(code));
	assert_string_equal(r.txt, "");
}

/* ---- syntax ---- */

static void single_cidr_abbreviated(void **state)
{
	struct zonefile *zf = load(*state, "forms",
		"192.0.2.7\n"
		"198.51.100.0/25\n"
		"203.0.113\n"        /* 203.0.113.0/24 */
		"172.20\n"           /* 172.20.0.0/16 */
		"100.64.8/22\n"      /* 100.64.8.0/22 */
		"44/8\n");

	assert_int_equal(zonefile_entries(zf), 6);
	listed(zf, "192.0.2.7", "127.0.0.2", "");
	clean(zf, "192.0.2.6");
	clean(zf, "192.0.2.8");
	listed(zf, "198.51.100.0", "127.0.0.2", "");
	listed(zf, "198.51.100.127", "127.0.0.2", "");
	clean(zf, "198.51.100.128");
	listed(zf, "203.0.113.0", "127.0.0.2", "");
	listed(zf, "203.0.113.255", "127.0.0.2", "");
	clean(zf, "203.0.112.255");
	clean(zf, "203.0.114.0");
	listed(zf, "172.20.0.0", "127.0.0.2", "");
	listed(zf, "172.20.255.255", "127.0.0.2", "");
	clean(zf, "172.21.0.0");
	listed(zf, "100.64.8.0", "127.0.0.2", "");
	listed(zf, "100.64.11.255", "127.0.0.2", "");
	clean(zf, "100.64.12.0");
	clean(zf, "100.64.7.255");
	listed(zf, "44.0.0.0", "127.0.0.2", "");
	listed(zf, "44.255.255.255", "127.0.0.2", "");
	clean(zf, "45.0.0.0");
	zonefile_free(zf);
}

static void ranges(void **state)
{
	struct zonefile *zf = load(*state, "ranges",
		"10.0.0.5-10.0.1.10\n"    /* full ends */
		"10.1.0.7-9\n"            /* last-octet suffix */
		"10.2.3-10.2.5\n"         /* prefix range: 10.2.3.0-10.2.5.255 */
		"10.16-31\n"              /* 10.16.0.0-10.31.255.255 */
		"10.40.0.0-10.40.0.0\n"); /* one address */

	listed(zf, "10.0.0.5", "127.0.0.2", "");
	listed(zf, "10.0.0.255", "127.0.0.2", "");
	listed(zf, "10.0.1.10", "127.0.0.2", "");
	clean(zf, "10.0.0.4");
	clean(zf, "10.0.1.11");
	clean(zf, "10.1.0.6");
	listed(zf, "10.1.0.7", "127.0.0.2", "");
	listed(zf, "10.1.0.9", "127.0.0.2", "");
	clean(zf, "10.1.0.10");
	clean(zf, "10.2.2.255");
	listed(zf, "10.2.3.0", "127.0.0.2", "");
	listed(zf, "10.2.5.255", "127.0.0.2", "");
	clean(zf, "10.2.6.0");
	clean(zf, "10.15.255.255");
	listed(zf, "10.16.0.0", "127.0.0.2", "");
	listed(zf, "10.31.255.255", "127.0.0.2", "");
	clean(zf, "10.32.0.0");
	listed(zf, "10.40.0.0", "127.0.0.2", "");
	clean(zf, "10.40.0.1");
	zonefile_free(zf);
}

static void values_and_defaults(void **state)
{
	struct zonefile *zf = load(*state, "values",
		"10.0.0.1\n"                         /* built-in default: .2, no TXT */
		":127.0.0.4:default for $\n"
		"10.0.0.2\n"
		"10.0.0.3 :127.0.0.3:full form\n"
		"10.0.0.4 :3:short form\n"
		"10.0.0.5 :5\n"                      /* own A, the default TXT */
		"10.0.0.6 :6:\n"                     /* own A, no TXT at all */
		"10.0.0.7 just a reason $\n"         /* the default A, own TXT */
		"10.0.0.8 ; a comment, so defaults\n"
		"10.0.0.9 # also a comment\n"
		"10.0.0.10 reason # not a comment\n"
		"10.0.0.11:7:no space\n"
		"10.0.0.12 :127.9:inet_aton short\n"
		":2\n"                               /* later default: .2 and no TXT */
		"10.0.0.13\n");

	listed(zf, "10.0.0.1", "127.0.0.2", "");
	listed(zf, "10.0.0.2", "127.0.0.4", "default for 10.0.0.2");
	listed(zf, "10.0.0.3", "127.0.0.3", "full form");
	listed(zf, "10.0.0.4", "127.0.0.3", "short form");
	listed(zf, "10.0.0.5", "127.0.0.5", "default for 10.0.0.5");
	listed(zf, "10.0.0.6", "127.0.0.6", "");
	listed(zf, "10.0.0.7", "127.0.0.4", "just a reason 10.0.0.7");
	listed(zf, "10.0.0.8", "127.0.0.4", "default for 10.0.0.8");
	listed(zf, "10.0.0.9", "127.0.0.4", "default for 10.0.0.9");
	listed(zf, "10.0.0.10", "127.0.0.4", "reason # not a comment");
	listed(zf, "10.0.0.11", "127.0.0.7", "no space");
	listed(zf, "10.0.0.12", "127.0.0.9", "inet_aton short");
	listed(zf, "10.0.0.13", "127.0.0.2", "");
	zonefile_free(zf);
}

static void substitution(void **state)
{
	struct zonefile *zf = load(*state, "subst",
		"$1 See http://bl.example/q?\n"
		"10.0.0.1 :2:$1$ costs $$5; $9 stays; $x\n"
		"10.0.0.2 :2:$2 defined later\n"
		"$2 Two\n"
		"$2 ignored: the first definition counts\n"
		"10.0.0.3 :2:ends with $\n"
		"10.0.0.4 :2:$= is the template itself\n");

	listed(zf, "10.0.0.1", "127.0.0.2",
	       "See http://bl.example/q?10.0.0.1 costs $5; $9 stays; 10.0.0.1x");
	listed(zf, "10.0.0.2", "127.0.0.2", "Two defined later");
	listed(zf, "10.0.0.3", "127.0.0.2", "ends with 10.0.0.3");
	listed(zf, "10.0.0.4", "127.0.0.2", "$= is the template itself is the template itself");
	zonefile_free(zf);
}

static void base_template(void **state)
{
	struct zonefile *zf = load(*state, "base",
		"$= Listed ($=), see http://bl.example/$\n"
		"10.0.0.1 r123\n"
		"10.0.0.2\n"
		"10.0.0.3 =Own text for $\n"
		"10.0.0.4 :5:\n");

	listed(zf, "10.0.0.1", "127.0.0.2", "Listed (r123), see http://bl.example/10.0.0.1");
	listed(zf, "10.0.0.2", "127.0.0.2", "Listed (10.0.0.2), see http://bl.example/10.0.0.2");
	listed(zf, "10.0.0.3", "127.0.0.2", "Own text for 10.0.0.3");
	listed(zf, "10.0.0.4", "127.0.0.5", "Listed (10.0.0.4), see http://bl.example/10.0.0.4");
	zonefile_free(zf);
}

static void comments_specials_whitespace(void **state)
{
	struct zonefile *zf = load(*state, "specials",
		"# a comment\n"
		"; another\n"
		"\n"
		"   \t\n"
		"$SOA 3600 ns.example. admin.example. 0 600 300 86400 300\n"
		"$NS 3600 ns1.example ns2.example\n"
		"$TTL 2100\n"
		"$TIMESTAMP 2024:01:01\n"
		"#$Id: l1,v 1.2 $\n"
		"   10.0.0.1   \t\n"
		"\t!  10.0.0.1\n"
		"10.0.0.2 :2:  trailing spaces cut   \n"
		"10.0.0.3");   /* no newline at the end */

	assert_int_equal(zonefile_entries(zf), 4);
	clean(zf, "10.0.0.1");
	listed(zf, "10.0.0.2", "127.0.0.2", "trailing spaces cut");
	listed(zf, "10.0.0.3", "127.0.0.2", "");
	zonefile_free(zf);
}

static void long_lines_and_txt_limit(void **state)
{
	size_t big = 70000, n = 0;
	char *text = malloc(big + 500);
	struct zonefile *zf;
	struct lookup r;

	assert_non_null(text);
	n += (size_t)sprintf(text + n, "10.0.0.1 :2:");
	memset(text + n, 'a', big);           /* longer than any read buffer */
	n += big;
	n += (size_t)sprintf(text + n, "\n10.0.0.2 :3:");
	memset(text + n, 'b', 300);
	n += 300;
	n += (size_t)sprintf(text + n, "\n10.0.0.3 :4:");
	memset(text + n, '$', 20);            /* ten "$$": ten dollars */
	n += 20;
	sprintf(text + n, "\n");
	zf = load(*state, "long", text);      /* the cut tail is not a line */
	free(text);

	zonefile_lookup(zf, ip_of("10.0.0.1"), &r, zcodes, txtbuf, sizeof txtbuf);
	assert_int_equal(r.state, LK_LISTED);
	assert_int_equal(strlen(r.txt), 254);   /* rbldnsd's longest TXT */
	assert_int_equal(strspn(r.txt, "a"), 254);
	zonefile_lookup(zf, ip_of("10.0.0.2"), &r, zcodes, txtbuf, sizeof txtbuf);
	assert_int_equal(r.code, ip_of("127.0.0.3"));
	assert_int_equal(strspn(r.txt, "b"), 254);
	assert_int_equal(strlen(r.txt), 254);
	listed(zf, "10.0.0.3", "127.0.0.4", "$$$$$$$$$$");
	zonefile_free(zf);
}

static void control_characters_sanitised(void **state)
{
	struct zonefile *zf = load(*state, "evil",
		"10.0.0.1 :2:red \x1b[31mtext\x07 and \x7f del\r\n"
		"10.0.0.2 :2:caf\xc3\xa9 ok, \xc2\x9b C1 not\n");

	listed(zf, "10.0.0.1", "127.0.0.2", "red ?[31mtext? and ? del?");
	listed(zf, "10.0.0.2", "127.0.0.2", "caf\xc3\xa9 ok, ?? C1 not");
	zonefile_free(zf);
}

static void gzip_files(void **state)
{
	struct fx *f = *state;
	char path[512], err[512];
	struct zonefile *zf;
	const char *text = ":3:gz $\n10.0.0.0/24\n!10.0.0.7\n";

	write_gz(f, "plain.gz", text, 0);
	zf = zonefile_load(path_of(f, "plain.gz", path, sizeof(path)), NULL, NULL, 0, err, sizeof(err));
	assert_non_null(zf);
	listed(zf, "10.0.0.1", "127.0.0.3", "gz 10.0.0.1");
	clean(zf, "10.0.0.7");
	zonefile_free(zf);

	write_gz(f, "no-suffix", text, 0);      /* the content tells, not the name */
	zf = zonefile_load(path_of(f, "no-suffix", path, sizeof(path)), NULL, NULL, 0, err, sizeof(err));
	assert_non_null(zf);
	listed(zf, "10.0.0.255", "127.0.0.3", "gz 10.0.0.255");
	zonefile_free(zf);

	write_gz(f, "cut.gz", text, 30);        /* a transfer cut short */
	path_of(f, "cut.gz", path, sizeof(path));
	assert_null(zonefile_load(path, NULL, NULL, 0, err, sizeof(err)));
	assert_true(strncmp(err, path, strlen(path)) == 0);
	assert_non_null(strstr(err, "read error"));
}

/* ---- precedence ---- */

static void exclusions(void **state)
{
	struct zonefile *zf = load(*state, "excl",
		"10.0.0.0/16 :2:net\n"
		"!10.0.5.0/24\n"
		"10.0.5.9 :3:host inside the hole\n"
		"!10.0.7.1-10.0.7.3\n"
		"!10.0.7.2 :9:values of exclusions are ignored\n"
		"!10.9.0.0/16\n");                  /* excluding nothing listed */

	listed(zf, "10.0.0.0", "127.0.0.2", "net");
	listed(zf, "10.0.4.255", "127.0.0.2", "net");
	clean(zf, "10.0.5.0");
	clean(zf, "10.0.5.255");
	listed(zf, "10.0.6.0", "127.0.0.2", "net");
	listed(zf, "10.0.5.9", "127.0.0.3", "host inside the hole");  /* finer wins */
	listed(zf, "10.0.7.0", "127.0.0.2", "net");
	clean(zf, "10.0.7.1");
	clean(zf, "10.0.7.3");
	listed(zf, "10.0.7.4", "127.0.0.2", "net");
	clean(zf, "10.9.1.1");
	zonefile_free(zf);
}

static void ip4set_precedence(void **state)
{
	/* ip4set stores /25 and /28 alike as single addresses: at the same
	 * level an exclusion wins and every value answers, in file order:
	 * the first A, and every TXT (once each), joined by a space as the
	 * TXT records of a live answer are (checked with rbldnsd). */
	struct zonefile *zf = load(*state, "set",
		"10.0.0.0/26 :2:A26\n"
		"10.0.0.0/28 :3:B28\n"
		"10.0.3.0/24 :5:E24\n"
		"!10.0.3.0/25\n"
		"10.0.3.0/26 :6:F26\n"
		"10.2.0.0/16 :8:H16\n"
		"10.2.0.0/16 :9:I16\n"
		"10.3.0.0/16 :7:listed /16\n"
		"!10.3.0.0/16\n"
		"10.4.0.1 :2:\n"
		"10.4.0.1 :4:the TXT\n"
		"10.4.0.1 :5:the TXT\n"
		"10.4.0.1 :6:$ too\n");

	listed(zf, "10.0.0.1", "127.0.0.2", "A26 B28");
	listed(zf, "10.0.0.20", "127.0.0.2", "A26");
	clean(zf, "10.0.3.1");
	clean(zf, "10.0.3.100");
	listed(zf, "10.0.3.200", "127.0.0.5", "E24");
	listed(zf, "10.2.2.3", "127.0.0.8", "H16 I16");
	clean(zf, "10.3.0.1");
	listed(zf, "10.4.0.1", "127.0.0.2", "the TXT 10.4.0.1 too");
	zonefile_free(zf);
}

static void ip4trie_precedence(void **state)
{
	struct zonefile *zf = load_warns(*state, "trie",
		"# rbldnsd would take the type from its command line\n"
		"$DATASET ip4trie\n"
		"10.0.0.0/26 :2:A26\n"
		"10.0.0.0/28 :3:B28\n"
		"10.0.3.0/24 :5:E24\n"
		"!10.0.3.0/25\n"
		"10.0.3.0/26 :6:F26\n"
		"10.3.0.0/16 :7:first of equal prefixes\n"
		"!10.3.0.0/16\n"
		"0.0.0.0/0 :9:everything else\n"
		"10.5.0.0-10.5.0.9 :4:an ip4trie has no ranges\n", "11: an a-b range is not accepted "
		"in an ip4trie zone (write CIDRs); 1 line skipped, as rbldnsd skips them");

	listed(zf, "10.0.0.1", "127.0.0.3", "B28");
	listed(zf, "10.0.0.20", "127.0.0.2", "A26");
	listed(zf, "10.0.3.1", "127.0.0.6", "F26");
	clean(zf, "10.0.3.100");
	listed(zf, "10.0.3.200", "127.0.0.5", "E24");
	listed(zf, "10.3.0.1", "127.0.0.7", "first of equal prefixes");
	listed(zf, "10.5.0.9", "127.0.0.9", "everything else");
	listed(zf, "0.0.0.0", "127.0.0.9", "everything else");
	listed(zf, "255.255.255.255", "127.0.0.9", "everything else");
	zonefile_free(zf);
}

static void address_space_edges(void **state)
{
	/* The whole space sits at the /8 level, the exclusion's ragged ends
	 * at /32: the finest level holding an address answers. */
	struct zonefile *zf = load(*state, "edges",
		"0.0.0.0-255.255.255.255 :2:all\n"
		"!0.0.0.1-255.255.255.254\n"
		"255.255.255.0/24 :3:top\n");

	listed(zf, "0.0.0.0", "127.0.0.2", "all");
	clean(zf, "0.0.0.1");
	clean(zf, "128.0.0.0");
	clean(zf, "255.255.255.0");
	clean(zf, "255.255.255.254");
	listed(zf, "255.255.255.255", "127.0.0.3", "top");
	zonefile_free(zf);
}

static void maxrange(void **state)
{
	struct zonefile *zf = load_warns(*state, "maxrange",
		"10.9.0.0/16\n"
		"$MAXRANGE4 /24\n"
		"10.1.0.0/23\n"        /* over the limit: left out, as rbldnsd does */
		"10.2.0.0/24\n"
		"$MAXRANGE4 65536\n"   /* a limit may only shrink */
		"10.3.0.0/23\n",
		"3: 512 addresses are over $MAXRANGE4 256; 2 lines skipped, as rbldnsd skips them");

	listed(zf, "10.9.1.1", "127.0.0.2", "");
	clean(zf, "10.1.0.1");
	listed(zf, "10.2.0.1", "127.0.0.2", "");
	clean(zf, "10.3.0.1");
	zonefile_free(zf);
}

static void codes_classified_like_dns(void **state)
{
	struct zonefile *zf = load(*state, "codes",
		"10.0.0.1 :127.0.0.1:refused\n"
		"10.0.0.2 :127.255.255.254:open resolver\n"
		"10.0.0.3 :192.0.2.1:outside 127/8\n"
		"10.0.0.4 :2:fine\n"
		"10.0.0.4 :127.0.0.1:a second A record\n"
		"10.0.0.5 :127.0.0.10:fine\n");

	errored(zf, "10.0.0.1", LKE_BOGUS, "127.0.0.1");
	errored(zf, "10.0.0.2", LKE_BLOCKED, "127.255.255.254");
	errored(zf, "10.0.0.3", LKE_BOGUS, "192.0.2.1");
	errored(zf, "10.0.0.4", LKE_BOGUS, "127.0.0.1");
	listed(zf, "10.0.0.5", "127.0.0.10", "fine");
	zonefile_free(zf);
}

/* The listed ranges, for exact counting: exclusions cut them, bogus and
 * blocked codes are not listings, neighbours with other answers join,
 * and each range answers as listed at both ends and clean just outside. */
static void listed_ranges(void **state)
{
	struct zonefile *zf = load(*state, "spans",
		"10.0.0.0/16 :2:net\n"
		"!10.0.5.0/24\n"
		"10.0.5.9 :3:host inside the hole\n"
		"10.0.6.0/24 :4:another answer, next to the net\n"
		"10.1.0.1 :127.0.0.1:bogus\n"
		"10.1.0.2 :127.255.255.254:blocked\n"
		"10.1.0.3\n"
		"255.255.255.255\n");
	static const char *const want[][2] = {
		{ "10.0.0.0", "10.0.4.255" }, { "10.0.5.9", "10.0.5.9" },
		{ "10.0.6.0", "10.0.255.255" }, { "10.1.0.3", "10.1.0.3" },
		{ "255.255.255.255", "255.255.255.255" },
	};
	struct zone_spans sp;
	uint64_t total = 0;

	assert_int_equal(zonefile_listed(zf, &sp), 0);
	assert_int_equal(sp.n, sizeof want / sizeof want[0]);
	for (size_t i = 0; i < sp.n; i++) {
		assert_int_equal(sp.lo[i], ip_of(want[i][0]));
		assert_int_equal(sp.hi[i], ip_of(want[i][1]));
		total += (uint64_t)sp.hi[i] - sp.lo[i] + 1;
	}
	assert_int_equal(total, 65536 - 256 + 1 + 1 + 1);
	zone_spans_free(&sp);
	zone_spans_free(&sp);   /* twice is harmless */
	zonefile_free(zf);
}

/* ---- malformed files ---- */

static void malformed_lines(void **state)
{
	static const struct {
		const char *text, *reason;
	} cases[] = {
		{ "10.0.0.1\n# ok\n10.0.0.256\n", "3: bad address '10.0.0.256': an octet is over 255" },
		{ "\n\n10.0.0.0/33\n", "3: prefix length is over 32" },
		{ "10.0.0.0/\n", "1: a prefix length is missing after '/'" },
		{ ":2:x\n10.0.0.9-10.0.0.3\n", "2: range end 10.0.0.3 is before its start 10.0.0.9" },
		{ "10.0.0.9-3\n", "1: range end 10.0.0.3 is before its start 10.0.0.9" },
		{ "10.1.4.0-10.1.5\n", "1: range ends have 4 and 3 octets; give both ends alike" },
		{ "10.0.0.1-\n", "1: an address must follow '-'" },
		{ "10.0.0.1x\n", "1: unexpected 'x' after the address" },
		{ "10.0.0.1.5\n", "1: unexpected '.5' after the address" },
		{ "garbage here\n", "1: 'garbage' is not an address" },
		{ "10.-3\n", "1: bad address '10.-3': an octet is missing" },
		{ "10.0.0.1 :2:ok\n:x\n", "2: an A value must follow ':' (like :127.0.0.2:text or :2:text)" },
		{ "10\n", "1: bare number '10' is not an address (write 10/8)" },
		{ "10.1.4.5/24\n", "1: 10.1.4.5/24 has host bits set (the network is 10.1.4.0/24)" },
		{ "0.0.0.0/0\n", "1: a /0 entry is not accepted in an ip4set zone" },
		{ "10.0.0.1\r\n", "1: carriage return after the address (DOS line ends?)" },
		{ "10.0.0.1 :0:zero\n", "1: bad A value '0': 0 is not an address" },
		{ "10.0.0.1 :256:x\n", "1: bad A value '256': an octet is over 255" },
		{ "::no A\n", "1: an A value must follow ':' (like :127.0.0.2:text or :2:text)" },
		{ "10.0.0.1 :2 # x\n", "1: unexpected '#' after the A value (write :A:TXT)" },
		{ "$FOO bar\n", "1: unknown special entry '$FOO'" },
		{ "$1\n", "1: $1 has no text" },
		{ "$MAXRANGE4 lots\n", "1: $MAXRANGE4 needs a size like 256 or /24" },
		{ "$DATASET dnset\n", "1: $DATASET 'dnset' is not an ip4set or ip4trie zone" },
		{ "10.0.0.1\n$DATASET ip4trie\n", "2: $DATASET must come before the first entry" },
		{ "$DATASET ip4trie\n10.0.0.1-10.0.0.3\n",
		  "2: an a-b range is not accepted in an ip4trie zone (write CIDRs)" },
	};
	char name[32], want[300], text[300];
	struct zonefile *zf;

	for (size_t i = 0; i < sizeof(cases) / sizeof(cases[0]); i++) {
		/* rbldnsd warns and reads on: so does rblscope, with the first
		 * bad line named and the rest of the file loaded */
		snprintf(name, sizeof(name), "bad%zu", i);
		snprintf(want, sizeof(want), "%s; 1 line skipped, as rbldnsd skips them", cases[i].reason);
		snprintf(text, sizeof(text), "%s192.0.2.99 :3:after\n", cases[i].text);
		zf = load_warns(*state, name, text, want);
		listed(zf, "192.0.2.99", "127.0.0.3", "after");
		zonefile_free(zf);
	}
}

/* The entry limit: N entries load, N + 1 are refused, default lines
 * count (they take memory too), repeated lines count though they are
 * stored once. */
static void entry_cap(void **state)
{
	struct fx *f = *state;
	struct zone_opts three = { .max_entries = 3 };
	char path[512], err[512], want[600];
	struct zonefile *zf;

	write_file(f, "three", "10.0.0.1\n!10.0.0.2\n10.0.0.3/30\n", path, sizeof(path));
	zf = zonefile_load(path, &three, NULL, 0, err, sizeof(err));
	assert_non_null(zf);
	zonefile_free(zf);

	write_file(f, "four", "10.0.0.1\n:3:x\n10.0.0.2\n10.0.0.3\n", path, sizeof(path));
	assert_null(zonefile_load(path, &three, NULL, 0, err, sizeof(err)));
	snprintf(want, sizeof(want), "%s: more than 3 entries (raise --zone-max-entries)", path);
	assert_string_equal(err, want);

	write_file(f, "repeats", "10.0.0.1 x\n10.0.0.1 x\n10.0.0.1 x\n10.0.0.1 x\n", path, sizeof(path));
	assert_null(zonefile_load(path, &three, NULL, 0, err, sizeof(err)));
	snprintf(want, sizeof(want), "%s: more than 3 entries (raise --zone-max-entries)", path);
	assert_string_equal(err, want);
	assert_non_null(zf = zonefile_load(path, NULL, NULL, 0, err, sizeof(err)));
	assert_int_equal(zonefile_entries(zf), 4);
	zonefile_free(zf);
}

static long max_rss_kb(void)
{
	struct rusage ru;

	assert_int_equal(getrusage(RUSAGE_SELF, &ru), 0);
	return ru.ru_maxrss;
}

/* A small gzip file of one line repeated millions of times is refused
 * at the limit, without the memory its entries would take. */
static void gzip_bomb(void **state)
{
	struct fx *f = *state;
	struct zone_opts cap = { .max_entries = 1000000 };
	static const char line[] = "10.0.0.1 :2:spam from $\n";
	char path[512], err[512], want[600], *chunk;
	size_t n = 4096, len = sizeof(line) - 1;
	gzFile gz;
	long before;
	struct stat st;

	chunk = malloc(n * len);
	assert_non_null(chunk);
	for (size_t i = 0; i < n; i++)
		memcpy(chunk + i * len, line, len);
	gz = gzopen(path_of(f, "bomb.gz", path, sizeof(path)), "wb9");
	assert_non_null(gz);
	for (size_t i = 0; i < 1000; i++)   /* 4 million lines, 100 MB */
		assert_int_equal(gzwrite(gz, chunk, (unsigned)(n * len)), (int)(n * len));
	assert_int_equal(gzclose(gz), Z_OK);
	free(chunk);
	assert_int_equal(stat(path, &st), 0);
	assert_true(st.st_size < 1000000);

	before = max_rss_kb();
	assert_null(zonefile_load(path, &cap, NULL, 0, err, sizeof(err)));
	snprintf(want, sizeof(want), "%s: more than 1000000 entries (raise --zone-max-entries)", path);
	assert_string_equal(err, want);
	assert_true(max_rss_kb() - before < 32 * 1024);
}

/* Every skipped line is counted; the first one is named, the entries
 * around them answer. */
static void skipped_lines_counted(void **state)
{
	struct zonefile *zf = load_warns(*state, "skips",
		"10.0.0.1 :2:kept\n"
		"# fine\n"
		"10.0.0.300\n"
		"10.0.0.2/24\n"
		"$BOGUS x\n"
		"10.0.0.3 :0:zero\n"
		"10.0.0.4\n",
		"3: bad address '10.0.0.300': an octet is over 255; 4 lines skipped, as rbldnsd skips them");

	assert_int_equal(zonefile_entries(zf), 2);
	listed(zf, "10.0.0.1", "127.0.0.2", "kept");
	clean(zf, "10.0.0.3");
	clean(zf, "10.0.0.5");
	listed(zf, "10.0.0.4", "127.0.0.2", "");
	zonefile_free(zf);
}

static void unreadable_files(void **state)
{
	struct fx *f = *state;
	char path[512], err[512], want[600];

	path_of(f, "no-such-zone", path, sizeof(path));
	assert_null(zonefile_load(path, NULL, NULL, 0, err, sizeof(err)));
	snprintf(want, sizeof(want), "%s: cannot read: No such file or directory", path);
	assert_string_equal(err, want);

	assert_null(zonefile_load(f->dir, NULL, NULL, 0, err, sizeof(err)));
	snprintf(want, sizeof(want), "%s: not a regular file", f->dir);
	assert_string_equal(err, want);
}

static void refused(const char *path, const char *reason)
{
	char err[512], want[600];

	err[0] = '\0';
	assert_null(zonefile_load(path, NULL, NULL, 0, err, sizeof(err)));
	snprintf(want, sizeof(want), "%s:%s", path, reason);
	assert_string_equal(err, want);
}

/* A device, a FIFO without a writer (which a blocking open would wait on
 * for ever) and a socket are refused at once. */
static void non_regular_files(void **state)
{
	struct fx *f = *state;
	struct sockaddr_un sa = { .sun_family = AF_UNIX };
	char path[512];
	int fd;

	refused("/dev/zero", " not a regular file");
	refused("/dev/null", " not a regular file");
	assert_int_equal(mkfifo(path_of(f, "fifo", path, sizeof(path)), 0600), 0);
	alarm(10);   /* a hang fails the test instead of stalling it */
	refused(path, " not a regular file");
	alarm(0);
	fd = socket(AF_UNIX, SOCK_STREAM, 0);
	assert_true(fd >= 0);
	path_of(f, "sock", sa.sun_path, sizeof(sa.sun_path));
	assert_int_equal(bind(fd, (struct sockaddr *)&sa, sizeof(sa)), 0);
	refused(sa.sun_path, " not a regular file");
	close(fd);
}

/* rbldnsd ends a line at a NUL byte and reads on, so a zeroed file would
 * load as an empty, all-clean zone: refused, plain or gzip. */
static void nul_bytes(void **state)
{
	struct fx *f = *state;
	char path[512], zeros[4096] = { 0 };
	FILE *fp;

	fp = fopen(path_of(f, "zeros", path, sizeof(path)), "w");
	assert_non_null(fp);
	assert_int_equal(fwrite(zeros, 1, sizeof(zeros), fp), sizeof(zeros));
	assert_int_equal(fclose(fp), 0);
	refused(path, "1: NUL byte in line");

	fp = fopen(path_of(f, "nul-mid", path, sizeof(path)), "w");
	assert_non_null(fp);
	assert_int_equal(fwrite("10.0.0.1\n10.0.0.2\0junk\n", 1, 23, fp), 23);
	assert_int_equal(fclose(fp), 0);
	refused(path, "2: NUL byte in line");

	write_gz_bytes(f, "zeros.gz", zeros, sizeof(zeros));
	refused(path_of(f, "zeros.gz", path, sizeof(path)), "1: NUL byte in line");
	write_gz_bytes(f, "nul-last.gz", "10.0.0.1\n# x\n10.0.0.3\0", 22);
	refused(path_of(f, "nul-last.gz", path, sizeof(path)), "3: NUL byte in line");
}

static void empty_file(void **state)
{
	struct zonefile *zf = load(*state, "empty", "# nothing listed\n");

	assert_int_equal(zonefile_entries(zf), 0);
	clean(zf, "0.0.0.0");
	clean(zf, "255.255.255.255");
	zonefile_free(zf);
}

/* ---- the backend over a folder ---- */

struct answer {
	int calls;
	struct lookup res;
	char txt[LOOKUP_TXT_MAX];
};

static void on_answer(void *arg, const struct lookup *res)
{
	struct answer *a = arg;

	a->calls++;
	a->res = *res;
	/* the backend's text lives for the call: keep a copy */
	snprintf(a->txt, sizeof a->txt, "%s", res->txt);
	a->res.txt = a->txt;
}

static struct answer ask(struct backend *be, const char *ip, const char *zone)
{
	static struct answer a;

	memset(&a, 0, sizeof a);

	/* 1: answered synchronously, nothing to pace */
	assert_int_equal(backend_query(be, ip_of(ip), zone, BQ_TXT, on_answer, &a), 1);
	assert_int_equal(a.calls, 1);   /* exactly once */
	return a;
}

static void backend_over_folder(void **state)
{
	struct fx *f = *state;
	const char *zones[] = { "dnsbl-1.example", "dnsbl-2.example", "dnsbl-3.example" };
	char path[512], warn[256], err[256], want[300];
	struct backend *be;
	struct answer a;

	write_file(f, "dnsbl-1.example", ":2:IP $ is listed\n192.0.2.7\n", path, sizeof(path));
	write_gz(f, "dnsbl-2.example.gz", ":2:Net 192.0.2.0/24 is listed\n192.0.2.0/24\n", 0);
	be = zonedir_backend_new(f->dir, zones, 3, NULL, warn, sizeof(warn), err, sizeof(err));
	assert_non_null(be);
	snprintf(want, sizeof(want), "no zone file for dnsbl-3.example in %s", f->dir);
	assert_string_equal(warn, want);
	snprintf(want, sizeof(want), "zones %s", f->dir);
	assert_string_equal(be->ops->describe(be), want);
	assert_int_equal(be->ops->inflight(be), 0);

	a = ask(be, "192.0.2.7", "dnsbl-1.example");
	assert_int_equal(a.res.state, LK_LISTED);
	assert_int_equal(a.res.code, 0x7f000002u);
	assert_string_equal(a.res.txt, "IP 192.0.2.7 is listed");
	a = ask(be, "192.0.2.8", "dnsbl-1.example");
	assert_int_equal(a.res.state, LK_CLEAN);
	a = ask(be, "192.0.2.8", "dnsbl-2.example");
	assert_int_equal(a.res.state, LK_LISTED);
	assert_string_equal(a.res.txt, "Net 192.0.2.0/24 is listed");
	a = ask(be, "192.0.2.8", "dnsbl-3.example");
	assert_int_equal(a.res.state, LK_ERROR);
	assert_int_equal(a.res.error, LKE_NODATA);
	a = ask(be, "192.0.2.7", "unknown.example");
	assert_int_equal(a.res.state, LK_ERROR);
	assert_int_equal(a.res.error, LKE_NODATA);
	/* Its zone files, for exact counting; none without a file. */
	assert_non_null(zonedir_zonefile(be, "dnsbl-2.example"));
	assert_int_equal(zonefile_entries(zonedir_zonefile(be, "dnsbl-2.example")), 1);
	assert_null(zonedir_zonefile(be, "dnsbl-3.example"));
	assert_null(zonedir_zonefile(be, "unknown.example"));
	assert_null(zonedir_zonefile(NULL, "dnsbl-2.example"));
	backend_destroy(be);
}

static void backend_warns_each_missing_zone(void **state)
{
	struct fx *f = *state;
	const char *zones[] = { "missing-a.example", "missing-b.example" };
	char warn[256], err[256], want[300];
	struct backend *be;

	be = zonedir_backend_new(f->dir, zones, 2, NULL, warn, sizeof(warn), err, sizeof(err));
	assert_non_null(be);
	snprintf(want, sizeof(want), "no zone file for missing-a.example in %s\n"
	         "no zone file for missing-b.example in %s", f->dir, f->dir);
	assert_string_equal(warn, want);
	backend_destroy(be);

	be = zonedir_backend_new(f->dir, zones, 2, NULL, NULL, 0, err, sizeof(err));
	assert_non_null(be);   /* warn may be NULL */
	backend_destroy(be);
}

static void backend_errors(void **state)
{
	struct fx *f = *state;
	const char *zones[] = { "good.example", "broken.example" };
	char path[512], dir[600], warn[256], err[700], want[700];

	snprintf(dir, sizeof(dir), "%s/no-such-folder", f->dir);
	assert_null(zonedir_backend_new(dir, zones, 1, NULL, warn, sizeof(warn), err, sizeof(err)));
	snprintf(want, sizeof(want), "cannot read zone folder '%s': No such file or directory", dir);
	assert_string_equal(err, want);

	write_file(f, "good.example", "192.0.2.1\n", path, sizeof(path));
	write_file(f, "broken.example", "192.0.2.1\n192.0.2.2\n", path, sizeof(path));
	snprintf(want, sizeof(want), "%s: more than 1 entries (raise --zone-max-entries)", path);
	assert_null(zonedir_backend_new(f->dir, zones, 2, &(struct zone_opts){ .max_entries = 1 },
	                                warn, sizeof(warn), err, sizeof(err)));
	assert_string_equal(err, want);
}

/* Skipped lines are one warning line per zone file, after the missing
 * zones' lines. */
static void backend_warns_skipped_lines(void **state)
{
	struct fx *f = *state;
	const char *zones[] = { "skips-a.example", "none.example", "skips-b.example" };
	char a[512], b[512], warn[1024], err[256], want[2000];
	struct backend *be;

	write_file(f, "skips-a.example", "192.0.2.1\nnonsense\nmore nonsense\n", a, sizeof(a));
	write_file(f, "skips-b.example", "192.0.2.0/33\n192.0.2.1\n", b, sizeof(b));
	be = zonedir_backend_new(f->dir, zones, 3, NULL, warn, sizeof(warn), err, sizeof(err));
	assert_non_null(be);
	snprintf(want, sizeof(want),
	         "%s:2: 'nonsense' is not an address; 2 lines skipped, as rbldnsd skips them\n"
	         "no zone file for none.example in %s\n"
	         "%s:1: prefix length is over 32; 1 line skipped, as rbldnsd skips them",
	         a, f->dir, b);
	assert_string_equal(warn, want);
	assert_int_equal(ask(be, "192.0.2.1", "skips-b.example").res.state, LK_LISTED);
	backend_destroy(be);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(single_cidr_abbreviated),
		cmocka_unit_test(ranges),
		cmocka_unit_test(values_and_defaults),
		cmocka_unit_test(substitution),
		cmocka_unit_test(base_template),
		cmocka_unit_test(comments_specials_whitespace),
		cmocka_unit_test(long_lines_and_txt_limit),
		cmocka_unit_test(control_characters_sanitised),
		cmocka_unit_test(gzip_files),
		cmocka_unit_test(exclusions),
		cmocka_unit_test(ip4set_precedence),
		cmocka_unit_test(ip4trie_precedence),
		cmocka_unit_test(address_space_edges),
		cmocka_unit_test(maxrange),
		cmocka_unit_test(codes_classified_like_dns),
		cmocka_unit_test(malformed_lines),
		cmocka_unit_test(skipped_lines_counted),
		cmocka_unit_test(entry_cap),
		cmocka_unit_test(gzip_bomb),
		cmocka_unit_test(unreadable_files),
		cmocka_unit_test(non_regular_files),
		cmocka_unit_test(nul_bytes),
		cmocka_unit_test(empty_file),
		cmocka_unit_test(backend_over_folder),
		cmocka_unit_test(backend_warns_each_missing_zone),
		cmocka_unit_test(backend_errors),
		cmocka_unit_test(backend_warns_skipped_lines),
		cmocka_unit_test(listed_ranges),
	};

	return cmocka_run_group_tests(tests, group_setup, group_teardown);
}
