/* The outcome of one DNSBL lookup: listed, clean, or an error with a
 * reason.  Errors are never clean. */
#ifndef RBLSCOPE_LOOKUP_H
#define RBLSCOPE_LOOKUP_H

#include <stdint.h>

enum lk_state {
	LK_PENDING = 0,  /* not answered yet */
	LK_CLEAN,        /* NXDOMAIN, or NOERROR with no A record */
	LK_LISTED,       /* an A answer in 127/8 that is a real listing */
	LK_ERROR,        /* anything else: see enum lk_error */
};

enum lk_error {
	LKE_NONE = 0,
	LKE_TIMEOUT,     /* no answer within the timeout and retries */
	LKE_SERVFAIL,
	LKE_REFUSED,
	LKE_BLOCKED,     /* 127.255.255.x: open resolver, rate limit, typo */
	LKE_BOGUS,       /* 127.0.0.1, or an answer outside 127/8 */
	LKE_NETWORK,     /* connection refused, no route */
	LKE_RCODE,       /* a response code other than NOERROR, NXDOMAIN,
	                  * SERVFAIL or REFUSED (FORMERR, YXDOMAIN, 6-15...) */
	LKE_MALFORMED,   /* a reply that breaks DNS rules: bad lengths, QR
	                  * clear, not a QUERY, records for other names,
	                  * classes or types, a broken CNAME chain */
	LKE_NODATA,      /* the zone file of this zone could not be read */
	LKE_UNTRUSTED,   /* the zone lists 127.0.0.1 (RFC 5782): it lists anything */
	LKE_OTHER,
	LKE_UNEXPECTED,  /* a 127/8 code the zone's profile does not document */
	LKE_ABSENT,      /* a snapshot does not hold the address */
	LKE_COUNT
};

/* The longest TXT text kept: every TXT that fits in a DNS message. */
#define LOOKUP_TXT_MAX 65536

struct lookup {
	enum lk_state state;
	enum lk_error error;
	uint32_t code;                /* first A answer (host order), or the one
	                               * that made it an error; 0 if none */
	uint32_t ncodes;              /* distinct A answers */
	const uint32_t *codes;        /* all of them, in the order first seen
	                               * (NULL when none); valid as long as txt */
	const char *txt;              /* sanitised TXT, "" if none (never NULL):
	                               * a backend's text is valid during its
	                               * callback; a scan keeps its own copy,
	                               * shared by every answer that carries it */
};

/* Name of a state for exports: "pending", "clean", "listed", "error". */
const char *lk_state_name(enum lk_state s);

/* Short name of an error reason: "timeout", "servfail", ... ("" for none). */
const char *lk_error_name(enum lk_error e);

/* The error reason called name ("timeout"), or LKE_NONE. */
enum lk_error lk_error_by_name(const char *name);

/* One-line explanation of an error reason, for people. */
const char *lk_error_text(enum lk_error e);

/* Classify the A answers of a DNSBL query (host order).  n == 0 is clean.
 * Any answer that is not a listing makes the whole lookup an error.  The
 * lookup keeps codes (out->codes): they must live as long as it is read. */
void lk_classify_a(struct lookup *out, const uint32_t *codes, int n);

/* The A codes of l, *n of them: its codes, or its one code where only
 * that was set; NULL and 0 when it has none. */
const uint32_t *lk_codes(const struct lookup *l, uint32_t *n);

/* Set out to an error state with the given reason; txt is cleared, the
 * A codes that came with the answer stay. */
void lk_set_error(struct lookup *out, enum lk_error e);

#endif
