#!/bin/sh
# cli_csv.sh - `--format csv`: accounts.csv, one row per account for a CRM
# import.  A tiny export is checked field by field against values worked
# out by hand; the samples' file is read back by `ttfv check` as an
# accounts export, imported into SQLite without a warning, and agrees with
# report.json's onboarding rows.
. tests/lib.sh

# as of 2026-10-31: the instant is 2026-11-01T00:00:00Z; tier basic has a
# 10-day calendar SLA, so a clock started at 2026-10-01T00:00Z is due by
# 2026-10-11T00:00Z, the end of 2026-10-10.
#   A1  first value 3 days 12 hours after its clock start: ttfv 3.5,
#       within the SLA: reached; its CSM is a formula, quotes doubled
#   A2  started 2026-10-20, no first value: elapsed 12 days > 10, so
#       breached, p_on_time 0, risk 1 > 0.8: route human; due by the end
#       of 2026-10-29; its name holds a line break
#   -A3 churned without first value: no onboarding row; id and name
#       start with - and @
#   A4  signed after the as-of date: not started, nothing measured
mkdir -p "$WORK/tiny"
printf '%s\n' 'account_id,account_name,tier,csm,signed_at,first_value_at,outcome' \
	'A1,"Quote ""Q"" Co",basic,"=HYPERLINK(""x"")",2026-10-01,2026-10-04T12:00:00Z,' \
	'A2,"Line' 'break",basic,+cmd,2026-10-20,,' \
	'-A3,@home Zürich,basic,,2026-10-01,,churned' \
	'A4,Späť,basic,,2026-11-05,,' >"$WORK/tiny/accounts_in.csv"
printf '[report]\nas_of = 2026-10-31\n\n[tier basic]\nsla_days = 10\n' \
	>"$WORK/tiny/ttfv.ini"
run "$TTFV" report --format csv --out "$WORK/tr" "$WORK/tiny"
expect_exit 0 "report --format csv"
[ -f "$WORK/tr/accounts.csv" ] && [ ! -e "$WORK/tr/report.json" ] &&
	[ ! -e "$WORK/tr/charts" ] && ok || bad "--format csv writes accounts.csv only"
crlf=$(printf '\r')
cat >"$WORK/want.csv" <<EOF
account_id,account_name,tier,csm,status,signed_at,clock_start_at,first_value_at,ttfv_days,elapsed_days,day_kind,sla_days,sla_deadline,projected_first_value_date,p_on_time,route,next_check_date,next_step,alert$crlf
A1,"Quote ""Q"" Co",basic,"'=HYPERLINK(""x"")",reached,2026-10-01T00:00:00Z,2026-10-01T00:00:00Z,2026-10-04T12:00:00Z,3.5,,calendar,10,2026-10-10,,,,,,$crlf
'-A3,'@home Zürich,basic,,churned,2026-10-01T00:00:00Z,2026-10-01T00:00:00Z,,,,calendar,10,2026-10-10,,,,,,$crlf
A4,Späť,basic,,not-started,2026-11-05T00:00:00Z,,,,,,,,,,,,,$crlf
EOF
# A2's row holds a line break: compared apart, field by field
grep -v '^A2,\|^break' "$WORK/tr/accounts.csv" >"$WORK/got.csv"
cmp -s "$WORK/want.csv" "$WORK/got.csv" && ok ||
	bad "tiny accounts.csv: $(diff "$WORK/want.csv" "$WORK/got.csv" | head -20)"
python3 - "$WORK/tr/accounts.csv" >"$WORK/a2" 2>&1 <<'EOF'
import csv, sys
rows = list(csv.DictReader(open(sys.argv[1], newline="", encoding="utf-8")))
a2 = [r for r in rows if r["account_id"] == "A2"][0]
want = {"account_name": "Line\nbreak", "csm": "'+cmd", "status": "breached",
        "clock_start_at": "2026-10-20T00:00:00Z", "first_value_at": "",
        "ttfv_days": "", "elapsed_days": "12", "sla_days": "10",
        "sla_deadline": "2026-10-29", "p_on_time": "0", "route": "human",
        "next_step": "first_value"}
for k, v in want.items():
    if a2[k] != v:
        print("A2 %s: %r, expected %r" % (k, a2[k], v))
if not a2["alert"].startswith("Line\nbreak has been on first_value for 12.0 days"):
    print("A2 alert: %r" % a2["alert"])
print("rows", len(rows))
EOF
[ "$(cat "$WORK/a2")" = "rows 4" ] && ok || bad "tiny A2: $(cat "$WORK/a2")"

# the samples: every format at once, published as one set
run "$TTFV" report --format md,html,json,csv --out "$WORK/r" samples
expect_exit 0 "report --format md,html,json,csv"
for f in report.md report.html report.json accounts.csv charts/funnel.png; do
	[ -f "$WORK/r/$f" ] && ok || bad "md,html,json,csv: no $f"
done
# one row per account of the export, then the header
lines=$(python3 -c 'import csv, sys
print(sum(1 for _ in csv.reader(open(sys.argv[1], newline=""))))' "$WORK/r/accounts.csv")
[ "$lines" = 2001 ] && ok || bad "samples accounts.csv: $lines lines, expected 2001"
iconv -f UTF-8 -t UTF-8 "$WORK/r/accounts.csv" >/dev/null 2>&1 &&
	ok || bad "accounts.csv is not valid UTF-8"

# read back as an accounts export, under the name a data dir gives it
mkdir -p "$WORK/back"
cp "$WORK/r/accounts.csv" "$WORK/back/accounts.csv"
run "$TTFV" check "$WORK/back"
expect_exit 0 "check reads accounts.csv back"
expect_out "accounts.csv: accounts" "read back as accounts"
expect_out "ok: 2000 accounts" "every account read back"

# every onboarding row of report.json, field for field
python3 - "$WORK/r/report.json" "$WORK/r/accounts.csv" >"$WORK/cmp" 2>&1 <<'EOF'
import csv, json, sys
j = json.load(open(sys.argv[1]))
rows = {r["account_id"]: r for r in
        csv.DictReader(open(sys.argv[2], newline="", encoding="utf-8"))}
def text(v):
    if v is None:
        return ""
    if isinstance(v, float) and v == int(v):
        return str(int(v))
    return str(v)
bad = 0
for o in j["onboarding"]:
    r = rows[o["account_id"]]
    for ck, jk in (("status", "status"), ("elapsed_days", "elapsed_days"),
                   ("sla_days", "sla_days"), ("day_kind", "days"),
                   ("sla_deadline", "deadline"),
                   ("projected_first_value_date", "projected_first_value"),
                   ("p_on_time", "p_on_time"), ("route", "route"),
                   ("next_check_date", "next_check"),
                   ("next_step", "current_step"), ("alert", "alert")):
        want = text(o[jk])
        got = r[ck]
        if ck in ("elapsed_days", "sla_days", "p_on_time") and got and want:
            ok = float(got) == float(want)
        else:
            ok = got == want
        if not ok and bad < 5:
            print(o["account_id"], ck, repr(got), "json", repr(want))
        bad += not ok
reached = sum(1 for r in rows.values() if r["status"].startswith("reached"))
if reached != j["accounts"]["reached"]:
    print("reached", reached, "json", j["accounts"]["reached"])
print("onboarding", len(j["onboarding"]), "bad", bad)
EOF
n=$(jget "$WORK/r/report.json" 'len(j["onboarding"])')
[ "$(cat "$WORK/cmp")" = "onboarding $n bad 0" ] && ok ||
	bad "accounts.csv against report.json: $(head -c 800 "$WORK/cmp")"

# SQLite's CSV import takes it as it is: no warning, every row, the values
if command -v sqlite3 >/dev/null 2>&1; then
	run sqlite3 :memory: ".import --csv $WORK/r/accounts.csv t" \
		"select count(*) from t;" \
		"select status, route from t where account_id = 'A000004';"
	expect_exit 0 "sqlite3 .import"
	[ ! -s "$WORK/err" ] && ok || bad "sqlite3 .import warns: $(head -c 600 "$WORK/err")"
	want=$(jget "$WORK/r/report.json" '"\n".join(["2000"] + ["%s|%s" % (o["status"], o["route"]) for o in j["onboarding"] if o["account_id"] == "A000004"])')
	[ "$(cat "$WORK/out")" = "$want" ] && ok ||
		bad "sqlite3: $(cat "$WORK/out"), expected $want"
	# the hostile values survive the import; one apostrophe undoes the
	# formula guard
	run sqlite3 :memory: ".import --csv $WORK/tr/accounts.csv t" \
		"select substr(csm, 2) from t where account_id = 'A1';" \
		"select account_name = 'Line' || char(10) || 'break' from t where account_id = 'A2';" \
		"select account_name from t where account_id = '''-A3';"
	[ ! -s "$WORK/err" ] && ok || bad "sqlite3 tiny import warns: $(cat "$WORK/err")"
	printf '=HYPERLINK("x")\n1\n'"'"'@home Zürich\n' >"$WORK/want"
	cmp -s "$WORK/want" "$WORK/out" && ok ||
		bad "sqlite3 tiny values: $(cat "$WORK/out")"
else
	skip "sqlite3 not installed (make deps installs it): accounts.csv import"
fi

# a QBR has no accounts.csv: it is the whole report's
run "$TTFV" report --format csv --account A000004 --out "$WORK/q" samples
expect_exit 2 "--format csv with --account"
expect_err "accounts.csv of the whole report" "csv with --account"
finish cli_csv
