/* Each finished scan of a network, recorded in the session's history. */
#include "core/scan/record.h"

#include <stdio.h>
#include <time.h>

#include "core/history/history.h"

/* Where the answers came from, for the scan's row. */
static void source_text(const struct session *s, char *out, size_t len)
{
	const struct options *o = s->opt;

	if (o->demo)
		snprintf(out, len, "demo");
	else if (o->zones_dir)
		snprintf(out, len, "zones %s", o->zones_dir);
	else
		snprintf(out, len, "resolver %s", o->resolver ? o->resolver : "(the system's)");
}

int session_record(struct session *s, const struct scan *sc, const char *target, char *err,
                   size_t errlen)
{
	const char *keys[PROFILE_MAX_ZONES];
	char source[4200];
	struct history_scan hs;

	if (!s->history || !s->opt->record || !sc->contiguous || !scan_finished(sc))
		return 0;
	for (size_t z = 0; z < sc->nzones; z++)
		keys[z] = sc->profile->zones[z].key;
	source_text(s, source, sizeof source);
	hs = (struct history_scan){
		.time = (int64_t)time(NULL), .target = target, .profile = sc->profile->name,
		.source = source, .net = sc->net, .prefix = sc->prefix, .nzones = sc->nzones,
		.zone_names = sc->zones, .zone_keys = keys, .answers = sc->answers,
	};
	return history_record(s->history, &hs, err, errlen);
}
