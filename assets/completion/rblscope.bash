# bash completion for rblscope.  The options and the profiles come from
# `rblscope --help`, so this file never falls behind the program.
_rblscope()
{
	local cur prev words cword
	_init_completion || return

	case $prev in
	--export)
		COMPREPLY=($(compgen -W 'text csv json png' -- "$cur"))
		return ;;
	-p | --profile)
		COMPREPLY=($(compgen -W "$("$1" --help 2>/dev/null |
			awk '/^Profiles:/ { p = 1; next } p && /^  [a-z0-9_-]+ / { print $1 }')" -- "$cur"))
		return ;;
	--zones)
		_filedir -d
		return ;;
	-o | --output | --db | --config | --profile-file | --targets)
		_filedir
		return ;;
	--resolver | --rate | --timeout | --retries | --window | --deadline | --zone | \
	--zone-max-entries)
		return ;;
	esac
	if [[ $cur == -* ]]; then
		COMPREPLY=($(compgen -W "$("$1" --help 2>/dev/null |
			grep -o -- '--[a-z][a-z-]*' | sort -u)" -- "$cur"))
	fi
}
complete -F _rblscope rblscope
