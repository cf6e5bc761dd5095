#!/bin/sh
# Runs rblscope's tests: the cmocka unit drivers named on the command
# line, then every end-to-end script in tests/e2e/ (exit 0 pass, 77 skip,
# anything else fail).  Ends with one "N passed, N failed" line.
#   tests/run.sh [--unit-only|--e2e-only] [UNIT_BINARY...]

mode=all
case ${1:-} in
--unit-only) mode=unit; shift ;;
--e2e-only) mode=e2e; shift ;;
esac

passed=0 failed=0 skipped=0 failures=

run_one() {
	name=$1
	shift
	log=build/tests/logs/$(echo "$name" | tr '/' '_').log
	mkdir -p build/tests/logs
	"$@" >"$log" 2>&1
	rc=$?
	case $rc in
	0) passed=$((passed + 1)); echo "PASS $name" ;;
	77) skipped=$((skipped + 1)); echo "SKIP $name: $(tail -n 1 "$log")" ;;
	*) failed=$((failed + 1)); failures="$failures $name"
	   echo "FAIL $name (exit $rc), last lines of $log:"
	   tail -n 25 "$log" | sed 's/^/    /' ;;
	esac
}

if [ "$mode" != e2e ]; then
	for t in "$@"; do
		run_one "${t#build/tests/}" "$t"
	done
fi
if [ "$mode" != unit ]; then
	for t in tests/e2e/test_*.sh; do
		[ -f "$t" ] || continue
		run_one "${t#tests/}" sh "$t"
	done
fi

[ -z "$failures" ] || echo "failed:$failures"
echo "$passed passed, $failed failed, $skipped skipped"
[ "$failed" -eq 0 ]
