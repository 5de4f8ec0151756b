# lib.sh - helpers for the command-line tests (sourced by tests/cli_*.sh).
# Each check adds to the counts; finish prints "NAME: N passed, N failed".
pass=0
fail=0
TTFV=${TTFV:-./ttfv}
WORK=$(mktemp -d)
trap 'rm -rf "$WORK"' EXIT

ok() { pass=$((pass + 1)); }
bad() { fail=$((fail + 1)); echo "FAIL: $*" >&2; }

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
finish() {
	echo "$1: $pass passed, $fail failed"
	[ "$fail" = 0 ]
}
