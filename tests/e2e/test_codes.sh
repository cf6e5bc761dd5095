#!/bin/sh
# Return codes, read by the profile, from a real rbldnsd that serves
# zen.spamhaus.org from three datasets, as Spamhaus combines SBL, XBL and
# PBL: an address on two of them answers two A records, and rblscope
# keeps and decodes both (CSV, JSON, the detail panel); a code the
# profile does not document is an error, never a listing.
. tests/e2e/lib.sh
. tests/e2e/tuilib.sh

need_rblscope
Z=$T/zen
mkdir -p "$Z"
cat >"$Z/sbl" <<'Z'
$TTL 300
127.0.0.2 :127.0.0.2:RFC 5782 test entry
:127.0.0.2:SBL listing of $
192.0.2.1
192.0.2.2
Z
cat >"$Z/xbl" <<'Z'
$TTL 300
:127.0.0.4:XBL listing of $
192.0.2.2
192.0.2.3
Z
cat >"$Z/pbl" <<'Z'
$TTL 300
:127.0.0.10:PBL listing of $
192.0.2.3
Z
cat >"$Z/odd" <<'Z'
$TTL 300
:127.0.0.99:not a code Spamhaus documents
192.0.2.5
192.0.2.3
Z
start_rbldnsd "$Z" zen.spamhaus.org=sbl zen.spamhaus.org=xbl zen.spamhaus.org=pbl \
	zen.spamhaus.org=odd
RUN="--profile spamhaus --resolver 127.0.0.1:$RBLDNSD_PORT --timeout 1000"

# What rbldnsd answers: two A records for 192.0.2.2.
DNSQ=$(tool dnsq) || fail "no dnsq"
"$DNSQ" -s "127.0.0.1:$RBLDNSD_PORT" -t A 2.2.0.192.zen.spamhaus.org >"$T/dig" 2>&1 ||
	{ cat "$T/dig"; fail "dnsq failed"; }
n=$(grep -c '127\.0\.0\.' "$T/dig")
assert_eq 2 "$n" "rbldnsd answers 192.0.2.2 with two A records"

# shellcheck disable=SC2086
rbl csv $RUN --export csv 192.0.2.0/29
expect_status 3 "csv: exit 3 (a lookup ended in error: the undocumented code)"
csv_norm 0 <"$T/csv.out" >"$T/csv.all" || fail "csv: not RFC 4180"
row() { csv_field "$T/csv.all" "$1" "$2"; }
assert_eq "listed" "$(row 192.0.2.2 zen)" "192.0.2.2 is listed"
assert_eq "127.0.0.2;127.0.0.4" "$(row 192.0.2.2 zen_codes)" "192.0.2.2: both codes kept"
assert_eq "SBL;XBL" "$(row 192.0.2.2 zen_meanings)" "192.0.2.2: both codes decoded"
assert_eq "guilty" "$(row 192.0.2.2 class)" "192.0.2.2: guilty"
assert_eq "127.0.0.2" "$(row 192.0.2.1 zen_codes)" "192.0.2.1: one code"
assert_eq "SBL" "$(row 192.0.2.1 zen_meanings)" "192.0.2.1: SBL"
assert_eq "error" "$(row 192.0.2.5 zen)" "192.0.2.5 (127.0.0.99 only) is an error"
assert_eq "unexpected" "$(row 192.0.2.5 zen_reason)" "192.0.2.5: reason unexpected"
assert_eq "127.0.0.99" "$(row 192.0.2.5 zen_codes)" "192.0.2.5: the code is kept"
assert_eq "error" "$(row 192.0.2.5 class)" "192.0.2.5: class error, not guilty"
# 192.0.2.3: 127.0.0.4, 127.0.0.10 and 127.0.0.99: one bad code spoils it.
assert_eq "error" "$(row 192.0.2.3 zen)" "192.0.2.3 (two codes and an undocumented one) is an error"
assert_eq "3" "$(row 192.0.2.3 zen_codes | tr ';' '\n' | wc -l)" "192.0.2.3: all three codes kept"
assert_eq "clean" "$(row 192.0.2.4 zen)" "192.0.2.4 is clean"

# JSON carries the same, as arrays.
# shellcheck disable=SC2086
rbl json $RUN --export json 192.0.2.2/32
expect_status 1 "json: exit 1 (listed)"
perl -MJSON::PP -ne 'my $o = decode_json($_); next if $. == 1; exit(!(
	join(",", @{$o->{zen_codes}}) eq "127.0.0.2,127.0.0.4" &&
	join(",", @{$o->{zen_meanings}}) eq "SBL,XBL" && $o->{zen_code} eq "127.0.0.2"))' \
	"$T/json.out" || { cat "$T/json.out"; fail "json: zen_codes and zen_meanings"; }
ok "json: zen_codes and zen_meanings are arrays of both"

# The detail panel lists each code with its meaning.
# shellcheck disable=SC2086
start_tui C.UTF-8 "" $RUN 192.0.2.2
wait_for "codes    127.0.0.2 SBL; 127.0.0.4 XBL"
ok "the detail panel decodes both codes"
keys g
wait_for "Go to"
keys 192.0.2.5 Enter
wait_for "codes    unexpected code 127.0.0.99"
ok "the detail panel names the undocumented code"
# g opened a screen of its own: q goes back to 192.0.2.2, then quits.
keys q
wait_for "codes    127.0.0.2 SBL; 127.0.0.4 XBL"
ok "q goes back to where the user came from"
quit_tui q 0

done_testing
