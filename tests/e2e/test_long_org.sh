#!/bin/sh
# AS organisation names whole: an ASN database whose names reach past
# the 127 bytes names were once cut at (316 bytes, multi-byte characters
# across byte 127) and past the 1,023 bytes kept (1,205 bytes).  The CSV,
# JSON and text exports of an address scan, of an ASN target and of the
# census carry the long name byte for byte; the longer one comes cut at
# a character boundary and ending in "…".  Read from the fixture zone
# files: no server.
. tests/e2e/lib.sh

need_rblscope
# "Réseau 日本 ": 15 bytes, 2- and 3-byte characters.
PART='Réseau 日本 '
parts() {
	i=0 s=
	while [ "$i" -lt "$1" ]; do
		s=$s$PART
		i=$((i + 1))
	done
	printf '%s' "$s"
}
LONG="AS-LONG-NAME $(parts 20)Ltd"
HUGE="HUGE $(parts 80)"
# The longest whole-character start of HUGE in 1,020 bytes, then "…".
CUT=$(HUGE=$HUGE perl -e '
	use Encode;
	my ($out, $n) = ("", 0);
	for my $c (split //, decode("UTF-8", $ENV{HUGE})) {
		my $b = encode("UTF-8", $c);
		last if $n + length($b) > 1020;
		$out .= $b; $n += length $b;
	}
	print $out, "\xe2\x80\xa6";')
export LONG CUT
assert_eq 316 "$(printf '%s' "$LONG" | wc -c | tr -d ' ')" "the long name is 316 bytes"
assert_eq 1021 "$(printf '%s' "$CUT" | wc -c | tr -d ' ')" "the huge name cut is 1,021 bytes"
# Byte 127 (the first byte names lost) is inside a character.
assert_eq 1 "$(printf '%s' "$LONG" | cut -b 128 | od -An -tx1 | grep -c ' [89ab][0-9a-f]')" \
	"the long name has a character across byte 127"

# AS64500 holds 192.0.2.0/25 and 203.0.113.0/24, AS64501 192.0.2.128/26,
# as in the fixture database; the fixture zones list parts of each.
cat >"$T/asn.csv" <<EOF
192.0.2.0,192.0.2.127,64500,$LONG
192.0.2.128,192.0.2.191,64501,$HUGE
203.0.113.0,203.0.113.255,64500,$LONG
EOF
make_asn_db "$T/asn.csv" "$T/asn.mmdb" 6
RUN="--zones $E2E_FIX/zones --db $T/asn.mmdb"

# --- an address scan: CSV, JSON, text --------------------------------------
# shellcheck disable=SC2086
rbl csv --export csv $RUN 192.0.2.0/24
expect_status 1 "csv: exits 1"
csv_norm 0 <"$T/csv.out" >"$T/csv.all" || fail "csv: not RFC 4180"
assert_eq 128 "$(csv_grep "$T/csv.all" '$r{asn} eq "64500" && $r{as_org} eq $ENV{LONG}' | wc -l)" \
	"csv: every address of AS64500 carries the whole 316-byte name"
assert_eq 64 "$(csv_grep "$T/csv.all" '$r{asn} eq "64501" && $r{as_org} eq $ENV{CUT}' | wc -l)" \
	"csv: every address of AS64501 carries the 1,205-byte name cut, ending in the ellipsis"
csv_grep "$T/csv.all" '$r{asn} eq "" && $r{as_org} ne ""' >"$T/bad"
assert_empty "$T/bad" "csv: no name where no ASN announces"
# shellcheck disable=SC2086
rbl json --export json $RUN 192.0.2.0/24
json_to_csv <"$T/json.out" >"$T/json.csv" || fail "json: not JSON Lines with the export's keys"
assert_file_eq "$T/csv.all" "$T/json.csv" "json: every name as whole as in the csv"
# shellcheck disable=SC2086
rbl text --export text $RUN 192.0.2.0/24
# The text keeps to 100 columns: a long name wraps on lines indented
# under its address, whole.
long=$(awk 'length > 100' "$T/text.out" | head -n 1)
[ -z "$long" ] || fail "text: a line wider than 100 columns"
ok "text: no line wider than 100 columns"
awk '/^          [^ ]/ { sub(/^ +/, ""); line = line " " $0; next }
	{ if (NR > 1) print line; line = $0 } END { print line }' "$T/text.out" >"$T/text.joined"
assert_contains "$T/text.joined" "AS64500 $LONG" "text: the whole name"
assert_contains "$T/text.joined" "AS64501 $CUT" "text: the longer name cut, with the ellipsis"

# --- an ASN target and the census ------------------------------------------
# shellcheck disable=SC2086
rbl asn --export csv $RUN AS64500
csv_norm 0 <"$T/asn.out" >"$T/asn.all" || fail "asn: not RFC 4180"
assert_eq 2 "$(csv_grep "$T/asn.all" '$r{as_org} eq $ENV{LONG}' | wc -l)" \
	"asn target: both networks carry the whole name"
# shellcheck disable=SC2086
rbl asnj --export json $RUN AS64500
assert_eq 2 "$(perl -MJSON::PP -MEncode -ne 'print encode("UTF-8", JSON::PP->new->utf8->decode($_)->{as_org}), "\n"' \
	<"$T/asnj.out" | grep -cxF "$LONG")" "asn target json: both networks carry the whole name"
# shellcheck disable=SC2086
rbl census --export csv $RUN --census
csv_norm 0 <"$T/census.out" >"$T/census.all" || fail "census: not RFC 4180"
assert_eq 1 "$(csv_grep "$T/census.all" '$r{asn} eq "64500" && $r{as_org} eq $ENV{LONG}' | wc -l)" \
	"census csv: the whole name"
assert_eq 1 "$(csv_grep "$T/census.all" '$r{asn} eq "64501" && $r{as_org} eq $ENV{CUT}' | wc -l)" \
	"census csv: the longer name cut, with the ellipsis"
# shellcheck disable=SC2086
rbl censusj --export json $RUN --census
assert_eq 1 "$(perl -MJSON::PP -MEncode -ne 'print encode("UTF-8", JSON::PP->new->utf8->decode($_)->{as_org}), "\n"' \
	<"$T/censusj.out" | grep -cxF "$LONG")" "census json: the whole name"
for f in csv json text asn asnj census censusj; do
	assert_eq 0 "$(control_bytes "$T/$f.out")" "$f: no control characters"
done

done_testing
