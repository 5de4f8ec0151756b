#!/bin/sh
# cli_rules.sh - the boundaries of the SPEC's rules, each on a data set
# small enough to work out by hand (the working is beside each case), so
# a rule moved by one day, one comparison or one escape fails here.  Each
# case was missed by every other test in a mutation audit.
. tests/lib.sh

report() {	# report NAME: ttfv report of $WORK/NAME into $WORK/NAME-out
	run "$TTFV" report --quiet --out "$WORK/$1-out" "$WORK/$1"
	expect_exit 0 "$1: report"
}

# A holiday on a Saturday removes no business day.  Mon 2026-10-05 to
# Fri 2026-10-16 is 5 + 4 = 9 business days (Mon..Fri, Mon..Thu); the
# holiday Sat 10-10 falls on a weekend and changes nothing, so the tier's
# only TTFV, and its median, is 9.
mkdir -p "$WORK/sathol"
cat >"$WORK/sathol/accounts.csv" <<'CSV'
account_id,tier,signed_at,first_value_at
B1,biz,2026-10-05,2026-10-16
CSV
cat >"$WORK/sathol/ttfv.ini" <<'INI'
[report]
as_of = 2026-10-31
holidays = 2026-10-10
[tier biz]
days = business
sla_days = 20
INI
report sathol
expect_json "$WORK/sathol-out/report.json" 'j["tiers"][0]["p50"]' 9 \
	"holiday on a Saturday"

# At risk means MORE than 50 % of the window used with step 2 not done.
# SLA 14 days; as-of instant 2026-11-01 00:00.  H1 signed 10-25: 7.0 days
# = exactly half, on track.  H2 signed 10-24 12:00: 7.5 days, at risk.
# Both did kickoff the next day, not setup.  The projection cannot make
# either late: the medians of R1-R3 are 1 day per step, so as-of + 0
# (6+ days already in setup) + 1 = 11-02, before deadlines 11-08 / 11-07.
mkdir -p "$WORK/half"
cat >"$WORK/half/accounts.csv" <<'CSV'
account_id,tier,signed_at,kickoff_at,setup_complete_at,first_value_at
R1,t,2026-09-01,2026-09-02,2026-09-03,2026-09-04
R2,t,2026-09-05,2026-09-06,2026-09-07,2026-09-08
R3,t,2026-09-10,2026-09-11,2026-09-12,2026-09-13
H1,t,2026-10-25,2026-10-26,,
H2,t,2026-10-24T12:00:00Z,2026-10-25,,
CSV
cat >"$WORK/half/ttfv.ini" <<'INI'
[report]
as_of = 2026-10-31
[tier t]
sla_days = 14
[step kickoff]
column = kickoff_at
[step setup]
column = setup_complete_at
[step first_value]
column = first_value_at
INI
report half
J=$WORK/half-out/report.json
expect_json "$J" '{r["account_id"]: r["status"] for r in j["onboarding"]}["H1"]' \
	on-track "exactly half the window"
expect_json "$J" '{r["account_id"]: r["status"] for r in j["onboarding"]}["H2"]' \
	at-risk "past half the window"

# The funnel's largest drop-off on a tie is the earlier step: kickoff
# 4 -> setup 2 (drop-off 0.5), setup 2 -> first value 1 (0.5).  Fixing
# the earlier step also feeds the later one, so it is named.
mkdir -p "$WORK/tie"
cat >"$WORK/tie/accounts.csv" <<'CSV'
account_id,tier,signed_at,kickoff_at,setup_complete_at,first_value_at
F1,t,2026-09-01,2026-09-02,2026-09-03,2026-09-04
F2,t,2026-09-01,2026-09-02,2026-09-03,
F3,t,2026-09-01,2026-09-02,,
F4,t,2026-09-01,2026-09-02,,
CSV
cp "$WORK/half/ttfv.ini" "$WORK/tie/ttfv.ini"
report tie
J=$WORK/tie-out/report.json
expect_json "$J" '[f["dropoff"] for f in j["funnel"]]' '[0.5, 0.5, 0]' \
	"tie: the drop-offs"
expect_json "$J" 'j["funnel_largest_dropoff"]' kickoff "tie: the earlier step"
# the whole funnel: 1 of the 4 who completed kickoff reached first value
expect_json "$J" 'j["funnel_overall"]' 0.25 "funnel overall: 1 of 4"

# A TTFV of exactly 30 days is in the 0-30 band (TTFV <= 30); 31 days is
# in 31-60.  T1 2026-08-01 -> 08-31 = 30 days, renewed; T2 08-01 -> 09-01
# = 31 days, churned.
mkdir -p "$WORK/band"
cat >"$WORK/band/accounts.csv" <<'CSV'
account_id,tier,signed_at,first_value_at,outcome
T1,t,2026-08-01,2026-08-31,renewed
T2,t,2026-08-01,2026-09-01,churned
CSV
printf '[report]\nas_of = 2026-10-31\n' >"$WORK/band/ttfv.ini"
report band
J=$WORK/band-out/report.json
expect_json "$J" '{b["band"]: (b["accounts"], b["renewed"]) for b in j["outcomes"]["bands"]}["0-30"]' \
	'(1, 1)' "30 days is 0-30"
expect_json "$J" '{b["band"]: (b["accounts"], b["renewed"]) for b in j["outcomes"]["bands"]}["31-60"]' \
	'(1, 0)' "31 days is 31-60"

# A post-mortem is due 5 BUSINESS days after the breach.  SLA 14 days:
# P1 and P2 signed Fri 2026-09-18, breached Fri 10-02 00:00 (reached
# 10-05, late).  Five business days on is Fri 10-09.  P1's post-mortem,
# Thu 10-08, is in time (6 calendar days: late only by calendar days);
# P2's, Mon 10-12, is late (6 business days).
mkdir -p "$WORK/pmdue"
cat >"$WORK/pmdue/accounts.csv" <<'CSV'
account_id,tier,signed_at,first_value_at
P1,t,2026-09-18,2026-10-05
P2,t,2026-09-18,2026-10-05
CSV
cat >"$WORK/pmdue/postmortems.csv" <<'CSV'
account_id,category,breached_at,opened_at
P1,product,2026-10-02,2026-10-08
P2,product,2026-10-02,2026-10-12
CSV
printf '[report]\nas_of = 2026-10-31\n[tier t]\nsla_days = 14\n' \
	>"$WORK/pmdue/ttfv.ini"
report pmdue
J=$WORK/pmdue-out/report.json
# the accounts listed as missing or late, whichever lists the report has
late='sorted(r["account_id"] for k in ("missing", "late") for r in j["postmortems"].get(k, []) if isinstance(r, dict))'
expect_json "$J" "$late" "['P2']" "post-mortem due after 5 business days"

# HTML escapes every &: the title "R&D &copy;" is text, not an entity,
# in <title> and in the heading.
mkdir -p "$WORK/amp"
cp "$WORK/band/accounts.csv" "$WORK/amp/"
printf '[report]\nas_of = 2026-10-31\ntitle = R&D &copy; <b>x</b>\n' \
	>"$WORK/amp/ttfv.ini"
run "$TTFV" report --quiet --format html --out "$WORK/amp-out" "$WORK/amp"
expect_exit 0 "amp: report"
H=$WORK/amp-out/report.html
n=$(grep -o 'R&amp;D &amp;copy; &lt;b&gt;x&lt;/b&gt;' "$H" | wc -l)
[ "$n" -ge 2 ] && ok || bad "amp: the escaped title appears $n times, expected <title> and <h1>"
grep -q 'R&D\|&copy;\|<b>x' "$H" && bad "amp: an unescaped title in the HTML" || ok

# Only what happened strictly before the as-of instant counts (SPEC 3).
# As of 2026-10-31 the instant is 2026-11-01 00:00 UTC.  S1's date-only
# first value of 11-01 is at the instant: not reached.  S2's clock starts
# at the instant: not in the report.  S3's first value event 0.5 s after
# the instant (epoch milliseconds 1793491200500): not reached.  S4's at
# 23:59:59 on 10-31: reached, TTFV 31 days less one second.
mkdir -p "$WORK/strict"
cat >"$WORK/strict/accounts.csv" <<'CSV'
account_id,tier,signed_at,first_value_at
S1,t,2026-10-01,2026-11-01
S2,t,2026-11-01,
S3,t,2026-10-01,
S4,t,2026-10-01,
CSV
cat >"$WORK/strict/events.csv" <<'CSV'
account_id,event,timestamp
S3,report_shared,1793491200500
S4,report_shared,2026-10-31T23:59:59Z
CSV
printf '[report]
as_of = 2026-10-31
first_value_event = report_shared
' \
	>"$WORK/strict/ttfv.ini"
report strict
J=$WORK/strict-out/report.json
expect_json "$J" 'j["accounts"]["total"], j["accounts"]["reached"]' '(3, 1)' \
	"strict as-of: S2 not measured, only S4 reached"
expect_json "$J" 'round(j["overall"]["p50"] * 86400)' $((31 * 86400 - 1)) \
	"strict as-of: S4's TTFV"
expect_json "$J" 'sorted(r["account_id"] for r in j["onboarding"])' \
	"['S1', 'S3']" "strict as-of: S1 and S3 still onboarding"

# Sub-second times are kept to the microsecond (SPEC 3) and the strict
# rule holds at that scale.  Each case is one account signed 2026-10-01
# with one report_shared event, as of 2026-10-31 (instant 11-01 00:00Z,
# 31 days = 2678400 s after the signing).  Reached ones have TTFV 31 days
# less the gap, in microseconds: 0.5 s before -> 2678399500000; 1 us
# before -> 2678399999999.  After the instant, by 0.5 s or 1 us: not
# reached, so no p50 and one account still onboarding.
for c in iso_half_before:2026-10-31T23:59:59.5Z:2678399500000 \
	ms_half_before:1793491199500:2678399500000 \
	us_before:1793491199999999:2678399999999 \
	iso_half_after:2026-11-01T00:00:00.5Z:none \
	ms_half_after:1793491200500:none \
	us_after:1793491200000001:none; do
	name=${c%%:*}
	rest=${c#*:}
	when=${rest%:*}
	want=${rest##*:}
	mkdir -p "$WORK/$name"
	printf 'account_id,tier,signed_at\nF1,t,2026-10-01\n' >"$WORK/$name/accounts.csv"
	printf 'account_id,event,timestamp\nF1,report_shared,%s\n' "$when" \
		>"$WORK/$name/events.csv"
	printf '[report]\nas_of = 2026-10-31\nfirst_value_event = report_shared\n' \
		>"$WORK/$name/ttfv.ini"
	report "$name"
	if [ "$want" = none ]; then
		expect_json "$WORK/$name-out/report.json" \
			'(j["accounts"]["reached"], len(j["onboarding"]))' '(0, 1)' \
			"$name: $when is not before the as-of instant"
	else
		expect_json "$WORK/$name-out/report.json" \
			'round(j["overall"]["p50"] * 86400e6)' "$want" \
			"$name: TTFV of $when to the microsecond"
	fi
done

# The high-touch buffer (seed 000: p75 + 20 %) whatever the tier's case,
# with or without a section for it.  TTFVs 10 20 30 40: p75 (type 7,
# h = 3 x .75 = 2.25) = 30 + .25 x 10 = 32.5; x 1.2 = 39 (33 without it).
mkdir -p "$WORK/buffer"
cat >"$WORK/buffer/accounts.csv" <<'CSV'
account_id,tier,signed_at,first_value_at
U1,High-Touch,2026-08-01,2026-08-11
U2,High-Touch,2026-08-01,2026-08-21
U3,High-Touch,2026-08-01,2026-08-31
U4,High-Touch,2026-08-01,2026-09-10
CSV
printf '[report]\nas_of = 2026-10-31\n' >"$WORK/buffer/ttfv.ini"
report buffer
expect_json "$WORK/buffer-out/report.json" 'j["tiers"][0]["sla_days"]' 39 \
	"High-Touch, no section: buffer 20 %"
printf '[tier High-Touch]\ndays = calendar\n' >>"$WORK/buffer/ttfv.ini"
report buffer
expect_json "$WORK/buffer-out/report.json" 'j["tiers"][0]["sla_days"]' 39 \
	"High-Touch, a section repeating a default: buffer 20 %"

# A pause needs a written reason (seed 000).  W1, still onboarding since
# 10-01, was paused 10-05 to 10-08 with a reason and 10-20 to 10-22
# without one: 3 + 2 = 5 paused days off 31 elapsed = 26; one pause
# undocumented, in check, report.json and the data-quality table.
mkdir -p "$WORK/pauses"
cat >"$WORK/pauses/accounts.csv" <<'CSV'
account_id,tier,signed_at,first_value_at
W1,t,2026-10-01,
W2,t,2026-09-01,2026-09-05
CSV
cat >"$WORK/pauses/pauses.csv" <<'CSV'
account_id,paused_at,resumed_at,reason
W1,2026-10-05,2026-10-08,customer security review
W1,2026-10-20,2026-10-22,
CSV
printf '[report]\nas_of = 2026-10-31\n' >"$WORK/pauses/ttfv.ini"
run "$TTFV" check "$WORK/pauses"
expect_exit 0 "pauses: check"
expect_out "pauses: 1 without a reason" "pauses: check names the undocumented pause"
report pauses
J=$WORK/pauses-out/report.json
expect_json "$J" 'j["data_quality"]["pauses_undocumented"]' 1 "pauses: counted"
expect_json "$J" '[(r["elapsed_days"], r["paused_days"]) for r in j["onboarding"]]' \
	'[(26, 5)]' "pauses: paused days of the onboarding row"
grep -q '| Pauses with no reason (undocumented) | 1 |' "$WORK/pauses-out/report.md" &&
	ok || bad "pauses: not in the data-quality table"

# Kickoff within 5 business days of signature (seed 003, stage 1).  As of
# Mon 2026-10-26 (instant Tue 10-27 00:00): K1 signed Mon 10-19 has waited
# Mon-Fri + Mon = 6 business days, past the target; K2 signed Tue 10-20,
# Tue-Fri + Mon = 5, within it; K3 signed Fri 10-23 with kickoff_target_days
# = 1 in a second run: Fri + Mon = 2, past.
mkdir -p "$WORK/kickoff"
cat >"$WORK/kickoff/accounts.csv" <<'CSV'
account_id,tier,signed_at,kickoff_at,first_value_at
K0,ht,2026-09-01,2026-09-02,2026-09-10
K1,ht,2026-10-19,,
K2,ht,2026-10-20,,
K3,ht,2026-10-23,,
CSV
printf '[report]\nas_of = 2026-10-26\n[tier ht]\nclock_start = kickoff_at\n' \
	>"$WORK/kickoff/ttfv.ini"
report kickoff
J=$WORK/kickoff-out/report.json
expect_json "$J" '[(r["account_id"], r["business_days_waiting"], r["past_kickoff_target"]) for r in j["awaiting_clock_start"]]' \
	"[('K1', 6, True), ('K2', 5, False), ('K3', 2, False)]" \
	"kickoff: business days and the 5-day target"
run "$TTFV" report --quiet --template cohort-qa --format md --out "$WORK/kickoff-qa" "$WORK/kickoff"
grep -qF '| K1 | — | ht | kickoff\_at | 2026-10-19 | 6.0 | **missed** |' \
	"$WORK/kickoff-qa/report.md" && ok || bad "kickoff: the cohort-qa row of K1"
printf '[report]\nas_of = 2026-10-26\nkickoff_target_days = 1\n[tier ht]\nclock_start = kickoff_at\n' \
	>"$WORK/kickoff/ttfv.ini"
report kickoff
expect_json "$J" '[r["past_kickoff_target"] for r in j["awaiting_clock_start"]]' \
	"[True, True, True]" "kickoff: a target of 1 business day"

# A contractual SLA's breach is called out before an internal one's
# (seed 000: formal remedies, not a playbook).  Both breached as of
# 10-31: C1 (internal, SLA 7: deadline 10-08) and C2 (contractual, SLA
# 14: deadline 10-19, later); C2 comes first all the same.
mkdir -p "$WORK/contract"
cat >"$WORK/contract/accounts.csv" <<'CSV'
account_id,tier,signed_at,first_value_at
C0,in,2026-09-01,2026-09-03
C1,in,2026-10-01,
C2,co,2026-10-05,
CSV
printf '[report]\nas_of = 2026-10-31\n[tier in]\nsla_days = 7\n[tier co]\nsla_days = 14\nsla = contractual\n' \
	>"$WORK/contract/ttfv.ini"
report contract
J=$WORK/contract-out/report.json
expect_json "$J" '[(r["account_id"], r["status"], r["sla_type"]) for r in j["onboarding"]]' \
	"[('C2', 'breached', 'contractual'), ('C1', 'breached', 'internal')]" \
	"contractual breaches first"
expect_json "$J" '{t["tier"]: t["sla_type"] for t in j["tiers"]}' \
	"{'co': 'contractual', 'in': 'internal'}" "sla_type per tier"
printf '[tier x]\nsla = formal\n' >"$WORK/contract/bad.ini"
run "$TTFV" check --config "$WORK/contract/bad.ini" "$WORK/contract"
expect_exit 1 "sla = formal"
expect_err "bad.ini:2: sla: 'formal' is not internal or contractual" "sla = formal: named"

# Nudges at the 3-day and 7-day marks (seed 000) in seed 004's states.
# Steps a, b, then first value; as of 2026-10-31 (the week: marks from
# 10-25 00:00 to before 11-01 00:00).  Clocks start at midnight:
#   N1 10-27: day-3 mark 10-30, nothing done             -> not started
#   N2 10-26: day-3 mark 10-29, a on 10-27 (after start) -> next win, b next
#   N3 10-21: day-7 mark 10-28, a on 10-22, before the day-3 mark 10-24
#                                                        -> stalled, on b
#   N4 10-21: day-7 mark 10-28, a 10-22, b 10-26 (after 10-24) -> next win
#   N5 10-10: marks 10-13 and 10-17, before the week     -> not listed
#   N6 10-27: first value 10-29                          -> not listed
#   N7 10-22: a exactly at the day-3 mark 10-25 00:00, the week's first
#             instant: done by that mark (day 3: next win, on b), and
#             done since it at the day-7 mark 10-29     -> next win
#   N8 10-26: day-3 mark 10-29, a exactly at it: done by the mark
#                                                        -> next win
mkdir -p "$WORK/nudge"
cat >"$WORK/nudge/accounts.csv" <<'CSV'
account_id,tier,signed_at,kickoff_at,setup_complete_at,first_value_at
N1,t,2026-10-27,,,
N2,t,2026-10-26,2026-10-27,,
N3,t,2026-10-21,2026-10-22,,
N4,t,2026-10-21,2026-10-22,2026-10-26,
N5,t,2026-10-10,,,
N6,t,2026-10-27,2026-10-28,2026-10-28,2026-10-29
N7,t,2026-10-22,2026-10-25,,
N8,t,2026-10-26,2026-10-29,,
CSV
cat >"$WORK/nudge/ttfv.ini" <<'INI'
[report]
as_of = 2026-10-31
[step a]
column = kickoff_at
playbook = Book the kickoff.
[step b]
column = setup_complete_at
playbook = Run the import call.
[step first_value]
column = first_value_at
INI
report nudge
expect_json "$WORK/nudge-out/report.json" '[(r["day"], r["account_id"], r["mark"], r["state"], r["step"]) for r in j["nudges"]]' \
	"[(3, 'N7', '2026-10-25', 'next win', 'b'), (3, 'N2', '2026-10-29', 'next win', 'b'), (3, 'N8', '2026-10-29', 'next win', 'b'), (3, 'N1', '2026-10-30', 'not started', 'a'), (7, 'N3', '2026-10-28', 'stalled', 'b'), (7, 'N4', '2026-10-28', 'next win', None), (7, 'N7', '2026-10-29', 'next win', 'b')]" \
	"nudges: marks this week and their states"
run "$TTFV" report --quiet --template cohort-qa --format md --out "$WORK/nudge-qa" "$WORK/nudge"
# the first two rows, then the count of the rest (a list that grows
# with the data is capped in the Markdown)
grep -qF '| day 3 | N7 | — | t | — | 2026-10-25 | next win | b | Run the import call. |' \
	"$WORK/nudge-qa/report.md" && ok || bad "nudges: the cohort-qa row of N7"
grep -qF '*5 more in report.json (nudges).*' "$WORK/nudge-qa/report.md" &&
	ok || bad "nudges: the count past the first two"

# Time to business value (go_live_at by default), measured as TTFV is.
# Calendar days from signed_at; as-of instant 11-01:
#   B1 09-01 fv 09-05 live 09-20: TTBV 19, gap 15
#   B2 09-01 fv 09-03 live 09-11: 10, gap 8
#   B3 09-01 fv 09-10 live 10-01: 30, gap 21
#   B4 09-01 fv 09-02, not live:  censored at 61
#   B5 10-01 no fv,   live 10-21: 20, no gap
#   B6 10-11 fv 10-12, not live:  censored at 21
#   B7 10-01 fv 10-03, live 09-30 (before signing): 0, as first value
#                                 before its clock start is; gap -2
# Reached [0 10 19 20 30]: type 7 p50 19; gaps [-2 8 15 21]: 11.5.  KM: R
# quantile(survfit(Surv(c(19,10,30,61,20,21,0), c(1,1,1,0,1,0,1)) ~ 1),
# .5): 20, lower 10, upper NA.
mkdir -p "$WORK/ttbv"
cat >"$WORK/ttbv/accounts.csv" <<'CSV'
account_id,tier,signed_at,first_value_at,go_live_at
B1,t,2026-09-01,2026-09-05,2026-09-20
B2,t,2026-09-01,2026-09-03,2026-09-11
B3,t,2026-09-01,2026-09-10,2026-10-01
B4,t,2026-09-01,2026-09-02,
B5,t,2026-10-01,,2026-10-21
B6,t,2026-10-11,2026-10-12,
B7,t,2026-10-01,2026-10-03,2026-09-30
CSV
printf '[report]\nas_of = 2026-10-31\n' >"$WORK/ttbv/ttfv.ini"
report ttbv
J=$WORK/ttbv-out/report.json
expect_json "$J" 'tuple(j["business_value"][k] for k in ("source", "reached", "p50", "km_p50", "km_p50_lower", "km_p50_upper", "gap_accounts", "gap_p50"))' \
	"('column go_live_at', 5, 19, 20, 10, None, 4, 11.5)" "business value"
printf 'business_value = launched\n' >>"$WORK/ttbv/ttfv.ini"
run "$TTFV" report --quiet --out "$WORK/ttbv-out" "$WORK/ttbv"
expect_exit 1 "business_value naming nothing"
expect_err "business_value: 'launched' is neither a milestone column nor an event in the data" \
	"business_value naming nothing: the message"

finish cli_rules
