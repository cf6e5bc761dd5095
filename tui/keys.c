/* The key table.  Adding a key is one line here; the help and the key
 * line follow from it. */
#include "tui/keys.h"

#include "tui/curses.h"

#define CTRL(c) ((c) & 0x1f)
#define MAX_KEYS 4

/* help_* NULL: the key is explained on the line of the binding before,
 * so pairs like [ and ] take one line of the help. */
static const struct binding {
	int keys[MAX_KEYS];          /* 0 ends the list */
	enum action act;
	const char *help_utf8, *help_ascii;
	const char *text;
	const char *bar_utf8, *bar_ascii, *bar_label;   /* NULL: not in the key line */
} bindings[] = {
	{ { 'q', 'Q' }, ACT_QUIT, "q", "q", "quit", "q", "q", "quit" },
	{ { '?', KEY_F(1) }, ACT_HELP, "? F1", "? F1", "this help; any key closes it",
	  "?", "?", "help" },
	{ { KEY_LEFT, 'h' }, ACT_LEFT, "\u2190\u2193\u2191\u2192 hjkl", "arrows hjkl",
	  "move by one address, or by a row of 16",
	  "\u2190\u2191\u2193\u2192", "hjkl", "move" },
	{ { KEY_RIGHT, 'l' }, ACT_RIGHT, NULL, NULL, NULL, NULL, NULL, NULL },
	{ { KEY_UP, 'k' }, ACT_UP, NULL, NULL, NULL, NULL, NULL, NULL },
	{ { KEY_DOWN, 'j' }, ACT_DOWN, NULL, NULL, NULL, NULL, NULL, NULL },
	{ { KEY_HOME, '0' }, ACT_FIRST, "Home End 0 $", "Home End 0 $",
	  "first / last address of the /24", NULL, NULL, NULL },
	{ { KEY_END, '$' }, ACT_LAST, NULL, NULL, NULL, NULL, NULL, NULL },
	{ { '[', KEY_PPAGE }, ACT_PREV24, "[ ] PgUp PgDn", "[ ] PgUp PgDn", "previous / next /24",
	  "[ ]", "[ ]", "/24" },
	{ { ']', KEY_NPAGE }, ACT_NEXT24, NULL, NULL, NULL, NULL, NULL, NULL },
	{ { 'g', '/' }, ACT_GOTO, "g /", "g /", "go to an address or CIDR", "g", "g", "go to" },
	{ { 'x' }, ACT_SAVE, "x", "x", "save the view as a text snapshot in the current folder",
	  "x", "x", "save" },
	{ { 'A', 'a' }, ACT_ASN_LAYER, "A", "A", "ASN layer: mark addresses outside the target's ASN",
	  "A", "A", "ASN layer" },
	{ { 'r', 'R' }, ACT_REQUERY, "r", "r", "query the view again, bypassing the cache",
	  "r", "r", "re-query" },
	{ { CTRL('l') }, ACT_REDRAW, "Ctrl-L", "Ctrl-L", "redraw the screen", NULL, NULL, NULL },
	{ { 0 }, ACT_NONE, "mouse", "mouse", "click an address to select it", NULL, NULL, NULL },
};

#define NBINDINGS (sizeof bindings / sizeof bindings[0])

enum { ESC_NONE, ESC_SEEN, ESC_SEQUENCE };

bool keys_escape_drop(struct esc_filter *f, int ch)
{
	switch (f->state) {
	case ESC_SEEN:
		/* CSI and SS3 run to a final byte; anything else after Esc
		 * is Alt+key: one character. */
		f->state = (ch == '[' || ch == 'O') ? ESC_SEQUENCE : ESC_NONE;
		if (ch == 27) {
			f->state = ESC_SEEN;
			return false;
		}
		return ch >= 0x20 && ch < 0x7f;
	case ESC_SEQUENCE:
		if (ch >= 0x40 && ch <= 0x7e)
			f->state = ESC_NONE;
		return ch < 0x100;
	default:
		if (ch == 27)
			f->state = ESC_SEEN;
		return false;
	}
}

enum action keys_action(int ch)
{
	for (size_t i = 0; i < NBINDINGS; i++)
		for (size_t k = 0; k < MAX_KEYS && bindings[i].keys[k]; k++)
			if (bindings[i].keys[k] == ch)
				return bindings[i].act;
	return ACT_NONE;
}

bool keys_help(size_t i, bool utf8, struct key_help *out)
{
	for (size_t b = 0; b < NBINDINGS; b++) {
		if (!bindings[b].help_utf8)
			continue;
		if (i-- == 0) {
			out->keys = utf8 ? bindings[b].help_utf8 : bindings[b].help_ascii;
			out->text = bindings[b].text;
			return true;
		}
	}
	return false;
}

bool keys_bar_item(size_t i, bool utf8, const char **key, const char **label)
{
	for (size_t b = 0; b < NBINDINGS; b++) {
		if (!bindings[b].bar_label)
			continue;
		if (i-- == 0) {
			*key = utf8 ? bindings[b].bar_utf8 : bindings[b].bar_ascii;
			*label = bindings[b].bar_label;
			return true;
		}
	}
	return false;
}
