/* The progress line of an export: plain text, "\r" and spaces only. */
#include "core/export/progress.h"

#include <unistd.h>

void progress_init(struct progress *p, FILE *f, bool on, size_t ntargets)
{
	*p = (struct progress){ .f = on && f && isatty(fileno(f)) ? f : NULL,
	                        .ntargets = ntargets, .target = 1 };
}

size_t progress_format(char *out, size_t len, size_t target, size_t ntargets, size_t done,
                       size_t total, uint64_t elapsed_ms)
{
	double rate = elapsed_ms ? (double)done * 1000.0 / (double)elapsed_ms : 0;
	int n = 0, m;

	if (ntargets > 1)
		n = snprintf(out, len, "target %zu of %zu: ", target, ntargets);
	if (n < 0 || (size_t)n >= len)
		return len ? len - 1 : 0;
	m = snprintf(out + n, len - (size_t)n, "%zu of %zu lookups, %.0f/s", done, total, rate);
	if (m < 0 || (size_t)(n + m) >= len)
		return len - 1;
	n += m;
	if (rate > 0 && done < total) {
		unsigned long left = (unsigned long)((double)(total - done) / rate + 0.5);

		m = snprintf(out + n, len - (size_t)n, ", %lu:%02lu left", left / 60, left % 60);
		if (m < 0 || (size_t)(n + m) >= len)
			return len - 1;
		n += m;
	}
	return (size_t)n;
}

void progress_target(struct progress *p, size_t target, uint64_t now_ms)
{
	p->target = target;
	p->started_ms = now_ms;
}

void progress_draw(struct progress *p, size_t done, size_t total, uint64_t now_ms)
{
	char line[120];
	size_t n;

	if (!p->f)
		return;
	n = progress_format(line, sizeof line, p->target, p->ntargets, done, total,
	                    now_ms - p->started_ms);
	fprintf(p->f, "\r%s%*s", line, p->width > n ? (int)(p->width - n) : 0, "");
	fflush(p->f);
	p->width = n;
}

void progress_clear(struct progress *p)
{
	if (!p->f || !p->width)
		return;
	fprintf(p->f, "\r%*s\r", (int)p->width, "");
	fflush(p->f);
	p->width = 0;
}
