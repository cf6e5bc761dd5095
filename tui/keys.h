/* Keys and what they do: one table read by the key handler, the help
 * overlay and the key line at the bottom of the screen. */
#ifndef RBLSCOPE_TUI_KEYS_H
#define RBLSCOPE_TUI_KEYS_H

#include <stdbool.h>
#include <stddef.h>

/* Where a binding works: the screens, and KS_DEMO for keys that the
 * key line offers only in the demo (elsewhere they explain why not). */
enum key_scope {
	KS_GRID = 1 << 0,
	KS_ASN = 1 << 1,              /* the ASN view */
	KS_OVERVIEW = 1 << 2,         /* the /16 overview */
	KS_DEMO = 1 << 3,
	KS_ROOT = 1 << 4,             /* the screen shown is the first one */
	KS_CENSUS = 1 << 5,           /* the census */
	KS_MAP = 1 << 6,              /* the map of address space */
	KS_CHECK = 1 << 7,            /* one address on every list */
};
#define KS_LISTS (KS_ASN | KS_CENSUS | KS_CHECK)
#define KS_VIEWS (KS_ASN | KS_OVERVIEW | KS_CENSUS | KS_MAP | KS_CHECK)
#define KS_ALL (KS_GRID | KS_ASN | KS_OVERVIEW | KS_CENSUS | KS_MAP | KS_CHECK)

/* What a key asks for; each screen reads the movements its own way. */
enum action {
	ACT_NONE = 0,
	ACT_LEFT, ACT_RIGHT, ACT_UP, ACT_DOWN,
	ACT_FIRST, ACT_LAST,          /* first / last item of the screen */
	ACT_PREV24, ACT_NEXT24,       /* previous / next /24, page or /16 */
	ACT_GOTO,
	ACT_REQUERY,
	ACT_SAVE,
	ACT_ASN_LAYER,
	ACT_ASN_VIEW,
	ACT_OVERVIEW,
	ACT_CENSUS,                   /* every ASN, exactly (zone files) */
	ACT_MAP,                      /* the map of the whole space */
	ACT_CHECK,                    /* the selected address on every list */
	ACT_SORT,                     /* the census: the next order */
	ACT_FILTER,                   /* the census: filter by AS name */
	ACT_OPEN,                     /* the grid of the selected item */
	ACT_BACK,                     /* back to the screen before */
	ACT_POLICY_NEXT, ACT_POLICY_PREV,
	ACT_IMPACT,                   /* demo: one more impact on the selection */
	ACT_UNDO,                     /* demo: take the last impact back */
	ACT_RESET,                    /* demo: the scenario as it began */
	ACT_LAYER_ALL,                /* every zone together */
	ACT_LAYER_1,                  /* the first zone alone; _1 + n the n+1th, */
	ACT_LAYER_LAST = ACT_LAYER_1 + 5,   /* up to the sixth (ACT_LAYER_MAX) */
	ACT_HELP,
	ACT_REDRAW,
	ACT_QUIT,
	ACT_COUNT
};

struct key_help {
	const char *keys;      /* how the help names the keys: "Left h" */
	const char *text;      /* what they do */
};

/* Where the key stream is in an escape sequence curses did not know
 * (an unknown function key, Alt+key): its bytes must not act as keys. */
struct esc_filter {
	int state;
};

/* Feed one key of a batch read at once; true when it belongs to an
 * unknown escape sequence and must be dropped.  Esc itself passes.
 * Reset (state 0) between batches: a key pressed later is a key. */
bool keys_escape_drop(struct esc_filter *f, int ch);

#define ACT_LAYER_MAX (ACT_LAYER_LAST - ACT_LAYER_1 + 1)   /* keys 1 to 6 */

/* The action bound to a curses key code in the screen of scope (a
 * KS_ screen bit, with KS_ROOT when it is the first screen), or
 * ACT_NONE. */
enum action keys_action(unsigned scope, int ch);

/* Help line i (0-based) of the screen of scope for the glyph set; false
 * past the end. */
bool keys_help(size_t i, unsigned scope, bool utf8, struct key_help *out);

/* Item i of the bottom key line of scope ("q" "back"); false past the
 * end.  Demo keys show only when scope has KS_DEMO.  The items come in
 * order of importance, so a narrow line drops the last. */
bool keys_bar_item(size_t i, unsigned scope, bool utf8, const char **key, const char **label);

/* Teach curses the Home and End sequences its terminfo may lack. */
void keys_define_extra(void);

#endif
