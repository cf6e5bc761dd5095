/* The router.  Adding a screen is one file and one line here. */
#include "tui/stack.h"

#include <stdio.h>
#include <string.h>

#include "tui/asnview.h"
#include "tui/census.h"
#include "tui/check.h"
#include "tui/grid.h"
#include "tui/mapview.h"
#include "tui/overview.h"

void stack_init(struct stack *st, const struct ctx *cx)
{
	memset(st, 0, sizeof *st);
	st->cx = cx;
}

struct screen *stack_top(const struct stack *st)
{
	return st->n ? st->v[st->n - 1] : NULL;
}

bool stack_at_root(const struct stack *st)
{
	return st->n <= 1;
}

/* Pause or resume every scan of scr. */
static void scans_pause(struct screen *scr, bool pause)
{
	struct scan *sc[SCREEN_SCANS_MAX];
	size_t n = scr->ops->scans(scr, sc, SCREEN_SCANS_MAX);

	for (size_t i = 0; i < n; i++)
		if (pause)
			scan_pause(sc[i]);
		else
			scan_resume(sc[i]);
}

void stack_push(struct stack *st, struct screen *scr)
{
	if (st->n == STACK_MAX) {
		st->v[0]->ops->destroy(st->v[0]);
		memmove(st->v, st->v + 1, (STACK_MAX - 1) * sizeof st->v[0]);
		st->n--;
	}
	if (st->n)
		scans_pause(st->v[st->n - 1], true);
	st->v[st->n++] = scr;
}

/* The screen on top shows again: it goes on, or starts over on the
 * backend that replaced the one it was made on. */
static void reveal(struct screen *scr)
{
	if (scr->stale) {
		scr->stale = false;
		scr->ops->restart(scr, 0, true);
		return;
	}
	scans_pause(scr, false);
}

bool stack_back(struct stack *st)
{
	struct screen *top = stack_top(st);

	if (st->n <= 1)
		return false;
	top->ops->destroy(top);
	st->n--;
	reveal(st->v[st->n - 1]);
	return true;
}

int stack_open_target(struct stack *st, const struct target *t, char *err, size_t errlen)
{
	struct screen *scr = t->kind == TARGET_ASN ? asnview_new(st->cx, t->asn, err, errlen) :
	                     grid_new(st->cx, t, err, errlen);

	if (!scr)
		return -1;
	stack_push(st, scr);
	return 0;
}

int stack_route(struct stack *st, const struct request *req, char *err, size_t errlen)
{
	struct screen *scr = NULL;
	char why[256];

	switch (req->kind) {
	case REQ_TARGET:
		return stack_open_target(st, &req->target, err, errlen);
	case REQ_ASN:
		if (!(scr = asnview_new(st->cx, req->asn, why, sizeof why)))
			snprintf(err, errlen, "ASN view: %s", why);
		break;
	case REQ_OVERVIEW:
		if (!(scr = overview_new(st->cx, req->ip, why, sizeof why)))
			snprintf(err, errlen, "overview: %s", why);
		break;
	case REQ_MAP:
		if (!(scr = mapview_new(st->cx, req->ip, req->prefix, why, sizeof why)))
			snprintf(err, errlen, "map: %s", why);
		break;
	case REQ_CHECK:
		if (!(scr = check_new(st->cx, req->ip, why, sizeof why)))
			snprintf(err, errlen, "every list: %s", why);
		break;
	case REQ_CENSUS:
		if (!(scr = census_new(st->cx, why, sizeof why)))
			snprintf(err, errlen, "census: %s", why);
		break;
	default:
		return 0;
	}
	if (!scr)
		return -1;
	stack_push(st, scr);
	return 0;
}

void stack_backend_changed(struct stack *st)
{
	for (size_t i = 0; i + 1 < st->n; i++)
		st->v[i]->stale = true;
	if (st->n)
		st->v[st->n - 1]->ops->restart(st->v[st->n - 1], 0, true);
}

size_t stack_scans(const struct stack *st, struct scan **out, size_t max)
{
	size_t n = 0;

	for (size_t i = 0; i < st->n && n < max; i++)
		n += st->v[i]->ops->scans(st->v[i], out + n, max - n);
	return n;
}

void stack_free(struct stack *st)
{
	while (st->n) {
		struct screen *scr = st->v[--st->n];

		scr->ops->destroy(scr);
	}
}
