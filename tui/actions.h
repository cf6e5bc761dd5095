/* Keys and clicks: what every screen shares (help, go to, the policy
 * simulator, back, quit) and the grid's own. */
#ifndef RBLSCOPE_TUI_ACTIONS_H
#define RBLSCOPE_TUI_ACTIONS_H

#include "tui/keys.h"

struct app;

/* Act on a key that is the grid's own (moves, [ ], x, A, a, o, r). */
void grid_action(struct app *a, enum action act);

/* Select the address under a click at x, y. */
void grid_click(struct app *a, int x, int y);

#endif
