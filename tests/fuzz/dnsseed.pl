#!/usr/bin/perl
# dnsseed.pl: the raw reply of a DNS server to one query, written to a
# file, for the seed corpus of tests/fuzz/fuzz_dnsmsg.c (the committed
# seeds came from rbldnsd serving tests/e2e/fixtures/zones).
#   perl tests/fuzz/dnsseed.pl PORT TYPE NAME OUTFILE
# TYPE is A, TXT, PTR, SOA or a number; the server is 127.0.0.1:PORT.
use strict;
use warnings;
use IO::Socket::INET;

my %types = (A => 1, NS => 2, SOA => 6, PTR => 12, TXT => 16, ANY => 255);
@ARGV == 4 or die "usage: dnsseed.pl PORT TYPE NAME OUTFILE\n";
my ($port, $type, $name, $out) = @ARGV;
my $qtype = $types{uc $type} // $type;
$qtype =~ /^\d+$/ or die "dnsseed.pl: unknown type $type\n";

# Header: id, RD set, one question; then the name as labels.
my $q = pack('n6', 0x5eed, 0x0100, 1, 0, 0, 0);
$q .= pack('C/a*', $_) for split /\./, $name;
$q .= pack('Cnn', 0, $qtype, 1);

my $s = IO::Socket::INET->new(PeerAddr => "127.0.0.1:$port", Proto => 'udp')
	or die "dnsseed.pl: $!\n";
$s->send($q) or die "dnsseed.pl: send: $!\n";
my $rin = '';
vec($rin, fileno($s), 1) = 1;
select(my $rout = $rin, undef, undef, 2) or die "dnsseed.pl: no reply\n";
my $reply;
$s->recv($reply, 65535) or die "dnsseed.pl: recv: $!\n";
open(my $fh, '>:raw', $out) or die "dnsseed.pl: $out: $!\n";
print $fh $reply;
close($fh) or die "dnsseed.pl: $out: $!\n";
