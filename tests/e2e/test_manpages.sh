#!/bin/sh
# The man pages (assets/*.[1-9]): each renders without a warning from
# groff and from man at 80 columns, every rblscope page a page names is
# one of them, rblscope-facts(7) names the policy files whose figures it
# gives, and make install puts every page in its section's folder (make
# uninstall takes it away again).
. tests/e2e/lib.sh

command -v groff >/dev/null 2>&1 || skip "groff is not installed (Debian package groff-base)"
command -v man >/dev/null 2>&1 || skip "man is not installed (Debian package man-db)"

# The pages as a UTF-8 terminal shows them: rblscope.1 draws the grid's
# glyphs, which an ASCII device lacks.
utf8=$(locale -a 2>/dev/null | grep -i -m 1 -x 'c\.utf-\{0,1\}8')
[ -n "$utf8" ] || skip "no C.UTF-8 locale to render the pages in"

pages=$(ls assets/*.[1-9])
[ -n "$pages" ] || fail "no man page in assets/"
for page in $pages; do
	name=${page#assets/}
	LC_ALL=$utf8 groff -man -Tutf8 -ww -z "$page" >"$T/groff.err" 2>&1
	assert_empty "$T/groff.err" "$name: groff -man -ww gives no warning"
	LC_ALL=$utf8 MANWIDTH=80 man --warnings -l "$page" >"$T/man.out" 2>"$T/man.err"
	assert_empty "$T/man.err" "$name: man --warnings at 80 columns gives no warning"
	[ -s "$T/man.out" ] || fail "$name: man -l printed nothing"
	# .BR rblscope\-facts (7) and the like: each must be a page of assets/.
	sed -n 's/^\.BR \(rblscope[^ ]*\) (\([1-9]\)).*/\1.\2/p' "$page" | sed 's/\\-/-/g' |
		sort -u >"$T/refs.txt"
	while read -r ref; do
		[ -f "assets/$ref" ] || fail "$name names $ref, which is not in assets/"
	done <"$T/refs.txt"
	ok "$name: the rblscope pages it names exist ($(tr '\n' ' ' <"$T/refs.txt"))"
done

for page in assets/rblscope.1 assets/rblscope-profile.5; do
	assert_contains "$page" ".BR rblscope\\-facts (7)" "${page#assets/} points to rblscope-facts(7)"
done
for policy in assets/policies/*.policy; do
	assert_contains assets/rblscope-facts.7 "$(basename "$policy" | sed 's/-/\\-/g')" \
		"rblscope-facts(7) names ${policy#assets/}"
done

# make install and make uninstall, into a folder of the test's own.
[ -f Makefile ] || { note "no Makefile (run ./configure): install not checked"; done_testing; }
root=$T/root
env -u MAKEFLAGS -u MAKELEVEL -u MFLAGS make -s install DESTDIR="$root" >"$T/install.out" 2>&1 ||
	{ cat "$T/install.out"; fail "make install DESTDIR=$root failed"; }
for page in $pages; do
	name=${page#assets/}
	found=$(find "$root" -path "*/share/man/man${name##*.}/$name" -type f)
	[ -n "$found" ] || fail "make install did not install $name in a man${name##*.} folder"
	cmp -s "$page" "$found" || fail "make install changed $name"
	ok "make install: $name in ${found#"$root"}"
done
env -u MAKEFLAGS -u MAKELEVEL -u MFLAGS make -s uninstall DESTDIR="$root" >"$T/uninstall.out" 2>&1 ||
	{ cat "$T/uninstall.out"; fail "make uninstall DESTDIR=$root failed"; }
find "$root" -type f -path '*/share/man/*' >"$T/left.txt"
assert_empty "$T/left.txt" "make uninstall removes every man page"

done_testing
