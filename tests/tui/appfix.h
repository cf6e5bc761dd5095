/* The setup the TUI's unit tests share: a session over the default
 * profile, with no backend or database, and the context screens and
 * panels are given, drawn in monochrome.  Header only: each test is one
 * file. */
#ifndef RBLSCOPE_TEST_APPFIX_H
#define RBLSCOPE_TEST_APPFIX_H

#include <stdbool.h>
#include <string.h>

#include "core/scan/options.h"
#include "core/scan/session.h"
#include "tui/ctx.h"

struct appfix {
	struct theme th;
	struct layout lay;
	struct seen seen;
	struct ptr_cache ptr;
	struct policy_set rules;
	struct ctx cx;
};

/* The context over s (and the demo d, or NULL), 80x24. */
static inline void appfix_ctx(struct appfix *x, struct session *s, const struct demo *d,
                              bool utf8)
{
	memset(x, 0, sizeof *x);
	x->th = (struct theme){ THEME_MONO, utf8 };
	layout_compute(&x->lay, 80, 24);
	ptr_init(&x->ptr, NULL, NULL, NULL);
	x->cx = (struct ctx){ .s = s, .demo = d, .rules = &x->rules, .th = &x->th, .lay = &x->lay,
	                      .ptr = &x->ptr, .seen = &x->seen, .layer = CTX_LAYER_ALL };
}

/* A session over the default profile with no backend or database, and
 * the context over it. */
static inline void appfix_init(struct options *opt, struct session *s, struct appfix *x,
                               bool utf8)
{
	opt->profile = profile_find(PROFILE_DEFAULT);
	s->opt = opt;
	s->profile = opt->profile;
	s->nzones = s->profile->nzones;
	for (size_t z = 0; z < s->nzones; z++)
		s->zones[z] = s->profile->zones[z].zone;
	appfix_ctx(x, s, NULL, utf8);
}

#endif
