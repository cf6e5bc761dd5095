/* Reading rbldnsd ip4set/ip4trie zone files into entries and values, before
 * core/zonefile.c resolves which entry answers for which address.  Only
 * core/zonefile.c and its tests include this. */
#ifndef RBLSCOPE_ZONEPARSE_H
#define RBLSCOPE_ZONEPARSE_H

#include <stddef.h>
#include <stdint.h>

#define ZP_NONE UINT32_MAX          /* no value, undefined variable */
#define ZP_EXCL (UINT32_MAX - 1)    /* the value of an exclusion (!entry) */
#define ZP_TXT_MAX 255              /* rbldnsd cuts TXT templates here */
#define ZP_VAR_BASE 10              /* index of the $= base template */

/* How overlapping entries are resolved.  rbldnsd takes the dataset type
 * from its command line; a zone file can only hint at it ($DATASET). */
enum zp_mode {
	ZP_IP4SET,   /* octet-level tables, exclusions win, all values answer */
	ZP_IP4TRIE,  /* longest prefix wins, first of equal prefixes wins */
};

/* An A value and a TXT template (offset into zp_data.text, "" if none). */
struct zp_value {
	uint32_t a;
	uint32_t txt;
};

/* One entry line: an inclusive address range and its value index, or
 * ZP_EXCL.  Its index in zp_data.ent is its line order. */
struct zp_entry {
	uint32_t lo, hi;
	uint32_t val;
};

struct zp_data {
	enum zp_mode mode;
	struct zp_entry *ent;
	size_t nent, capent;
	struct zp_value *val;       /* val[0] is the built-in 127.0.0.2, no TXT */
	size_t nval, capval;
	char *text;                 /* NUL-terminated strings; text[0] is "" */
	size_t ntext, captext;
	uint32_t var[ZP_VAR_BASE + 1];  /* $0..$9 and $=: offset in text or ZP_NONE */
};

/* Read the zone file at path (gzip or plain) into d.  0, or -1 with
 * "path:line: reason" (or "path: reason") in err and d freed. */
int zp_read(const char *path, struct zp_data *d, char *err, size_t errlen);

/* Free what zp_read allocated; d may be zeroed or partly filled. */
void zp_free(struct zp_data *d);

#endif
