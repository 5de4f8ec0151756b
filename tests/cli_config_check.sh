#!/bin/sh
# cli_config_check.sh - a config that does not fit its data is said, by
# `check` as by `report`: a step event that never occurs and data with no
# first value are errors (exit 1, nothing written), with the closest names;
# a [tier] or step column absent from the data, a login as first value and
# an as-of date outside the data are warnings, in check's output, on
# report's stderr, in report.md's data-quality section and in
# data_quality.warnings.  Also: --first-value-event, a second copy of the
# accounts export, and --config replacing the directory's ttfv.ini.
. tests/lib.sh

D=$WORK/d
mkdir -p "$D"
cat >"$D/accounts.csv" <<'CSV'
account_id,signed_at,tier
A1,2026-01-05,tech-touch
A2,2026-01-10,tech-touch
A3,2026-02-01,high-touch
CSV
cat >"$D/events.csv" <<'CSV'
account_id,event,timestamp
A1,data_imported,2026-01-06
A1,report_shared,2026-01-08
A2,data_imported,2026-01-12
A3,data_exported,2026-02-03
A3,first_login,2026-02-02
CSV
ini() { printf '%s\n' "$@" >"$D/ttfv.ini"; }
# a fixed "today" for the as-of checks: 2026-06-01
SOURCE_DATE_EPOCH=1780272000
export SOURCE_DATE_EPOCH

# A typo in a step's event: an error in check and in report, like one in
# first_value_event, with the closest event name.
ini '[report]' 'first_value_event = report_shared' '' '[step import_data]' \
	'event = data_import'
msg="$D/ttfv.ini:5: event: [step import_data]: no event 'data_import' in the events data (closest: 'data_imported'), so no account would complete this step"
run "$TTFV" check "$D"
expect_exit 1 "step typo: check"
expect_err "$msg" "step typo: check"
expect_err "ttfv check: 1 problem found" "step typo: count"
run "$TTFV" report --out "$WORK/o1" "$D"
expect_exit 1 "step typo: report"
expect_err "$msg" "step typo: report"
expect_err "ttfv: nothing written" "step typo: report"
[ ! -e "$WORK/o1" ] && ok || bad "step typo: report wrote $WORK/o1"

# ... and in first_value_event (no first_value_at column to fall back on)
ini '[report]' 'first_value_event = report_shard'
run "$TTFV" check "$D"
expect_exit 1 "first_value_event typo"
expect_err "$D/ttfv.ini:2: first_value_event: no event 'report_shard' in the events data (closest: 'report_shared'), so no account has a first value"

# ... but only a warning when the first_value_at column is there to use
mkdir -p "$WORK/col"
printf 'account_id,signed_at,first_value_at\nC1,2026-01-05,2026-01-09\n' >"$WORK/col/accounts.csv"
cp "$D/events.csv" "$WORK/col/events.csv"
sed -i 's/^A[0-9]/C1/' "$WORK/col/events.csv"
printf '[report]\nfirst_value_event = report_shard\n' >"$WORK/col/ttfv.ini"
run "$TTFV" check "$WORK/col"
expect_exit 0 "first_value_event typo with a first_value_at column"
expect_err "warning: $WORK/col/ttfv.ini:2: first_value_event: no event 'report_shard' in the events data (closest: 'report_shared'); first value is taken from the first_value_at column"

# [report] business_value: refused by check as by report, closest named
ini '[report]' 'first_value_event = report_shared' 'business_value = data_exportd'
run "$TTFV" check "$D"
expect_exit 1 "business_value typo"
expect_err "$D/ttfv.ini:3: business_value: 'data_exportd' is neither a milestone column nor an event in the data (closest: 'data_exported', 'data_imported')"
ini '[report]' 'first_value_event = report_shared' 'business_value = go_live_at'
run "$TTFV" check "$D"
expect_exit 1 "business_value column absent"
expect_err "$D/ttfv.ini:3: business_value: 'go_live_at' must be a milestone after first value that the accounts export holds (go_live_at)"

# No first value at all: the columns and events found, and how to name one.
ini '[report]' 'title = x'
run "$TTFV" check "$D"
expect_exit 1 "no first value: check"
expect_err "no first value: the accounts have no first_value_at column and no first_value_event is configured (milestone columns found: 'signed_at'; event names found: 'data_imported', 'report_shared', 'data_exported', 'first_login'); add a first_value_at column to the accounts export, or name the event that marks first value with 'first_value_event = EVENT' in [report] or --first-value-event EVENT"
mkdir -p "$WORK/bare"
printf 'account_id,signed_at\nB1,2026-01-05\n' >"$WORK/bare/accounts.csv"
run "$TTFV" check "$WORK/bare"
expect_exit 1 "bare accounts: check"
expect_err "(milestone columns found: 'signed_at'; event names found: none, no events file was read)"

# --first-value-event names it on the command line, over the config's.
run "$TTFV" check --first-value-event report_shared "$D"
expect_exit 0 "--first-value-event"
expect_out "ok: 3 accounts, 5 events, 0 post-mortems, 0 pauses, no problems"
ini '[report]' 'first_value_event = data_imported'
run "$TTFV" report --quiet --format json --first-value-event report_shared --out "$WORK/o2" "$D"
expect_exit 0 "--first-value-event over the config"
grep -q '"first_value_source": "event report_shared"' "$WORK/o2/report.json" && ok ||
	bad "--first-value-event: first_value_source is not report_shared"
run "$TTFV" check --first-value-event report_share "$D"
expect_exit 1 "--first-value-event typo"
expect_err "--first-value-event: no event 'report_share' in the events data (closest: 'report_shared'), so no account has a first value"
run "$TTFV" check --first-value-event= "$D"
expect_exit 2 "--first-value-event empty"
expect_err "ttfv: --first-value-event: give the event's name"

# Warnings: a [tier] no account has, a step column the accounts lack, a
# login as first value, an as-of date before all the data.
ini '[report]' 'first_value_event = first_login' 'as_of = 2025-12-31' '' \
	'[tier enterprise]' 'sla_days = 30' '' '[tier tech-touch]' \
	'clock_start = kickoff_at' '' '[step kickoff]' 'column = kickoff_at'
w1="$D/ttfv.ini:2: first_value_event: 'first_login' is a login, a weak definition of value (a customer can log in and get nothing); name the event where the customer first gets what they bought, such as a report shared or data imported"
w2="$D/ttfv.ini:12: column: [step kickoff]: the accounts have no kickoff_at column, so no account completes this step"
w3="$D/ttfv.ini:5: [tier enterprise] names a tier no account has (tiers in the data: 'tech-touch', 'high-touch')"
w4="$D/ttfv.ini:8: clock_start: [tier tech-touch]: the accounts have no kickoff_at column, so no account of this tier has a clock start"
w5="$D/ttfv.ini:3: as_of: 2025-12-31 is before all the data (the first account signed on 2026-01-05): no account is in the report"
run "$TTFV" check "$D"
expect_exit 0 "warnings: check"
for w in "$w1" "$w2" "$w3" "$w4" "$w5"; do
	expect_err "warning: $w" "warnings: check"
done
expect_out "ok: 3 accounts, 5 events, 0 post-mortems, 0 pauses, no problems, 5 warnings"
# report: the same on stderr, in report.md and in report.json; the as-of
# date of the config moved out of the way so that a report has accounts
ini '[report]' 'first_value_event = first_login' '' '[tier enterprise]' \
	'sla_days = 30'
run "$TTFV" report --format md,json --out "$WORK/o3" "$D"
expect_exit 0 "warnings: report"
expect_err "warning: $w1" "warnings: report stderr"
w3="$D/ttfv.ini:4: [tier enterprise] names a tier no account has (tiers in the data: 'tech-touch', 'high-touch')"
expect_err "warning: $w3" "warnings: report stderr"
python3 - "$WORK/o3/report.json" "$w1" "$w3" <<'PY' && ok || bad "data_quality.warnings"
import json, sys
w = json.load(open(sys.argv[1]))["data_quality"]["warnings"]
assert w == [sys.argv[2], sys.argv[3]], w
PY
grep -qF -- "- $(echo "$D" | sed 's/_/\\_/g')/ttfv.ini:4: \\[tier enterprise\\] names a tier no account has" "$WORK/o3/report.md" && ok ||
	bad "report.md: the tier warning is not in the data-quality section"

# a data value quoted in a warning is escaped in every format
mkdir -p "$WORK/esc"
printf 'account_id,signed_at,first_value_at,tier\nE1,2026-01-05,2026-01-07,<b>x</b> | *y*\n' >"$WORK/esc/accounts.csv"
printf '[tier enterprise]\nsla_days = 30\n' >"$WORK/esc/ttfv.ini"
run "$TTFV" report --quiet --out "$WORK/o6" "$WORK/esc"
expect_exit 0 "escaped warning"
grep -qF "<b>x</b>" "$WORK/o6/report.html" && bad "warning: raw <b> in report.html" || ok
grep -qF "&lt;b&gt;x&lt;/b&gt;" "$WORK/o6/report.html" && ok || bad "warning: tier name not in report.html"
grep -qF '(tiers in the data: '"'"'<b>x</b> | *y*'"'"')"' "$WORK/o6/report.json" && ok ||
	bad "warning: tier name not as it is in report.json"
grep -qF '\<b\>x\</b\> \| \*y\*' "$WORK/o6/report.md" && ok ||
	bad "warning: tier name not escaped in report.md: $(grep enterprise "$WORK/o6/report.md")"

# --as-of in the future (today is 2026-06-01 here) and before the data
ini '[report]' 'first_value_event = report_shared'
run "$TTFV" check --as-of 2026-06-02 "$D"
expect_exit 0 "as-of in the future"
expect_err "warning: --as-of: 2026-06-02 is in the future (today is 2026-06-01): accounts still onboarding are measured up to a day that has not come"
expect_out "as-of date: 2026-06-02 (--as-of)"
run "$TTFV" check --as-of 2026-06-01 "$D"
grep -q "in the future" "$WORK/err" && bad "as-of today: warned as the future" || ok
run "$TTFV" check --as-of 2026-01-04 "$D"
expect_err "warning: --as-of: 2026-01-04 is before all the data (the first account signed on 2026-01-05): no account is in the report"

# the summary names where the report clock's as-of came from: --as-of
# over the config's as_of, the config's, else the latest day in the data
ini '[report]' 'first_value_event = report_shared' 'as_of = 2026-03-01'
run "$TTFV" check --as-of 2026-02-15 "$D"
expect_out "as-of date: 2026-02-15 (--as-of)" "as-of source: option over config"
run "$TTFV" check "$D"
expect_out "as-of date: 2026-03-01 (from the config)" "as-of source: config"
ini '[report]' 'first_value_event = report_shared'
run "$TTFV" check "$D"
grep -q "as-of date: 2026-0[0-9]-[0-9][0-9] (the latest timestamp in the data)" "$WORK/out" && ok ||
	bad "as-of source: data: $(grep as-of "$WORK/out")"

# A second copy of the accounts export in the directory: one message
# naming both files, not one line per account.
cp "$D/accounts.csv" "$D/accounts_copy.csv"
run "$TTFV" check "$D"
expect_exit 1 "second accounts file"
expect_err "$D/accounts_copy.csv:2: account_id: 3 of its 3 rows repeat account ids of $D/accounts.csv (the first, 'A1', is its line 2): two exports of the same accounts? read one of them (move the other out of the directory, or name the file with --accounts)"
expect_err "ttfv check: 1 problem found" "second accounts file: one problem"
lines=$(grep -c "account_id" "$WORK/err")
[ "$lines" = 1 ] && ok || bad "second accounts file: $lines account_id lines"
run "$TTFV" report --lenient --quiet --format json --out "$WORK/o4" "$D"
expect_exit 0 "second accounts file, --lenient"
grep -q '"rows_skipped": 3' "$WORK/o4/report.json" && ok ||
	bad "second accounts file: rows_skipped is not 3"
rm "$D/accounts_copy.csv"

# --config FILE replaces the directory's ttfv.ini: nothing of it is read.
ini '[report]' 'first_value_event = report_shared' 'as_of = 2026-03-31'
printf '[report]\ntitle = Mine\nfirst_value_event = data_imported\n' >"$WORK/mine.ini"
run "$TTFV" check --config "$WORK/mine.ini" "$D"
expect_exit 0 "--config"
expect_out "config: $WORK/mine.ini (--config; $D/ttfv.ini is not read)"
run "$TTFV" report --format json --config "$WORK/mine.ini" --out "$WORK/o5" "$D"
expect_exit 0 "--config report"
expect_err "ttfv: config $WORK/mine.ini (--config; $D/ttfv.ini is not read)"
# the directory's as_of (2026-03-31) is not used: the latest date is
grep -q '"as_of": "2026-02-03"' "$WORK/o5/report.json" && ok ||
	bad "--config: the directory's as_of was read"
grep -q '"first_value_source": "event data_imported"' "$WORK/o5/report.json" && ok ||
	bad "--config: first_value_event is not the FILE's"
run "$TTFV" check "$D"
expect_out "config: $D/ttfv.ini"
finish cli_config_check
