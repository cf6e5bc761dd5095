# Helpers for the end-to-end tests of the terminal UI, sourced by
# tests/e2e/test_tui*.sh after lib.sh: our own tmux server (gone at
# exit), a pane running rblscope from $T/snap (where x saves) that keeps
# its stderr and exit status, and bounded polling of the screen.
# POSIX sh.

command -v tmux >/dev/null 2>&1 || skip "tmux is not installed (Debian package tmux)"

RBL_ABS=$(cd "$(dirname "$RBLSCOPE")" && pwd)/$(basename "$RBLSCOPE")
SOCK=rblscope-test-$$

# Our own tmux server, never the user's, and gone at exit.
tm() { tmux -L "$SOCK" -f /dev/null "$@"; }
trap 'tm kill-server 2>/dev/null; e2e_cleanup' EXIT
# A session that stays, so the server does not exit between runs.
tm new-session -d -s keep -x 80 -y 24 "sleep 86400" || fail "tmux cannot start a server"

# The pane runs rblscope from $T/snap (where x saves), keeps its stderr
# and exit status, then leaves an interactive shell with a known prompt.
mkdir -p "$T/snap"
# Ctrl-C reaches the whole foreground group: this script must outlive
# it to report rblscope's status (a trap, unlike an ignore, is reset in
# rblscope).
cat >"$T/tui-run.sh" <<EOF
trap : INT
cd "$T/snap" || exit 1
"$RBL_ABS" "\$@" 2>"$T/tui.err"
echo \$? >"$T/tui.status"
PS1='shell-ready\$ ' exec sh -i
EOF

# start_tui LANG EXTRA_ENV ARG...: a TUI_COLS x TUI_ROWS pane (100x40 unless
# set) running rblscope ARG...
start_tui() {
	lang=$1
	extra=$2
	shift 2
	rm -f "$T/tui.status" "$T/tui.err"
	tm kill-session -t tui 2>/dev/null
	# shellcheck disable=SC2086
	tm new-session -d -s tui -x "${TUI_COLS:-100}" -y "${TUI_ROWS:-40}" \
		"env -u NO_COLOR LANG=$lang LC_ALL=$lang TERM=xterm-256color $extra sh $T/tui-run.sh $*" ||
		fail "tmux cannot start a session"
}

# screen [-e]: the pane's text now (with -e: with its escape sequences).
screen() { tm capture-pane -p "$@" -t tui; }

# wait_for STRING: poll the screen (at most 10 s) until STRING shows.
wait_for() {
	i=0
	while [ $i -lt 200 ]; do
		screen >"$T/screen.txt" 2>/dev/null
		grep -qF -- "$1" "$T/screen.txt" && return 0
		i=$((i + 1))
		sleep 0.05
	done
	echo "--- screen:"
	cat "$T/screen.txt"
	echo "--- stderr of rblscope:"
	cat "$T/tui.err" 2>/dev/null
	fail "the screen never showed '$1'"
}

# keys KEY...: send keys to the pane.
keys() { tm send-keys -t tui "$@"; }

# cpu_ticks PID: user and system clock ticks the process used so far.
cpu_ticks() { awk '{ print $14 + $15 }' "/proc/$1/stat"; }

# quit_tui KEY STATUSES: press KEY, then rblscope must end with one of
# STATUSES, without a sanitizer report, and the shell must be back.
quit_tui() {
	keys "$1"
	i=0
	while [ ! -s "$T/tui.status" ]; do
		i=$((i + 1))
		[ $i -lt 200 ] || fail "$1: rblscope did not exit"
		sleep 0.05
	done
	st=$(cat "$T/tui.status")
	case " $2 " in
	*" $st "*) ok "$1 exits with status $st" ;;
	*) cat "$T/tui.err"; fail "$1: exit status $st, expected one of $2" ;;
	esac
	if grep -qE 'Sanitizer|runtime error:' "$T/tui.err"; then
		cat "$T/tui.err"
		fail "$1: sanitizer report"
	fi
	wait_for "shell-ready$"
	# Echo and line editing are back: the typed command shows, then runs.
	keys -l "echo back-after-$1"
	keys Enter
	wait_for "shell-ready\$ echo back-after-$1"
	i=0
	until screen | grep -qx "back-after-$1"; do
		i=$((i + 1))
		[ $i -lt 200 ] || fail "$1: the shell did not run the typed command"
		sleep 0.05
	done
	ok "$1: the shell has the terminal back (prompt, echo, input)"
}
