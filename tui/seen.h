/* The /24s scanned address by address in this session, and how many of
 * their addresses were guilty: what the overview knows beyond its
 * one probe per /24.  Level 1 does not depend on the demo's policy, so
 * a switch of policy leaves these counts true. */
#ifndef RBLSCOPE_TUI_SEEN_H
#define RBLSCOPE_TUI_SEEN_H

#include <stddef.h>
#include <stdint.h>

#define SEEN_MAX 1024          /* the oldest entry goes when full */

struct seen_entry {
	uint32_t base;             /* the /24 */
	uint16_t cells;            /* addresses scanned (256, fewer for a /25 target) */
	uint16_t guilty;           /* of which guilty */
	uint16_t errors;           /* of which unknown on the single zone */
};

struct seen {
	struct seen_entry e[SEEN_MAX];
	size_t n;                  /* entries in use */
	size_t next;               /* the entry replaced next once full */
};

/* Remember the finished scan of the /24 at base (replacing an earlier one). */
void seen_record(struct seen *s, uint32_t base, size_t cells, size_t guilty, size_t errors);

/* What is known of the /24 at base, or NULL. */
const struct seen_entry *seen_find(const struct seen *s, uint32_t base);

#endif
