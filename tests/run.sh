#!/bin/sh
# run.sh BUILD TTFV [TEST...] - runs every unit-test binary and
# command-line test, and the TESTs named, as many at once as there are
# cores, and ends with the total "N passed, N failed".  TEST_TIMES=1 shows
# how long each took.
build=$1
# absolute, so tests may change directory
TTFV=$(cd "$(dirname "$2")" && pwd)/$(basename "$2")
export TTFV
export TEST_BUILD=$build
# Under the sanitizer build: leak checking on, third-party caches excused.
export ASAN_OPTIONS=${ASAN_OPTIONS:-detect_leaks=1}
export LSAN_OPTIONS=${LSAN_OPTIONS:-suppressions=$(pwd)/tests/lsan.supp:print_suppressions=0}
export UBSAN_OPTIONS=${UBSAN_OPTIONS:-print_stacktrace=1:halt_on_error=1}

# Test output goes to memory where there is a tmpfs: the reports are
# fsynced file by file, which on a slow disk costs more than the tests.
[ -d /dev/shm ] && [ -w /dev/shm ] && export TMPDIR=/dev/shm
results=$(mktemp -d)
trap 'rm -rf "$results"' EXIT
list=$results/list
shift 2
for t in "$build"/tests/test_* tests/cli_*.sh "$@"; do
	[ -e "$t" ] || continue
	case $t in *.d) continue ;; esac
	echo "$t"
done >"$list"

# one test: output to $results/<n>.out, exit code and seconds alongside
export results
n=0
while read -r t; do
	n=$((n + 1))
	echo "$n $t"
done <"$list" | xargs -P "$(nproc)" -L 1 sh -c '
	start=$(date +%s.%N)
	case $1 in
	*.sh) sh "$1" >"$results/$0.out" 2>&1 ;;
	*) "$1" >"$results/$0.out" 2>&1 ;;
	esac
	echo $? >"$results/$0.rc"
	awk "BEGIN {print $(date +%s.%N) - $start}" >"$results/$0.time"'

total_pass=0
total_fail=0
total_skip=0
n=0
while read -r t; do
	n=$((n + 1))
	out=$results/$n.out
	rc=$(cat "$results/$n.rc" 2>/dev/null || echo 255)
	[ -n "${TEST_TIMES:-}" ] && echo "$t: $(cat "$results/$n.time") s"
	line=$(grep -E '^[A-Za-z0-9_.-]+: [0-9]+ passed, [0-9]+ failed(, [0-9]+ skipped)?$' "$out" | tail -n 1)
	if [ -z "$line" ]; then
		echo "$t: crashed or printed no result (exit $rc)"
		sed 's/^/    /' "$out" | tail -n 30
		total_fail=$((total_fail + 1))
		continue
	fi
	p=$(echo "$line" | sed -E 's/.*: ([0-9]+) passed.*/\1/')
	f=$(echo "$line" | sed -E 's/.*, ([0-9]+) failed.*/\1/')
	k=$(echo "$line" | sed -E -n 's/.*, ([0-9]+) skipped$/\1/p')
	k=${k:-0}
	if [ "$rc" != 0 ] && [ "$f" = 0 ]; then
		echo "$t: exit $rc (sanitizer report or crash after the checks)"
		sed 's/^/    /' "$out" | tail -n 30
		f=1
	elif [ "$f" != 0 ]; then
		sed 's/^/    /' "$out" | tail -n 40
	fi
	if [ "$k" != 0 ]; then
		grep 'SKIP: ' "$out" | sed 's/^/    /'
	fi
	total_pass=$((total_pass + p))
	total_fail=$((total_fail + f))
	total_skip=$((total_skip + k))
	echo "$line"
done <"$list"
# CI installs everything the tests need (make deps), so a skip there is a
# missing install step, not a machine's limit.
if [ "$total_skip" != 0 ] && [ "${CI:-}" = true ]; then
	echo "$total_skip checks skipped under CI: every test must run there"
	total_fail=$((total_fail + total_skip))
fi
if [ "$total_skip" != 0 ]; then
	echo "$total_pass passed, $total_fail failed, $total_skip skipped"
else
	echo "$total_pass passed, $total_fail failed"
fi
[ "$total_fail" = 0 ]
