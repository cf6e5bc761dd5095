/* What to look at: an address, a network or an ASN, in the forms
 * people type and paste, for the command line, the target files and the
 * terminal UI's prompt alike. */
#ifndef RBLSCOPE_TARGET_H
#define RBLSCOPE_TARGET_H

#include <stddef.h>
#include <stdint.h>

/* Most targets in one run (positional and --targets together). */
#define OPT_MAX_TARGETS 65536

enum target_kind { TARGET_NET, TARGET_ASN };

struct target {
	/* Most targets in one run (positional and --targets together). */
#define OPT_MAX_TARGETS 65536

enum target_kind kind;
	uint32_t net;        /* TARGET_NET: the network scanned */
	unsigned prefix;     /* 16-32 (0-32 for --export png); an address alone
	                      * means its /24 */
	uint32_t focus;      /* the address the user named (the cursor) */
	uint32_t asn;        /* TARGET_ASN */
	char text[32];       /* as the user wrote it */
};

/* Parse a target: "a.b.c.d" (its /24), "a.b.c.d/n" with 16 <= n <= 32,
 * or "AS<n>".  0, or -1 with a one-line reason in err. */
int target_parse(const char *s, struct target *t, char *err, size_t errlen);

/* As target_parse, allowing networks down to /min_prefix. */
int target_read(const char *given, struct target *t, unsigned min_prefix, char *err,
                size_t errlen);

#endif
