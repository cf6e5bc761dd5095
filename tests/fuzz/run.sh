#!/bin/sh
# Runs libFuzzer harnesses for rblscope's make fuzz:
#   tests/fuzz/run.sh SECONDS build/fuzz/fuzz_NAME...
# Each runs SECONDS on a scratch copy of tests/fuzz/corpus/NAME/ (so the
# tree gains no files); crashes go to build/fuzz/crashes/NAME/, the log to
# build/fuzz/logs/NAME.log.  Ends with a table of executions and fails
# when any harness found a crash, a leak or a broken invariant.
set -u

secs=$1
shift
scratch=$(mktemp -d "${TMPDIR:-/tmp}/rblscope-corpus.XXXXXX") || exit 1
trap 'rm -rf "$scratch"' EXIT INT TERM
failed= table=

for bin in "$@"; do
	name=${bin##*/fuzz_}
	corpus=$scratch/$name
	crashes=build/fuzz/crashes/$name
	log=build/fuzz/logs/$name.log
	mkdir -p "$corpus" "$crashes" build/fuzz/logs
	if [ ! -x "$bin" ]; then
		echo "FAIL $name: no harness $bin" >&2
		failed="$failed $name"
		continue
	fi
	[ -d "tests/fuzz/corpus/$name" ] && cp tests/fuzz/corpus/"$name"/* "$corpus"/ 2>/dev/null
	echo "fuzz $name: ${secs}s"
	# -timeout: an input slower than 10 s is a hang; -rss_limit_mb: a
	# runaway allocation is a finding too.
	"$bin" -max_total_time="$secs" -timeout=10 -rss_limit_mb=2048 \
		-artifact_prefix="$crashes/" -print_final_stats=1 "$corpus" >"$log" 2>&1
	rc=$?
	execs=$(sed -n 's/^stat::number_of_executed_units: *//p' "$log")
	rate=$(sed -n 's/^#[0-9]*[[:space:]]*DONE.* exec\/s: \([0-9]*\).*/\1/p' "$log")
	if [ "$rc" -ne 0 ]; then
		failed="$failed $name"
		echo "FAIL $name (exit $rc), from $log:"
		grep -E 'ERROR|invariant broken|SUMMARY|Test unit written' "$log" | head -n 8 | sed 's/^/    /'
	fi
	table="$table$(printf '%-12s %12s %10s  %s' "$name" "${execs:-?}" "${rate:-?}" \
		"$([ "$rc" -eq 0 ] && echo ok || echo FAIL)")
"
done

printf '%-12s %12s %10s  %s\n' harness executions exec/s result
printf '%s' "$table"
[ -z "$failed" ] || { echo "fuzz failed:$failed (inputs in build/fuzz/crashes/)"; exit 1; }
