/* Lookup outcomes and the classification of DNSBL answers (RFC 5782 and
 * the error codes lists use in practice, see rblscope-facts(7), sections
 * DNSBL QUERIES and ANSWERS THAT ARE NOT LISTINGS). */
#include "core/lookup/lookup.h"

#include <string.h>

static const struct {
	const char *name;
	const char *text;
} lk_errors[LKE_COUNT] = {
	[LKE_NONE] = { "", "" },
	[LKE_TIMEOUT] = { "timeout", "no answer before the timeout" },
	[LKE_SERVFAIL] = { "servfail", "server failure (SERVFAIL)" },
	[LKE_REFUSED] = { "refused", "query refused (REFUSED)" },
	[LKE_BLOCKED] = { "blocked", "list refuses this resolver (127.255.255.x)" },
	[LKE_BOGUS] = { "bogus", "answer is not a listing code (127.0.0.1 or outside 127/8)" },
	[LKE_NETWORK] = { "network", "resolver unreachable" },
	[LKE_RCODE] = { "rcode", "unexpected response code (not NOERROR or NXDOMAIN)" },
	[LKE_MALFORMED] = { "malformed", "malformed reply (lengths, header, names, classes or types)" },
	[LKE_NODATA] = { "nodata", "no zone file for this zone" },
	[LKE_UNTRUSTED] = { "untrusted", "zone lists its test entry 127.0.0.1: it lists anything" },
	[LKE_OTHER] = { "other", "lookup failed" },
	[LKE_UNEXPECTED] = { "unexpected", "answer is a code the zone does not document" },
	[LKE_ABSENT] = { "absent", "not in the snapshot: not scanned then" },
};

const char *lk_state_name(enum lk_state s)
{
	static const char *const names[] = {
		[LK_PENDING] = "pending", [LK_CLEAN] = "clean",
		[LK_LISTED] = "listed", [LK_ERROR] = "error",
	};

	return (unsigned)s <= LK_ERROR ? names[s] : "error";
}

const char *lk_error_name(enum lk_error e)
{
	return (unsigned)e < LKE_COUNT ? lk_errors[e].name : "other";
}

enum lk_error lk_error_by_name(const char *name)
{
	for (int e = LKE_NONE + 1; e < LKE_COUNT; e++)
		if (strcmp(lk_errors[e].name, name) == 0)
			return (enum lk_error)e;
	return LKE_NONE;
}

const char *lk_error_text(enum lk_error e)
{
	return (unsigned)e < LKE_COUNT ? lk_errors[e].text : "lookup failed";
}

const uint32_t *lk_codes(const struct lookup *l, uint32_t *n)
{
	if (l->ncodes && l->codes) {
		*n = l->ncodes;
		return l->codes;
	}
	*n = l->code ? 1 : 0;
	return l->code ? &l->code : NULL;
}

void lk_set_error(struct lookup *out, enum lk_error e)
{
	out->state = LK_ERROR;
	out->error = e;
	out->txt = "";
}

/* What one A answer means. */
static enum lk_error code_check(uint32_t code)
{
	if (code >> 24 != 127)
		return LKE_BOGUS;   /* a resolver rewriting NXDOMAIN */
	if ((code & 0xffffff00u) == 0x7fffff00u)
		return LKE_BLOCKED; /* 127.255.255.x: Spamhaus-style error codes */
	if (code == 0x7f000001u)
		return LKE_BOGUS;   /* "query refused" (URIBL); never a listing */
	return LKE_NONE;
}

void lk_classify_a(struct lookup *out, const uint32_t *codes, int n)
{
	enum lk_error e;

	out->error = LKE_NONE;
	out->code = n > 0 ? codes[0] : 0;
	out->ncodes = n > 0 ? (uint32_t)n : 0;
	out->codes = n > 0 ? codes : NULL;
	out->state = n > 0 ? LK_LISTED : LK_CLEAN;
	for (int i = 0; i < n; i++) {
		e = code_check(codes[i]);
		if (e != LKE_NONE) {
			out->code = codes[i];
			lk_set_error(out, e);
			return;
		}
	}
	if (out->state == LK_CLEAN || !out->txt)
		out->txt = "";
}
