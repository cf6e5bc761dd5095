/* The setup the TUI's unit tests share: a session over the default
 * profile, with no backend or database, and an app on it drawn in
 * monochrome.  Header only: each test is one file. */
#ifndef RBLSCOPE_TEST_APPFIX_H
#define RBLSCOPE_TEST_APPFIX_H

#include <stdbool.h>

#include "core/scan/options.h"
#include "core/scan/session.h"
#include "tui/app.h"

static inline void appfix_init(struct options *opt, struct session *s, struct app *a,
                               bool utf8)
{
	opt->profile = profile_find(PROFILE_DEFAULT);
	s->opt = opt;
	s->profile = opt->profile;
	s->nzones = s->profile->nzones;
	for (size_t z = 0; z < s->nzones; z++)
		s->zones[z] = s->profile->zones[z].zone;
	a->s = s;
	a->th = (struct theme){ THEME_MONO, utf8 };
}

#endif
