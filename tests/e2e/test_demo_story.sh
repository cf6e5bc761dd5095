#!/bin/sh
# The demo as a lesson, key by key, exactly as README.md ("The demo, as a
# lesson") tells it: tmux runs ./rblscope --demo in a real terminal, at
# 100x30 and again at 80x24, and after each key the test checks what the
# class sees.  Every expected figure is worked out from
# assets/demo/scenario.txt and assets/policies/, as the comments say.
#
# AS64512 (DEMO-HOSTING) is one /15 in the demo's ASN database,
# 198.18.0.0/15: 131,072 addresses.  The demo opens on 198.18.7.200,
# whose /24 holds .25 (4 impacts) and .30 (1 impact), both on level 1,
# and the whitelisted .10, which level 2 and level 3 never list.
. tests/e2e/lib.sh

need_rblscope
[ -f build/demo/asn.mmdb ] || skip "the demo's ASN database is not built (make)"

. tests/e2e/tuilib.sh

# The demo finds its database beside the program; say where, whatever
# the folder the pane runs in.
DEMO_ENV="RBLSCOPE_DEMO_DB=$(pwd)/build/demo/asn.mmdb"

# expect_row REGEX WHAT: a line of the screen matches the extended REGEX.
expect_row() {
	screen >"$T/row.txt"
	grep -qE -- "$1" "$T/row.txt" || { cat "$T/row.txt"; fail "$SIZE $2: no line matches /$1/"; }
	ok "$SIZE $2"
}

# expect_flat STRING WHAT: STRING is on the screen once the screen's
# lines are joined and runs of blanks squeezed, so that a sentence the
# ASN view wraps on a narrow terminal still reads as one.
expect_flat() {
	screen >"$T/flat.txt"
	tr -s ' \n' '  ' <"$T/flat.txt" | grep -qF -- "$1" ||
		{ cat "$T/flat.txt"; fail "$SIZE $2: '$1' is not on the screen"; }
	ok "$SIZE $2"
}

# expect_title STRING WHAT: the title (the first line) holds STRING.
expect_title() {
	screen | head -n 1 >"$T/title.txt"
	grep -qF -- "$1" "$T/title.txt" || { cat "$T/title.txt"; fail "$SIZE $2: '$1' not in the title"; }
	ok "$SIZE $2"
}

# expect_summary REGEX WHAT: the summary line under the grid (the one
# that counts each class) matches REGEX.  Wide, its per-zone reach reads
# "listed: l1 2, l2 255, l3 0"; at 80 columns "l1 2 l2 255 l3 0".
expect_summary() {
	screen | grep -E '^ █ guilty [0-9]' >"$T/summary.txt"
	grep -qE -- "$1" "$T/summary.txt" ||
		{ screen; fail "$SIZE $2: the summary line does not match /$1/"; }
	ok "$SIZE $2"
}

# reach L1 L2 L3: the summary's per-zone reach, at either width.
reach() { echo "l1 $1,? l2 $2,? l3 $3( |\$)"; }

# wait_gone STRING: poll (at most 10 s) until STRING is off the screen.
wait_gone() {
	i=0
	while screen | grep -qF -- "$1"; do
		i=$((i + 1))
		[ $i -lt 200 ] || fail "$SIZE '$1' stays on the screen"
		sleep 0.05
	done
}

# grid_want LOW HIGH GUILTY...: the 16 rows of 198.18.7.0/24 in UTF-8,
# cursor on .200: octets 0-127 drawn with glyph LOW, 128-255 with HIGH,
# the GUILTY octets on level 1, the whitelisted .10 always clean.
grid_want() {
	low=$1
	high=$2
	shift 2
	awk -v low="$low" -v high="$high" -v guilty="$*" 'BEGIN {
		split(guilty, l1, " ")
		for (i in l1) g[l1[i]] = 1
		for (r = 0; r < 16; r++) {
			line = ""
			for (c = 0; c < 16; c++) {
				o = r * 16 + c
				if (o in g) glyph = "█"
				else if (o == 10) glyph = "○"
				else glyph = o < 128 ? low : high
				line = line sprintf("%s%s%3d", o == 200 ? "▸" : " ", glyph, o)
			}
			print line
		}
	}'
}

# expect_grid WHAT LOW HIGH GUILTY...: the grid shows grid_want's rows.
expect_grid() {
	what=$1
	shift
	grid_want "$@" >"$T/grid.want"
	screen | sed -n '3,18p' >"$T/grid.got"
	assert_file_eq "$T/grid.want" "$T/grid.got" "$SIZE $what"
}

# The grid and the ASN view are done when every lookup is answered: 768
# for the 256 addresses in 3 zones, 1,024 for the ASN view's probes.
grid_done() { wait_for "768/768 lookups"; }
asn_done() { wait_for "1024/1024 lookups"; }

story() {
	TUI_COLS=$1
	TUI_ROWS=$2
	SIZE="[${1}x$2]"
	note "the demo's story at $SIZE"

	# 1. ./rblscope --demo: the grid of 198.18.7.0/24 under the 2010
	# rules.  Level 2 lists a /25 around each listed address: the
	# lower half of the /24 (128, less the whitelisted .10: 127 on
	# level 2, 125 of them collateral); level 3 needs 263 listed
	# addresses (0.2% of 131,072), AS64512 has 7.
	start_tui C.UTF-8 "$DEMO_ENV" --demo
	grid_done
	expect_title "rblscope  198.18.7.0/24" "start: the grid of 198.18.7.0/24"
	expect_title "policy 2010" "start: the title names the 2010 policy"
	expect_grid "start: .25 and .30 guilty, 198.18.7.0/25 on level 2, .10 and the upper half clean" ■ ○ 25 30
	expect_summary "█ guilty 2  ■ range 125  ▲ asn 0  ○ clean 129 .*$(reach 2 127 0)" "start: 2 guilty, 125 collateral, nothing on level 3"
	expect_row "198\.18\.7\.200 +clean" "start: the shop's mail server 198.18.7.200 is clean"

	# 2. p: 18 Jan 2021 rules; level 3 now needs 0.02% of 131,072
	# (26.2, so 27) listed addresses; AS64512 still has 7.
	keys p
	wait_for "policy 2021-01-18: AS64512 needs 27, has 7 listed"
	grid_done
	expect_title "policy 2021-01-18" "p: the title names the 18 Jan 2021 policy"
	expect_summary "$(reach 2 127 0)" "p: level 3 still lists nothing of the /24"

	# 3. p: 8 Feb 2021 rules: level 2 lists every /24 with 4 impacts or
	# more (198.18.7.0/24 has 5: all of it but .10); level 3 needs more
	# than 0.05% of 131,072 (65.5), so 66 impacts: AS64512 has 65.
	keys p
	wait_for "policy 2021-02-08: AS64512 needs 66, has 65 impacts: not listed on level 3"
	ok "$SIZE p: the message says AS64512 needs 66 impacts and has 65"
	grid_done
	expect_title "policy 2021-02-08" "p: the title names the 8 Feb 2021 policy"
	expect_grid "p: the whole /24 on level 2 but .10" ■ ■ 25 30
	expect_summary "█ guilty 2  ■ range 253  ▲ asn 0  ○ clean 1 .*$(reach 2 255 0)" "p: 253 collateral, level 3 still lists nothing"
	expect_row "198\.18\.7\.200 +range \(UCE-2\)" "p: 198.18.7.200 is now collateral of level 2"

	# 4. a: the ASN view of AS64512 and its level-3 arithmetic.  Level
	# 2 lists five /24s (198.18.7.0, 198.18.200.0, 198.19.44.0,
	# 198.19.45.0, 198.19.100.0): 1,280 addresses less the 2
	# whitelisted, 1,278 blocked.
	keys a
	wait_for "AS64512 DEMO-HOSTING, ZZ: 1 network, 131,072 IPv4 addresses"
	asn_done
	expect_title "policy 2021-02-08" "a: the ASN view's title names the policy"
	expect_flat "65 impacts / 131,072 addresses = 0.04959%: needs > 0.05% (66 impacts): not listed" "a: has 65 impacts, needs 66: not listed"
	expect_flat "none: UCE-3 lists no network" "a: no level-3 TXT"
	expect_flat "7 guilty → 1,278 addresses blocked" "a: 7 guilty, 1,278 blocked"
	# Counted from the zone files: size, l1, l2, l3, blocked, collateral.
	expect_row "198\.18\.0\.0/15 +131072 +7 +1278 +0 +1278 +1271$" "a: the /15 exactly: 7 guilty, 1,278 on level 2, none on level 3"

	# 5. i: one impact on the selected network (its first address,
	# 198.18.0.0): 66 impacts, more than 0.05%: all of AS64512 on level
	# 3, the two whitelisted addresses excepted: 131,070 blocked.
	# Spamscore 66 / 131,072 x 100,000 = 50.35, written 50.
	keys i
	wait_for "198.18.0.0: 1 impact; AS64512 now needs 66, has 66 impacts"
	asn_done
	expect_flat "66 impacts / 131,072 addresses = 0.05035%: needs > 0.05% (66 impacts): listed" "i: 66 impacts: listed on level 3"
	expect_flat "8 guilty → 131,070 addresses blocked" "i: 8 guilty, 131,070 addresses blocked"
	expect_flat "spamscore 50: Your ISP DEMO-HOSTING, ZZ/AS64512 is UCEPROTECT-Level3" "i: the level-3 TXT"
	expect_row "198\.18\.0\.0/15 +131072 +8 +1278 +131070 +131070 +131062$" "i: the /15 on level 3 but its 2 whitelisted addresses"

	# 6. q: back to the grid, queried again: level 3 lists all of the
	# /24 but .10 (255); each address still shows its worst class.
	keys q
	wait_for "q quit"
	grid_done
	expect_title "rblscope  198.18.7.0/24" "q: back to the grid"
	expect_summary "$(reach 2 255 255)" "q: level 3 now lists 255 of the /24"

	# 7. 3: level 3 alone: the whole /24 is ASN collateral, .10 aside
	# (.25 and .30 are listed on level 3 too).
	keys 3
	wait_for "[l3 alone]"
	expect_grid "3: level 3 alone lists the whole /24 but .10" ▲ ▲

	# 8. 0: every level again.
	keys 0
	wait_gone "[l3 alone]"
	expect_grid "0: every level again" ■ ■ 25 30

	# 9. u: the impact taken back: 65 again, not listed.
	keys u
	wait_for "undone: 198.18.0.0: 0 impacts; AS64512 now needs 66, has 65"
	grid_done
	expect_summary "$(reach 2 255 0)" "u: level 3 lists nothing again"

	# 10. i on 198.18.7.200 itself: on level 1, and AS64512 listed again.
	keys i
	wait_for "198.18.7.200: 1 impact; AS64512 now needs 66, has 66"
	grid_done
	expect_grid "i on the grid: 198.18.7.200 is guilty now" ■ ■ 25 30 200
	expect_summary "█ guilty 3 .*$(reach 3 255 255)" "i on the grid: 3 guilty, level 3 lists 255"

	# 11. U: every impact added taken back; the policy stays.
	keys U
	wait_for "reset: every impact added is taken back; the policy stays 2021-02-08"
	grid_done
	expect_title "policy 2021-02-08" "U: the policy stays"
	expect_grid "U: the grid of step 3 again" ■ ■ 25 30
	expect_summary "█ guilty 2 .*$(reach 2 255 0)" "U: 2 guilty, level 3 lists nothing"

	# 12. q on the first screen: the policy changed, so it asks; y quits.
	keys q
	wait_for "y quits, any other key stays"
	ok "$SIZE q: the changed demo asks before quitting"
	quit_tui y 0
}

started=$(date +%s)
story 100 30
# At 80 columns the title keeps the policy's date, the ASN view wraps
# its sentences, the summary shortens its reach.
story 80 24
note "both runs took $(($(date +%s) - started)) s"

done_testing
