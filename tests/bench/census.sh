#!/bin/sh
# Internet-scale zones: the zone set of tests/bench/internet-zones.pl
# (about 300,000 level-1 addresses, 20,000 level-2 ranges and the
# networks of 600 level-3 ASNs, drawn from the real ASN table of
# tests/bench/asn-data.sh), and on it
#  - the zone load alone, the floor of every offline run: rblscope
#    --zones answering 4 addresses (192.0.2.0/30), time and peak RSS,
#    against rbldnsd loading the same files (time from its start to its
#    first answer, and its peak RSS);
#  - the census (rblscope --census: every listing of the zones counted
#    per ASN), when this rblscope has it: time and peak RSS, as a ratio
#    to the zone load and against the 128 MiB target.
# Medians of BENCH_RUNS runs (default 5).  Skipped when the ASN table
# cannot be fetched.  All traffic stays on 127.0.0.1.
#   sh tests/bench/census.sh            (from the repository root)
. tests/e2e/lib.sh

RUNS=${BENCH_RUNS:-5}
RSS_TARGET_KB=$((128 * 1024))
L1=$ZONE_L1 L2=$ZONE_L2 L3=$ZONE_L3

need_rblscope
[ -x /usr/bin/time ] || skip "/usr/bin/time is not installed (Debian package time)"

db=$(sh tests/bench/asn-data.sh 2>"$T/asn-data.err") || {
	sed 's/^/# /' "$T/asn-data.err"
	skip "the ASN table @ip-location-db/asn cannot be fetched: no internet-scale zones"
}
csv=$(dirname "$db")/asn-ipv4-$(cat "$(dirname "$db")/asn-real.version").csv
[ -s "$csv" ] || skip "no ASN table next to $db"

zones=$T/internet-zones
mkdir -p "$zones"
note "generating the internet-scale zones from $csv"
perl tests/bench/internet-zones.pl "$csv" "$zones" >"$T/zones.txt" ||
	fail "tests/bench/internet-zones.pl failed"
sed 's/^/# /' "$T/zones.txt"
chmod -R a+rX "$zones"

median() { sort -n | awk '{ v[NR] = $1 } END { print v[int((NR + 1) / 2)] }'; }
mib() { awk -v k="$1" 'BEGIN { printf "%.1f", k / 1024 }'; }

# timed_rss NAME CMD...: run CMD (exit 0 or 1 expected) and append
# "seconds peak-RSS-KiB" to $T/NAME.times.
timed_rss() {
	name=$1
	shift
	/usr/bin/time -o "$T/$name.time" -f '%e %M' "$@" >"$T/$name.out" 2>"$T/$name.err"
	rc=$?
	if [ $rc -gt 1 ]; then
		cat "$T/$name.err"
		fail "$* exited with $rc"
	fi
	tail -n 1 "$T/$name.time" >>"$T/$name.times"
}

# --- rblscope: the zone load ----------------------------------------------

i=0
while [ $i -lt "$RUNS" ]; do
	i=$((i + 1))
	timed_rss load "$RBLSCOPE" --zones "$zones" --db "$db" --export csv 192.0.2.0/30
done
grep -q ',clean,clean,clean,' "$T/load.out" || fail "the zone load did not answer 192.0.2.0/30"
load_s=$(awk '{ print $1 }' "$T/load.times" | median)
load_kb=$(awk '{ print $2 }' "$T/load.times" | median)

# A listed address of each zone answers as listed (the files loaded).
a1=$(grep -E '^[0-9.]+$' "$zones/$L1" | grep -v '^127\.' | head -n 1)
a2=$(grep -E '^[0-9.]+/[0-9]+ ' "$zones/$L2" | grep -v '^127\.' | head -n 1 | cut -d/ -f1)
a3=$(grep -E '^[0-9.]+[/-]' "$zones/$L3" | head -n 1 | sed 's/[/-].*//')
for a in "$a1" "$a2" "$a3"; do
	"$RBLSCOPE" --zones "$zones" --db "$db" --export csv "$a/32" >"$T/probe.csv" 2>"$T/probe.err"
	[ $? -eq 1 ] || { cat "$T/probe.err"; fail "rblscope: $a is not listed in the generated zones"; }
done
ok "rblscope lists $a1 (l1), $a2 (l2), $a3 (l3)"

# --- rbldnsd: the same files ------------------------------------------------

# The time from rbldnsd's start until it answers a query for each zone's
# test entry; its peak RSS then.
rbldnsd_s='' rbldnsd_kb=''
if [ -x /usr/sbin/rbldnsd ]; then
	user=
	[ "$(id -u)" -eq 0 ] && user="-u rbldns"
	i=0
	while [ $i -lt "$RUNS" ]; do
		i=$((i + 1))
		port=$(free_port) || exit 1
		start=$(perl -MTime::HiRes=time -e 'printf "%.6f\n", time')
		# shellcheck disable=SC2086
		spawn rbldnsd /usr/sbin/rbldnsd -n $user -b "127.0.0.1/$port" \
			"$L1:ip4set:$zones/$L1" "$L2:ip4trie:$zones/$L2" "$L3:ip4set:$zones/$L3"
		pid=$BG_PID
		ready=$(perl -MIO::Socket::INET -MTime::HiRes=time,sleep -e '
			my ($port, @zones) = @ARGV;
			my $s = IO::Socket::INET->new(Proto => "udp") or die "socket: $!\n";
			my $to = sockaddr_in($port, inet_aton("127.0.0.1"));
			my ($id, $end) = (0, time + 120);
			for my $z (@zones) {
				my $got = 0;
				while (!$got && time < $end) {
					$id = ($id + 1) & 0xffff;
					my $q = pack("n6", $id, 0x0100, 1, 0, 0, 0)
					      . join("", map { chr(length) . $_ } "2", "0", "0", "127", split /\./, $z)
					      . "\0" . pack("n2", 1, 1);
					send($s, $q, 0, $to);
					my $rin = ""; vec($rin, fileno $s, 1) = 1;
					while (select(my $r = $rin, undef, undef, 0.005)) {
						my $a; recv($s, $a, 512, 0) or last;
						my ($rid, $fl, $qd, $an) = unpack("n4", $a);
						$got = 1 if $rid == $id && ($fl & 15) == 0 && $an > 0;
					}
				}
				exit 1 unless $got;
			}
			printf "%.6f\n", time;' "$port" "$L1" "$L2" "$L3") ||
			{ cat "$T/rbldnsd.err"; fail "rbldnsd did not answer on 127.0.0.1:$port"; }
		kb=$(awk '/^VmHWM:/ { print $2 }' "/proc/$pid/status")
		echo "$(echo "$start $ready" | awk '{ printf "%.3f", $2 - $1 }') $kb" >>"$T/rbldnsd.times"
		if [ $i -eq 1 ]; then
			dnsq=$(tool dnsq) || fail "no dnsq"
			for q in "$a1.$L1" "$a2.$L2" "$a3.$L3"; do
				name=$(echo "$q" | awk -F. '{ printf "%s.%s.%s.%s", $4, $3, $2, $1;
					for (i = 5; i <= NF; i++) printf ".%s", $i; print "" }')
				"$dnsq" -s "127.0.0.1:$port" -t A "$name" 2>&1 | grep -q '127\.0\.0\.2' ||
					fail "rbldnsd does not list $name"
			done
			ok "rbldnsd lists the same three addresses"
		fi
		stop_bg "$pid"
	done
	rbldnsd_s=$(awk '{ print $1 }' "$T/rbldnsd.times" | median)
	rbldnsd_kb=$(awk '{ print $2 }' "$T/rbldnsd.times" | median)
	grep -h "reloaded" "$T/rbldnsd.out" "$T/rbldnsd.err" | sed "s/^/# last run: /"
else
	note "rbldnsd is not installed (Debian package rbldnsd): no peer for the load"
fi

echo "bench census: zone load (192.0.2.0/30 from $L1, $L2, $L3), median of $RUNS:" \
	"rblscope ${load_s}s $(mib "$load_kb") MiB"
if [ -n "$rbldnsd_s" ]; then
	echo "bench census: zone load: rbldnsd ${rbldnsd_s}s $(mib "$rbldnsd_kb") MiB; ratio rblscope/rbldnsd" \
		"$(echo "$load_s $rbldnsd_s" | awk '{ printf "%.2f", $1 / $2 }')x time," \
		"$(echo "$load_kb $rbldnsd_kb" | awk '{ printf "%.2f", $1 / $2 }')x RSS"
fi
echo "bench census: runs rblscope: $(awk '{ printf " %ss/%dK", $1, $2 }' "$T/load.times");" \
	"rbldnsd:$( [ -s "$T/rbldnsd.times" ] && awk '{ printf " %ss/%dK", $1, $2 }' "$T/rbldnsd.times")"

# --- the census -------------------------------------------------------------

if "$RBLSCOPE" --help 2>&1 | grep -q -- '--census'; then
	i=0
	while [ $i -lt "$RUNS" ]; do
		i=$((i + 1))
		timed_rss census "$RBLSCOPE" --export csv --zones "$zones" --db "$db" --census -o "$T/census.csv"
	done
	[ -s "$T/census.csv" ] || fail "the census wrote nothing"
	note "census: $(wc -l <"$T/census.csv") lines; first: $(head -n 3 "$T/census.csv" | tr '\n' '|')"
	c_s=$(awk '{ print $1 }' "$T/census.times" | median)
	c_kb=$(awk '{ print $2 }' "$T/census.times" | median)
	c_max=$(awk '$2 > m { m = $2 } END { print m }' "$T/census.times")
	verdict=within
	[ "$c_max" -le "$RSS_TARGET_KB" ] || verdict=OVER
	echo "bench census: census, median of $RUNS: ${c_s}s, $(mib "$c_kb") MiB;" \
		"ratio census/zone load $(echo "$c_s $load_s" | awk '{ printf "%.2f", $1 / $2 }')x time," \
		"$(echo "$c_kb $load_kb" | awk '{ printf "%.2f", $1 / $2 }')x RSS;" \
		"peak $(mib "$c_max") MiB, $verdict the 128 MiB target"
	echo "bench census: runs census: $(awk '{ printf " %ss/%dK", $1, $2 }' "$T/census.times")"
	ok "census measured"
else
	echo "bench census: census skipped: this rblscope has no --census (rblscope --help does not mention it)"
fi
done_testing
