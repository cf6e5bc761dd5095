#!/bin/sh
# One address on every list of the catalogue, from a real rbldnsd that
# serves four of its zones: Spamhaus ZEN (SBL and XBL at once), SpamCop,
# DroneBL with a code it does not document, and PSBL (clean).  The lists
# it does not serve answer REFUSED: errors, never clean.  On the command
# line (--export text of a /32) and in the terminal UI (L in the grid).
. tests/e2e/lib.sh
. tests/e2e/tuilib.sh

need_rblscope
Z=$T/lists
mkdir -p "$Z"
printf '%s\n' '$TTL 300' '127.0.0.2 :127.0.0.2:test entry' ':127.0.0.2:SBL listing of $' \
	'192.0.2.2' >"$Z/sbl"
printf '%s\n' '$TTL 300' ':127.0.0.4:XBL listing of $' '192.0.2.2' >"$Z/xbl"
printf '%s\n' '$TTL 300' '127.0.0.2 :127.0.0.2:test entry' \
	':127.0.0.2:Blocked - see https://www.spamcop.net/bl.shtml?$' '192.0.2.2' >"$Z/spamcop"
printf '%s\n' '$TTL 300' '127.0.0.2 :127.0.0.3:test entry' ':127.0.0.99:not a DroneBL code' \
	'192.0.2.2' >"$Z/dronebl"
printf '%s\n' '$TTL 300' '127.0.0.2 :127.0.0.2:test entry' >"$Z/psbl"
start_rbldnsd "$Z" zen.spamhaus.org=sbl zen.spamhaus.org=xbl bl.spamcop.net=spamcop \
	dnsbl.dronebl.org=dronebl psbl.surriel.com=psbl
RUN="--resolver 127.0.0.1:$RBLDNSD_PORT --timeout 500 --retries 0 --rate 500"
NLISTS=$(grep -c '^zone ' assets/profiles/catalogue.profile)

# shellcheck disable=SC2086
rbl text $RUN --profile catalogue --export text 192.0.2.2/32
expect_status 3 "text: exit 3 (the lists rbldnsd does not serve refuse)"
assert_contains "$T/text.out" "192.0.2.2 on $NLISTS lists of catalogue: 2 listed, 1 clean, $((NLISTS - 3)) failed" \
	"text: the verdict over every list first"
grep -A1 '^  ZEN  *listed  *zen.spamhaus.org$' "$T/text.out" | grep -q 'codes: 127.0.0.2 SBL; 127.0.0.4 XBL$' ||
	{ cat "$T/text.out"; fail "text: ZEN listed with both codes decoded"; }
ok "text: ZEN listed with both codes decoded"
grep -A1 '^  DroneBL  *unexpected  *dnsbl.dronebl.org$' "$T/text.out" |
	grep -q 'why:  unexpected code 127.0.0.99$' || { cat "$T/text.out"; fail "text: DroneBL's undocumented code"; }
ok "text: an undocumented code is an error, named"
assert_contains "$T/text.out" "TXT:   Blocked - see https://www.spamcop.net/bl.shtml?192.0.2.2" \
	"text: the TXT whole"
grep -q '^  PSBL  *clean  *psbl.surriel.com$' "$T/text.out" || fail "text: PSBL clean"
ok "text: PSBL clean"
grep -q '^  .* refused ' "$T/text.out" || fail "text: an unserved list is refused"
ok "text: a list that refuses is an error (refused), not clean"
# Listed rows before failed ones, failed before clean.
first_listed=$(grep -n ' listed ' "$T/text.out" | head -n 1 | cut -d: -f1)
first_failed=$(grep -n ' refused \| unexpected ' "$T/text.out" | head -n 1 | cut -d: -f1)
first_clean=$(grep -n ' clean  *psbl' "$T/text.out" | cut -d: -f1)
[ "$first_listed" -lt "$first_failed" ] && [ "$first_failed" -lt "$first_clean" ] ||
	fail "text: listed, then failed, then clean"
ok "text: listed first, then failed, then clean"
long=$(awk 'length > 100' "$T/text.out" | head -n 1)
[ -z "$long" ] || fail "text: a table line is wider than 100 columns: $long"
ok "text: table lines fit 100 columns"

# The same as CSV: one row, every list's codes and meanings.
# shellcheck disable=SC2086
rbl csv $RUN --profile catalogue --export csv 192.0.2.2/32
expect_status 3 "csv: exit 3"
csv_norm 0 <"$T/csv.out" >"$T/csv.all" || fail "csv: not RFC 4180"
assert_eq "127.0.0.2;127.0.0.4" "$(csv_field "$T/csv.all" 192.0.2.2 zen_codes)" "csv: zen_codes"
assert_eq "SBL;XBL" "$(csv_field "$T/csv.all" 192.0.2.2 zen_meanings)" "csv: zen_meanings"

# In the terminal UI: L on the grid checks the selected address.
# shellcheck disable=SC2086
start_tui C.UTF-8 "" $RUN --profile spamhaus 192.0.2.2
wait_for "codes    127.0.0.2 SBL; 127.0.0.4 XBL"
keys L
wait_for "192.0.2.2 on every list (catalogue)"
wait_for "192.0.2.2: listed on 2 of $NLISTS lists, clean on 1, $((NLISTS - 3)) failed"
ok "L: every list answered, counted"
grep -q '^ *> ZEN  *listed  *127.0.0.2 SBL; 127.0.0.4 XBL' "$T/screen.txt" ||
	{ cat "$T/screen.txt"; fail "L: ZEN listed first, decoded, selected"; }
ok "L: ZEN first, selected, both codes decoded"
wait_for "TXT       SBL listing of 192.0.2.2 XBL listing of 192.0.2.2"
ok "L: the selected list's TXT whole"
keys Down Down
wait_for "why       unexpected code 127.0.0.99"
ok "L: the DroneBL row says why it is an error"
keys x
wait_for "saved"
f=$(ls "$T"/snap/*lists-192.0.2.2* 2>/dev/null | head -n 1)
[ -n "$f" ] || { ls "$T/snap"; fail "x: no snapshot of the lists"; }
assert_contains "$f" "192.0.2.2 on $NLISTS lists of catalogue: 2 listed" "x: the snapshot holds the table"
keys q
wait_for "codes    127.0.0.2 SBL; 127.0.0.4 XBL"
ok "q: back to the grid"
quit_tui q 0

done_testing
