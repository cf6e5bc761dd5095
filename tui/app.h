/* The terminal UI's one context: the session it reads, the scan of the
 * /24 in view and what the user is doing.  Every screen draws from it;
 * only tui/app.c changes it. */
#ifndef RBLSCOPE_TUI_APP_H
#define RBLSCOPE_TUI_APP_H

#include <stdbool.h>
#include <stdint.h>

#include "core/scan.h"
#include "core/session.h"
#include "geo/asn.h"
#include "tui/keys.h"
#include "tui/layout.h"
#include "tui/prompt.h"
#include "tui/ptr.h"
#include "tui/signals.h"
#include "tui/theme.h"
#include "tui/view.h"

#define APP_MSG_MAX 600

struct app {
	struct session *s;
	struct theme th;
	struct layout lay;
	struct view view;
	struct scan *sc;              /* the scan of the view; NULL when out of memory */
	bool distrusted[PROFILE_MAX_ZONES];  /* zones marked untrusted in sc */
	struct asn_info target_asn;   /* the ASN of the target, for the ASN layer */
	bool asn_layer;
	bool help;
	bool quit;
	struct prompt prompt;
	struct ptr_cache ptr;
	char msg[APP_MSG_MAX];        /* shown until the next key */
	bool msg_error;
	uint64_t drawn_at;            /* when the screen was last drawn */
	struct loop_timer redraw;     /* a draw deferred by the 10 Hz cap */
	struct loop_timer tick;       /* redraws while the zones are probed */
	struct loop_timer ptr_wait;   /* PTR lookup once the cursor rests */
	unsigned idle_reads;          /* readable stdin with no key: a closed terminal */
	struct esc_filter esc;        /* unknown escape sequences are not keys */
	struct tui_signals *sig;      /* the self-pipe signals wake the loop with */
};

/* The cell under the cursor, or NULL when it is not scanned. */
const struct scan_cell *app_cursor_cell(const struct app *a);

/* The class of the cell of ip, or -1 when ip is not scanned. */
int app_class_of(const struct app *a, uint32_t ip);

/* True when the ASN layer marks ip: its ASN is not the target's. */
bool app_other_asn(const struct app *a, uint32_t ip);

#endif
