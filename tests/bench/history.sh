#!/bin/sh
# The history database (--record, --history):
#  - a year: 365 daily recorded exports of 40 /24s over the three
#    UCEPROTECT zones (365 x 40 x 256 addresses x 3 zones), from zone
#    files that change a little each day (tests/bench/history-zones.pl);
#    the file's size against the peer, the same data kept as daily JSON
#    Lines snapshots (--export json), gzip'd; the time to record a day;
#    the time of --history for one address and for a /24 (medians of
#    BENCH_RUNS runs, default 5).
#  - a day: 24 hourly recorded scans of one /24 over the three zones,
#    and how much the file grew.
# BENCH_HISTORY_DAYS=N records N days instead of 365.  Offline (zone
# files): no traffic at all.
#   sh tests/bench/history.sh            (from the repository root)
. tests/e2e/lib.sh

RUNS=${BENCH_RUNS:-5}
DAYS=${BENCH_HISTORY_DAYS:-365}
need_rblscope

median() { sort -n | awk '{ v[NR] = $1 } END { print v[int((NR + 1) / 2)] }'; }
# The time of one command in seconds, its output thrown away.
timed() {
	perl -MTime::HiRes=time -e '
		open my $out, ">&", \*STDOUT or die; open STDOUT, ">", "/dev/null" or die;
		open STDERR, ">", "/dev/null" or die;
		my $t = time; system(@ARGV) == 0 or $? >> 8 <= 1 or exit 3;
		printf $out "%.3f\n", time - $t;' "$@"
}
size_of() { if [ -f "$1" ]; then stat -c %s "$1"; else echo 0; fi; }
kib() { awk -v b="$1" 'BEGIN { printf "%.0f KiB", b / 1024 }'; }

# --- a year of daily scans of 40 /24s ---
Y=$T/year
mkdir -p "$Y/zones"
DB=$Y/history.sqlite
i=0
while [ $i -lt 40 ]; do echo "198.18.$i.0/24"; i=$((i + 1)); done >"$Y/targets"
gz=0 rec_times=
day=0
note "recording $DAYS days of 40 /24s x 3 zones"
while [ $day -lt "$DAYS" ]; do
	perl tests/bench/history-zones.pl "$day" "$Y/zones" 40 || fail "history-zones.pl failed"
	t=$(timed "$RBLSCOPE" --no-config --zones "$Y/zones" --record --history-db "$DB" \
		--export json --quiet --no-probe --targets "$Y/targets" --output "$Y/day.json") ||
		fail "recording day $day failed"
	rec_times="$rec_times $t"
	gz=$((gz + $(gzip -c "$Y/day.json" | wc -c)))
	day=$((day + 1))
done
scans=$(sqlite3 "$DB" 'SELECT count(*) FROM scan' 2>/dev/null || echo "?")
rows=$(sqlite3 "$DB" 'SELECT count(*) FROM state' 2>/dev/null || echo "?")
size=$(size_of "$DB")
wal=$(size_of "$DB-wal")
json=$(size_of "$Y/day.json")
rec=$(echo $rec_times | tr ' ' '\n' | median)
one= cidr=
i=0
while [ $i -lt "$RUNS" ]; do
	i=$((i + 1))
	one="$one $(timed "$RBLSCOPE" --history-db "$DB" --history 198.18.17.77)"
	cidr="$cidr $(timed "$RBLSCOPE" --history-db "$DB" --history 198.18.17.0/24 --export csv)"
done
"$RBLSCOPE" --history-db "$DB" --history 198.18.17.0/24 --export csv >"$Y/q.csv" ||
	fail "--history of a /24 failed"
echo "bench history year: $DAYS days x 40 /24s x 3 zones: $scans scans, $rows intervals"
echo "bench history year: database $(kib "$size") (+ WAL $(kib "$wal")); peer: daily JSON Lines gzip'd $(kib $gz) ($(echo "$gz $size" | awk '{ printf "%.1f", $1 / $2 }')x the database; one day's JSON $(kib "$json") before gzip)"
echo "bench history year: recording a day (40 scans, with the export): median ${rec}s"
echo "bench history year: --history one address: median $(echo $one | tr ' ' '\n' | median)s; a /24 as CSV ($(($(wc -l <"$Y/q.csv") - 1)) intervals): median $(echo $cidr | tr ' ' '\n' | median)s"

# --- a day of hourly scans of one /24 ---
H=$T/hourly
mkdir -p "$H/zones"
HDB=$H/history.sqlite
hour=0 first=0
while [ $hour -lt 24 ]; do
	perl tests/bench/history-zones.pl "$hour" "$H/zones" 1 || fail "history-zones.pl failed"
	"$RBLSCOPE" --no-config --zones "$H/zones" --record --history-db "$HDB" --export csv \
		--quiet --no-probe --output /dev/null 198.18.0.0/24 2>/dev/null
	[ $? -le 1 ] || fail "recording hour $hour failed"
	[ $hour -eq 0 ] && first=$(size_of "$HDB")
	hour=$((hour + 1))
done
last=$(size_of "$HDB")
echo "bench history day: 24 hourly scans of a /24 x 3 zones: $(kib "$first") after the first, $(kib "$last") after 24: grew $(kib $((last - first))) ($(sqlite3 "$HDB" 'SELECT count(*) FROM state' 2>/dev/null || echo "?") intervals)"
