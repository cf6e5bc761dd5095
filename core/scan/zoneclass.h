/* Classifying a DNSBL answer by what its zone's profile documents: every
 * A code of the answer is a documented listing, a documented error, or
 * an error of its own; never a listing the operator did not document. */
#ifndef RBLSCOPE_ZONECLASS_H
#define RBLSCOPE_ZONECLASS_H

#include <stddef.h>
#include <stdint.h>

#include "core/lookup/lookup.h"
#include "core/scan/profile.h"

/* Sets out's state, error and code from the n A codes (host order) of an
 * answer of zone d, and writes into text (len bytes) what they mean, as
 * zone_codes_text.  out->txt is kept unless the answer is an error;
 * out->codes is left to the caller. */
void zone_classify(const struct zone_def *d, const uint32_t *codes, size_t n,
                   struct lookup *out, char *text, size_t len);

/* What the codes of lookup l of zone d mean, for people: a listing's
 * codes with their meanings, "127.0.0.4 XBL; 127.0.0.10 PBL"; an error
 * that came with a code, the code at fault and why, "unexpected code
 * 127.0.0.99" or "127.255.255.254: query via a public resolver"; else "". */
void zone_codes_text(const struct zone_def *d, const struct lookup *l, char *text,
                     size_t len);

#endif
