/* The real demo for the TUI's tests: its zone files written and read by
 * the zone-file backend, its ASN database (built by make in
 * build/demo/), a session over them.  Header only. */
#ifndef RBLSCOPE_TEST_DEMOFIX_H
#define RBLSCOPE_TEST_DEMOFIX_H

#include <stdlib.h>

#include "core/demo/demo.h"
#include "core/scan/options.h"
#include "core/scan/session.h"

struct demofix {
	struct options opt;
	struct session s;
	struct demo *d;
};

/* Open the demo with the extra arguments args (NULL-terminated, may be
 * NULL), as `rblscope --demo ARGS...` would.  0, or -1. */
static inline int demofix_open(struct demofix *f, const char *const *args)
{
	char *argv[16] = { "rblscope", "--demo" };
	char err[512];
	int argc = 2;

	/* The tests run from the top of the tree, where make built it. */
	setenv("RBLSCOPE_DEMO_DB", "build/demo/asn.mmdb", 1);
	for (size_t i = 0; args && args[i] && argc < 15; i++)
		argv[argc++] = (char *)args[i];
	if (options_parse(&f->opt, argc, argv) >= 0)
		return -1;
	if (!(f->d = demo_open(&f->opt, err, sizeof err)))
		return -1;
	if (session_open(&f->s, &f->opt, err, sizeof err) != 0) {
		demo_cleanup(f->d);
		return -1;
	}
	return 0;
}

static inline void demofix_close(struct demofix *f)
{
	session_close(&f->s);
	demo_cleanup(f->d);
}

#endif
