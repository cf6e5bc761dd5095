/* The stack of screens and the router: the one place that opens,
 * covers, reveals and closes screens.  A screen asks (tui/screen.h);
 * the stack acts. */
#ifndef RBLSCOPE_TUI_STACK_H
#define RBLSCOPE_TUI_STACK_H

#include <stdbool.h>
#include <stddef.h>

#include "core/scan/options.h"
#include "tui/screen.h"

#define STACK_MAX 16   /* deeper, the oldest screen goes */

struct stack {
	struct screen *v[STACK_MAX];   /* v[0] the first, v[n - 1] on top */
	size_t n;
	const struct ctx *cx;
};

/* An empty stack over cx. */
void stack_init(struct stack *st, const struct ctx *cx);

/* The screen on top, or NULL when empty. */
struct screen *stack_top(const struct stack *st);

/* True when the screen on top is the only one. */
bool stack_at_root(const struct stack *st);

/* Open a target on top: a network in a grid, an ASN in its view.  0,
 * or -1 with a one-line reason in err (the stack unchanged). */
int stack_open_target(struct stack *st, const struct target *t, char *err, size_t errlen);

/* Act on what a screen asked for (REQ_NONE does nothing).  0, or -1
 * with a one-line reason in err (the stack unchanged). */
int stack_route(struct stack *st, const struct request *req, char *err, size_t errlen);

/* Put scr on top; the screen it covers sends no more queries until it
 * shows again. */
void stack_push(struct stack *st, struct screen *scr);

/* Close the screen on top and show the one before, its place as it was.
 * False on the first screen (nothing closes). */
bool stack_back(struct stack *st);

/* The session's backend was replaced: the screen on top queries again
 * now, keeping its old answers in view; the others when they show. */
void stack_backend_changed(struct stack *st);

/* Every scan of every screen; returns how many (at most max). */
size_t stack_scans(const struct stack *st, struct scan **out, size_t max);

/* Close every screen. */
void stack_free(struct stack *st);

#endif
