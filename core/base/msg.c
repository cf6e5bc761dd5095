/* Lines for standard error, sanitised like network text. */
#include "core/base/msg.h"

#include <stdio.h>
#include <string.h>

#include "core/base/sanitize.h"

enum { LINE_MAX_BYTES = 1024 };

void msg_vline(const char *fmt, va_list ap)
{
	char raw[LINE_MAX_BYTES], clean[LINE_MAX_BYTES];
	int n = vsnprintf(raw, sizeof raw, fmt, ap);

	if (n < 0)
		n = 0;
	sanitize_text(clean, sizeof clean, raw, (size_t)n < sizeof raw ? (size_t)n : sizeof raw - 1);
	fprintf(stderr, "rblscope: %s\n", clean);
}

void msg_line(const char *fmt, ...)
{
	va_list ap;

	va_start(ap, fmt);
	msg_vline(fmt, ap);
	va_end(ap);
}

void msg_hold(struct msg_held *h, const char *fmt, ...)
{
	va_list ap;

	if (h->n == MSG_HELD_MAX) {
		h->dropped++;
		return;
	}
	va_start(ap, fmt);
	vsnprintf(h->line[h->n++], sizeof h->line[0], fmt, ap);
	va_end(ap);
}

void msg_flush(struct msg_held *h)
{
	for (size_t i = 0; i < h->n; i++)
		msg_line("warning: %s", h->line[i]);
	if (h->dropped)
		msg_line("warning: %zu more warnings", h->dropped);
	h->n = h->dropped = 0;
}
