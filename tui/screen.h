/* The one interface every screen implements, and the requests by which
 * a screen asks for another: screens never call one another; the router
 * (tui/stack.h) acts on what they ask. */
#ifndef RBLSCOPE_TUI_SCREEN_H
#define RBLSCOPE_TUI_SCREEN_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>
#include <time.h>

#include "core/scan/options.h"
#include "core/scan/scan.h"
#include "tui/ctx.h"
#include "tui/keys.h"

#define SCREEN_MSG_MAX 600
#define SCREEN_SCANS_MAX 4

/* What a screen asks the router for. */
enum request_kind {
	REQ_NONE = 0,
	REQ_TARGET,        /* the grid of a network target, or an ASN's view */
	REQ_ASN,           /* the ASN view of asn */
	REQ_OVERVIEW,      /* the overview of the /16 of ip */
	REQ_CENSUS,        /* the census of the zone files */
	REQ_MAP,           /* the map of ip/prefix */
	REQ_CHECK,         /* ip on every list of the catalogue */
};

struct request {
	enum request_kind kind;
	struct target target;        /* REQ_TARGET */
	uint32_t asn;                /* REQ_ASN */
	uint32_t ip;                 /* REQ_OVERVIEW, REQ_MAP, REQ_CHECK */
	unsigned prefix;             /* REQ_MAP: the block of ip shown, ip selected */
	bool moved;                  /* the selection moved: its PTR once it rests */
	bool error;                  /* msg is an error */
	char msg[SCREEN_MSG_MAX];    /* for the message line, "" for none */
};

/* What the user has selected, for the keys that act on it. */
struct focus {
	bool has_ip;
	uint32_t ip;                 /* the selected address (or first of a block) */
	uint32_t asn;                /* its ASN, 0 when unknown */
};

struct screen;

struct screen_ops {
	const char *name;            /* "grid", "asn", "overview": for tests */
	unsigned scope;              /* KS_ bit of its keys */
	bool grid_layout;            /* the 16x16 layout, with its warning line */
	/* The place shown, for the title line. */
	void (*title)(const struct screen *scr, char *out, size_t len);
	/* What a glyph means on this screen, for the help, with the slots
	 * of legend_words ("{range}") for the profile's words. */
	const char *(*meaning)(enum cell_class cls);
	/* Draw between the status line and the key line. */
	void (*draw)(const struct screen *scr);
	/* Act on one of its keys; what it asks for goes in req. */
	void (*action)(struct screen *scr, enum action act, struct request *req);
	/* A click at x, y: selects; on the selected item, opens it. */
	void (*click)(struct screen *scr, int x, int y, struct request *req);
	/* The mouse wheel: move the selection by lines (< 0 up). */
	void (*wheel)(struct screen *scr, int lines);
	/* Text the user typed after f (NULL: the screen has no filter). */
	void (*filter)(struct screen *scr, const char *text, struct request *req);
	/* Its scans, the one the status line shows first; returns how many. */
	size_t (*scans)(struct screen *scr, struct scan **out, size_t max);
	/* Query again from scratch (qflags as for scan_start); keep leaves
	 * the old answers visible until the new ones come. */
	void (*restart)(struct screen *scr, unsigned qflags, bool keep);
	/* Write a text snapshot in dir; 0 with its path, or -1 (errno). */
	int (*snapshot)(const struct screen *scr, const char *dir, time_t when, char *path,
	                size_t len);
	/* The selection. */
	void (*focus)(const struct screen *scr, struct focus *f);
	/* Free it; its scans stop and late answers are dropped. */
	void (*destroy)(struct screen *scr);
};

struct screen {
	const struct screen_ops *ops;
	const struct ctx *cx;
	bool stale;                  /* its scans ran on a replaced backend */
};

/* Set a request's message (error or not), printf-style. */
void request_say(struct request *req, bool error, const char *fmt, ...)
	__attribute__((format(printf, 3, 4)));

/* The first of scr's scans, or NULL. */
struct scan *screen_scan(const struct screen *scr);

#endif
