/* Unit tests for core/scan/profileparse.c and the profile files: a good
 * profile is read whole, every broken line is refused with its file and
 * line, the built-in profiles (the catalogue too) load, and user
 * profiles come from files and directories. */
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <setjmp.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>
#include <cmocka.h>

#include "core/scan/profile.h"

#define HEAD "name t\ntitle T\nzone z zen.example single\ntitle Z\n"

static int parse(const char *text, struct profile *p, char *err, size_t errlen)
{
	return profile_parse("t.profile", text, strlen(text), p, err, errlen);
}

static void good_profile(void **state)
{
	static const char text[] =
		"# a comment\n"
		"name my-list_2\n"
		"title My lists\n"
		"zone zen zen.spamhaus.org single   # the address\n"
		"label ZEN\n"
		"title Spamhaus ZEN\n"
		"code 127.0.0.2 SBL\n"
		"code 127.0.0.4-127.0.0.7 XBL\n"
		"code 127.0.0.10-127.0.0.11 PBL\n"
		"error 127.255.255.0/24 blocked: query refused\n"
		"zone any_1 Any.Example-1.org info\n"
		"title Anything\n"
		"codes any\n"
		"error 127.0.0.1 test entry\n";
	struct profile p;
	char err[200] = "";
	const struct zone_code *k;

	(void)state;
	assert_int_equal(profile_parse("t.profile", text, sizeof text - 1, &p, err, sizeof err), 0);
	assert_string_equal(p.name, "my-list_2");
	assert_string_equal(p.title, "My lists");
	assert_int_equal(p.nzones, 2);
	assert_string_equal(p.zones[0].key, "zen");
	assert_string_equal(p.zones[0].zone, "zen.spamhaus.org");
	assert_int_equal(p.zones[0].role, ZR_SINGLE);
	assert_string_equal(p.zones[0].label, "ZEN");
	assert_string_equal(p.zones[0].title, "Spamhaus ZEN");
	assert_false(p.zones[0].any);
	assert_int_equal(p.zones[0].ncodes, 4);
	k = profile_code_find(&p.zones[0], 0x7f000005u);
	assert_non_null(k);
	assert_string_equal(k->meaning, "XBL");
	assert_false(k->error);
	assert_null(profile_code_find(&p.zones[0], 0x7f000003u));
	assert_null(profile_code_find(&p.zones[0], 0x7f000008u));
	assert_string_equal(profile_code_find(&p.zones[0], 0x7f00000bu)->meaning, "PBL");
	k = profile_code_find(&p.zones[0], 0x7fffff7bu);
	assert_non_null(k);
	assert_true(k->error);
	assert_string_equal(k->meaning, "blocked: query refused");
	/* the label defaults to the key */
	assert_string_equal(p.zones[1].label, "any_1");
	assert_true(p.zones[1].any);
	assert_int_equal(p.zones[1].role, ZR_INFO);
	assert_true(profile_code_find(&p.zones[1], 0x7f000001u)->error);
	profile_free(&p);
}

/* Each broken text and the start of its message. */
static const struct {
	const char *text, *err;
} bad[] = {
	{ "", "t.profile: no 'name' line" },
	{ "name t\n", "t.profile: no 'title' line" },
	{ "name t\ntitle T\n", "t.profile: no 'zone' line" },
	{ "name t\nname u\n", "t.profile:2: name is given twice" },
	{ "name T\n", "t.profile:1: name 'T' is not" },
	{ "name t\ntitle T\nzone z zen.example info\ntitle Z\ncodes any\n",
	  "t.profile: no zone of role single" },
	{ "nme t\n", "t.profile:1: unknown key 'nme'" },
	{ "name t\ntitle T\nzone Z zen.example single\n", "t.profile:3: zone key 'Z' is not" },
	{ "name t\ntitle T\nzone abcdefghijklmnopq zen.example single\n", "t.profile:3: zone key" },
	{ "name t\ntitle T\nzone z-1 zen.example single\n", "t.profile:3: zone key 'z-1'" },
	{ "name t\ntitle T\nzone z zen single\n", "t.profile:3: zone z: 'zen' is not a DNS name" },
	{ "name t\ntitle T\nzone z zen..example single\n", "t.profile:3: zone z: 'zen..example'" },
	{ "name t\ntitle T\nzone z -zen.example single\n", "t.profile:3: zone z: '-zen.example'" },
	{ "name t\ntitle T\nzone z zen_1.example single\n", "t.profile:3: zone z: 'zen_1.example'" },
	{ "name t\ntitle T\nzone z zen.example solo\n", "t.profile:3: zone z: role 'solo'" },
	{ "name t\ntitle T\nzone z zen.example\n", "t.profile:3: zone wants KEY DNSNAME ROLE" },
	{ "name t\ntitle T\nzone z zen.example single x\n", "t.profile:3: zone wants" },
	{ HEAD "zone z other.example info\n", "t.profile:3: zone z documents no code" },
	{ HEAD "code 127.0.0.2 x\nzone z other.example info\n", "t.profile:6: zone key z is given twice" },
	{ HEAD "code 127.0.0.2 x\nzone y zen.example info\n", "t.profile:6: zone y: zen.example is given twice" },
	{ HEAD "code 127.0.0.2 x\nzone y a.example single\n", "t.profile:6: zone y: a profile has one single" },
	{ "name t\ntitle T\nzone z zen.example single\ncode 127.0.0.2 x\n", "t.profile:3: zone z has no 'title' line" },
	{ HEAD "title Y\n", "t.profile:5: title is given twice for this zone" },
	{ HEAD "code 127.0.0.2\n", "t.profile:5: code wants an address or range and a meaning" },
	{ HEAD "code 127.0.0.1 x\n", "t.profile:5: 127.0.0.1 is never a listing" },
	{ HEAD "code 127.0.0.0-127.0.0.3 x\n", "t.profile:5: 127.0.0.1 is never a listing" },
	{ HEAD "code 10.0.0.2 x\n", "t.profile:5: '10.0.0.2' is outside 127.0.0.0/8" },
	{ HEAD "code 127.0.0.2-128.0.0.1 x\n", "t.profile:5: '127.0.0.2' is outside" },
	{ HEAD "code 127.0.0.7-127.0.0.4 x\n", "t.profile:5: range 127.0.0.7-127.0.0.4 runs backwards" },
	{ HEAD "code 127.0.0.0/24 x\n", "t.profile:5: code takes an address or A-B" },
	{ HEAD "error 127.255.255.1/24 x\n", "t.profile:5: '127.255.255.1/24' is not a prefix without host bits" },
	{ HEAD "code 127.0.0.256 x\n", "t.profile:5: '127.0.0.256' is not an address" },
	{ HEAD "code 127.0.0.2 x\ncode 127.0.0.2-127.0.0.3 y\n", "t.profile:6: 127.0.0.2-127.0.0.3 overlaps" },
	{ HEAD "error 127.255.255.0/24 x\nerror 127.255.255.9 y\n", "t.profile:6: 127.255.255.9 overlaps" },
	{ HEAD "codes all\n", "t.profile:5: codes takes 'any'" },
	{ HEAD "code 127.0.0.2 x\ncodes any\n", "t.profile:6: codes any after a code line" },
	{ HEAD "codes any\ncode 127.0.0.2 x\n", "t.profile:6: code after 'codes any'" },
	{ "name t\ntitle T\nlabel L\n", "t.profile:3: label before the first zone line" },
	{ "name t\ntitle T\ncode 127.0.0.2 x\n", "t.profile:3: code before the first zone line" },
	{ HEAD "label ABCDEFGHIJKLMNOPQ\n", "t.profile:5: label is longer than 16" },
	{ HEAD "label A\nlabel B\n", "t.profile:6: label is given twice" },
	{ "name t\ntitle T\x01\n", "t.profile:2: control character (byte 1)" },
};

static void bad_profiles(void **state)
{
	struct profile p;
	char err[200];

	(void)state;
	for (size_t i = 0; i < sizeof bad / sizeof bad[0]; i++) {
		err[0] = '\0';
		if (parse(bad[i].text, &p, err, sizeof err) == 0)
			fail_msg("accepted: %s", bad[i].text);
		if (strncmp(err, bad[i].err, strlen(bad[i].err)) != 0)
			fail_msg("for %s\nwant %s\ngot  %s", bad[i].text, bad[i].err, err);
	}
}

/* A long line and too many zones or codes. */
static void limits(void **state)
{
	char text[40000], err[200];
	struct profile p;
	size_t n;

	(void)state;
	n = (size_t)snprintf(text, sizeof text, HEAD);
	for (unsigned i = 0; i <= PROFILE_MAX_CODES; i++)
		n += (size_t)snprintf(text + n, sizeof text - n, "code 127.0.1.%u c\n", i + 1);
	assert_int_equal(parse(text, &p, err, sizeof err), -1);
	assert_string_equal(err, "t.profile:69: more than 64 code and error lines in a zone");

	n = (size_t)snprintf(text, sizeof text, HEAD "codes any\n");
	for (unsigned i = 1; i <= PROFILE_MAX_ZONES; i++)
		n += (size_t)snprintf(text + n, sizeof text - n,
		                      "zone z%u z%u.example info\ntitle x\ncodes any\n", i, i);
	assert_int_equal(parse(text, &p, err, sizeof err), -1);
	assert_string_equal(err, "t.profile:99: more than 32 zones");

	memset(text, 'a', 1100);
	memcpy(text, "name ", 5);
	text[1100] = '\0';
	assert_int_equal(parse(text, &p, err, sizeof err), -1);
	assert_string_equal(err, "t.profile:1: line longer than 1023 characters");
}

static void catalogue_loads(void **state)
{
	const struct profile *c = profile_find("catalogue");
	const struct zone_def *zen = NULL;

	(void)state;
	assert_non_null(c);
	assert_string_equal(c->source, "built-in");
	assert_true(c->nzones >= 20);
	for (size_t z = 0; z < c->nzones; z++) {
		assert_true(c->zones[z].any || c->zones[z].ncodes > 0);
		if (strcmp(c->zones[z].key, "zen") == 0)
			zen = &c->zones[z];
	}
	assert_non_null(zen);
	assert_string_equal(profile_code_find(zen, 0x7f000002u)->meaning, "SBL");
	assert_string_equal(profile_code_find(zen, 0x7f000004u)->meaning, "XBL");
	assert_string_equal(profile_code_find(zen, 0x7f00000au)->meaning, "PBL");
	assert_true(profile_code_find(zen, 0x7ffffffeu)->error);
	assert_null(profile_code_find(zen, 0x7f000008u));
}

static void write_file(const char *path, const char *text)
{
	FILE *f = fopen(path, "w");

	assert_non_null(f);
	fputs(text, f);
	fclose(f);
}

static void user_profiles(void **state)
{
	char dir[] = "/tmp/rblscope-profile-XXXXXX", path[200], err[300];

	(void)state;
	assert_non_null(mkdtemp(dir));
	snprintf(path, sizeof path, "%s/mine.profile", dir);
	write_file(path, "name mine\ntitle Mine\nzone m list.example single\ntitle M\ncode 127.0.0.2 x\n");
	snprintf(err, sizeof err, "%s/ignored.txt", dir);
	write_file(err, "not a profile");
	assert_int_equal(profile_add_dir(dir, err, sizeof err), 0);
	assert_non_null(profile_find("mine"));
	assert_string_equal(profile_find("mine")->source, path);
	/* the same file again is no new profile */
	assert_int_equal(profile_add_file(path, err, sizeof err), 0);

	/* a built-in name is refused */
	snprintf(path, sizeof path, "%s/other.profile", dir);
	write_file(path, "name spamhaus\ntitle Mine\nzone m list.example single\ntitle M\ncodes any\n");
	assert_int_equal(profile_add_file(path, err, sizeof err), -1);
	assert_non_null(strstr(err, "profile name 'spamhaus' is taken by built-in profile spamhaus"));
	assert_int_equal(strncmp(err, path, strlen(path)), 0);
	unlink(path);

	/* a broken one names its line */
	snprintf(path, sizeof path, "%s/broken.profile", dir);
	write_file(path, "name broken\ntitle B\nzone b b.example single\ntitle B\ncode 127.0.0.1 x\n");
	assert_int_equal(profile_add_file(path, err, sizeof err), -1);
	snprintf(dir + strlen(dir), sizeof dir - strlen(dir), "%s", "");
	assert_non_null(strstr(err, "broken.profile:5: 127.0.0.1 is never a listing"));
	unlink(path);
	assert_int_equal(profile_add_file("/nonexistent/x.profile", err, sizeof err), -1);
	assert_string_equal(err, "/nonexistent/x.profile: No such file or directory");
	assert_int_equal(profile_add_dir("/nonexistent", err, sizeof err), 0);
	snprintf(path, sizeof path, "%s/mine.profile", dir);
	unlink(path);
	snprintf(path, sizeof path, "%s/ignored.txt", dir);
	unlink(path);
	rmdir(dir);
}

static void user_dir(void **state)
{
	char buf[200];

	(void)state;
	setenv("XDG_CONFIG_HOME", "/x/conf", 1);
	assert_int_equal(profile_user_dir(buf, sizeof buf), 0);
	assert_string_equal(buf, "/x/conf/rblscope/profiles");
	setenv("XDG_CONFIG_HOME", "relative", 1);
	setenv("HOME", "/home/u", 1);
	assert_int_equal(profile_user_dir(buf, sizeof buf), 0);
	assert_string_equal(buf, "/home/u/.config/rblscope/profiles");
	unsetenv("XDG_CONFIG_HOME");
	unsetenv("HOME");
	assert_int_equal(profile_user_dir(buf, sizeof buf), -1);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(good_profile),
		cmocka_unit_test(bad_profiles),
		cmocka_unit_test(limits),
		cmocka_unit_test(catalogue_loads),
		cmocka_unit_test(user_profiles),
		cmocka_unit_test(user_dir),
	};

	return cmocka_run_group_tests(tests, NULL, NULL);
}
