/* Composing the screen.  Parts draw in a fixed order so that overlays
 * (message, help) land on top. */
#include "tui/screen.h"

#include <stdio.h>

#include "core/scan/legend.h"
#include "tui/actions.h"
#include "tui/app.h"
#include "tui/asnview.h"
#include "tui/detail.h"
#include "tui/draw.h"
#include "tui/grid.h"
#include "tui/help.h"
#include "tui/overview.h"
#include "tui/status.h"
#include "tui/text.h"

/* ---- the grid ---- */

static void grid_title(const struct app *a, char *out, size_t len)
{
	out[0] = '\0';
	status_title(out, len, &a->view, NULL);
}

static const struct scan *grid_scan(const struct app *a)
{
	return a->sc;
}

static const char *grid_meaning(enum cell_class cls)
{
	return legend_of(cls)->meaning;
}

static void grid_body(const struct app *a)
{
	if (a->sc) {
		grid_draw(a);
		summary_draw(a);
		warnline_draw(a);
		detail_draw(a);
	}
	notes_draw(a);
}

/* ---- the views ---- */

static const struct scan *asnview_scan(const struct app *a)
{
	return &a->av->as.sc;
}

static const struct scan *overview_scan(const struct app *a)
{
	return &a->ov->sc;
}

static const struct screen_ops screens[] = {
	[SCREEN_GRID] = { KS_GRID, true, grid_title, grid_scan, grid_meaning, grid_body,
	                  grid_action, grid_click },
	[SCREEN_ASN] = { KS_ASN, false, asnview_title, asnview_scan, asnview_meaning, asnview_draw,
	                 asnview_action, asnview_click },
	[SCREEN_OVERVIEW] = { KS_OVERVIEW, true, overview_title, overview_scan, overview_meaning,
	                      overview_draw, overview_action, overview_click },
};

const struct screen_ops *screen_of(const struct app *a)
{
	/* A view's pointer and its screen change together; the grid is the
	 * fallback should they ever disagree. */
	if ((a->screen == SCREEN_ASN && !a->av) || (a->screen == SCREEN_OVERVIEW && !a->ov))
		return &screens[SCREEN_GRID];
	return &screens[a->screen];
}

size_t toosmall_lines(int cols, int rows, char lines[][64], size_t max)
{
	char raw[3][64];
	size_t n = 0;

	snprintf(raw[0], sizeof raw[0], "terminal too small");
	snprintf(raw[1], sizeof raw[1], "need %dx%d, have %dx%d", LAYOUT_MIN_COLS, LAYOUT_MIN_ROWS,
	         cols, rows);
	snprintf(raw[2], sizeof raw[2], "enlarge it, or q to quit");
	for (size_t i = 0; i < 3 && n < max; i++)
		text_fit(lines[n++], sizeof lines[0], raw[i], cols, false);
	return n;
}

static void toosmall_draw(const struct app *a)
{
	char lines[3][64];
	size_t n = toosmall_lines(a->lay.cols, a->lay.rows, lines, 3);
	int y = (a->lay.rows - (int)n) / 2;

	if (y < 0)
		y = 0;
	for (size_t i = 0; i < n && y + (int)i < a->lay.rows; i++)
		draw_centred(y + (int)i, 0, a->lay.cols,
		             i == 0 ? theme_elem_attr(&a->th, TE_WARN) : A_NORMAL, lines[i], false);
}

static void message_draw(const struct app *a)
{
	const struct theme *th = &a->th;
	int y = a->lay.msg_y;

	draw_blank(y, 0, a->lay.cols, A_NORMAL);
	draw_text(y, 1, a->lay.cols - 1,
	          theme_elem_attr(th, a->msg_error ? TE_ERROR : TE_HEADING), a->msg, th->utf8);
}

/* The terminal's cursor sits in the prompt while typing, else hidden. */
static void cursor_place(const struct app *a)
{
	if (a->prompt.active && !a->lay.too_small) {
		curs_set(1);
		move(a->lay.keys_y, (int)(sizeof PROMPT_LABEL - 1 + a->prompt.len));
	} else {
		curs_set(0);
	}
}

void screen_draw(const struct app *a)
{
	erase();
	if (a->lay.too_small) {
		toosmall_draw(a);
	} else {
		title_draw(a);
		status_draw(a);
		screen_of(a)->draw(a);
		if (a->prompt.active)
			prompt_draw(a);
		else
			keyline_draw(a);
		if (a->msg[0])
			message_draw(a);
		if (a->help)
			help_draw(a);
	}
	cursor_place(a);
	wnoutrefresh(stdscr);
	doupdate();
}
