#!/bin/sh
# The census (--census): every network of a small ASN database counted
# exactly against generated zone files, and the ASN exports from the same
# files, checked against counts worked out independently: the real
# rbldnsd serves the same files and rblscope asks it about every address
# of each network (--export csv --resolver).  Then the usage errors: live
# DNS, no ASN database, a target, no terminal; and a census with nothing
# listed.
. tests/e2e/lib.sh

need_rblscope

# --- the ASN database and the zones ----------------------------------------

# AS65010 one /23; AS65011 a /24 and a /25 (a name with a comma and
# quotes); AS65012 clean; AS65013 a /26.  10.50.0.0/24 and 10.60.0.64-
# 10.60.0.255 belong to no ASN.
cat >"$T/asn.csv" <<'EOF'
10.20.0.0,10.20.1.255,65010,ALPHA-NET
10.20.2.0,10.20.2.255,65011,"Beta, ""Hosting"""
10.30.0.0,10.30.0.127,65011,"Beta, ""Hosting"""
10.40.0.0,10.40.0.255,65012,GAMMA
10.60.0.0,10.60.0.63,65013,DELTA
EOF
make_asn_db "$T/asn.csv" "$T/asn.mmdb" 6
mkdir -p "$T/zones"
# Level 1: single addresses, a range less one address, every 17th address
# of 10.20.2.0/24, one address no ASN announces, a /26 as single entries
# less a /27 of exclusions.
{
	printf '127.0.0.2\n10.20.0.7\n10.20.1.0-10.20.1.20\n!10.20.1.10\n10.30.0.5\n10.50.0.1\n'
	i=0
	while [ $i -lt 256 ]; do
		printf '10.20.2.%d\n' $i
		i=$((i + 17))
	done
	printf '10.60.0.0/26\n!10.60.0.32/27\n'
} >"$T/zones/$ZONE_L1"
# Level 2: a range across the boundary of AS65010 and AS65011 less one
# address, AS65011's /25, and a /24 across AS65013 and unannounced space
# less one address.
printf '127.0.0.2\n10.20.1.128-10.20.2.127\n!10.20.2.50\n10.30.0.0/25\n10.60.0.0/24\n!10.60.0.40\n' \
	>"$T/zones/$ZONE_L2"
# Level 3: AS65011.
printf '127.0.0.2\n10.20.2.0/24\n10.30.0.0/25\n' >"$T/zones/$ZONE_L3"

start_rbldnsd "$T/zones" $ZONE_L1 $ZONE_L2 $ZONE_L3
LIVE="--resolver 127.0.0.1:$RBLDNSD_PORT --rate 0 --timeout 3000"
ZONES="--zones $T/zones --db $T/asn.mmdb"

# count CSV...: "addresses guilty l1 l2 l3 blocked collateral" over the
# per-address exports given, as rbldnsd answered them.
count() {
	perl -e '
		use strict; use warnings;
		my ($n, $g, $l1, $l2, $l3, $b) = (0) x 6;
		for my $file (@ARGV) {
			open my $fh, "<", $file or die "$file: $!\n";
			my $h = <$fh>; chomp $h; my @h = split /,/, $h; my %ix; @ix{@h} = 0 .. $#h;
			while (my $l = <$fh>) {
				chomp $l; my @f;
				while ($l =~ /\G(?:"((?:[^"]|"")*)"|([^,]*))(,|$)/g) {
					push @f, defined $1 ? $1 : $2; last if $3 eq "" }
				die "$file: a failed lookup\n" if grep { $f[$ix{$_}] eq "error" } qw(l1 l2 l3);
				my @s = map { $f[$ix{$_}] eq "listed" ? 1 : 0 } qw(l1 l2 l3);
				$n++; $l1 += $s[0]; $l2 += $s[1]; $l3 += $s[2];
				$g += $s[0]; $b += ($s[0] || $s[1] || $s[2]) ? 1 : 0;
			}
		}
		print join(" ", $n, $g, $l1, $l2, $l3, $b, $b - $g), "\n";' "$@"
}

# ask NAME NET...: every address of each network, asked of rbldnsd.
ask() {
	name=$1
	shift
	files=
	for net in "$@"; do
		f=$(echo "$name-$net" | tr '/.' '__')
		# shellcheck disable=SC2086
		rbl "$f" --export csv $LIVE "$net"
		[ "$RC" -le 1 ] || fail "rbldnsd asked about $net: exit $RC: $(cat "$T/$f.err")"
		files="$files $T/$f.out"
	done
	# shellcheck disable=SC2086
	count $files
}

# census_row FILE ASN: "networks addresses guilty l1 l2 l3 blocked
# collateral" of the census CSV row of ASN ("" for the unannounced row).
census_row() {
	perl -e '
		my ($file, $asn) = @ARGV;
		open my $fh, "<", $file or die; <$fh>;
		while (my $l = <$fh>) { chomp $l; my @f;
			while ($l =~ /\G(?:"((?:[^"]|"")*)"|([^,]*))(,|$)/g) {
				push @f, defined $1 ? $1 : $2; last if $3 eq "" }
			if ($f[0] eq $asn) { print "@f[2 .. 9]\n"; exit 0 } }
		print "no row\n";' "$1" "$2"
}

# --- the census against rbldnsd -------------------------------------------

# shellcheck disable=SC2086
rbl census --export csv $ZONES --census
expect_status 1 "census: something listed, exits 1"
assert_eq "asn,as_org,networks,addresses,guilty,l1,l2,l3,blocked,collateral,ratio" \
	"$(head -n 1 "$T/census.out")" "census: the CSV header"
csv_norm 0 <"$T/census.out" >/dev/null || fail "census: not RFC 4180"
ok "census: well-formed RFC 4180"

a10=$(ask a10 10.20.0.0/23)
a11=$(ask a11 10.20.2.0/24 10.30.0.0/25)
a13=$(ask a13 10.60.0.0/26)
note "rbldnsd says: AS65010 $a10; AS65011 $a11; AS65013 $a13"
assert_eq "1 $a10" "$(census_row "$T/census.out" 65010)" "census: AS65010 as rbldnsd answers every address"
assert_eq "2 $a11" "$(census_row "$T/census.out" 65011)" "census: AS65011's two networks as rbldnsd answers"
assert_eq "1 $a13" "$(census_row "$T/census.out" 65013)" "census: AS65013 as rbldnsd answers"
assert_eq "no row" "$(census_row "$T/census.out" 65012)" "census: the clean AS65012 has no row"
# Outside every network only 10.50.0.0/24 and 10.60.0.64-255 hold
# listings (127.0.0.0/8 is not counted): ask rbldnsd about them.
rbl un50 --export csv $LIVE 10.50.0.0/24
rbl un60 --export csv $LIVE 10.60.0.0/24
grep -v '^10\.60\.0\.\([0-9]\|[1-5][0-9]\|6[0-3]\),' "$T/un60.out" >"$T/un60b.out"
set -- $(count "$T/un50.out" "$T/un60b.out")
shift   # the addresses of the whole unannounced space are not asked
assert_eq "0 $*" "$(census_row "$T/census.out" "" | cut -d' ' -f1,3-)" \
	"census: the space no ASN announces as rbldnsd answers it"
assert_contains "$T/census.out" ',(not announced),0,' "census: the unannounced row is named"
# Worst first: AS65011 (l3 lists it whole, 367), AS65010 (level 2's 128
# addresses), AS65013 (31).
assert_eq "65011 65010 65013 " "$(cut -d, -f1 "$T/census.out" | sed -n '2,4p' | tr '\n' ' ')" \
	"census: rows by collateral, largest first"
assert_contains "$T/census.out" '65011,"Beta, ""Hosting""",2,384,' "census: the AS name quoted as RFC 4180 wants"

# JSON Lines: the same rows.
# shellcheck disable=SC2086
rbl cjson --export json $ZONES --census
expect_status 1 "census json: exits 1"
perl -MJSON::PP -ne '
	my $o = JSON::PP->new->decode($_);
	my $org = $o->{as_org};
	if ($org =~ /[,"]/) { (my $q = $org) =~ s/"/""/g; $org = qq("$q") }
	my $ratio = defined $o->{ratio} ? sprintf("%.1f", $o->{ratio}) : "";
	print join(",", $o->{asn} // "", $org, map { $o->{$_} }
		qw(networks addresses guilty l1 l2 l3 blocked collateral)), ",$ratio\n";' \
	"$T/cjson.out" >"$T/cjson.csv" || fail "census json: not JSON Lines"
tail -n +2 "$T/census.out" >"$T/census.rows"
assert_file_eq "$T/census.rows" "$T/cjson.csv" "census json: the same rows and keys as the CSV"
assert_contains "$T/cjson.out" '"collateral":31,"ratio":1.0}' "census json: the ratio with its decimal"

# Text: the totals, then the ASNs; no line wider than 100 columns.
# shellcheck disable=SC2086
rbl ctext --export text $ZONES --census
expect_status 1 "census text: exits 1"
tot=$(ask tot 10.20.0.0/23 10.20.2.0/24 10.30.0.0/25 10.60.0.0/26)
set -- $tot
g=$(( $2 + 1 ))   # and 10.50.0.1, which no ASN announces
assert_contains "$T/ctext.out" "  ASNs        3 of 4 have listed addresses (5 networks)" "census text: ASNs affected"
assert_contains "$T/ctext.out" "  guilty      $g" "census text: the guilty addresses, as rbldnsd answers"
[ "$(awk '{ if (length($0) > m) m = length($0) } END { print m + 0 }' "$T/ctext.out")" -le 100 ] ||
	fail "census text: a line is wider than 100 columns"
ok "census text: at most 100 columns"

# --- the ASN exports from the same zone files ------------------------------

# shellcheck disable=SC2086
rbl asn11 --export csv $ZONES AS65011
expect_status 1 "AS65011 export: exits 1"
for net in 10.20.2.0/24 10.30.0.0/25; do
	set -- $(ask one "$net")
	assert_eq "$net,$1,$3,$4,$5,$6,$7,65011,\"Beta, \"\"Hosting\"\"\"" "$(grep "^$net," "$T/asn11.out")" \
		"AS65011 export: $net exactly as rbldnsd answers every address"
done
# shellcheck disable=SC2086
rbl asn12 --export csv $ZONES AS65012
expect_status 0 "AS65012 export: nothing listed, exits 0"
assert_eq "10.40.0.0/24,256,0,0,0,0,0,65012,GAMMA" "$(tail -n 1 "$T/asn12.out")" "AS65012 export: clean, exactly"

# --- nothing listed, and the errors ----------------------------------------

mkdir -p "$T/empty"
for z in $ZONE_L1 $ZONE_L2 $ZONE_L3; do
	printf '127.0.0.2\n' >"$T/empty/$z"
done
rbl empty --export csv --zones "$T/empty" --db "$T/asn.mmdb" --census
expect_status 0 "census of zones listing nothing: exits 0"
assert_lines 1 "$T/empty.out" "census of zones listing nothing: the header alone"

# shellcheck disable=SC2086
rbl live --export csv $LIVE --db "$T/asn.mmdb" --census
expect_status 2 "census over live DNS: a usage error"
assert_lines 1 "$T/live.err" "census over live DNS: one line"
assert_contains "$T/live.err" "--census needs zone files (--zones DIR)" "census over live DNS: says it needs --zones"
assert_empty "$T/live.out" "census over live DNS: nothing written"

RBLSCOPE_DB=$T/none.mmdb rbl nodb --export csv --zones "$T/zones" --census
expect_status 2 "census without an ASN database: exits 2"
assert_lines 1 "$T/nodb.err" "census without an ASN database: one line"
assert_contains "$T/nodb.err" "--census needs an ASN database" "census without an ASN database: says so"

rbl target --export csv $ZONES --census 10.20.0.0/24
expect_status 2 "census with a target: exits 2"
assert_lines 1 "$T/target.err" "census with a target: one line"

# Without --export the census is a screen (tests/e2e/test_tui_census.sh);
# here there is no terminal for it.
rbl noexport $ZONES --census
expect_status 2 "census without --export and no terminal: exits 2"
assert_lines 1 "$T/noexport.err" "census without --export and no terminal: one line"
assert_contains "$T/noexport.err" "needs a terminal" "census without --export: says the screen needs a terminal"

rm -f "$T/zones/$ZONE_L3"
# shellcheck disable=SC2086
rbl nofile --export csv $ZONES --census
expect_status 2 "census with a zone file missing: exits 2"
assert_lines 1 "$T/nofile.err" "census with a zone file missing: one line"
assert_contains "$T/nofile.err" "l3 $ZONE_L3 has no zone file" "census with a zone file missing: names it"
done_testing
