#!/bin/sh
# The history of recorded scans (--record, --history, --history-db)
# against a real rbldnsd whose zone files change between scans (it
# reloads them: rbldnsd -c 1): intervals extended while an answer stays
# the same and started when it changes, TXT changes, addresses no scan
# covered; a bad, foreign or newer database refused with exit 2 and one
# line; two recorded runs at once both recorded; and kill -9 during a
# slow recorded scan and during the write of a large one, which must
# leave no part of a scan and an intact file.
. tests/e2e/lib.sh
. tests/e2e/tuilib.sh

need_rblscope
command -v sqlite3 >/dev/null 2>&1 || skip "no sqlite3 shell (Debian package sqlite3)"
Z=$T/zones
mkdir -p "$Z"
# day 1: .7 and .8 on level 1, nothing on 2 and 3
zone_l1() {
	{ echo '$TTL 60'; echo ':127.0.0.2:Spam from $'; echo 127.0.0.2; for a in "$@"; do echo "$a"; done; } \
		>"$Z/l1.new"
}
zone_l1 192.0.2.7 192.0.2.8
mv "$Z/l1.new" "$Z/l1"
printf '$TTL 60\n127.0.0.2\n' >"$Z/l2"
printf '$TTL 60\n127.0.0.2\n' >"$Z/l3"
RBLDNSD_CHECK=1 start_rbldnsd "$Z" "$ZONE_L1=l1" "$ZONE_L2=l2" "$ZONE_L3=l3"
DNSQ=$(tool dnsq) || fail "no dnsq"
RUN="--no-config --resolver 127.0.0.1:$RBLDNSD_PORT --rate 0 --timeout 1000"
DB=$T/home/.local/state/rblscope/history.sqlite

# zone_swap FILE NAME EXPECT: replace rbldnsd's copy of FILE by $Z/FILE.new
# and wait until NAME's A answer says EXPECT ("127.0.0.2" or "NXDOMAIN").
zone_swap() {
	sleep 1.1   # a new modification time: rbldnsd compares whole seconds
	cp "$Z/$1.new" "$RBLDNSD_DIR/$1.tmp" && chmod a+r "$RBLDNSD_DIR/$1.tmp" &&
		mv "$RBLDNSD_DIR/$1.tmp" "$RBLDNSD_DIR/$1" || fail "cannot change zone $1"
	i=0
	while [ $i -lt 50 ]; do
		"$DNSQ" -s "127.0.0.1:$RBLDNSD_PORT" -t A "$2" 2>/dev/null | grep -q "$3" && return 0
		i=$((i + 1))
		sleep 0.2
	done
	fail "rbldnsd did not reload $1 ($2 never answered $3)"
}

# history_csv TARGET: the CSV timeline of TARGET in $T/hist.csv, fields
# ip,zone,state,reason,codes,txt,scans,first_scan,last_scan a line.
history_csv() {
	# shellcheck disable=SC2086
	rbl hist --history "$1" --export csv
	csv_norm 0 <"$T/hist.out" | awk -F, 'NR > 1 { print $1","$2","$4","$5","$6","$7","$10","$11","$12 }' \
		>"$T/hist.csv" || fail "history csv: not RFC 4180"
}

# 1. Two scans of the same answers: one interval each, two scans long.
# shellcheck disable=SC2086
rbl s1 $RUN --record --export csv 192.0.2.0/28
expect_status 1 "scan 1 recorded (exit 1: listed)"
[ -f "$DB" ] || fail "no database at the default path $DB"
ok "the default path is \$HOME/.local/state/rblscope/history.sqlite"
assert_eq 700 "$(stat -c %a "$T/home/.local/state/rblscope")" "its folder is mode 0700"
# shellcheck disable=SC2086
rbl s2 $RUN --record --export csv 192.0.2.0/28
expect_status 1 "scan 2 recorded"
assert_eq 2 "$(sqlite3 "$DB" 'SELECT count(*) FROM scan')" "two scans"
assert_eq 48 "$(sqlite3 "$DB" 'SELECT count(*) FROM state')" \
	"16 addresses x 3 zones: one interval each, extended, not repeated"

# 2. Day 2: .7 delisted, .9 listed, .8 listed with another TXT.
zone_l1 192.0.2.8 192.0.2.9
sed -i 's/Spam from/Spam again from/' "$Z/l1.new"
zone_swap l1 9.2.0.192.$ZONE_L1 127.0.0.2
# shellcheck disable=SC2086
rbl s3 $RUN --record --export csv 192.0.2.0/28
expect_status 1 "scan 3 recorded"
history_csv 192.0.2.7
assert_eq "192.0.2.7,l1,listed,,127.0.0.2,Spam from 192.0.2.7,2,1,2
192.0.2.7,l1,clean,,,,1,3,3
192.0.2.7,l2,clean,,,,3,1,3
192.0.2.7,l3,clean,,,,3,1,3" "$(cat "$T/hist.csv")" "192.0.2.7: listed in scans 1-2, clean from 3"
expect_status 0 "--history: exit 0 for an address with history"
history_csv 192.0.2.8
assert_eq "192.0.2.8,l1,listed,,127.0.0.2,Spam from 192.0.2.8,2,1,2
192.0.2.8,l1,listed,,127.0.0.2,Spam again from 192.0.2.8,1,3,3" \
	"$(grep ',l1,' "$T/hist.csv")" "192.0.2.8: a new interval where the TXT changed"
history_csv 192.0.2.9
assert_eq "192.0.2.9,l1,clean,,,,2,1,2
192.0.2.9,l1,listed,,127.0.0.2,Spam again from 192.0.2.9,1,3,3" \
	"$(grep ',l1,' "$T/hist.csv")" "192.0.2.9: clean, then listed"

# The text: neighbours alike are one entry, the TXT change said.
rbl text --history 192.0.2.0/28
expect_status 0 "--history text: exit 0"
assert_contains "$T/text.out" "3 recorded scans covered it" "text: the scans that covered it"
assert_contains "$T/text.out" "192.0.2.0 to 192.0.2.6 (7 addresses, each alike)" \
	"text: clean neighbours are one entry"
assert_contains "$T/text.out" "TXT changed: Spam again from 192.0.2.8" "text: the TXT change"
assert_contains "$T/text.out" "listed 127.0.0.2  (2 scans)" "text: a listing and its scans"
rbl json --history 192.0.2.7/32 --export json
perl -MJSON::PP -ne 'my $o = decode_json($_); $n++;
	$bad++ unless $o->{ip} eq "192.0.2.7" && ref $o->{codes} eq "ARRAY" && $o->{scans} >= 1;
	END { exit($n == 4 && !$bad ? 0 : 1) }' "$T/json.out" || { cat "$T/json.out"; fail "json"; }
ok "--history json: four intervals as JSON Lines"

# 3. An address no scan covered: exit 1, one line, nothing on stdout.
rbl none --history 192.0.2.100
expect_status 1 "an address without history: exit 1"
assert_empty "$T/none.out" "an address without history: nothing on stdout"
assert_eq "rblscope: no recorded scan covered 192.0.2.100 ($DB)" "$(cat "$T/none.err")" \
	"an address without history: one line"

# The terminal UI records its grid when the scan ends, and the detail
# panel shows the selected address's timeline, the latest first.
today=$(date -u +%Y-%m-%d)
# shellcheck disable=SC2086
start_tui C.UTF-8 "" $RUN --record 192.0.2.7
wait_for "history  l1 clean $today; listed $today 127.0.0.2"
ok "the detail panel: l1 clean, before that listed with its code"
wait_for "l2 clean $today"
ok "the detail panel: a line per zone"
quit_tui q 0
assert_eq 4 "$(sqlite3 "$DB" 'SELECT count(*) FROM scan')" "the grid's scan is recorded"
assert_eq "192.0.2.0/24" "$(sqlite3 "$DB" 'SELECT target FROM scan WHERE id = 4')" \
	"the grid's scan: its /24"

# 4. Missing, foreign, corrupt and newer databases: exit 2, one line.
rbl missing --history 192.0.2.7 --history-db "$T/nothing.sqlite"
expect_status 2 "--history of a missing database: exit 2"
assert_eq 1 "$(wc -l <"$T/missing.err")" "missing: one line"
assert_contains "$T/missing.err" "no history database" "missing: says so"
[ ! -e "$T/nothing.sqlite" ] || fail "--history created a database"
sqlite3 "$T/other.sqlite" 'CREATE TABLE t (x); INSERT INTO t VALUES (1)'
for how in "--history 192.0.2.7" "$RUN --record --export csv 192.0.2.0/30"; do
	# shellcheck disable=SC2086
	rbl other $how --history-db "$T/other.sqlite"
	expect_status 2 "foreign database ($how): exit 2"
	assert_eq "rblscope: $T/other.sqlite: not an rblscope history (an SQLite database of something else)" \
		"$(cat "$T/other.err")" "foreign database: one line"
done
assert_eq 1 "$(sqlite3 "$T/other.sqlite" 'SELECT count(*) FROM sqlite_master')" \
	"the foreign database is left as it was"
head -c 5000 /dev/urandom >"$T/junk.sqlite"
rbl junk --history 192.0.2.7 --history-db "$T/junk.sqlite"
expect_status 2 "not SQLite: exit 2"
assert_contains "$T/junk.err" "not an rblscope history" "not SQLite: says so"
cp "$DB" "$T/newer.sqlite"
sqlite3 "$T/newer.sqlite" 'PRAGMA user_version = 99'
# shellcheck disable=SC2086
rbl newer $RUN --record --export csv --history-db "$T/newer.sqlite" 192.0.2.0/30
expect_status 2 "a newer database: exit 2 before any scan"
assert_eq "rblscope: $T/newer.sqlite: history of a newer rblscope (schema 99; this one knows up to 1)" \
	"$(cat "$T/newer.err")" "a newer database: one line"
assert_empty "$T/newer.out" "a newer database: no export"

# 5. The configuration's history_db.
mkdir -p "$XDG_CONFIG_HOME/rblscope"
printf 'history_db = %s\n' "$T/conf.sqlite" >"$XDG_CONFIG_HOME/rblscope/config"
rbl conf --resolver "127.0.0.1:$RBLDNSD_PORT" --rate 0 --record --export csv 192.0.2.0/30
expect_status 0 "history_db from the configuration: recorded"
assert_eq 1 "$(sqlite3 "$T/conf.sqlite" 'SELECT count(*) FROM scan')" "history_db: the scan is there"
rm "$XDG_CONFIG_HOME/rblscope/config"

# 6. Two recorded runs at once: both succeed, both scans whole.
C=$T/concurrent.sqlite
# shellcheck disable=SC2086
"$RBLSCOPE" $RUN --record --history-db "$C" --export csv 192.0.2.0/24 >"$T/c1.out" 2>"$T/c1.err" &
p1=$!
# shellcheck disable=SC2086
"$RBLSCOPE" $RUN --record --history-db "$C" --export csv 192.0.2.0/24 >"$T/c2.out" 2>"$T/c2.err" &
p2=$!
wait $p1; r1=$?
wait $p2; r2=$?
assert_eq "1 1" "$r1 $r2" "two recorded runs at once: both exit 1 (listed)"
assert_eq 2 "$(sqlite3 "$C" 'SELECT count(*) FROM scan')" "two recorded runs at once: two scans"
assert_eq 768 "$(sqlite3 "$C" 'SELECT count(*) FROM state WHERE last_scan = 2 AND scans = 2')" \
	"two recorded runs at once: every interval seen by both"
assert_eq ok "$(sqlite3 "$C" 'PRAGMA integrity_check')" "two recorded runs at once: intact"

# 7. kill -9 in the middle of a slow recorded scan (4 queries a second):
# nothing of it is in the file, which stays intact.
before=$(sqlite3 "$DB" 'SELECT count(*) FROM scan')
# shellcheck disable=SC2086
"$RBLSCOPE" $RUN --rate 4 --record --export csv 192.0.2.0/28 >/dev/null 2>&1 &
slow=$!
sleep 2
kill -9 $slow
wait $slow 2>/dev/null
assert_eq ok "$(sqlite3 "$DB" 'PRAGMA integrity_check')" "kill -9 mid-scan: the file is intact"
assert_eq "$before" "$(sqlite3 "$DB" 'SELECT count(*) FROM scan')" "kill -9 mid-scan: no scan row"
history_csv 192.0.2.0/28
assert_eq 0 "$(awk -F, -v n="$before" '$9 > n' "$T/hist.csv" | wc -l)" \
	"kill -9 mid-scan: no interval of it"

# 8. kill -9 at random moments of recorded /16 scans from zone files,
# most of whose time is the write (65,536 addresses x 3 zones): each
# scan is in the file whole or not at all, and the file stays intact.
K=$T/kill.sqlite
mkdir -p "$T/big"
for n in 1 2 3; do printf '127.0.0.2\n10.9.%d.0/24\n' "$n" >"$T/big/dnsbl-$n.uceprotect.net"; done
BIG="--no-config --zones $T/big --record --history-db $K --export csv --quiet 10.9.0.0/16"
# shellcheck disable=SC2086
"$RBLSCOPE" $BIG >/dev/null 2>&1 || [ $? -eq 1 ] || fail "the /16 recorded run failed"
kills=0 whole=0 none=0
for d in 5 15 25 35 45 10 20 30 40 50 8 18 28 38 48; do
	n0=$(sqlite3 "$K" 'SELECT count(*) FROM scan')
	# shellcheck disable=SC2086
	"$RBLSCOPE" $BIG >/dev/null 2>&1 &
	big=$!
	sleep "0.$d"
	kill -9 $big 2>/dev/null && kills=$((kills + 1))
	wait $big 2>/dev/null
	[ "$(sqlite3 "$K" 'PRAGMA integrity_check')" = ok ] || fail "kill after 0.${d}s: integrity_check fails"
	n1=$(sqlite3 "$K" 'SELECT count(*) FROM scan')
	last=$(sqlite3 "$K" 'SELECT count(*) FROM state WHERE last_scan = (SELECT max(id) FROM scan)')
	[ "$last" -eq 196608 ] || fail "kill after 0.${d}s: the last scan holds $last of 196608 answers"
	if [ "$n1" -eq "$n0" ]; then none=$((none + 1)); else whole=$((whole + 1)); fi
done
note "$kills kills: $none left no scan, $whole came after the commit"
[ "$kills" -gt 0 ] && [ "$none" -gt 0 ] || fail "no kill landed before the commit"
ok "kill -9 during recorded /16 scans: every scan whole or absent, the file intact"

done_testing
