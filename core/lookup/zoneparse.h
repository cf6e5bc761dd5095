/* Inside core/lookup/zonefile.c: reading rbldnsd ip4set/ip4trie zone files into
 * entries and values (core/lookup/zoneparse.c), then resolving which entry
 * answers for which address (core/lookup/zoneindex.c). */
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
	size_t nread;               /* entry lines read: repeats are stored once */
	struct zp_value *val;       /* val[0] is the built-in 127.0.0.2, no TXT */
	size_t nval, capval;
	char *text;                 /* NUL-terminated strings; text[0] is "" */
	size_t ntext, captext;
	uint32_t var[ZP_VAR_BASE + 1];  /* $0..$9 and $=: offset in text or ZP_NONE */
};

/* Which values answer in a span, as indices into zp_data.val: the first
 * (it gives the A), the first whose A is not a listing code; and txt, the
 * offset in zp_index.lists of the values with a TXT (a count, then the
 * values in answer order); ZP_NONE where there is none. */
struct zp_answer {
	uint32_t first, bad, txt;
};

/* The listed spans of a zone: sorted, disjoint, one answer each. */
struct zp_index {
	uint32_t *lo, *hi;
	struct zp_answer *ans;
	size_t n;
	uint32_t *lists;            /* the TXT lists of the answers */
	size_t nlists, caplists;
};

/* Read the zone file at path (gzip or plain) into d, refusing it past
 * max_entries entries.  0, with one "path:line: reason; N lines skipped"
 * line in warn ("" if none was skipped; warn may be NULL), or -1 with
 * "path:line: reason" (or "path: reason") in err and d freed. */
int zp_read(const char *path, size_t max_entries, struct zp_data *d,
            char *warn, size_t warnlen, char *err, size_t errlen);

/* Free what zp_read allocated; d may be zeroed or partly filled. */
void zp_free(struct zp_data *d);

/* Does value v give a TXT record (its own template, or the $= one). */
int zp_has_txt(const struct zp_data *d, uint32_t v);

/* Make room for need elements of size bytes in *p (capacity *cap);
 * 0, or -1 out of memory with *p unchanged. */
int zp_grow(void **p, size_t *cap, size_t need, size_t size);

/* Resolve which entry answers where, by the rules of d->mode, into ix.
 * 0, or -1 out of memory. */
int zp_index_build(const struct zp_data *d, struct zp_index *ix);

/* Free ix's arrays. */
void zp_index_free(struct zp_index *ix);

#endif
