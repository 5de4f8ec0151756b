# cli_trend.sh - SPEC 8.1 on samples/: the leadership report's trend
# sentence says what the Kaplan-Meier medians and the log-rank test say,
# report.json's trend object holds the same, and nothing of the old
# reached-only trend ("went from", trend.rising) is left.
#
# R, on the samples' calendar-day TTFVs as tests/stats_xcheck.py rebuilds
# them (that script runs these same calls and compares every figure):
# 2026-10 against 2026-07..09 pooled,
#   survdiff(Surv(t, e) ~ g): chisq 0.33131091902761506,
#   p 0.56488818916429417 -> no significant change;
#   quantile(survfit(Surv(t, e) ~ 1), 0.5) of each side: the medians and
#   intervals the sentence shows, to one decimal: 2026-10 6.186 (4.666 to
#   7.756), 2026-07..09 5.441 (4.778 to 6.184).  (Samples regenerated with
#   the nudge trial of issue 18.)
. tests/lib.sh

run "$TTFV" report --quiet --format md,json --out "$WORK/r" samples
expect_exit 0 "report samples"
md=$WORK/r/report.md
grep -qF "The latest complete cohort, 2026-10, has a Kaplan–Meier median TTFV of 6.2 days (95% CI 4.7–7.8), against 5.4 days (95% CI 4.8–6.2) for 2026-07 to 2026-09 pooled: no significant change (log-rank p = 0.565)." "$md" &&
	ok || bad "trend sentence: $(grep -F 'latest complete cohort' "$md")"
grep -q "went from\|faster" "$md" && bad "an old or unsupported trend claim: $(grep 'went from\|faster' "$md")" || ok
if command -v python3 >/dev/null 2>&1; then
	j=$WORK/r/report.json
	expect_json "$j" "j['trend']['direction']" "no significant change" direction
	expect_json "$j" "j['trend']['baseline']" "['2026-07', '2026-08', '2026-09']" baseline
	expect_json "$j" "round(j['trend']['p_value'], 10)" "0.5648881892" p_value
	expect_json "$j" "'rising' in j['trend']" "False" "trend.rising gone"
	expect_json "$j" "[b['band'] for b in j['outcomes']['bands']]" "['0-30', '31-60', '>60', 'not reached']" bands
	expect_json "$j" "j['outcomes']['gap']['to']" "not reached" "gap to"
	expect_json "$j" "sorted(j['postmortems'])[:3]" "['breaches', 'categories', 'coverage']" "coverage keys"
else
	skip "report.json checks (no python3)"
fi
# the tier table reads in the tier's own days, with its interval
grep -qF "| high-touch | 333 | 277 | 23.3 (21.4–25.8) |" "$md" && ok || bad "tier KM median: $(grep '^| high-touch | 333' "$md")"
finish cli_trend
