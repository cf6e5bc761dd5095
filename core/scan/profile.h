/* Profiles: named sets of DNSBL zones.  The table itself is data, in
 * core/scan/profile.c. */
#ifndef RBLSCOPE_PROFILE_H
#define RBLSCOPE_PROFILE_H

#include <stddef.h>

#define PROFILE_MAX_ZONES 6

/* What a listing in a zone says about an address. */
enum zone_role {
	ZR_SINGLE,    /* the address itself (level 1: guilty) */
	ZR_RANGE,     /* a range around it (level 2: collateral by range) */
	ZR_ASN,       /* its whole ASN (level 3: collateral by ASN) */
	ZR_INFO,      /* another list, shown but not counted */
	ZR_ALLOW,     /* a whitelist */
};

struct zone_def {
	const char *key;    /* column name in exports: "l1" */
	const char *zone;   /* DNS zone: "dnsbl-1.uceprotect.net" */
	enum zone_role role;
	const char *title;  /* for people: "UCEPROTECT level 1" */
};

struct profile {
	const char *name;
	const char *title;
	size_t nzones;
	struct zone_def zones[PROFILE_MAX_ZONES];
};

/* The profile called name, or NULL. */
const struct profile *profile_find(const char *name);

/* The built-in profiles, for --help and tests; *n receives their count. */
const struct profile *profile_list(size_t *n);

/* The profile used when none is named. */
#define PROFILE_DEFAULT "uceprotect"

#endif
