/* The palette of pictures.  The three listing colours are those of the
 * terminal grid (tui/theme.c explains the choice: 3:1 or more against
 * both black and white, apart for colour-blind readers), as xterm's
 * cube draws them.  Clean space is a light grey, so that a listing of
 * any colour stands out of it and white is left for what is outside the
 * scope (a picture's ground, and addresses of no network of an ASN):
 * grey 252 (#d0d0d0) against white is 1.5:1, enough to see the edge of
 * a scope, never mistaken for a listing. */
#include "core/map/palette.h"

static const struct map_colour classes[MC_COUNT] = {
	[MC_OUTSIDE] = { "outside the scope", "no address of the scope (nor loopback)",
	                 0xff, 0xff, 0xff, 231 },
	[MC_CLEAN] = { "clean", "addresses listed nowhere", 0xd0, 0xd0, 0xd0, 252 },
	[MC_ASN] = { "ASN ({asn})", "addresses whose whole ASN is listed", 0xaf, 0x00, 0xff, 129 },
	[MC_RANGE] = { "range ({range})", "addresses whose range is listed", 0xff, 0x5f, 0x00, 202 },
	[MC_GUILTY] = { "guilty ({single})", "addresses listed themselves", 0xd7, 0x00, 0x00, 160 },
};

static const struct map_colour ground = { "ground", "", 0xff, 0xff, 0xff, 231 };
static const struct map_colour text = { "text", "", 0x30, 0x30, 0x30, 236 };

const struct map_colour *map_colour(enum map_class c)
{
	return &classes[c < MC_COUNT ? c : MC_OUTSIDE];
}

const struct map_colour *map_colour_ground(void)
{
	return &ground;
}

const struct map_colour *map_colour_text(void)
{
	return &text;
}

/* a + (b - a) * t, rounded (t from 0 to 1). */
static uint8_t mix(uint8_t a, uint8_t b, double t)
{
	return (uint8_t)(a + (b - a) * t + 0.5);
}

void map_cell_rgb(const struct map_cell *c, uint8_t rgb[3])
{
	enum map_class cls = map_cell_class(c);
	const struct map_colour *k = &classes[cls], *clean = &classes[MC_CLEAN];
	double t = MAP_STRENGTH_MIN + (1 - MAP_STRENGTH_MIN) * map_cell_share(c);

	if (cls == MC_OUTSIDE || cls == MC_CLEAN) {
		rgb[0] = k->r;
		rgb[1] = k->g;
		rgb[2] = k->b;
		return;
	}
	rgb[0] = mix(clean->r, k->r, t);
	rgb[1] = mix(clean->g, k->g, t);
	rgb[2] = mix(clean->b, k->b, t);
}

int xterm256_rgb(int n, uint8_t rgb[3])
{
	static const uint8_t cube[6] = { 0x00, 0x5f, 0x87, 0xaf, 0xd7, 0xff };

	if (n < 16 || n > 255)
		return -1;
	if (n >= 232) {
		rgb[0] = rgb[1] = rgb[2] = (uint8_t)(8 + 10 * (n - 232));
		return 0;
	}
	n -= 16;
	rgb[0] = cube[n / 36];
	rgb[1] = cube[n / 6 % 6];
	rgb[2] = cube[n % 6];
	return 0;
}
