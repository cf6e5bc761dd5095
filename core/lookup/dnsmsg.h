/* Reading the parts of a DNS reply a DNSBL lookup needs, strictly: a
 * reply that breaks the rules of RFC 1035 / 2181 / 2308 is malformed,
 * never an answer. */
#ifndef RBLSCOPE_DNSMSG_H
#define RBLSCOPE_DNSMSG_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#include "core/lookup/lookup.h"

/* Distinct A codes kept.  A list answers a handful at most (Spamhaus ZEN:
 * four); a reply with more distinct codes is refused, never cut. */
#define DNSMSG_MAX_A 64

/* CNAME records followed from the question name. */
#define DNSMSG_MAX_CNAME 16

/* A domain name is at most 255 octets on the wire (RFC 1035 3.1), so
 * its dotted text is at most 253 characters. */
#define DNSMSG_NAME_MAX 256

/* A message is at most 65535 bytes (TCP): no TXT in one is longer. */
#define DNSMSG_TXT_MAX 65536

enum { DNS_T_A = 1, DNS_T_CNAME = 5, DNS_T_SOA = 6, DNS_T_PTR = 12, DNS_T_TXT = 16 };

enum {
	DNS_RC_NOERROR = 0, DNS_RC_FORMERR = 1, DNS_RC_SERVFAIL = 2, DNS_RC_NXDOMAIN = 3,
	DNS_RC_NOTIMP = 4, DNS_RC_REFUSED = 5,
};

struct dnsmsg {
	unsigned rcode;
	unsigned qtype;
	char qname[DNSMSG_NAME_MAX];  /* the question, dotted, raw */
	int na;                       /* distinct A codes */
	uint32_t a[DNSMSG_MAX_A];     /* host order, in the order first seen */
	unsigned a_records;           /* A records in the answer */
	uint32_t a_ttl;               /* smallest TTL of the answer's records */
	size_t txt_len;
	int has_txt;
	uint32_t neg_ttl;             /* RFC 2308: min(SOA TTL, SOA minimum) */
	int has_soa;
	char ptr[DNSMSG_NAME_MAX];    /* first PTR name, dotted, raw */
	int has_ptr;
	unsigned cnames;              /* CNAME records followed */
	const char *why;              /* when malformed: what broke, for people */
	/* TXT strings joined, raw (unsanitised): room for every TXT a DNS
	 * message can hold.  Last, so that a parse clears only the rest. */
	char txt[DNSMSG_TXT_MAX];
};

/* Parse reply buf (len bytes) to a query of type qtype.  0, or -1 when
 * it is malformed (m->why says how): bad lengths or names, QR clear, an
 * opcode other than QUERY, not one question of qtype and class IN,
 * answer records of another class, of another type than qtype or CNAME,
 * or owned by a name off the CNAME chain from the question, a CNAME loop,
 * a chain that ends without an answer in a reply that is neither
 * NXDOMAIN nor NODATA (SOA), answers in an NXDOMAIN, an A record whose
 * rdlength is not 4, more than DNSMSG_MAX_A distinct codes. */
int dnsmsg_parse(const unsigned char *buf, size_t len, unsigned qtype, struct dnsmsg *m);

/* The question of a message with one question of class IN: its name,
 * dotted, in qname and its type in qtype.  0, or -1. */
int dnsmsg_question(const unsigned char *buf, size_t len, char qname[DNSMSG_NAME_MAX],
                    unsigned *qtype);

/* Write a recursive query for qname (dotted, no trailing dot) of type
 * qtype with message ID id into buf; its length, or 0 when qname is not
 * a valid name or buf (at least DNSMSG_QUERY_MAX bytes) is too small. */
#define DNSMSG_QUERY_MAX (12 + DNSMSG_NAME_MAX + 4)
size_t dnsmsg_query(unsigned char *buf, size_t size, unsigned id, const char *qname,
                    unsigned qtype);

/* What a reply's rcode means: LKE_NONE for NOERROR and NXDOMAIN,
 * LKE_SERVFAIL, LKE_REFUSED, and LKE_RCODE for every other code. */
enum lk_error dnsmsg_rcode_error(unsigned rcode);

/* The outcome of a DNSBL A query from its parsed reply: SERVFAIL and
 * REFUSED as such, any rcode but NOERROR and NXDOMAIN an error, then
 * every A code classified (lk_classify_a). */
void dnsmsg_classify(const struct dnsmsg *m, struct lookup *out);

#endif
