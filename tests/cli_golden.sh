#!/bin/sh
# cli_golden.sh - `ttfv report` on tests/golden/input, each template's
# report.md compared byte for byte with tests/golden/expected/ (figures
# worked out by hand in tests/golden/README.md); then the HTML and the
# atomic replacement of a previous report, end to end.
. tests/lib.sh

# The generated date is the only input not in the data: pin it.
SOURCE_DATE_EPOCH=1795392000	# 2026-11-23
export SOURCE_DATE_EPOCH
IN=tests/golden/input
EXP=tests/golden/expected

golden() {	# golden NAME ARGS...: report.md of ARGS against $EXP/NAME.md
	name=$1
	shift
	rm -rf "$WORK/$name"
	run "$TTFV" report --quiet --format md --out "$WORK/$name" "$@" "$IN"
	expect_exit 0 "$name"
	if cmp -s "$WORK/$name/report.md" "$EXP/$name.md"; then
		ok
	else
		bad "$name: report.md differs from $EXP/$name.md:
$(diff "$EXP/$name.md" "$WORK/$name/report.md" | head -n 40)"
	fi
}

golden leadership --template leadership
golden cohort-qa --template cohort-qa
golden qbr-A01 --template qbr --account A01
golden qbr-A07 --template qbr --account A07

# A copy of a built-in template passed as a file gives the same report.
cp templates/cohort-qa.md "$WORK/mine.md"
rm -rf "$WORK/mine"
run "$TTFV" report --quiet --format md --template "$WORK/mine.md" --out "$WORK/mine" "$IN"
expect_exit 0 "template file"
cmp -s "$WORK/mine/report.md" "$EXP/cohort-qa.md" && ok || bad "template file: differs from the built-in"

# Every format: md, self-contained html (charts inline, no outside
# references, hostile names as text), json, and 7 charts x 2 files.
rm -rf "$WORK/all"
run "$TTFV" report --quiet --template cohort-qa --out "$WORK/all" "$IN"
expect_exit 0 "all formats"
for f in report.md report.html report.json; do
	[ -s "$WORK/all/$f" ] && ok || bad "all formats: $f missing"
done
n=$(ls "$WORK/all/charts" | wc -l)
[ "$n" = 14 ] && ok || bad "all formats: $n files in charts/, expected 14"
h="$WORK/all/report.html"
grep -qF '<td>&lt;script&gt;alert(1)&lt;/script&gt;</td>' "$h" && ok || bad "html: script name not escaped"
grep -qF '<td>[x](javascript:y)</td>' "$h" && ok || bad "html: link name not literal"
# A07's CSM heads that CSM's table of the action list
grep -qF '<th>| *x* (1)</th>' "$h" && ok || bad "html: pipe name not literal"
grep -q '<script' "$h" && bad "html: has a <script" || ok
grep -q 'href=' "$h" && bad "html: has a link" || ok
# the weekly report is tables; the leadership report has the charts
rm -rf "$WORK/lead"
run "$TTFV" report --quiet --format html --out "$WORK/lead" "$IN"
expect_exit 0 "leadership html"
for h in "$WORK/all/report.html" "$WORK/lead/report.html"; do
	grep -qF 'src="charts/' "$h" && bad "html: points at charts/" || ok
done
grep -qF 'src="data:image/svg+xml;base64,' "$WORK/lead/report.html" && ok ||
	bad "html: chart not inline"

# A failing run leaves the previous report as it was: an unknown
# placeholder (exit 1, message with the template line) ...
cp "$WORK/all/report.md" "$WORK/before.md"
cp "$WORK/all/report.html" "$WORK/before.html"
printf '# Mine\n\n{{overall.p51}}\n' >"$WORK/bad.md"
run "$TTFV" report --quiet --template "$WORK/bad.md" --out "$WORK/all" "$IN"
[ "$code" != 0 ] && ok || bad "bad template: exit 0"
expect_err "bad.md:3: unknown placeholder '{{overall.p51}}'" "bad template"
cmp -s "$WORK/all/report.md" "$WORK/before.md" && ok || bad "bad template: report.md changed"
cmp -s "$WORK/all/report.html" "$WORK/before.html" && ok || bad "bad template: report.html changed"
# ... and no temporary file is left behind.
ls "$WORK/all" | grep -q tmp && bad "temporary file left in the output" || ok

# An output directory that cannot be made: exit 3.
run "$TTFV" report --quiet --out "$WORK/before.md/sub" "$IN"
expect_exit 3 "unwritable output"

finish cli_golden
