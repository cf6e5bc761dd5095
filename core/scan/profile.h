/* Profiles: named sets of DNSBL zones with the return codes each zone's
 * operator documents.  Profiles are data: assets/profiles/NAME.profile,
 * built into the program, and the user's own files; the format is
 * described in assets/rblscope-profile.5. */
#ifndef RBLSCOPE_PROFILE_H
#define RBLSCOPE_PROFILE_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#define PROFILE_MAX_ZONES 32     /* zones in one profile */
#define PROFILE_MAX_CODES 64     /* code and error lines in one zone */
#define PROFILE_MAX 64           /* profiles known at once */
#define PROFILE_KEY_MAX 16       /* a zone key: [a-z0-9_]{1,16} */
#define PROFILE_NAME_MAX 32      /* a profile name: [a-z0-9_-]{1,32} */
#define PROFILE_LABEL_MAX 16     /* a zone's short label */
#define PROFILE_TEXT_MAX 80      /* a title or a code's meaning */

/* What a listing in a zone says about an address. */
enum zone_role {
	ZR_SINGLE,    /* the address itself: guilty */
	ZR_RANGE,     /* a range around it: collateral by range */
	ZR_ASN,       /* its whole ASN: collateral by ASN */
	ZR_INFO,      /* another list, shown but not counted */
	ZR_ALLOW,     /* a whitelist */
};

/* A range of A answers a zone documents: a listing with its meaning, or
 * an error answer (query refused, rate limited...). */
struct zone_code {
	uint32_t lo, hi;        /* host order, inclusive, inside 127/8 */
	bool error;             /* an error answer, never a listing */
	const char *meaning;    /* "SBL", "blocked: query refused" */
};

struct zone_def {
	const char *key;    /* column name in exports: "l1" */
	const char *zone;   /* DNS zone: "dnsbl-1.uceprotect.net" */
	enum zone_role role;
	const char *title;  /* for people: "UCEPROTECT level 1 (address)" */
	const char *label;  /* short, for the UI: "UCE-1" */
	bool any;           /* "codes any": every 127/8 code but 127.0.0.1 lists */
	size_t ncodes;
	const struct zone_code *codes;   /* documented codes and error answers */
};

struct profile {
	const char *name;
	const char *title;
	size_t nzones;
	struct zone_def zones[PROFILE_MAX_ZONES];
	const char *source;   /* "built-in" or the file it was read from */
};

/* The profile called name, or NULL. */
const struct profile *profile_find(const char *name);

/* The known profiles, built-in first, for --help and tests; *n their count. */
const struct profile *profile_list(size_t *n);

/* Read the profile file at path into the known profiles; 0, or -1 with
 * "path:LINE: reason" in err.  A name already known is an error. */
int profile_add_file(const char *path, char *err, size_t errlen);

/* Read every *.profile of dir (in name order), as profile_add_file; a
 * missing dir is no error. */
int profile_add_dir(const char *dir, char *err, size_t errlen);

/* The user's profile directory: $XDG_CONFIG_HOME/rblscope/profiles, else
 * $HOME/.config/rblscope/profiles; 0, or -1 if neither is set. */
int profile_user_dir(char *buf, size_t size);

/* Parse one profile file's text into p (strings allocated); 0, or -1
 * with "path:LINE: reason" in err and nothing to free. */
int profile_parse(const char *path, const char *text, size_t len,
                  struct profile *p, char *err, size_t errlen);

/* Free what profile_parse allocated in p. */
void profile_free(struct profile *p);

/* The documented code or error range of zone d holding code, or NULL. */
const struct zone_code *profile_code_find(const struct zone_def *d, uint32_t code);

/* The zone of p holding role r, or NULL: a profile has one single zone
 * and at most one range and one ASN zone; of its info or allow zones,
 * the first. */
const struct zone_def *profile_role_zone(const struct profile *p, enum zone_role r);

/* What every screen and report calls the zone of p holding role r: its
 * label ("UCE-2"), or a generic word ("a range list") when p has none. */
const char *profile_role_label(const struct profile *p, enum zone_role r);

/* The word of a role in profile files: "single", "range", "asn", "info",
 * "allow". */
const char *profile_role_name(enum zone_role r);

/* The profile used when none is named. */
#define PROFILE_DEFAULT "uceprotect"

#endif
