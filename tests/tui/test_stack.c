/* Unit tests for tui/stack.c, the router, on the real demo: screens
 * opened by the requests screens make, covered screens paused, going
 * back to a screen as it was, and a replaced backend reaching every
 * screen. */
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <setjmp.h>
#include <string.h>
#include <cmocka.h>

#include "tests/tui/appfix.h"
#include "tests/tui/demofix.h"
#include "tui/asnview.h"
#include "tui/census.h"
#include "tui/check.h"
#include "tui/grid.h"
#include "tui/mapview.h"
#include "tui/overview.h"
#include "tui/stack.h"

#define IP(a, b, c, d) ((uint32_t)(a) << 24 | (uint32_t)(b) << 16 | (uint32_t)(c) << 8 | (uint32_t)(d))

struct fixture {
	struct demofix demo;
	struct appfix x;
	struct stack st;
};

static int setup(void **state)
{
	static struct fixture f;
	struct target t;
	char err[256];

	memset(&f, 0, sizeof f);
	if (demofix_open(&f.demo, NULL) < 0)
		return -1;
	appfix_ctx(&f.x, &f.demo.s, f.demo.d, true);
	stack_init(&f.st, &f.x.cx);
	if (target_parse("198.18.7.200", &t, err, sizeof err) < 0 ||
	    stack_open_target(&f.st, &t, err, sizeof err) < 0)
		return -1;
	*state = &f;
	return 0;
}

static int teardown(void **state)
{
	struct fixture *f = *state;

	stack_free(&f->st);
	demofix_close(&f->demo);
	return 0;
}

/* The names of the screens, bottom first, joined by spaces. */
static const char *names(const struct stack *st)
{
	static char out[256];
	size_t used = 0;

	out[0] = '\0';
	for (size_t i = 0; i < st->n; i++)
		used += (size_t)snprintf(out + used, sizeof out - used, "%s%s", i ? " " : "",
		                         st->v[i]->ops->name);
	return out;
}

/* Press a key on the screen on top, as the app does, and route what it
 * asks for.  The request is returned. */
static struct request press(struct fixture *f, enum action act)
{
	struct screen *top = stack_top(&f->st);
	struct request req = { .kind = REQ_NONE };
	char err[256];

	top->ops->action(top, act, &req);
	assert_int_equal(stack_route(&f->st, &req, err, sizeof err), 0);
	return req;
}

static void test_drill_down_and_back(void **state)
{
	struct fixture *f = *state;
	struct gridscreen *g = (struct gridscreen *)stack_top(&f->st);
	struct overview *ov;
	struct focus fo;

	assert_string_equal(names(&f->st), "grid");
	assert_true(stack_at_root(&f->st));
	assert_false(stack_back(&f->st));          /* the first screen stays */
	assert_int_equal(f->st.n, 1);

	/* o on the grid: the overview of its /16, the grid paused under it */
	assert_int_equal(press(f, ACT_OVERVIEW).kind, REQ_OVERVIEW);
	assert_string_equal(names(&f->st), "grid overview");
	assert_true(g->sc->paused);
	ov = (struct overview *)stack_top(&f->st);
	assert_int_equal(ov->net, IP(198, 18, 0, 0));
	assert_int_equal(ov->cursor, 7);
	assert_false(ov->sc.paused);

	/* Enter on the block right of it: the grid of 198.18.8.0/24, on
	 * the octet the overview came with */
	press(f, ACT_RIGHT);
	assert_int_equal(press(f, ACT_OPEN).kind, REQ_TARGET);
	assert_string_equal(names(&f->st), "grid overview grid");
	assert_true(ov->sc.paused);
	stack_top(&f->st)->ops->focus(stack_top(&f->st), &fo);
	assert_true(fo.has_ip);
	assert_int_equal(fo.ip, IP(198, 18, 8, 200));
	assert_int_equal(fo.asn, 64512);

	/* a: the ASN view of its ASN */
	assert_int_equal(press(f, ACT_ASN_VIEW).kind, REQ_ASN);
	assert_string_equal(names(&f->st), "grid overview grid asn");

	/* q, q: the overview again, its cursor where it was */
	assert_true(stack_back(&f->st));
	assert_true(stack_back(&f->st));
	assert_string_equal(names(&f->st), "grid overview");
	assert_ptr_equal(stack_top(&f->st), &ov->base);
	assert_int_equal(ov->cursor, 8);
	assert_false(ov->sc.paused);
	assert_true(stack_back(&f->st));
	assert_ptr_equal(stack_top(&f->st), &g->base);
	assert_int_equal(g->view.cursor, IP(198, 18, 7, 200));
	assert_false(g->sc->paused);
	assert_true(stack_at_root(&f->st));
}

/* A request the router cannot meet leaves the stack as it was. */
static void test_refused_request(void **state)
{
	struct fixture *f = *state;
	struct request req = { .kind = REQ_ASN, .asn = 4200000000u };
	struct target t;
	char err[256];

	assert_int_equal(stack_route(&f->st, &req, err, sizeof err), -1);
	assert_non_null(strstr(err, "ASN view: AS4200000000"));
	assert_string_equal(names(&f->st), "grid");
	assert_int_equal(target_parse("AS64999", &t, err, sizeof err), 0);
	assert_int_equal(stack_open_target(&f->st, &t, err, sizeof err), -1);
	assert_string_equal(names(&f->st), "grid");
	req = (struct request){ .kind = REQ_NONE };
	assert_int_equal(stack_route(&f->st, &req, err, sizeof err), 0);
	assert_string_equal(names(&f->st), "grid");
}

/* The demo rewrote its zones: the screen on top queries again now with
 * its old answers kept in view; a covered one when it shows again. */
static void test_backend_replaced(void **state)
{
	struct fixture *f = *state;
	struct screen *root = stack_top(&f->st), *ov;
	char err[256];

	press(f, ACT_OVERVIEW);
	ov = stack_top(&f->st);
	assert_int_equal(session_reload_zones(&f->demo.s, err, sizeof err), 0);
	stack_backend_changed(&f->st);
	assert_true(root->stale);
	assert_false(ov->stale);
	assert_ptr_equal(screen_scan(ov)->be, f->demo.s.be);
	assert_non_null(screen_scan(ov)->prev);       /* re-queried, old states kept */
	assert_ptr_not_equal(screen_scan(root)->be, f->demo.s.be);
	assert_true(stack_back(&f->st));
	assert_false(root->stale);
	assert_ptr_equal(screen_scan(root)->be, f->demo.s.be);
	assert_non_null(screen_scan(root)->prev);
	assert_true(scan_finished(screen_scan(root)));   /* zone files answer at once */
}

/* Every scan of every screen, for trust and a dead resolver. */
static void test_every_scan(void **state)
{
	struct fixture *f = *state;
	struct scan *sc[8];

	press(f, ACT_OVERVIEW);
	press(f, ACT_ASN_VIEW);
	assert_string_equal(names(&f->st), "grid overview asn");
	assert_int_equal(stack_scans(&f->st, sc, 8), 3);
	assert_ptr_equal(sc[0], screen_scan(f->st.v[0]));
	assert_ptr_equal(sc[2], screen_scan(f->st.v[2]));
	assert_int_equal(stack_scans(&f->st, sc, 2), 2);
	/* L on the grid: the address alone, on every list of the catalogue */
	assert_true(stack_back(&f->st));
	assert_true(stack_back(&f->st));
	press(f, ACT_CHECK);
	assert_string_equal(names(&f->st), "grid check");
	assert_int_equal(stack_scans(&f->st, sc, 8), 2);
	assert_int_equal(sc[1]->ncells, 1);
	assert_int_equal(sc[1]->cells[0].ip, ((struct gridscreen *)f->st.v[0])->view.cursor);
	assert_string_equal(sc[1]->profile->name, "catalogue");
}

/* Deeper than STACK_MAX, the oldest screen goes. */
static void test_depth(void **state)
{
	struct fixture *f = *state;
	struct target t;
	char err[256];

	assert_int_equal(target_parse("198.18.0.0", &t, err, sizeof err), 0);
	for (int i = 0; i < STACK_MAX + 3; i++) {
		t.focus = t.net = IP(198, 18, i, 0);
		assert_int_equal(stack_open_target(&f->st, &t, err, sizeof err), 0);
	}
	assert_int_equal(f->st.n, STACK_MAX);
	assert_int_equal(((struct gridscreen *)f->st.v[0])->view.base, IP(198, 18, 3, 0));
}

/* Every screen implements the whole interface: the app and the router
 * call each operation without asking. */
static void test_every_op(void **state)
{
	const struct screen_ops *all[] = { &grid_ops, &asnview_ops, &overview_ops, &census_ops,
	                                   &mapview_ops, &check_ops };

	(void)state;
	for (size_t i = 0; i < sizeof all / sizeof all[0]; i++) {
		const struct screen_ops *o = all[i];

		assert_non_null(o->name);
		assert_true(o->scope != 0);
		assert_non_null(o->title);
		assert_non_null(o->meaning);
		assert_non_null(o->draw);
		assert_non_null(o->action);
		assert_non_null(o->click);
		assert_non_null(o->wheel);
		assert_non_null(o->scans);
		assert_non_null(o->restart);
		assert_non_null(o->snapshot);
		assert_non_null(o->focus);
		assert_non_null(o->destroy);
	}
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_every_op),
		cmocka_unit_test_setup_teardown(test_drill_down_and_back, setup, teardown),
		cmocka_unit_test_setup_teardown(test_refused_request, setup, teardown),
		cmocka_unit_test_setup_teardown(test_backend_replaced, setup, teardown),
		cmocka_unit_test_setup_teardown(test_every_scan, setup, teardown),
		cmocka_unit_test_setup_teardown(test_depth, setup, teardown),
	};

	return cmocka_run_group_tests(tests, NULL, NULL);
}
