#!/usr/bin/perl
# An internet-scale UCEPROTECT zone set for rblscope's benchmarks, drawn
# from the real ASN table (the @ip-location-db/asn IPv4 CSV that
# tests/bench/asn-data.sh fetches: start,end,asn,org), reproducible byte
# for byte from its seed.  It is benchmark input, never committed data.
#
#   perl tests/bench/internet-zones.pl [--seed N] [--l1 N] [--l2 N]
#        [--l3 N] CSV DIR
#
# writes DIR/dnsbl-1.uceprotect.net (ip4set), DIR/dnsbl-2.uceprotect.net
# (ip4trie, said by a "$DATASET ip4trie" line) and
# DIR/dnsbl-3.uceprotect.net (ip4set, with a-b ranges), and prints one
# line per zone (entries, file size) and the most listed ASNs.
#
# The model (every draw comes from one xorshift128 generator seeded with
# --seed, default 20261125; ASNs and ranges are always visited in
# numerical order, so the same CSV and seed give the same files):
#  - Announced space: every range of the CSV in 1.0.0.0-223.255.255.255
#    but 0/8, 10/8, 127/8, 100.64/10, 169.254/16, 172.16/12, 192.168/16
#    and 198.18/15, with an ASN other than 0.  An ASN's size is the sum
#    of its ranges.
#  - Dirtiness, a heavy tail: 35% of the ASNs send no spam at all (clean
#    enterprise, content and legacy networks); each other ASN draws a
#    factor D from a Pareto distribution (alpha 1.1, capped at 500).
#    An ASN's share of the level-1 addresses is size^0.75 x D: larger
#    networks hold more listed addresses, less than in proportion (big
#    legacy blocks are mostly idle), and a few ASNs are much dirtier than
#    their size says.
#  - Level 1 (--l1, default 300,000 distinct addresses): each address
#    draws an ASN by that share, then a place in it: with probability
#    0.40 in the /24 of an address of the same ASN drawn before, 0.15 in
#    its /22 (compromised hosts cluster in the same customer networks),
#    else uniformly over the ASN's space weighted by range size; never
#    outside the CSV range it started from.  Each address carries 1 + a
#    geometric number of impacts (spamtrap hits; mean 1.67, at most 50).
#  - Level 2 (--l2, default at most 20,000 ranges): UCEPROTECT's 2024
#    rule (assets/policies/2024-10.policy) on those impacts: a /24 with 4
#    impacts, /23 6, /22 9, /21 13, /20 19.  Around every /24 holding an
#    impact the widest block from /20 to /24 that meets its count and
#    lies in one CSV range (one ASN) is a candidate; candidates are
#    taken by impacts (then wider first, then lower address) as long as
#    they do not overlap one taken before, up to --l2.  Each range has
#    its own TXT naming the network, its impacts and its ASN.
#  - Level 3 (--l3, default at most 600 ASNs): UCEPROTECT's 2024
#    spamscore, impacts / size x 100,000, listed at 50 or more with at
#    least 50 impacts; when more ASNs qualify, the highest scores (then
#    the lower ASN).  Every CSV range of a listed ASN is an entry (a CIDR
#    where the range is one, else an a-b range), with the ASN's TXT.
#  - Exclusions: 12 level-1 addresses are excluded again (!a.b.c.d, a
#    whitelist at the end of the file), 24 addresses inside level-2
#    ranges and clean on level 1 (!a.b.c.d), 24 /24s and 12 single
#    addresses inside level-3 ASNs (!a.b.c.0/24, !a.b.c.d).
#  - Every zone has the RFC 5782 test entry 127.0.0.2, a $SOA and $NS
#    line, and UCEPROTECT's TXT wording; level 1 uses a default
#    ":127.0.0.2:" line with the $ template, levels 2 and 3 a value on
#    each entry.
use strict;
use warnings;
use Getopt::Long;

my %opt = (seed => 20261125, l1 => 300000, l2 => 20000, l3 => 600);
GetOptions(\%opt, 'seed=i', 'l1=i', 'l2=i', 'l3=i') && @ARGV == 2
	or die "usage: internet-zones.pl [--seed N] [--l1 N] [--l2 N] [--l3 N] CSV DIR\n";
my ($csv, $dir) = @ARGV;

# ---- the generator: Marsaglia's xorshift128, 32-bit words ----
my @st = ($opt{seed} & 0xffffffff, 362436069, 521288629, 88675123);
sub rnd32 {
	my $t = ($st[0] ^ ($st[0] << 11)) & 0xffffffff;
	@st[0 .. 2] = @st[1 .. 3];
	$st[3] = ($st[3] ^ ($st[3] >> 19) ^ ($t ^ ($t >> 8))) & 0xffffffff;
	return $st[3];
}
rnd32() for 1 .. 64;
sub unif { rnd32() / 4294967296 }          # [0, 1)
sub below { int(unif() * $_[0]) }          # 0 .. n-1

# ---- addresses ----
sub ip2int {
	my $s = shift;
	return $s + 0 if $s =~ /^\d+$/;    # the -num variant of the CSV
	my @o = split /\./, $s;
	die "internet-zones.pl: bad address '$s'\n" unless @o == 4;
	return (($o[0] * 256 + $o[1]) * 256 + $o[2]) * 256 + $o[3];
}
sub int2ip { my $a = shift; join '.', $a >> 24, ($a >> 16) & 255, ($a >> 8) & 255, $a & 255 }
sub mask { my $len = shift; $len ? (0xffffffff << (32 - $len)) & 0xffffffff : 0 }

my @bogon = (['0.0.0.0', 8], ['10.0.0.0', 8], ['127.0.0.0', 8], ['100.64.0.0', 10],
             ['169.254.0.0', 16], ['172.16.0.0', 12], ['192.168.0.0', 16], ['198.18.0.0', 15]);
@bogon = map { [ip2int($_->[0]), ip2int($_->[0]) + 2 ** (32 - $_->[1]) - 1] } @bogon;

# ---- the ASN table ----
my (@rs, @re, @rasn);      # ranges, sorted by start
my (%size, %org, %ranges); # per ASN: addresses, name, range indices
open my $in, '<', $csv or die "internet-zones.pl: $csv: $!\n";
my @rows;
while (my $line = <$in>) {
	$line =~ s/\r?\n\z//;
	my ($s, $e, $asn, $org) = $line =~ /^([^,]+),([^,]+),(\d+),?(.*)$/ or next;
	($s, $e) = (ip2int($s), ip2int($e));
	next if $asn == 0 || $e < $s || $s < 0x01000000 || $e >= 0xe0000000;
	next if grep { $s <= $_->[1] && $e >= $_->[0] } @bogon;
	if ($org =~ /^"(.*)"$/) { ($org = $1) =~ s/""/"/g }
	push @rows, [$s, $e, $asn, $org];
}
close $in;
die "internet-zones.pl: no IPv4 ranges in $csv\n" unless @rows;
@rows = sort { $a->[0] <=> $b->[0] } @rows;
for my $r (@rows) {
	next if @re && $r->[0] <= $re[-1];     # overlaps the one before: keep the first
	push @rs, $r->[0]; push @re, $r->[1]; push @rasn, $r->[2];
	$size{$r->[2]} += $r->[1] - $r->[0] + 1;
	push @{$ranges{$r->[2]}}, $#rs;
	if (!exists $org{$r->[2]}) {
		(my $o = $r->[3]) =~ s/[^\x20-\x7e]//g;   # printable ASCII for the TXT
		$o =~ tr/$"#;\\//d;
		$o =~ s/\s+/ /g; $o =~ s/^ //; $o =~ s/ $//;
		$o = substr($o, 0, 60);
		$org{$r->[2]} = length $o ? $o : "AS$r->[2]";
	}
}
my @asns = sort { $a <=> $b } keys %size;

# The CSV range holding address a: its index, or -1.
sub range_of {
	my $a = shift;
	my ($lo, $hi) = (0, $#rs);
	while ($lo <= $hi) {
		my $m = ($lo + $hi) >> 1;
		if ($rs[$m] > $a) { $hi = $m - 1 } elsif ($re[$m] < $a) { $lo = $m + 1 } else { return $m }
	}
	return -1;
}

# Index of the first cumulative weight above x (binary search).
sub pick {
	my ($cum, $x) = @_;
	my ($lo, $hi) = (0, $#$cum);
	while ($lo < $hi) {
		my $m = ($lo + $hi) >> 1;
		if ($cum->[$m] > $x) { $hi = $m } else { $lo = $m + 1 }
	}
	return $lo;
}

# ---- dirtiness and the ASNs' shares ----
my (@wasn, @wcum, $wsum);
for my $asn (@asns) {
	my $clean = unif() < 0.35;
	my $d = (1 - unif()) ** (-1 / 1.1);    # Pareto, alpha 1.1, from 1
	$d = 500 if $d > 500;
	next if $clean;
	$wsum += $size{$asn} ** 0.75 * $d;
	push @wasn, $asn;
	push @wcum, $wsum;
}

# ---- level 1 ----
my (%imp, %l1asn, %byasn, %rcum);
my $n1 = 0;
while ($n1 < $opt{l1}) {
	my $asn = $wasn[pick(\@wcum, unif() * $wsum)];
	my $mode = unif();
	my $own = $byasn{$asn};
	my $a;
	if ($own && $mode < 0.55) {
		my $near = $own->[below(scalar @$own)];
		my $len = $mode < 0.40 ? 24 : 22;
		my $r = range_of($near);
		$a = ($near & mask($len)) + below(2 ** (32 - $len));
		next if $a < $rs[$r] || $a > $re[$r];
	} else {
		my $cum = $rcum{$asn} ||= do {
			my ($s, @c) = 0;
			for my $i (@{$ranges{$asn}}) { $s += $re[$i] - $rs[$i] + 1; push @c, $s }
			\@c;
		};
		my $x = below($cum->[-1]);
		my $k = pick($cum, $x);
		my $i = $ranges{$asn}[$k];
		$a = $rs[$i] + $x - ($k ? $cum->[$k - 1] : 0);
	}
	next if exists $imp{$a};
	my $k = 1;
	$k++ while $k < 50 && unif() < 0.4;
	$imp{$a} = $k;
	$l1asn{$a} = $asn;
	push @{$byasn{$asn}}, $a;
	$n1++;
}
my @l1 = sort { $a <=> $b } keys %imp;

# ---- level 2 ----
my %need = (24 => 4, 23 => 6, 22 => 9, 21 => 13, 20 => 19);
my %c24;
$c24{$_ >> 8} += $imp{$_} for @l1;
my %cand;
for my $n24 (sort { $a <=> $b } keys %c24) {
	for my $len (20 .. 24) {
		my $b = ($n24 << 8) & mask($len);
		my $sum = 0;
		$sum += $c24{($b >> 8) + $_} // 0 for 0 .. 2 ** (24 - $len) - 1;
		next if $sum < $need{$len};
		my $r = range_of($b);
		next if $r < 0 || $re[$r] < $b + 2 ** (32 - $len) - 1;
		$cand{"$b/$len"} = [$b, $len, $sum, $rasn[$r]];
		last;
	}
}
my (%covered, @l2);
for my $c (sort { $b->[2] <=> $a->[2] || $a->[1] <=> $b->[1] || $a->[0] <=> $b->[0] } values %cand) {
	last if @l2 >= $opt{l2};
	my @n24 = map { ($c->[0] >> 8) + $_ } 0 .. 2 ** (24 - $c->[1]) - 1;
	next if grep { $covered{$_} } @n24;
	$covered{$_} = 1 for @n24;
	push @l2, $c;
}
@l2 = sort { $a->[0] <=> $b->[0] } @l2;

# ---- level 3 ----
my %asnimp;
$asnimp{$l1asn{$_}} += $imp{$_} for @l1;
my %score;
for my $asn (keys %asnimp) {
	my $s = $asnimp{$asn} / $size{$asn} * 100000;
	$score{$asn} = $s if $s >= 50 && $asnimp{$asn} >= 50;
}
my @l3 = sort { $score{$b} <=> $score{$a} || $a <=> $b } keys %score;
my $l3qual = @l3;
splice @l3, $opt{l3} if @l3 > $opt{l3};
@l3 = sort { $a <=> $b } @l3;

# ---- exclusions ----
my @x1 = sort { $a <=> $b } map { $l1[below(scalar @l1)] } 1 .. 12;
my (@x2, @x3);
while (@l2 && @x2 < 24) {
	my $c = $l2[below(scalar @l2)];
	my $a = $c->[0] + below(2 ** (32 - $c->[1]));
	push @x2, $a unless exists $imp{$a};
}
@x2 = sort { $a <=> $b } @x2;
for my $k (1 .. 36) {
	last unless @l3;
	my $rl = $ranges{$l3[below(scalar @l3)]};
	my $i = $rl->[below(scalar @$rl)];
	my $a = $rs[$i] + below($re[$i] - $rs[$i] + 1);
	if ($k <= 24) {
		$a &= mask(24);
		next if $a < $rs[$i] || $a + 255 > $re[$i];
		push @x3, [$a, 24];
	} else {
		push @x3, [$a, 32];
	}
}
@x3 = sort { $a->[0] <=> $b->[0] || $a->[1] <=> $b->[1] } @x3;

# ---- the files ----
my $serial = 2026112500;
sub header {
	my ($fh, $zone) = @_;
	print $fh "# $zone: benchmark data made by tests/bench/internet-zones.pl (seed $opt{seed}),\n",
	          "# from the \@ip-location-db/asn table (CC BY 4.0).  Not real listings.\n",
	          "\$SOA 2100 $zone. dnsbl.uceprotect.net. $serial 3600 600 604800 2100\n",
	          "\$NS 2100 ns1.uceprotect.net ns2.uceprotect.net\n";
}
sub openz {
	my $path = "$dir/$_[0]";
	open my $fh, '>', $path or die "internet-zones.pl: $path: $!\n";
	return $fh;
}
sub cidr_or_range {
	my ($s, $e) = @_;
	my $n = $e - $s + 1;
	if (($n & ($n - 1)) == 0 && ($s & ($n - 1)) == 0) {
		my $len = 32;
		$len-- while 2 ** (32 - $len) < $n;
		return int2ip($s) . "/$len";
	}
	return int2ip($s) . '-' . int2ip($e);
}

my $z1 = 'dnsbl-1.uceprotect.net';
my $f1 = openz($z1);
header($f1, $z1);
print $f1 ":127.0.0.2:IP \$ is UCEPROTECT-Level 1 listed. See http://www.uceprotect.net/rblcheck.php?ipr=\$\n",
          "127.0.0.2\n";
print $f1 int2ip($_), "\n" for @l1;
print $f1 "# whitelisted\n";
print $f1 '!', int2ip($_), "\n" for @x1;
close $f1 or die "internet-zones.pl: $dir/$z1: $!\n";

my $z2 = 'dnsbl-2.uceprotect.net';
my $f2 = openz($z2);
print $f2 "\$DATASET ip4trie\n";
header($f2, $z2);
print $f2 "127.0.0.2 :127.0.0.2:Net 127.0.0.2 is UCEPROTECT-Level2 listed (test entry)\n";
for my $c (@l2) {
	my $net = int2ip($c->[0]) . "/$c->[1]";
	print $f2 "$net :127.0.0.2:Net $net is UCEPROTECT-Level2 listed because $c->[2] impacts",
	          " are seen from $org{$c->[3]}/AS$c->[3] there.\n";
}
print $f2 '!', int2ip($_), "\n" for @x2;
close $f2 or die "internet-zones.pl: $dir/$z2: $!\n";

my $z3 = 'dnsbl-3.uceprotect.net';
my $f3 = openz($z3);
header($f3, $z3);
print $f3 "127.0.0.2 :127.0.0.2:Your ISP TEST/AS0 is UCEPROTECT-Level3 listed (test entry)\n";
my $n3 = 0;
for my $asn (@l3) {
	my $txt = sprintf ":127.0.0.2:Your ISP %s/AS%u is UCEPROTECT-Level3 listed because of a spamscore of %.2f.",
	                  $org{$asn}, $asn, $score{$asn};
	for my $i (@{$ranges{$asn}}) {
		print $f3 cidr_or_range($rs[$i], $re[$i]), " $txt\n";
		$n3++;
	}
}
print $f3 '!', int2ip($_->[0]), ($_->[1] < 32 ? "/$_->[1]" : ''), "\n" for @x3;
close $f3 or die "internet-zones.pl: $dir/$z3: $!\n";

# ---- what was made ----
my $l3addr = 0;
$l3addr += $size{$_} for @l3;
my $l2addr = 0;
$l2addr += 2 ** (32 - $_->[1]) for @l2;
printf "%s: %d addresses (%d impacts in %d ASNs), %d exclusions, %d bytes\n", $z1, scalar @l1,
       eval { my $s = 0; $s += $_ for values %imp; $s }, scalar keys %asnimp, scalar @x1, -s "$dir/$z1";
printf "%s: %d ranges (/20 to /24, %d addresses; %d qualified), %d exclusions, %d bytes (ip4trie)\n",
       $z2, scalar @l2, $l2addr, scalar keys %cand, scalar @x2, -s "$dir/$z2";
printf "%s: %d ASNs (%d qualified), %d ranges, %d addresses, %d exclusions, %d bytes\n",
       $z3, scalar @l3, $l3qual, $n3, $l3addr, scalar @x3, -s "$dir/$z3";
my @top = (sort { $asnimp{$b} <=> $asnimp{$a} || $a <=> $b } keys %asnimp)[0 .. 9];
my %cnt;
$cnt{$l1asn{$_}}++ for @l1;
print "most listed ASNs (level-1 addresses):";
printf " AS%u %d%s;", $_, $cnt{$_}, exists $score{$_} ? ' (L3 candidate)' : '' for grep { defined } @top;
print "\n";
