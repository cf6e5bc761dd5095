#!/bin/sh
# Shell completion (assets/completion/): bash completes the options, the
# export formats and the profiles from the very rblscope it runs; zsh's
# file loads as a completion function.
. tests/e2e/lib.sh

need_rblscope
BC=/usr/share/bash-completion/bash_completion
[ -f "$BC" ] || skip "bash-completion is not installed (Debian package bash-completion)"
command -v bash >/dev/null 2>&1 || skip "bash is not installed"

RBL_DIR=$(cd "$(dirname "$RBLSCOPE")" && pwd)

# complete WORDS...: what bash offers for the last word of the line.
complete_line() {
	PATH="$RBL_DIR:$PATH" bash -c '
		. "$1"; . assets/completion/rblscope.bash
		shift
		COMP_WORDS=("$@"); COMP_CWORD=$(($# - 1))
		COMP_LINE="$*"; COMP_POINT=${#COMP_LINE}
		_rblscope rblscope "${COMP_WORDS[COMP_CWORD]}" "${COMP_WORDS[COMP_CWORD-1]}"
		printf "%s\n" "${COMPREPLY[@]}" | sort' sh "$BC" "$@"
}

complete_line rblscope --ex >"$T/opt.txt"
assert_eq "--export" "$(cat "$T/opt.txt")" "bash: --ex completes to --export"
complete_line rblscope --no >"$T/no.txt"
assert_eq "--no-config --no-probe --no-txt" "$(tr '\n' ' ' <"$T/no.txt" | sed 's/ $//')" \
	"bash: --no offers every --no- option of --help"
complete_line rblscope --export "" >"$T/fmt.txt"
assert_eq "csv json png text" "$(tr '\n' ' ' <"$T/fmt.txt" | sed 's/ $//')" \
	"bash: --export offers the formats"
complete_line rblscope --profile uce >"$T/prof.txt"
assert_eq "uceprotect uceprotect-full" "$(tr '\n' ' ' <"$T/prof.txt" | sed 's/ $//')" \
	"bash: --profile offers the profiles --help lists"
complete_line rblscope --profile cat >"$T/cat.txt"
assert_eq "catalogue" "$(cat "$T/cat.txt")" "bash: the catalogue profile"

if command -v zsh >/dev/null 2>&1; then
	zsh -fc 'autoload -Uz compinit && compinit -u -D && fpath=(assets/completion $fpath) &&
		autoload -Uz _rblscope && whence -w _rblscope' >"$T/zsh.txt" 2>&1 ||
		{ cat "$T/zsh.txt"; fail "zsh: the completion function does not load"; }
	assert_contains "$T/zsh.txt" "_rblscope: function" "zsh: _rblscope loads as a function"
fi

done_testing
