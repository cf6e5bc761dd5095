#!/bin/sh
# Listings over time, against a real rbldnsd whose zones change between
# two scans: the JSON export is a snapshot with its header; --open shows
# it again offline (rbldnsd stopped), in exports and in the terminal UI,
# as it was; --since scans again and says what changed; --diff compares
# two snapshots; bad snapshots are one line and exit 2.
. tests/e2e/lib.sh
. tests/e2e/tuilib.sh

need_rblscope
make_asn_db "$E2E_FIX/asn.csv" "$T/asn.mmdb" 4
DB="--db $T/asn.mmdb"
Z=$T/zones
mkdir -p "$Z"
cp "$E2E_FIX"/zones/* "$Z/"
start_rbldnsd "$Z" $ZONE_L1 $ZONE_L2 $ZONE_L3
LIVE="--resolver 127.0.0.1:$RBLDNSD_PORT --rate 2000 --timeout 3000"

# --- day 1: the snapshot --------------------------------------------------
# shellcheck disable=SC2086
rbl day1 --export json $LIVE $DB -o "$T/day1.json" 192.0.2.0/24
expect_status 1 "day 1: a /24 with listings exits 1"
perl -MJSON::PP -e '
	open my $f, "<", $ARGV[0] or die; my $h = decode_json(scalar <$f>);
	my @z = @{$h->{profile}{zones}};
	exit !($h->{record} eq "header" && $h->{format} eq "rblscope-snapshot" &&
	       $h->{version} == 1 && $h->{time} =~ /^\d{4}-\d\d-\d\dT\d\d:\d\d:\d\dZ$/ &&
	       "@{$h->{targets}}" eq "192.0.2.0/24" && $h->{profile}{name} eq "uceprotect" &&
	       @z == 3 && $z[0]{key} eq "l1" && $z[0]{zone} eq "dnsbl-1.uceprotect.net" &&
	       $z[0]{codes}[0]{from} eq "127.0.0.2" && $h->{source} =~ /^resolver 127\.0\.0\.1:/ &&
	       $h->{asn_db}{built} =~ /^\d{4}-\d\d-\d\d$/ && !defined $h->{policy})' "$T/day1.json" ||
	{ head -n 1 "$T/day1.json"; fail "day 1: the header record"; }
ok "day 1: the first line is the snapshot header: version, time, targets, profile with codes, source, ASN DB"
assert_lines 257 "$T/day1.json" "day 1: the header and a record per address"

# --- --open: as it was, with rbldnsd stopped --------------------------------
stop_bg "$RBLDNSD_PID"
# shellcheck disable=SC2086
rbl open --open "$T/day1.json" $DB --export json
expect_status 1 "--open: exports as the snapshot was (exit 1: listed)"
tail -n +2 "$T/day1.json" >"$T/day1.rows"
tail -n +2 "$T/open.out" >"$T/open.rows"
assert_file_eq "$T/day1.rows" "$T/open.rows" "--open: every record equal to the snapshot's, offline"
head -n 1 "$T/open.out" | grep -q '"source":"snapshot of ' || fail "--open: the source is the snapshot"
ok "--open: the new header names the snapshot as its source"
# Without --db: the ASN data of the snapshot's own records.
rbl opennodb --open "$T/day1.json" --export json
expect_status 1 "--open without --db: exit 1"
tail -n +2 "$T/opennodb.out" >"$T/opennodb.rows"
assert_file_eq "$T/day1.rows" "$T/opennodb.rows" "--open without --db: ASN and AS names from the records"
rbl openasn --open "$T/day1.json" --export csv AS64500
expect_status 1 "--open AS64500 without --db: its networks from the records, exit 1"
grep -q '^192\.0\.2\.0/25,' "$T/openasn.out" || { cat "$T/openasn.out"; fail "--open AS64500: 192.0.2.0/25"; }
ok "--open AS64500: the ASN's network from the records"
# shellcheck disable=SC2086
rbl open32 --open "$T/day1.json" $DB --export text 198.51.100.7/32
expect_status 3 "--open: an address the snapshot does not hold is an error (exit 3)"
assert_contains "$T/open32.out" "absent" "--open: ... named absent, never clean"

# --- day 2: the zones change ------------------------------------------------
# 192.0.2.5 is no longer listed on level 1, 192.0.2.7 is.
sed -i 's/^192\.0\.2\.5$/192.0.2.7/' "$Z/$ZONE_L1"
grep -qx '192.0.2.7' "$Z/$ZONE_L1" || fail "the level 1 fixture has no line 192.0.2.5"
start_rbldnsd "$Z" $ZONE_L1 $ZONE_L2 $ZONE_L3
LIVE="--resolver 127.0.0.1:$RBLDNSD_PORT --rate 2000 --timeout 3000"
# shellcheck disable=SC2086
rbl since $LIVE $DB --since "$T/day1.json" --export csv
expect_status 1 "--since: changes exit 1"
csv_norm 0 <"$T/since.out" >"$T/since.all" || fail "--since: not RFC 4180"
assert_lines 3 "$T/since.all" "--since: a header and one row per changed address"
assert_eq "delisted" "$(csv_field "$T/since.all" 192.0.2.5 l1_change)" "--since: 192.0.2.5 delisted on l1"
assert_eq "127.0.0.2" "$(csv_field "$T/since.all" 192.0.2.5 l1_old_codes)" "--since: its old code"
assert_eq "listed" "$(csv_field "$T/since.all" 192.0.2.7 l1_change)" "--since: 192.0.2.7 listed on l1"
assert_eq "" "$(csv_field "$T/since.all" 192.0.2.7 l2_change)" "--since: 192.0.2.7 unchanged on l2"
# shellcheck disable=SC2086
rbl since_text $LIVE $DB --since "$T/day1.json" --export text
expect_status 1 "--since text: exit 1"
assert_contains "$T/since_text.out" "changed   2 addresses: +1 listed, -1 delisted, 0 newly failing" \
	"--since text: the summary first"
# shellcheck disable=SC2086
rbl day2 --export json $LIVE $DB -o "$T/day2.json" 192.0.2.0/24
expect_status 1 "day 2: exported"

# --- --diff ------------------------------------------------------------------
rbl diff --diff "$T/day1.json" "$T/day2.json"
expect_status 1 "--diff: changes exit 1"
grep -q '^  192\.0\.2\.5  *l1  *delisted  *listed 127\.0\.0\.2 -> clean$' "$T/diff.out" ||
	{ cat "$T/diff.out"; fail "--diff: 192.0.2.5 delisted"; }
ok "--diff: 192.0.2.5 delisted, old and new state with the code"
rbl diffj --diff "$T/day1.json" "$T/day2.json" --export json
expect_status 1 "--diff json: exit 1"
perl -MJSON::PP -ne 'my $o = decode_json($_); $n++; $bad++ unless $o->{ip} =~ /^192\.0\.2\.[57]$/;
	END { exit($n != 2 || $bad) }' "$T/diffj.out" || fail "--diff json: two records, .5 and .7"
ok "--diff json: one record per changed address"
rbl same --diff "$T/day2.json" "$T/day2.json"
expect_status 0 "--diff: no change exits 0"
assert_contains "$T/same.out" "no address changed" "--diff: says no address changed"

# --- --since in the terminal UI: a mark on what changed -------------------------
when=$(head -n 1 "$T/day1.json" | sed 's/.*"time":"\([0-9-]*\)T\([0-9][0-9]:[0-9][0-9]\).*/\1 \2/')
# shellcheck disable=SC2086
start_tui C.UTF-8 "" --since "$T/day1.json" $LIVE $DB 192.0.2.100
wait_for "+1 listed, -1 delisted since $when UTC"
ok "TUI --since: the summary line counts what changed since the snapshot"
grep -q 'Δ█  7' "$T/screen.txt" 2>/dev/null || grep -q 'Δ█  7' "$T/screen.txt" ||
	{ cat "$T/screen.txt"; fail "TUI --since: 192.0.2.7 is marked as changed"; }
grep -q 'Δ■  5\|Δ.  5' "$T/screen.txt" || { cat "$T/screen.txt"; fail "TUI --since: 192.0.2.5 marked"; }
n=$(grep -o 'Δ' "$T/screen.txt" | wc -l)
assert_eq 2 "$n" "TUI --since: the two changed addresses marked, no other"
keys g
wait_for "Go to"
keys 192.0.2.5 Enter
wait_for "was      listed 127.0.0.2 on $when UTC (delisted)"
ok "TUI --since: the detail panel says what the address was"
keys q
quit_tui q 0

# --- bad input: one line, exit 2 ----------------------------------------------
bad() {
	what=$1
	shift
	rbl bad "$@"
	expect_status 2 "$what: exit 2"
	assert_eq 1 "$(wc -l <"$T/bad.err")" "$what: one line"
	assert_empty "$T/bad.out" "$what: nothing on standard output"
}
bad "--diff with a missing file" --diff "$T/day1.json" "$T/none.json"
head -c 300 "$T/day1.json" >"$T/cut.json"
bad "a snapshot cut short" --diff "$T/cut.json" "$T/day2.json"
grep -q "cut.json:1: not a JSON object" "$T/bad.err" || fail "cut short: PATH:LINE"
ok "cut short: PATH:LINE and why"
# shellcheck disable=SC2086
rbl csvexport --export csv --zones "$Z" 192.0.2.0/30
bad "--open on a CSV export" --open "$T/csvexport.out" --export csv
bad "--diff with one file" --diff "$T/day1.json"
bad "--open with --zones" --open "$T/day1.json" --zones "$Z"

# --- the terminal UI on a snapshot, offline -------------------------------------
stop_bg "$RBLDNSD_PID"
start_tui C.UTF-8 "" --open "$T/day1.json" $DB 192.0.2.5
wait_for "snapshot of $when UTC"
ok "TUI --open: the title says the snapshot's time"
wait_for "l1  listed 127.0.0.2"
ok "TUI --open: 192.0.2.5 listed as it was (rbldnsd is stopped)"
wait_for "AS64500"
keys x
wait_for "saved"
f=$(ls "$T"/snap/*192.0.2.0_24* 2>/dev/null | head -n 1)
[ -n "$f" ] || { ls "$T/snap"; fail "x: no snapshot written"; }
assert_contains "$f" "source    snapshot of $when UTC" "x: the text snapshot names its source"
quit_tui q 0

done_testing
