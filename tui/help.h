/* The help overlay and the key line, both drawn from the key table in
 * tui/keys.c and the legend in core/scan/legend.c. */
#ifndef RBLSCOPE_TUI_HELP_H
#define RBLSCOPE_TUI_HELP_H

struct app;

/* Lines the help overlay of the screen of scope (KS_ bits) needs,
 * border included. */
int help_height(unsigned scope);

/* Draw the help overlay over the screen. */
void help_draw(const struct app *a);

/* Draw the key line at the bottom of the screen. */
void keyline_draw(const struct app *a);

#endif
