# cli_main.sh - the command line itself: usage errors and their exit codes,
# output errors, --help/--version, and a cohort in which nobody has reached
# first value yet (a first_value_at column that is present but all blank).
. tests/lib.sh

run "$TTFV"
expect_exit 2 "no command"
run "$TTFV" frobnicate
expect_exit 2 "unknown command"
expect_err "unknown command 'frobnicate'"
run "$TTFV" --help
expect_exit 0 "--help"
expect_out "ttfv report"
run "$TTFV" --version
expect_exit 0 "--version"
run "$TTFV" report
expect_exit 2 "report without DATA"
expect_err "no DATA given"
run "$TTFV" check --template x samples
expect_exit 2 "option of another command"
expect_err "option '--template' does not apply to this command"
run "$TTFV" report --format md,pdf samples
expect_exit 2 "bad --format"
run "$TTFV" report --as-of 2026-13-01 samples
expect_exit 2 "bad --as-of"
run "$TTFV" chart nosuch samples
expect_exit 2 "unknown chart"
run "$TTFV" chart funnel --size 10x10 samples
expect_exit 2 "--size too small"
run "$TTFV" sample --accounts 0
expect_exit 2 "sample --accounts 0"
run "$TTFV" check "$WORK/missing.csv"
expect_exit 3 "missing input"

# Output errors are I/O errors, not success.
if [ -w /dev/full ]; then
	"$TTFV" check samples >/dev/full 2>"$WORK/err"
	code=$?
	expect_exit 3 "check > /dev/full"
	expect_err "cannot write to standard output"
fi

# Nobody has reached first value yet: the column is there but blank.
mkdir -p "$WORK/young"
cat >"$WORK/young/accounts.csv" <<'CSV'
account_id,signed_at,tier,first_value_at
Y1,2026-10-01,tech-touch,
Y2,2026-10-10,tech-touch,
CSV
run "$TTFV" report --quiet --as-of 2026-10-31 --out "$WORK/young-out" "$WORK/young"
expect_exit 0 "report, no first value yet"
# 30 and 21 days elapsed by the end of 2026-10-31, both censored
expect_json "$WORK/young-out/report.json" 'j["accounts"]["reached"], j["accounts"]["censored"]' \
	'(0, 2)' "young: nobody reached"
expect_json "$WORK/young-out/report.json" 'j["overall"]["p50"], j["overall"]["km_p50"]' \
	'(None, None)' "young: no median"

# --as-of and the config's as_of: --as-of wins.
run "$TTFV" report --quiet --format json --as-of 2026-09-30 --out "$WORK/asof" samples
expect_exit 0 "--as-of"
grep -q '"as_of": "2026-09-30"' "$WORK/asof/report.json" && ok ||
	bad "--as-of not used"
# accounts waiting for their clock (tests/hostile/awaiting_kickoff, where
# the figures are worked out): longest wait first in report.json too
run "$TTFV" report --quiet --format json --out "$WORK/await" tests/hostile/awaiting_kickoff
expect_exit 0 "awaiting report"
order=$(sed -n '/"awaiting_clock_start"/,/\]/p' "$WORK/await/report.json" |
	grep -o '"account_id": "[A-Z0-9]*"' | tr -d '"' | sed 's/account_id: //' | tr '\n' ' ')
[ "$order" = "H2 H5 H3 " ] && ok || bad "awaiting order: '$order', expected 'H2 H5 H3 '"
finish cli_main
