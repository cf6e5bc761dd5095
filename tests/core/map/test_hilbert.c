/* Unit tests for core/map/hilbert.c: the layout of ipv4-heatmap and xkcd
 * 195 (the order-2 curve of ipv4-heatmap's README, cell by cell), a
 * round trip for every cell at small orders, steps that are always
 * neighbours, and every aligned block a square or a 2:1 rectangle. */
#include <stdarg.h>
#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>
#include <setjmp.h>
#include <stdlib.h>
#include <cmocka.h>

#include "core/map/hilbert.h"

static void order2_as_ipv4_heatmap(void **state)
{
	/* ipv4-heatmap(1), HILBERT CURVE:  0-1 14-15 / 3-2 13-12 / 4 7-8 11 / 5-6 9-10 */
	static const uint32_t want[16][2] = {
		{ 0, 0 }, { 1, 0 }, { 1, 1 }, { 0, 1 }, { 0, 2 }, { 0, 3 }, { 1, 3 }, { 1, 2 },
		{ 2, 2 }, { 2, 3 }, { 3, 3 }, { 3, 2 }, { 3, 1 }, { 2, 1 }, { 2, 0 }, { 3, 0 },
	};
	uint32_t x, y;

	(void)state;
	for (uint64_t d = 0; d < 16; d++) {
		hilbert_xy(4, d, &x, &y);
		assert_int_equal(x, want[d][0]);
		assert_int_equal(y, want[d][1]);
		assert_int_equal(hilbert_index(4, x, y), d);
	}
}

static void sizes(void **state)
{
	uint32_t w, h;

	(void)state;
	hilbert_size(0, &w, &h);
	assert_true(w == 1 && h == 1);
	hilbert_size(1, &w, &h);
	assert_true(w == 2 && h == 1);
	hilbert_size(15, &w, &h);   /* a /17 of addresses, one a cell */
	assert_true(w == 256 && h == 128);
	hilbert_size(24, &w, &h);
	assert_true(w == 4096 && h == 4096);
	hilbert_size(32, &w, &h);
	assert_true(w == 65536 && h == 65536);
}

/* Every cell once, back to its index, each step to a neighbour. */
static void round_trip_every_cell(void **state)
{
	(void)state;
	for (unsigned bits = 0; bits <= 18; bits++) {
		uint32_t w, h, px = 0, py = 0;
		uint64_t n = (uint64_t)1 << bits;
		unsigned char *seen;

		hilbert_size(bits, &w, &h);
		seen = calloc(n, 1);
		assert_non_null(seen);
		for (uint64_t d = 0; d < n; d++) {
			uint32_t x, y;

			hilbert_xy(bits, d, &x, &y);
			assert_true(x < w && y < h);
			assert_false(seen[(uint64_t)y * w + x]);
			seen[(uint64_t)y * w + x] = 1;
			assert_int_equal(hilbert_index(bits, x, y), d);
			if (d > 0)
				assert_int_equal((x > px ? x - px : px - x) + (y > py ? y - py : py - y), 1);
			px = x;
			py = y;
		}
		free(seen);
	}
}

/* The cells of every aligned block of 2^j steps fill a box of exactly
 * 2^j cells: a square for even j, a 2:1 rectangle for odd j. */
static void aligned_blocks_are_boxes(void **state)
{
	(void)state;
	for (unsigned bits = 1; bits <= 13; bits++) {
		for (unsigned j = 0; j <= bits; j++) {
			uint64_t size = (uint64_t)1 << j;

			for (uint64_t start = 0; start < ((uint64_t)1 << bits); start += size) {
				uint32_t x0 = UINT32_MAX, y0 = UINT32_MAX, x1 = 0, y1 = 0, x, y, bw, bh;

				for (uint64_t d = start; d < start + size; d++) {
					hilbert_xy(bits, d, &x, &y);
					x0 = x < x0 ? x : x0;
					y0 = y < y0 ? y : y0;
					x1 = x > x1 ? x : x1;
					y1 = y > y1 ? y : y1;
				}
				bw = x1 - x0 + 1;
				bh = y1 - y0 + 1;
				assert_int_equal((uint64_t)bw * bh, size);
				if (j % 2 == 0)
					assert_int_equal(bw, bh);
				else
					assert_true(bw == 2 * bh || bh == 2 * bw);
			}
		}
	}
}

/* The whole IPv4 space: 0.0.0.0 top left, 255.255.255.255 top right,
 * the quarters top left, bottom left, bottom right, top right (xkcd 195),
 * and a sample of addresses back to themselves. */
static void whole_space(void **state)
{
	uint32_t x, y;
	uint64_t d = 12345;

	(void)state;
	hilbert_xy(32, 0, &x, &y);
	assert_true(x == 0 && y == 0);
	hilbert_xy(32, UINT32_MAX, &x, &y);
	assert_true(x == 65535 && y == 0);
	hilbert_xy(32, 0x40000000u, &x, &y);
	assert_true(x < 32768 && y >= 32768);
	hilbert_xy(32, 0x80000000u, &x, &y);
	assert_true(x >= 32768 && y >= 32768);
	hilbert_xy(32, 0xc0000000u, &x, &y);
	assert_true(x >= 32768 && y < 32768);
	for (int i = 0; i < 100000; i++) {
		d = (d * 6364136223846793005ULL + 1442695040888963407ULL);
		hilbert_xy(32, d >> 32, &x, &y);
		assert_int_equal(hilbert_index(32, x, y), d >> 32);
		hilbert_xy(31, d >> 33, &x, &y);
		assert_true(x < 65536 && y < 32768);
		assert_int_equal(hilbert_index(31, x, y), d >> 33);
	}
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(order2_as_ipv4_heatmap),
		cmocka_unit_test(sizes),
		cmocka_unit_test(round_trip_every_cell),
		cmocka_unit_test(aligned_blocks_are_boxes),
		cmocka_unit_test(whole_space),
	};

	return cmocka_run_group_tests(tests, NULL, NULL);
}
