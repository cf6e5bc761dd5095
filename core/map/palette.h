/* The colours of pictures of address space, one place for all of them:
 * the classes in the RGB of the very xterm-256 colours the terminal
 * grid uses (tui/theme.c), the ground and the text. */
#ifndef RBLSCOPE_PALETTE_H
#define RBLSCOPE_PALETTE_H

#include <stdint.h>

#include "core/map/map.h"

struct map_colour {
	const char *label;    /* for a legend, with the profile's words to fill
	                         in (legend_words): "guilty ({single})" */
	const char *meaning;  /* "addresses listed themselves" */
	uint8_t r, g, b;
	int xterm;            /* the same colour in xterm's 256 */
};

/* How strongly a cell with a share s of blocked addresses shows its
 * class's colour over the clean grey: MAP_STRENGTH_MIN + (1 - MIN) * s,
 * so that one listed address in a large cell still shows. */
#define MAP_STRENGTH_MIN 0.35

/* The colour of a class. */
const struct map_colour *map_colour(enum map_class c);

/* The colour of a picture's ground. */
const struct map_colour *map_colour_ground(void);

/* The colour of a picture's text. */
const struct map_colour *map_colour_text(void);

/* The colour a cell is drawn in: its class's colour (map_cell_class)
 * at the strength its share of blocked addresses gives, over clean
 * grey; a clean or outside cell in its class's colour. */
void map_cell_rgb(const struct map_cell *c, uint8_t rgb[3]);

/* The RGB of xterm-256 colour n (its 6x6x6 cube and grey ramp; 16 and
 * above); -1 below 16, whose colours each terminal sets. */
int xterm256_rgb(int n, uint8_t rgb[3]);

#endif
