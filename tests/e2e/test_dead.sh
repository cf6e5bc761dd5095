#!/bin/sh
# A resolver that answers nothing: a closed port, and a black hole that
# takes queries and never replies.  The export stops at once, with every
# lookup an error naming the cause, one line on stderr and exit 3; with
# --no-probe too.  --deadline ends a run whose lookups would wait longer,
# and --no-txt sends no TXT query at all.
. tests/e2e/lib.sh

need_rblscope
# A port with nothing behind it: bound, then closed.
closed=$(free_port)
# A black hole: udpproxy dropping every query.
bh_up=$(free_port)
start_udpproxy "$bh_up" --drop 100
HOLE=$PROXY_PORT

# one_line NAME WHAT PATTERN: exactly one line on stderr, matching PATTERN.
one_line() {
	n=$(wc -l <"$T/$1.err")
	[ "$n" -eq 1 ] || { cat "$T/$1.err"; fail "$2: $n lines on stderr, want 1"; }
	grep -qE "$3" "$T/$1.err" || { cat "$T/$1.err"; fail "$2: stderr does not match $3"; }
	ok "$2: one line: $(cat "$T/$1.err")"
}

# all_errors NAME REASON WHAT: every lookup of the export is that error.
all_errors() {
	csv_norm 0 <"$T/$1.out" >"$T/$1.all" || fail "$3: not RFC 4180"
	assert_lines 257 "$T/$1.all" "$3: one row per address"
	bad=$(awk -F, -v why="$2" 'NR > 1 && ($5 != "error" || $6 != "error" || $7 != "error" ||
		$11 != why || $16 != why || $21 != why)' "$T/$1.all" | head -n 3)
	assert_empty_text "$bad" "$3: every lookup is error $2"
}
assert_empty_text() { [ -z "$1" ] || { echo "$1"; fail "$2"; }; ok "$2"; }

for probe in "" --no-probe; do
	tag=${probe:-probe}
	RUN_TIMEOUT=20 rbl "closed-$tag" --export csv --rate 0 $probe \
		--resolver "127.0.0.1:$closed" 198.51.100.0/24
	expect_status 3 "closed port ($tag): exit 3"
	one_line "closed-$tag" "closed port ($tag)" "resolver 127.0.0.1:$closed does not answer \\(connection refused"
	all_errors "closed-$tag" network "closed port ($tag)"

	# The default budget is 4 s: a black hole is known for one then.
	RUN_TIMEOUT=20 rbl "hole-$tag" --export csv --rate 0 $probe \
		--resolver "127.0.0.1:$HOLE" 198.51.100.0/24
	expect_status 3 "black hole ($tag): exit 3"
	one_line "hole-$tag" "black hole ($tag)" "resolver 127.0.0.1:$HOLE does not answer"
	all_errors "hole-$tag" timeout "black hole ($tag)"
done

# --deadline: tries that could wait 20 minutes end after 1 s.
started=$(date +%s)
RUN_TIMEOUT=20 rbl deadline --export csv --rate 0 --no-probe --timeout 600000 --retries 1 \
	--deadline 1 --resolver "127.0.0.1:$HOLE" 198.51.100.0/24
expect_status 3 "--deadline 1: exit 3"
[ $(($(date +%s) - started)) -lt 15 ] || fail "--deadline 1 did not end the run"
ok "--deadline 1 ends the run"
all_errors deadline timeout "--deadline"
stop_bg "$PROXY_PID"

# --no-txt against rbldnsd: listings without TXT.
start_rbldnsd "$E2E_FIX/zones" $ZONE_L1 $ZONE_L2 $ZONE_L3
rbl notxt --export csv --rate 0 --no-txt --resolver "127.0.0.1:$RBLDNSD_PORT" 192.0.2.0/24
expect_status 1 "--no-txt: listings found, exit 1"
csv_norm 0 <"$T/notxt.out" >"$T/notxt.all"
listed=$(awk -F, 'NR > 1 && ($5 == "listed" || $6 == "listed" || $7 == "listed")' "$T/notxt.all" | wc -l)
[ "$listed" -gt 0 ] || fail "--no-txt: nothing listed"
withtxt=$(awk -F, 'NR > 1 && ($12 != "" || $17 != "" || $22 != "")' "$T/notxt.all" | wc -l)
assert_eq 0 "$withtxt" "--no-txt: $listed listed rows, none with a TXT"
rbl withtxt --export csv --rate 0 --resolver "127.0.0.1:$RBLDNSD_PORT" 192.0.2.0/24
withtxt=$(csv_norm 0 <"$T/withtxt.out" | awk -F, 'NR > 1 && ($12 != "" || $17 != "" || $22 != "")' | wc -l)
[ "$withtxt" -gt 0 ] || fail "without --no-txt the listings have no TXT"
ok "without --no-txt, $withtxt rows carry a TXT"

# The terminal UI: a banner names the dead resolver, and r asks again.
if command -v tmux >/dev/null 2>&1; then
	. tests/e2e/tuilib.sh
	start_tui C.UTF-8 "" --rate 0 --resolver "127.0.0.1:$closed" 198.51.100.7
	wait_for "127.0.0.1:$closed does not answer (connection refused): r retries"
	wait_for "r retries"
	ok "the terminal UI says the resolver is dead, and how to retry"
	# the resolver comes to life on that port: r finds it
	user=
	[ "$(id -u)" -eq 0 ] && user="-u rbldns"
	# shellcheck disable=SC2086
	spawn revived /usr/sbin/rbldnsd -n $user -b "127.0.0.1/$closed" \
		"$ZONE_L1:ip4set:$zd/$ZONE_L1" "$ZONE_L2:ip4set:$zd/$ZONE_L2" "$ZONE_L3:ip4set:$zd/$ZONE_L3"
	dns_ready "$closed" "2.0.0.127.$ZONE_L1" || fail "rbldnsd did not start on $closed"
	keys r
	wait_for "querying again"
	wait_for "768/768 lookups  "
	screen >"$T/revived.txt"
	assert_not_contains "$T/revived.txt" "does not answer" "r: the banner is gone once the resolver answers"
	assert_not_contains "$T/revived.txt" "errors" "r: every lookup answered"
	quit_tui q 0
fi

done_testing
