#!/bin/sh
# PTR names from hostiledns in the terminal UI's detail panel: the
# longest name DNS allows (127 labels, 255 bytes) is shown whole, and a
# name whose compression pointer loops is a malformed reply, not a name
# and not a hang.
. tests/e2e/lib.sh
. tests/e2e/tuilib.sh

need_rblscope
ZONE=hostile.test
HOSTILE=$(tool hostiledns) || fail "no hostiledns"
spawn hostiledns "$HOSTILE" -l 127.0.0.1:0
wait_port hostiledns
HOSTILE_PORT=$PORT
dns_ready "$HOSTILE_PORT" "2.0.0.127.$ZONE" || fail "hostiledns does not answer"
RUN="--profile psbl --zone psbl=$ZONE --resolver 127.0.0.1:$HOSTILE_PORT --timeout 300 --retries 0"

# The cursor starts on the target: 198.51.100.2 has the long PTR name.
# shellcheck disable=SC2086
start_tui C.UTF-8 "" $RUN 198.51.100.2
wait_for "PTR      x.x.x"
wait_for "TXT      listed 127.0.0.2"
# The name wraps over lines; the PTR field ends where ASN begins.
n=$(awk '/^ *PTR / { on = 1 } /^ *ASN / { on = 0 } on' "$T/screen.txt" | tr -cd x | wc -c)
assert_eq 127 "$n" "a PTR name of 127 labels is shown whole"
quit_tui q 0

# 198.51.100.3: the PTR name's pointer points back into itself.
# shellcheck disable=SC2086
start_tui C.UTF-8 "" $RUN 198.51.100.3
wait_for "PTR      malformed reply"
ok "a PTR name whose compression pointer loops is a malformed reply"
quit_tui q 0

done_testing
