#!/bin/sh
# make bench, the network part: rblscope against peers on paths that are
# slow, lossy or dead.  Run from the repository root: sh tests/bench/net.sh.
#  1. 198.19.0.0/24 on the three UCEPROTECT zones behind 40 ms of round
#     trip (udpproxy --delay delays replies only), against adnshost (in
#     chunks, the fastest of a few sizes) and dnsperf replaying
#     rblscope's queries.
#  2. The same at 30% query loss: how many addresses stay unknown.
#  3. 198.18.0.0/16 with no delay: times and peak RSS, against dnsperf
#     and adnshost.
#  4. The /16 against a black hole and a closed port: how long rblscope
#     takes to give up, and its exit status.
# Each timed benchmark runs ROUNDS rounds, each tool once a round, the
# order turned around every other round; a peer's time is also given as
# a ratio to rblscope's time in the same round (above 1: rblscope faster).
# adnshost asks port 53 only, so the whole script runs in a network
# namespace of its own: rbldnsd on 127.0.0.2:53, udpproxy on
# 127.0.0.1:53, nothing reaches the host's network.

# --- settings: change them here -------------------------------------------

ROUNDS=${BENCH_ROUNDS:-3}
# What every timed rblscope run gets besides --export, --resolver and
# --output.
RBL_OPTS=${BENCH_RBL_OPTS:---rate 0}
# What the runs against a dead resolver get: the default timeouts.
RBL_DEAD_OPTS=${BENCH_RBL_DEAD_OPTS:---rate 0}
# dnsperf's queries in flight at most, as rblscope's --window.
PERF_WINDOW=${BENCH_PERF_WINDOW:-100}
# adnshost's names per process, tried on each path (on a /20 of the /16
# in benchmark 3); the fastest is kept.  Under loss every process waits
# for its slowest name, so the lossy path gets the bigger sizes.
ADNS_CHUNKS=${BENCH_ADNS_CHUNKS:-50 100 200 400 768}
ADNS_LOSS_CHUNKS=${BENCH_ADNS_LOSS_CHUNKS:-400 768}
# Without delay a big process loses queries to full socket buffers and
# waits 2 s to resend them: over a minute a try from 400 names up.
ADNS_BIG_CHUNKS=${BENCH_ADNS_BIG_CHUNKS:-50 100 200}
DELAY_MS=${BENCH_DELAY_MS:-40}
LOSS_PCT=${BENCH_LOSS_PCT:-30}
# Seconds any one run may take; a dead-resolver run is cut off after
# DEAD_CAP seconds.
LIMIT=${BENCH_LIMIT:-300}
DEAD_CAP=${BENCH_DEAD_CAP:-120}
NET24=198.19.0.0/24
NET16=198.18.0.0/16
SERVER_IP=127.0.0.2
PROXY_IP=127.0.0.1

# --- a network namespace of our own ---------------------------------------

if [ "${RBLSCOPE_BENCH_NETNS:-}" != 1 ]; then
	[ -f tests/e2e/lib.sh ] || { echo "run from the repository root" >&2; exit 2; }
	for c in unshare ip; do
		command -v $c >/dev/null 2>&1 ||
			{ echo "SKIP: $c is not installed (Debian packages util-linux, iproute2)"; exit 77; }
	done
	unshare -n true 2>/dev/null ||
		{ echo "SKIP: cannot make a network namespace (unshare -n needs root)"; exit 77; }
	RBLSCOPE_BENCH_NETNS=1 exec unshare -n sh -c \
		'ip link set lo up && exec sh tests/bench/net.sh' || exit 2
fi

. tests/e2e/lib.sh

for c in dnsperf:dnsperf adnshost:adns-tools /usr/bin/time:time perl:perl; do
	command -v "${c%%:*}" >/dev/null 2>&1 ||
		skip "${c%%:*} is not installed (Debian package ${c#*:})"
done
need_rblscope
ip -o addr show lo | grep -q 'inet 127\.0\.0\.1/' || fail "the namespace has no loopback"

# --- zones and servers ----------------------------------------------------

# make_zones DIR: the zones (tests/bench/zones.pl says what they list).
make_zones() {
	mkdir -p "$1"
	perl tests/bench/zones.pl "$1" || fail "cannot write the bench zones"
}

# ready ADDR:PORT: the DNS server there answers (5 s at most).
ready() {
	dns_ready "$1" "2.0.0.127.$ZONE_L1" || fail "nothing answers on $1"
}

# start_server DIR: rbldnsd serving the three zones of DIR on
# $SERVER_IP:53, the address adnshost will ask in benchmark 3.
start_server() {
	[ -x /usr/sbin/rbldnsd ] || skip "/usr/sbin/rbldnsd is not installed (Debian package rbldnsd)"
	chmod -R a+rX "$1"
	specs=
	for z in "$ZONE_L1" "$ZONE_L2" "$ZONE_L3"; do
		specs="$specs $z:ip4set:$1/$z"
	done
	user=
	[ "$(id -u)" -eq 0 ] && user="-u rbldns"
	# shellcheck disable=SC2086
	spawn rbldnsd /usr/sbin/rbldnsd -n $user -b "$SERVER_IP/53" $specs
	ready "$SERVER_IP:53"
	note "rbldnsd on $SERVER_IP:53"
}

# start_proxy OPTION...: udpproxy on $PROXY_IP:53 in front of rbldnsd;
# any proxy before it is stopped first.
start_proxy() {
	[ -n "${PROXY_PID:-}" ] && stop_bg "$PROXY_PID"
	bin=$(tool udpproxy) || fail "no udpproxy"
	spawn udpproxy "$bin" -l "$PROXY_IP:53" -u "$SERVER_IP:53" --log "$T/proxy.log" "$@"
	PROXY_PID=$BG_PID
	ready "$PROXY_IP:53"
	note "udpproxy on $PROXY_IP:53 ($*)"
}

# --- timing ---------------------------------------------------------------

# clock LOG CAP CMD...: run CMD (no stdin, both outputs to LOG), cut off
# after CAP seconds; sets SECS (wall time), STATUS (exit status, 124 when
# cut off) and RSS (the peak resident set of its biggest process, KiB).
# The run gets a process group of its own, killed once it is over (what
# adnshost a cut-off job leaves) or when we are interrupted, so that no
# run outlives the script; timeout stays in that group (--foreground).
clock() {
	log=$1 cap=$2
	shift 2
	rm -f "$T/rss"
	set -- $(perl -MTime::HiRes=time -e '
		my $log = shift;
		my $t = time;
		my $pid = fork;
		defined $pid or die "fork: $!\n";
		if (!$pid) {
			setpgrp(0, 0);
			open STDIN, "<", "/dev/null";
			open STDOUT, ">", $log or die "$log: $!\n";
			open STDERR, ">&", \*STDOUT;
			exec @ARGV or exit 127;
		}
		$SIG{$_} = sub { kill "KILL", -$pid; exit 1 } for qw(INT TERM HUP);
		waitpid $pid, 0;
		my $status = $? >> 8;
		kill "KILL", -$pid;
		printf "%.3f %d\n", time - $t, $status;' \
		"$log" /usr/bin/time -f %M -o "$T/rss" timeout --foreground -k 5 "$cap" "$@")
	SECS=$1 STATUS=$2
	# GNU time puts a line on a failed command before the number.
	RSS=$(tail -n 1 "$T/rss" 2>/dev/null)
	case $RSS in '' | *[!0-9]*) RSS=0 ;; esac
}

# --- the tools ------------------------------------------------------------
# run_TOOL SERVER: one pass over $NET through SERVER (ADDR:PORT); each
# sets SECS, STATUS, RSS and UNKNOWN (addresses without an answer to all
# of their queries).

run_rblscope() {
	out=$T/rbl.csv
	rm -f "$out"
	# shellcheck disable=SC2086
	clock "$T/rbl.log" "$LIMIT" "$RBLSCOPE" --export csv $RBL_OPTS --resolver "$1" \
		--output "$out" "$NET"
	UNKNOWN=$(rbl_unknown "$out")
}

# rbl_unknown CSV: the addresses of $NET that an export lacks or has an
# error for.
rbl_unknown() {
	good=0
	[ -f "$1" ] && good=$(awk -F, 'NR > 1 && $5 != "error" && $6 != "error" &&
		$7 != "error" { n++ } END { print n + 0 }' "$1")
	echo $((NADDR - good))
}

run_dnsperf() {
	clock "$T/perf.log" "$LIMIT" dnsperf -s "${1%:*}" -p "${1##*:}" -d "$QUERIES" \
		-n 1 -q "$PERF_WINDOW" -t 5 -v
	# An address is answered when each of its queries got NOERROR or
	# NXDOMAIN back.
	UNKNOWN=$(awk -v n="$NADDR" '
		FNR == NR { want[addr($1)]++; next }
		$1 == ">" && ($2 == "NOERROR" || $2 == "NXDOMAIN") { got[addr($3)]++ }
		function addr(name, l) { split(name, l, "."); return l[1] "." l[2] "." l[3] "." l[4] }
		END { for (a in want) if (got[a] == want[a]) good++; print n - good }' \
		"$QUERIES" "$T/perf.log")
}

# run_adnshost SERVER: the port is 53 whatever SERVER says.
run_adnshost() {
	clock "$T/adns.log" "$LIMIT" sh tests/bench/adns-job.sh "${1%:*}" "$ADNS_CHUNK" \
		"$NAMES" "$T/adns.out"
	UNKNOWN=$(adns_unknown "$T/adns.out")
}

# adns_unknown OUT: addresses short of three A answers or with a failed
# query; NXDOMAIN and no data are answers.
adns_unknown() {
	awk -v n="$NADDR" '
		$1 ~ /^[0-9]+$/ && NF >= 6 {
			split($6, l, "."); a = l[1] "." l[2] "." l[3] "." l[4]
			seen[a]++
			if ($3 != "ok" && $5 != "nxdomain" && $5 != "nodata") bad[a] = 1
		}
		END { for (a in seen) if (seen[a] >= 3 && !(a in bad)) good++; print n - good }' "$1"
}

# --- rounds and tables ----------------------------------------------------

# rounds ID TOOL...: ROUNDS rounds against SERVER, each TOOL once a round
# (the order reversed in even rounds); per tool, a line a round in
# $T/ID.TOOL: seconds, exit status, peak RSS (KiB), unknown addresses.
rounds() {
	id=$1
	shift
	for t in "$@"; do : >"$T/$id.$t"; done
	r=0
	while [ $r -lt "$ROUNDS" ]; do
		r=$((r + 1))
		order=$*
		[ $((r % 2)) -eq 0 ] && order=$(echo "$order" | awk '{ for (i = NF; i > 0; i--) printf "%s ", $i }')
		for t in $order; do
			"run_$t" "$SERVER"
			echo "$SECS $STATUS $RSS $UNKNOWN" >>"$T/$id.$t"
			note "$id round $r: $t ${SECS}s, exit $STATUS, $UNKNOWN unknown"
		done
	done
}

# row ID TOOL LABEL: the table row of one tool; ratios against rblscope's
# times of the same rounds.
row() {
	paste -d ' ' "$T/$1.rblscope" "$T/$1.$2" | awk -v label="$3" -v n="$NADDR" '
		{ t[NR] = $5; r[NR] = $5 / ($1 > 0 ? $1 : 0.001)
		  if ($7 > rss) rss = $7; u = u sep $8; sep = " "
		  if ($8 > worst) worst = $8 }
		function sorted(v, k, i, j, x) {
			for (i = 2; i <= k; i++) { x = v[i]
				for (j = i - 1; j > 0 && v[j] > x; j--) v[j + 1] = v[j]
				v[j + 1] = x }
		}
		END {
			sorted(t, NR); sorted(r, NR); m = int((NR + 1) / 2)
			printf "| %s | %.3f | %.3f | %.2f | %.2f | %d | %s | %.1f |\n", label,
				t[1], t[m], r[1], r[m], n - worst, u, rss / 1024 }'
}

# table ID TITLE TOOL=LABEL...: a benchmark's table, into the report and
# on the screen.
table() {
	id=$1
	{
		echo
		echo "### $2"
		echo
		echo "| tool | min s | median s | ratio min | ratio median | answered (worst) | unknown per round | peak RSS MiB |"
		echo "|---|---|---|---|---|---|---|---|"
		shift 2
		for tl in "$@"; do
			row "$id" "${tl%%=*}" "${tl#*=}"
		done
	} >>"$T/report.md"
}

# best_chunk SIZE...: try each size once on the current path; keep in
# ADNS_CHUNK the fastest of those that leave the fewest addresses unknown,
# and the times of all in CHUNK_NOTE.
best_chunk() {
	: >"$T/chunks"
	for ADNS_CHUNK in "$@"; do
		run_adnshost "$SERVER"
		echo "$UNKNOWN $SECS $ADNS_CHUNK" >>"$T/chunks"
		note "adnshost, $ADNS_CHUNK names a process: ${SECS}s, $UNKNOWN unknown"
	done
	ADNS_CHUNK=$(sort -k1,1n -k2,2n "$T/chunks" | awk 'NR == 1 { print $3 }')
	CHUNK_NOTE=$(sort -n -k3,3 "$T/chunks" | awk '{ printf "%s%s: %ss/%s unknown", sep, $3, $2, $1; sep = ", " }')
}

# --- the queries ----------------------------------------------------------

# prepare NET: NADDR, and from a reference export straight from rbldnsd
# the files dnsperf (QUERIES: an A query per address and zone, a TXT
# query per listing, in rblscope's order) and adnshost (NAMES: the A
# names) replay.
prepare() {
	NET=$1
	NADDR=$((1 << (32 - ${NET#*/})))
	ref=$T/ref.csv
	# shellcheck disable=SC2086
	timeout -k 5 "$LIMIT" "$RBLSCOPE" --export csv $RBL_OPTS --resolver "$SERVER_IP:53" \
		--output "$ref" "$NET" 2>"$T/ref.err"
	rc=$?
	[ $rc -le 1 ] || { cat "$T/ref.err"; fail "the reference export of $NET failed (exit $rc)"; }
	[ "$(rbl_unknown "$ref")" -eq 0 ] || fail "the reference export of $NET has failed lookups"
	QUERIES=$T/queries.txt NAMES=$T/names.txt
	awk -F, -v q="$QUERIES" -v a="$NAMES" 'NR > 1 {
		split($1, o, ".");
		rev = o[4] "." o[3] "." o[2] "." o[1];
		z[1] = "dnsbl-1.uceprotect.net"; z[2] = "dnsbl-2.uceprotect.net"; z[3] = "dnsbl-3.uceprotect.net";
		for (i = 1; i <= 3; i++) {
			print rev "." z[i] " A" >q; print rev "." z[i] >a
			if ($(4 + i) == "listed") print rev "." z[i] " TXT" >q
		}
	}' "$ref"
	NQ=$(wc -l <"$QUERIES")
	note "$NET: $NADDR addresses, $NQ queries"
}

# --- the benchmarks -------------------------------------------------------

bench_delay() {
	start_proxy --delay "$DELAY_MS"
	SERVER=$PROXY_IP:53
	best_chunk $ADNS_CHUNKS
	note "adnshost: $ADNS_CHUNK names a process"
	rounds delay rblscope adnshost dnsperf
	rtt=$(echo "$DELAY_MS" | awk '{ printf "%.3f", $1 / 1000 }')
	table delay "1. $NET24 on three zones, $DELAY_MS ms round trip, $NQ queries" \
		rblscope=rblscope "adnshost=adnshost ($ADNS_CHUNK a process)" dnsperf="dnsperf (-q $PERF_WINDOW)"
	awk -v rtt="$rtt" '{ print $1 } ' "$T/delay.rblscope" | sort -n | awk -v rtt="$rtt" '
		{ v[NR] = $1 } END { printf "\nLower bound: one round trip, %.3f s; rblscope min %.1f, median %.1f round trips.\n",
			rtt, v[1] / rtt, v[int((NR + 1) / 2)] / rtt }' >>"$T/report.md"
	chunk_note
}

# chunk_note: the sizes best_chunk tried, under the last table.
chunk_note() {
	printf '\nadnshost chunk sizes tried (names a process: time/unknown): %s.\n' \
		"$CHUNK_NOTE" >>"$T/report.md"
}

bench_loss() {
	start_proxy --delay "$DELAY_MS" --drop "$LOSS_PCT" --seed 1
	SERVER=$PROXY_IP:53
	best_chunk $ADNS_LOSS_CHUNKS
	rounds loss rblscope adnshost
	table loss "2. $NET24, $DELAY_MS ms round trip, $LOSS_PCT% of queries lost (target: 0 unknown)" \
		rblscope=rblscope "adnshost=adnshost ($ADNS_CHUNK a process)"
	chunk_note
}

bench_big() {
	stop_bg "$PROXY_PID"
	PROXY_PID=
	SERVER=$SERVER_IP:53
	# The whole /16 takes adnshost a minute a try: sizes are tried on
	# its first 4096 addresses.
	all_names=$NAMES all=$NADDR
	NAMES=$T/names-20.txt NADDR=4096
	head -n $((3 * NADDR)) "$all_names" >"$NAMES"
	best_chunk $ADNS_BIG_CHUNKS
	NAMES=$all_names NADDR=$all
	rounds big rblscope dnsperf adnshost
	table big "3. $NET16 on three zones, no delay, $NQ queries" \
		rblscope=rblscope dnsperf="dnsperf (-q $PERF_WINDOW)" "adnshost=adnshost ($ADNS_CHUNK a process)"
	chunk_note
}

# dead NAME SERVER: one rblscope export against a resolver that never
# answers, cut off after DEAD_CAP seconds; a row of the table.
dead() {
	out=$T/dead.csv
	rm -f "$out"
	# shellcheck disable=SC2086
	clock "$T/dead.log" "$DEAD_CAP" "$RBLSCOPE" --export csv $RBL_DEAD_OPTS --resolver "$2" \
		--output "$out" "$NET"
	took=$SECS
	[ "$STATUS" -eq 124 ] || [ "$STATUS" -eq 137 ] && took=">$DEAD_CAP"
	note "$1: ${SECS}s, exit $STATUS"
	echo "| $1 ($2) | $took | $STATUS | $(rbl_unknown "$out") | $(echo "$RSS" | awk '{ printf "%.1f", $1 / 1024 }') |" >>"$T/dead.rows"
}

# A black hole is a proxy that loses every query (no server answers
# through it, so it is not asked whether it is up: its port is); a
# closed port is a free one, where the kernel answers with ICMP port
# unreachable.
bench_dead() {
	: >"$T/dead.rows"
	start_udpproxy 53 --drop 100 --log "$T/proxy.log"
	dead "black hole" "127.0.0.1:$PROXY_PORT"
	stop_bg "$PROXY_PID"
	PROXY_PID=
	dead "closed port" "127.0.0.1:$(free_port)"
	{
		echo
		echo "### 4. $NET16 against a dead resolver, default timeouts (cut off after $DEAD_CAP s; target: exit 3 within seconds)"
		echo
		echo "| resolver | time to exit s | exit status | unknown | peak RSS MiB |"
		echo "|---|---|---|---|---|"
		cat "$T/dead.rows"
	} >>"$T/report.md"
}

make_zones "$T/zones"
start_server "$T/zones"
: >"$T/report.md"
prepare "$NET24"
bench_delay
bench_loss
prepare "$NET16"
bench_big
bench_dead
echo
echo "## rblscope network benchmarks ($(date -u +%Y-%m-%d), $ROUNDS rounds; ratio = peer time / rblscope time in the same round)"
echo
echo "rblscope options: $RBL_OPTS; against a dead resolver: $RBL_DEAD_OPTS."
cat "$T/report.md"
echo
echo "1 passed, 0 failed"
