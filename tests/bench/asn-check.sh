#!/bin/sh
# rblscope's ASN columns against the real table they come from: the
# exports of 24 /24s spread over the IPv4 space (fixed seed), read with
# the ASN database built from @ip-location-db/asn, each address checked
# against the CSV row that holds it (ASN and organisation; the network
# holds the address and lies within rows of the same ASN).  Offline: the
# zones are an empty local set.  Run from the repository root.
set -eu
db=$(sh tests/bench/asn-data.sh)
csv=$(ls build/bench-data/asn-ipv4-*.csv | head -n 1)
tmp=$(mktemp -d "${TMPDIR:-/tmp}/rblscope-asncheck.XXXXXX")
trap 'rm -rf "$tmp"' EXIT
for z in dnsbl-1.uceprotect.net dnsbl-2.uceprotect.net dnsbl-3.uceprotect.net; do
	printf '127.0.0.2\n' >"$tmp/$z"
done
nets=$(perl -e 'srand(2026); for (1 .. 24) { my $a = 1 + int(rand 222);
	$a = 8 if $_ == 1; printf "%d.%d.%d.0/24\n", $a, int(rand 256), int(rand 256) }')
: >"$tmp/all.csv"
for n in $nets; do
	./rblscope --export csv --zones "$tmp" --db "$db" --no-probe "$n" |
		tail -n +2 >>"$tmp/all.csv" || [ $? -le 1 ] || { echo "FAIL: export of $n"; exit 1; }
done
perl -e '
	use strict; use warnings;
	sub num { my @o = split /\./, shift; ($o[0] << 24) | ($o[1] << 16) | ($o[2] << 8) | $o[3] }
	sub fields { my $l = shift;
		return split /,/, $l, -1 unless $l =~ /"/;
		my @f; my $v = ""; my $q = 0;
		for (my $i = 0; $i < length $l; $i++) { my $c = substr($l, $i, 1);
			if ($q) { if ($c ne "\"") { $v .= $c }
				elsif (substr($l, $i + 1, 1) eq "\"") { $v .= "\""; $i++ } else { $q = 0 } }
			elsif ($c eq "\"") { $q = 1 }
			elsif ($c eq ",") { push @f, $v; $v = "" }
			else { $v .= $c } }
		return (@f, $v) }
	my (@s, @e, @asn, @org);
	open my $t, "<", $ARGV[0] or die "$ARGV[0]: $!";
	while (<$t>) { chomp; next if /:/; my @f = fields($_);
		push @s, num($f[0]); push @e, num($f[1]); push @asn, $f[2]; push @org, $f[3] }
	sub row { my $ip = shift; my ($lo, $hi) = (0, $#s);
		while ($lo <= $hi) { my $m = ($lo + $hi) >> 1;
			if ($e[$m] < $ip) { $lo = $m + 1 } elsif ($s[$m] > $ip) { $hi = $m - 1 } else { return $m } }
		return -1 }
	my ($n, $bad, $found) = (0, 0, 0);
	open my $x, "<", $ARGV[1] or die;
	while (<$x>) { chomp; my ($ip, $asn, $org, $net) = fields($_); $n++;
		my $r = row(num($ip));
		if ($r < 0) { if ($asn ne "" || $net ne "") { $bad++; print "not in the table: $_\n" } next }
		$found++;
		my ($a, $len) = split m{/}, $net;
		my ($lo, $hi) = (num($a), num($a) + 2 ** (32 - $len) - 1);
		my ($rl, $rh) = (row($lo), row($hi));
		if ($asn ne $asn[$r] || $org ne $org[$r] || num($ip) < $lo || num($ip) > $hi ||
		    $rl < 0 || $rh < 0 || $asn[$rl] ne $asn[$r] || $asn[$rh] ne $asn[$r]) {
			$bad++; print "mismatch: $_ (table: $asn[$r], $org[$r])\n" if $bad <= 10 }
	}
	print "asn check: $n addresses, $found in the table, $bad wrong\n";
	exit($bad ? 1 : 0);' "$csv" "$tmp/all.csv"
