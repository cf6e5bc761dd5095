#!/bin/sh
# Bad usage and bad input: each case exits 2 with exactly one line on
# stderr and nothing on stdout, and never crashes (no signal, no
# sanitizer report).  Every run is given --zones (offline) unless the
# case is about the resolver, so a case rblscope wrongly accepts still
# sends nothing anywhere.
. tests/e2e/lib.sh

need_rblscope
make_asn_db "$E2E_FIX/asn.csv" "$T/asn.mmdb" 4
Z="--zones $E2E_FIX/zones"
DB="--db $T/asn.mmdb"
E="--export csv"

BAD_FAILED=0
N=0

# bad WHAT ARG...: ./rblscope ARG... must be refused as bad input.
bad() {
	what=$1
	shift
	N=$((N + 1))
	rbl bad$N "$@"
	lines=$(awk 'END { print NR }' "$T/bad$N.err")
	why=
	[ "$RC" -eq 2 ] || why="exit status $RC, expected 2"
	[ -s "$T/bad$N.out" ] && why="${why:+$why; }stdout not empty: $(head -c 100 "$T/bad$N.out" | tr '\n' ' ')"
	[ "$lines" -eq 1 ] || why="${why:+$why; }$lines lines on stderr, expected 1"
	grep -q '[^[:space:]]' "$T/bad$N.err" || why="${why:+$why; }no message on stderr"
	if [ -n "$why" ]; then
		echo "not ok - $what: $why"
		echo "    rblscope $*"
		sed 's/^/    stderr: /' "$T/bad$N.err" | head -n 3
		BAD_FAILED=$((BAD_FAILED + 1))
	else
		ok "$what: exit 2, one line: $(cat "$T/bad$N.err")"
	fi
}

# Targets.
for t in 1.2.3 1.2.3.4.5 256.1.1.1 1.2.3.4x 1.2.3.4/33 1.2.3.4/8 1.2.3.4/ \
	192.0.2.0/15 10.0.0.0/8 192.0.2.0/0 192.0.2.0/-1 192.0.2.0/24x 192.0.2.0/2a \
	1..2.3 .1.2.3 1.2.3. 1.2.3.256 -1.2.3.4 0x1.2.3.4 'a.b.c.d' '' ' 192.0.2.1 x' \
	'[192.0.2.1' 192.0.2.0/24/24 999999999999.1.1.1; do
	# shellcheck disable=SC2086
	bad "target '$t'" $E $Z $DB "$t"
done
# shellcheck disable=SC2086
bad "no target" $E $Z $DB
# shellcheck disable=SC2086
bad "two targets in the terminal UI" $Z $DB 192.0.2.1 198.51.100.1
# shellcheck disable=SC2086
bad "two targets, one an ASN" $E $Z $DB 192.0.2.1 AS64500
# shellcheck disable=SC2086
bad "two targets, a bad one" $E $Z $DB 192.0.2.1 192.0.2.300

# Options.
# shellcheck disable=SC2086
bad "unknown profile" $E $Z $DB --profile nosuchlist 192.0.2.1
# shellcheck disable=SC2086
bad "unknown option" $E $Z $DB --frobnicate 192.0.2.1
# shellcheck disable=SC2086
bad "unknown short option" $E $Z $DB -Q 192.0.2.1
for f in xml '' CSVX; do
	# shellcheck disable=SC2086
	bad "--export '$f'" --export "$f" $Z $DB 192.0.2.1
done
# shellcheck disable=SC2086
bad "--export without a value" $Z $DB 192.0.2.1 --export
for v in -1 abc 10x '' nan 1e999; do
	# shellcheck disable=SC2086
	bad "--rate '$v'" $E $Z $DB --rate "$v" 192.0.2.1
done
for v in -1 abc 100x '' 99999999999999999999 1.5; do
	# shellcheck disable=SC2086
	bad "--timeout '$v'" $E $Z $DB --timeout "$v" 192.0.2.1
done
for v in -1 x 1.5 '' 99999999999999999999; do
	# shellcheck disable=SC2086
	bad "--retries '$v'" $E $Z $DB --retries "$v" 192.0.2.1
done
# shellcheck disable=SC2086
bad "--rate without a value" $E $Z $DB 192.0.2.1 --rate
# Below 0.01 a pacing delay no longer fits a timer.
for v in 0.001 0.0099 10000001; do
	# shellcheck disable=SC2086
	bad "--rate '$v' out of bounds" $E $Z $DB --rate "$v" 192.0.2.1
done
for v in 0 -1 x 99999999999; do
	# shellcheck disable=SC2086
	bad "--zone-max-entries '$v'" $E $Z $DB --zone-max-entries "$v" 192.0.2.1
done
# shellcheck disable=SC2086
bad "a zone file over --zone-max-entries" $E $Z $DB --zone-max-entries 2 192.0.2.1
# --resolver entries of every length: no fixed buffer is overrun.
for n in 63 64 70 79 80 200; do
	long=$(head -c "$n" /dev/zero | tr '\0' 1)
	bad "--resolver entry of $n characters" $E $DB --resolver "$long" 192.0.2.1
	bad "--resolver [entry] of $n characters" $E $DB --resolver "[$long]:53" 192.0.2.1
	bad "--resolver entry of $n characters with a port" $E $DB --resolver "$long:53" 192.0.2.1
done
bad "--resolver list ending in a comma" $E $DB --resolver "127.0.0.1," 192.0.2.1
for v in l9=zone.example l1 l1= =zone.example; do
	# shellcheck disable=SC2086
	bad "--zone '$v'" $E $Z $DB --zone "$v" 192.0.2.1
done

# The ASN database.
# shellcheck disable=SC2086
bad "--db on a missing file" $E $Z --db "$T/no-such.mmdb" 192.0.2.1
# shellcheck disable=SC2086
bad "--db on a text file" $E $Z --db /etc/passwd 192.0.2.1
# shellcheck disable=SC2086
bad "--db on a directory" $E $Z --db "$T" 192.0.2.1
# The metadata a MaxMind DB opens with sits at its end: cut it off.
head -c $(($(wc -c <"$T/asn.mmdb") / 2)) "$T/asn.mmdb" >"$T/truncated.mmdb"
# shellcheck disable=SC2086
bad "--db on a truncated DB" $E $Z --db "$T/truncated.mmdb" 192.0.2.1
: >"$T/empty.mmdb"
# shellcheck disable=SC2086
bad "--db on an empty file" $E $Z --db "$T/empty.mmdb" 192.0.2.1

# Zone files.
# shellcheck disable=SC2086
bad "--zones on a missing folder" $E --zones "$T/no-such-dir" $DB 192.0.2.1
# shellcheck disable=SC2086
bad "--zones on a file" $E --zones /etc/passwd $DB 192.0.2.1
# corrupt PRINTF_FORMAT: a copy of the fixture zones whose level 2 file
# ends with the bytes of the format; its folder in CORRUPT.
corrupt() {
	CORRUPT=$T/corrupt$N
	mkdir -p "$CORRUPT"
	cp "$E2E_FIX"/zones/* "$CORRUPT/"
	# shellcheck disable=SC2059
	printf "$1" >>"$CORRUPT/$ZONE_L2"
}
# A NUL byte refuses the file (a zeroed file must not read as all clean).
corrupt '192.0.2.1\000\n'
# shellcheck disable=SC2086
bad "zone file line with a NUL byte" $E --zones "$CORRUPT" $DB 192.0.2.1
for special in fifo dev folder; do
	corrupt ''
	rm "$CORRUPT/$ZONE_L2"
	case $special in
	fifo) mkfifo "$CORRUPT/$ZONE_L2" ;;
	dev) ln -s /dev/zero "$CORRUPT/$ZONE_L2" ;;
	folder) mkdir "$CORRUPT/$ZONE_L2" ;;
	esac
	# shellcheck disable=SC2086
	bad "zone file that is a $special" $E --zones "$CORRUPT" $DB 192.0.2.1
done
# Lines rbldnsd skips with a warning are skipped, with one warning line
# naming the first and the count; the rest of the zone answers.
for line in 'this is not an address' '192.0.2.300' '192.0.2.1/33' '192.0.2.9-192.0.2.1'; do
	corrupt "$line\\n"
	# shellcheck disable=SC2086
	rbl skip$N $E --zones "$CORRUPT" $DB 192.0.2.66
	expect_status 1 "zone file line '$line': skipped, the zone still answers"
	assert_contains "$T/skip$N.err" "$CORRUPT/$ZONE_L2:" "zone file line '$line': the warning names the file"
	assert_contains "$T/skip$N.err" "1 line skipped, as rbldnsd skips them" "zone file line '$line': the warning counts it"
	N=$((N + 1))
done

# Resolvers: only loopback-shaped garbage, so a wrongly accepted value
# still cannot send anything off this machine.
for r in 127.0.0.1:99999 127.0.0.1:abc 127.0.0.1: 127.0.0.1:-1 127.0.0.1:53:53 \
	127.0.0.1:0x35 127.0.0.1:53,127.0.0.1:x; do
	# shellcheck disable=SC2086
	bad "--resolver '$r'" $E --resolver "$r" $DB 192.0.2.1
done
# shellcheck disable=SC2086
bad "--zones and --resolver together" $E $Z --resolver 127.0.0.1:53 $DB 192.0.2.1

[ "$BAD_FAILED" -eq 0 ] || fail "$BAD_FAILED of $N bad inputs were not refused as they should be"
done_testing
