/* IPv4 addresses, CIDRs and DNSBL query names. */
#ifndef RBLSCOPE_IP_H
#define RBLSCOPE_IP_H

#include <stddef.h>
#include <stdint.h>

#define IP4_STRLEN 16   /* "255.255.255.255" and its NUL */
#define CIDR_STRLEN 19  /* "255.255.255.255/32" and its NUL */

/* Parse a strict dotted quad (four decimal octets 0-255, nothing after);
 * 0 on success, -1 on any deviation. */
int ip4_parse(const char *s, uint32_t *ip);

/* Parse "a.b.c.d/n" (or a bare address, /32); host bits are cleared.
 * 0 on success, -1 on a malformed address or prefix. */
int cidr_parse(const char *s, uint32_t *net, unsigned *prefix);

/* Write ip in dotted-quad form. */
void ip4_format(uint32_t ip, char out[IP4_STRLEN]);

/* Write net/prefix. */
void cidr_format(uint32_t net, unsigned prefix, char out[CIDR_STRLEN]);

/* Network mask of a prefix length 0-32. */
static inline uint32_t ip4_mask(unsigned prefix)
{
	return prefix == 0 ? 0 : 0xffffffffu << (32 - prefix);
}

/* Number of addresses in a prefix length 0-32. */
static inline uint64_t cidr_size(unsigned prefix)
{
	return (uint64_t)1 << (32 - prefix);
}

/* Write the RFC 5782 query name "d.c.b.a.zone"; 0, or -1 if it does not fit. */
int ip4_qname(uint32_t ip, const char *zone, char *out, size_t len);

#endif
