/* Looking up the assets built into the program (build/assets.c). */
#include "core/base/assets.h"

#include <string.h>

const struct asset *asset_find(const char *name)
{
	size_t n;
	const struct asset *a = asset_list(&n);

	for (size_t i = 0; i < n; i++)
		if (strcmp(a[i].name, name) == 0)
			return &a[i];
	return NULL;
}
