#!/bin/sh
# Profiles as data (rblscope-profile(5)): a user profile from
# $XDG_CONFIG_HOME/rblscope/profiles or --profile-file is listed by
# --help with its file and scans like a built-in one; a broken one, a
# missing one and one that takes a built-in name are refused with one
# "path:LINE: reason" line and exit status 2.
. tests/e2e/lib.sh

need_rblscope
make_asn_db "$E2E_FIX/asn.csv" "$T/asn.mmdb" 4

XDG_CONFIG_HOME=$T/conf
export XDG_CONFIG_HOME
mkdir -p "$XDG_CONFIG_HOME/rblscope/profiles"
MINE=$XDG_CONFIG_HOME/rblscope/profiles/mine.profile
cat >"$MINE" <<'P'
# test profile: the level 1 fixture zone alone
name mine
title Level 1 alone
zone one dnsbl-1.uceprotect.net single
label ONE
title UCEPROTECT level 1
code 127.0.0.2 listed
P

rbl help --help
assert_eq 0 "$RC" "--help exit status"
assert_contains "$T/help.out" "mine             Level 1 alone ($MINE)" "--help lists the user profile with its file"
assert_contains "$T/help.out" "catalogue        Public IPv4 DNSBLs (catalogue) (built-in)" "--help lists the catalogue as built-in"
assert_contains "$T/help.out" "one=dnsbl-1.uceprotect.net" "--help lists the user profile's zones"

# The user profile scans: its key is the CSV column.
# shellcheck disable=SC2086
rbl mine --profile mine --zones "$E2E_FIX/zones" --db "$T/asn.mmdb" --export csv 192.0.2.0/28
head -n 1 "$T/mine.out" | grep -q '^ip,asn,as_org,as_network,one,one_code,one_codes,one_meanings,one_reason,one_txt' ||
	fail "the user profile's key is not the column: $(head -n 1 "$T/mine.out")"
ok "a user profile scans, its key is the CSV column"

# bad WHAT EXPECTED ARG...: refused with exit 2 and the one line EXPECTED.
bad() {
	what=$1 want=$2
	shift 2
	rbl bad "$@"
	assert_eq 2 "$RC" "$what: exit status"
	assert_lines 1 "$T/bad.err" "$what: one line on stderr"
	assert_empty "$T/bad.out" "$what: nothing on stdout"
	assert_contains "$T/bad.err" "$want" "$what: $(cat "$T/bad.err")"
}

printf 'name broken\ntitle B\nzone b b.example single\ntitle B\ncode 127.0.0.1 x\n' >"$T/broken.profile"
bad "a listing code 127.0.0.1" "$T/broken.profile:5: 127.0.0.1 is never a listing" \
	--profile-file "$T/broken.profile" --zones "$E2E_FIX/zones" 192.0.2.1
bad "a missing profile file" "$T/none.profile: No such file or directory" \
	--profile-file "$T/none.profile" --zones "$E2E_FIX/zones" 192.0.2.1
printf 'name spamhaus\ntitle S\nzone b b.example single\ntitle B\ncodes any\n' >"$T/clash.profile"
bad "a built-in name" "profile name 'spamhaus' is taken by built-in profile spamhaus" \
	--profile-file "$T/clash.profile" --zones "$E2E_FIX/zones" 192.0.2.1
cp "$T/broken.profile" "$XDG_CONFIG_HOME/rblscope/profiles/zz.profile"
bad "a broken profile in the user's directory" \
	"$XDG_CONFIG_HOME/rblscope/profiles/zz.profile:5: 127.0.0.1 is never a listing" --help
done_testing
