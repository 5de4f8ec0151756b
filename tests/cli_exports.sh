#!/bin/sh
# cli_exports.sh - each real-export fixture of tests/fixtures passes
# `ttfv check` and gives a report whose median TTFV (type 7, reached
# accounts) was computed by hand from the fixture's own dates:
#   salesforce   {1 + 5/1440, 8.6875, 23 + 555/1440}      -> 8.6875
#   hubspot      {1, 2 + 1.75/24, 18.1875} (New York time) -> 2.0729166667
#   amplitude    first "Report Shared": A1 345599.999999 s, A3 1190730.25 s
#                (fractions kept to the microsecond)
#                -> (345599.999999 + 1190730.25) / 2 / 86400 = 8.8908000579
#   mixpanel     A1 4 + 13/24, A2 7                        -> 5.7708333333
#   posthog      A1 2.375 + 0.000001 s, A2 4 + 21.5/24 + 0.5 s
#                -> 3.6354166667 + 0.5000010 / 2 / 86400    = 3.6354195602
#   excel_de     {18, 2}   -> 10      excel_utf8 {18, 1}   -> 9.5
#   excel_mac    {14, 10}  -> 12      google_sheets {17, 0} -> 8.5
#   excel_title  {7, 4, 13} -> 7 (a title and a blank row above the header)
. tests/lib.sh

p50_is() {
	got=$(grep -m 1 '"p50"' "$WORK/r/report.json" | sed -E 's/.*: *([-0-9.e]+).*/\1/')
	awk -v g="$got" -v w="$2" 'BEGIN { d = g - w; exit !(d < 1e-6 && d > -1e-6) }' &&
		ok || bad "$1: p50 $got, expected $2"
}

for case in salesforce:8.6875 hubspot:2.0729166667 amplitude:8.8908000579 \
	mixpanel:5.7708333333 posthog:3.6354195602 excel_de:10 \
	excel_utf8:9.5 excel_mac:12 google_sheets:8.5 excel_title:7; do
	name=${case%%:*}
	want=${case#*:}
	run "$TTFV" check "tests/fixtures/$name"
	expect_exit 0 "check $name"
	rm -rf "$WORK/r"
	run "$TTFV" report --format json,md --out "$WORK/r" "tests/fixtures/$name"
	expect_exit 0 "report $name"
	p50_is "$name" "$want"
	# every output is UTF-8, whatever came in (excel_de is Windows-1252)
	for out in "$WORK/r/report.json" "$WORK/r/report.md"; do
		iconv -f UTF-8 -t UTF-8 "$out" >/dev/null 2>&1 &&
			ok || bad "$name: $out is not valid UTF-8"
	done
done

# the summary says how each file was understood
run "$TTFV" check tests/fixtures/excel_de
expect_out "Windows-1252 (not valid UTF-8), converted to UTF-8" "encoding note"
expect_out "\"Unterzeichnet am\" -> signed_at ([columns])" "[columns] mapping"
run "$TTFV" check tests/fixtures/salesforce
expect_out "footer: 6 rows from line 8 skipped" "salesforce footer"
expect_out "month first (M/D/YYYY)" "date order"
expect_out "as-of date: 2026-02-17" "as-of"
run "$TTFV" check tests/fixtures/excel_title
expect_out "title: lines 1-2 above the header skipped (\"Onboarding export - March 2026\")" "title skipped"
finish cli_exports
