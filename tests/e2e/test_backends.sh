#!/bin/sh
# The two backends agree: the fixture zones read offline with --zones DIR
# and the same files served by rbldnsd and queried with --resolver give
# byte-identical csv and json exports (every column: states, codes,
# reasons, TXT), and both equal the expected results.
. tests/e2e/lib.sh

need_rblscope
make_asn_db "$E2E_FIX/asn.csv" "$T/asn.mmdb" 4
start_rbldnsd "$E2E_FIX/zones" $ZONE_L1 $ZONE_L2 $ZONE_L3
LIVE="--resolver 127.0.0.1:$RBLDNSD_PORT --rate 2000 --timeout 3000"
ZONES="--zones $E2E_FIX/zones"
DB="--db $T/asn.mmdb"

# compare TARGET EXPECTED_STATUS EXPECTED_FILE
compare() {
	tag=$(echo "$1" | tr './' '__')
	for fmt in csv json; do
		# shellcheck disable=SC2086
		rbl z-$tag.$fmt --export $fmt $ZONES $DB "$1"
		expect_status "$2" "--zones, $1, $fmt: exits $2"
		# shellcheck disable=SC2086
		rbl r-$tag.$fmt --export $fmt $LIVE $DB "$1"
		expect_status "$2" "--resolver, $1, $fmt: exits $2"
		[ -s "$T/z-$tag.$fmt.out" ] || fail "--zones, $1, $fmt: empty export"
		# a snapshot's header names its time and source: the records must match
		if [ $fmt = json ]; then
			head -n 1 "$T/z-$tag.$fmt.out" | grep -q '"source":"zones ' ||
				fail "--zones, $1: the header's source is the zone folder"
			head -n 1 "$T/r-$tag.$fmt.out" | grep -q '"source":"resolver 127.0.0.1:' ||
				fail "--resolver, $1: the header's source is the resolver"
			sed -i 1d "$T/z-$tag.$fmt.out" "$T/r-$tag.$fmt.out"
		fi
		assert_file_eq "$T/z-$tag.$fmt.out" "$T/r-$tag.$fmt.out" \
			"$1, $fmt: --zones and --resolver exports are identical"
	done
	csv_norm 7 <"$T/z-$tag.csv.out" >"$T/z-$tag.7"
	assert_file_eq "$3" "$T/z-$tag.7" "$1: --zones gives the expected states"
}

compare 192.0.2.77 1 "$E2E_FIX/expected-192.0.2.0.csv"
compare 198.51.100.0/24 1 "$E2E_FIX/expected-198.51.100.0.csv"
head -n 17 "$E2E_FIX/expected-198.51.100.0.csv" >"$T/exp28"
compare 198.51.100.0/28 0 "$T/exp28"

# The TXT columns are compared above; make sure they are not empty on
# both sides alike.
grep -qF 'IP 192.0.2.66 is UCEPROTECT-Level 1 listed. See http://www.uceprotect.net/rblcheck.php?ipr=192.0.2.66' \
	"$T/z-192_0_2_77.csv.out" || fail "--zones: l1_txt of 192.0.2.66 missing"
ok "--zones: TXT with \$ replaced"
grep -qF 'Your ISP EXAMPLE-NET, ZZ/AS64500 is UCEPROTECT-Level3 listed because of a spamscore of 66.' \
	"$T/z-192_0_2_77.csv.out" || fail "--zones: l3_txt missing"
ok "--zones: l3 TXT"

# Mirrors fetch the zones gzip-compressed: DIR/ZONE.gz reads the same.
mkdir -p "$T/gz"
for z in $ZONE_L1 $ZONE_L2 $ZONE_L3; do
	gzip -c "$E2E_FIX/zones/$z" >"$T/gz/$z.gz"
done
# shellcheck disable=SC2086
rbl gz --export csv --zones "$T/gz" $DB 192.0.2.77
expect_status 1 "--zones with .gz files: exits 1"
assert_file_eq "$T/z-192_0_2_77.csv.out" "$T/gz.out" "--zones: .gz files give the same csv"

# --resolver with a list: a first resolver that is not there is passed over.
dead=$(free_port) || exit 1
# shellcheck disable=SC2086
rbl list --export csv --resolver "127.0.0.1:$dead,127.0.0.1:$RBLDNSD_PORT" --rate 2000 --timeout 1000 $DB 192.0.2.77
expect_status 1 "--resolver DEAD,RBLDNSD: exits 1"
assert_file_eq "$T/z-192_0_2_77.csv.out" "$T/list.out" "--resolver DEAD,RBLDNSD: the same csv as --zones"

# --zone KEY=NAME: the same data under other zone names, both backends.
mkdir -p "$T/renamed"
for k in 1 2 3; do
	cp "$E2E_FIX/zones/dnsbl-$k.uceprotect.net" "$T/renamed/bl$k.rblscope.test"
done
RENAMED="--zone l1=bl1.rblscope.test --zone l2=bl2.rblscope.test --zone l3=bl3.rblscope.test"
# shellcheck disable=SC2086
rbl zone-z --export csv --zones "$T/renamed" $RENAMED $DB 192.0.2.77
expect_status 1 "--zone with --zones: exits 1"
assert_file_eq "$T/z-192_0_2_77.csv.out" "$T/zone-z.out" "--zone with --zones: the same csv"
stop_bg "$RBLDNSD_PID"
start_rbldnsd "$T/renamed" bl1.rblscope.test bl2.rblscope.test bl3.rblscope.test
# shellcheck disable=SC2086
rbl zone-r --export csv --resolver "127.0.0.1:$RBLDNSD_PORT" --rate 2000 $RENAMED $DB 192.0.2.77
expect_status 1 "--zone with --resolver: exits 1"
assert_file_eq "$T/z-192_0_2_77.csv.out" "$T/zone-r.out" "--zone with --resolver: the same csv"
# shellcheck disable=SC2086
rbl zone-default --export csv --resolver "127.0.0.1:$RBLDNSD_PORT" --rate 2000 --timeout 500 --retries 0 $DB 192.0.2.0/28
expect_status 3 "without --zone, the renamed zones do not answer: exits 3"

# --profile uceprotect is the default.
# shellcheck disable=SC2086
rbl profile --export csv --profile uceprotect $ZONES $DB 192.0.2.77
assert_file_eq "$T/z-192_0_2_77.csv.out" "$T/profile.out" "--profile uceprotect: the same csv as no --profile"

done_testing
