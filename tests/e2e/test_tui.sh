#!/bin/sh
# The terminal UI in a real terminal: tmux runs ./rblscope against
# rbldnsd on loopback (and once against the zone files) with a test ASN
# database, sends keys and reads the screen back.  Checked: the glyph of
# every address of the fixture /24, cursor moves, the detail panel (TXT,
# ASN), g and [ ], x, the help, the ASN layer, a tiny window and its
# recovery, no CPU while idle, NO_COLOR, an ASCII locale, and q giving
# the terminal back to the shell.
. tests/e2e/lib.sh

need_rblscope
command -v tmux >/dev/null 2>&1 || skip "tmux is not installed (Debian package tmux)"
make_asn_db "$E2E_FIX/asn.csv" "$T/asn.mmdb" 4
start_rbldnsd "$E2E_FIX/zones" $ZONE_L1 $ZONE_L2 $ZONE_L3

. tests/e2e/tuilib.sh

FIX_ABS=$(pwd)/$E2E_FIX
LIVE="--resolver 127.0.0.1:$RBLDNSD_PORT --rate 2000 --timeout 3000 --db $T/asn.mmdb"

# expected_grid GLYPHSET CURSOR [OTHER]: the 16 grid rows of 192.0.2.0/24
# as the fixture zones make them, written from what the zone files say:
# l1 lists .5 .17 .66 .130 .200-.203 but not .202; l2 lists .0-.191 but
# not .100; l3 lists .0-.127.  The cursor mark sits left of CURSOR.
expected_grid() {
	awk -v set="$1" -v cur="$2" 'BEGIN {
		if (set == "utf8") {
			g["guilty"] = "\342\226\210"; g["range"] = "\342\226\240"
			g["asn"] = "\342\226\262"; g["clean"] = "\342\227\213"; mark = "\342\226\270"
		} else {
			g["guilty"] = "#"; g["range"] = "="; g["asn"] = "~"; g["clean"] = "."; mark = ">"
		}
		split("5 17 66 130 200 201 203", l1)
		for (i in l1) guilty[l1[i]] = 1
		for (r = 0; r < 16; r++) {
			line = ""
			for (c = 0; c < 16; c++) {
				o = r * 16 + c
				if (o in guilty) cls = "guilty"
				else if (o < 192 && o != 100) cls = "range"
				else if (o < 128) cls = "asn"
				else cls = "clean"
				line = line sprintf("%s%s%3d", o == cur ? mark : " ", g[cls], o)
			}
			print line
		}
	}'
}

# grid_rows: the 16 grid lines of the screen now.
grid_rows() { screen | sed -n '3,18p'; }

# --- live DNS, UTF-8, 256 colours ----------------------------------------

start_tui C.UTF-8 "" $LIVE 192.0.2.77
wait_for "768/768 lookups"
ok "the /24 fills in from rbldnsd"

expected_grid utf8 77 >"$T/grid.want"
grid_rows >"$T/grid.got"
assert_file_eq "$T/grid.want" "$T/grid.got" "UTF-8 grid: the right glyph for each of the 256 addresses"

screen >"$T/s1"
assert_contains "$T/s1" "guilty 7" "summary: 7 guilty"
assert_contains "$T/s1" "range 187" "summary: 187 collateral by range"
assert_contains "$T/s1" "asn 1" "summary: 1 collateral by ASN only"
assert_contains "$T/s1" "clean 61" "summary: 61 clean"
assert_contains "$T/s1" "ratio 26.9" "summary: collateral ratio"
assert_contains "$T/s1" "resolver 127.0.0.1:$RBLDNSD_PORT" "title names the resolver"
assert_contains "$T/s1" "192.0.2.77  range (UCE-2)" "detail: the target address and its class"
assert_contains "$T/s1" "Net 192.0.2.0/25 is UCEPROTECT-Level2 listed" "detail: the L2 TXT"
assert_contains "$T/s1" "q quit" "the key line"
screen -e >"$T/s1.esc"
grep -q "$(printf '\033')\[[0-9;]*38;5;" "$T/s1.esc" || fail "xterm-256color: no 256-colour sequence on screen"
ok "xterm-256color draws in 256 colours"

# Idle means asleep in poll(): at most a tick or two of CPU in a second.
pane_pid=$(tm list-panes -t tui -F '#{pane_pid}')
tui_pid=$(ps -o pid= --ppid "$pane_pid" | tr -d ' ' | head -n 1)
[ -n "$tui_pid" ] || fail "cannot find the rblscope process"
before=$(cpu_ticks "$tui_pid")
sleep 1
after=$(cpu_ticks "$tui_pid")
[ $((after - before)) -le 2 ] || fail "idle rblscope used $((after - before)) ticks in 1 s"
ok "no CPU used while idle ($((after - before)) ticks in 1 s)"

# Up, then right five times: from .77 to .66 (arrows and hjkl alike).
keys Up l l Right l l
wait_for "192.0.2.66  guilty (UCE-1)"
screen >"$T/s2"
assert_contains "$T/s2" "IP 192.0.2.66 is UCEPROTECT-Level 1 listed." "detail: the L1 TXT of the selected address"
assert_contains "$T/s2" "ASN      AS64500 EXAMPLE-NET" "detail: the ASN of the selected address"
assert_contains "$T/s2" "network  192.0.2.0/25 (ASN DB)" "detail: the DB network"
assert_contains "$T/s2" "says     level 1, address 192.0.2.66" "detail: what the TXT says"
expected_grid utf8 66 >"$T/grid.want"
grid_rows >"$T/grid.got"
assert_file_eq "$T/grid.want" "$T/grid.got" "the cursor mark moved to .66"

# A click (SGR mouse report, as xterm sends it) on .130: row 8, column 2.
keys -l "$(printf '\033[<0;13;11M')"
keys -l "$(printf '\033[<0;13;11m')"
wait_for "192.0.2.130  guilty (UCE-1)"
ok "a mouse click selects the address under it"
# The wheel moves the cursor three rows: down to .178, up again to .130.
keys -l "$(printf '\033[<65;13;11M')"
wait_for "192.0.2.178  range (UCE-2)"
keys -l "$(printf '\033[<64;13;11M')"
wait_for "192.0.2.130  guilty (UCE-1)"
ok "the mouse wheel moves the cursor by rows"

# An unknown escape sequence (here ESC [ 2 5 ~) is not read as "[" and
# does not leave the /24.
keys -l "$(printf '\033[25~')"
sleep 0.2
screen | grep -qF "rblscope  192.0.2.0/24" || fail "an unknown escape sequence acted as keys"
ok "unknown escape sequences are ignored"

keys '?'
wait_for "rblscope keys"
screen >"$T/s3"
assert_contains "$T/s3" "previous / next /24" "help lists [ and ]"
assert_contains "$T/s3" "go to an address, a CIDR or AS<n>" "help lists g"
keys Space
i=0
while screen | grep -qF "rblscope keys"; do
	i=$((i + 1))
	[ $i -lt 100 ] || fail "the help does not close"
	sleep 0.05
done
ok "any key closes the help"

keys A
wait_for "ASN layer: addresses outside AS64500 are marked"
screen | sed -n '11p' | grep -q "^$(printf '\342\211\240')" || fail "ASN layer: .128 is not marked"
screen | sed -n '10p' | grep -q "^ " || fail "ASN layer: .112 is marked"
ok "ASN layer marks the addresses outside AS64500"
keys A

keys x
wait_for "saved rblscope-192.0.2.0_24-"
snap=$(ls "$T"/snap/rblscope-192.0.2.0_24-*.txt 2>/dev/null | head -n 1)
[ -n "$snap" ] && [ -s "$snap" ] || fail "x: no snapshot file in $T/snap"
ok "x writes $(basename "$snap")"
for a in 5 17 66 130 200 201 203; do
	grep -qE "^  192\.0\.2\.$a +guilty" "$snap" || fail "snapshot: 192.0.2.$a not listed as guilty"
done
ok "the snapshot lists every guilty address"
assert_contains "$snap" "192.0.2.0/24" "the snapshot names the /24"

keys g
wait_for "Go to address, CIDR or AS<n>:"
keys -l 198.51.100.77
keys Enter
wait_for "198.51.100.77  guilty (UCE-1)"
screen >"$T/s4"
assert_contains "$T/s4" "rblscope  198.51.100.0/24" "g: the title shows the new /24"
assert_contains "$T/s4" "AS64502 Réseau \"Doc\", SARL" "g: UTF-8 organisation name"
wait_for "768/768 lookups"

keys g
keys -l 300.1.2.3
keys Enter
wait_for "bad target"
ok "g: a bad address is refused in the prompt"
keys Escape
wait_for "q back"

keys ']'
wait_for "rblscope  198.51.101.0/24"
wait_for "198.51.101.77  clean"
ok "] shows the next /24, cursor on the same octet"
keys '['
wait_for "rblscope  198.51.100.0/24"
ok "[ comes back"

# Home and End as tmux sends them (ESC [1~, ESC [4~) under xterm-256color,
# whose terminfo names other sequences: never an Esc.
keys End
wait_for "198.51.100.255"
ok "End goes to the last address"
keys Home
wait_for "198.51.100.0  "
ok "Home goes to the first address"

tm resize-window -t tui -x 30 -y 10
wait_for "terminal too small"
assert_contains "$T/screen.txt" "need 60x20, have 30x10" "the too-small screen says what it needs"
# keys act on nothing that is not shown: ] does not move to the next /24
keys ']'
sleep 0.3
tm resize-window -t tui -x 100 -y 40
wait_for "rblscope  198.51.100.0/24"
ok "keys do nothing while the too-small screen is shown"
wait_for "q back"
ok "the view comes back when the window grows"

wait_for "768/768 lookups"
# q: back to the first target, its cursor where it was; q there quits.
keys q
wait_for "rblscope  192.0.2.0/24"
wait_for "192.0.2.130  guilty (UCE-1)"
wait_for "q quit"
ok "q goes back to the first screen as it was"
quit_tui q 0

# --- NO_COLOR --------------------------------------------------------------

start_tui C.UTF-8 NO_COLOR=1 $LIVE 192.0.2.77
wait_for "768/768 lookups"
screen -e >"$T/mono.esc"
# Colour is SGR 30-38, 40-48, 90-97 or 100-107; 39 and 49 only reset.
perl -ne '
	while (/\e\[([0-9;]*)m/g) {
		for my $p (split /;/, $1) {
			if (($p >= 30 && $p <= 38) || ($p >= 40 && $p <= 48) ||
			    ($p >= 90 && $p <= 97) || ($p >= 100 && $p <= 107)) {
				print "colour sequence: SGR $1\n"; exit 1;
			}
		}
	}' "$T/mono.esc" || fail "NO_COLOR=1 still draws in colour"
ok "NO_COLOR=1 draws without colour"
grep -q "$(printf '\033')\[[0-9;]*7[;m]" "$T/mono.esc" || fail "NO_COLOR: no reverse video either"
ok "NO_COLOR=1 keeps the monochrome attributes"
# Ctrl-C gives the terminal back too, with the shell's status for SIGINT.
quit_tui C-c 130

# --- ASCII locale, zone files ---------------------------------------------

start_tui C "" --zones "$FIX_ABS/zones" --db "$T/asn.mmdb" 192.0.2.77
wait_for "768/768 lookups"
expected_grid ascii 77 >"$T/grid.want"
grid_rows >"$T/grid.got"
assert_file_eq "$T/grid.want" "$T/grid.got" "LANG=C: ASCII grid, the right glyph for each address"
screen >"$T/s5"
LC_ALL=C grep -q "$(printf '[\200-\377]')" "$T/s5" && fail "LANG=C: non-ASCII bytes on screen"
ok "LANG=C: nothing but ASCII on screen"
assert_contains "$T/s5" "hjkl move" "LANG=C: the key line in ASCII"
quit_tui q 0

done_testing
