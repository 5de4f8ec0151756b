#!/bin/sh
# cli_check.sh - `ttfv check` on every case of tests/corpus: the exit code
# and each `file:line: column:` message of the case's expect file (see
# tests/test_ingest_corpus.c for the format), then hostile inputs made on
# the fly (a 10 MB field, random bytes) that must not crash.
. tests/lib.sh

for dir in tests/corpus/*/; do
	dir=${dir%/}
	name=${dir##*/}
	run "$TTFV" check "$dir"
	want=$(head -n 1 "$dir/expect")
	expect_exit "$want" "$name"
	tail -n +2 "$dir/expect" | while IFS= read -r msg; do
		[ -n "$msg" ] || continue
		grep -qF -- "$msg" "$WORK/err" || echo "FAIL: $name: '$msg' not in: $(head -c 600 "$WORK/err")"
	done >"$WORK/missing"
	if [ -s "$WORK/missing" ]; then
		bad "$(cat "$WORK/missing")"
	else
		ok
	fi
done

# a clean file: exit 0 and the summary on stdout
run "$TTFV" check tests/corpus/header_only
expect_exit 0 "header only"
expect_out "accounts (its header has a signed_at column)" "summary role"

# a 10 MB quoted field (with newlines in it) is read, not a crash
mkdir -p "$WORK/huge"
{
	echo "account_id,account_name,signed_at"
	printf 'A1,"'
	head -c 10000000 /dev/zero | tr '\0' 'x'
	printf '\nstill the name",2026-01-05\n'
	echo "A2,Beta,2026-13-01"
} >"$WORK/huge/accounts.csv"
run "$TTFV" check "$WORK/huge"
expect_exit 1 "huge field"
expect_err "accounts.csv:4: signed_at: cannot parse '2026-13-01' as a date" "huge field line"

# random bytes: a clean refusal (exit 1), never a crash (exit >= 128)
mkdir -p "$WORK/noise"
for i in 1 2 3 4 5; do
	head -c 20000 /dev/urandom >"$WORK/noise/accounts.csv"
	run "$TTFV" check "$WORK/noise"
	[ "$code" -lt 128 ] && ok || bad "random bytes: exit $code"
done
finish cli_check
