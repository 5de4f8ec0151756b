#!/bin/sh
# cli_sql.sh - `ttfv sql`: the reduced events give the same report as all
# of them.  samples/events.csv goes into SQLite tables (Python's sqlite3,
# an engine independent of ttfv), the sqlite dialect's query runs there,
# and the report of its rows must equal the report of every row, byte for
# byte, while holding far fewer rows.  Then each dialect's quoting, the
# table names taken and refused, the [columns] the query cannot follow,
# and how a file named ttfv's way reads under [columns] that describe the
# table it came from.  (PostgreSQL and DuckDB: tests/db_sql_*.sh.)
. tests/lib.sh

DATA=samples

# sqlite_reduce TABLE COLUMNS QUERY OUT: samples/events.csv loaded into
# TABLE (COLUMNS: four quoted names, in the CSV's order), QUERY's result
# written to OUT as CSV with its header
sqlite_reduce() {
	python3 - "$DATA/events.csv" "$@" <<'PY'
import csv, sqlite3, sys
src, table, columns, query, out = sys.argv[1:6]
db = sqlite3.connect(":memory:")
db.execute("create table %s (%s)" % (table, columns))
with open(src, newline="") as f:
    rows = csv.DictReader(f)
    db.executemany("insert into %s values (?, ?, ?, ?)" % table,
                   ((r["account_id"], r["event"], r["timestamp"], r["user_id"] or None) for r in rows))
cur = db.execute(open(query).read())
with open(out, "w", newline="") as f:
    w = csv.writer(f, lineterminator="\n")
    w.writerow([d[0] for d in cur.description])
    for row in cur:
        w.writerow(["" if v is None else v for v in row])
PY
}
# same_report WHAT DIR: DIR's report equals the one of every row.  "Today"
# is after the data (2026-11-23): an as-of date in the future would be a
# warning naming the config by its path, which differs between the two.
same_report() {
	SOURCE_DATE_EPOCH=1795392000 run "$TTFV" report --quiet --out "$WORK/part" "$2"
	expect_exit 0 "$1: report of the reduced rows"
	for f in report.json report.md; do
		cmp -s "$WORK/full/$f" "$WORK/part/$f" && ok ||
			bad "$1: $f differs: $(diff "$WORK/full/$f" "$WORK/part/$f" | head -c 600)"
	done
	rm -rf "$WORK/part"
}

if command -v python3 >/dev/null 2>&1 &&
	python3 -c 'import sqlite3; sqlite3.connect(":memory:").execute("select row_number() over ()")' 2>/dev/null; then
	SOURCE_DATE_EPOCH=1795392000 run "$TTFV" report --quiet --out "$WORK/full" "$DATA"
	expect_exit 0 "report of every row"
	mkdir -p "$WORK/reduced"
	for f in accounts.csv postmortems.csv pauses.csv ttfv.ini; do
		cp "$DATA/$f" "$WORK/reduced/"
	done
	run "$TTFV" sql --dialect sqlite "$DATA"
	expect_exit 0 "sql sqlite"
	cp "$WORK/out" "$WORK/query.sql"
	sqlite_reduce events 'account_id text, event text, "timestamp" text, user_id text' \
		"$WORK/query.sql" "$WORK/reduced/events.csv"
	all=$(($(wc -l <"$DATA/events.csv") - 1))
	kept=$(($(wc -l <"$WORK/reduced/events.csv") - 1))
	# 49,433 of 55,707: the samples have two or three events in an
	# account's week, and the first and last of each are kept (see sql.c)
	[ "$kept" -gt 0 ] && [ "$kept" -lt $((all * 9 / 10)) ] && ok ||
		bad "sql kept $kept of $all rows"
	sed -n 2p "$WORK/reduced/events.csv" | grep -q ',2026-07-03T11:31:12.000Z,' && ok ||
		bad "sqlite: timestamps not ISO-8601 UTC: $(sed -n 2p "$WORK/reduced/events.csv")"
	same_report sqlite "$WORK/reduced"

	# reserved words for names, the [columns] kept in the data directory
	{ cat "$DATA/ttfv.ini"; printf '\n[columns]\nwhen = account_id\ncheck = event\ncurrent_timestamp = timestamp\ncurrent_user = user_id\n'; } >"$WORK/reduced/ttfv.ini"
	run "$TTFV" sql --dialect sqlite --table '"Raw Events"' "$WORK/reduced"
	expect_exit 0 "sql sqlite, reserved words"
	cp "$WORK/out" "$WORK/query.sql"
	sqlite_reduce '"Raw Events"' '"when" text, "check" text, "current_timestamp" text, "current_user" text' \
		"$WORK/query.sql" "$WORK/reduced/events.csv"
	same_report "sqlite, reserved words" "$WORK/reduced"
fi

# every name quoted, as the dialect quotes; the result's names are ttfv's
printf '[columns]\nGroup Id = account_id\nevent_type = event\ntime = timestamp\nDistinct ID = user_id\n' >"$WORK/map.ini"
run "$TTFV" sql --dialect postgres --config "$WORK/map.ini" --table analytics.raw_events
expect_exit 0 "sql postgres with [columns]"
expect_out '      "Group Id" AS "account_id",' "postgres quotes a name with a space"
expect_out '      "event_type" AS "event",' "postgres quotes a plain name too"
expect_out "  COALESCE(to_char(to_timestamp(extract(epoch FROM \"ts\")) AT TIME ZONE 'UTC', 'YYYY-MM-DD\"T\"HH24:MI:SS.US\"Z\"'), '') AS \"timestamp\"," "postgres writes UTC text"
expect_out "  COALESCE(CAST(\"account_id\" AS text), '') AS \"account_id\"," "postgres: ids as text, NULL as ''"
expect_out '      "time" AS "ts",' "postgres orders by the typed column"
expect_out '      "Distinct ID" AS "user_id"' "postgres keeps the case it quotes"
expect_out '    FROM analytics.raw_events' "table as given"
expect_out "  COALESCE(CAST(\"user_id\" AS text), '') AS \"user_id\"" "postgres: no user is blank, whatever the client writes for NULL"
run "$TTFV" sql --dialect bigquery --config "$WORK/map.ini"
expect_out '      `Group Id` AS `account_id`,' "bigquery backquotes"
expect_out "  COALESCE(CAST(\`user_id\` AS STRING), '') AS \`user_id\`" "bigquery user id as text"
expect_out "  COALESCE(FORMAT_TIMESTAMP('%Y-%m-%dT%H:%M:%E6SZ', \`ts\`, 'UTC'), '') AS \`timestamp\`," "bigquery UTC text"
run "$TTFV" sql --dialect snowflake --config "$WORK/map.ini"
expect_out '      "TIME" AS "ts",' "snowflake: a name fit to go unquoted in upper case"
expect_out '      "EVENT_TYPE" AS "event",' "snowflake plain name in upper case"
expect_out '      "Group Id" AS "account_id",' "snowflake: any other name as written"
expect_out "  COALESCE(TO_VARCHAR(CONVERT_TIMEZONE('UTC', \"ts\"), 'YYYY-MM-DD\"T\"HH24:MI:SS.FF6\"Z\"'), '') AS \"timestamp\"," "snowflake UTC text"
run "$TTFV" sql --dialect duckdb --config "$WORK/map.ini"
expect_exit 0 "sql duckdb"
expect_out "  COALESCE(strftime(make_timestamp(epoch_us(\"ts\")), '%Y-%m-%dT%H:%M:%S.%fZ'), '') AS \"timestamp\"," "duckdb UTC text"
run "$TTFV" sql --dialect sqlite --config "$WORK/map.ini"
expect_out "      strftime('%Y-%m-%dT%H:%M:%fZ', \"time\") AS \"ts\"," "sqlite orders by the UTC text"

# words every engine reads as functions or syntax unless quoted
printf '[columns]\ncurrent_timestamp = timestamp\ncurrent_user = user_id\nwhen = account_id\ndesc = event\n' >"$WORK/words.ini"
run "$TTFV" sql --dialect postgres --config "$WORK/words.ini"
expect_out '      "current_timestamp" AS "ts",' "current_timestamp quoted"
expect_out '      "current_user" AS "user_id"' "current_user quoted"
expect_out '      "when" AS "account_id",' "when quoted"
expect_out '      "desc" AS "event",' "desc quoted"
run "$TTFV" sql --dialect snowflake --config "$WORK/words.ini"
expect_out '      "CURRENT_TIMESTAMP" AS "ts",' "snowflake current_timestamp"
expect_out "  COALESCE(CAST(\"account_id\" AS VARCHAR), '') AS \"account_id\"," "snowflake result names in lower case"

# a quote inside a name is doubled; BigQuery escapes ` and \ with \
printf '[columns]\nAcct "ID" = account_id\nev`t = event\nts\\ = timestamp\n' >"$WORK/quotes.ini"
run "$TTFV" sql --dialect postgres --config "$WORK/quotes.ini"
expect_out '      "Acct ""ID""" AS "account_id",' "postgres doubles a quote"
expect_out '      "ev`t" AS "event",' "postgres leaves a backquote"
expect_out '      "ts\" AS "ts",' "postgres leaves a backslash"
run "$TTFV" sql --dialect bigquery --config "$WORK/quotes.ini"
expect_out '      `Acct "ID"` AS `account_id`,' "bigquery leaves a double quote"
expect_out '      `ev\`t` AS `event`,' "bigquery escapes a backquote"
expect_out '      `ts\\` AS `ts`,' "bigquery escapes a backslash"

# table names: plain, dotted, quoted the dialect's way
for t in 'analytics."Raw Events"' '"my ""odd"" db".s.t' 'db.s.events_2026' '"a;b -- c"'; do
	run "$TTFV" sql --dialect postgres --table "$t"
	expect_exit 0 "postgres table $t"
	expect_out "    FROM $t" "postgres table $t as given"
done
for t in '`my-project.analytics.events`' 'my-project.analytics.events' '`a\`b`.c'; do
	run "$TTFV" sql --dialect bigquery --table "$t"
	expect_exit 0 "bigquery table $t"
	expect_out "    FROM $t" "bigquery table $t as given"
done
for t in 'events; drop table accounts' 'events -- x' 'events/*' '"unbalanced' \
	'a.b.c.d' 'a..b' '.a' 'a.' '"a"b' 'Raw Events' "$(printf '"a\nb"')" '`a`'; do
	run "$TTFV" sql --dialect postgres --table "$t"
	expect_exit 2 "postgres table $t"
	expect_err "--table: '$t' is not a table name" "postgres refuses $t"
done
for t in '`a\`' '`a' '"a"' 'a b'; do
	run "$TTFV" sql --dialect bigquery --table "$t"
	expect_exit 2 "bigquery table $t"
	expect_err "is not a table name" "bigquery refuses $t"
done

# [columns] the query cannot follow
printf '[columns]\nRecord ID = account_id\norg_id = account_id\n' >"$WORK/two.ini"
run "$TTFV" sql --dialect postgres --config "$WORK/two.ini"
expect_exit 2 "two lines onto account_id"
expect_err "account_id: [columns] lines 2 ('Record ID') and 3 ('org_id') both map onto account_id"
printf '[columns]\nuser_id = account_id\n' >"$WORK/away.ini"
run "$TTFV" sql --dialect postgres --config "$WORK/away.ini"
expect_exit 2 "user_id mapped away, nothing onto it"
expect_err "user_id: [columns] line 2 reads the table's 'user_id' as account_id, and no line names the column that holds user_id"
printf '[columns]\nuser_id = account_id\naccount_id = user_id\n' >"$WORK/swap.ini"
run "$TTFV" sql --dialect postgres --config "$WORK/swap.ini"
expect_exit 2 "a swap the result cannot undo"
expect_err "[columns] line 2 ('user_id = account_id'), line 3 ('account_id = user_id') would read the result, whose columns are named account_id, event, timestamp and user_id, as other columns"

# a file named ttfv's way reads the same under [columns] that describe
# the table it came from: a header with a column's own name keeps it
# while no other header reads as that column (first value from the one
# event there, since check also asks for a first value)
mkdir -p "$WORK/own"
cp "$DATA/accounts.csv" "$WORK/own/"
printf '[report]\nfirst_value_event = first_login\n\n[columns]\nworkspace_id = account_id\naccount_id = user_id\n' >"$WORK/own/ttfv.ini"
printf 'account_id,event,timestamp,user_id\nA000001,first_login,2026-07-03T13:32:20Z,U1\n' >"$WORK/own/events.csv"
run "$TTFV" check "$WORK/own"
expect_exit 0 "check: ttfv's names under [columns] of the table"
grep -Eq '^    "account_id" +-> account_id \(its own name: \[columns\] maps it elsewhere, but no other header here is read as it\)$' "$WORK/out" && ok || bad "account_id keeps its name: $(cat "$WORK/out")"
grep -Eq '^    "user_id" +-> user_id$' "$WORK/out" && ok || bad "user_id keeps its name"
printf 'ACCOUNT_ID,EVENT,TIMESTAMP,USER_ID\nA000001,first_login,2026-07-03T13:32:20Z,U1\n' >"$WORK/own/events.csv"
run "$TTFV" check "$WORK/own"
expect_exit 0 "check: ttfv's names in upper case"
grep -Eq '^    "ACCOUNT_ID" +-> account_id \(its own name' "$WORK/out" && ok || bad "ACCOUNT_ID keeps its name: $(cat "$WORK/out")"
printf 'workspace_id,event,timestamp,account_id\nA000001,first_login,2026-07-03T13:32:20Z,U1\n' >"$WORK/own/events.csv"
run "$TTFV" check "$WORK/own"
expect_exit 0 "check: the table's own export"
grep -Eq '^    "account_id" +-> user_id \(\[columns\]\)$' "$WORK/out" && ok || bad "account_id read as user_id: $(cat "$WORK/out")"
# only ttfv's own spelling is kept: "Account ID" stays what [columns] says
printf '[report]\nfirst_value_event = first_login\n\n[columns]\nAccount ID = user_id\n' >"$WORK/own/ttfv.ini"
printf 'Account ID,event,timestamp\nA000001,first_login,2026-07-03T13:32:20Z\n' >"$WORK/own/events.csv"
run "$TTFV" check "$WORK/own"
expect_exit 1 "check: a label mapped away is not taken back"
expect_err "events.csv:1: account_id: missing required column"
printf '[report]\nfirst_value_event = first_login\n\n[columns]\naccount_id = user_id\n' >"$WORK/own/ttfv.ini"
printf 'customer_id,event,timestamp,account_id\nA000001,first_login,2026-07-03T13:32:20Z,U1\n' >"$WORK/own/events.csv"
run "$TTFV" check "$WORK/own"
expect_exit 0 "check: an alias reads as account_id"
grep -Eq '^    "account_id" +-> user_id \(\[columns\]\)$' "$WORK/out" && ok || bad "account_id still read as user_id beside an alias: $(cat "$WORK/out")"

run "$TTFV" sql
expect_exit 2 "sql without --dialect"
expect_err "--dialect postgres, bigquery, snowflake, sqlite or duckdb"
run "$TTFV" sql --dialect oracle
expect_exit 2 "unknown dialect"
expect_err "--dialect: 'oracle' is not postgres, bigquery, snowflake, sqlite or duckdb"
finish cli_sql
