/* The one-line prompt: of `g` and `/`, an address, CIDR or ASN to go
 * to; of `f` in the census, a text to filter AS names by. */
#ifndef RBLSCOPE_TUI_PROMPT_H
#define RBLSCOPE_TUI_PROMPT_H

#include <stdbool.h>
#include <stddef.h>

#include "tui/ctx.h"

#define PROMPT_MAX 40
enum prompt_result { PR_EDITING, PR_DONE, PR_CANCEL };

/* What the prompt asks for. */
enum prompt_kind { PK_GOTO, PK_FILTER };

struct prompt {
	bool active;
	enum prompt_kind kind;
	char buf[PROMPT_MAX];
	size_t len;
	char error[160];       /* why the last entry was refused, "" if none */
};

/* Open the prompt of kind, empty. */
void prompt_open(struct prompt *p, enum prompt_kind kind);

/* What the prompt says before the text: "Go to address, CIDR or AS<n>: ". */
const char *prompt_label(const struct prompt *p);

/* Feed one curses key: printable ASCII is typed (the caller parses it), Backspace and
 * Ctrl-U edit, Enter finishes (PR_DONE, text in p->buf), Esc and Ctrl-C
 * cancel (PR_CANCEL).  The prompt stays active until the caller closes
 * it, so a refused entry can be corrected. */
enum prompt_result prompt_feed(struct prompt *p, int ch);

/* Close the prompt. */
void prompt_close(struct prompt *p);

/* Draw the prompt on the key line. */
void prompt_draw(const struct ctx *cx, const struct prompt *p);

#endif
