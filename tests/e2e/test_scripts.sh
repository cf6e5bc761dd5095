#!/bin/sh
# Exports for scripts against rbldnsd on the loopback: forty ranges from a
# targets file into one CSV (one header, a target and a class column,
# every address's verdict), the same from standard input and as JSON, the
# worst exit status over all targets, bad target lines, the configuration
# file and the command line over it, and --summary within 100 columns.
. tests/e2e/lib.sh

need_rblscope
make_asn_db "$E2E_FIX/asn.csv" "$T/asn.mmdb" 4
start_rbldnsd "$E2E_FIX/zones" $ZONE_L1 $ZONE_L2 $ZONE_L3
LIVE="--resolver 127.0.0.1:$RBLDNSD_PORT --rate 0 --timeout 3000"
DB="--db $T/asn.mmdb"

# --- forty ranges from a file ---------------------------------------------
# 192.0.2.0/24 in 32 /29s, then 198.51.100.0/26 in 8 /29s, with comments,
# blank lines and the pasted forms (spaces, brackets) between them.
{
	echo "# forty ranges"
	i=0
	while [ $i -lt 256 ]; do
		echo "192.0.2.$i/29"
		i=$((i + 8))
	done
	echo
	echo "   # the clean university"
	i=0
	while [ $i -lt 64 ]; do
		echo " 198.51.100.$i/29   # a comment after a target"
		i=$((i + 8))
	done
} >"$T/forty.txt"
# shellcheck disable=SC2086
rbl forty --export csv $LIVE $DB --targets "$T/forty.txt"
expect_status 1 "forty ranges: something is listed, exits 1"
assert_empty "$T/forty.err" "forty ranges: nothing on stderr (not a terminal: no progress)"
assert_eq 1 "$(grep -c '^ip,' "$T/forty.out")" "forty ranges: one header"
csv_norm 0 <"$T/forty.out" >"$T/forty.all" || fail "forty ranges: not RFC 4180"
ok "forty ranges: well-formed, every record as wide as the header"
assert_lines 321 "$T/forty.all" "forty ranges: 320 addresses, one row each"
# Every row: its target is the /29 that holds its address, and its class
# is the verdict of its answers (guilty > range > asn > error > clean).
csv_grep "$T/forty.all" '
	my @o = split /\./, $r{ip}; my $net = "$o[0].$o[1].$o[2]." . ($o[3] - $o[3] % 8) . "/29";
	my $want = $r{l1} eq "listed" ? "guilty" : $r{l2} eq "listed" ? "range" :
	           $r{l3} eq "listed" ? "asn" : (grep { $r{$_} eq "error" } qw(l1 l2 l3)) ? "error" :
	           "clean";
	$r{target} ne $net || $r{class} ne $want' >"$T/bad"
assert_empty "$T/bad" "forty ranges: each row's target holds it, its class follows its answers"
for want in 192.0.2.5,guilty 192.0.2.6,range 192.0.2.100,asn 192.0.2.250,clean 198.51.100.9,clean; do
	ip=${want%,*}
	assert_eq "${want#*,}" "$(csv_field "$T/forty.all" "$ip" class)" "forty ranges: $ip is ${want#*,}"
done
# The per-address states equal a single export of each /24.
# shellcheck disable=SC2086
rbl one --export csv $LIVE $DB 192.0.2.0/24
csv_norm 7 <"$T/one.out" | tail -n +2 >"$T/one.7"
csv_norm 7 <"$T/forty.out" | sed -n '2,257p' >"$T/forty.7"
assert_file_eq "$T/one.7" "$T/forty.7" "forty ranges: the same answers as the /24 alone"

# From standard input, as JSON Lines: the same rows.
# shellcheck disable=SC2086
"$RBLSCOPE" --export json $LIVE $DB --targets - <"$T/forty.txt" >"$T/stdin.json" 2>"$T/stdin.err"
assert_eq 1 "$?" "targets from standard input: exits 1"
json_to_csv <"$T/stdin.json" >"$T/stdin.csv" || fail "targets from stdin: not JSON Lines"
assert_file_eq "$T/forty.all" "$T/stdin.csv" "targets from standard input, JSON: the CSV's rows"

# Positional targets, text: one snapshot each, the worst status.
# shellcheck disable=SC2086
rbl clean2 --export csv $LIVE $DB 198.51.100.0/30 198.51.100.4/30
expect_status 0 "two clean targets: exits 0"
assert_lines 9 "$T/clean2.out" "two clean targets: one header, eight rows"
# shellcheck disable=SC2086
rbl text2 --export text $LIVE $DB 198.51.100.0/30 192.0.2.0/30
expect_status 1 "a clean target, then a listed one: exits 1 (the worst)"
assert_eq 2 "$(grep -c '^rblscope .* snapshot' "$T/text2.out")" "text: one snapshot per target"
assert_eq 1 "$(grep -c '^=====' "$T/text2.out")" "text: the snapshots are separated"
# An unanswered zone (rbldnsd does not serve it) fails its lookups: 3 wins.
# shellcheck disable=SC2086
rbl worst --export csv $LIVE $DB --retries 0 --timeout 300 --no-probe \
	--zone l1=nowhere.invalid 198.51.100.0/31 192.0.2.0/31
expect_status 3 "failed lookups in one of two targets: exits 3"

# --- bad target lines -----------------------------------------------------
printf '192.0.2.0/29\n# fine\n192.0.2.300/29\n' >"$T/bad1.txt"
printf '192.0.2.0/8\n' >"$T/bad2.txt"
printf '\n\nAS64500\n' >"$T/bad3.txt"
printf '# nothing\n\n' >"$T/bad4.txt"
for c in "bad1.txt:3: bad target '192.0.2.300/29'" "bad2.txt:1: target '192.0.2.0/8' is too wide" \
         "bad3.txt:3: AS64500: several targets are networks only" "bad4.txt: no target in the file"; do
	f=${c%%:*}
	# shellcheck disable=SC2086
	rbl badt --export csv $LIVE $DB --targets "$T/$f"
	expect_status 2 "$f: exits 2"
	assert_lines 1 "$T/badt.err" "$f: one line on stderr"
	assert_eq "rblscope: $T/$c" "$(cut -c 1-$((${#T} + 11 + ${#c})) "$T/badt.err")" "$f: path:LINE: reason"
	assert_empty "$T/badt.out" "$f: nothing on stdout"
done
rbl nofile --export csv $LIVE --targets "$T/absent.txt"
expect_status 2 "a missing targets file: exits 2"
# shellcheck disable=SC2086
rbl tui2 $LIVE 192.0.2.1 192.0.2.2
expect_status 2 "two targets without --export: exits 2"

# --- the configuration file -----------------------------------------------
CONF=$XDG_CONFIG_HOME/rblscope/config
mkdir -p "${CONF%/*}"
cat >"$CONF" <<EOF2
# the test's resolver
resolver = 127.0.0.1:$RBLDNSD_PORT
rate = 0
timeout = 3000
db = $T/asn.mmdb
EOF2
rbl conf --export csv 192.0.2.0/30
expect_status 1 "configuration: its resolver and database are used"
assert_eq "192.0.2.1,64500,EXAMPLE-NET" "$(sed -n 3p "$T/conf.out" | cut -d, -f1-3)" \
	"configuration: the ASN database it names"
# A dead resolver in the file, the real one on the command line: the
# command line wins.
DEAD=$(free_port)
sed -i "s/^resolver = .*/resolver = 127.0.0.1:$DEAD/" "$CONF"
rbl confover --export csv --resolver "127.0.0.1:$RBLDNSD_PORT" 192.0.2.0/30
expect_status 1 "configuration: --resolver overrides the file's"
# --zones on the command line replaces the file's resolver.
rbl confzones --export csv --zones "$E2E_FIX/zones" 192.0.2.0/30
expect_status 1 "configuration: --zones replaces the file's resolver"
# --config FILE instead; --no-config ignores a bad default file.
printf 'resolver = 127.0.0.1:%s\nrate = 0\n' "$RBLDNSD_PORT" >"$T/other.conf"
rbl confother --export csv --config "$T/other.conf" --no-probe 192.0.2.0/30
expect_status 1 "--config FILE: its resolver"
printf 'rate = 0\ntimeout = 3000\ncolour = red\n' >"$CONF"
rbl confbad --export csv 192.0.2.0/30
expect_status 2 "configuration: an unknown key exits 2"
assert_eq "rblscope: $CONF:3: unknown key 'colour': want resolver, db, zones, profile, rate, timeout, retries, window, theme or history_db" \
	"$(cat "$T/confbad.err")" "configuration: one line, path:LINE: reason"
printf 'timeout = soon\n' >"$CONF"
rbl confbad2 --export csv 192.0.2.0/30
expect_status 2 "configuration: a bad value exits 2"
assert_contains "$T/confbad2.err" "$CONF:1: bad timeout 'soon'" "configuration: the bad value's line"
rbl noconf --export csv --no-config --resolver "127.0.0.1:$RBLDNSD_PORT" --rate 0 192.0.2.0/30
expect_status 1 "--no-config: the bad file is not read"
rbl confmissing --export csv --config "$T/absent.conf" 192.0.2.0/30
expect_status 2 "--config with a missing file exits 2"
assert_lines 1 "$T/confmissing.err" "--config missing: one line"
rm -f "$CONF"

# --- --summary ----------------------------------------------------------
# A database path long enough to pass 100 columns.
long=$T/a-directory-with-a-rather-long-name-so-that-the-header-line-passes-one-hundred-columns
mkdir -p "$long"
cp "$T/asn.mmdb" "$long/asn.mmdb"
# shellcheck disable=SC2086
rbl summary --export text --summary $LIVE --db "$long/asn.mmdb" 192.0.2.0/24
expect_status 1 "summary: exits 1"
assert_contains "$T/summary.out" "  verdict   listed (exit 1)" "summary: the verdict"
assert_contains "$T/summary.out" "  classes   guilty 7, range 187, asn 1, clean 61" "summary: the classes"
assert_contains "$T/summary.out" "guilty 7, collateral 188" "summary: the counts"
assert_eq 0 "$(awk 'length($0) > 100' "$T/summary.out" | wc -l)" "summary: no line over 100 columns"
assert_eq 100 "$(awk '{ if (length($0) > m) m = length($0) } END { print m }' "$T/summary.out")" \
	"summary: the long line is cut at 100"
assert_not_contains "$T/summary.out" "legend" "summary: no grid legend"
assert_eq 0 "$(grep -c '^ *192\.0\.2\.[0-9]* *[#=~.!?] ' "$T/summary.out")" "summary: no grid rows"

# --- progress on a terminal (script(1) gives rblscope a pty) -------------
if command -v script >/dev/null 2>&1; then
	for q in "" --quiet; do
		# shellcheck disable=SC2086
		script -qc "$RBLSCOPE --export csv $LIVE $DB --rate 2000 --no-probe $q -o $T/prog.csv 192.0.0.0/22" \
			"$T/tty$q" >/dev/null 2>&1 </dev/null
	done
	grep -q 'of 3072 lookups, [0-9]*/s, 0:0[0-9] left' "$T/tty" ||
		fail "progress: no line with count, rate and time left: $(head -c 300 "$T/tty")"
	ok "progress: count, rate and time left on a terminal's stderr"
	perl -0777 -ne 'exit(/lookups[^\r]*\r +\r[^\r]*\z/ ? 0 : 1)' "$T/tty" ||
		fail "progress: the line is not cleared at the end"
	ok "progress: redrawn with CR and cleared at the end"
	assert_not_contains "$T/tty--quiet" "lookups" "progress: --quiet shows none"
	assert_lines 1025 "$T/prog.csv" "progress: the export itself is whole (1024 addresses)"
else
	note "script(1) missing: the progress line is not checked"
fi

done_testing
