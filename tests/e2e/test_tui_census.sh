#!/bin/sh
# The census and the map screens in a real terminal, on the demo's zone
# files: the census opened from the command line and from the grid, its
# filter and Enter into the ASN view; the map of the whole space opened
# on the selected address, zoomed to a /8, a /16, the overview and the
# /24 grid, then walked back with q; a PNG saved from the map.
. tests/e2e/lib.sh

need_rblscope
[ -f build/demo/asn.mmdb ] || skip "the demo's ASN database is not built (make)"

. tests/e2e/tuilib.sh

DEMO_ENV="RBLSCOPE_DEMO_DB=$(pwd)/build/demo/asn.mmdb"

# --- the census ------------------------------------------------------------

TUI_COLS=120 TUI_ROWS=30 start_tui C.UTF-8 "$DEMO_ENV" --demo --census
wait_for "rblscope  census: every ASN, exactly"
wait_for "1 ASN with a listed address, of 4 in the database (4 networks)"
# 2010 rules: 7 guilty in AS64512, 446 blocked (level 2), 439 collateral.
wait_for "7 guilty, 446 blocked, 439 collateral: ratio 62.7"
screen >"$T/census.txt"
grep -qE '^ > +1 AS64512 +DEMO-HOSTING, ZZ +131,072 +7 +7 +446 +0 +446 +439 +62\.7$' "$T/census.txt" ||
	{ cat "$T/census.txt"; fail "census: the AS64512 row"; }
ok "--census opens the census: AS64512's row, exact"
keys f
wait_for "Filter AS names:"
keys -l nobody
keys Enter
wait_for "no ASN matches the filter"
ok "f filters by name"
keys f Enter
wait_for "1 shown"
keys Enter
wait_for "AS64512 DEMO-HOSTING, ZZ: 1 network, 131,072 IPv4 addresses"
ok "Enter opens the ASN view"
keys q
wait_for "rblscope  census: every ASN, exactly"
wait_for "q quit"
ok "q goes back to the census, the first screen"
quit_tui q 0

# --- the map -----------------------------------------------------------------

TUI_COLS=100 TUI_ROWS=30 start_tui C.UTF-8 "$DEMO_ENV" --demo
wait_for "768/768 lookups"
keys M
wait_for "rblscope  map of 0.0.0.0/0"
wait_for "cell      198.0.0.0/10: 4,194,304 addresses, 446 blocked: 7 guilty, 446 by UCE-2"
ok "M: the whole space, on the cell of the selected address"
keys Enter
wait_for "rblscope  map of 198.0.0.0/8"
keys Enter
wait_for "rblscope  map of 198.18.0.0/16"
wait_for "198.18.0.0/16: 255 addresses blocked of 65,536 (4 guilty); Enter: the overview of its /16"
ok "Enter zooms to the /8, then the /16"
keys x
wait_for "saved rblscope-map-198.18.0.0_16-"
png=$(ls "$T/snap"/rblscope-map-198.18.0.0_16-*.png | head -n 1)
[ "$(od -An -tx1 -N8 "$png" | tr -d ' ')" = 89504e470d0a1a0a ] || fail "x: not a PNG: $png"
ok "x in the map saves the /16 as a PNG"
keys Enter
wait_for "rblscope  198.18.0.0/16  overview"
keys Enter
wait_for "rblscope  198.18.7.0/24"
wait_for "198.18.7.200  clean"
ok "Enter: the overview of the /16, then the grid of the address's /24"
keys q
wait_for "rblscope  198.18.0.0/16  overview"
keys q
wait_for "rblscope  map of 198.18.0.0/16"
keys q
wait_for "rblscope  map of 198.0.0.0/8"
keys q
wait_for "rblscope  map of 0.0.0.0/0"
keys q
wait_for "q quit"
ok "q zooms back out through every screen to the first grid"
quit_tui q 0

# --- live DNS has no census and no map ----------------------------------------

TUI_COLS=100 TUI_ROWS=30 start_tui C.UTF-8 "" --resolver 127.0.0.1:9 --no-probe 192.0.2.1
wait_for "rblscope  192.0.2.0/24"
keys M
wait_for "map:"
keys C
wait_for "census:"
ok "live DNS: M and C say why not"
quit_tui q 0

done_testing
