/* What every screen and panel is given: the session it reads, how
 * things look and where they go, and what this run has learnt so far.
 * The app owns it and outlives every screen; screens keep a pointer. */
#ifndef RBLSCOPE_TUI_CTX_H
#define RBLSCOPE_TUI_CTX_H

#include <stdbool.h>
#include <stdint.h>

#include "core/demo/demo.h"
#include "core/scan/session.h"
#include "core/snapshot/snapshot.h"
#include "core/uceprotect/policy.h"
#include "tui/layout.h"
#include "tui/ptr.h"
#include "tui/seen.h"
#include "tui/theme.h"

/* The whole picture (layer -1) or one zone of the profile alone. */
#define CTX_LAYER_ALL (-1)

struct ctx {
	struct session *s;            /* scans run on its loop and backend */
	const struct demo *demo;      /* the demo's scenario and policy, else NULL */
	const struct policy_set *rules;  /* the built-in policies (ASN arithmetic) */
	const struct theme *th;
	const struct layout *lay;
	const struct ptr_cache *ptr;  /* PTR names of selected addresses */
	struct seen *seen;            /* guilty counts of the /24s scanned so
	                                 far: grids add to it, the overview reads */
	int layer;                    /* CTX_LAYER_ALL or a zone index */
	const struct snapshot *since; /* --since: the snapshot the screens are
	                                 compared with, else NULL */
	/* Something a screen shows changed: draw soon. */
	void (*changed)(void *arg);
	void *changed_arg;
};

/* Tell the app that something on screen changed. */
static inline void ctx_changed(const struct ctx *cx)
{
	if (cx->changed)
		cx->changed(cx->changed_arg);
}

#endif
