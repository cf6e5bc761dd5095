#!/bin/sh
# Where an export goes: --output never follows, replaces or destroys a
# file the user did not name, is checked before the first query, and
# every signal that ends a run leaves the old file as it was with no
# temporary file behind; what the command line says is echoed sanitised;
# the demo's export names its policy, and its temporary folder goes at
# the end and on SIGHUP too.
. tests/e2e/lib.sh

need_rblscope
start_rbldnsd "$E2E_FIX/zones" $ZONE_L1 $ZONE_L2 $ZONE_L3
LIVE="--resolver 127.0.0.1:$RBLDNSD_PORT --timeout 3000 --no-probe"
OUT=$T/out
mkdir -p "$OUT"

# one_line NAME WHAT: the run said exactly one line on stderr.
one_line() {
	n=$(wc -l <"$T/$1.err")
	[ "$n" -eq 1 ] || { cat "$T/$1.err"; fail "$2: $n lines on stderr, want 1"; }
	ok "$2: one line on stderr"
}

# names DIR: the files in DIR, hidden ones too.
names() { (cd "$1" && ls -A | tr '\n' ' '); }

# --- a regular file: replaced whole, mode kept ---------------------------
printf 'old\n' >"$OUT/snap.csv"
chmod 600 "$OUT/snap.csv"
# shellcheck disable=SC2086
rbl reg --export csv $LIVE --rate 0 -o "$OUT/snap.csv" 192.0.2.0/28
expect_status 1 "regular file: written"
assert_eq "$EXPORT_HEADER" "$(head -n 1 "$OUT/snap.csv")" "regular file: holds the export"
assert_eq "600" "$(stat -c %a "$OUT/snap.csv")" "regular file: its mode is kept"
assert_eq "snap.csv " "$(names "$OUT")" "regular file: no temporary file left"

# --- a symlink: followed as the user's path, never replaced --------------
printf 'old\n' >"$OUT/real.csv"
ln -s real.csv "$OUT/link.csv"
# shellcheck disable=SC2086
rbl link --export csv $LIVE --rate 0 -o "$OUT/link.csv" 192.0.2.0/28
expect_status 1 "symlink: written"
[ -L "$OUT/link.csv" ] || fail "symlink: the link was replaced by a file"
ok "symlink: the link is still a link"
assert_eq "real.csv" "$(readlink "$OUT/link.csv")" "symlink: it points where it did"
assert_eq "$EXPORT_HEADER" "$(head -n 1 "$OUT/real.csv")" "symlink: its target holds the export"

ln -s "$OUT/nowhere" "$OUT/dangling.csv"
# shellcheck disable=SC2086
rbl dangling --export csv $LIVE -o "$OUT/dangling.csv" 192.0.2.0/28
expect_status 2 "symlink to nothing: refused"
one_line dangling "symlink to nothing"
[ -e "$OUT/nowhere" ] && fail "symlink to nothing: a file was created through it"
ok "symlink to nothing: nothing created through it"

# --- /dev/null, a FIFO, standard output ----------------------------------
# shellcheck disable=SC2086
rbl null --export csv $LIVE --rate 0 -o /dev/null 192.0.2.0/28
expect_status 1 "/dev/null: written"
[ -c /dev/null ] || fail "/dev/null is no longer a character device"
ok "/dev/null: still a character device"

mkfifo "$OUT/fifo"
cat "$OUT/fifo" >"$T/fifo.got" &
reader=$!
# shellcheck disable=SC2086
rbl fifo --export csv $LIVE --rate 0 -o "$OUT/fifo" 192.0.2.0/28
wait $reader
expect_status 1 "FIFO: written"
[ -p "$OUT/fifo" ] || fail "FIFO: replaced by a file"
ok "FIFO: still a FIFO"
assert_eq "$EXPORT_HEADER" "$(head -n 1 "$T/fifo.got")" "FIFO: the reader got the export"
# shellcheck disable=SC2086
rbl fifo-nobody --export csv $LIVE --rate 1 -o "$OUT/fifo" 192.0.2.0/28
expect_status 2 "FIFO nobody reads: refused at once, no hang"
one_line fifo-nobody "FIFO nobody reads"

# shellcheck disable=SC2086
rbl dash --export csv $LIVE --rate 0 -o - 192.0.2.0/28
expect_status 1 "-o -: written"
assert_eq "$EXPORT_HEADER" "$(head -n 1 "$T/dash.out")" "-o - is standard output"
[ -e ./- ] && fail "-o - created a file named -"
ok "-o - creates no file"
# shellcheck disable=SC2086
rbl devstdout --export csv $LIVE --rate 0 -o /dev/stdout 192.0.2.0/28
expect_status 1 "-o /dev/stdout: written"
assert_eq "$EXPORT_HEADER" "$(head -n 1 "$T/devstdout.out")" "-o /dev/stdout reaches standard output"

# --- bad paths: refused before the first query ----------------------------
# --rate 1 makes a /24 take minutes: a refusal after the scan would time out.
for case in "folder|$OUT" "slash|$OUT/new/" "missing|$OUT/no/such/folder/x.csv" \
	"empty|" "file-as-folder|$OUT/snap.csv/x"; do
	what=${case%%|*}
	path=${case#*|}
	# shellcheck disable=SC2086
	RUN_TIMEOUT=10 rbl "bad-$what" --export csv $LIVE --rate 1 -o "$path" 192.0.2.0/24
	expect_status 2 "output $what: refused before the scan"
	one_line "bad-$what" "output $what"
done
long=$OUT/$(head -c 5000 /dev/zero | tr '\0' a)
RUN_TIMEOUT=10 rbl bad-long --export csv $LIVE --rate 1 -o "$long" 192.0.2.0/24
expect_status 2 "output path over PATH_MAX: refused"
one_line bad-long "output path over PATH_MAX"

# A folder that cannot be written: as root, run as nobody.
mkdir -p "$OUT/ro"
chmod 555 "$OUT/ro"
chmod 755 "$T" "$OUT"
runner=$RBLSCOPE
if [ "$(id -u)" -eq 0 ]; then
	command -v setpriv >/dev/null 2>&1 || skip "setpriv is missing (Debian package util-linux)"
	cp "$RBLSCOPE" "$T/rblscope-copy"
	chmod 755 "$T/rblscope-copy"
	printf '#!/bin/sh\nexec setpriv --reuid=nobody --regid=nogroup --clear-groups "%s" "$@"\n' \
		"$T/rblscope-copy" >"$T/as-nobody"
	chmod 755 "$T/as-nobody"
	runner=$T/as-nobody
fi
# shellcheck disable=SC2086
RBLSCOPE=$runner RUN_TIMEOUT=10 rbl ro --export csv $LIVE --rate 1 -o "$OUT/ro/x.csv" 192.0.2.0/24
expect_status 2 "read-only folder: refused before the scan"
one_line ro "read-only folder"
assert_contains "$T/ro.err" "Permission denied" "read-only folder: says why"

# --- signals: the old file stays, no temporary file ----------------------
for sig in HUP INT TERM PIPE; do
	printf 'precious\n' >"$OUT/keep.csv"
	# shellcheck disable=SC2086
	"$RBLSCOPE" --export csv $LIVE --rate 5 -o "$OUT/keep.csv" 192.0.2.0/24 \
		>"$T/sig.out" 2>"$T/sig.err" &
	pid=$!
	sleep 0.5
	kill -"$sig" $pid
	wait $pid
	rc=$?
	case $sig in HUP) want=129 ;; INT) want=130 ;; TERM) want=143 ;; PIPE) want=141 ;; esac
	assert_eq "$want" "$rc" "SIG$sig during an export: exit $want"
	assert_eq "precious" "$(cat "$OUT/keep.csv")" "SIG$sig: the old file is untouched"
	case " $(names "$OUT") " in
	*" .rblscope-"*) fail "SIG$sig: a temporary file was left: $(names "$OUT")" ;;
	esac
	ok "SIG$sig: no temporary file left"
	n=$(wc -l <"$T/sig.err")
	assert_eq 1 "$n" "SIG$sig: one line on stderr"
done

# --- the command line is echoed sanitised --------------------------------
esc=$(printf '\033')
rbl forged --export csv "$(printf '192.0.2.1\n%s[31mrblscope: all clean' "$esc")"
expect_status 2 "a target with a newline and ESC: refused"
one_line forged "a target with a newline and ESC"
if grep -q "$esc" "$T/forged.err"; then fail "ESC reached stderr"; fi
ok "a target with ESC: no ESC on stderr"
rbl forged-zone --export csv --zone "l1=$(printf 'x\nrblscope: y')" --zones "$T/none" 192.0.2.1
one_line forged-zone "a zone name with a newline"
rbl forged-out --export csv $LIVE -o "$OUT/$(printf 'a\n%s[2J' "$esc")/x" 192.0.2.1
expect_status 2 "an output path with a newline: refused"
one_line forged-out "an output path with a newline"

# --- the demo's export: its policy named, its folder gone ----------------
mkdir -p "$T/demoexp"
old_tmpdir=${TMPDIR-}
TMPDIR=$T/demoexp
export TMPDIR
rbl demo-net --demo --export text
expect_status 1 "demo export: 198.18.7.0/24 has listings under the 2010 rules"
assert_contains "$T/demo-net.out" "  policy    2010: UCEPROTECT until 18 Jan 2021 (2010 rules) (demo)" "demo export: the text snapshot names the policy"
rbl demo-asn --demo --export text AS64512
assert_contains "$T/demo-asn.out" "  policy    2010: UCEPROTECT until 18 Jan 2021 (2010 rules) (demo)" "demo export: the ASN snapshot names the policy"
rbl demo-csv --demo --export csv 198.18.7.0/30
assert_not_contains "$T/demo-csv.out" "policy" "demo export: CSV has no policy line"
TMPDIR=$old_tmpdir
assert_eq "" "$(names "$T/demoexp")" "demo export: its temporary folder is removed"

# --- the demo's temporary folder goes on SIGHUP ---------------------------
if command -v tmux >/dev/null 2>&1; then
	. tests/e2e/tuilib.sh
	mkdir -p "$T/demotmp"
	start_tui C.UTF-8 "TMPDIR=$T/demotmp" --demo
	wait_for "DEMO"
	[ -n "$(names "$T/demotmp")" ] || fail "demo: no temporary folder while running"
	# ours: the one whose TMPDIR is this test's (other demos may run)
	pid=
	for p in $(pgrep -f "rblscope --demo"); do
		tr '\0' '\n' <"/proc/$p/environ" 2>/dev/null | grep -qx "TMPDIR=$T/demotmp" && pid=$p
	done
	[ -n "$pid" ] || fail "demo: no process"
	kill -HUP "$pid"
	i=0
	while [ ! -s "$T/tui.status" ] && [ $i -lt 100 ]; do sleep 0.05; i=$((i + 1)); done
	assert_eq 129 "$(cat "$T/tui.status")" "demo: SIGHUP ends it with 129"
	assert_eq "" "$(names "$T/demotmp")" "demo: SIGHUP removes its temporary folder"
fi

done_testing
