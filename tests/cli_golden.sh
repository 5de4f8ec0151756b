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
# The QBR in each state a customer is told: reached within the SLA (A01),
# reached after it (A02), still onboarding inside it (A07 at risk, A08 on
# track: both "in progress, within the SLA" to the customer) and past it
# (A06); then the internal view, with an alert (A06) and a post-mortem (A02).
golden qbr-A01 --template qbr --account A01
golden qbr-A02 --account A02
golden qbr-A06 --account A06
golden qbr-A07 --template qbr --account A07
golden qbr-A08 --account A08
golden qbr-A06-internal --account A06 --audience internal
golden qbr-A02-internal --account A02 --audience internal

# A customer QBR says nothing about anyone else: no other account's id or
# name, no CSM (Dana, Lee, A07's "| *x*"), no internal status or alert, no
# count of accounts, no post-mortem owner, no file location.  Names are
# matched as report.md writes them (escaped).
ids="A01 A02 A03 A04 A05 A06 A07 A08 A09"
names='Acme Corp|Globex|Initech|Umbrella|Hooli|\\<script\\>|\\[x\\]|Stark|Wayne Enterprises'
for own in A01 A02 A06 A07 A08; do
	f="$EXP/qbr-$own.md"
	own_name=$(grep "^$own," "$IN/accounts.csv" | cut -d, -f2)
	for id in $ids; do
		[ "$id" = "$own" ] && continue
		grep -q "$id" "$f" && bad "qbr-$own: names another account, $id" || ok
	done
	grep -o -E "$names" "$f" | sort -u | while IFS= read -r n; do
		case "$own_name" in
		*"$(printf '%s' "$n" | tr -d '\\')"*) ;;
		*) echo "$n" ;;
		esac
	done >"$WORK/others"
	[ -s "$WORK/others" ] && bad "qbr-$own: names another customer: $(cat "$WORK/others")" || ok
	grep -q -E 'Dana|Lee|\\\| \\\*x\\\*' "$f" && bad "qbr-$own: names a CSM" || ok
	grep -q -i -E 'at-risk|breached|has been on|playbook|post-mortem|owner' "$f" &&
		bad "qbr-$own: internal words" || ok
	grep -q -E '[0-9]+ accounts|on track,|charts/`|are in|Slide-ready' "$f" &&
		bad "qbr-$own: a count of accounts or a file location" || ok
done

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
