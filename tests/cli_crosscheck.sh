# cli_crosscheck.sh - ttfv's tier percentiles and Kaplan-Meier figures
# against tests/crosscheck/crosscheck.py, an independent Python
# implementation of the SPEC definitions, on the committed samples and on a
# freshly generated set with another seed.
. tests/lib.sh

crosscheck() {
	run "$TTFV" report --quiet --format json --out "$WORK/$1" "$2"
	expect_exit 0 "report $1"
	if python3 tests/crosscheck/crosscheck.py "$2" "$WORK/$1/report.json" \
		>"$WORK/$1.txt" 2>&1; then
		ok
	else
		bad "$1: $(cat "$WORK/$1.txt")"
	fi
}

crosscheck samples samples
run "$TTFV" sample --quiet --seed 5 --accounts 1500 --out "$WORK/seed5"
expect_exit 0 "sample --seed 5"
crosscheck seed5 "$WORK/seed5"
finish cli_crosscheck
