/* Unit tests for core/export/asnreport.c: the text snapshot of an ASN
 * names the demo's policy in its header, and only in the demo.  The ASN
 * scan is one network with no probe, made by hand. */
#include <stdarg.h>
#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>
#include <setjmp.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>
#include <cmocka.h>

#include "core/export/asnreport.h"

#define WHEN ((time_t)1795357800)   /* 2026-11-22 14:30:00 UTC */
#define POLICY "2021-02-08: UCEPROTECT from 8 Feb 2021 (impacts) (demo)"

static struct asnscan_net net = { 0xc6120000u, 15, 0, 0, 512 };   /* 198.18.0.0/15 */

static void asn_fill(struct asnscan *a, struct session *s)
{
	memset(a, 0, sizeof *a);
	a->asn = 64512;
	a->org = "DEMO-HOSTING, ZZ";
	a->total = 131072;
	a->nets = &net;
	a->nnets = 1;
	memset(s, 0, sizeof *s);
}

/* The text snapshot with policy, as a malloc'd string. */
static char *text_of(const struct session *s, const struct asnscan *a, const char *policy)
{
	char *buf = NULL;
	size_t len = 0;
	FILE *f = open_memstream(&buf, &len);

	assert_non_null(f);
	assert_int_equal(asnreport_write(f, EXPORT_TEXT, s, a, policy, WHEN), 0);
	assert_int_equal(fclose(f), 0);
	return buf;
}

static void header_names_the_policy(void **state)
{
	struct asnscan a;
	struct session s;
	char *text;

	(void)state;
	asn_fill(&a, &s);
	text = text_of(&s, &a, POLICY);
	assert_non_null(strstr(text, "\n  asn       AS64512 DEMO-HOSTING, ZZ\n"));
	assert_non_null(strstr(text, "\n  source    -\n  policy    " POLICY "\n"));
	free(text);
	text = text_of(&s, &a, NULL);
	assert_null(strstr(text, "policy"));   /* outside the demo */
	free(text);
}

/* CSV rows are for scripts: no header, no policy. */
static void rows_leave_the_policy_out(void **state)
{
	struct asnscan a;
	struct session s;
	char *buf = NULL;
	size_t len = 0;
	FILE *f;

	(void)state;
	asn_fill(&a, &s);
	f = open_memstream(&buf, &len);
	assert_non_null(f);
	assert_int_equal(asnreport_write(f, EXPORT_CSV, &s, &a, POLICY, WHEN), 0);
	assert_int_equal(fclose(f), 0);
	assert_null(strstr(buf, "policy"));
	assert_non_null(strstr(buf, "\n198.18.0.0/15,131072,"));
	free(buf);
}

/* The columns are named by the profile's zones of the ASN and range
 * roles: "l3" and "l2_..." under UCEPROTECT, a user's own keys else. */
static void columns_from_the_profile(void **state)
{
	static const struct profile mine = { "mine", "mine", 2, {
		{ "nets", "nets.example", ZR_RANGE, "ranges", "NETS", true, 0, NULL },
		{ "whole", "whole.example", ZR_ASN, "ASNs", "WHOLE", true, 0, NULL },
	}, "test" };
	struct asnscan a;
	struct session s;
	char *buf = NULL;
	size_t len = 0;
	FILE *f;

	(void)state;
	asn_fill(&a, &s);
	s.profile = profile_find("uceprotect");
	f = open_memstream(&buf, &len);
	assert_int_equal(asnreport_write(f, EXPORT_CSV, &s, &a, NULL, WHEN), 0);
	assert_int_equal(fclose(f), 0);
	assert_memory_equal(buf, "network,size,l3,l2_listed_24s,", 30);
	free(buf);
	s.profile = &mine;
	f = open_memstream(&buf, &len);
	assert_int_equal(asnreport_write(f, EXPORT_JSON, &s, &a, NULL, WHEN), 0);
	assert_int_equal(fclose(f), 0);
	/* no probe answered: pending, never clean */
	if (!strstr(buf, "\"whole\":\"pending\",\"nets_listed_24s\":0,"))
		fail_msg("%s", buf);
	assert_null(strstr(buf, "l3"));
	free(buf);
}

static void snapshot_file_names_the_policy(void **state)
{
	const char *tmp = getenv("TMPDIR");
	char dir[512], path[4096], want[4096], line[512];
	struct asnscan a;
	struct session s;
	bool found = false;
	FILE *f;

	(void)state;
	snprintf(dir, sizeof dir, "%s/rblscope-asnreport-XXXXXX", tmp && *tmp ? tmp : "/tmp");
	assert_non_null(mkdtemp(dir));
	asn_fill(&a, &s);
	assert_int_equal(asnreport_snapshot_file(dir, &s, &a, POLICY, WHEN, path, sizeof path), 0);
	snprintf(want, sizeof want, "%s/rblscope-AS64512-20261122-143000.txt", dir);
	assert_string_equal(path, want);
	f = fopen(path, "r");
	assert_non_null(f);
	while (fgets(line, sizeof line, f))
		found = found || strcmp(line, "  policy    " POLICY "\n") == 0;
	fclose(f);
	assert_true(found);
	assert_int_equal(unlink(path), 0);
	assert_int_equal(rmdir(dir), 0);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(header_names_the_policy),
		cmocka_unit_test(rows_leave_the_policy_out),
		cmocka_unit_test(columns_from_the_profile),
		cmocka_unit_test(snapshot_file_names_the_policy),
	};

	return cmocka_run_group_tests(tests, NULL, NULL);
}
