/* The helpers of the screen interface. */
#include "tui/screen.h"

#include <stdarg.h>
#include <stdio.h>

void request_say(struct request *req, bool error, const char *fmt, ...)
{
	va_list ap;

	va_start(ap, fmt);
	vsnprintf(req->msg, sizeof req->msg, fmt, ap);
	va_end(ap);
	req->error = error;
}

struct scan *screen_scan(const struct screen *scr)
{
	struct scan *sc[SCREEN_SCANS_MAX];

	/* scans does not change the screen; the interface is not const
	 * because the router marks and restarts the scans it returns */
	return scr->ops->scans((struct screen *)scr, sc, SCREEN_SCANS_MAX) ? sc[0] : NULL;
}
