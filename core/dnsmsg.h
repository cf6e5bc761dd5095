/* Reading the parts of a DNS reply a DNSBL lookup needs. */
#ifndef RBLSCOPE_DNSMSG_H
#define RBLSCOPE_DNSMSG_H

#include <stddef.h>
#include <stdint.h>

#define DNSMSG_MAX_A 8

struct dnsmsg {
	unsigned rcode;
	int na;                       /* A records in the answer section */
	uint32_t a[DNSMSG_MAX_A];     /* host order */
	uint32_t a_ttl;               /* smallest TTL of the A records */
	char txt[1024];               /* TXT strings joined, raw (unsanitised) */
	size_t txt_len;
	int has_txt;
	uint32_t neg_ttl;             /* RFC 2308: min(SOA TTL, SOA minimum) */
	int has_soa;
	char ptr[256];                /* first PTR name, dotted, raw */
	int has_ptr;
};

/* Parse reply buf (len bytes).  0, or -1 when it is malformed. */
int dnsmsg_parse(const unsigned char *buf, size_t len, struct dnsmsg *m);

#endif
