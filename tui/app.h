/* The terminal UI's state: the stack of screens over one context, and
 * what lies over them (prompt, help, message).  Keys come in through
 * app_key; the loop around it is in tui/tui.c. */
#ifndef RBLSCOPE_TUI_APP_H
#define RBLSCOPE_TUI_APP_H

#include <stdbool.h>
#include <stdint.h>

#include "core/scan/session.h"
#include "core/uceprotect/policy.h"
#include "tui/ctx.h"
#include "tui/frame.h"
#include "tui/keys.h"
#include "tui/layout.h"
#include "tui/prompt.h"
#include "tui/ptr.h"
#include "tui/seen.h"
#include "tui/stack.h"
#include "tui/theme.h"

#define APP_MSG_MAX 600

struct app {
	struct session *s;
	struct demo *demo;            /* the demo, else NULL */
	struct ctx cx;                /* what the screens are given */
	struct theme th;
	struct layout lay;
	struct stack st;
	struct seen seen;
	struct policy_set rules;      /* the policies, for the ASN view's arithmetic */
	struct ptr_cache ptr;
	struct prompt prompt;
	struct frame fr;              /* what lies over the screen */
	bool quit;
	bool fatal;                   /* quit because of msg: tui_run prints it */
	bool confirm;                 /* asked whether to quit the changed demo */
	bool demo_changed;            /* policy or impacts changed since the start */
	char msg[APP_MSG_MAX];        /* shown until the next key */
	uint64_t drawn_at;            /* when the screen was last drawn */
	struct loop_timer redraw;     /* a draw deferred by the 10 Hz cap */
	struct loop_timer ptr_wait;   /* PTR lookup once the cursor rests */
};

/* Set up over session s (and the demo d, or NULL) with the look th,
 * for a cols x rows terminal; nothing is open yet.  0, or -1 when out
 * of memory. */
int app_open(struct app *a, struct session *s, struct demo *d, const struct theme *th,
             int cols, int rows);

/* Open the first screen: the target t.  0, or -1 with the reason in
 * a->msg. */
int app_start(struct app *a, const struct target *t);

/* Open the census as the first screen.  0, or -1 with the reason in
 * a->msg. */
int app_start_census(struct app *a);

/* The key scope of the screen shown (with KS_DEMO and KS_ROOT). */
unsigned app_scope(const struct app *a);

/* Set the message line (until the next key); error draws it as one. */
void app_message(struct app *a, bool error, const char *fmt, ...)
	__attribute__((format(printf, 3, 4)));

/* Something changed: draw soon, but not more than ten times a second. */
void app_touch(struct app *a);

/* Lay out for the terminal's size and draw everything into curses'
 * buffer, then onto the terminal. */
void app_draw(struct app *a);

/* Handle one key (or KEY_MOUSE). */
void app_key(struct app *a, int ch);

/* After each turn of the loop: mark zones that failed their test in
 * every scan, and end scans on a resolver that answers nothing. */
void app_sync(struct app *a, bool probes_ended);

/* Close every screen and free what the app holds. */
void app_close(struct app *a);

#endif
