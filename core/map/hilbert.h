/* The Hilbert curve that lays a block of addresses out on a plane, as
 * the well-known maps of the IPv4 space draw it: every aligned CIDR
 * block inside is a square or a 2:1 rectangle, and addresses next to
 * each other stay next to each other. */
#ifndef RBLSCOPE_HILBERT_H
#define RBLSCOPE_HILBERT_H

#include <stdint.h>

/* The most bits a curve may have: the whole IPv4 space. */
#define HILBERT_MAX_BITS 32

/* The plane of a curve through 2^bits cells: a square of 2^(bits/2)
 * on a side for even bits, twice as wide as high for odd bits. */
void hilbert_size(unsigned bits, uint32_t *w, uint32_t *h);

/* The cell (x right, y down, 0,0 top left) of the d-th step of the
 * curve through 2^bits cells (d < 2^bits). */
void hilbert_xy(unsigned bits, uint64_t d, uint32_t *x, uint32_t *y);

/* The step of the curve through 2^bits cells at cell x,y: the inverse
 * of hilbert_xy. */
uint64_t hilbert_index(unsigned bits, uint32_t x, uint32_t y);

#endif
