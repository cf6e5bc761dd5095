/* The user's folders, as the XDG Base Directory Specification names them. */
#include "core/base/xdg.h"

#include <stdio.h>
#include <stdlib.h>

int xdg_path(const char *var, const char *fallback, const char *name, char *out, size_t len)
{
	const char *base = getenv(var), *home = getenv("HOME");
	int n;

	if (base && base[0] == '/')
		n = snprintf(out, len, "%s/rblscope/%s", base, name);
	else if (home && home[0])
		n = snprintf(out, len, "%s/%s/rblscope/%s", home, fallback, name);
	else
		return -1;
	return n > 0 && (size_t)n < len ? 0 : -1;
}
