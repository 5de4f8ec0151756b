# cli_stats_xcheck.sh - report.json against tests/stats_xcheck.py, an
# independent standard-library Python recomputation of the statistics
# (what it covers is listed at its top) and R (tests/stats_xcheck.R:
# every SPEC 8.1 interval and test; skipped, with a message, when Rscript
# is missing), on the samples and on a
# generated set with another seed.  Skipped, and counted as skipped, where
# python3 is missing.  Also: the same input gives a byte-identical
# report.json.
. tests/lib.sh

xcheck() {	# xcheck NAME DIR
	run "$TTFV" report --quiet --format json --out "$WORK/$1" "$2"
	expect_exit 0 "report $1"
	if python3 tests/stats_xcheck.py "$2" "$WORK/$1/report.json" \
		>"$WORK/$1.txt" 2>&1; then
		ok
		# the R half needs Rscript with survival
		if grep -q 'SKIPPED' "$WORK/$1.txt"; then
			skip "$1: the SPEC 8.1 checks against R (no Rscript with survival)"
		fi
	else
		bad "$1: $(tail -n 20 "$WORK/$1.txt")"
	fi
}

run "$TTFV" report --quiet --format json --out "$WORK/again" samples
expect_exit 0 "report again"
run "$TTFV" report --quiet --format json --out "$WORK/again2" samples
cmp -s "$WORK/again/report.json" "$WORK/again2/report.json" && ok ||
	bad "two runs on samples/ gave different report.json"

if command -v python3 >/dev/null 2>&1; then
	xcheck samples samples
	run "$TTFV" sample --quiet --seed 7 --accounts 2000 --out "$WORK/seed7"
	expect_exit 0 "sample --seed 7"
	xcheck seed7 "$WORK/seed7"
else
	skip "python3 is not installed: no cross-check (make deps installs it)"
fi
finish cli_stats_xcheck
