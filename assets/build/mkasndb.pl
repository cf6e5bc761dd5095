#!/usr/bin/perl
# Builds a MaxMind DB with GeoLite2-ASN keys from ASN CSV lines
# (start,end,asn,org; the @ip-location-db/asn format): the demo's ASN
# database at build time, and the databases of the tests and benchmarks.
#   mkasndb.pl [--ip-version 4|6] [--record-size 24|28|32] -o OUT [CSV]
# start and end are dotted IPv4 or plain numbers; IPv6 lines are skipped;
# org may be quoted, with "" for a quote; '#' lines and blank lines are
# ignored.  An IPv6 tree aliases ::ffff:0:0/96, 2001::/32 and 2002::/16
# to the IPv4 space, as MaxMind's own databases do.  Reserved networks are
# kept so that tests can use documentation and benchmark space.
use strict;
use warnings;

use Encode qw(decode);
use Getopt::Long qw(GetOptions);
use MaxMind::DB::Writer::Tree;

my $usage = "usage: mkasndb.pl [--ip-version 4|6] [--record-size 24|28|32] -o OUT [CSV]\n";

# The fields of one CSV line; undef when the line is malformed.
sub csv_fields {
	my ($line) = @_;
	my @fields;
	pos($line) = 0;
	while (1) {
		if ($line =~ /\G"((?:[^"]|"")*)"/gc) {
			(my $f = $1) =~ s/""/"/g;
			push @fields, $f;
		} elsif ($line =~ /\G([^,"]*)/gc) {
			push @fields, $1;
		}
		last if pos($line) == length $line;
		return undef unless $line =~ /\G,/gc;
	}
	return \@fields;
}

# A dotted IPv4 address for a dotted or numeric one; undef if neither.
sub ipv4_text {
	my ($s) = @_;
	if ($s =~ /^\d+$/) {
		return undef if $s > 4294967295;
		return join '.', unpack 'C4', pack 'N', $s;
	}
	my @o = $s =~ /^(\d{1,3})\.(\d{1,3})\.(\d{1,3})\.(\d{1,3})$/ or return undef;
	return undef if grep { $_ > 255 } @o;
	return join '.', map { $_ + 0 } @o;
}

sub ipv4_number {
	return unpack 'N', pack 'C4', split /\./, $_[0];
}

# Reads the CSV into [start, end, data] rows; identical (asn, org) pairs
# share one data hash, which the writer stores once.
sub read_rows {
	my ($fh, $name) = @_;
	my (@rows, %data);
	while (my $line = <$fh>) {
		$line =~ s/\r?\n\z//;
		next if $line =~ /^\s*(#|$)/;
		my $f = csv_fields($line);
		die "mkasndb.pl: $name:$.: not a CSV line: $line\n" unless $f && @$f >= 3;
		next if $f->[0] =~ /:/;    # IPv6: rblscope looks up IPv4 only
		my ($start, $end) = (ipv4_text($f->[0]), ipv4_text($f->[1]));
		die "mkasndb.pl: $name:$.: bad address range '$f->[0]','$f->[1]'\n"
			unless defined $start && defined $end
			&& ipv4_number($start) <= ipv4_number($end);
		die "mkasndb.pl: $name:$.: bad ASN '$f->[2]'\n"
			unless $f->[2] =~ /^(?:AS)?(\d+)$/i && $1 <= 4294967295;
		my $asn = $1 + 0;
		my $org = decode('UTF-8', $f->[3] // '');
		push @rows, [ $start, $end, $data{"$asn\0$org"} //= record($asn, $org) ];
	}
	return \@rows;
}

# GeoLite2-ASN leaves a key out rather than storing an empty value.
sub record {
	my ($asn, $org) = @_;
	my %r;
	$r{autonomous_system_number} = $asn if $asn;
	$r{autonomous_system_organization} = $org if length $org;
	return \%r;
}

sub key_type {
	my ($key) = @_;
	return 'uint32' if $key eq 'autonomous_system_number';
	return 'utf8_string' if $key eq 'autonomous_system_organization';
	die "mkasndb.pl: unexpected key '$key'\n";
}

sub build_tree {
	my ($rows, $ip_version, $record_size) = @_;
	my $tree = MaxMind::DB::Writer::Tree->new(
		ip_version               => $ip_version,
		record_size              => $record_size,
		database_type            => 'GeoLite2-ASN',
		languages                => ['en'],
		description              => { en => 'rblscope test ASN data' },
		map_key_type_callback    => \&key_type,
		alias_ipv6_to_ipv4       => $ip_version == 6 ? 1 : 0,
		remove_reserved_networks => 0,
	);
	$tree->insert_range(@$_) for @$rows;
	return $tree;
}

# Writes through a temporary file so that a failed write leaves no
# half-written database behind.  True on success; false when the tree
# does not fit the record size.
sub write_db {
	my ($tree, $out) = @_;
	my $tmp = "$out.tmp.$$";
	open my $fh, '>:raw', $tmp or die "mkasndb.pl: cannot write '$tmp': $!\n";
	my $ok = eval { $tree->write_tree($fh); 1 };
	my $err = $@;
	close $fh or $ok = 0;
	if (!$ok) {
		unlink $tmp;
		return 0 if $err =~ /exceeds (?:the )?record size/;
		die "mkasndb.pl: cannot write '$out': " . ($err || "$!") . "\n";
	}
	rename $tmp, $out or die "mkasndb.pl: cannot rename '$tmp' to '$out': $!\n";
	return 1;
}

sub main {
	my ($ip_version, $record_size, $out) = (4, 24, undef);
	GetOptions(
		'ip-version=i'  => \$ip_version,
		'record-size=i' => \$record_size,
		'o=s'           => \$out,
	) or die $usage;
	die $usage unless defined $out && @ARGV <= 1;
	die "mkasndb.pl: --ip-version must be 4 or 6\n" unless $ip_version =~ /^[46]$/;
	die "mkasndb.pl: --record-size must be 24, 28 or 32\n" unless $record_size =~ /^(?:24|28|32)$/;

	my ($fh, $name) = (\*STDIN, '-');
	if (@ARGV && $ARGV[0] ne '-') {
		$name = $ARGV[0];
		open $fh, '<:raw', $name or die "mkasndb.pl: cannot read '$name': $!\n";
	}
	my $rows = read_rows($fh, $name);

	# The node count is only known once the tree is built: start small,
	# as MaxMind does, and widen the records when the tree needs it.
	for my $size (grep { $_ >= $record_size } 24, 28, 32) {
		return 0 if write_db(build_tree($rows, $ip_version, $size), $out);
		warn "mkasndb.pl: $size-bit records too small, trying wider ones\n";
	}
	die "mkasndb.pl: the tree does not fit 32-bit records\n";
}

exit main();
