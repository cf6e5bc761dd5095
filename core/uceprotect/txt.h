/* What a UCEPROTECT TXT record says, read tolerantly: its formats have
 * changed over the years (see rblscope-facts(7), section UCEPROTECT
 * LEVELS); the raw text is kept apart. */
#ifndef RBLSCOPE_TXT_H
#define RBLSCOPE_TXT_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#define TXT_ORG_MAX 128

struct txt_info {
	int level;              /* 1-3 from "Level 1"/"Level2"/..., 0 if not said */
	bool has_net;           /* "Net a.b.c.d/n" or "IP a.b.c.d" */
	uint32_t net;
	unsigned prefix;
	long impacts;           /* "because N impacts", -1 if not said */
	long abusers;           /* "N abusers", -1 if not said */
	long spamscore;         /* "spamscore of N", -1 if not said */
	uint32_t asn;           /* "/AS<n>", 0 if not said */
	char org[TXT_ORG_MAX];  /* the name before "/AS<n>", "" if not said */
};

/* Read what txt says; fields not found keep their "not said" values. */
void txt_parse(const char *txt, struct txt_info *out);

/* One line for people: "level 2, net 104.40.0.0/13, 408 impacts, AS8075"
 * (empty when nothing was understood). */
void txt_summary(const struct txt_info *t, char *out, size_t len);

#endif
