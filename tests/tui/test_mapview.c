/* Unit tests for tui/mapview.c on the real demo: the map of the whole
 * space and its zoom from the whole space to a /8, a /16 and then the
 * overview, the selected cell kept on the address it was opened on,
 * and the tones of the demo's listings. */
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <setjmp.h>
#include <string.h>
#include <cmocka.h>

#include "tests/tui/appfix.h"
#include "tests/tui/demofix.h"
#include "tui/mapview.h"

#define IP(a, b, c, d) ((uint32_t)(a) << 24 | (uint32_t)(b) << 16 | (uint32_t)(c) << 8 | (uint32_t)(d))

struct fixture {
	struct demofix demo;
	struct appfix x;
};

static int setup(void **state)
{
	static struct fixture f;

	memset(&f, 0, sizeof f);
	if (demofix_open(&f.demo, NULL) < 0)
		return -1;
	appfix_ctx(&f.x, &f.demo.s, f.demo.d, false);
	layout_compute(&f.x.lay, 120, 40);
	*state = &f;
	return 0;
}

static int teardown(void **state)
{
	struct fixture *f = *state;

	demofix_close(&f->demo);
	return 0;
}

static struct mapview *open_map(struct fixture *f, uint32_t ip, unsigned prefix)
{
	char err[256];
	struct screen *scr = mapview_new(&f->x.cx, ip, prefix, err, sizeof err);

	assert_non_null(scr);
	return (struct mapview *)scr;
}

/* Enter on the selected cell; the request. */
static struct request enter(struct mapview *mv)
{
	struct request req = { .kind = REQ_NONE };

	mapview_ops.action(&mv->base, ACT_OPEN, &req);
	return req;
}

static void test_zoom_chain(void **state)
{
	struct fixture *f = *state;
	uint32_t ip = IP(198, 18, 7, 200);
	struct mapview *mv = open_map(f, ip, 0);
	struct request req;
	struct focus fo;

	/* The whole space in 64x64 cells of a /12 fits 118 columns and 2 x 30 rows. */
	assert_int_equal(mv->m.cell_bits, 20);
	assert_int_equal(mv->m.w, 64);
	assert_int_equal(mv->m.total.blocked, 446);
	mapview_ops.focus(&mv->base, &fo);
	assert_int_equal(fo.ip, IP(198, 16, 0, 0));        /* the selected cell: 198.16/12 */
	req = enter(mv);
	assert_int_equal(req.kind, REQ_MAP);
	assert_int_equal(req.prefix, 8);
	assert_int_equal(req.ip, ip);                      /* the address, not the cell */
	mapview_ops.destroy(&mv->base);

	mv = open_map(f, req.ip, req.prefix);
	assert_int_equal(mv->sc.net, IP(198, 0, 0, 0));
	req = enter(mv);
	assert_int_equal(req.kind, REQ_MAP);
	assert_int_equal(req.prefix, 16);
	mapview_ops.destroy(&mv->base);

	mv = open_map(f, req.ip, req.prefix);
	assert_int_equal(mv->sc.net, IP(198, 18, 0, 0));
	assert_int_equal(mv->m.total.blocked, 255);       /* 198.18.7.0/25 and 198.18.200.0/25 */
	req = enter(mv);
	assert_int_equal(req.kind, REQ_OVERVIEW);
	assert_int_equal(req.ip, ip);
	/* A move leaves the address: Enter opens the selected cell's block. */
	mapview_ops.action(&mv->base, ACT_FIRST, &req);
	assert_true(req.moved);
	req = enter(mv);
	assert_int_equal(req.ip, IP(198, 18, 0, 0));
	mapview_ops.destroy(&mv->base);
}

static void test_tones(void **state)
{
	struct fixture *f = *state;
	struct mapview *mv = open_map(f, IP(198, 18, 7, 200), 16);
	char row[512];
	bool guilty = false;

	for (uint32_t y = 0; y < mv->m.h; y++)
		for (uint32_t x = 0; x < mv->m.w; x++)
			guilty = guilty || mapview_tone(mv, x, y) == TT_GUILTY;
	assert_true(guilty);
	assert_int_equal(mapview_tone(mv, mv->m.w, 0), TT_NONE);
	mapview_row_text(mv, 0, row, sizeof row);
	assert_int_equal(strlen(row), mv->m.w);
	assert_non_null(strchr(". =#~", row[0]));
	mapview_ops.destroy(&mv->base);
	assert_int_equal(mapview_zoom(0), 8);
	assert_int_equal(mapview_zoom(12), 16);
	assert_int_equal(mapview_zoom(16), 24);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test_setup_teardown(test_zoom_chain, setup, teardown),
		cmocka_unit_test_setup_teardown(test_tones, setup, teardown),
	};

	return cmocka_run_group_tests(tests, NULL, NULL);
}
