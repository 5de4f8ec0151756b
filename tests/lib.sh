# lib.sh - helpers for the command-line tests (sourced by tests/cli_*.sh).
# Each check adds to the counts; finish prints "NAME: N passed, N failed"
# (and ", N skipped" when a check could not run here).
pass=0
fail=0
skipped=0
TTFV=${TTFV:-./ttfv}
WORK=$(mktemp -d)
trap 'rm -rf "$WORK"' EXIT

ok() { pass=$((pass + 1)); }
bad() { fail=$((fail + 1)); echo "FAIL: $*" >&2; }
# skip WHY: a check that cannot run on this machine (a missing tool);
# tests/run.sh names it, and under CI it fails the run.
skip() { skipped=$((skipped + 1)); echo "SKIP: $*" >&2; }

# run CMD...: runs it, keeping stdout, stderr and the exit code.
run() {
	"$@" >"$WORK/out" 2>"$WORK/err"
	code=$?
}
expect_exit() {
	[ "$code" = "$1" ] && ok || bad "$2: exit $code, expected $1; stderr: $(head -c 600 "$WORK/err")"
}
# expect_err TEXT [what]: stderr holds TEXT (fixed string)
expect_err() {
	grep -qF -- "$1" "$WORK/err" && ok || bad "${2:-stderr}: '$1' not in: $(head -c 600 "$WORK/err")"
}
expect_out() {
	grep -qF -- "$1" "$WORK/out" && ok || bad "${2:-stdout}: '$1' not in: $(head -c 600 "$WORK/out")"
}
# jget FILE EXPR: the Python expression EXPR over a JSON file (as j)
jget() {
	python3 -c 'import json, sys
j = json.load(open(sys.argv[1]))
print(eval(sys.argv[2]))' "$1" "$2"
}
# expect_json FILE EXPR WANT WHAT: jget's answer is exactly WANT
expect_json() {
	got=$(jget "$1" "$2" 2>&1)
	[ "$got" = "$3" ] && ok || bad "$4: $2 = '$got', expected '$3'"
}
finish() {
	if [ "$skipped" != 0 ]; then
		echo "$1: $pass passed, $fail failed, $skipped skipped"
	else
		echo "$1: $pass passed, $fail failed"
	fi
	[ "$fail" = 0 ]
}
