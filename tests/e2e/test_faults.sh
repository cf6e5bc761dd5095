#!/bin/sh
# Lost, late and lying answers.  A lookup that did not get a real answer
# is an `error` with its reason, never `clean` and never `listed`, and
# the export then exits 3:
#  (a) udpproxy drops every query for a known set of names;
#  (b) udpproxy drops 30% of queries at random and delays the rest;
#  (c) a resolver answering 127.255.255.254 (blocked), (d) 127.0.0.1 or
#      an address outside 127/8 (bogus), (e) SERVFAIL or REFUSED;
#  (f) TXT answers full of escape sequences never reach the exports;
#  (g) a resolver that is not there at all;
#  (h) the RFC 5782 probe is sent and reported, and --no-probe skips it;
#  (i) zones failing the probe (dead, or listing everything) are warned
#      about and agree across backends; their reasons are contract names.
. tests/e2e/lib.sh

need_rblscope
make_asn_db "$E2E_FIX/asn.csv" "$T/asn.mmdb" 4
start_rbldnsd "$E2E_FIX/zones" $ZONE_L1 $ZONE_L2 $ZONE_L3
EXP=$E2E_FIX/expected-192.0.2.0.csv
DB="--db $T/asn.mmdb"
FAST="--rate 2000 --retries 0"

# every_cell FILE PERL_CONDITION WHAT: the condition holds for each of
# the zone columns of each row of the normalised CSV FILE ($s the state,
# $c the code, $why the reason, $txt the TXT, $z the key).
every_cell() {
	csv_grep "$1" "grep { my (\$z, \$s, \$c, \$why, \$txt) = (\$_, \$r{\$_}, \$r{\"\${_}_code\"}, \$r{\"\${_}_reason\"}, \$r{\"\${_}_txt\"}); !($2) } qw(l1 l2 l3)" >"$T/bad"
	assert_empty "$T/bad" "$3"
}

# reasons_known FILE WHAT: every *_reason is one the export contract
# names, or empty.
reasons_known() {
	every_cell "$1" "\$why eq '' || grep { \$why eq \$_ } qw($EXPORT_REASONS)" \
		"$2: every reason is empty or one of: $EXPORT_REASONS"
}

# --- (a) named drops ------------------------------------------------------
# Listed and clean addresses in each zone, and an excluded one.
cat >"$T/drop-names" <<EOF
5.2.0.192.$ZONE_L1
6.2.0.192.$ZONE_L1
202.2.0.192.$ZONE_L1
100.2.0.192.$ZONE_L2
130.2.0.192.$ZONE_L2
0.2.0.192.$ZONE_L3
250.2.0.192.$ZONE_L3
EOF
start_udpproxy "$RBLDNSD_PORT" --drop-names "$T/drop-names"
# shellcheck disable=SC2086
rbl named --export csv --resolver "127.0.0.1:$PROXY_PORT" $FAST --timeout 300 $DB 192.0.2.77
expect_status 3 "(a) lookups lost: exits 3"
# The expected results with exactly those seven cells turned to error.
perl -e '
	my %drop; open my $d, "<", $ARGV[0] or die; while (<$d>) { chomp;
		my ($a, $b, $c, $e, $zone) = split /\./, $_, 5;
		my $col = { "dnsbl-1" => 4, "dnsbl-2" => 5, "dnsbl-3" => 6 }->{(split /\./, $zone)[0]};
		$drop{"$e.$c.$b.$a"}{$col} = 1 }
	open my $x, "<", $ARGV[1] or die; print scalar <$x>;
	while (my $l = <$x>) { chomp $l;
		my @f = $l =~ /("(?:[^"]|"")*"|[^,]*)(?:,|$)/g; @f = @f[0 .. 6];
		$f[$_] = "error" for keys %{ $drop{$f[0]} || {} };
		print join(",", @f), "\n" }' "$T/drop-names" "$EXP" >"$T/exp-named"
[ "$(grep -c error "$T/exp-named")" -eq 7 ] || fail "internal: expected file for (a)"
csv_norm 7 <"$T/named.out" >"$T/named.7"
assert_file_eq "$T/exp-named" "$T/named.7" "(a) exactly the dropped lookups are error, all others as expected"
csv_norm 0 <"$T/named.out" >"$T/named.all"
every_cell "$T/named.all" '$s ne "error" || ($why eq "timeout" && $c eq "" && $txt eq "")' \
	"(a) each error has reason timeout and no code or TXT"
reasons_known "$T/named.all" "(a)"
for n in $(cat "$T/drop-names"); do
	grep -q "^drop $n A " "$T/udpproxy.err" || fail "(a) rblscope never asked for $n"
done
ok "(a) every dropped name was asked for"
stop_bg "$PROXY_PID"

# --retries N: a lookup's budget is (N + 1) x --timeout, spent on tries
# spaced by the measured round trip: a lost name is asked again, more
# than once, and never more than 12 times.
start_udpproxy "$RBLDNSD_PORT" --drop-names "$T/drop-names"
# shellcheck disable=SC2086
rbl retries --export csv --resolver "127.0.0.1:$PROXY_PORT" --rate 2000 --retries 2 --timeout 200 $DB 192.0.2.0/28
expect_status 3 "(a) --retries 2: exits 3"
stop_bg "$PROXY_PID"
n=$(grep -c "^drop 5\.2\.0\.192\.$ZONE_L1 A " "$T/udpproxy.err")
[ "$n" -ge 3 ] && [ "$n" -le 12 ] || fail "(a) --retries 2: a lost query was sent $n times, want 3 to 12"
ok "(a) --retries 2: a lost query is sent $n times (3 to 12)"
assert_eq error "$(csv_field "$T/retries.out" 192.0.2.5 l1)" "(a) --retries 2: still error when every try is lost"

# --- (b) random loss and delay ------------------------------------------
start_udpproxy "$RBLDNSD_PORT" --drop 30 --delay 20 --jitter 60 --seed 7
# shellcheck disable=SC2086
rbl lossy --export csv --resolver "127.0.0.1:$PROXY_PORT" $FAST --timeout 800 $DB 192.0.2.77
[ "$RC" -eq 1 ] || [ "$RC" -eq 3 ] || fail "(b) 30% loss: exit $RC, want 1 (all recovered) or 3"
ok "(b) 30% loss: exits $RC"
stop_bg "$PROXY_PID"   # flushes its log
csv_norm 0 <"$T/lossy.out" >"$T/lossy.all"
assert_lines 257 "$T/lossy.all" "(b) still one row per address"
# Join with the expected states: each cell is its expected state or error.
perl -e '
	my $split = sub { my @f = $_[0] =~ /("(?:[^"]|"")*"|[^,]*)(?:,|$)/g; @f[0 .. 6] };
	open my $x, "<", $ARGV[0] or die; <$x>; my %want;
	while (<$x>) { chomp; my @f = $split->($_); $want{$f[0]} = [@f[4 .. 6]] }
	open my $g, "<", $ARGV[1] or die; <$g>; my ($bad, $err) = (0, 0);
	while (<$g>) { chomp; my @f = $split->($_); my $w = $want{$f[0]} or die "unknown row $f[0]\n";
		for my $i (0 .. 2) { my $got = $f[4 + $i];
			if ($got eq "error") { $err++ }
			elsif ($got ne $w->[$i]) { $bad++; print "$f[0] zone ", $i + 1, ": expected $w->[$i], got $got\n" } } }
	print "errors $err\n"; exit($bad ? 1 : 0)' "$EXP" "$T/lossy.all" >"$T/lossy.cmp" ||
	{ cat "$T/lossy.cmp"; fail "(b) a lost lookup came out as a wrong state"; }
ok "(b) every cell is its expected state or error (never clean for listed, nor listed for clean)"
nerr=$(sed -n 's/^errors //p' "$T/lossy.cmp")
ok "(b) $nerr lookups reported as error"
# A timeout only where a query really was lost: each error cell's name is
# in the proxy's drop log.  A lost try is retried: fewer names end as
# errors than the proxy lost tries of.
perl -e '
	my %dropped_any; my %dropped_a;
	open my $l, "<", $ARGV[0] or die; while (<$l>) {
		next unless /^drop (\S+) (\S+) /; my ($n, $t) = ($1, $2);
		next if $n =~ /^\d+\.\d+\.\d+\.127\./;
		$dropped_any{$n} = 1; $dropped_a{$n} = 1 if $t eq "A" }
	my %zone = (l1 => "dnsbl-1.uceprotect.net", l2 => "dnsbl-2.uceprotect.net", l3 => "dnsbl-3.uceprotect.net");
	my @h = qw(l1 l2 l3); my ($bad, $lost_a, $errs) = (0, 0, 0);
	open my $g, "<", $ARGV[1] or die; <$g>;
	while (<$g>) { chomp; my @f = /("(?:[^"]|"")*"|[^,]*)(?:,|$)/g;
		my $rev = join ".", reverse split /\./, $f[0];
		for my $i (0 .. 2) { my $n = "$rev.$zone{$h[$i]}"; my $s = $f[4 + $i];
			my $why = $f[10 + 5 * $i];   # l1_reason, l2_reason, l3_reason
			if ($s eq "error" && !$dropped_any{$n}) { $bad++; print "$n: error ($why) but never lost\n" }
			if ($s eq "error" && $why ne "timeout") { $bad++; print "$n: reason $why, expected timeout\n" }
			$lost_a++ if $dropped_a{$n}; $errs++ if $s eq "error" } }
	print "lost $lost_a errors $errs\n";
	if ($errs >= $lost_a) { $bad++; print "no lost A try was recovered by a retry\n" }
	exit($bad ? 1 : 0)' "$T/udpproxy.err" "$T/lossy.all" >"$T/lossy.why" ||
	{ head -n 20 "$T/lossy.why"; fail "(b) errors do not match the lost queries"; }
ok "(b) errors (timeout) only where the proxy lost queries; retries recovered some: $(tail -n 1 "$T/lossy.why")"

# --- (c)-(e) resolvers that lie ------------------------------------------
# lying_resolver TAG REASON FAKEDNS_OPTION...
lying_resolver() {
	tag=$1 why=$2
	shift 2
	start_fakedns "$@"
	for fmt in csv json; do
		# shellcheck disable=SC2086
		rbl $tag.$fmt --export $fmt --resolver "127.0.0.1:$FAKEDNS_PORT" $FAST --timeout 1000 $DB 192.0.2.77
		expect_status 3 "$tag: $fmt exits 3"
	done
	csv_norm 0 <"$T/$tag.csv.out" >"$T/$tag.all"
	assert_lines 257 "$T/$tag.all" "$tag: one row per address"
	every_cell "$T/$tag.all" "\$s eq 'error' && \$why eq '$why' && \$txt eq ''" \
		"$tag: every lookup is error with reason $why"
	reasons_known "$T/$tag.all" "$tag"
	json_to_csv <"$T/$tag.json.out" >"$T/$tag.json.csv" || fail "$tag: json unreadable"
	assert_file_eq "$T/$tag.all" "$T/$tag.json.csv" "$tag: json says the same"
	rbl $tag.text --export text --resolver "127.0.0.1:$FAKEDNS_PORT" $FAST --timeout 1000 $DB 192.0.2.77
	expect_status 3 "$tag: text exits 3"
	stop_bg "$FAKEDNS_PID"
}

lying_resolver blocked blocked -a 127.255.255.254
# RFC 5782 probe: 127.0.0.2 did not come back listed, so the text export
# must warn about each zone's health (not only list failed lookups).
grep -iE 'probe|health|dead|rfc ?5782|test entr' "$T/blocked.text.out" >"$T/blocked.warn" ||
	fail "(c) blocked: no zone health warning in the text export"
for k in 1 2 3; do
	grep -qE "(^|[^[:alnum:]])l$k([^[:alnum:]]|\$)|dnsbl-$k\.uceprotect\.net" "$T/blocked.warn" ||
		fail "(c) blocked: the zone health warning does not name l$k"
done
ok "(c) blocked: the text export warns about the health of every zone"

lying_resolver bogus bogus -a 127.0.0.1
lying_resolver hijack bogus -a 192.0.2.1
lying_resolver servfail servfail --rcode servfail
lying_resolver refused refused --rcode refused

# --- (f) escape sequences in TXT ------------------------------------------
# Clear screen, set window title, bell, CR, LF, DEL, C1 CSI raw and in
# UTF-8, and a backspace.
start_fakedns -a 127.0.0.2 --txt 'IP listed\033[2J\033]0;pwned\a\r\nfake line\x7f\x9b\302\2336n\b end'
for fmt in csv json text; do
	# shellcheck disable=SC2086
	rbl esc.$fmt --export $fmt --no-probe --resolver "127.0.0.1:$FAKEDNS_PORT" $FAST --timeout 1000 $DB 192.0.2.77
	expect_status 1 "(f) everything listed: $fmt exits 1"
	assert_eq 0 "$(control_bytes "$T/esc.$fmt.out")" "(f) $fmt: no control character or escape sequence"
	assert_contains "$T/esc.$fmt.out" "pwned" "(f) $fmt: the TXT is there, sanitised"
done
csv_norm 0 <"$T/esc.csv.out" >"$T/esc.all"
every_cell "$T/esc.all" '$s eq "listed" && $txt =~ /^IP listed.*end\z/ && $txt !~ /[\x00-\x1f\x7f]/' \
	"(f) csv: every TXT is the sanitised text"
json_to_csv <"$T/esc.json.out" >"$T/esc.json.csv" || fail "(f) json unreadable"
every_cell "$T/esc.json.csv" '$txt =~ /^IP listed.*end\z/ && $txt !~ /[\x00-\x1f\x7f]|\xc2[\x80-\x9f]/' \
	"(f) json: decoded TXT holds no control character"
stop_bg "$FAKEDNS_PID"

# --- (g) nobody there ------------------------------------------------------
port=$(free_port) || exit 1
# shellcheck disable=SC2086
rbl nobody --export csv --resolver "127.0.0.1:$port" $FAST --timeout 300 $DB 192.0.2.0/28
expect_status 3 "(g) no resolver: exits 3"
csv_norm 0 <"$T/nobody.out" >"$T/nobody.all"
assert_lines 17 "$T/nobody.all" "(g) one row per address"
every_cell "$T/nobody.all" '$s eq "error" && ($why eq "timeout" || $why eq "network")' \
	"(g) every lookup is error (timeout or network)"

# --- (h) the RFC 5782 probe, and --no-probe --------------------------------
: >"$T/probe-names"
for z in $ZONE_L1 $ZONE_L2 $ZONE_L3; do
	printf '2.0.0.127.%s\n1.0.0.127.%s\n' "$z" "$z" >>"$T/probe-names"
done
start_udpproxy "$RBLDNSD_PORT" --drop-names "$T/probe-names"
# shellcheck disable=SC2086
rbl probe --export text --resolver "127.0.0.1:$PROXY_PORT" $FAST --timeout 300 $DB 192.0.2.0/28
stop_bg "$PROXY_PID"
for n in $(cat "$T/probe-names"); do
	grep -q "^drop $n A " "$T/udpproxy.err" || fail "(h) the probe never asked for $n"
done
ok "(h) each zone is probed for 127.0.0.2 and 127.0.0.1"
grep -iE 'probe|health|dead|rfc ?5782|test entr' "$T/probe.out" | grep -q 'l1\|dnsbl-1' ||
	fail "(h) an unanswered probe gives no zone health warning"
ok "(h) an unanswered probe is reported in the text export"

start_udpproxy "$RBLDNSD_PORT" --drop-names "$T/probe-names"
# shellcheck disable=SC2086
rbl noprobe --export csv --no-probe --resolver "127.0.0.1:$PROXY_PORT" $FAST --timeout 300 $DB 192.0.2.0/28
stop_bg "$PROXY_PID"
expect_status 1 "(h) --no-probe: exits 1"
grep -q '^drop .*\.0\.0\.127\.' "$T/udpproxy.err" &&
	fail "(h) --no-probe still probed: $(grep '^drop ' "$T/udpproxy.err" | head -n 1)"
ok "(h) --no-probe sends no probe query"
csv_norm 7 <"$T/noprobe.out" >"$T/noprobe.7"
head -n 17 "$E2E_FIX/expected-192.0.2.0.csv" >"$T/exp28"
assert_file_eq "$T/exp28" "$T/noprobe.7" "(h) --no-probe: results as expected"

# --- (i) zones that fail their RFC 5782 probe ------------------------------
# l2 also lists 127.0.0.1 (a list that lists everything), l3 lost its
# test entry 127.0.0.2 (a dead list); l1 is healthy.  Both backends.
mkdir -p "$T/sick"
cp "$E2E_FIX"/zones/* "$T/sick/"
echo 127.0.0.1 >>"$T/sick/$ZONE_L2"
grep -v '^127\.0\.0\.2 ' "$E2E_FIX/zones/$ZONE_L3" >"$T/sick/$ZONE_L3"
start_rbldnsd "$T/sick" $ZONE_L1 $ZONE_L2 $ZONE_L3
for fmt in csv text; do
	# shellcheck disable=SC2086
	rbl sick.$fmt --export $fmt --zones "$T/sick" $DB 192.0.2.77
	sick_rc=$RC
	# shellcheck disable=SC2086
	rbl sick-dns.$fmt --export $fmt --resolver "127.0.0.1:$RBLDNSD_PORT" $FAST --timeout 2000 $DB 192.0.2.77
	assert_eq "$sick_rc" "$RC" "(i) $fmt: the same exit status from --zones and --resolver"
done
assert_file_eq "$T/sick.csv.out" "$T/sick-dns.csv.out" "(i) --zones and --resolver agree on sick zones"
csv_norm 0 <"$T/sick.csv.out" >"$T/sick.all"
assert_lines 257 "$T/sick.all" "(i) one row per address"
csv_grep "$T/sick.all" 'my $n = (split /\./, $r{ip})[3];
	$r{l1} ne ({ map { $_ => 1 } 5, 17, 66, 130, 200, 201, 203 }->{$n} ? "listed" : "clean")' >"$T/bad"
assert_empty "$T/bad" "(i) the healthy zone l1 is unaffected"
for f in sick sick-dns; do
	grep -iE 'probe|health|dead|rfc ?5782|test entr|lists? (all|every)' "$T/$f.text.out" >"$T/$f.warn" ||
		fail "(i) $f: no zone health warning in the text export"
	for k in 2 3; do
		grep -qE "(^|[^[:alnum:]])l$k([^[:alnum:]]|\$)|dnsbl-$k\.uceprotect\.net" "$T/$f.warn" ||
			fail "(i) $f: the zone health warning does not name l$k"
	done
done
ok "(i) the text export warns about l2 and l3"
if grep -q ',error,' "$T/sick.all"; then want=3; else want=1; fi
rbl sick.status --export csv --zones "$T/sick" $DB 192.0.2.77
expect_status $want "(i) exit status $want, as the csv's states say"
# Last, so the checks above still report: a zone that fails its probe
# must give its lookups a reason the export contract names.
reasons_known "$T/sick.all" "(i)"
# A zone that lists 127.0.0.1 lists anything and is not believed: none
# of its answers is shown as listed or clean, each is an error with the
# reason "untrusted".  A zone without 127.0.0.2 is reported, but its
# answers stand: l3 reads as the fixture says.
csv_grep "$T/sick.all" '$r{l2} ne "error" || $r{l2_reason} ne "untrusted"' >"$T/bad"
assert_empty "$T/bad" "(i) every answer of l2, which lists 127.0.0.1, is an untrusted error"
l3_listed=$(awk -F, 'NR > 1 && $NF == "listed" { print $1 }' "$EXP" | tr '\n' ' ')
csv_grep "$T/sick.all" "my %l = map { \$_ => 1 } qw($l3_listed);
	\$r{l3} ne (\$l{\$r{ip}} ? 'listed' : 'clean')" >"$T/bad"
assert_empty "$T/bad" "(i) l3, which lacks 127.0.0.2, still answers as its data says"
assert_eq 3 "$want" "(i) an untrusted zone makes the result incomplete (exit 3)"

done_testing
