/* Unit tests for tui/app.c on the real demo, keys in and the stack of
 * screens out: q goes back and quits only on the first screen, the
 * demo's keys reach every screen and ask before a changed demo is
 * quit, layers, and zones that fail their test marked in every scan. */
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <setjmp.h>
#include <string.h>
#include <cmocka.h>

#include "tests/tui/demofix.h"
#include "tui/app.h"
#include "tui/asnview.h"
#include "tui/census.h"
#include "tui/grid.h"

#define IP(a, b, c, d) ((uint32_t)(a) << 24 | (uint32_t)(b) << 16 | (uint32_t)(c) << 8 | (uint32_t)(d))

struct fixture {
	struct demofix demo;
	struct app a;
};

static int setup(void **state)
{
	static struct fixture f;
	static const struct theme th = { THEME_MONO, true };

	memset(&f, 0, sizeof f);
	if (demofix_open(&f.demo, NULL) < 0 ||
	    app_open(&f.a, &f.demo.s, f.demo.d, &th, 100, 30) < 0 ||
	    app_start(&f.a, &f.demo.opt.target) < 0)
		return -1;
	*state = &f;
	return 0;
}

static int teardown(void **state)
{
	struct fixture *f = *state;

	app_close(&f->a);
	demofix_close(&f->demo);
	return 0;
}

/* Feed the keys of s, one by one. */
static void type(struct fixture *f, const char *s)
{
	for (; *s; s++)
		app_key(&f->a, (unsigned char)*s);
}

static const char *top_name(const struct fixture *f)
{
	return stack_top(&f->a.st)->ops->name;
}

static void test_q_goes_back(void **state)
{
	struct fixture *f = *state;

	assert_string_equal(top_name(f), "grid");
	type(f, "o");
	assert_string_equal(top_name(f), "overview");
	type(f, "\r");
	assert_string_equal(top_name(f), "grid");
	type(f, "a");
	assert_string_equal(top_name(f), "asn");
	assert_int_equal(f->a.st.n, 4);
	app_key(&f->a, 27);               /* Esc: back as well */
	assert_string_equal(top_name(f), "grid");
	type(f, "qq");
	assert_string_equal(top_name(f), "grid");
	assert_int_equal(f->a.st.n, 1);
	assert_false(f->a.quit);
	app_key(&f->a, 27);               /* Esc never quits */
	assert_false(f->a.quit);
	type(f, "q");
	assert_true(f->a.quit);
}

/* C: the census; f filters it through the prompt; Enter opens the
 * ASN view; q walks back. */
static void test_census(void **state)
{
	struct fixture *f = *state;

	type(f, "C");
	assert_string_equal(top_name(f), "census");
	type(f, "fnobody\r");
	assert_false(f->a.prompt.active);
	assert_int_equal(((struct censusview *)stack_top(&f->a.st))->n, 0);
	type(f, "f\r");
	assert_int_equal(((struct censusview *)stack_top(&f->a.st))->n, 1);
	type(f, "\r");
	assert_string_equal(top_name(f), "asn");
	type(f, "qq");
	assert_string_equal(top_name(f), "grid");
	/* g in the census's prompt is text, not a key */
	type(f, "Cfg\r");
	assert_string_equal(top_name(f), "census");
	assert_string_equal(((struct censusview *)stack_top(&f->a.st))->filter, "g");
}

/* The demo's keys work on every screen, on what is selected there. */
static void test_demo_keys_everywhere(void **state)
{
	struct fixture *f = *state;
	struct asnview *av;
	struct asn_figures fig;

	type(f, "pp");
	assert_string_equal(demo_policy(f->demo.d)->name, "2021-02-08");
	assert_non_null(strstr(f->a.msg, "policy 2021-02-08: AS64512 needs 66, has 65 impacts: "
	                       "not listed on level 3"));
	type(f, "a");
	av = (struct asnview *)stack_top(&f->a.st);
	asnview_figures(av, &fig);
	assert_false(fig.scenario->ev.l3.listed);
	/* i in the ASN view: an impact on its selected network tips it */
	type(f, "i");
	assert_false(f->a.fr.msg_error);
	assert_non_null(strstr(f->a.msg, "AS64512 now needs 66, has 66 impacts: listed on level 3 "
	                       "(newly)"));
	asnview_figures(av, &fig);
	assert_true(fig.scenario->ev.l3.listed);
	assert_int_equal(fig.blocked, 131070);
	assert_true(scan_finished(&av->as.sc));
	/* u takes it back, and says so; a second u has nothing to undo */
	type(f, "u");
	assert_non_null(strstr(f->a.msg, "undone: "));
	assert_non_null(strstr(f->a.msg, "has 65 impacts: no longer listed on level 3"));
	asnview_figures(av, &fig);
	assert_false(fig.scenario->ev.l3.listed);
	type(f, "u");
	assert_non_null(strstr(f->a.msg, "no impact added"));
	/* U: every impact added goes, the policy stays */
	type(f, "qii");
	assert_string_equal(top_name(f), "grid");
	type(f, "U");
	assert_non_null(strstr(f->a.msg, "reset"));
	assert_string_equal(demo_policy(f->demo.d)->name, "2021-02-08");
	assert_true(demo_changed(f->demo.d));   /* the policy still differs */
}

/* Quitting a changed demo asks once; any key but y stays. */
static void test_quit_asks_in_a_changed_demo(void **state)
{
	struct fixture *f = *state;

	type(f, "i");
	type(f, "q");
	assert_false(f->a.quit);
	assert_true(f->a.confirm);
	assert_non_null(strstr(f->a.msg, "y quits"));
	type(f, "n");
	assert_false(f->a.quit);
	assert_false(f->a.confirm);
	type(f, "qy");
	assert_true(f->a.quit);
}

/* Unchanged (or changed back), q just quits. */
static void test_quit_unchanged(void **state)
{
	struct fixture *f = *state;

	type(f, "iu");
	type(f, "q");
	assert_true(f->a.quit);
}

/* 1 2 3 colour by one zone alone, 0 by all; beyond the profile, a
 * message. */
static void test_layers(void **state)
{
	struct fixture *f = *state;
	struct gridscreen *g = (struct gridscreen *)stack_top(&f->a.st);
	uint32_t guilty = IP(198, 18, 7, 25);

	assert_int_equal(grid_class_of(g, guilty, NULL), CC_GUILTY);
	type(f, "2");
	assert_int_equal(f->a.cx.layer, 1);
	assert_int_equal(grid_class_of(g, guilty, NULL), CC_RANGE);
	type(f, "3");
	assert_int_equal(grid_class_of(g, guilty, NULL), CC_CLEAN);
	type(f, "5");
	assert_true(f->a.fr.msg_error);
	assert_int_equal(f->a.cx.layer, 2);
	type(f, "0");
	assert_int_equal(f->a.cx.layer, CTX_LAYER_ALL);
	assert_int_equal(grid_class_of(g, guilty, NULL), CC_GUILTY);
}

/* A zone whose test entry 127.0.0.1 is listed is not believed in any
 * scan of any screen, covered or not. */
static void test_untrusted_zone_everywhere(void **state)
{
	struct fixture *f = *state;
	struct scan *sc[8];
	size_t n;

	type(f, "oa");
	f->demo.s.health[2] = ZH_LISTS_ALL;
	app_sync(&f->a, false);
	n = stack_scans(&f->a.st, sc, 8);
	assert_int_equal(n, 3);
	for (size_t i = 0; i < n; i++) {
		bool marked = false;

		for (size_t k = 0; k < sc[i]->nzones; k++)
			if (sc[i]->zones[k] == f->demo.s.zones[2])
				marked = sc[i]->distrust[k];
		assert_true(marked);
	}
	assert_int_equal(scan_cell_of(sc[0], IP(198, 18, 7, 1))->zone[2].error, LKE_UNTRUSTED);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test_setup_teardown(test_q_goes_back, setup, teardown),
		cmocka_unit_test_setup_teardown(test_census, setup, teardown),
		cmocka_unit_test_setup_teardown(test_demo_keys_everywhere, setup, teardown),
		cmocka_unit_test_setup_teardown(test_quit_asks_in_a_changed_demo, setup, teardown),
		cmocka_unit_test_setup_teardown(test_quit_unchanged, setup, teardown),
		cmocka_unit_test_setup_teardown(test_layers, setup, teardown),
		cmocka_unit_test_setup_teardown(test_untrusted_zone_everywhere, setup, teardown),
	};

	return cmocka_run_group_tests(tests, NULL, NULL);
}
