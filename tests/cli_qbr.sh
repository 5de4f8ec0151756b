#!/bin/sh
# cli_qbr.sh - the QBRs end to end: --account all and --csm write one QBR
# per account under qbr/ID/ (each the same page as --account ID) with an
# index; account ids that are no safe directory name are encoded; bad ids
# and CSMs name the closest ones; the audience; the timeline chart on its
# own; and one printed A4 page per QBR.
. tests/lib.sh

SOURCE_DATE_EPOCH=1795392000	# 2026-11-23, as the goldens
export SOURCE_DATE_EPOCH
IN=tests/golden/input
EXP=tests/golden/expected

# --account all: nine QBRs and the index, nothing else.
run "$TTFV" report --quiet --account all --out "$WORK/all" "$IN"
expect_exit 0 "--account all"
(cd "$WORK/all" && find . -type f | sort) >"$WORK/files"
{
	for id in A01 A02 A03 A04 A05 A06 A07 A08 A09; do
		for f in charts/account_timeline.svg report.html report.json \
			report.md; do
			echo "./qbr/$id/$f"
		done
	done
	echo ./qbr/index.html
	echo ./qbr/index.md
} | sort >"$WORK/want"
cmp -s "$WORK/files" "$WORK/want" && ok ||
	bad "--account all: files: $(diff "$WORK/want" "$WORK/files" | head -c 400)"
# each is the QBR --account ID makes, its chart as SVG
for id in A01 A02 A06 A07 A08; do
	sed 's/account_timeline\.png/account_timeline.svg/' "$EXP/qbr-$id.md" >"$WORK/exp.md"
	cmp -s "$WORK/all/qbr/$id/report.md" "$WORK/exp.md" && ok ||
		bad "--account all: qbr/$id/report.md differs from $EXP/qbr-$id.md"
done
grep -qF '| A07 | \[x\](javascript:y) | tech-touch | \| \*x\* | In progress, within the SLA | [open](A07/report.html) |' \
	"$WORK/all/qbr/index.md" && ok || bad "index.md: A07's row"
[ "$(grep -c '\[open\]' "$WORK/all/qbr/index.md")" = 9 ] && ok || bad "index.md: not 9 rows"
grep -qF 'href="A01/report.html"' "$WORK/all/qbr/index.html" && ok || bad "index.html: no link"
grep -q '<script' "$WORK/all/qbr/index.html" && bad "index.html: has a <script" || ok
grep -qF 'src="data:image/svg+xml;base64,' "$WORK/all/qbr/A01/report.html" && ok ||
	bad "qbr/A01/report.html: chart not inline"
# the customer's JSON holds the account alone; the internal one its owner
grep -q '"csm"\|"onboarding"\|"tiers"' "$WORK/all/qbr/A01/report.json" &&
	bad "customer report.json: internal or other accounts' keys" || ok
grep -qF '"state": "reached-within-sla"' "$WORK/all/qbr/A01/report.json" && ok ||
	bad "report.json: state"

# --csm: Dana's accounts only, in the internal view.
run "$TTFV" report --quiet --csm Dana --audience internal --format md,json --out "$WORK/dana" "$IN"
expect_exit 0 "--csm Dana"
[ "$(cd "$WORK/dana/qbr" && ls | tr '\n' ' ')" = "A01 A02 A06 A09 index.md " ] && ok ||
	bad "--csm Dana: $(ls "$WORK/dana/qbr" | tr '\n' ' ')"
grep -qF '"csm": "Dana"' "$WORK/dana/qbr/A06/report.json" && ok || bad "internal json: csm"
grep -qF '"alert": "' "$WORK/dana/qbr/A06/report.json" && ok || bad "internal json: alert"
grep -qF '"route": "human"' "$WORK/dana/qbr/A06/report.json" && ok || bad "internal json: route"
grep -qF 'Internal view: not for the customer' "$WORK/dana/qbr/A06/report.md" && ok ||
	bad "--audience internal: no internal section"

# The QBR set goes into its new directory file by file as it is rendered,
# then is published whole: a run killed or failing (EIO) at a write in the
# middle, at the one syncfs or at the swap leaves the previous set (the
# customer view, $WORK/all) exactly, and the next run clears what it left.
if command -v strace >/dev/null 2>&1 && strace -qq -o /dev/null true 2>/dev/null; then
	for c in write:20:signal=KILL write:20:error=EIO syncfs:1:signal=KILL \
		syncfs:1:error=EIO renameat2:1:signal=KILL; do
		call=${c%%:*} rest=${c#*:}
		n=${rest%%:*} action=${rest#*:}
		rm -rf "$WORK/pub"
		mkdir -p "$WORK/pub"
		cp -R "$WORK/all" "$WORK/pub/q"
		ASAN_OPTIONS="${ASAN_OPTIONS:+$ASAN_OPTIONS:}detect_leaks=0" \
			strace -qq -o /dev/null -e trace="$call" \
			-e inject="$call:$action:when=$n" "$TTFV" report --quiet \
			--account all --audience internal --out "$WORK/pub/q" "$IN" \
			>/dev/null 2>"$WORK/pub.err"
		rc=$?
		case $action in signal=KILL) want=137 ;; *) want=3 ;; esac
		[ "$rc" = "$want" ] && ok || bad "$c: exit $rc, expected $want: $(head -c 300 "$WORK/pub.err")"
		diff -r "$WORK/all" "$WORK/pub/q" >/dev/null && ok ||
			bad "$c: the previous QBR set is not whole"
		# a run that failed (not killed) removes its new directory itself
		[ "$want" = 137 ] || [ "$(ls -A "$WORK/pub")" = q ] && ok ||
			bad "$c: the failed run left $(ls -A "$WORK/pub")"
		run "$TTFV" report --quiet --account all --out "$WORK/pub/q" "$IN"
		[ "$(ls -A "$WORK/pub")" = q ] && ok || bad "$c: left $(ls -A "$WORK/pub")"
	done
else
	skip "strace cannot trace here: the QBR set's publishing is not checked"
fi

# Unknown ids and CSMs: exit 1, nothing written, the closest named.
run "$TTFV" report --quiet --account NOPE --out "$WORK/nope" "$IN"
expect_exit 1 "--account NOPE"
expect_err "--account: no account 'NOPE' in the accounts data; closest: " "--account NOPE"
[ ! -e "$WORK/nope" ] && ok || bad "--account NOPE wrote files"
run "$TTFV" report --quiet --account A1 --out "$WORK/nope" "$IN"
expect_exit 1 "--account A1"
# A1 is one edit from every A0N: the first three in file order
expect_err "closest: 'A01', 'A02', 'A03'" "--account A1"
run "$TTFV" report --quiet --account a07x --out "$WORK/nope" "$IN"
expect_err "closest: 'A07'," "--account a07x"
run "$TTFV" report --quiet --csm Dan --out "$WORK/nope" "$IN"
expect_exit 1 "--csm Dan"
expect_err "--csm: no account has the CSM 'Dan'; closest: 'Dana'" "--csm Dan"
[ ! -e "$WORK/nope" ] && ok || bad "--csm Dan wrote files"

# Usage: exit 2.
run "$TTFV" report --quiet --audience boss --account A01 "$IN"
expect_exit 2 "--audience boss"
run "$TTFV" report --quiet --audience internal "$IN"
expect_exit 2 "--audience without an account"
run "$TTFV" report --quiet --account A01 --csm Dana "$IN"
expect_exit 2 "--account ID with --csm"
run "$TTFV" chart account_timeline "$IN"
expect_exit 2 "chart account_timeline without --account"
run "$TTFV" chart funnel --account A01 "$IN"
expect_exit 2 "chart funnel with --account"

# The chart alone, slide-sized.
run "$TTFV" chart account_timeline --account A06 --size 1920x1080 --out "$WORK/t.png" "$IN"
expect_exit 0 "chart account_timeline"
python3 -c 'import struct,sys; d=open(sys.argv[1],"rb").read(24); sys.exit(0 if d[:8]==b"\x89PNG\r\n\x1a\n" and struct.unpack(">II", d[16:24])==(1920,1080) else 1)' \
	"$WORK/t.png" && ok || bad "chart account_timeline: not a 1920x1080 PNG"

# Ids that are no safe directory name: each its own encoded directory
# inside qbr/, nothing outside --out, no hidden or parent names.
long=$(printf 'x%.0s' $(seq 1 300))
{
	echo "account_id,tier,signed_at,first_value_at"
	echo "../up,t,2026-10-01,2026-10-05"
	echo ".hidden,t,2026-10-01,2026-10-06"
	echo "a/b,t,2026-10-01,"
	echo "%41,t,2026-10-02,2026-10-03"
	echo "A,t,2026-10-02,2026-10-03"
	echo "é x,t,2026-10-02,"
	echo "$long,t,2026-10-02,"
	echo "${long}y,t,2026-10-02,"
} >"$WORK/odd.csv"
mkdir "$WORK/odd"
run "$TTFV" report --quiet --account all --format md --out "$WORK/odd/out" --as-of 2026-10-31 "$WORK/odd.csv"
expect_exit 0 "odd ids"
(cd "$WORK/odd" && find . -maxdepth 3 | sort) >"$WORK/files"
# the two 300-byte ids: 103 bytes of theirs, '~' and a hash each
h1=$(ls "$WORK/odd/out/qbr" | grep '^xxx' | head -n 1)
h2=$(ls "$WORK/odd/out/qbr" | grep '^xxx' | tail -n 1)
{
	printf '%s\n' . ./out ./out/qbr './out/qbr/%2E.%2Fup' './out/qbr/%2Ehidden' \
		'./out/qbr/%2541' './out/qbr/%C3%A9%20x' ./out/qbr/A './out/qbr/a%2Fb' \
		./out/qbr/index.md "./out/qbr/$h1" "./out/qbr/$h2"
} | sort >"$WORK/want"
cmp -s "$WORK/files" "$WORK/want" && ok ||
	bad "odd ids: $(diff "$WORK/want" "$WORK/files" | head -c 600)"
case "$h1" in "$(printf 'x%.0s' $(seq 1 103))~"????????????????) ok ;; *) bad "long id: '$h1'" ;; esac
# the two long ids share 100 bytes but not a directory
[ "$h1" != "$h2" ] && [ ${#h1} = 120 ] && ok || bad "long ids: '$h1' '$h2'"
grep -qF '[open](%252541/report.md)' "$WORK/odd/out/qbr/index.md" && ok ||
	bad "index.md: the link to %41's directory"
grep -qF '# ../up: onboarding review' "$WORK/odd/out/qbr/%2E.%2Fup/report.md" && ok ||
	bad "odd ids: ../up's QBR"

# One printed A4 page each, the longest QBR (internal, with its alert)
# and a customer one, when chromium is here to print them.
if command -v chromium >/dev/null 2>&1 && command -v pdfinfo >/dev/null 2>&1; then
	# the samples' A000024: five steps, a long alert and a post-mortem
	for q in "--account A06 --audience internal $IN" "--account A02 --audience internal $IN" \
		"--account A01 $IN" "--account A000024 --audience internal samples"; do
		rm -rf "$WORK/p"
		# shellcheck disable=SC2086
		run "$TTFV" report --quiet --format md,html $q --out "$WORK/p"
		timeout 120 chromium --headless --no-sandbox --disable-gpu \
			--disable-background-networking --disable-component-update \
			--disable-sync --no-first-run --user-data-dir="$WORK/chr" \
			--print-to-pdf="$WORK/p.pdf" "file://$WORK/p/report.html" \
			>/dev/null 2>&1
		pdfinfo "$WORK/p.pdf" >"$WORK/info" 2>&1
		grep -q '^Pages: *1$' "$WORK/info" && ok || bad "$q: not one page: $(grep Pages "$WORK/info")"
		grep -q '(A4)' "$WORK/info" && ok || bad "$q: not A4: $(grep 'Page size' "$WORK/info")"
	done
fi

finish cli_qbr
