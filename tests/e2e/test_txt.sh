#!/bin/sh
# TXT without lengthening the scan: a TXT that names the listed range is
# asked once for the range, not once per address; the text is the same
# as the one per-address queries give; and no TXT that fits in a DNS
# message is cut.
. tests/e2e/lib.sh

need_rblscope
start_rbldnsd "$E2E_FIX/zones" $ZONE_L1 $ZONE_L2 $ZONE_L3
start_udpproxy "$RBLDNSD_PORT"

# The queries that reach rbldnsd: the proxy counts them when it stops.
# A small window: what is in flight before the first answer cannot know
# the range yet.
rbl shared --export csv --rate 0 --window 8 --resolver "127.0.0.1:$PROXY_PORT" 192.0.2.0/24
expect_status 1 "through the proxy: listings, exit 1"
stop_bg "$PROXY_PID"
sent=$(sed -n 's/.*forwarded \([0-9]*\),.*/\1/p' "$T/udpproxy.err")
[ -n "$sent" ] || { cat "$T/udpproxy.err"; fail "the proxy did not count"; }
csv_norm 0 <"$T/shared.out" >"$T/shared.all"
listed=$(awk -F, 'NR > 1 { n += ($5 == "listed") + ($6 == "listed") + ($7 == "listed") } END { print n }' \
	"$T/shared.all")
l2=$(awk -F, 'NR > 1 && $6 == "listed"' "$T/shared.all" | wc -l)
note "$sent queries for 768 lookups with $listed listings, $l2 of them on level 2"
# One A query per lookup and one TXT per listing would be 768 + listed
# (+ 6 probes); the level-2 ranges name themselves, so far fewer.
[ "$sent" -lt $((768 + 6 + listed - l2 / 2)) ] ||
	fail "$sent queries: the range TXT was not shared ($listed listings, $l2 on level 2)"
ok "a range's TXT is asked once for the range: $sent queries"
# ... and the text is the one each address would get.
rbl direct --export csv --rate 0 --resolver "127.0.0.1:$RBLDNSD_PORT" 192.0.2.0/24
csv_norm 0 <"$T/direct.out" >"$T/direct.all"
assert_file_eq "$T/direct.all" "$T/shared.all" "shared TXT equals what each address gets"

# Three TXT strings of 255 bytes (over TCP): kept whole.
bin=$(tool hostiledns) || fail "no hostiledns"
spawn hostiledns "$bin" -l 127.0.0.1:0
wait_port hostiledns
rbl long --export csv --profile psbl --zone psbl=hostile.test --rate 0 \
	--resolver "127.0.0.1:$PORT" --no-probe 198.51.100.141/32
expect_status 1 "a listing with a 765-byte TXT: exit 1"
len=$(csv_norm 0 <"$T/long.out" | awk -F, 'NR == 2 { print length($10) }')
assert_eq 765 "$len" "a TXT of 765 bytes is not cut"

done_testing
