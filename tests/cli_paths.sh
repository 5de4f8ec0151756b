#!/bin/sh
# cli_paths.sh - seed 004's first value and steps per segment: [tier]
# first_value_event and steps = a, b, c.  Two tiers with different first
# values and paths, every expected figure worked out by hand below; the
# landmark p_on_time counting only the tier's own steps; and check
# refusing paths that cannot be walked.
. tests/lib.sh

D=$WORK/paths
mkdir -p "$D"
cat >"$D/ttfv.ini" <<'EOF'
[report]
as_of = 2026-03-31

[tier lead-gen]
sla_days = 3
first_value_event = qualified_lead
steps = source_connected, campaign_launched, qualified_lead

[tier content]
sla_days = 4
first_value_event = content_shipped
steps = brief_complete, draft_generated, content_shipped

[step source_connected]
event = source_connected
playbook = Connect the lead source.

[step campaign_launched]
event = campaign_launched
playbook = Launch the first campaign.

[step qualified_lead]
event = qualified_lead

[step brief_complete]
event = brief_complete
playbook = Finish the brief.

[step draft_generated]
event = draft_generated
playbook = Generate the first draft.

[step content_shipped]
event = content_shipped
EOF
cat >"$D/accounts.csv" <<'EOF'
account_id,tier,signed_at
L1,lead-gen,2026-03-01T00:00:00Z
L2,lead-gen,2026-03-02T00:00:00Z
L3,lead-gen,2026-03-30T00:00:00Z
C1,content,2026-03-01T00:00:00Z
C2,content,2026-03-03T00:00:00Z
C3,content,2026-03-29T00:00:00Z
EOF
# L3 shipped content and C3 had a qualified lead: the other tier's first
# value, which is not theirs
cat >"$D/events.csv" <<'EOF'
account_id,event,timestamp
L1,source_connected,2026-03-01T12:00:00Z
L1,campaign_launched,2026-03-02T00:00:00Z
L1,qualified_lead,2026-03-03T00:00:00Z
L2,source_connected,2026-03-03T00:00:00Z
L2,campaign_launched,2026-03-04T00:00:00Z
L2,qualified_lead,2026-03-06T00:00:00Z
L3,source_connected,2026-03-30T06:00:00Z
L3,brief_complete,2026-03-30T12:00:00Z
L3,content_shipped,2026-03-31T00:00:00Z
C1,brief_complete,2026-03-02T00:00:00Z
C1,draft_generated,2026-03-03T00:00:00Z
C1,content_shipped,2026-03-04T00:00:00Z
C2,brief_complete,2026-03-03T12:00:00Z
C2,draft_generated,2026-03-04T12:00:00Z
C2,content_shipped,2026-03-06T12:00:00Z
C3,brief_complete,2026-03-30T00:00:00Z
C3,qualified_lead,2026-03-29T12:00:00Z
EOF
run "$TTFV" check "$D"
expect_exit 0 "check two paths"
run "$TTFV" report --format json,md,csv --template cohort-qa --out "$WORK/r" "$D"
expect_exit 0 "report two paths"
J=$WORK/r/report.json
# TTFV, each to its own tier's first value: L1 2, L2 4 (qualified_lead);
# C1 3, C2 3.5 (content_shipped); L3 and C3 have not reached theirs.
# Overall type 7 median of {2, 3, 3.5, 4} = 3.25; lead-gen {2, 4} -> 3,
# content {3, 3.5} -> 3.25.
expect_json "$J" 'j["accounts"]["reached"]' 4 "reached"
expect_json "$J" 'j["overall"]["p50"]' 3.25 "overall p50"
expect_json "$J" '[(t["tier"], t["p50"]) for t in j["tiers"]]' \
	"[('content', 3.25), ('lead-gen', 3)]" "tier p50"
expect_json "$J" '[t["first_value"] for t in j["tiers"]]' \
	"['event content_shipped', 'event qualified_lead']" "tier first value"
expect_json "$J" '[t["steps"] for t in j["tiers"]]' \
	"[['brief_complete', 'draft_generated', 'content_shipped'], ['source_connected', 'campaign_launched', 'qualified_lead']]" \
	"tier steps"
# funnel per tier path, over the tier's three accounts:
#   lead-gen: source_connected 3 -> campaign 2 (L3 stops), gaps L1 0.5,
#   L2 1 -> median 0.75; campaign 2 -> qualified 2, gaps 1 and 2 -> 1.5
#   content: brief 3 -> draft 2 (C3 stops), gaps 1 and 1 -> 1; draft 2 ->
#   shipped 2, gaps 1 and 2 -> 1.5; the first step loses the most
expect_json "$J" '[(f["step"], f["reached"], f["next"], f["median_days_to_next"], f["largest_dropoff"]) for f in j["tiers"][1]["funnel"]]' \
	"[('source_connected', 3, 2, 0.75, True), ('campaign_launched', 2, 2, 1.5, False), ('qualified_lead', 2, 2, None, False)]" \
	"lead-gen funnel"
expect_json "$J" '[(f["step"], f["reached"], f["next"], f["median_days_to_next"], f["largest_dropoff"]) for f in j["tiers"][0]["funnel"]]' \
	"[('brief_complete', 3, 2, 1, True), ('draft_generated', 2, 2, 1.5, False), ('content_shipped', 2, 2, None, False)]" \
	"content funnel"
# the overall funnel: no step is on both paths, and the first values
# differ, so it is each account's own first value: 4 of 6
expect_json "$J" '[(f["step"], f["reached"], f["next"]) for f in j["funnel"]]' \
	"[('first_value', 4, 4)]" "overall funnel"
# L3 (clock 03-30T00:00, as of 04-01T00:00, elapsed 2 > half of 3, its
# second step not done): at risk on campaign_launched since
# source_connected at 03-30T06:00, 1.75 days; projected 04-01 + segment
# medians max(0, 0.75 - 1.75) + 1.5 = 04-02T12:00; due 04-02T00:00, by
# the end of 04-01.  C3 (clock 03-29, elapsed 3 > 2, draft not done): on
# draft_generated since brief_complete 03-30T00:00, 2 days; projected
# 04-01 + max(0, 1 - 2) + 1.5 = 04-02T12:00; due 03-29 + 4 = 04-02T00:00.
expect_json "$J" '[(o["account_id"], o["status"], o["current_step"], o["last_step"], o["stalled_days"], o["projected_first_value"], o["deadline"]) for o in j["onboarding"]]' \
	"[('L3', 'at-risk', 'campaign_launched', 'source_connected', 1.75, '2026-04-02', '2026-04-01'), ('C3', 'at-risk', 'draft_generated', 'brief_complete', 2, '2026-04-02', '2026-04-01')]" \
	"onboarding rows"
expect_json "$J" '[o["alert"] for o in j["onboarding"]]' \
	"['L3 has been on campaign_launched for 1.8 days since source_connected: Launch the first campaign.', 'C3 has been on draft_generated for 2.0 days since brief_complete: Generate the first draft.']" \
	"alerts with each path's playbook"
grep -q "^L3,,lead-gen,,at-risk,.*,campaign_launched,L3 has been on" "$WORK/r/accounts.csv" &&
	ok || bad "accounts.csv next step: $(grep '^L3' "$WORK/r/accounts.csv")"
grep -qF 'Tier **lead-gen**, first value from event qualified\_lead:' "$WORK/r/report.md" &&
	ok || bad "report.md: no lead-gen funnel"
# the QBR timeline: the account's own path only
run "$TTFV" report --account L3 --format md,json --out "$WORK/q" "$D"
expect_exit 0 "QBR on a tier path"
expect_json "$WORK/q/report.json" '[k["step"] for k in j["account"]["steps"]]' \
	"['source_connected', 'campaign_launched', 'qualified_lead']" "QBR steps"
expect_json "$WORK/q/report.json" 'j["account"]["next_step"]' \
	campaign_launched "QBR next step"

# p_on_time counts the steps of the tier's path only (SPEC 8.3's
# landmark).  Q (lead-gen, elapsed e = 2, SLA 3, so L = 1) did
# source_connected, and brief_complete of the other path.  20 accounts
# A: source at 6 h, first value at 2.5 days (residual 0.5); 20 accounts
# B: source at 6 h and brief_complete at 12 h, first value at 5 days
# (residual 3).  By e every A and B has one step of the lead-gen path
# done, as Q has: the set is all 40 and Q (censored at residual 0), so
# 1 - S(1) = 20/40 = 0.5.  Counting brief_complete would leave B alone
# (two steps), whose residuals are all 3: p = 0.
#   R: t <- c(rep(0.5, 20), rep(3, 20), 0); e <- c(rep(1, 40), 0)
#      1 - summary(survfit(Surv(t, e) ~ 1), times = 1, extend = TRUE)$surv
#      # 0.5  (and 0 with t <- c(rep(3, 20), 0), e <- c(rep(1, 20), 0))
L=$WORK/landmark
mkdir -p "$L"
cp "$D/ttfv.ini" "$L/"
python3 - "$L" <<'EOF'
import datetime, sys
day = datetime.timedelta(days=1)
acc = ["account_id,tier,signed_at"]
ev = ["account_id,event,timestamp"]
def at(t):
    return t.isoformat() + "Z"
for arm, fv in (("A", 2.5), ("B", 5)):
    for i in range(20):
        a, t0 = "%s%d" % (arm, i), datetime.datetime(2026, 2, 1) + i * day
        acc.append("%s,lead-gen,%s" % (a, at(t0)))
        ev.append("%s,source_connected,%s" % (a, at(t0 + 0.25 * day)))
        if arm == "B":
            ev.append("%s,brief_complete,%s" % (a, at(t0 + 0.5 * day)))
        ev.append("%s,campaign_launched,%s" % (a, at(t0 + (fv - 0.25) * day)))
        ev.append("%s,qualified_lead,%s" % (a, at(t0 + fv * day)))
q = datetime.datetime(2026, 3, 30)
acc += ["Q,lead-gen," + at(q), "C1,content,2026-03-01T00:00:00Z"]
ev += ["Q,source_connected," + at(q + 0.25 * day),
       "Q,brief_complete," + at(q + 0.5 * day),
       "C1,brief_complete,2026-03-02T00:00:00Z",
       "C1,draft_generated,2026-03-03T00:00:00Z",
       "C1,content_shipped,2026-03-04T00:00:00Z"]
open(sys.argv[1] + "/accounts.csv", "w").write("\n".join(acc) + "\n")
open(sys.argv[1] + "/events.csv", "w").write("\n".join(ev) + "\n")
EOF
run "$TTFV" report --format json --out "$WORK/l" "$L"
expect_exit 0 "report landmark"
expect_json "$WORK/l/report.json" '[(o["account_id"], o["p_on_time"]) for o in j["onboarding"]]' \
	"[('Q', 0.5)]" "p_on_time on the tier's path"

# check refuses paths that cannot be walked, naming the line
bad_ini() {
	cp "$D/accounts.csv" "$D/events.csv" "$WORK/bad/"
	printf '%s\n' "$@" >"$WORK/bad/ttfv.ini"
	run "$TTFV" check "$WORK/bad"
}
mkdir -p "$WORK/bad"
STEPS='[step source_connected]
event = source_connected
[step campaign_launched]
event = campaign_launched
[step qualified_lead]
event = qualified_lead'
bad_ini '[report]' 'first_value_event = content_shipped' '[tier lead-gen]' \
	'first_value_event = qualified_lead' 'steps = source_conected, qualified_lead' "$STEPS"
expect_exit 1 "unknown step"
expect_err "ttfv.ini:5: steps: [tier lead-gen]: no [step source_conected] in the config (closest: 'source_connected')" "unknown step"
bad_ini '[report]' 'first_value_event = content_shipped' '[tier lead-gen]' \
	'first_value_event = qualified_lead' 'steps = source_connected, campaign_launched' "$STEPS"
expect_exit 1 "path not ending at first value"
expect_err "ttfv.ini:5: steps: [tier lead-gen]: the path ends at 'campaign_launched', not at the tier's first value (qualified_lead)" "path end"
bad_ini '[report]' 'first_value_event = content_shipped' '[tier lead-gen]' \
	'first_value_event = qualified_lead' 'steps = qualified_lead, campaign_launched' "$STEPS"
expect_exit 1 "first value inside the path"
expect_err "ttfv.ini:5: steps: [tier lead-gen]: 'qualified_lead' is the tier's first value (qualified_lead) but not the last step" "first value inside"
bad_ini '[report]' 'first_value_event = content_shipped' '[tier lead-gen]' \
	'first_value_event = qualified_lead' "$STEPS"
expect_exit 1 "own first value without a path"
expect_err "ttfv.ini:4: first_value_event: [tier lead-gen] has a first value of its own, so it needs its own path" "own first value, no steps"
bad_ini '[report]' 'first_value_event = content_shipped' '[tier lead-gen]' \
	'first_value_event = qualified_leed' 'steps = source_connected, qualified_lead' "$STEPS"
expect_exit 1 "tier first-value event not in the data"
expect_err "ttfv.ini:4: first_value_event: [tier lead-gen]: no event 'qualified_leed' in the events data (closest: 'qualified_lead')" "tier event absent"

# A first-value event is a name that matters: tracked however many event
# names come before it (the model tracks 64 per run), read in one pass or,
# past 8 MB, by two threads (the second half's names merged after).  80
# other names first, then the tier's first value two days after the clock:
# TTFV 2.
for size in small large; do
	M=$WORK/many_$size
	mkdir -p "$M"
	printf '[tier t]\nfirst_value_event = tier_value\n' >"$M/ttfv.ini"
	printf 'account_id,tier,signed_at\nX,t,2026-03-01T00:00:00Z\n' >"$M/accounts.csv"
	python3 - "$M/events.csv" "$size" <<'EOF'
import sys
rows = 320000 if sys.argv[2] == "large" else 80
with open(sys.argv[1], "w") as f:
    f.write("account_id,event,timestamp\n")
    for i in range(rows):
        f.write("X,e%02d,2026-03-02T00:00:00Z\n" % (i % 80))
    f.write("X,tier_value,2026-03-03T00:00:00Z\n")
EOF
	run "$TTFV" report --format json --as-of 2026-03-31 --out "$WORK/m" "$M"
	expect_exit 0 "first value past 80 names ($size)"
	expect_json "$WORK/m/report.json" '(j["overall"]["p50"], j["tiers"][0]["first_value"])' \
		"(2, 'event tier_value')" "first value past 80 names ($size)"
done

# Without [step] sections the steps are inferred from the events (those
# at least half the accounts with first value did before it); a tier with
# its own first value walks the inferred steps, then its own first value,
# and no tier's first value is inferred as a step.  Tier a (own event
# a_value): A1 setup day 1, a_value day 2; A2 setup day 1, a_value day 4.
# Tier b ([report]'s b_value): B1 setup day 1, b_value day 3 (and a_value,
# not its first value, at day 1.5).  TTFV medians: a {2, 4} -> 3, b 3.
# Every account did setup first: the steps are setup, then each first
# value; the overall funnel: setup 3 -> first value 3 (each its own).
I=$WORK/inferred
mkdir -p "$I"
printf '[report]\nfirst_value_event = b_value\n[tier a]\nfirst_value_event = a_value\n' >"$I/ttfv.ini"
printf '%s\n' account_id,tier,signed_at A1,a,2026-03-01 A2,a,2026-03-01 B1,b,2026-03-01 >"$I/accounts.csv"
printf '%s\n' account_id,event,timestamp A1,setup,2026-03-02 A1,a_value,2026-03-03 \
	A2,setup,2026-03-02 A2,a_value,2026-03-05 B1,setup,2026-03-02 \
	B1,b_value,2026-03-04 B1,a_value,2026-03-02T12:00:00Z >"$I/events.csv"
run "$TTFV" report --format json --as-of 2026-03-31 --out "$WORK/i" "$I"
expect_exit 0 "inferred steps with a tier's own first value"
expect_json "$WORK/i/report.json" '[(t["tier"], t["steps"], t["p50"]) for t in j["tiers"]]' \
	"[('a', ['setup', 'a_value'], 3), ('b', ['setup', 'b_value'], 3)]" "inferred paths"
expect_json "$WORK/i/report.json" '[(f["step"], f["reached"], f["next"]) for f in j["funnel"]]' \
	"[('setup', 3, 3), ('first_value', 3, 3)]" "inferred overall funnel"

# Nudges (seed 000's day 3 and day 7, seed 004's states) on the tier's
# path.  L4 (lead-gen, clock 03-24T12:00): day-3 mark 03-27T12:00 and
# day-7 mark 03-31T12:00, both in the week ending 04-01T00:00.  By day 3
# it had done only brief_complete (03-25), a step of the content path:
# nothing of its own path, so "not started" on source_connected (counting
# brief_complete would make it "next win").  By day 7 it had done
# source_connected (03-28, after the day-3 mark): "next win", on
# campaign_launched.
N=$WORK/nudges
mkdir -p "$N"
cp "$D/ttfv.ini" "$N/"
printf '%s\n' account_id,tier,signed_at L1,lead-gen,2026-03-01T00:00:00Z \
	C1,content,2026-03-01T00:00:00Z L4,lead-gen,2026-03-24T12:00:00Z >"$N/accounts.csv"
{
	grep -E '^(account_id|L1|C1),' "$D/events.csv"
	echo L4,brief_complete,2026-03-25T00:00:00Z
	echo L4,source_connected,2026-03-28T00:00:00Z
} >"$N/events.csv"
run "$TTFV" report --format json --out "$WORK/n" "$N"
expect_exit 0 "report nudges"
expect_json "$WORK/n/report.json" '[(n["account_id"], n["day"], n["state"], n["step"], n["playbook"]) for n in j["nudges"]]' \
	"[('L4', 3, 'not started', 'source_connected', 'Connect the lead source.'), ('L4', 7, 'next win', 'campaign_launched', 'Launch the first campaign.')]" \
	"nudges on the tier's path"
finish cli_paths
