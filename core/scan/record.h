/* Each finished scan of a network recorded in the session's history
 * database (core/history/; opened by session_open). */
#ifndef RBLSCOPE_SCAN_RECORD_H
#define RBLSCOPE_SCAN_RECORD_H

#include <stddef.h>

#include "core/scan/scan.h"
#include "core/scan/session.h"

/* Record sc, a finished scan of a network named target, when the
 * session records (--record); nothing for other scans.  0, or -1 with
 * one line in err. */
int session_record(struct session *s, const struct scan *sc, const char *target, char *err,
                   size_t errlen);

#endif
