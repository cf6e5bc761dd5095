#!/bin/sh
# The views beyond one /24 in a real terminal: the ASN view, the range
# overview and the policy simulator's keys.  tmux runs ./rblscope on the
# offline demo (zone files it writes itself from assets/demo/scenario.txt)
# and against rbldnsd serving the fixture zones.  Every expected figure
# below is worked out from the scenario, the policies and the fixtures,
# as the comments say: none is copied from rblscope's output.
. tests/e2e/lib.sh

need_rblscope
make_asn_db "$E2E_FIX/asn.csv" "$T/asn.mmdb" 4
[ -f build/demo/asn.mmdb ] || skip "the demo's ASN database is not built (make)"
start_rbldnsd "$E2E_FIX/zones" $ZONE_L1 $ZONE_L2 $ZONE_L3

TUI_COLS=100
TUI_ROWS=30
. tests/e2e/tuilib.sh

LIVE="--resolver 127.0.0.1:$RBLDNSD_PORT --rate 2000 --timeout 3000 --db $T/asn.mmdb"
# The demo finds its database beside the program; say where, whatever
# the folder the pane runs in.
DEMO_ENV="RBLSCOPE_DEMO_DB=$(pwd)/build/demo/asn.mmdb"

# expect_row REGEX WHAT: a line of the screen matches the extended REGEX.
expect_row() {
	screen >"$T/row.txt"
	grep -qE -- "$1" "$T/row.txt" || { cat "$T/row.txt"; fail "$2: no line matches /$1/"; }
	ok "$2"
}

# wait_gone STRING: poll (at most 10 s) until STRING is off the screen.
wait_gone() {
	i=0
	while screen | grep -qF -- "$1"; do
		i=$((i + 1))
		[ $i -lt 200 ] || fail "'$1' stays on the screen"
		sleep 0.05
	done
}

# demo_grid CURSOR GUILTY...: the 16 rows of 198.18.7.0/24 in UTF-8 when
# level 2 lists the whole /24: the GUILTY octets on level 1, .10 clean
# (the scenario whitelists 198.18.7.10, so neither level 2 nor level 3
# lists it), every other address collateral by range.
demo_grid() {
	cur=$1
	shift
	awk -v cur="$cur" -v guilty="$*" 'BEGIN {
		split(guilty, l1, " ")
		for (i in l1) g[l1[i]] = 1
		for (r = 0; r < 16; r++) {
			line = ""
			for (c = 0; c < 16; c++) {
				o = r * 16 + c
				if (o in g) glyph = "\342\226\210"
				else if (o == 10) glyph = "\342\227\213"
				else glyph = "\342\226\240"
				line = line sprintf("%s%s%3d", o == cur ? "\342\226\270" : " ", glyph, o)
			}
			print line
		}
	}'
}

# demo_overview: the 16 rows of the overview of 198.18.0.0/16 in UTF-8
# under the 8 Feb 2021 rules with the 66th impact added, cursor on block
# 7: level 3 lists all of
# AS64512; level 2 lists the /24s with 4 or more impacts whose .0 the
# probe sees, 198.18.7.0/24 and 198.18.200.0/24; 198.18.7.0/24 was
# scanned and has addresses on level 1, so it reads as guilty.
demo_overview() {
	awk 'BEGIN {
		for (r = 0; r < 16; r++) {
			line = ""
			for (c = 0; c < 16; c++) {
				o = r * 16 + c
				glyph = o == 7 ? "\342\226\210" : o == 200 ? "\342\226\240" : "\342\226\262"
				line = line sprintf("%s%s%3d", o == 7 ? "\342\226\270" : " ", glyph, o)
			}
			print line
		}
	}'
}

# --- the demo ---------------------------------------------------------------

start_tui C.UTF-8 "$DEMO_ENV" --demo
wait_for "768/768 lookups"
wait_for "policy 2010: UCEPROTECT until 18 Jan 2021"
ok "the demo opens on its grid under the 2010 policy, named in the title"

# AS64512 holds 198.18.0.0/17, 198.18.128.0/17 and 198.19.0.0/16: one
# /15 in the database, 131,072 addresses.
keys a
wait_for "AS64512 DEMO-HOSTING, ZZ: 1 network, 131,072 IPv4 addresses"
ok "a: the ASN view of the selected address's ASN"
wait_for "1024/1024 lookups"
# 2010 rules: level 3 counts the 7 listed addresses and needs 0.2% of
# 131,072 = 262.1, so 263.  Level 2 lists a /25 or /26 around each
# listed address: 198.18.7.0/25, 198.18.200.0/25, 198.19.44.0/26,
# 198.19.45.128/26 and 198.19.100.0/26.  The demo reads zone files: the
# view counts every address exactly.
expect_row "^ +level 3 +7 listed addresses / 131,072 addresses" "2010: level 3 counts 7 listed addresses of 131,072"
assert_contains "$T/row.txt" "needs >= 0.2% (263 listed addresses)" "2010: level 3 needs 263"
expect_row "198\.18\.0\.0/15 +131072 +7 +446 +0 +446 +439$" "2010: the /15 exactly: 7 guilty, 446 on level 2, none on level 3"
# Blocked under 2010: the five blocks above, 128+128+64+64+64 = 448
# addresses, less the two whitelisted addresses inside them (198.18.7.10
# and 198.19.44.20): 446; the 7 guilty are inside; (446-7)/7 = 62.7.
assert_contains "$T/row.txt" "7 guilty → 446 addresses blocked (collateral ratio 62.7)" "2010: 7 guilty, 446 blocked"
assert_contains "$T/row.txt" "none: UCE-3 lists no network" "2010: no level-3 TXT"

keys '?'
wait_for "back to the screen before"
ok "the help of the ASN view lists its own keys"
keys Space
wait_gone "back to the screen before"

# p twice: 2021-01-18, then 2021-02-08.  65 impacts in all; more than
# 0.05% of 131,072 (65.5) is 66: one short, not listed.
keys p
wait_for "policy 2021-01-18"
keys p
wait_for "policy 2021-02-08: UCEPROTECT from 8 Feb 2021 (impacts)"
wait_for "AS64512 needs 66, has 65 impacts: not listed on level 3"
ok "p: the message says what the new policy makes of AS64512"
wait_for "1024/1024 lookups"
expect_row "^ +level 3 +65 impacts / 131,072 addresses = 0\.04959%: needs > 0\.05% \(66 impacts\): not listed$" "2021-02-08: the level-3 arithmetic, one impact short"
# Level 2 now lists every /24 with 4 impacts or more: 198.18.7.0 (5),
# 198.18.200.0 (35), 198.19.44.0 (15), 198.19.45.0 (6), 198.19.100.0 (4).
expect_row "198\.18\.0\.0/15 +131072 +7 +1278 +0 +1278 +1271$" "2021-02-08: the /15 not on level 3, 5 /24s on level 2"
# The five /24s, 1,280 addresses, less the two whitelisted inside them:
# 1,278 blocked, (1,278-7)/7 = 181.6.
assert_contains "$T/row.txt" "l1 7, l2 1,278, l3 0 addresses (every address, from the zone files)" "2021-02-08: the exact count per level"
assert_contains "$T/row.txt" "7 guilty → 1,278 addresses blocked (collateral ratio 181.6)" "2021-02-08: 1,278 blocked"

# Esc: back to the grid, rescanned under the new zones.  198.18.7.0/24
# has 5 impacts (.25: 4, .30: 1): level 2 lists it whole.
keys Escape
wait_for "rblscope  198.18.7.0/24  policy 2021-02-08"
wait_for "768/768 lookups"
demo_grid 200 25 30 >"$T/grid.want"
screen | sed -n '3,18p' >"$T/grid.got"
assert_file_eq "$T/grid.want" "$T/grid.got" "2021-02-08: every address of 198.18.7.0/24 is guilty or collateral, but whitelisted .10"

# i on 198.18.7.200: its first impact; AS64512 then has 66 and needs 66:
# the whole ASN goes on level 3.
keys i
wait_for "198.18.7.200: 1 impact; AS64512 now needs 66, has 66 impacts: listed on level 3 (newly)"
ok "i: the message says what one more impact changed"
wait_for "guilty 3"
demo_grid 200 25 30 200 >"$T/grid.want"
screen | sed -n '3,18p' >"$T/grid.got"
assert_file_eq "$T/grid.want" "$T/grid.got" "i: 198.18.7.200 is now on level 1"

keys x
wait_for "saved rblscope-198.18.7.0_24-"
snap=$(ls "$T"/snap/rblscope-198.18.7.0_24-*.txt 2>/dev/null | head -n 1)
[ -n "$snap" ] || fail "x: no grid snapshot in $T/snap"
assert_contains "$snap" "  policy    2021-02-08: UCEPROTECT from 8 Feb 2021 (impacts) (demo)" "grid snapshot: the policy"

keys o
wait_for "rblscope  198.18.0.0/16  overview"
wait_for "512/512 lookups"
demo_overview >"$T/ov.want"
screen | sed -n '3,18p' >"$T/ov.got"
assert_file_eq "$T/ov.want" "$T/ov.got" "o: the 256 /24s of 198.18.0.0/16 by level"
screen >"$T/ov.txt"
assert_contains "$T/ov.txt" "guilty 1  ■ range 1  ▲ asn 254" "overview: blocks per class"
assert_contains "$T/ov.txt" "3 of 256 addresses guilty (scanned in this session)" "overview: the level 1 count of the scanned /24"

keys x
wait_for "saved rblscope-198.18.0.0_16-"
snap=$(ls "$T"/snap/rblscope-198.18.0.0_16-*.txt 2>/dev/null | head -n 1)
[ -n "$snap" ] || fail "x: no overview snapshot in $T/snap"
ok "x in the overview writes $(basename "$snap")"
# The map row of blocks 0-15: ASN-listed blocks, and block 7 scanned
# ("+") with guilty addresses ("#"); the row of 192-207: block 200 on
# level 2 ("=").
row0="            0 $(printf '  ~%.0s' 1 2 3 4 5 6 7) +#$(printf '  ~%.0s' 1 2 3 4 5 6 7 8)"
row12="          192 $(printf '  ~%.0s' 1 2 3 4 5 6 7 8)  =$(printf '  ~%.0s' 1 2 3 4 5 6 7)"
grep -qxF "$row0" "$snap" || { cat "$snap"; fail "overview snapshot: row 0"; }
grep -qxF "$row12" "$snap" || { cat "$snap"; fail "overview snapshot: row 192"; }
ok "overview snapshot: the map in ASCII"
assert_contains "$snap" "198.18.0.0/16: 256 /24 blocks" "overview snapshot: names the /16"
assert_contains "$snap" "policy    2021-02-08: UCEPROTECT from 8 Feb 2021 (impacts) (demo)" "overview snapshot: the policy"
assert_contains "$snap" "=  range (UCE-2)   collateral: its .0 address is in a range listed on UCE-2" "overview snapshot: the legend"
assert_contains "$snap" "l2: Net 198.18.200.0/24 is UCEPROTECT-Level2 listed because 35 impacts" "overview snapshot: a level-2 TXT"
[ "$(control_bytes "$snap")" -eq 0 ] || fail "overview snapshot: control characters"
LC_ALL=C grep -q "$(printf '[\200-\377]')" "$snap" && fail "overview snapshot: not ASCII"
ok "overview snapshot: plain ASCII"

keys Enter
wait_for "rblscope  198.18.7.0/24"
ok "Enter on a block opens its grid"

keys a
wait_for "AS64512 DEMO-HOSTING, ZZ: 1 network"
keys x
wait_for "saved rblscope-AS64512-"
snap=$(ls "$T"/snap/rblscope-AS64512-*.txt 2>/dev/null | head -n 1)
[ -n "$snap" ] || fail "x: no ASN snapshot in $T/snap"
grep -qE "^  198\.18\.0\.0/15 +131072 +8 +1278 +131070 +131070 +131062$" "$snap" || { cat "$snap"; fail "ASN snapshot: the /15"; }
ok "x in the ASN view writes $(basename "$snap") with its network"
assert_contains "$snap" "  l3        131070 addresses: UCEPROTECT level 3 (ASN)" "ASN snapshot: level 3, exactly"
assert_not_contains "$snap" "estimate" "ASN snapshot: no estimate"
# 66 impacts: more than 0.05% of 131,072, listed.  All 131,072 addresses
# are in the level-3 listing; the two whitelisted ones are excluded from
# it: 131,070 blocked, (131,070-8)/8 = 16382.75, shown as 16382.8.
# Spamscore 66/131,072 x 100,000 = 50.35, written as 50 by the TXT.
wait_for "1024/1024 lookups"
expect_row "^ +level 3 +66 impacts / 131,072 addresses = 0\.05035%: needs > 0\.05% \(66 impacts\): listed$" "after i: the level-3 arithmetic"
expect_row "198\.18\.0\.0/15 +131072 +8 +1278 +131070 +131070 +131062$" "after i: the /15 on level 3"
assert_contains "$T/row.txt" "l1 8, l2 1,278, l3 131,070 addresses" "after i: level 3 lists all but the 2 whitelisted"
assert_contains "$T/row.txt" "8 guilty → 131,070 addresses blocked (collateral ratio 16382.8)" "after i: 131,070 blocked"
assert_contains "$T/row.txt" "spamscore 50: Your ISP DEMO-HOSTING, ZZ/AS64512 is UCEPROTECT-Level3" "after i: the level-3 TXT and its spamscore"
assert_contains "$snap" "  policy    2021-02-08: UCEPROTECT from 8 Feb 2021 (impacts) (demo)" "ASN snapshot: the policy"

# P: back to 2021-01-18, which counts listed addresses (8 now) against
# 0.02% of 131,072 (26.2, so 27): not listed; level 2 as in 2010 (446),
# and 198.18.7.200 alone in 198.18.7.128/25 adds its /26, 198.18.7.192/26:
# 510 blocked, 8 of them guilty.
keys P
wait_for "policy 2021-01-18"
wait_for "1024/1024 lookups"
expect_row "198\.18\.0\.0/15 +131072 +8 +510 +0 +510 +502$" "P: the previous policy; the /15 off level 3 again"

keys Escape
wait_for "rblscope  198.18.7.0/24"
# q goes back the way the user came: the overview, its cursor where it
# was, then the first grid; q there quits.
keys q
wait_for "rblscope  198.18.0.0/16  overview"
ok "q from the grid opened from the overview goes back to the overview"
keys q
wait_for "q quit"
ok "q again: the first grid"
# The policy and the impacts changed: q asks first, any other key stays.
keys q
wait_for "y quits, any other key stays"
keys n
wait_gone "y quits, any other key stays"
wait_for "rblscope  198.18.7.0/24"
ok "q in the changed demo asks; n stays"
keys q
wait_for "y quits, any other key stays"
quit_tui y 0

# --- rbldnsd and the fixtures ----------------------------------------------

# AS64500 holds 192.0.2.0/25 and 203.0.113.0/24 (fixtures/asn.csv): 384
# addresses.  The level-3 zone lists both; level 2 lists 192.0.2.0/25
# (its probe, 192.0.2.0, is not the excluded .100) and nothing of
# 203.0.113.0/24.
start_tui C.UTF-8 "" $LIVE AS64500
wait_for "AS64500 EXAMPLE-NET: 2 networks, 384 IPv4 addresses"
ok "AS64500 on the command line opens its ASN view"
wait_for "4/4 lookups"
expect_row "192\.0\.2\.0/25 +128 +listed +1 of 1$" "192.0.2.0/25: level 3 listed, level 2 1 of 1"
expect_row "203\.0\.113\.0/24 +256 +listed +0 of 1$" "203.0.113.0/24: level 3 listed, level 2 0 of 1"
# 0.05% of 384 is 0.19: the 2024 rule needs 1 and at least 50, the
# 8 Feb 2021 rule more than 0.19, so 1.
assert_contains "$T/row.txt" "50 impacts under UCEPROTECT from 2024 (spamscore) [2024-10]" "outside the demo: impacts needed under the 2024 rule"
assert_contains "$T/row.txt" "1 impact under UCEPROTECT from 8 Feb 2021 (impacts) [2021-02-08]" "outside the demo: and under the 8 Feb 2021 rule"
assert_contains "$T/row.txt" "spamscore 66: Your ISP EXAMPLE-NET, ZZ/AS64500" "the level-3 TXT's spamscore"
assert_contains "$T/row.txt" "guilty unknown (UCE-1 not probed per address) → 384 addresses blocked" "guilty unknown, 384 blocked"

pane_pid=$(tm list-panes -t tui -F '#{pane_pid}')
tui_pid=$(ps -o pid= --ppid "$pane_pid" | tr -d ' ' | head -n 1)
[ -n "$tui_pid" ] || fail "cannot find the rblscope process"
before=$(cpu_ticks "$tui_pid")
sleep 1
after=$(cpu_ticks "$tui_pid")
[ $((after - before)) -le 2 ] || fail "idle ASN view used $((after - before)) ticks in 1 s"
ok "no CPU used while the ASN view is idle ($((after - before)) ticks in 1 s)"

keys x
wait_for "saved rblscope-AS64500-"
snap=$(ls "$T"/snap/rblscope-AS64500-*.txt 2>/dev/null | head -n 1)
assert_contains "$snap" "2 of 2 networks listed on UCE-3: 384 addresses blocked" "x: the ASN snapshot over DNS"

keys j Enter
wait_for "rblscope  203.0.113.0/24"
wait_for "768/768 lookups"
assert_contains "$T/screen.txt" "asn 256" "Enter on the second network: the grid of 203.0.113.0/24, all of it on level 3"

keys p
wait_for "policies and impacts can be changed in the demo only"
keys Down
wait_gone "policies and impacts can be changed in the demo only"
keys i
wait_for "policies and impacts can be changed in the demo only"
ok "outside the demo the simulator keys say why they do nothing"

keys g
keys -l AS64500
keys Enter
wait_for "AS64500 EXAMPLE-NET: 2 networks"
ok "g AS64500 opens the ASN view"
keys q
wait_for "rblscope  203.0.113.0/24"
ok "q in the ASN view goes back to the grid it was opened from"

# The overview of 203.0.0.0/16: only 203.0.113.0/24 is on a list (level 3).
keys o
wait_for "rblscope  203.0.0.0/16  overview"
wait_for "512/512 lookups"
expect_row "asn 1  ! error 0  [?] pending 0  ○ clean 255  • scanned 1" "overview of 203.0.0.0/16: one ASN-listed /24, scanned"
keys Left Enter
wait_for "rblscope  203.0.112.0/24"
wait_for "768/768 lookups"
ok "Enter on the block left of it opens 203.0.112.0/24"
# Nothing of 203.0.112.0/24 is on any list.  q walks back: the overview,
# the grid of 203.0.113.0/24, the ASN view it came from; q there quits.
keys q
wait_for "rblscope  203.0.0.0/16  overview"
keys q
wait_for "rblscope  203.0.113.0/24"
keys q
wait_for "AS64500 EXAMPLE-NET: 2 networks"
wait_for "q quit"
ok "q walks back to the first screen, the ASN view"
quit_tui q 0

done_testing
