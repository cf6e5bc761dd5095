/* The interactive investigator. */
#ifndef RBLSCOPE_TUI_H
#define RBLSCOPE_TUI_H

#include "core/demo/demo.h"
#include "core/scan/session.h"
#include "core/snapshot/snapshot.h"

/* Run the terminal UI over an open session (and the demo d, or NULL;
 * since: the snapshot its grids are compared with, or NULL) until the
 * user quits; returns the exit status. */
int tui_run(struct session *s, struct demo *d, const struct snapshot *since);

#endif
