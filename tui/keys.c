/* The key table.  Adding a key is one line here; the help and the key
 * line follow from it. */
#include "tui/keys.h"

#include "tui/curses.h"

#define CTRL(c) ((c) & 0x1f)
#define KEY_ESC 27
#define MAX_KEYS 4

/* help_* NULL: the key is explained on another line of its screens, so
 * pairs like [ and ] take one line of the help; the help of each screen
 * fits 80x24.  The same key may be bound once per screen: the first
 * binding whose scope holds the screen wins. */
static const struct binding {
	int keys[MAX_KEYS];          /* 0 ends the list */
	enum action act;
	unsigned scope;              /* KS_ screens, KS_DEMO, KS_ROOT */
	const char *help_utf8, *help_ascii;
	const char *text;
	const char *bar_utf8, *bar_ascii, *bar_label;   /* NULL: not in the key line */
} bindings[] = {
	/* q goes back one screen; on the first it quits.  Esc goes back
	 * but never quits: a stray Esc must not end the program. */
	{ { 'q', 'Q' }, ACT_QUIT, KS_ALL | KS_ROOT, "q", "q", "quit", "q", "q", "quit" },
	{ { 27 }, ACT_NONE, KS_ALL | KS_ROOT, NULL, NULL, NULL, NULL, NULL, NULL },
	{ { 'q', 'Q', KEY_ESC }, ACT_BACK, KS_ALL, "q Esc", "q Esc",
	  "back to the screen before (q on the first screen quits)", "q", "q", "back" },
	{ { '?', KEY_F(1) }, ACT_HELP, KS_ALL, "? F1", "? F1",
	  "this help; arrows scroll it, any other key closes it", "?", "?", "help" },
	/* The policy simulator: the demo only, where rblscope writes the
	 * zones itself; early, so that a narrow key line still offers them. */
	{ { 'p' }, ACT_POLICY_NEXT, KS_ALL | KS_DEMO, "p P", "p P",
	  "demo: next / previous listing policy, in date order", "p", "p", "policy" },
	{ { 'P' }, ACT_POLICY_PREV, KS_ALL | KS_DEMO, NULL, NULL, NULL, NULL, NULL, NULL },
	{ { 'i' }, ACT_IMPACT, KS_ALL | KS_DEMO, "i u U", "i u U",
	  "demo: one more impact here / undo the last / undo all",
	  "i", "i", "impact" },
	{ { 'u' }, ACT_UNDO, KS_ALL | KS_DEMO, NULL, NULL, NULL, "u", "u", "undo" },
	{ { 'U' }, ACT_RESET, KS_ALL | KS_DEMO, NULL, NULL, NULL, NULL, NULL, NULL },
	/* Moving: the grid and the overview are both 16x16; the ASN view is
	 * a list. */
	{ { KEY_LEFT, 'h' }, ACT_LEFT, KS_GRID, "\u2190\u2193\u2191\u2192 hjkl", "arrows hjkl",
	  "move by one address, or by a row of 16; a click selects",
	  "\u2190\u2191\u2193\u2192", "hjkl", "move" },
	{ { KEY_LEFT, 'h' }, ACT_LEFT, KS_OVERVIEW, "\u2190\u2193\u2191\u2192 hjkl", "arrows hjkl",
	  "move by a /24 or a row; click selects, again opens",
	  "\u2190\u2191\u2193\u2192", "hjkl", "move" },
	{ { KEY_UP, 'k' }, ACT_UP, KS_LISTS, "\u2191\u2193 jk", "arrows jk",
	  "move; [ ] PgUp PgDn a page; click selects, again opens",
	  "\u2191\u2193", "jk", "move" },
	{ { KEY_LEFT, 'h' }, ACT_LEFT, KS_MAP, "\u2190\u2193\u2191\u2192 hjkl", "arrows hjkl",
	  "move by a cell; a click selects, again zooms in",
	  "\u2190\u2191\u2193\u2192", "hjkl", "move" },
	{ { KEY_RIGHT, 'l' }, ACT_RIGHT, KS_GRID | KS_OVERVIEW | KS_MAP, NULL, NULL, NULL, NULL, NULL,
	  NULL },
	{ { KEY_UP, 'k' }, ACT_UP, KS_GRID | KS_OVERVIEW | KS_MAP, NULL, NULL, NULL, NULL, NULL, NULL },
	{ { KEY_DOWN, 'j' }, ACT_DOWN, KS_ALL, NULL, NULL, NULL, NULL, NULL, NULL },
	{ { KEY_HOME, '^' }, ACT_FIRST, KS_GRID, "Home End ^ $", "Home End ^ $",
	  "first / last address of the /24", NULL, NULL, NULL },
	{ { KEY_HOME, '^' }, ACT_FIRST, KS_VIEWS, NULL, NULL, NULL, NULL, NULL, NULL },
	{ { KEY_END, '$' }, ACT_LAST, KS_ALL, NULL, NULL, NULL, NULL, NULL, NULL },
	{ { '[', KEY_PPAGE }, ACT_PREV24, KS_GRID, "[ ] PgUp PgDn", "[ ] PgUp PgDn",
	  "previous / next /24", "[ ]", "[ ]", "/24" },
	{ { '[', KEY_PPAGE }, ACT_PREV24, KS_OVERVIEW, "[ ] PgUp PgDn", "[ ] PgUp PgDn",
	  "previous / next /16", "[ ]", "[ ]", "/16" },
	{ { '[', KEY_PPAGE }, ACT_PREV24, KS_LISTS, NULL, NULL, NULL, NULL, NULL, NULL },
	{ { ']', KEY_NPAGE }, ACT_NEXT24, KS_ALL, NULL, NULL, NULL, NULL, NULL, NULL },
	{ { '\r', '\n', KEY_ENTER }, ACT_OPEN, KS_ASN | KS_OVERVIEW, "Enter", "Enter",
	  "open the grid of the selected network or /24", "Enter", "Enter", "grid" },
	{ { '\r', '\n', KEY_ENTER }, ACT_OPEN, KS_MAP, "Enter", "Enter",
	  "zoom in: a /8, a /16, then the overview of the /16", "Enter", "Enter", "zoom" },
	{ { '\r', '\n', KEY_ENTER }, ACT_OPEN, KS_CENSUS, "Enter", "Enter",
	  "open the ASN view of the selected ASN", "Enter", "Enter", "ASN view" },
	{ { 'g', '/' }, ACT_GOTO, KS_ALL, "g /", "g /",
	  "go to an address, a CIDR or AS<n> (the ASN view)", "g", "g", "go to" },
	/* The views of collateral damage beyond one /24. */
	{ { 'a' }, ACT_ASN_VIEW, KS_GRID, "a o L", "a o L",
	  "ASN view / overview of its /16 / it on every list", "a", "a", "ASN view" },
	{ { 'o' }, ACT_OVERVIEW, KS_GRID, NULL, NULL, NULL, "o", "o", "overview" },
	{ { 'o' }, ACT_OVERVIEW, KS_ASN, "o", "o", "overview of the /16 of the selected network",
	  "o", "o", "overview" },
	{ { 'a' }, ACT_ASN_VIEW, KS_OVERVIEW, "a", "a", "ASN view of the selected /24's ASN",
	  "a", "a", "ASN view" },
	{ { 's' }, ACT_SORT, KS_CENSUS, "s f", "s f",
	  "sort: collateral, blocked, guilty, ratio, size / filter", "s", "s", "sort" },
	{ { 'f' }, ACT_FILTER, KS_CENSUS, NULL, NULL, NULL, "f", "f", "filter" },
	{ { 'C' }, ACT_CENSUS, KS_GRID | KS_ASN | KS_OVERVIEW | KS_MAP, "C M", "C M",
	  "census of every ASN / map of IPv4 space (zone files)", NULL, NULL, NULL },
	{ { 'C' }, ACT_CENSUS, KS_CENSUS, NULL, NULL, NULL, NULL, NULL, NULL },
	{ { 'M' }, ACT_MAP, KS_ALL, NULL, NULL, NULL, NULL, NULL, NULL },
	{ { 'x' }, ACT_SAVE, KS_ALL, "x", "x", "save a text snapshot in the current folder",
	  "x", "x", "save" },
	{ { '1' }, ACT_LAYER_1, KS_GRID | KS_OVERVIEW, "1 2 3 0", "1 2 3 0",
	  "colour by one zone alone (1 = first of the profile) / all", "1-3", "1-3", "layer" },
	{ { '2' }, ACT_LAYER_1 + 1, KS_GRID | KS_OVERVIEW, NULL, NULL, NULL, NULL, NULL, NULL },
	{ { '3' }, ACT_LAYER_1 + 2, KS_GRID | KS_OVERVIEW, NULL, NULL, NULL, NULL, NULL, NULL },
	{ { '4' }, ACT_LAYER_1 + 3, KS_GRID | KS_OVERVIEW, NULL, NULL, NULL, NULL, NULL, NULL },
	{ { '5' }, ACT_LAYER_1 + 4, KS_GRID | KS_OVERVIEW, NULL, NULL, NULL, NULL, NULL, NULL },
	{ { '6' }, ACT_LAYER_1 + 5, KS_GRID | KS_OVERVIEW, NULL, NULL, NULL, NULL, NULL, NULL },
	{ { '0' }, ACT_LAYER_ALL, KS_GRID | KS_OVERVIEW, NULL, NULL, NULL, NULL, NULL, NULL },
	{ { 'A' }, ACT_ASN_LAYER, KS_GRID, "A", "A", "ASN layer: mark addresses outside the target's ASN",
	  "A", "A", "ASN layer" },
	{ { 'r', 'R' }, ACT_REQUERY, KS_ALL, "r Ctrl-L", "r Ctrl-L",
	  "query again, old states dimmed until answered / redraw", "r", "r", "re-query" },
	{ { CTRL('l') }, ACT_REDRAW, KS_ALL, NULL, NULL, NULL, NULL, NULL, NULL },
	/* Last in the key line: it goes first where the line is short. */
	{ { 'L' }, ACT_CHECK, KS_GRID, NULL, NULL, NULL, "L", "L", "all lists" },
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

/* Does binding b work in the screen of scope?  A KS_ROOT binding works
 * on the first screen only. */
static bool in_scope(const struct binding *b, unsigned scope)
{
	if ((b->scope & KS_ROOT) && !(scope & KS_ROOT))
		return false;
	return (b->scope & scope & KS_ALL) != 0;
}

enum action keys_action(unsigned scope, int ch)
{
	for (size_t i = 0; i < NBINDINGS; i++)
		if (in_scope(&bindings[i], scope))
			for (size_t k = 0; k < MAX_KEYS && bindings[i].keys[k]; k++)
				if (bindings[i].keys[k] == ch)
					return bindings[i].act;
	return ACT_NONE;
}

/* A binding in scope whose first key an earlier binding takes (q is
 * "back" but on the first screen "quit") is not offered. */
static bool offered(const struct binding *b, unsigned scope)
{
	return in_scope(b, scope) && keys_action(scope, b->keys[0]) == b->act;
}

bool keys_help(size_t i, unsigned scope, bool utf8, struct key_help *out)
{
	for (size_t b = 0; b < NBINDINGS; b++) {
		if (!bindings[b].help_utf8 || !offered(&bindings[b], scope))
			continue;
		if (i-- == 0) {
			out->keys = utf8 ? bindings[b].help_utf8 : bindings[b].help_ascii;
			out->text = bindings[b].text;
			return true;
		}
	}
	return false;
}

bool keys_bar_item(size_t i, unsigned scope, bool utf8, const char **key, const char **label)
{
	for (size_t b = 0; b < NBINDINGS; b++) {
		const struct binding *k = &bindings[b];

		if (!k->bar_label || !offered(k, scope) || ((k->scope & KS_DEMO) && !(scope & KS_DEMO)))
			continue;
		if (i-- == 0) {
			*key = utf8 ? k->bar_utf8 : k->bar_ascii;
			*label = k->bar_label;
			return true;
		}
	}
	return false;
}

/* Home and End as terminals and multiplexers send them, whatever TERM
 * says: tmux sends ESC [1~ and ESC [4~ even under xterm-256color, whose
 * terminfo knows only ESC OH and ESC OF.  Unknown, the ESC of End would
 * act as Esc. */
static const struct {
	const char *seq;
	int key;
} extra_keys[] = {
	{ "\033[1~", KEY_HOME }, { "\033[4~", KEY_END },
	{ "\033[7~", KEY_HOME }, { "\033[8~", KEY_END },
	{ "\033[H", KEY_HOME }, { "\033[F", KEY_END },
	{ "\033OH", KEY_HOME }, { "\033OF", KEY_END },
};

void keys_define_extra(void)
{
	for (size_t i = 0; i < sizeof extra_keys / sizeof extra_keys[0]; i++)
		if (key_defined(extra_keys[i].seq) == 0)
			define_key(extra_keys[i].seq, extra_keys[i].key);
}
