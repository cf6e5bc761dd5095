/* The Hilbert curve by quadrants: at each level the two bits of the
 * index that belong to it pick one of four quadrants, in the order top
 * left, bottom left, bottom right, top right, and the quadrant's own
 * curve is turned so that it starts where the previous one ended.  This
 * is the layout of xkcd 195, "Map of the Internet"
 * (https://xkcd.com/195/), and of ipv4-heatmap by The Measurement
 * Factory (https://github.com/measurement-factory/ipv4-heatmap, its
 * README's "HILBERT CURVE": 0 at the top left, 1 to its right, 15 at the
 * top right of an order-2 curve), which computes it with Figure 14-5 of
 * H. S. Warren, "Hacker's Delight" (2002); the rotate-and-flip form here
 * follows the same definition (see also "Hilbert curve", Wikipedia,
 * the functions d2xy and xy2d).
 *
 * A block with an odd number of bits is two squares side by side: the
 * first half of the addresses on the left, the second on the right.
 * The square curve ends at its top right corner, so the right square's
 * curve starts next to where the left one's ended. */
#include "core/map/hilbert.h"

void hilbert_size(unsigned bits, uint32_t *w, uint32_t *h)
{
	unsigned order = bits / 2;

	*h = (uint32_t)1 << order;
	*w = (uint32_t)1 << (bits - order);
}

/* Turn the sub-square of side s so that its curve joins its
 * neighbours': a quadrant on the left (ry 0) is mirrored in its
 * diagonal, the top right one also flipped. */
static void quadrant_turn(uint32_t s, uint32_t *x, uint32_t *y, uint32_t rx, uint32_t ry)
{
	uint32_t t;

	if (ry)
		return;
	if (rx) {
		*x = s - 1 - *x;
		*y = s - 1 - *y;
	}
	t = *x;
	*x = *y;
	*y = t;
}

/* The square of side 2^order. */
static void square_xy(unsigned order, uint64_t d, uint32_t *px, uint32_t *py)
{
	uint32_t x = 0, y = 0;

	for (unsigned level = 0; level < order; level++, d >>= 2) {
		uint32_t s = (uint32_t)1 << level;
		uint32_t rx = (uint32_t)(d >> 1) & 1;
		uint32_t ry = (uint32_t)(d ^ rx) & 1;

		quadrant_turn(s, &x, &y, rx, ry);
		x += s * rx;
		y += s * ry;
	}
	*px = x;
	*py = y;
}

static uint64_t square_index(unsigned order, uint32_t x, uint32_t y)
{
	uint64_t d = 0;

	for (unsigned level = order; level-- > 0;) {
		uint32_t s = (uint32_t)1 << level;
		uint32_t rx = (x & s) ? 1 : 0;
		uint32_t ry = (y & s) ? 1 : 0;

		d += ((uint64_t)s * s) * ((3 * rx) ^ ry);
		x &= s - 1;
		y &= s - 1;
		quadrant_turn(s, &x, &y, rx, ry);
	}
	return d;
}

void hilbert_xy(unsigned bits, uint64_t d, uint32_t *x, uint32_t *y)
{
	unsigned order = bits / 2;
	uint64_t half = d >> (2 * order);

	square_xy(order, d & (((uint64_t)1 << (2 * order)) - 1), x, y);
	*x += (uint32_t)half << order;   /* odd bits: the right square */
}

uint64_t hilbert_index(unsigned bits, uint32_t x, uint32_t y)
{
	unsigned order = bits / 2;
	uint64_t half = order < 32 ? x >> order : 0;

	return (half << (2 * order)) | square_index(order, x & (((uint64_t)1 << order) - 1), y);
}
