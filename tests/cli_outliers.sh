#!/bin/sh
# cli_outliers.sh - inputs that once gave a silently wrong report or a
# crash: implausible years in the cohort keys, a gzip bomb and a sparse
# file of 20 GB (a clear error at once, within the input limit), data that
# GitHub would turn into links, file names with terminal escapes, event
# names an INI file cannot hold in the pasteable [step] snippet, and
# 100,000 tiers.
. tests/lib.sh
SAN=
case ${TEST_BUILD:-build} in *san*) SAN=1 ;; esac

# implausible years are skipped rows, not clamped into one cohort
run "$TTFV" report --lenient --quiet --format json --out "$WORK/years" tests/hostile/implausible_years
expect_exit 0 "implausible years, --lenient"
python3 - "$WORK/years/report.json" >"$WORK/cohorts" <<'EOF'
import json, sys
d = json.load(open(sys.argv[1]))
print(" ".join(c["cohort"] for c in d["cohorts"]), d["accounts"]["total"])
EOF
# 1970-01-01 (a Thursday) is in 1970-W01; A4 and A5 in 2026-W02, A6 in W06
[ "$(cat "$WORK/cohorts")" = "1970-W01 2026-W02 2026-W06 4" ] && ok ||
	bad "implausible years: cohorts and accounts: $(cat "$WORK/cohorts")"

# A sparse file of 20 GB and a gzip file of 3.5 MB that inflates to 1.2 GB
# end at once with the file and the limit named, exit 3 (not a signal,
# not memory exhausted first)
mkdir -p "$WORK/big"
cp tests/hostile/path_escape/accounts.csv "$WORK/big/"
if truncate -s 20G "$WORK/big/events.csv" 2>/dev/null; then
	run timeout 20 "$TTFV" check "$WORK/big"
	expect_exit 3 "20 GB sparse file"
	expect_err "events.csv: is 20480 MiB, over the 2048 MiB limit for one input file (set TTFV_MAX_INPUT" "sparse file"
	rm -f "$WORK/big/events.csv"
fi
{
	echo account_id,event,timestamp
	yes 'A2,login,2026-01-07T00:00:00Z' | head -c 10000000
} | gzip -9 >"$WORK/member.gz"
i=0
while [ $i -lt 120 ]; do cat "$WORK/member.gz"; i=$((i + 1)); done >"$WORK/big/events.csv.gz"
run timeout 20 env TTFV_MAX_INPUT=64M "$TTFV" check "$WORK/big"
expect_exit 3 "gzip bomb"
expect_err "events.csv.gz: decompresses to more than the 64 MiB limit for one input file" "gzip bomb"
# the default limit follows ulimit -v (a quarter of it), so a run under a
# 2 GB limit ends with the message, not in the allocator (the sanitizers
# reserve terabytes of address space: not there)
if [ -z "$SAN" ] && command -v prlimit >/dev/null; then
	run timeout 20 prlimit --as=2000000000 "$TTFV" report --quiet --out "$WORK/bomb" "$WORK/big"
	expect_exit 3 "gzip bomb under ulimit -v"
	expect_err "events.csv.gz: decompresses to more than the 476 MiB limit" "bomb, ulimit -v"
fi
run env TTFV_MAX_INPUT=banana "$TTFV" check tests/hostile/path_escape
expect_exit 0 "an unreadable TTFV_MAX_INPUT is the default"

# data that GitHub's autolink extension would make live links stays text
mkdir -p "$WORK/links"
cat >"$WORK/links/accounts.csv" <<'EOF'
account_id,account_name,tier,signed_at,first_value_at
A1,www.evil.example,http://x.example,2026-01-05,2026-01-09
A2,ops@evil.example,t,2026-01-06,2026-01-12
EOF
run "$TTFV" report --quiet --format md --out "$WORK/linksr" "$WORK/links"
expect_exit 0 "links report"
if grep -qF -e 'www.evil' -e 'http://x' -e 'ops@evil' "$WORK/linksr/report.md"; then
	bad "report.md holds a value GitHub would link: $(grep -E 'www\.evil|http://x|ops@' "$WORK/linksr/report.md" | head -2)"
else
	ok
fi
grep -qF 'http\://x.example' "$WORK/linksr/report.md" && ok || bad "tier http://x not escaped as expected"

# file names with terminal escapes are shown neutralised by check
mkdir -p "$WORK/esc"
esc=$(printf 'a\033]0;owned\007\033[31mb.csv')
cp tests/hostile/implausible_years/accounts.csv "$WORK/esc/$esc"
run "$TTFV" check "$WORK/esc"
expect_exit 1 "escapes check"
if grep -q "$(printf '\033')" "$WORK/out" "$WORK/err"; then
	bad "check printed an escape character"
else
	ok
fi
expect_err "a?]0;owned??[31mb.csv:2: signed_at:" "escapes shown as ?"

# The inferred [step] snippet pastes back as a valid ttfv.ini, event names
# with a line break, ' ; ' and ']' left out with a note
mkdir -p "$WORK/steps"
printf 'account_id,signed_at,first_value_at\nA1,2026-01-05,2026-01-20\nA2,2026-01-05,2026-01-20\n' >"$WORK/steps/accounts.csv"
{
	echo account_id,event,timestamp
	for a in A1 A2; do
		echo "$a,plain,2026-01-06"
		echo "$a,\"two"
		echo "lines\",2026-01-07"
		echo "$a,a ; b,2026-01-08"
		echo "$a,x]y,2026-01-09"
	done
} >"$WORK/steps/events.csv"
run "$TTFV" report --quiet --format md --out "$WORK/stepsr" "$WORK/steps"
expect_exit 0 "steps report"
awk '/^```ini$/ { f = 1; next } /^```$/ { f = 0 } f' "$WORK/stepsr/report.md" >"$WORK/steps.ini"
grep -q '^\[step plain\]$' "$WORK/steps.ini" && ok || bad "snippet lacks [step plain]: $(cat "$WORK/steps.ini")"
grep -q "^; step 'two?lines' is left out" "$WORK/steps.ini" && ok || bad "snippet: no note for two lines"
run "$TTFV" check --config "$WORK/steps.ini" "$WORK/steps"
expect_exit 0 "the pasted snippet is a valid config"

# 100,000 tiers: the SLA chart draws the 12 largest and says so (it was
# a 165 MB SVG); the report is written, or, when its tables (a row per
# tier) make report.html too large, refused with that cause named, not
# "the template shows charts too many times"
if [ -z "$SAN" ]; then
	awk 'BEGIN {
		print "account_id,tier,signed_at,first_value_at"
		for (i = 0; i < 100000; i++)
			printf "A%d,T%d,2026-01-%02d,2026-02-%02d\n", i, i, 1 + i % 28, 1 + i % 28
	}' >"$WORK/tiers.csv"
	run "$TTFV" chart sla_attainment --format svg --out "$WORK/sla.svg" "$WORK/tiers.csv"
	expect_exit 0 "100,000 tiers: the SLA chart"
	size=$(wc -c <"$WORK/sla.svg" 2>/dev/null || echo 0)
	[ "$size" -gt 0 ] && [ "$size" -lt 1000000 ] && ok || bad "100,000 tiers: SLA chart is $size bytes"
	run "$TTFV" report --quiet --out "$WORK/tiersr" "$WORK/tiers.csv"
	if [ "$code" = 0 ]; then
		grep -qF "and 99,988 more tiers (99,988 accounts) not drawn" "$WORK/tiersr/report.md" && ok ||
			bad "100,000 tiers: the alt text does not say what was left out"
	else
		expect_exit 1 "100,000 tiers: report"
		expect_err "from too many groups to show (100000 tiers, 1 cohorts)" "100,000 tiers: the cause"
	fi
fi
finish cli_outliers
