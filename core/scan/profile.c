/* The built-in profiles.  Zones are data: add a list here, nowhere else. */
#include "core/scan/profile.h"

#include <string.h>

static const struct profile profiles[] = {
	{ "uceprotect", "UCEPROTECT levels 1-3", 3, {
		{ "l1", "dnsbl-1.uceprotect.net", ZR_SINGLE, "UCEPROTECT level 1 (address)" },
		{ "l2", "dnsbl-2.uceprotect.net", ZR_RANGE, "UCEPROTECT level 2 (range)" },
		{ "l3", "dnsbl-3.uceprotect.net", ZR_ASN, "UCEPROTECT level 3 (ASN)" },
	} },
	{ "uceprotect-full", "UCEPROTECT levels 1-3, backscatterer, whitelist", 5, {
		{ "l1", "dnsbl-1.uceprotect.net", ZR_SINGLE, "UCEPROTECT level 1 (address)" },
		{ "l2", "dnsbl-2.uceprotect.net", ZR_RANGE, "UCEPROTECT level 2 (range)" },
		{ "l3", "dnsbl-3.uceprotect.net", ZR_ASN, "UCEPROTECT level 3 (ASN)" },
		{ "bs", "ips.backscatterer.org", ZR_INFO, "Backscatterer" },
		{ "wl", "ips.whitelisted.org", ZR_ALLOW, "UCEPROTECT whitelist" },
	} },
	{ "spamhaus", "Spamhaus ZEN", 1, {
		{ "zen", "zen.spamhaus.org", ZR_SINGLE, "Spamhaus ZEN" },
	} },
	{ "psbl", "Passive Spam Block List", 1, {
		{ "psbl", "psbl.surriel.com", ZR_SINGLE, "PSBL" },
	} },
};

const struct profile *profile_find(const char *name)
{
	for (size_t i = 0; i < sizeof profiles / sizeof profiles[0]; i++)
		if (strcmp(profiles[i].name, name) == 0)
			return &profiles[i];
	return NULL;
}

const struct profile *profile_list(size_t *n)
{
	*n = sizeof profiles / sizeof profiles[0];
	return profiles;
}
