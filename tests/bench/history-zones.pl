#!/usr/bin/perl
# history-zones.pl STEP DIR [NETS]: the three UCEPROTECT zone files of
# one step (a day, or an hour) of the history benchmark, into DIR.  NETS
# /24s from 198.18.0.0 (default 40); the same STEP gives the same files.
#  - level 1: each address is listed about 3% of the time, in episodes
#    of 7 steps whose phase differs per address, so about 0.8% of the
#    addresses change on each step; the TXT names the address ($).
#  - level 2: each /26 is listed about 5% of the time, in episodes of 30
#    steps.
#  - level 3: each /24 is listed about 3% of the time, in episodes of 90
#    steps.
use strict;
use warnings;

my ($step, $dir, $nets) = @ARGV;
die "usage: history-zones.pl STEP DIR [NETS]\n" unless defined $dir && $step =~ /^\d+$/;
$nets //= 40;

# A small deterministic hash of two numbers, 0..99.
sub pick {
	my ($a, $b) = @_;
	my $h = ($a * 2654435761 + $b * 40503 + 12345) % 4294967296;
	$h = (($h ^ ($h >> 15)) * 2246822519) % 4294967296;
	return ($h ^ ($h >> 13)) % 100;
}

# Is thing listed on step, in episodes of len steps at thing's own phase?
sub listed {
	my ($thing, $len, $percent) = @_;
	my $phase = pick($thing, 7) % $len;
	return pick($thing, int(($step + $phase) / $len)) < $percent;
}

my $base = (198 << 24) | (18 << 16);
open my $l1, '>', "$dir/dnsbl-1.uceprotect.net" or die "$dir: $!\n";
open my $l2, '>', "$dir/dnsbl-2.uceprotect.net" or die "$dir: $!\n";
open my $l3, '>', "$dir/dnsbl-3.uceprotect.net" or die "$dir: $!\n";
print $l1 "\$TTL 300\n:127.0.0.2:Listed: spam from \$ seen by the traps\n127.0.0.2\n";
print $l2 "\$TTL 300\n:127.0.0.2:Your range is listed\n127.0.0.2\n";
print $l3 "\$TTL 300\n:127.0.0.2:Your ASN is listed\n127.0.0.2\n";
for my $n (0 .. $nets - 1) {
	my $net = $base + ($n << 8);
	my $text = sprintf "198.18.%d", $n;
	print $l3 "$text.0/24\n" if listed($net, 90, 3);
	for my $q (0 .. 3) {
		print $l2 "$text." . ($q * 64) . "/26\n" if listed($net + $q * 64, 30, 5);
	}
	for my $h (0 .. 255) {
		print $l1 "$text.$h\n" if listed($net + $h, 7, 3);
	}
}
close $_ or die "$dir: $!\n" for $l1, $l2, $l3;
