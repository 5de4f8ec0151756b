#!/bin/sh
# cli_usage.sh - the command line explains itself: --help, per-command
# help and `ttfv help TOPIC`; every usage mistake with its exact message
# and exit code 2; chart's name, --size and default --out; the line that
# says what a report covers; and the README's usage block and exit-code
# table against what the binary prints.
. tests/lib.sh

IN=tests/golden/input

# --template: misspelt (the closest names), qbr without --account,
# --account with a template that would ignore it
run "$TTFV" report --template leadershp "$IN"
expect_exit 2 "misspelt --template"
expect_err "ttfv: --template: 'leadershp' is neither a built-in template (cohort-qa, leadership, qbr; closest: 'leadership') nor a file
(see ttfv report --help)"
run "$TTFV" report --template qbr "$IN"
expect_exit 2 "--template qbr without --account"
expect_err "ttfv: --template qbr needs --account ID, the account the QBR is about"
run "$TTFV" report --account A01 --template cohort-qa "$IN"
expect_exit 2 "--account with cohort-qa"
expect_err "ttfv: --account applies to the qbr template; --template cohort-qa would ignore it"
run "$TTFV" report --account A01 --template leadership "$IN"
expect_exit 2 "--account with leadership"
# a template file may use the account
cp templates/qbr.md "$WORK/myqbr.md"
run "$TTFV" report --quiet --format md --account A01 --template "$WORK/myqbr.md" --out "$WORK/q" "$IN"
expect_exit 0 "--account with a template file"

# unknown options, missing values, options of another command
run "$TTFV" report --acount A01 "$IN"
expect_exit 2 "misspelt option"
expect_err "ttfv: unknown option '--acount' (closest: '--account', '--accounts')"
run "$TTFV" report --out
expect_exit 2 "option without its value"
expect_err "ttfv: option '--out' needs a value (DIR)"
run "$TTFV" check --size 1920x1080 "$IN"
expect_exit 2 "option of another command"
expect_err "ttfv: option '--size' does not apply to this command
(see ttfv check --help)"
run "$TTFV" frobnicate
expect_exit 2 "unknown command"
expect_err "ttfv: unknown command 'frobnicate'; the commands are report, check, chart, sample, sql"
run "$TTFV" chekc
expect_err "ttfv: unknown command 'chekc'; the commands are report, check, chart, sample, sql (closest: 'check')"

# help: everything, per command, per topic
run "$TTFV" --help
expect_exit 0 "--help"
cp "$WORK/out" "$WORK/help"
for o in $(sed -n 's/.*{"\([a-z-]*\)", [a-z_]*argument.*/\1/p' gen/cli_help.c); do
	grep -q -- "--$o" "$WORK/help" && ok || bad "--help does not list --$o"
done
expect_out "templates:              cohort-qa, leadership, qbr"
expect_out "charts:                 cohort_curves, funnel, ttfv_by_outcome"
expect_out "(default: 960x540)"
for cmd in report check chart sample sql; do
	run "$TTFV" "$cmd" --help
	expect_exit 0 "$cmd --help"
	cp "$WORK/out" "$WORK/cmd_help"
	run "$TTFV" help "$cmd"
	expect_exit 0 "help $cmd"
	cmp -s "$WORK/out" "$WORK/cmd_help" && ok || bad "help $cmd differs from $cmd --help"
	head -n 1 "$WORK/out" | grep -q "^ttfv $cmd \[OPTION...\]" && ok ||
		bad "help $cmd: first line $(head -n 1 "$WORK/out")"
done
run "$TTFV" chart --help
expect_out "ttfv chart [OPTION...] NAME DATA..."
expect_out "  --size WxH              the size in pixels, from 200x150 to 8000x8000"
expect_out "  --first-value-event NAME"
run "$TTFV" help exit-codes
expect_exit 0 "help exit-codes"
run "$TTFV" help nosuch
expect_exit 2 "help nosuch"
expect_err "ttfv: help: no topic 'nosuch'; the topics are report, check, chart, sample, sql, templates, charts or exit-codes"

# chart: the name first or anywhere, the valid names listed, --size's range
run "$TTFV" chart funel "$IN"
expect_exit 2 "unknown chart"
expect_err "ttfv: chart: unknown chart 'funel' (closest: 'funnel'); the charts are cohort_curves, funnel, ttfv_by_outcome, postmortems, sla_attainment, ttfv_trend"
run "$TTFV" chart "$IN"
expect_exit 2 "chart without a name"
expect_err "ttfv: chart: name the chart to draw: ttfv chart NAME [OPTION...] DATA...; the charts are cohort_curves, funnel, ttfv_by_outcome, postmortems, sla_attainment, ttfv_trend"
run "$TTFV" chart funnel --size 10x10 "$IN"
expect_exit 2 "--size 10x10"
expect_err "ttfv: --size: '10x10' is outside the allowed range: width 200 to 8000, height 150 to 8000 pixels"
run "$TTFV" chart funnel --size big "$IN"
expect_exit 2 "--size big"
expect_err "ttfv: --size: 'big' is not WIDTHxHEIGHT in pixels, such as 1920x1080"
# without --out: NAME.png in the current directory, 960x540, and said
top=$(pwd)
mkdir -p "$WORK/cwd"
(cd "$WORK/cwd" && "$TTFV" chart --size 960x540 funnel "$top/$IN" 2>"$WORK/err")
code=$?
expect_exit 0 "chart without --out"
expect_err "ttfv: chart funnel, 960x540 png, written to funnel.png"
size=$(python3 -c "import struct,sys; d=open(sys.argv[1],'rb').read(24); print('%dx%d' % struct.unpack('>II', d[16:24]))" "$WORK/cwd/funnel.png")
[ "$size" = 960x540 ] && ok || bad "funnel.png is $size, not 960x540"

# what a report covers: the accounts measured, and those that are not.
# tests/hostile/awaiting_kickoff: high-touch clocks start at kickoff_at;
# H2, H3, H4 have none and H5's (2026-11-05) is after the as-of date
# 2026-10-31, so H1 and T1 are measured: 2 of 6.
run "$TTFV" report --format json --out "$WORK/r" tests/hostile/awaiting_kickoff
expect_exit 0 "report"
expect_err "ttfv: report for 2 of 6 accounts as of 2026-10-31 (4 without a clock start by then are not measured), written to $WORK/r/"
run "$TTFV" report --format json --out "$WORK/r" "$IN"
expect_err "ttfv: report for 9 accounts as of 2026-10-31, written to $WORK/r/"

# The README's usage block is `ttfv --help`, byte for byte.
awk '/^\$ \.\/ttfv --help$/ {f = 1; next} f && /^```$/ {exit} f' README.md >"$WORK/readme_help"
if cmp -s "$WORK/readme_help" "$WORK/help"; then ok; else
	bad "README usage block differs from ttfv --help:
$(diff "$WORK/readme_help" "$WORK/help" | head -n 20)"
fi
# ... and its exit-code table is `ttfv help exit-codes`, lines joined.
"$TTFV" help exit-codes | awk 'NR > 1 && /^  [0-9]/ {if (l) print l; l = $0; next}
	NR > 1 {sub(/^ +/, " "); l = l $0} END {print l}' |
	sed -E 's/^  ([0-9])  (.*)$/| \1 | \2 |/' >"$WORK/codes"
sed -n '/^| code | meaning |$/,/^$/p' README.md | grep '^| [0-9] |' >"$WORK/readme_codes"
if cmp -s "$WORK/codes" "$WORK/readme_codes"; then ok; else
	bad "README exit codes differ from ttfv help exit-codes:
$(diff "$WORK/readme_codes" "$WORK/codes")"
fi
# The definitions are in the repository, and nothing links outside it.
[ -s docs/definitions.md ] && ok || bad "docs/definitions.md is missing"
grep -qF "(docs/definitions.md)" README.md && ok || bad "README does not link docs/definitions.md"
outside="../sha""red"
grep -rlF -- "$outside" README.md docs man samples templates tools completion Makefile >"$WORK/links" 2>/dev/null
[ -s "$WORK/links" ] && bad "links to $outside in: $(cat "$WORK/links")" || ok
finish cli_usage
