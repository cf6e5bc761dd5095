#!/bin/sh
# Export mode against rbldnsd on the loopback: the csv, json and text
# exports of the fixture zones (tests/e2e/fixtures/zones) with the fixture
# ASN database, checked against the hand-written expected results
# (tests/e2e/fixtures/expected-*.csv), plus --output, CIDR targets, exit
# statuses and where the ASN database comes from.
. tests/e2e/lib.sh

need_rblscope
make_asn_db "$E2E_FIX/asn.csv" "$T/asn.mmdb" 4
start_rbldnsd "$E2E_FIX/zones" $ZONE_L1 $ZONE_L2 $ZONE_L3
EXP=$E2E_FIX/expected-192.0.2.0.csv
EXP2=$E2E_FIX/expected-198.51.100.0.csv
LIVE="--resolver 127.0.0.1:$RBLDNSD_PORT --rate 2000 --timeout 3000"
DB="--db $T/asn.mmdb"

# --- csv ------------------------------------------------------------------
# shellcheck disable=SC2086
rbl csv --export csv $LIVE $DB 192.0.2.77
expect_status 1 "csv: a /24 with listings exits 1"
assert_eq "$EXPORT_HEADER" "$(head -n 1 "$T/csv.out")" "csv: header"
csv_norm 0 <"$T/csv.out" >"$T/csv.all" || fail "csv: not RFC 4180"
ok "csv: well-formed RFC 4180, every record as wide as the header"
assert_lines 257 "$T/csv.all" "csv: one row per address of the /24"
csv_norm 7 <"$T/csv.out" >"$T/csv.7"
assert_file_eq "$EXP" "$T/csv.7" "csv: ip, ASN and states equal the expected results"
# The quoting itself, not only its meaning: org and TXT hold commas.
assert_contains "$T/csv.out" '192.0.2.130,64501,"Other Net, Inc.",192.0.2.128/26,listed,listed,clean,' \
	"csv: a field with a comma is quoted"

# Codes, reasons and TXT: a listing has 127.0.0.2 and its zone's TXT with
# $ replaced by the address; a clean answer has none of the three.
L1TXT='"IP $r{ip} is UCEPROTECT-Level 1 listed. See http://www.uceprotect.net/rblcheck.php?ipr=$r{ip}"'
L2TXT_A='Net 192.0.2.0/25 is UCEPROTECT-Level2 listed because 4 impacts are seen from EXAMPLE-NET, ZZ/AS64500 there.'
L2TXT_B='Net 192.0.2.128/26 is UCEPROTECT-Level2 listed because 2 impacts are seen from OTHER-NET, ZZ/AS64501 there.'
L3TXT='Your ISP EXAMPLE-NET, ZZ/AS64500 is UCEPROTECT-Level3 listed because of a spamscore of 66.'
check_txt_columns() {
	csv_grep "$1" "\$r{l1} eq 'listed' && (\$r{l1_code} ne '127.0.0.2' || \$r{l1_reason} ne '' || \$r{l1_txt} ne $L1TXT)" >"$T/bad"
	assert_empty "$T/bad" "$2: l1 listings carry code 127.0.0.2 and the TXT with \$ replaced"
	csv_grep "$1" "\$r{l2} eq 'listed' && (\$r{l2_code} ne '127.0.0.2' || \$r{l2_reason} ne '' ||
		\$r{l2_txt} ne ((split /\\./, \$r{ip})[3] < 128 ? '$L2TXT_A' : '$L2TXT_B'))" >"$T/bad"
	assert_empty "$T/bad" "$2: l2 listings carry code 127.0.0.2 and the TXT of their range"
	csv_grep "$1" "\$r{l3} eq 'listed' && (\$r{l3_code} ne '127.0.0.2' || \$r{l3_reason} ne '' || \$r{l3_txt} ne '$L3TXT')" >"$T/bad"
	assert_empty "$T/bad" "$2: l3 listings carry code 127.0.0.2 and the ASN TXT"
	csv_grep "$1" 'grep { $r{$_} eq "clean" && ($r{"${_}_code"} ne "" || $r{"${_}_reason"} ne "" || $r{"${_}_txt"} ne "") } qw(l1 l2 l3)' >"$T/bad"
	assert_empty "$T/bad" "$2: clean answers have empty code, reason and TXT"
}
check_txt_columns "$T/csv.all" csv
assert_contains "$T/csv.out" ',IP 192.0.2.203 is UCEPROTECT-Level 1 listed. See http://www.uceprotect.net/rblcheck.php?ipr=192.0.2.203,' \
	"csv: l1_txt of 192.0.2.203 (a range entry) in the raw output"
assert_eq 0 "$(control_bytes "$T/csv.out")" "csv: no control characters"

# --- json -----------------------------------------------------------------
# shellcheck disable=SC2086
rbl json --export json $LIVE $DB 192.0.2.77
expect_status 1 "json: exits 1"
json_to_csv <"$T/json.out" >"$T/json.csv" || fail "json: not JSON Lines with the export's keys"
ok "json: every line one object with the 16 keys, asn a number or null"
assert_lines 257 "$T/json.out" "json: the snapshot's header, then one line per address"
csv_norm 7 <"$T/json.csv" >"$T/json.7"
assert_file_eq "$EXP" "$T/json.7" "json: ip, ASN and states equal the expected results"
assert_file_eq "$T/csv.all" "$T/json.csv" "json: every value equals the csv export's"
grep '"ip" *: *"192.0.2.250"' "$T/json.out" | grep -qE '"asn" *: *null' ||
	fail "json: asn of an unannounced address is not null"
ok "json: asn null where no ASN is known"
grep '"ip" *: *"192.0.2.5"' "$T/json.out" | grep -qE '"asn" *: *64500 *[,}]' ||
	fail "json: asn of 192.0.2.5 is not the number 64500"
ok "json: asn is a plain number"
assert_eq 0 "$(control_bytes "$T/json.out")" "json: no control characters"

# --- text -----------------------------------------------------------------
# shellcheck disable=SC2086
rbl text --export text $LIVE $DB 192.0.2.77
expect_status 1 "text: exits 1"
assert_eq 0 "$(control_bytes "$T/text.out")" "text: no control characters or escape sequences"
# Every guilty address is named with its reason, the l1 TXT.
for i in 5 17 66 130 200 201 203; do
	grep -qF "IP 192.0.2.$i is UCEPROTECT-Level 1 listed" "$T/text.out" ||
		fail "text: listed address 192.0.2.$i or its reason is missing"
done
ok "text: every address listed on l1 is named with its TXT"
assert_contains "$T/text.out" "192.0.2.0/24" "text: header names the network"
for z in $ZONE_L1 $ZONE_L2 $ZONE_L3; do
	assert_contains "$T/text.out" "$z" "text: names zone $z"
done
# The reasons of the range and ASN listings, as their TXT gives them,
# whole: a TXT wraps at 100 columns onto lines indented under it.
long=$(awk 'length > 100' "$T/text.out" | head -n 1)
[ -z "$long" ] || fail "text: a line wider than 100 columns: $long"
ok "text: no line wider than 100 columns"
awk '/^                         [^ ]/ { sub(/^ +/, ""); line = line " " $0; next }
	{ if (NR > 1) print line; line = $0 } END { print line }' "$T/text.out" >"$T/text.joined"
for txt in "$L2TXT_A" "$L2TXT_B" "$L3TXT"; do
	assert_contains "$T/text.joined" "$txt" "text: gives the reason '${txt%% is *}'"
done
# Counts per zone (listed, clean) and the collateral damage.
zone_counts() {
	grep -F "$1" "$T/text.out" | grep -w "$2" | grep -qw "$3" ||
		fail "text: no count line for $1 with $2 listed and $3 clean"
}
zone_counts $ZONE_L1 7 249
zone_counts $ZONE_L2 191 65
zone_counts $ZONE_L3 128 128
ok "text: listed and clean counts per zone"
grep -i guilty "$T/text.out" | grep -w 7 | grep -i collateral | grep -qw 188 ||
	fail "text: no line counting 7 guilty and 188 collateral addresses"
ok "text: 7 guilty, 188 collateral"
# The grid: 16 rows of 16 cells whose glyphs, read through the legend,
# give each address's class: guilty (l1), range (l2), ASN (l3 only), clean.
perl -CSD -e '
	use strict; use warnings;
	my ($exp, $text) = @ARGV;
	open my $t, "<", $text or die; my @lines = map { s/\s+\z//r } <$t>;
	# the legend goes on, indented, on the lines under its first one
	my ($at) = grep { $lines[$_] =~ /legend/i } 0 .. $#lines;
	defined $at or die "no legend line\n";
	my $legend = $lines[$at];
	$legend .= " $lines[$at]" while $lines[++$at] =~ /^ {9,}\S/;
	my %glyph;
	while ($legend =~ /(?:^|\s)(\S)\s+(\w+)(?:\s*\(([^)]*)\))?/g) {
		my ($g, $w, $p) = ($1, lc $2, lc($3 // ""));
		my $cls = $w eq "guilty" || $p eq "l1" ? "guilty" : $w eq "range" || $p eq "l2" ? "range"
			: $w eq "asn" || $p eq "l3" ? "asn" : $w eq "clean" ? "clean" : next;
		$glyph{$g} = $cls;
	}
	keys %glyph == 4 or die "legend does not give guilty, range, ASN and clean glyphs: $legend\n";
	my @rows;
	for my $i (0 .. $#lines - 15) {
		my @blk = @lines[$i .. $i + 15];
		next if grep { length != length $blk[0] } @blk;
		@rows = map { my @c = split " ";
			(@c >= 16 && !grep { length != 1 } @c[-16 .. -1])
				? [@c[-16 .. -1]] : [split //, substr($_, -16)] } @blk;
		last unless grep { !exists $glyph{$_} } map { @$_ } @rows;
		@rows = ();
	}
	@rows or die "no 16-line grid\n";
	open my $e, "<", $exp or die; <$e>; my $bad = 0;
	while (<$e>) { chomp; my @f = /("(?:[^"]|"")*"|[^,]*)(?:,|$)/g; my $n = (split /\./, $f[0])[3];
		my $want = $f[4] eq "listed" ? "guilty" : $f[5] eq "listed" ? "range" : $f[6] eq "listed" ? "asn" : "clean";
		my $g = $rows[$n >> 4][$n & 15]; my $got = $glyph{$g} // "?";
		if ($got ne $want) { $bad++; print "cell $f[0]: \"$g\" ($got), expected $want\n" } }
	exit($bad ? 1 : 0)' "$EXP" "$T/text.out" >"$T/grid.cmp" 2>&1 ||
	{ head -n 10 "$T/grid.cmp"; fail "text: the grid does not show each address's class"; }
ok "text: a 16x16 grid whose cells, read through the legend, match every address"

# --- --output ---------------------------------------------------------------
for fmt in csv json text; do
	# shellcheck disable=SC2086
	rbl out-$fmt --export $fmt --output "$T/file.$fmt" $LIVE $DB 192.0.2.77
	expect_status 1 "--output ($fmt): exits 1"
	assert_empty "$T/out-$fmt.out" "--output ($fmt): nothing on stdout"
	[ -s "$T/file.$fmt" ] || fail "--output ($fmt): $T/file.$fmt not written"
	if [ $fmt = text ]; then
		grep -qwF 192.0.2.130 "$T/file.$fmt" || fail "--output text: 192.0.2.130 missing"
		ok "--output (text): the file holds the snapshot"
	else
		# the snapshot header differs in its time alone
		[ $fmt = csv ] || sed -i '1s/"time":"[^"]*"//' "$T/$fmt.out" "$T/file.$fmt"
		assert_file_eq "$T/$fmt.out" "$T/file.$fmt" "--output ($fmt): the file equals the stdout export"
	fi
done

# --- --rate ---------------------------------------------------------------
# 192 lookups at 50 a second: even after a first burst of a whole
# second's worth, the rest needs more than 2 s.
t0=$(perl -MTime::HiRes=time -e 'printf "%.3f", time')
rbl rate --export csv --resolver "127.0.0.1:$RBLDNSD_PORT" --rate 50 $DB 192.0.2.0/26
took=$(perl -MTime::HiRes=time -e 'printf "%.1f", time - shift' "$t0")
expect_status 1 "--rate 50: exits 1"
perl -e 'exit(shift >= 2.0 ? 0 : 1)' "$took" || fail "--rate 50: 192 lookups took ${took}s, expected at least 2 s"
ok "--rate 50: 192 lookups took ${took}s"
head -n 65 "$EXP" >"$T/exp26"
csv_norm 7 <"$T/rate.out" >"$T/rate.7"
assert_file_eq "$T/exp26" "$T/rate.7" "--rate 50: results as expected"

# --- other targets ----------------------------------------------------------
# shellcheck disable=SC2086
rbl clean28 --export csv $LIVE $DB 198.51.100.0/28
expect_status 0 "a /28 with nothing listed exits 0"
csv_norm 7 <"$T/clean28.out" >"$T/clean28.7"
head -n 17 "$EXP2" >"$T/exp28"
assert_file_eq "$T/exp28" "$T/clean28.7" "a /28: exactly its 16 addresses"

# shellcheck disable=SC2086
rbl one --export csv $LIVE $DB 198.51.100.77/32
expect_status 1 "a /32 that is listed exits 1"
csv_norm 7 <"$T/one.out" >"$T/one.7"
{ head -n 1 "$EXP2"; grep '^198\.51\.100\.77,' "$EXP2"; } >"$T/exp32"
assert_file_eq "$T/exp32" "$T/one.7" "a /32: one row"

# shellcheck disable=SC2086
rbl other --export csv $LIVE $DB 198.51.100.200
expect_status 1 "198.51.100.200: its /24 exits 1"
csv_norm 7 <"$T/other.out" >"$T/other.7"
assert_file_eq "$EXP2" "$T/other.7" "198.51.100.0/24: quotes and UTF-8 in the AS name, one listing"

# shellcheck disable=SC2086
rbl wide --export csv $LIVE $DB 192.0.0.0/22
expect_status 1 "a /22 exits 1"
csv_norm 7 <"$T/wide.out" >"$T/wide.7"
assert_lines 1025 "$T/wide.7" "a /22: 1024 rows"
# Expected: 192.0.0.0/23 and 192.0.3.0/24 have nothing, 192.0.2.0/24 as above.
clean_rows() {
	i=0
	while [ $i -lt 256 ]; do
		echo "$1.$i,,,,clean,clean,clean"
		i=$((i + 1))
	done
}
{ head -n 1 "$EXP"; clean_rows 192.0.0; clean_rows 192.0.1; tail -n +2 "$EXP"; clean_rows 192.0.3
} >"$T/exp22"
assert_file_eq "$T/exp22" "$T/wide.7" "a /22: 192.0.2.0/24 as expected, the rest clean, in address order"

# --- where the ASN database comes from --------------------------------------
make_asn_db "$E2E_FIX/asn.csv" "$T/asn6.mmdb" 6
# shellcheck disable=SC2086
rbl csv6 --export csv $LIVE --db "$T/asn6.mmdb" 192.0.2.77
expect_status 1 "an IPv6-tree DB: exits 1"
assert_file_eq "$T/csv.out" "$T/csv6.out" "an IPv6-tree DB gives the same csv as an IPv4 one"

RBLSCOPE_DB=$T/asn.mmdb
export RBLSCOPE_DB
# shellcheck disable=SC2086
rbl envdb --export csv $LIVE 192.0.2.77
unset RBLSCOPE_DB
expect_status 1 "\$RBLSCOPE_DB: exits 1"
assert_file_eq "$T/csv.out" "$T/envdb.out" "\$RBLSCOPE_DB is used when there is no --db"

if ls /usr/share/GeoIP/*.mmdb /var/lib/GeoIP/*.mmdb /usr/local/share/GeoIP/*.mmdb >/dev/null 2>&1; then
	note "an ASN DB is installed system-wide: the no-DB case is not testable here"
else
	RBLSCOPE_DB=
	export RBLSCOPE_DB
	# shellcheck disable=SC2086
	rbl nodb --export csv $LIVE 192.0.2.77
	unset RBLSCOPE_DB
	expect_status 1 "no ASN DB: still exits 1"
	assert_lines 1 "$T/nodb.err" "no ASN DB: one warning line on stderr"
	csv_norm 7 <"$T/nodb.out" >"$T/nodb.7"
	perl -pe 's/^([^,]+),(?:"(?:[^"]|"")*"|[^,]*),(?:"(?:[^"]|"")*"|[^,]*),(?:"(?:[^"]|"")*"|[^,]*),/$1,,,,/ if $. > 1' \
		"$EXP" >"$T/exp-nodb"
	assert_file_eq "$T/exp-nodb" "$T/nodb.7" "no ASN DB: ASN columns empty, states as expected"
fi

done_testing
