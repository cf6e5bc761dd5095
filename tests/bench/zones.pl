#!/usr/bin/perl
# The benchmarks' zones, in rbldnsd ip4set files in DIR, one per
# UCEPROTECT zone:
#  - 198.18.0.0/16: about one address in 97 on level 1, every seventh /24
#    on level 2, the lower half of the /16 on level 3;
#  - 198.19.0.0/24, listed densely so that TXT queries count: every
#    sixteenth address on level 1, the whole /24 on level 2, its lower
#    half on level 3.
#   perl tests/bench/zones.pl DIR
use strict;
use warnings;

my ($dir) = @ARGV;
die "usage: zones.pl DIR\n" unless defined $dir;
open my $l1, ">", "$dir/dnsbl-1.uceprotect.net" or die "$dir: $!\n";
open my $l2, ">", "$dir/dnsbl-2.uceprotect.net" or die "$dir: $!\n";
open my $l3, ">", "$dir/dnsbl-3.uceprotect.net" or die "$dir: $!\n";
print $l1 ":127.0.0.2:IP \$ is UCEPROTECT-Level 1 listed. See http://www.uceprotect.net/rblcheck.php?ipr=\$\n127.0.0.2\n";
print $l2 ":127.0.0.2:Net \$ is UCEPROTECT-Level2 listed because 5 impacts are seen from BENCH-NET, ZZ/AS64512 there.\n127.0.0.2\n";
print $l3 ":127.0.0.2:Your ISP BENCH-NET, ZZ/AS64512 is UCEPROTECT-Level3 listed because of a spamscore of 70.\n127.0.0.2\n198.18.0.0/17\n198.19.0.0/25\n";
print $l2 "198.19.0.0/24\n";
for my $d (0 .. 255) {
	print $l1 "198.19.0.$d\n" if $d % 16 == 5;
}
for my $c (0 .. 255) {
	print $l2 "198.18.$c.0/24\n" if $c % 7 == 0;
	for my $d (0 .. 255) {
		# a multiplicative hash: spread, and the same every run
		print $l1 "198.18.$c.$d\n" if (($c * 256 + $d) * 2654435761 % 4294967296) % 97 == 0;
	}
}
close $_ or die "$dir: $!\n" for $l1, $l2, $l3;
