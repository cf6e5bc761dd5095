/* Fields of the exports: CSV and JSON strings. */
#include "core/export/fields.h"

#include <string.h>

/* Write s as a CSV field: quoted when it holds a comma, quote or space
 * at either end (RFC 4180). */
void csv_field(FILE *f, const char *s)
{
	if (!strpbrk(s, ",\"\r\n") && s[0] != ' ' && (!s[0] || s[strlen(s) - 1] != ' ')) {
		fputs(s, f);
		return;
	}
	fputc('"', f);
	for (; *s; s++) {
		if (*s == '"')
			fputc('"', f);
		fputc(*s, f);
	}
	fputc('"', f);
}
