/* A progress line on standard error while an export runs: lookups done,
 * rate and time left, redrawn in place, cleared at the end. */
#ifndef RBLSCOPE_PROGRESS_H
#define RBLSCOPE_PROGRESS_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>
#include <stdio.h>

struct progress {
	FILE *f;               /* NULL: off */
	size_t target, ntargets;
	uint64_t started_ms;
	size_t width;          /* of the line drawn last, 0 when none */
};

/* Ready p for f, on only when on is true and f is a terminal. */
void progress_init(struct progress *p, FILE *f, bool on, size_t ntargets);

/* The line text for done of total lookups after elapsed_ms, of target
 * (from 1) of ntargets, into out; its length. */
size_t progress_format(char *out, size_t len, size_t target, size_t ntargets, size_t done,
                       size_t total, uint64_t elapsed_ms);

/* A new target (from 1): the clock starts again. */
void progress_target(struct progress *p, size_t target, uint64_t now_ms);

/* Redraw the line. */
void progress_draw(struct progress *p, size_t done, size_t total, uint64_t now_ms);

/* Erase the line, if one is drawn. */
void progress_clear(struct progress *p);

#endif
