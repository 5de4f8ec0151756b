#!/bin/sh
# run.sh BUILD TTFV - runs every unit-test binary and command-line test and
# ends with the total "N passed, N failed".
build=$1
# absolute, so tests may change directory
TTFV=$(cd "$(dirname "$2")" && pwd)/$(basename "$2")
export TTFV
total_pass=0
total_fail=0
broken=0
out=$(mktemp)
trap 'rm -f "$out"' EXIT
for t in "$build"/tests/test_* tests/cli_*.sh; do
	[ -e "$t" ] || continue
	case $t in *.d) continue ;; esac
	case $t in
	*.sh) sh "$t" >"$out" 2>&1 ;;
	*) "$t" >"$out" 2>&1 ;;
	esac
	rc=$?
	line=$(grep -E '^[A-Za-z0-9_.-]+: [0-9]+ passed, [0-9]+ failed$' "$out" | tail -n 1)
	if [ -z "$line" ]; then
		echo "$t: crashed or printed no result (exit $rc)"
		sed 's/^/    /' "$out" | tail -n 30
		broken=$((broken + 1))
		continue
	fi
	p=$(echo "$line" | sed -E 's/.*: ([0-9]+) passed.*/\1/')
	f=$(echo "$line" | sed -E 's/.*, ([0-9]+) failed/\1/')
	if [ "$rc" != 0 ] && [ "$f" = 0 ]; then f=1; fi
	total_pass=$((total_pass + p))
	total_fail=$((total_fail + f))
	if [ "$f" != 0 ]; then sed 's/^/    /' "$out" | tail -n 40; fi
	echo "$line"
done
total_fail=$((total_fail + broken))
echo "$total_pass passed, $total_fail failed"
[ "$total_fail" = 0 ]
