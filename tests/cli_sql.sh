#!/bin/sh
# cli_sql.sh - `ttfv sql`: the reduced events give the same report as all
# of them.  samples/events.csv goes into an SQLite table (Python's sqlite3,
# an engine independent of ttfv), the sqlite dialect's query runs there,
# and the report of its rows must equal the report of every row, byte for
# byte, while holding far fewer rows.  Then the dialects' quoting and the
# usage errors.
. tests/lib.sh

DATA=samples

if command -v python3 >/dev/null 2>&1 &&
	python3 -c 'import sqlite3; sqlite3.connect(":memory:").execute("select row_number() over ()")' 2>/dev/null; then
	run "$TTFV" sql --dialect sqlite "$DATA"
	expect_exit 0 "sql sqlite"
	cp "$WORK/out" "$WORK/query.sql"
	mkdir -p "$WORK/reduced"
	for f in accounts.csv postmortems.csv pauses.csv ttfv.ini; do
		cp "$DATA/$f" "$WORK/reduced/"
	done
	python3 - "$DATA/events.csv" "$WORK/query.sql" "$WORK/reduced/events.csv" <<'EOF'
import csv, sqlite3, sys
src, query, out = sys.argv[1:4]
db = sqlite3.connect(":memory:")
db.execute('create table events (account_id text, event text, "timestamp" text, user_id text)')
with open(src, newline="") as f:
    rows = csv.DictReader(f)
    db.executemany("insert into events values (?, ?, ?, ?)",
                   ((r["account_id"], r["event"], r["timestamp"], r["user_id"] or None) for r in rows))
cur = db.execute(open(query).read())
with open(out, "w", newline="") as f:
    w = csv.writer(f, lineterminator="\n")
    w.writerow([d[0] for d in cur.description])
    for row in cur:
        w.writerow(["" if v is None else v for v in row])
EOF
	all=$(($(wc -l <"$DATA/events.csv") - 1))
	kept=$(($(wc -l <"$WORK/reduced/events.csv") - 1))
	[ "$kept" -gt 0 ] && [ "$kept" -lt $((all / 2)) ] && ok ||
		bad "sql kept $kept of $all rows"
	SOURCE_DATE_EPOCH=1700000000 run "$TTFV" report --quiet --out "$WORK/full" "$DATA"
	expect_exit 0 "report of every row"
	SOURCE_DATE_EPOCH=1700000000 run "$TTFV" report --quiet --out "$WORK/part" "$WORK/reduced"
	expect_exit 0 "report of the reduced rows"
	for f in report.json report.md; do
		cmp -s "$WORK/full/$f" "$WORK/part/$f" && ok ||
			bad "sql: $f differs: $(diff "$WORK/full/$f" "$WORK/part/$f" | head -c 600)"
	done
fi

# names: plain as written, keywords and odd names quoted per dialect; the
# output's own names are ttfv's
printf '[columns]\nGroup Id = account_id\nevent_type = event\ntime = timestamp\nDistinct ID = user_id\n' >"$WORK/map.ini"
run "$TTFV" sql --dialect postgres --config "$WORK/map.ini" --table analytics.raw_events
expect_exit 0 "sql postgres with [columns]"
expect_out '    "Group Id" AS account_id,' "postgres quotes a name with a space"
expect_out '    event_type AS event,' "postgres leaves a plain name"
expect_out '    "time" AS "timestamp",' "postgres quotes a keyword"
expect_out '    "Distinct ID" AS user_id,' "postgres keeps the case it quotes"
expect_out '  FROM analytics.raw_events' "table as given"
run "$TTFV" sql --dialect bigquery --config "$WORK/map.ini"
expect_out '    `Group Id` AS account_id,' "bigquery backquotes"
expect_out '    `time` AS `timestamp`,' "bigquery keyword"
run "$TTFV" sql --dialect snowflake --config "$WORK/map.ini"
expect_out '    "TIME" AS "timestamp",' "snowflake keyword in upper case"
expect_out '    event_type AS event,' "snowflake plain name"

# a quote inside a name is doubled (or escaped, in BigQuery)
printf '[columns]\nAcct "ID" = account_id\nev`t = event\n' >"$WORK/quotes.ini"
run "$TTFV" sql --dialect postgres --config "$WORK/quotes.ini"
expect_out '    "Acct ""ID""" AS account_id,' "postgres doubles a quote"
expect_out '    "ev`t" AS event,' "postgres leaves a backquote"
run "$TTFV" sql --dialect bigquery --config "$WORK/quotes.ini"
expect_out '    `Acct "ID"` AS account_id,' "bigquery leaves a double quote"
expect_out '    `ev\`t` AS event,' "bigquery escapes a backquote"

run "$TTFV" sql
expect_exit 2 "sql without --dialect"
expect_err "--dialect postgres, bigquery, snowflake or sqlite"
run "$TTFV" sql --dialect oracle
expect_exit 2 "unknown dialect"
expect_err "--dialect: 'oracle' is not postgres, bigquery, snowflake or sqlite"
run "$TTFV" sql --dialect postgres --table "events; drop table accounts"
expect_exit 2 "table name that ends the statement"
expect_err "--table: 'events; drop table accounts' is not a table name"
finish cli_sql
