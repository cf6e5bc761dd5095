#!/bin/sh
# Writes a C file holding the given asset files as strings, for
# core/base/assets.h: embed.sh assets/policies/a.policy ... > build/assets.c
set -eu
echo '/* Generated from assets/ by assets/build/embed.sh: edit the assets. */'
echo '#include "core/base/assets.h"'
echo 'static const struct asset table[] = {'
for f in "$@"; do
	printf '\t{ "%s",\n' "${f#assets/}"
	od -An -v -tx1 "$f" | tr -s ' \n' '  ' | sed -e 's/^ //' -e 's/ $//' \
		-e 's/\([0-9a-f][0-9a-f]\)/\\x\1/g' -e 's/ //g' | fold -w 96 |
		sed -e 's/^/\t  "/' -e 's/$/"/'
	printf '\t  , %s },\n' "$(wc -c <"$f" | tr -d ' ')"
done
# The last entry keeps the table valid when there are no assets.
echo '	{ NULL, NULL, 0 },'
echo '};'
cat <<'TAIL'
const struct asset *asset_list(size_t *n)
{
	*n = sizeof table / sizeof table[0] - 1;
	return table;
}
TAIL
