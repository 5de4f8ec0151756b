# cli_drivers.sh - value drivers and experiments (SPEC 8.4) through the
# command line: report.json's drivers and experiments against
# tests/drivers_xcheck.py (counts in Python, P(variant better) by
# numerical integration of the Beta posteriors, prop.test, survdiff and
# quantile.survfit from R when Rscript is there) on a fixture with arms
# just either side of P = 0.95 (tests/drivers_fixture.py) and on the
# samples; the two report sections; the experiment chart only where a
# variant column is; a single variant; a control no account has.
. tests/lib.sh

xcheck() {	# xcheck NAME DIR: report.json of DIR against drivers_xcheck.py
	run "$TTFV" report --quiet --out "$WORK/$1" "$2"
	expect_exit 0 "report $1"
	if python3 tests/drivers_xcheck.py "$2" "$WORK/$1/report.json" \
		>"$WORK/$1.txt" 2>&1; then
		ok
	else
		bad "$1: $(tail -n 20 "$WORK/$1.txt")"
	fi
	# R's half, or a visible skip
	grep -q "R figures compared" "$WORK/$1.txt" ||
		echo "cli_drivers: $1: $(grep SKIPPED "$WORK/$1.txt")"
	if grep -qiE ': -?(nan|inf)' "$WORK/$1/report.json"; then
		bad "$1: NaN or infinity in report.json"
	else
		ok
	fi
}

has() {	# has FILE TEXT [what]: FILE holds TEXT (fixed string)
	grep -qF -- "$2" "$1" && ok || bad "${3:-$1}: '$2' not in $1"
}
hasnt() {
	grep -qF -- "$2" "$1" && bad "${3:-$1}: '$2' in $1" || ok
}

python3 tests/drivers_fixture.py "$WORK/fxdata" || bad "drivers_fixture.py"
if ! command -v python3 >/dev/null 2>&1; then
	echo "cli_drivers: python3 not found: the cross-checks are SKIPPED"
else
	xcheck fx "$WORK/fxdata"
	has "$WORK/fx.txt" "P near 0.95: b 0.9550, c 0.9400" \
		"the arms either side of P = 0.95"
	xcheck samples samples
fi

# the fixture: decisions either side of 0.95, an empty arm, an arm where
# nobody activated, an event every account did, and the two sections
J=$WORK/fx/report.json
M=$WORK/fx/report.md
has "$J" '"variant": "b",'
has "$J" '"decision": "variant better"'
has "$J" '"decision": "control better"'
has "$M" "| b | 110 | 52 of 100 | 52.0% (42.3–61.5%) |"
has "$M" "| c | 110 | 51 of 100 | 51.0% (41.3–60.6%) |"
has "$M" "| 94.0% | p = 0.239 | keep running |"
has "$M" "| f | 0 | 0 of 0 (n = 0) | n/a | n/a | n/a | p = n/a | keep running |"
has "$M" "| e | 5 | 0 of 5 (n = 5) | 0.0% (0.0–43.4%) |"
has "$M" "## What goes with renewal"
has "$M" "1 of the 3 event names, done within 14 days"
has "$M" "| x | 142 / 210 |"
has "$M" "This is association, not cause"
has "$M" "## Experiments"
has "$M" "![Step curves of the share of accounts reaching first value"
has "$M" "](charts/experiment.png)"
[ -s "$WORK/fx/charts/experiment.png" ] && [ -s "$WORK/fx/charts/experiment.svg" ] &&
	ok || bad "fixture: charts/experiment.png and .svg not written"
has "$WORK/fx/report.html" "<img class=\"chart\" src=\"data:image/svg+xml;base64,"

# no variant column: no Experiments section, no chart file, no reference
run "$TTFV" report --quiet --out "$WORK/golden" tests/golden/input
expect_exit 0 "report without a variant column"
hasnt "$WORK/golden/report.md" "## Experiments"
hasnt "$WORK/golden/report.md" "experiment.png"
hasnt "$WORK/golden/report.html" "experiment"
[ -e "$WORK/golden/charts/experiment.png" ] &&
	bad "no variant column, yet charts/experiment.png was written" || ok
has "$WORK/golden/report.md" "The data has no product events to compare with renewal."
has "$WORK/golden/report.json" '"experiments": []'

# `ttfv chart experiment`: the chart of the samples at a slide's size, and
# a "no data" chart that says why where there is no variant column
run "$TTFV" chart experiment --size 1920x1080 --out "$WORK/exp.png" samples
expect_exit 0 "chart experiment"
python3 -c "import struct,sys; d=open(sys.argv[1],'rb').read(24); \
sys.exit(0 if d[:8]==b'\x89PNG\r\n\x1a\n' and struct.unpack('>II', d[16:24])==(1920,1080) else 1)" \
	"$WORK/exp.png" && ok || bad "chart experiment: not a 1920x1080 PNG"
run "$TTFV" chart experiment --format svg --out "$WORK/none.svg" tests/golden/input
expect_exit 0 "chart experiment without a variant column"
has "$WORK/none.svg" "<svg"

# one variant: an arm and nothing to compare it with
mkdir -p "$WORK/one"
printf 'account_id,signed_at,first_value_at,outcome,variant\nA,2026-09-01,2026-09-04,open,only\nB,2026-09-02,,open,only\nC,2026-09-03,2026-09-10,open,\n' \
	>"$WORK/one/accounts.csv"
run "$TTFV" report --quiet --as-of 2026-10-31 --out "$WORK/oner" "$WORK/one"
expect_exit 0 "report with one variant"
has "$WORK/oner/report.json" '"experiments": []'
has "$WORK/oner/report.md" "Every account with a variant has the same one, **only**: there is no other arm to compare it with."
hasnt "$WORK/oner/report.md" "| Arm |"
[ -s "$WORK/oner/charts/experiment.png" ] && ok ||
	bad "one variant: the variant column is there, so the chart is drawn"

# a control no account has is an error naming the config line
printf '[report]\nas_of = 2026-10-31\n\n[experiment]\ncontrol = nope\n' \
	>"$WORK/one/ttfv.ini"
run "$TTFV" report --quiet --out "$WORK/bad" "$WORK/one"
expect_exit 1 "unknown control"
expect_err "ttfv.ini:5: control: no account has variant 'nope' (the variant column holds 'only')"
[ -e "$WORK/bad/report.md" ] && bad "unknown control: a report was written" || ok

finish cli_drivers
