#!/bin/sh
# make bench: rblscope against named peers in the same run, as ratios.
#  1. DNS: export of a /16 on the three UCEPROTECT zones (196,608 A
#     queries plus a TXT query per listing) from rbldnsd on loopback with
#     --rate 0, against dnsperf sending the very same queries to the same
#     server, both with at most 100 queries in flight (more makes rbldnsd
#     drop queries on loopback).  Target: within 1.25x of dnsperf.
#  2. ASN data: the walk of a real ASN database (tests/bench/asn.sh), and
#     the ASN columns of exports checked against that real table
#     (tests/bench/asn-check.sh).
#  3. Network: slow, lossy and dead paths against adnshost and dnsperf,
#     in a network namespace of its own (tests/bench/net.sh).
#  4. Internet-scale zones (tests/bench/census.sh): a zone set drawn from
#     the real ASN table by tests/bench/internet-zones.pl; the zone load
#     against rbldnsd loading the same files, and the census
#     (--census) as a ratio to the load, against 128 MiB of peak RSS.
#  5. History (tests/bench/history.sh): a year of daily recorded scans
#     of 40 /24s, its size against gzip'd JSON Lines snapshots and the
#     time of --history; a day of hourly scans of a /24 and its growth.
# Nothing here is part of make check; all traffic stays on 127.0.0.1.

. tests/e2e/lib.sh

RUNS=${BENCH_RUNS:-5}
NET=198.18.0.0/16

command -v dnsperf >/dev/null 2>&1 || skip "dnsperf is not installed (Debian package dnsperf)"
need_rblscope

# The benchmarks' zone data (tests/bench/zones.pl says what it lists).
zones=$T/zones
mkdir -p "$zones"
perl tests/bench/zones.pl "$zones" || fail "cannot write the bench zones"
start_rbldnsd "$zones" "$ZONE_L1" "$ZONE_L2" "$ZONE_L3"

# The time of one command in seconds, with its output thrown away.
timed() {
	perl -MTime::HiRes=time -e '
		my $t = time; system(@ARGV) == 0 or $? >> 8 <= 1 or exit 3;
		printf "%.3f\n", time - $t;' "$@"
}

csv=$T/bench.csv
note "rblscope: one export to learn which names are listed"
$RBLSCOPE --export csv --rate 0 --window 100 --no-probe --resolver "127.0.0.1:$RBLDNSD_PORT" \
	--output "$csv" "$NET" 2>"$T/rbl.err"
rc=$?
[ $rc -le 1 ] || { cat "$T/rbl.err"; fail "rblscope export failed (exit $rc)"; }
grep -c ',error,' "$csv" | grep -qx 0 || fail "the reference export has failed lookups"

# The same queries for dnsperf: an A query per address and zone, a TXT
# query per listing, in rblscope's order.
queries=$T/queries.txt
awk -F, 'NR > 1 {
	split($1, o, ".");
	rev = o[4] "." o[3] "." o[2] "." o[1];
	z[1] = "dnsbl-1.uceprotect.net"; z[2] = "dnsbl-2.uceprotect.net"; z[3] = "dnsbl-3.uceprotect.net";
	for (i = 1; i <= 3; i++) {
		print rev "." z[i] " A";
		if ($(4 + i) == "listed") print rev "." z[i] " TXT";
	}
}' "$csv" >"$queries"
nq=$(wc -l <"$queries")
note "$nq queries per run, $RUNS runs each, alternating"

best() { sort -n | head -n 1; }
median() { sort -n | awk '{ v[NR] = $1 } END { print v[int((NR + 1) / 2)] }'; }
rbl_times= perf_times=
i=0
while [ $i -lt "$RUNS" ]; do
	i=$((i + 1))
	rbl_times="$rbl_times $(timed $RBLSCOPE --export csv --rate 0 --window 100 --no-probe \
		--resolver "127.0.0.1:$RBLDNSD_PORT" --output "$T/run.csv" "$NET")"
	perf_times="$perf_times $(timed sh -c "dnsperf -s 127.0.0.1 -p $RBLDNSD_PORT -d $queries \
		-n 1 -q 100 -t 5 >$T/dnsperf.out 2>&1")"
done
rbl=$(echo $rbl_times | tr ' ' '\n' | best)
perf=$(echo $perf_times | tr ' ' '\n' | best)
grep -E 'Queries (sent|completed|lost)' "$T/dnsperf.out" | sed 's/^/# dnsperf: /'
cmp -s "$csv" "$T/run.csv" || fail "the timed export differs from the reference export"
ratio=$(echo "$rbl $perf" | awk '{ printf "%.2f", $1 / $2 }')
rbl_med=$(echo $rbl_times | tr ' ' '\n' | median)
perf_med=$(echo $perf_times | tr ' ' '\n' | median)
ratio_med=$(echo "$rbl_med $perf_med" | awk '{ printf "%.2f", $1 / $2 }')
echo "bench dns: best of $RUNS: rblscope ${rbl}s, dnsperf ${perf}s, ratio ${ratio}x (target <= 1.25x), $nq queries"
echo "bench dns: median: rblscope ${rbl_med}s, dnsperf ${perf_med}s, ratio ${ratio_med}x"
echo "bench dns: runs rblscope:$rbl_times; dnsperf:$perf_times"

# A skip (no adnshost, no namespaces) is no failure of the rest.
sh tests/bench/net.sh
rc=$?
[ $rc -eq 0 ] || [ $rc -eq 77 ] || fail "network benchmarks failed (exit $rc)"

sh tests/bench/asn.sh || fail "ASN benchmark failed"
sh tests/bench/asn-check.sh || fail "ASN columns differ from the real table"

sh tests/bench/history.sh || fail "history benchmark failed"

# A skip (the ASN table cannot be fetched) is no failure of the rest.
sh tests/bench/census.sh
rc=$?
[ $rc -eq 0 ] || [ $rc -eq 77 ] || fail "internet-scale zone benchmark failed (exit $rc)"
echo "1 passed, 0 failed"
