/* The 16x16 maps.  Each cell is a mark (cursor, or a screen's own
 * marker), the glyph of its class and the last octet, so the class reads
 * without colour. */
#include "tui/cells.h"

#include "tui/draw.h"
#include "tui/text.h"

void cells_row_text(const void *owner, cell_look_fn look, int row, char *out, size_t len)
{
	struct cell_look l;
	size_t used = 0;

	out[0] = '\0';
	for (unsigned col = 0; col < GRID_SIDE; col++) {
		look(owner, (unsigned)row * GRID_SIDE + col, &l);
		text_appendf(out, len, &used, "%s%s%s", l.mark, l.glyph, l.octet);
	}
}

/* A cell bigger than one line and five columns: the glyph fills it,
 * so a class reads across a room; the last column stays a gap. */
static void cell_fill(const struct ctx *cx, const struct cell_look *l, int x, int y)
{
	const struct layout *lay = cx->lay;
	int from = lay->octets ? 5 : 2;

	for (int r = 0; r < lay->cell_h; r++)
		for (int c = r ? 1 : from; c < lay->cell_w - 1; c++)
			draw_text(y + r, x + c, 1, l->attr, l->glyph, cx->th->utf8);
}

void cells_draw(const struct ctx *cx, const void *owner, cell_look_fn look)
{
	const struct theme *th = cx->th;
	struct cell_look l;
	int x, y;

	for (unsigned cell = 0; cell < GRID_SIDE * GRID_SIDE; cell++) {
		look(owner, cell, &l);
		layout_cell_pos(cx->lay, (int)cell, &x, &y);
		draw_text(y, x, 1, l.mark_attr, l.mark, th->utf8);
		draw_text(y, x + 1, 1, l.attr, l.glyph, th->utf8);
		if (cx->lay->octets)
			draw_text(y, x + 2, 3, l.octet_attr, l.octet, th->utf8);
		if (l.fill && (cx->lay->cell_h > 1 || cx->lay->cell_w > GRID_CELL_W + 1))
			cell_fill(cx, &l, x, y);
	}
}

attr_t cells_class_attr(const struct ctx *cx, enum cell_class cls, bool stale)
{
	return stale ? theme_class_attr_stale(cx->th, cls) : theme_class_attr(cx->th, cls);
}
