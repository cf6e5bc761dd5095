/* Data files from assets/ (policies, the demo scenario), built into the
 * program so that it needs no files at run time. */
#ifndef RBLSCOPE_ASSETS_H
#define RBLSCOPE_ASSETS_H

#include <stddef.h>

struct asset {
	const char *name;   /* path below assets/: "policies/2021-02-08.policy" */
	const char *text;
	size_t len;
};

/* The asset called name, or NULL. */
const struct asset *asset_find(const char *name);

/* All assets, in name order; *n their count. */
const struct asset *asset_list(size_t *n);

#endif
