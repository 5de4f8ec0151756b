#!/bin/sh
# db_sql_duckdb.sh - `ttfv sql --dialect duckdb` on DuckDB, through its
# Node.js package @duckdb/node-api (installed by npm into
# build/npm/ the first time).  As for PostgreSQL: the events of samples/
# and of a 50,000-account set in tables with reserved words for names,
# exported in other time zones, must give the report of every row byte
# for byte, with and without the [columns] that made the query.
. tests/lib.sh

DUCKDB_NODE_API=1.5.6-r.1
if ! command -v npm >/dev/null 2>&1 || ! command -v node >/dev/null 2>&1; then
	skip "no npm and node here, so no DuckDB (make deps installs npm as root)"
	finish db_sql_duckdb
	exit
fi
. tests/db_lib.sh

npmdir=$(pwd)/build/npm
pkg=$npmdir/node_modules/@duckdb/node-api
if ! grep -qs "\"version\": \"$DUCKDB_NODE_API\"" "$pkg/package.json"; then
	npm install --prefix "$npmdir" --no-audit --no-fund --no-save \
		"@duckdb/node-api@$DUCKDB_NODE_API" >"$WORK/npm.log" 2>&1 ||
		bad "npm install @duckdb/node-api: $(tail -c 600 "$WORK/npm.log")"
fi

d=$WORK/duck
mkdir -p "$d/reserved"
with_columns "$d/reserved/ttfv.ini" 'offset = account_id' 'desc = event' \
	'current_timestamp = timestamp' 'current_user = user_id'
with_columns "$d/when.ini" 'when = account_id' 'check = event' \
	'order = timestamp' 'user = user_id'

# copy_to QUERY FILE: QUERY's result written to FILE as CSV with its header
copy_to() {
	echo "COPY ("
	sed '$ s/;$//' "$1"
	echo ") TO '$2' (FORMAT csv, HEADER);"
}
run "$TTFV" sql --dialect duckdb --table 'analytics."Raw Events"' "$d/reserved"
expect_exit 0 "sql with the data directory's [columns]"
cp "$WORK/out" "$d/reserved.sql"
run "$TTFV" sql --dialect duckdb --config "$d/when.ini" --table '"when"'
expect_exit 0 "sql with --config"
cp "$WORK/out" "$d/when.sql"
run "$TTFV" sql --dialect duckdb --table events_50k
expect_exit 0 "sql for the 50,000-account table"
cp "$WORK/out" "$d/big.sql"
{
	cat <<SQL
CREATE SCHEMA analytics;
CREATE TABLE analytics."Raw Events" ("offset" VARCHAR, "desc" VARCHAR, "current_timestamp" TIMESTAMPTZ, "current_user" VARCHAR);
COPY analytics."Raw Events" FROM '$PWD/samples/events.csv' (FORMAT csv, HEADER);
CREATE TABLE "when" ("when" VARCHAR, "check" VARCHAR, "order" TIMESTAMP, "user" VARCHAR);
COPY "when" FROM '$PWD/samples/events.csv' (FORMAT csv, HEADER);
CREATE TABLE events_50k (account_id VARCHAR, event VARCHAR, "timestamp" TIMESTAMPTZ, user_id VARCHAR);
COPY events_50k FROM '$WORK/big/events.csv' (FORMAT csv, HEADER);
SET TimeZone = 'America/New_York';
COPY (SELECT CAST("current_timestamp" AS VARCHAR) FROM analytics."Raw Events" WHERE "offset" = 'A000001' ORDER BY 1 LIMIT 1) TO '$d/raw_style.txt' (FORMAT csv, HEADER false);
SQL
	copy_to "$d/reserved.sql" "$d/reserved.csv"
	echo "SET TimeZone = 'Asia/Kolkata';"
	copy_to "$d/when.sql" "$d/when.csv"
	copy_to "$d/big.sql" "$d/big.csv"
} >"$d/script.sql"
run node tests/duckdb_run.cjs "$pkg" "$d/script.sql"
expect_exit 0 "DuckDB run"

# the session's zone really changes a timestamp the query did not write
grep -q '^2026-07-03 07:31:12-04$' "$d/raw_style.txt" && ok ||
	bad "TimeZone America/New_York gave '$(cat "$d/raw_style.txt")'"

full_report samples samples
full_report big "$WORK/big"
compare reserved-kept samples samples "$d/reserved.csv" "$d/reserved/ttfv.ini"
compare reserved-plain samples samples "$d/reserved.csv" samples/ttfv.ini
compare when samples samples "$d/when.csv" "$d/when.ini"
compare big big "$WORK/big" "$d/big.csv" "$WORK/big/ttfv.ini"
finish db_sql_duckdb
