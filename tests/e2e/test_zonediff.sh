#!/bin/sh
# Differential test of the offline backend: random rbldnsd zone files
# (tests/tools/zonegen.c: ip4set and ip4trie, single addresses, CIDRs of
# every length from /8 to /32, short forms, a-b ranges, exclusions,
# default lines, per-entry values, $ substitutions, comments and lines
# rbldnsd skips) are served by the real rbldnsd on a loopback port, and
# rblscope --zones must answer exactly as rbldnsd does at every entry's
# ends (start-1, start, end, end+1) and at random addresses: the same
# state, code, reason and TXT that rblscope would show from rbldnsd's
# answer (A records in answer order, TXT records joined by a space).
#   ZONEDIFF_ROUNDS=N ZONEDIFF_SEED=S sh tests/e2e/test_zonediff.sh
. tests/e2e/lib.sh

need_rblscope
[ -x /usr/sbin/rbldnsd ] || skip "/usr/sbin/rbldnsd is not installed (Debian package rbldnsd)"
ROUNDS=${ZONEDIFF_ROUNDS:-4}
SEED=${ZONEDIFF_SEED:-20240611}
GEN=$(tool zonegen) || fail "no zonegen"
started=$(date +%s)
compared=0

# serve DIR: rbldnsd with DIR/set.test (ip4set) and DIR/trie.test
# (ip4trie) on a free loopback port, in RBLDNSD_PORT.
serve() {
	chmod -R a+rX "$1"
	user=
	[ "$(id -u)" -eq 0 ] && user="-u rbldns"
	for try in 1 2 3 4 5; do
		RBLDNSD_PORT=$(free_port) || exit 1
		# shellcheck disable=SC2086
		spawn rbldnsd /usr/sbin/rbldnsd -n $user -b "127.0.0.1/$RBLDNSD_PORT" \
			"set.test:ip4set:$1/set.test" "trie.test:ip4trie:$1/trie.test"
		RBLDNSD_PID=$BG_PID
		dns_ready "$RBLDNSD_PORT" 1.0.0.10.set.test && return 0
		stop_bg "$RBLDNSD_PID"
		note "rbldnsd did not start (try $try)"
	done
	cat "$T/rbldnsd.err"
	fail "rbldnsd did not start"
}

# The zones' codes are random: a profile that takes any 127/8 code, so
# that what is compared is the zone semantics, not the codes' meanings.
cat >"$T/any.profile" <<'EOF'
name zonediff
title rbldnsd's semantics, any code

zone l1 set.test single
title an ip4set zone
codes any

zone l2 trie.test range
title an ip4trie zone
codes any

zone l3 unused.test asn
title the ip4set zone again
codes any
EOF

# export DIR PROBES OUT: rblscope --zones rows for the probe addresses:
# whole /16s where the probes are dense, their /24s elsewhere.
export_probes() {
	: >"$3"
	perl -ne 'chomp; my @o = split /\./; $s{"$o[0].$o[1]"}{"$o[0].$o[1].$o[2]"} = 1;
		END { for my $b (sort keys %s) { my @c = sort keys %{$s{$b}};
			print @c >= 9 ? "$b.0.0/16\n" : map { "$_.0/24\n" } @c } }' "$2" |
	while read -r target; do
		"$RBLSCOPE" --export csv --zones "$1" --no-probe --profile-file "$T/any.profile" \
			--profile zonediff --zone l3=set.test "$target" >>"$3" 2>"$T/export.err"
		rc=$?   # 3: a 127.0.0.1 answer is a failed lookup
		[ $rc -le 1 ] || [ $rc -eq 3 ] || { cat "$T/export.err"; echo "EXPORT FAILED $1 $target: exit $rc"; }
	done
}

# compare PROBES SETANSWERS TRIEANSWERS CSV: the number of addresses
# compared, or the mismatches (and exit 1).
compare() {
	perl -e '
		use strict; use warnings;
		my ($probes, $set, $trie, $csv) = @ARGV;
		my %want;
		for my $f ([$set, "l1"], [$trie, "l2"]) {
			open my $fh, "<", $f->[0] or die "$f->[0]: $!\n";
			while (<$fh>) {
				chomp; my ($ip, $codes, $txt) = split /\t/, $_, 3;
				my @c = grep { length } split /,/, $codes;
				my @w = ("clean", "", "", "");
				if (@c) {
					@w = ("listed", $c[0], "", $txt);
					for my $c (@c) {   # the rules of lk_classify_a
						my $why = $c !~ /^127\./ || $c eq "127.0.0.1" ? "bogus"
						        : $c =~ /^127\.255\.255\./ ? "blocked" : "";
						if ($why) { @w = ("error", $c, $why, ""); last }
					}
				}
				$want{$ip}{$f->[1]} = join "|", @w;
			}
		}
		my (%got, @h);
		open my $fh, "<", $csv or die "$csv: $!\n";
		while (<$fh>) {
			chomp; my @f;
			while (/\G(?:"((?:[^"]|"")*)"|([^,]*))(,|$)/g) {
				my ($v, $end) = (defined $1 ? $1 : $2, $3);
				$v =~ s/""/"/g; push @f, $v; last if $end eq "";
			}
			if ($f[0] eq "ip") { @h = @f; next }
			my %r; @r{@h} = @f;
			$got{$r{ip}}{$_} = join "|", map { $r{$_} } $_, "${_}_code", "${_}_reason", "${_}_txt"
				for "l1", "l2";
		}
		my ($n, $bad) = (0, 0);
		open my $ph, "<", $probes or die;
		my %seen;
		while (my $ip = <$ph>) {
			chomp $ip; next if $seen{$ip}++;
			for my $z ("l1", "l2") {
				my $g = $got{$ip}{$z} // "(no row)";
				next if $g eq $want{$ip}{$z};
				print "MISMATCH ", ($z eq "l1" ? "ip4set" : "ip4trie"), " $ip: rbldnsd $want{$ip}{$z}, rblscope $g\n" if $bad++ < 20;
			}
			$n++;
		}
		print "$n\n" unless $bad;
		exit($bad ? 1 : 0);' "$@"
}

r=0
while [ $r -lt "$ROUNDS" ]; do
	seed=$((SEED + r))
	d=$T/round$r
	mkdir -p "$d"
	"$GEN" gen "$seed" set "$d/set.test" "$d/probes" || fail "zonegen gen $seed set"
	"$GEN" gen "$seed" trie "$d/trie.test" "$d/probes.trie" || fail "zonegen gen $seed trie"
	cat "$d/probes.trie" >>"$d/probes"
	serve "$d"
	"$GEN" ask "127.0.0.1:$RBLDNSD_PORT" set.test <"$d/probes" >"$d/set.ans" || fail "seed $seed: asking rbldnsd failed"
	"$GEN" ask "127.0.0.1:$RBLDNSD_PORT" trie.test <"$d/probes" >"$d/trie.ans" || fail "seed $seed: asking rbldnsd failed"
	stop_bg "$RBLDNSD_PID"
	export_probes "$d" "$d/probes" "$d/zones.csv" >"$d/export.log"
	grep -q "EXPORT FAILED" "$d/export.log" && { cat "$d/export.log"; fail "seed $seed: rblscope --zones failed"; }
	if ! out=$(compare "$d/probes" "$d/set.ans" "$d/trie.ans" "$d/zones.csv"); then
		echo "$out"
		KEEP_TMP=1
		fail "seed $seed: rblscope --zones differs from rbldnsd (files kept in $d; ZONEDIFF_SEED=$seed ZONEDIFF_ROUNDS=1 to rerun)"
	fi
	ok "seed $seed: $out addresses answer alike in ip4set and ip4trie zones"
	compared=$((compared + out))
	r=$((r + 1))
done
note "$compared addresses compared in $ROUNDS rounds, $(($(date +%s) - started)) s"
done_testing
