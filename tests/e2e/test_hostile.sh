#!/bin/sh
# A /24 against hostiledns, which answers each address's lookup with
# another broken, lying or unusual reply (the table in
# tests/tools/hostiledns.c: wrong response codes, too many codes, bad
# record lengths, header lies, records for other names, classes or
# types, CNAME chains, silence, truncation, hostile TXT).  Each address
# must come out as that table says, in the CSV and in the JSON export:
# a failed lookup is never clean, a bogus answer never listed.  The
# expectations come from `hostiledns --table`, so they are written once.
# The text export holds no control byte, and every export exits 3 (some
# lookups failed).
. tests/e2e/lib.sh

need_rblscope
ZONE=hostile.test
NET=198.51.100.0/24
HOSTILE=$(tool hostiledns) || fail "no hostiledns"
"$HOSTILE" --table >"$T/table" || fail "hostiledns --table failed"
if [ ! -s "$T/table" ] || [ "$(awk -F '\t' 'NF != 5' "$T/table" | wc -l)" -ne 0 ]; then
	fail "hostiledns --table: not OCTET STATE REASONS TXT WHAT lines"
fi
ok "the behaviour table has $(awk 'END { print NR }' "$T/table") rows"

spawn hostiledns "$HOSTILE" -l 127.0.0.1:0
HOSTILE_PID=$BG_PID
wait_port hostiledns
HOSTILE_PORT=$PORT
dns_ready "$HOSTILE_PORT" "2.0.0.127.$ZONE" || fail "hostiledns does not answer"
note "hostiledns on 127.0.0.1:$HOSTILE_PORT"
# One zone (the psbl profile's), served by hostiledns; no retry, so a
# lost reply is a timeout at once.
RUN="--profile psbl --zone psbl=$ZONE --resolver 127.0.0.1:$HOSTILE_PORT --rate 0 --timeout 300 --retries 0"
HEADER=ip,asn,as_org,as_network,psbl,psbl_code,psbl_codes,psbl_meanings,psbl_reason,psbl_txt,class,target

# check_cells CSV WHAT: every row of the normalised CSV is what the table
# says of its last octet (octets not in it: clean).  Prints one line per
# wrong address.
check_cells() {
	perl -e '
		use strict; use warnings;
		my ($table, $file) = @ARGV;
		my %want;
		open my $t, "<", $table or die "$table: $!\n";
		while (<$t>) { chomp; my @f = split /\t/; $want{$f[0]} = [@f[1 .. 4]] }
		my $split = sub { my @f; my $l = shift;
			while ($l =~ /\G(?:"((?:[^"]|"")*)"|([^,]*))(,|$)/g) {
				my ($v, $end) = (defined $1 ? $1 : $2, $3);
				$v =~ s/""/"/g; push @f, $v; last if $end eq "" }
			@f };
		open my $g, "<", $file or die "$file: $!\n";
		<$g>;
		my ($rows, $bad, %seen) = (0, 0);
		while (my $l = <$g>) {
			chomp $l; $rows++;
			my ($ip, $s, $code, $why, $txt) = ($split->($l))[0, 4, 5, 8, 9];
			my $o = (split /\./, $ip)[3]; $seen{$o} = 1;
			my ($ws, $wwhy, $wtxt, $what) = @{ $want{$o} || ["clean", "-", "-", "NXDOMAIN"] };
			my @err;
			my %why = map { $_ => 1 } split /,/, $wwhy;
			push @err, "state $s" if $s ne $ws;
			push @err, "reason \"$why\"" if $ws eq "error" ? !$why{$why} : $why ne "";
			push @err, "code \"$code\"" if ($ws eq "listed" && $code ne "127.0.0.2") ||
				($ws eq "clean" && $code ne "");
			push @err, "TXT \"$txt\"" if ($ws ne "listed" && $txt ne "") ||
				($ws eq "listed" && $wtxt ne "-" && index($txt, $wtxt) != 0) ||
				$txt =~ /[\x00-\x1f\x7f]/;
			next unless @err;
			$bad++;
			print "$ip ($what): expected $ws", ($ws eq "error" ? " ($wwhy)" : ""),
				", got ", join(", ", @err), "\n";
		}
		print "$rows rows, expected 256\n" and $bad++ if $rows != 256;
		for my $o (sort { $a <=> $b } keys %want) {
			print "no row for octet $o\n" and $bad++ unless $seen{$o} }
		exit($bad ? 1 : 0)' "$T/table" "$1" >"$T/wrong" || {
		cat "$T/wrong"
		fail "$2: $(wc -l <"$T/wrong") addresses differ from the table"
	}
	ok "$2: every address is as the table says"
}

# --- the three exports --------------------------------------------------
# Everything but the per-address table first, so that a wrong address
# does not hide the other checks.
# shellcheck disable=SC2086
rbl hostile.csv --export csv $RUN $NET
expect_status 3 "csv: exits 3 (lookups failed)"
head -n 1 "$T/hostile.csv.out" | tr -d '\r' >"$T/header"
assert_eq "$HEADER" "$(cat "$T/header")" "csv: the header of the psbl profile"
csv_norm 0 <"$T/hostile.csv.out" >"$T/csv.all" || fail "csv: unreadable"
# The RFC 5782 test entries answer as a healthy list's: no warning.
assert_not_contains "$T/hostile.csv.err" "warning: zone" "csv: the zone passes its RFC 5782 probe"

# shellcheck disable=SC2086
rbl hostile.json --export json $RUN $NET
expect_status 3 "json: exits 3 (lookups failed)"
saved_header=$EXPORT_HEADER
EXPORT_HEADER=$HEADER
json_to_csv <"$T/hostile.json.out" >"$T/json.all" || fail "json: unreadable"
EXPORT_HEADER=$saved_header
assert_file_eq "$T/csv.all" "$T/json.all" "json says what csv says"

# shellcheck disable=SC2086
rbl hostile.text --export text $RUN $NET
expect_status 3 "text: exits 3 (lookups failed)"
assert_contains "$T/hostile.text.out" "pwned" "text: the hostile TXT is there, sanitised"
for f in text csv json; do
	assert_eq 0 "$(control_bytes "$T/hostile.$f.out")" "$f: no control character or escape sequence"
done

stop_bg "$HOSTILE_PID"   # writes its counts
tcp=$(sed -n 's/.*(\([0-9]*\) over TCP).*/\1/p' "$T/hostiledns.err")
if [ -z "$tcp" ] || [ "$tcp" -eq 0 ]; then
	fail "no query came over TCP: $(cat "$T/hostiledns.err")"
fi
ok "truncated replies were asked again over TCP ($tcp queries)"

# --- every address as the table says ---------------------------------------
check_cells "$T/csv.all" "csv"
check_cells "$T/json.all" "json"

done_testing
