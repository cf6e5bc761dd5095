/* The grid.  Each cell is five columns: a mark (cursor, or the ASN
 * layer's "another ASN"), the glyph of its class and the last octet, so
 * sixteen fit in 80 columns and the class reads without colour. */
#include "tui/grid.h"

#include <stdio.h>
#include <string.h>

#include "tui/app.h"
#include "tui/draw.h"
#include "tui/layout.h"
#include "tui/text.h"

/* What one cell shows: strings and attributes, decided once for both
 * the screen and the plain-text rendering. */
static void cell_look(const struct app *a, unsigned cell, struct cell_look *l)
{
	const struct theme *th = &a->th;
	uint32_t ip = a->view.base | cell;
	int cls = app_class_of(a, ip);

	snprintf(l->octet, sizeof l->octet, "%3u", cell);
	l->mark = " ";
	l->mark_attr = A_NORMAL;
	if (cls < 0) {
		l->glyph = " ";
		l->attr = theme_elem_attr(th, TE_OUTSIDE);
	} else {
		l->glyph = theme_glyph(th, (enum cell_class)cls);
		l->attr = theme_class_attr(th, (enum cell_class)cls);
	}
	if (ip == a->view.cursor) {
		l->mark = theme_sym(th, TS_CURSOR);
		l->mark_attr = theme_elem_attr(th, TE_CURSOR);
		/* Reverse flips whatever the class looks like, so the cursor
		 * shows on every class, in colour and in monochrome. */
		l->attr = (l->attr ^ A_REVERSE) | A_BOLD;
	} else if (a->asn_layer && app_other_asn(a, ip)) {
		l->mark = theme_sym(th, TS_OTHER_ASN);
		l->mark_attr = theme_elem_attr(th, TE_OTHER_ASN);
	}
}

void cells_row_text(const struct app *a, cell_look_fn look, int row, char *out, size_t len)
{
	struct cell_look l;
	size_t used = 0;

	out[0] = '\0';
	for (unsigned col = 0; col < GRID_SIDE; col++) {
		look(a, (unsigned)row * GRID_SIDE + col, &l);
		text_appendf(out, len, &used, "%s%s%s", l.mark, l.glyph, l.octet);
	}
}

void cells_draw(const struct app *a, cell_look_fn look)
{
	const struct theme *th = &a->th;
	struct cell_look l;
	int x, y;

	for (unsigned cell = 0; cell < GRID_SIDE * GRID_SIDE; cell++) {
		look(a, cell, &l);
		layout_cell_pos(&a->lay, (int)cell, &x, &y);
		draw_text(y, x, 1, l.mark_attr, l.mark, th->utf8);
		draw_text(y, x + 1, 1, l.attr, l.glyph, th->utf8);
		draw_text(y, x + 2, 3, l.attr, l.octet, th->utf8);
	}
}

void grid_row_text(const struct app *a, int row, char *out, size_t len)
{
	cells_row_text(a, cell_look, row, out, len);
}

void grid_draw(const struct app *a)
{
	cells_draw(a, cell_look);
}
