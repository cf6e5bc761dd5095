# Helpers for rblscope's end-to-end tests, sourced by tests/e2e/test_*.sh.
# POSIX sh.  Run tests from the repository root: sh tests/e2e/test_X.sh.
# Exit codes: 0 pass, 77 skip, anything else fail.
#
# Every server a test starts (rbldnsd, udpproxy, fakedns) listens on
# 127.0.0.1 only, and every rblscope run is pointed at one of them or at
# zone files: no test traffic leaves the loopback.

set -u

E2E_FIX=tests/e2e/fixtures
E2E_TOOLS=build/tests/tools
RBLSCOPE=${RBLSCOPE:-./rblscope}
RUN_TIMEOUT=${RUN_TIMEOUT:-60}
EXPORT_HEADER='ip,asn,as_org,as_network,l1,l2,l3,l1_code,l1_codes,l1_meanings,l1_reason,l1_txt,l2_code,l2_codes,l2_meanings,l2_reason,l2_txt,l3_code,l3_codes,l3_meanings,l3_reason,l3_txt,class,target'
# The error reasons the export contract names for the *_reason columns.
EXPORT_REASONS='timeout servfail refused blocked bogus network rcode malformed nodata other untrusted'
ZONE_L1=dnsbl-1.uceprotect.net
ZONE_L2=dnsbl-2.uceprotect.net
ZONE_L3=dnsbl-3.uceprotect.net

[ -f tests/e2e/lib.sh ] || { echo "run from the repository root" >&2; exit 2; }

# --- temp dir and cleanup -------------------------------------------------

E2E_PIDS=
T=$(mktemp -d "${TMPDIR:-/tmp}/rblscope-e2e.XXXXXX") || exit 2
# No configuration file of the machine's user: a test that wants one
# writes it under $T/xdg/rblscope/config.
XDG_CONFIG_HOME=$T/xdg
export XDG_CONFIG_HOME
# rbldnsd reads its zone files after dropping root: let it in.
chmod 755 "$T"

e2e_cleanup() {
	for p in $E2E_PIDS; do
		kill "$p" 2>/dev/null
	done
	for p in $E2E_PIDS; do
		wait "$p" 2>/dev/null
	done
	E2E_PIDS=
	[ -n "${KEEP_TMP:-}" ] && { echo "kept $T" >&2; return; }
	rm -rf "$T"
}
trap e2e_cleanup EXIT
trap 'exit 129' HUP
trap 'exit 130' INT
trap 'exit 143' TERM

# A run of rblscope never reads the tester's own settings or databases.
HOME=$T/home
mkdir -p "$HOME"
export HOME
unset RBLSCOPE_DB

# --- reporting ------------------------------------------------------------

E2E_CHECKS=0

# Print what is going on.
note() { printf '# %s\n' "$*"; }

# Skip the whole test (exit 77); the message is the log's last line.
skip() { echo "SKIP: $*"; exit 77; }

# Fail the whole test with a message.
fail() { echo "FAIL: $*"; exit 1; }

# Count a check that held.
ok() { E2E_CHECKS=$((E2E_CHECKS + 1)); echo "ok - $*"; }

# End of a test: passes only when something was checked.
done_testing() {
	[ "$E2E_CHECKS" -gt 0 ] || fail "no check was made"
	echo "PASS: $E2E_CHECKS checks"
	exit 0
}

# assert_eq EXPECTED GOT WHAT
assert_eq() {
	[ "$1" = "$2" ] || fail "$3: expected '$1', got '$2'"
	ok "$3"
}

# assert_file_eq EXPECTED_FILE GOT_FILE WHAT: byte for byte, with a diff.
assert_file_eq() {
	if ! cmp -s "$1" "$2"; then
		echo "--- diff $1 $2 (first 40 lines)"
		diff "$1" "$2" | head -n 40
		fail "$3: $2 differs from $1"
	fi
	ok "$3"
}

# assert_contains FILE STRING WHAT: a fixed string occurs in FILE.
assert_contains() {
	grep -qF -- "$2" "$1" || fail "$3: '$2' not found in $1"
	ok "$3"
}

# assert_not_contains FILE STRING WHAT
assert_not_contains() {
	! grep -qF -- "$2" "$1" || fail "$3: '$2' found in $1: $(grep -F -- "$2" "$1" | head -n 1)"
	ok "$3"
}

# assert_empty FILE WHAT
assert_empty() {
	[ ! -s "$1" ] || fail "$2: $1 is not empty: $(head -c 300 "$1")"
	ok "$2"
}

# assert_lines N FILE WHAT: FILE has exactly N lines (a last line without
# a newline counts).
assert_lines() {
	n=$(awk 'END { print NR }' "$2")
	[ "$n" -eq "$1" ] || fail "$3: $2 has $n lines, expected $1: $(head -c 300 "$2")"
	ok "$3"
}

# --- tools ----------------------------------------------------------------

# need_rblscope: skip unless ./rblscope was built.
need_rblscope() {
	[ -x "$RBLSCOPE" ] || skip "$RBLSCOPE is not built (make rblscope)"
}

# tool NAME: print the path of a test tool, building it from
# tests/tools/NAME.c when make has not (make builds them only once the
# whole library compiles).
tool() {
	bin=$E2E_TOOLS/$1
	src=tests/tools/$1.c
	if [ ! -x "$bin" ] || [ -n "$(find "$src" -newer "$bin")" ]; then
		bin=$T/tools/$1
		if [ ! -x "$bin" ]; then
			mkdir -p "$T/tools"
			${CC:-cc} -std=c11 -O2 -Wall -Wextra -D_POSIX_C_SOURCE=200809L \
				-D_DEFAULT_SOURCE -o "$bin" "$src" >&2 ||
				{ echo "cannot build $src" >&2; exit 1; }
		fi
	fi
	echo "$bin"
}

# free_port: a UDP port on 127.0.0.1 that nothing uses right now.
free_port() {
	perl -MIO::Socket::INET -e '
		my $s = IO::Socket::INET->new(Proto => "udp", LocalAddr => "127.0.0.1",
		                              LocalPort => 0) or die "bind: $!\n";
		print $s->sockport, "\n";' || { echo "free_port: no free UDP port" >&2; exit 1; }
}

# spawn NAME CMD...: start CMD in the background with stdout in $T/NAME.out
# and stderr in $T/NAME.err; its pid in BG_PID; killed at exit.
spawn() {
	name=$1
	shift
	# Gone before the child starts: wait_port must not read an older run's.
	rm -f "$T/$name.out" "$T/$name.err"
	"$@" >"$T/$name.out" 2>"$T/$name.err" &
	BG_PID=$!
	E2E_PIDS="$E2E_PIDS $BG_PID"
}

# stop_bg PID: stop one server started by spawn, and wait for it.
stop_bg() {
	kill "$1" 2>/dev/null
	wait "$1" 2>/dev/null
	rest=
	for p in $E2E_PIDS; do
		[ "$p" = "$1" ] || rest="$rest $p"
	done
	E2E_PIDS=$rest
}

# alive PID: the process is still running.
alive() { kill -0 "$1" 2>/dev/null; }

# dns_ready PORT|ADDR:PORT NAME: poll the server there (127.0.0.1 unless
# said) with an A query for NAME until it answers (5 s at most).
dns_ready() {
	dnsq=$(tool dnsq) || fail "no dnsq"
	case $1 in *:*) server=$1 ;; *) server=127.0.0.1:$1 ;; esac
	i=0
	while [ $i -lt 50 ]; do
		"$dnsq" -s "$server" -w 200 -t A "$2" >/dev/null 2>&1 && return 0
		i=$((i + 1))
		sleep 0.1
	done
	return 1
}

# start_rbldnsd DIR ZONE...: serve DIR/ZONE (rbldnsd ip4set) as ZONE on
# 127.0.0.1; sets RBLDNSD_PORT and RBLDNSD_PID and waits until the first
# zone's test entry 127.0.0.2 answers.  ZONE=FILE serves DIR/FILE as
# ZONE: a zone named more than once answers from every one of its files
# (rbldnsd combines the datasets of a zone).  The files are copied, so
# that rbldnsd can read them after it drops root; RBLDNSD_DIR is where.
# With RBLDNSD_CHECK=N set, rbldnsd looks every N seconds for changed
# files there and reloads them (rbldnsd -c N): write the new file to
# $RBLDNSD_DIR (a second or more after the last load) and wait for the
# answer to change.
start_rbldnsd() {
	src=$1
	shift
	[ -x /usr/sbin/rbldnsd ] || skip "/usr/sbin/rbldnsd is not installed (Debian package rbldnsd)"
	zd=$T/rbldnsd-zones.$$.$(date +%s%N)
	mkdir -p "$zd"
	specs=
	first=${1%%=*}
	for z in "$@"; do
		file=${z#*=}
		z=${z%%=*}
		cp "$src/$file" "$zd/$file" || fail "start_rbldnsd: no zone file $src/$file"
		specs="$specs $z:ip4set:$zd/$file"
	done
	chmod -R a+rX "$zd"
	RBLDNSD_DIR=$zd
	check=
	[ -n "${RBLDNSD_CHECK:-}" ] && check="-c $RBLDNSD_CHECK"
	user=
	[ "$(id -u)" -eq 0 ] && user="-u rbldns"
	try=0
	while [ $try -lt 5 ]; do
		try=$((try + 1))
		RBLDNSD_PORT=$(free_port) || exit 1
		# shellcheck disable=SC2086
		spawn rbldnsd /usr/sbin/rbldnsd -n $user $check -b "127.0.0.1/$RBLDNSD_PORT" $specs
		RBLDNSD_PID=$BG_PID
		if dns_ready "$RBLDNSD_PORT" "2.0.0.127.$first"; then
			note "rbldnsd on 127.0.0.1:$RBLDNSD_PORT serving $*"
			return 0
		fi
		stop_bg "$RBLDNSD_PID"
	done
	cat "$T/rbldnsd.out" "$T/rbldnsd.err"
	fail "rbldnsd did not start"
}

# wait_port NAME: PORT becomes the port a tool started with spawn
# printed on stdout.
wait_port() {
	i=0
	while [ $i -lt 50 ]; do
		PORT=$(head -n 1 "$T/$1.out" 2>/dev/null)
		[ -n "$PORT" ] && return 0
		alive "$BG_PID" || break
		i=$((i + 1))
		sleep 0.1
	done
	cat "$T/$1.err"
	fail "$1 did not start"
}

# start_udpproxy UPSTREAM_PORT [OPTION...]: a lossy proxy in front of
# 127.0.0.1:UPSTREAM_PORT; sets PROXY_PORT and PROXY_PID.  Its log of
# dropped queries is $T/udpproxy.err.
start_udpproxy() {
	up=$1
	shift
	bin=$(tool udpproxy) || fail "no udpproxy"
	spawn udpproxy "$bin" -l 127.0.0.1:0 -u "127.0.0.1:$up" "$@"
	PROXY_PID=$BG_PID
	wait_port udpproxy
	PROXY_PORT=$PORT
	note "udpproxy on 127.0.0.1:$PROXY_PORT -> $up ($*)"
}

# start_fakedns [OPTION...]: a server that answers every name alike; sets
# FAKEDNS_PORT and FAKEDNS_PID.
start_fakedns() {
	bin=$(tool fakedns) || fail "no fakedns"
	spawn fakedns "$bin" -l 127.0.0.1:0 "$@"
	FAKEDNS_PID=$BG_PID
	wait_port fakedns
	FAKEDNS_PORT=$PORT
	dns_ready "$FAKEDNS_PORT" 2.0.0.127.$ZONE_L1 || fail "fakedns does not answer"
	note "fakedns on 127.0.0.1:$FAKEDNS_PORT ($*)"
}

# make_asn_db CSVFILE OUT [4|6]: a GeoLite2-ASN style MaxMind DB.
make_asn_db() {
	[ -f assets/build/mkasndb.pl ] || skip "assets/build/mkasndb.pl is missing"
	perl -MMaxMind::DB::Writer::Tree -e 1 2>/dev/null ||
		skip "perl MaxMind::DB::Writer is missing (Debian package libmaxmind-db-writer-perl)"
	perl assets/build/mkasndb.pl --ip-version "${3:-4}" -o "$2" "$1" ||
		fail "mkasndb.pl failed on $1"
}

# --- running rblscope -----------------------------------------------------

# run_rbl NAME ARG...: run ./rblscope ARG... with stdout in $T/NAME.out,
# stderr in $T/NAME.err and the exit status in RC.  A crash, a hang or a
# sanitizer report fails the test.
run_rbl() {
	name=$1
	E2E_LAST=$1
	shift
	started=$(date +%s)
	timeout -k 5 "$RUN_TIMEOUT" "$RBLSCOPE" "$@" >"$T/$name.out" 2>"$T/$name.err" </dev/null
	RC=$?
	took=$(($(date +%s) - started))
	[ $RC -eq 124 ] && fail "rblscope $* did not finish within ${RUN_TIMEOUT}s"
	[ $RC -eq 137 ] && [ "$took" -ge "$RUN_TIMEOUT" ] &&
		fail "rblscope $* did not finish within ${RUN_TIMEOUT}s, and needed SIGKILL (ignored SIGTERM)"
	if [ $RC -ge 125 ]; then
		cat "$T/$name.err"
		fail "rblscope $* crashed (exit $RC)"
	fi
	if grep -qE 'Sanitizer|runtime error:' "$T/$name.err"; then
		cat "$T/$name.err"
		fail "rblscope $*: sanitizer report"
	fi
	return 0
}

# expect_status N WHAT: the last run_rbl ended with status N.
expect_status() {
	[ "$RC" -eq "$1" ] || {
		echo "--- stderr of the run:"
		head -n 20 "$T/${E2E_LAST:-}.err" 2>/dev/null
		fail "$2: exit status $RC, expected $1"
	}
	ok "$2"
}

# rbl NAME ARG...: the short name of run_rbl.
rbl() { run_rbl "$@"; }

# --- reading exports (perl: JSON::PP and the RFC 4180 rules) -------------

# csv_norm N < CSV: the first N fields (all with N = 0) of each RFC 4180
# record, re-quoted only where needed (comma, quote, CR, LF), one record
# a line.  Fails on a malformed record or one whose field count differs
# from the header's.
csv_norm() {
	perl -e '
		use strict; use warnings;
		my $n = shift; my $data = do { local $/; <STDIN> };
		my ($pos, $len, @recs, @f) = (0, length $data);
		my $bad = sub { die "csv_norm: malformed CSV at byte $_[0]\n" };
		while ($pos < $len) {
			my $field;
			if (substr($data, $pos, 1) eq q(")) {
				$pos++; $field = "";
				while (1) {
					my $q = index($data, q("), $pos);
					$bad->($pos) if $q < 0;
					$field .= substr($data, $pos, $q - $pos);
					$pos = $q + 1;
					if (substr($data, $pos, 1) eq q(")) { $field .= q("); $pos++; next }
					last;
				}
			} else {
				substr($data, $pos) =~ /^([^,"\r\n]*)/ or $bad->($pos);
				$field = $1; $pos += length $1;
			}
			push @f, $field;
			my $c = substr($data, $pos, 1);
			if ($c eq ",") { $pos++; next }
			if ($c eq "\r" && substr($data, $pos + 1, 1) eq "\n") { $pos += 2 }
			elsif ($c eq "\n" || $pos >= $len) { $pos++ }
			else { $bad->($pos) }
			push @recs, [@f]; @f = ();
		}
		my $w = @recs ? scalar @{$recs[0]} : 0;
		for my $i (0 .. $#recs) {
			my @r = @{$recs[$i]};
			die "csv_norm: record " . ($i + 1) . " has " . @r . " fields, the header $w\n"
				if @r != $w;
			@r = @r[0 .. $n - 1] if $n && $n < @r;
			print join(",", map { /[",\r\n]/ ? do { (my $v = $_) =~ s/"/""/g; qq("$v") } : $_ } @r), "\n";
		}' "$1"
}

# json_to_csv < JSONL: the JSON Lines export as normalised CSV (header
# first, the export's columns in order; null and "" both empty).  Fails
# without the snapshot's header record first, on a line that is not one
# JSON object with exactly the export's keys, or whose asn is neither a
# number nor null.
json_to_csv() {
	perl -e '
		use strict; use warnings; use JSON::PP; use Encode;
		my @keys = split /,/, shift;
		my $json = JSON::PP->new->utf8;
		print join(",", @keys), "\n";
		while (my $line = <STDIN>) {
			chomp $line;
			my $o = eval { $json->decode($line) };
			die "json_to_csv: line $.: not JSON: $@" unless defined $o;
			die "json_to_csv: line $.: not an object\n" unless ref $o eq "HASH";
			# the snapshot header, first and only first
			if (defined $o->{record} && $o->{record} eq "header") {
				die "json_to_csv: line $.: a header that is not the first line\n" if $. != 1;
				next;
			}
			die "json_to_csv: line 1: no snapshot header\n" if $. == 1;
			my $got = join ",", sort keys %$o; my $want = join ",", sort @keys;
			die "json_to_csv: line $.: keys $got, expected $want\n" if $got ne $want;
			die "json_to_csv: line $.: asn is not a number or null\n"
				unless $line =~ /"asn"\s*:\s*(?:null|[0-9]+)\s*[,}]/;
			for my $k (@keys) {
				my $v = $o->{$k};
				# the codes and their meanings are arrays, joined as in the CSV
				if ($k =~ /_(?:codes|meanings)$/) {
					die "json_to_csv: line $.: $k is not an array of strings\n"
						if ref $v ne "ARRAY" || grep { ref || !defined } @$v;
					$o->{$k} = join ";", @$v;
					next;
				}
				die "json_to_csv: line $.: $k is not a scalar\n" if ref $v && !JSON::PP::is_bool($v);
			}
			my @v = map { my $v = $o->{$_}; $v = "" unless defined $v;
			              $v = Encode::encode("UTF-8", $v);
			              $v =~ /[",\r\n]/ ? do { $v =~ s/"/""/g; qq("$v") } : $v } @keys;
			print join(",", @v), "\n";
		}' "$EXPORT_HEADER"
}

# csv_field FILE IP COLUMN: one field of the (normalised) CSV FILE.
csv_field() {
	perl -e '
		use strict; use warnings;
		my ($file, $ip, $col) = @ARGV;
		open my $fh, "<", $file or die "$file: $!\n";
		my $split = sub { my @f; my $l = shift;
			while ($l =~ /\G(?:"((?:[^"]|"")*)"|([^,]*))(,|$)/g) {
				my ($v, $end) = (defined $1 ? $1 : $2, $3);
				$v =~ s/""/"/g; push @f, $v; last if $end eq "" }
			@f };
		chomp(my $h = <$fh>); my @h = $split->($h); my %ix;
		@ix{@h} = 0 .. $#h;
		die "csv_field: no column $col\n" unless exists $ix{$col};
		while (my $l = <$fh>) { chomp $l; my @f = $split->($l);
			if ($f[0] eq $ip) { print $f[$ix{$col}], "\n"; exit 0 } }
		die "csv_field: no row for $ip\n";' "$@"
}

# csv_grep FILE PERL_CONDITION: the normalised records (without the
# header) for which the condition holds; %r maps a column to its value.
# csv_grep f.csv '$r{l1} eq "error"'
csv_grep() {
	perl -e '
		use strict; use warnings;
		my ($file, $cond) = @ARGV;
		open my $fh, "<", $file or die "$file: $!\n";
		my $split = sub { my @f; my $l = shift;
			while ($l =~ /\G(?:"((?:[^"]|"")*)"|([^,]*))(,|$)/g) {
				my ($v, $end) = (defined $1 ? $1 : $2, $3);
				$v =~ s/""/"/g; push @f, $v; last if $end eq "" }
			@f };
		chomp(my $h = <$fh>); my @h = $split->($h);
		my $test = eval "sub { my %r = \@_; $cond }" or die "csv_grep: $@";
		while (my $l = <$fh>) { chomp $l; my @f = $split->($l); my %r;
			@r{@h} = @f; print "$l\n" if $test->(%r) }' "$@"
}

# control_bytes FILE: print how many bytes of FILE are control characters
# other than LF and TAB (C0 and DEL), or the C1 range in UTF-8.
control_bytes() {
	perl -e '
		local $/; my $d = <STDIN>;
		my $n = () = $d =~ /[\x00-\x08\x0b\x0c\x0e-\x1f\x7f]|\r(?!\n)|\xc2[\x80-\x9f]/g;
		print "$n\n";' <"$1"
}
