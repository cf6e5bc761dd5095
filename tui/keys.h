/* Keys and what they do: one table read by the key handler, the help
 * overlay and the key line at the bottom of the screen. */
#ifndef RBLSCOPE_TUI_KEYS_H
#define RBLSCOPE_TUI_KEYS_H

#include <stdbool.h>
#include <stddef.h>

enum action {
	ACT_NONE = 0,
	ACT_LEFT, ACT_RIGHT, ACT_UP, ACT_DOWN,
	ACT_FIRST, ACT_LAST,          /* first / last address of the /24 */
	ACT_PREV24, ACT_NEXT24,
	ACT_GOTO,
	ACT_REQUERY,
	ACT_SAVE,
	ACT_ASN_LAYER,
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

/* The action bound to a curses key code, or ACT_NONE. */
enum action keys_action(int ch);

/* Help line i (0-based) of the key table for the glyph set; false past
 * the end. */
bool keys_help(size_t i, bool utf8, struct key_help *out);

/* Item i of the bottom key line ("q" "quit"); false past the end.  The
 * items come in order of importance, so a narrow line drops the last. */
bool keys_bar_item(size_t i, bool utf8, const char **key, const char **label);

#endif
