/* --export png: a map of a scope (core/map) drawn as a PNG picture for
 * slides, with cairo: a title, the map, a legend and the totals. */
#ifndef RBLSCOPE_MAPPNG_H
#define RBLSCOPE_MAPPNG_H

#include <stdio.h>
#include <time.h>

#include "core/base/msg.h"
#include "core/map/map.h"
#include "core/scan/session.h"

/* What a picture says besides its map. */
struct mappng_text {
	const char *scope;    /* "198.18.0.0/15", "AS64512", "the whole IPv4 space" */
	const char *source;   /* where the listings come from */
	const char *policy;   /* the demo's policy line, or NULL */
	time_t when;
	const struct profile *profile;   /* whose zones the legend names */
};

/* The side of the map in a picture, in pixels, at most. */
#define MAPPNG_SIDE 1024

/* Draw m as a PNG to f.  0, or -1 on a cairo or write error (errno
 * set). */
int mappng_write(FILE *f, const struct map *m, const struct mappng_text *t);

/* Give back the fonts cairo and fontconfig keep between pictures, once
 * a run draws no more (a leak checker sees none); the next picture
 * loads them again. */
void mappng_fonts_release(void);

/* Map the session's scope (the options' target: a network, AS<n>, or
 * the whole space) from its zone files and write it to f: the exit
 * status (0 nothing listed in the scope, 1 something listed, 3 a zone
 * could not be counted, with a warning held in warn), -1 on a write
 * error (errno set), or EXIT_USAGE with one line in err (live DNS, an
 * ASN without a database or networks, out of memory).  The fonts are
 * given back (mappng_fonts_release). */
int mappng_export(FILE *f, const struct session *s, const char *policy, time_t when,
                  struct msg_held *warn, char *err, size_t errlen);

#endif
