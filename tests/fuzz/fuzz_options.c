/* Fuzzing core/scan/options.c: the input split at NUL bytes is an argv for
 * options_parse, and its first piece alone a target for target_parse.
 * Neither may crash; what they accept must be in range. */
#include <getopt.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "core/scan/options.h"
#include "tests/fuzz/fuzz.h"

#define MAX_ARGS 32

/* A target as wide as /min_prefix at most (16; 0 for --export png). */
static void check_target(const struct target *t, unsigned min_prefix)
{
	FZ_CHECK(fz_terminated(t->text, sizeof t->text));
	if (t->kind == TARGET_ASN) {
		FZ_CHECK(t->asn != 0);
		return;
	}
	FZ_CHECK(t->kind == TARGET_NET);
	FZ_CHECK(t->prefix >= min_prefix && t->prefix <= 32);
	FZ_CHECK((t->net & fz_host_mask(t->prefix)) == 0);
	/* The focus (the cursor) lies in the network scanned. */
	FZ_CHECK((t->focus & ~fz_host_mask(t->prefix)) == t->net);
}

static void fuzz_target(const char *s)
{
	struct target t;
	char err[128];

	err[0] = '\0';
	if (target_parse(s, &t, err, sizeof err) == 0) {
		check_target(&t, 16);
	} else {
		/* The reason quotes the argument as given, newlines and all:
		 * the user's own bytes, so only its presence is checked. */
		FZ_CHECK(err[0] != '\0' && fz_terminated(err, sizeof err));
	}
}

/* Back to getopt's first-call state, as tests/core/scan/test_options.c does:
 * glibc keeps scanning state between argvs. */
static void getopt_fresh(void)
{
	static char prog[] = "reset";
	static char *none[] = { prog, NULL };

	opterr = 0;
	optind = 0;
	while (getopt(1, none, "") != -1)
		;
}

static void check_options(const struct options *o, int rc)
{
	FZ_CHECK(rc == -1 || rc == 0 || rc == EXIT_USAGE);
	if (rc != -1)
		return;
	FZ_CHECK(o->profile != NULL);
	/* a target, or a mode that brings its own: the demo, the census (every
	 * ASN, from zone files), two snapshots to compare, a snapshot's
	 * targets, a history's timeline */
	FZ_CHECK(o->has_target || o->demo || (o->census && o->zones_dir) ||
	         (o->diff_old && o->diff_new) || o->open_path || o->since_path || o->history);
	FZ_CHECK(!o->diff_old || (o->diff_new && !o->open_path && !o->since_path));
	FZ_CHECK(!(o->zones_dir && o->resolver));
	FZ_CHECK(o->rate == 0 || (o->rate >= OPT_MIN_RATE && o->rate <= OPT_MAX_RATE));
	FZ_CHECK(o->timeout_ms >= 1 && o->timeout_ms <= 600000);
	FZ_CHECK(o->retries <= 20 && o->window <= 65536);   /* 0: adaptive */
	FZ_CHECK(o->deadline_s <= 86400);
	/* a map counts from zone files only */
	FZ_CHECK(o->export != EXPORT_PNG || o->zones_dir || o->demo);
	if (o->has_target)
		check_target(&o->target, o->export == EXPORT_PNG ? 0 : 16);
}

/* options_parse with its usage lines and --help sent to /dev/null:
 * thousands of runs a second would drown libFuzzer's log.  glibc's
 * stdout and stderr are plain variables. */
static int quiet_parse(struct options *o, int argc, char **argv)
{
	static FILE *null;
	FILE *out = stdout, *err = stderr;
	int rc;

	if (!null && !(null = fopen("/dev/null", "w")))
		abort();
	stdout = stderr = null;
	rc = options_parse(o, argc, argv);
	stdout = out;
	stderr = err;
	return rc;
}

static void fuzz_options(char *buf, size_t size)
{
	char prog[] = "rblscope", no_config[] = "--no-config", *argv[MAX_ARGS + 3];
	struct options o;
	int argc = 0;

	argv[argc++] = prog;
	argv[argc++] = no_config;
	for (size_t i = 0; i < size && argc <= MAX_ARGS; i += strlen(buf + i) + 1) {
		/* --config and --targets read files (tests/fuzz/fuzz_config.c
		 * and the targets' unit tests cover their contents) */
		if (strncmp(buf + i, "--co", 4) == 0 || strncmp(buf + i, "--ta", 4) == 0)
			return;
		argv[argc++] = buf + i;
	}
	argv[argc] = NULL;
	getopt_fresh();
	check_options(&o, quiet_parse(&o, argc, argv));
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	char *buf = malloc(size + 1);

	FZ_CHECK(buf != NULL);
	memcpy(buf, data, size);
	buf[size] = '\0';
	fuzz_target(buf);
	fuzz_options(buf, size);
	free(buf);
	return 0;
}
