/* Unit tests for tui/census.c on the real demo: the census counted from
 * the demo's zone files, its rows in each order, the filter, Enter, and
 * a new count when the demo rewrites its zones. */
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <setjmp.h>
#include <string.h>
#include <cmocka.h>

#include "tests/tui/appfix.h"
#include "tests/tui/demofix.h"
#include "tui/census.h"

struct fixture {
	struct demofix demo;
	struct appfix x;
	struct censusview *cv;
};

static int setup(void **state)
{
	static struct fixture f;
	char err[256];

	memset(&f, 0, sizeof f);
	if (demofix_open(&f.demo, NULL) < 0)
		return -1;
	appfix_ctx(&f.x, &f.demo.s, f.demo.d, true);
	layout_compute(&f.x.lay, 120, 40);
	f.cv = (struct censusview *)census_new(&f.x.cx, err, sizeof err);
	if (!f.cv)
		return -1;
	*state = &f;
	return 0;
}

static int teardown(void **state)
{
	struct fixture *f = *state;

	census_ops.destroy(&f->cv->base);
	demofix_close(&f->demo);
	return 0;
}

static void test_rows(void **state)
{
	struct fixture *f = *state;
	struct censusview *cv = f->cv;
	char row[512];

	/* 2010 rules: AS64512 alone has listings; 7 guilty, 446 blocked. */
	assert_int_equal(cv->c.n, 1);
	assert_int_equal(cv->n, 1);
	assert_int_equal(cv->c.v[0].asn, 64512);
	assert_int_equal(cv->c.v[0].sum.guilty, 7);
	assert_int_equal(cv->c.v[0].sum.blocked, 446);
	census_row_text(cv, 0, 119, row, sizeof row);
	assert_string_equal(row, ">    1 AS64512    DEMO-HOSTING, ZZ        131,072         7"
	                         "         7       446         0       446         439    62.7");
	/* At 80 columns the zones' own columns go, the name is cut. */
	census_row_text(cv, 0, 79, row, sizeof row);
	assert_int_equal(strlen(row) - 2, 79);   /* 79 columns: one '…' of three bytes */
	assert_non_null(strstr(row, "DEMO-HO\u2026"));
}

static void test_order_and_filter(void **state)
{
	struct fixture *f = *state;
	struct censusview *cv = f->cv;
	struct request req = { .kind = REQ_NONE };

	for (int s = 0; s < CS_COUNT; s++) {
		census_ops.action(&cv->base, ACT_SORT, &req);
		assert_int_equal(cv->sort, (s + 1) % CS_COUNT);
		assert_non_null(strstr(req.msg, census_sort_name(cv->sort)));
	}
	census_arrange(cv, CS_GUILTY, "hosting");
	assert_int_equal(cv->n, 1);
	census_arrange(cv, CS_GUILTY, "AS64512");
	assert_int_equal(cv->n, 1);
	census_arrange(cv, CS_GUILTY, "64512");
	assert_int_equal(cv->n, 1);
	census_arrange(cv, CS_GUILTY, "6451");    /* numbers match whole */
	assert_int_equal(cv->n, 0);
	census_arrange(cv, CS_GUILTY, "nobody");
	assert_int_equal(cv->n, 0);
	req = (struct request){ .kind = REQ_NONE };
	census_ops.action(&cv->base, ACT_OPEN, &req);   /* nothing shown: nothing opens */
	assert_int_equal(req.kind, REQ_NONE);
	census_ops.filter(&cv->base, "", &req);
	assert_int_equal(cv->n, 1);
	census_ops.action(&cv->base, ACT_OPEN, &req);
	assert_int_equal(req.kind, REQ_ASN);
	assert_int_equal(req.asn, 64512);
}

/* The demo tips AS64512 onto level 3: the census counts again. */
static void test_recount(void **state)
{
	struct fixture *f = *state;
	struct censusview *cv = f->cv;
	char err[256];

	assert_int_equal(demo_policy_step(f->demo.d, 2, err, sizeof err), 0);
	assert_int_equal(demo_add_impact(f->demo.d, 0xc612c801u /* 198.18.200.1 */, err,
	                                 sizeof err), 0);
	assert_int_equal(session_reload_zones(&f->demo.s, err, sizeof err), 0);
	census_ops.restart(&cv->base, 0, true);
	assert_int_equal(cv->n, 1);
	assert_int_equal(cv->c.v[0].sum.zone[2], 131070);
	assert_int_equal(cv->c.v[0].sum.blocked, 131070);
	assert_int_equal(cv->c.total.blocked, 131070);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test_setup_teardown(test_rows, setup, teardown),
		cmocka_unit_test_setup_teardown(test_order_and_filter, setup, teardown),
		cmocka_unit_test_setup_teardown(test_recount, setup, teardown),
	};

	return cmocka_run_group_tests(tests, NULL, NULL);
}
