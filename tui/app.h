/* The terminal UI's one context: the session it reads, the scan of the
 * /24 in view, the views beyond it and what the user is doing.  Every
 * screen draws from it; the action files (app.c, actions.c, simulate.c
 * and each screen's own actions) change it. */
#ifndef RBLSCOPE_TUI_APP_H
#define RBLSCOPE_TUI_APP_H

#include <stdbool.h>
#include <stdint.h>

#include "core/demo/demo.h"
#include "core/uceprotect/policy.h"
#include "core/scan/scan.h"
#include "core/scan/session.h"
#include "geo/asn.h"
#include "tui/keys.h"
#include "tui/layout.h"
#include "tui/prompt.h"
#include "tui/ptr.h"
#include "tui/seen.h"
#include "tui/signals.h"
#include "tui/theme.h"
#include "tui/view.h"

#define APP_MSG_MAX 600

/* What fills the screen between the title and the key line. */
enum app_screen {
	SCREEN_GRID,        /* the /24 in view, address by address */
	SCREEN_ASN,         /* the networks of one ASN (tui/asnview.c) */
	SCREEN_OVERVIEW,    /* the 256 /24s of a /16 (tui/overview.c) */
};

struct asnview;
struct overview;

struct app {
	struct session *s;
	struct demo *demo;            /* --demo: its scenario and policies, else NULL */
	struct theme th;
	struct layout lay;
	struct view view;
	struct scan *sc;              /* the scan of the view; NULL when out of memory */
	bool distrusted[PROFILE_MAX_ZONES];  /* zones marked untrusted in sc */
	bool grid_stale;              /* sc is to be made when the grid shows next */
	struct asn_info target_asn;   /* the ASN of the target, for the ASN layer */
	bool asn_layer;
	enum app_screen screen;
	struct asnview *av;           /* the ASN view while it is open, else NULL */
	struct overview *ov;          /* the overview while it is open, else NULL */
	struct seen seen;             /* level 1 counts of the /24s scanned so far */
	struct policy_set rules;      /* outside the demo: the policies, for the
	                                 level 3 arithmetic of the ASN view */
	bool help;
	bool quit;
	bool fatal;                   /* quit because of msg: tui_run prints it */
	struct prompt prompt;
	struct ptr_cache ptr;
	char msg[APP_MSG_MAX];        /* shown until the next key */
	bool msg_error;
	uint64_t drawn_at;            /* when the screen was last drawn */
	struct loop_timer redraw;     /* a draw deferred by the 10 Hz cap */
	struct loop_timer tick;       /* redraws while the zones are probed */
	struct loop_timer ptr_wait;   /* PTR lookup once the cursor rests */
	unsigned idle_reads;          /* readable stdin with no key: a closed terminal */
	struct esc_filter esc;        /* unknown escape sequences are not keys */
	struct tui_signals *sig;      /* the self-pipe signals wake the loop with */
};

/* The key scope of the screen shown (KS_DEMO added in the demo). */
unsigned app_scope(const struct app *a);

/* The cell under the cursor, or NULL when it is not scanned. */
const struct scan_cell *app_cursor_cell(const struct app *a);

/* The class of the cell of ip, or -1 when ip is not scanned. */
int app_class_of(const struct app *a, uint32_t ip);

/* True when the ASN layer marks ip: its ASN is not the target's. */
bool app_other_asn(const struct app *a, uint32_t ip);

/* The policy the demo is under, or NULL outside the demo. */
const struct policy *app_demo_policy(const struct app *a);

/* Set the message line (until the next key); error draws it as one. */
void app_message(struct app *a, bool error, const char *fmt, ...)
	__attribute__((format(printf, 3, 4)));

/* Report a snapshot: "saved NAME in FOLDER", or why not (rc < 0, errno
 * set); finished false notes that pending answers are marked. */
void app_saved(struct app *a, int rc, const char *path, bool finished);

/* Something changed: draw soon, but not more than ten times a second. */
void app_touch(struct app *a);

/* Probe the zones again when the resolver answered none of them: the
 * r key retries a dead resolver. */
void app_reprobe(struct app *a);

/* Scan the range of the view from scratch (qflags: BQ_NOCACHE or 0). */
void app_scan(struct app *a, unsigned qflags);

/* The cursor of the grid moved: look its PTR up once it rests. */
void app_cursor_moved(struct app *a);

/* Show a network target in the grid (its /24, its ASN for the ASN
 * layer, a new scan), closing any view; an ASN target opens its ASN view
 * over the grid.  0, or -1 with a one-line reason in err (the screen
 * stays as it was). */
int app_show_target(struct app *a, const struct target *t, char *err, size_t errlen);

/* Back to the grid, closing the view that was up; a grid whose scan was
 * deferred is scanned now. */
void app_show_grid(struct app *a);

/* The session's backend was replaced (the demo rewrote its zones): every
 * open scan starts again on the new one. */
void app_backend_changed(struct app *a);

/* Handle one key (or KEY_MOUSE) as the screen shown reads it. */
void app_key(struct app *a, int ch);

#endif
