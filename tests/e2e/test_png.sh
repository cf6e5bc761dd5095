#!/bin/sh
# --export png end to end: pictures of the demo's zones and of the
# fixtures' zone files are valid PNGs (signature, IHDR, every chunk's
# CRC, the image data inflated and unfiltered) of the size the layout
# gives, with the palette's colours at the addresses the zones list; the
# exit statuses (0 nothing listed, 1 listed, 2 usage, 3 a zone left
# out); live DNS refused; a terminal on standard output refused; the
# old file kept when nothing is drawn.
. tests/e2e/lib.sh
need_rblscope

ZONES=$E2E_FIX/zones

# png_check FILE [X,Y...]: "WIDTH HEIGHT" and then "R,G,B" for each pixel
# asked for; fails unless FILE is a whole, valid 8-bit RGB PNG.
png_check() {
	perl -e '
		use strict; use warnings; use Compress::Zlib qw(crc32 uncompress);
		my $file = shift;
		open my $fh, "<:raw", $file or die "$file: $!\n";
		my $d = do { local $/; <$fh> };
		substr($d, 0, 8) eq "\x89PNG\r\n\x1a\n" or die "$file: no PNG signature\n";
		my ($pos, $idat, $w, $h, $end) = (8, "");
		while ($pos + 12 <= length $d) {
			my ($len, $type) = unpack "N a4", substr($d, $pos, 8);
			my $body = substr($d, $pos + 8, $len);
			my $crc = unpack "N", substr($d, $pos + 8 + $len, 4);
			crc32($type . $body) == $crc or die "$file: bad CRC in $type\n";
			if ($type eq "IHDR") {
				my ($depth, $colour, $cm, $fm, $il);
				($w, $h, $depth, $colour, $cm, $fm, $il) = unpack "N N C C C C C", $body;
				$pos == 8 or die "$file: IHDR is not first\n";
				$depth == 8 && $colour == 2 && !$il or die "$file: not 8-bit RGB\n";
			}
			$idat .= $body if $type eq "IDAT";
			$end = 1, last if $type eq "IEND";
			$pos += 12 + $len;
		}
		$end && $pos + 12 == length $d or die "$file: no IEND at its end\n";
		my $raw = uncompress($idat);
		defined $raw && length $raw == $h * (1 + 3 * $w) or die "$file: bad image data\n";
		my @rows; my $prev = "\0" x (3 * $w);
		for my $y (0 .. $h - 1) {
			my $f = ord substr($raw, $y * (1 + 3 * $w), 1);
			my @c = unpack "C*", substr($raw, $y * (1 + 3 * $w) + 1, 3 * $w);
			my @p = unpack "C*", $prev;
			for my $i (0 .. $#c) {
				my $a = $i >= 3 ? $c[$i - 3] : 0; my $b = $p[$i];
				my $cc = $i >= 3 ? $p[$i - 3] : 0;
				my $pr = $f == 0 ? 0 : $f == 1 ? $a : $f == 2 ? $b : $f == 3 ? int(($a + $b) / 2) :
				         do { my $q = $a + $b - $cc; my ($pa, $pb, $pc) = (abs($q - $a), abs($q - $b), abs($q - $cc));
				              $pa <= $pb && $pa <= $pc ? $a : $pb <= $pc ? $b : $cc };
				$f <= 4 or die "$file: filter $f\n";
				$c[$i] = ($c[$i] + $pr) & 255;
			}
			$prev = pack "C*", @c;
			push @rows, $prev;
		}
		print "$w $h\n";
		for my $xy (@ARGV) {
			my ($x, $y) = split /,/, $xy;
			print join(",", unpack "C3", substr($rows[$y], 3 * $x, 3)), "\n";
		}' "$@"
}

# signature FILE: the first 8 bytes in hex, by od.
signature() { od -An -tx1 -N8 "$1" | tr -s ' \n' ' ' | sed 's/^ //;s/ $//'; }

# hilbert_xy BITS D: the cell of step D of the curve through 2^BITS cells
# (an order-BITS/2 square; the rotate-and-flip definition).
hilbert_xy() {
	perl -e 'my ($bits, $d) = @ARGV; my ($x, $y) = (0, 0);
		for (my $s = 1; $s < 2 ** ($bits / 2); $s *= 2) {
			my $rx = 1 & ($d >> 1); my $ry = 1 & ($d ^ $rx);
			if (!$ry) { if ($rx) { $x = $s - 1 - $x; $y = $s - 1 - $y } ($x, $y) = ($y, $x) }
			$x += $s * $rx; $y += $s * $ry; $d >>= 2 }
		print "$x $y\n"' "$1" "$2"
}

# The layout (core/export/mappng.c): 32 margin, 104 header, a map of
# 1024 at most, a 40 gap, a 420 panel, 600 least height, 44 footer.
SQUARE="1548 1172"   # a square map of 1024
WIDE="1548 748"      # a 1024 x 512 map

# --- the demo -------------------------------------------------------------
rbl demo --demo --export png -o "$T/demo.png" 198.18.0.0/15
expect_status 1 "demo /15: listings there, exit 1"
assert_empty "$T/demo.err" "demo /15: nothing on stderr"
assert_empty "$T/demo.out" "demo /15 to a file: nothing on standard output"
assert_eq "89 50 4e 47 0d 0a 1a 0a" "$(signature "$T/demo.png")" "demo /15: the PNG signature (od)"
assert_eq "$WIDE" "$(png_check "$T/demo.png" | head -n 1)" "demo /15: a 2:1 map, IHDR 1548 x 748, every chunk sound"
if command -v file >/dev/null 2>&1; then
	file "$T/demo.png" >"$T/file.out"
	assert_contains "$T/file.out" "PNG image data, 1548 x 748" "demo /15: file(1) agrees"
fi
if command -v python3 >/dev/null 2>&1; then
	python3 -c '
import struct, sys, zlib
d = open(sys.argv[1], "rb").read()
assert d[:8] == b"\x89PNG\r\n\x1a\n"
w, h = struct.unpack(">II", d[16:24])
pos, idat = 8, b""
while pos < len(d):
    n, t = struct.unpack(">I4s", d[pos:pos + 8])
    if t == b"IDAT": idat += d[pos + 8:pos + 8 + n]
    pos += 12 + n
assert len(zlib.decompress(idat)) == h * (1 + 3 * w)
print(w, h)' "$T/demo.png" >"$T/py.out" || fail "python3 cannot read the demo's PNG"
	assert_eq "1548 748" "$(cat "$T/py.out")" "demo /15: python3 reads it too"
fi
rbl demo-whole --demo --export png -o "$T/whole.png"
expect_status 1 "demo, no scope: the whole space, exit 1"
assert_eq "$SQUARE" "$(png_check "$T/whole.png" | head -n 1)" "whole space: a square map"
rbl demo-clean --demo --export png -o "$T/clean.png" 10.0.0.0/8
expect_status 0 "demo 10.0.0.0/8: nothing listed, exit 0"

# --- the fixtures' zone files, pixel by pixel -----------------------------
rbl fix --zones "$ZONES" --export png -o "$T/fix.png" 192.0.2.0/24
expect_status 1 "fixtures 192.0.2.0/24: exit 1"
# one address a cell of 64 x 64 pixels: near its top left corner, clear
# of the octet written in its middle
px() { set -- $(hilbert_xy 8 "$1"); echo "$((32 + $1 * 64 + 4)),$((104 + $2 * 64 + 4))"; }
set -- $(png_check "$T/fix.png" "$(px 5)" "$(px 150)" "$(px 100)" "$(px 202)" "$(px 250)")
assert_eq "1548 1172" "$1 $2" "fixtures /24: a square map"
assert_eq "215,0,0" "$3" "192.0.2.5 (level 1) in guilty red, 160"
assert_eq "255,95,0" "$4" "192.0.2.150 (level 2) in range orange, 202"
assert_eq "175,0,255" "$5" "192.0.2.100 (level 3 only) in ASN violet, 129"
assert_eq "208,208,208" "$6" "192.0.2.202 (excluded from level 1) clean grey"
assert_eq "208,208,208" "$7" "192.0.2.250 clean grey"

# --- standard output ------------------------------------------------------
rbl stdout --zones "$ZONES" --export png -o - 198.51.100.0/24
expect_status 1 "-o -: written to standard output (a file here)"
assert_eq "1548 1172" "$(png_check "$T/stdout.out" | head -n 1)" "-o -: a whole PNG"
if command -v script >/dev/null 2>&1; then
	script -qec "$RBLSCOPE --zones $ZONES --export png 192.0.2.0/24" /dev/null \
		>"$T/tty.out" 2>&1 </dev/null
	assert_eq 2 "$?" "a terminal on standard output: refused, exit 2"
	assert_contains "$T/tty.out" "a PNG is binary: not written to a terminal (give -o FILE or redirect)" \
		"a terminal on standard output: one line says why"
	assert_lines 1 "$T/tty.out" "a terminal on standard output: one line only, no PNG bytes"
fi

# --- usage errors ---------------------------------------------------------
echo old >"$T/keep.png"
rbl live --export png -o "$T/keep.png" 10.0.0.0/8
expect_status 2 "live DNS: a usage error"
assert_eq "rblscope: --export png draws from zone files (exact data): give --zones DIR or --demo (see rblscope --help)" \
	"$(cat "$T/live.err")" "live DNS: one line naming --zones and --demo"
assert_eq "old" "$(cat "$T/keep.png")" "live DNS: the old file kept"
rbl badscope --zones "$ZONES" --export png -o "$T/keep.png" 300.1.2.3/8
expect_status 2 "a bad scope: exit 2"
assert_lines 1 "$T/badscope.err" "a bad scope: one line"
rbl nodb --zones "$ZONES" --export png -o "$T/keep.png" AS64500
expect_status 2 "AS<n> without an ASN database: exit 2"
assert_contains "$T/nodb.err" "give --db FILE" "AS<n> without an ASN database: says --db"
assert_eq "old" "$(cat "$T/keep.png")" "usage errors: the old file kept"
assert_eq "" "$(ls -A "$T" | grep '^\.rblscope-')" "usage errors: no temporary file left"

# --- an ASN's networks ----------------------------------------------------
if perl -MMaxMind::DB::Writer::Tree -e 1 2>/dev/null; then
	make_asn_db "$E2E_FIX/asn.csv" "$T/asn.mmdb"
	rbl asn --zones "$ZONES" --db "$T/asn.mmdb" --export png -o "$T/keep.png" AS64500
	expect_status 1 "AS64500: listed, exit 1"
	assert_eq "$SQUARE" "$(png_check "$T/keep.png" | head -n 1)" "AS64500: its block 192.0.0.0/4 as a square, replacing the old file"
	rbl asn-none --zones "$ZONES" --db "$T/asn.mmdb" --export png -o "$T/none.png" AS64999
	expect_status 2 "an ASN without networks: exit 2"
	assert_contains "$T/asn-none.err" "AS64999 has no IPv4 network" "an ASN without networks: says so"
fi

# --- a zone that lists everything is left out, and the map is incomplete --
mkdir -p "$T/wild"
cp "$ZONES"/* "$T/wild/"
printf '127.0.0.1\n' >>"$T/wild/dnsbl-2.uceprotect.net"
rbl wild --zones "$T/wild" --export png -o "$T/wild.png" 192.0.2.0/24
expect_status 3 "a zone listing 127.0.0.1: left out, exit 3"
assert_contains "$T/wild.err" "l2 dnsbl-2.uceprotect.net lists 127.0.0.1, so everything: left out of the map" \
	"a zone listing 127.0.0.1: named"
assert_lines 1 "$T/wild.err" "a zone listing 127.0.0.1: one warning"
set -- $(png_check "$T/wild.png" "$(px 150)")
assert_eq "208,208,208" "$3" "a zone left out: its listings not drawn"

done_testing
