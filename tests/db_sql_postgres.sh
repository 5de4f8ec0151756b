#!/bin/sh
# db_sql_postgres.sh - `ttfv sql --dialect postgres` on a real PostgreSQL
# server, a throwaway cluster from pg_virtualenv (postgresql-common; as
# the postgres user when run as root, so that clusters of parallel runs
# live apart in temporary directories).  The events of samples/ and of a
# 50,000-account set go into tables, some with reserved words for names;
# the query's result, exported under session settings that change how
# PostgreSQL writes timestamps (DateStyle SQL, DMY and Postgres, MDY, in
# New York and Kolkata time), must give the report of every row, byte for
# byte, with and without the [columns] that made the query.
. tests/lib.sh

if ! command -v pg_virtualenv >/dev/null 2>&1 ||
	! ls /usr/lib/postgresql/*/bin/postgres >/dev/null 2>&1; then
	skip "no PostgreSQL server here (packages postgresql and postgresql-common; make deps installs them as root)"
	finish db_sql_postgres
	exit
fi
. tests/db_lib.sh

pg=$WORK/pg
chmod 755 "$WORK" "$WORK/big"
mkdir -p "$pg"
chmod 777 "$pg"
with_columns "$WORK/reserved.ini" 'when = account_id' 'check = event' \
	'current_timestamp = timestamp' 'current_user = user_id'
mkdir -p "$WORK/reserved"
cp "$WORK/reserved.ini" "$WORK/reserved/ttfv.ini"
# account_id names the table's user column here: the result's account_id
# must still read as the account
with_columns "$WORK/offset.ini" 'offset = account_id' 'desc = event' \
	'select = timestamp' 'account_id = user_id'

run "$TTFV" sql --dialect postgres
expect_exit 0 "sql"
cp "$WORK/out" "$pg/plain.sql"
run "$TTFV" sql --dialect postgres --table 'analytics."Raw Events"' "$WORK/reserved"
expect_exit 0 "sql with the data directory's [columns]"
expect_out '"current_timestamp"' "a reserved word quoted"
cp "$WORK/out" "$pg/reserved.sql"
run "$TTFV" sql --dialect postgres --config "$WORK/offset.ini" --table '"offset"."desc"'
expect_exit 0 "sql with --config"
{
	echo "SET DateStyle = 'Postgres, MDY';"
	echo "SET TIME ZONE 'Asia/Kolkata';"
	echo "COPY ("
	sed '$ s/;$//' "$WORK/out"
	echo ") TO STDOUT WITH (FORMAT csv, HEADER);"
} >"$pg/offset.sql"
run "$TTFV" sql --dialect postgres --table nulls
expect_exit 0 "sql for a table of NULLs"
cp "$WORK/out" "$pg/nulls.sql"
run "$TTFV" sql --dialect postgres --table events_50k
expect_exit 0 "sql for the 50,000-account table"
cp "$WORK/out" "$pg/big.sql"

cat >"$pg/load.sql" <<SQL
CREATE TABLE events (account_id text, event text, "timestamp" timestamptz, user_id text);
\\copy events FROM '$PWD/samples/events.csv' WITH (FORMAT csv, HEADER)
CREATE SCHEMA analytics;
CREATE TABLE analytics."Raw Events" ("when" text, "check" text, "current_timestamp" timestamptz, "current_user" text);
\\copy analytics."Raw Events" FROM '$PWD/samples/events.csv' WITH (FORMAT csv, HEADER)
CREATE SCHEMA "offset";
CREATE TABLE "offset"."desc" ("offset" text, "desc" text, "select" timestamp, account_id text);
\\copy "offset"."desc" FROM '$PWD/samples/events.csv' WITH (FORMAT csv, HEADER)
CREATE TABLE nulls (LIKE events);
INSERT INTO nulls VALUES ('A1', 'login', NULL, NULL);
CREATE TABLE events_50k (LIKE events);
\\copy events_50k FROM '$WORK/big/events.csv' WITH (FORMAT csv, HEADER)
SQL
# runs as the cluster's user, in $pg
cat >"$pg/inner.sh" <<'SH'
set -e
cd "$1"
touch started
P="psql -X -q -v ON_ERROR_STOP=1"
$P -f load.sql
# NULL written as text, as some clients do: a blank user must stay blank
$P --csv -P null=NULL -f plain.sql -o plain.csv
$P -At -P null=NULL -c "SELECT NULL" >null_style.txt
$P --csv -P null=NULL -f nulls.sql -o nulls.csv
$P --csv -c "SET DateStyle = 'SQL, DMY'" -c "SET TIME ZONE 'America/New_York'" \
	-f reserved.sql -o reserved.csv
# what these settings do to a timestamp the query did not write itself
$P -At -c "SET DateStyle = 'SQL, DMY'" -c "SET TIME ZONE 'America/New_York'" \
	-c "SELECT \"current_timestamp\" FROM analytics.\"Raw Events\" WHERE \"when\" = 'A000001' ORDER BY 1 LIMIT 1" >raw_style.txt
$P -f offset.sql >offset.csv
$P --csv -c "SET DateStyle = 'SQL, DMY'" -c "SET TIME ZONE 'America/New_York'" \
	-f big.sql -o big.csv
SH
as_pg=
[ "$(id -u)" = 0 ] && as_pg="runuser -u postgres --"
# a second try when the cluster did not start (two runs may pick one port)
for try in 1 2; do
	rm -f "$pg/started"
	$as_pg pg_virtualenv -o work_mem=64MB sh "$pg/inner.sh" "$pg" >"$pg/log" 2>&1
	code=$?
	[ "$code" = 0 ] || [ -e "$pg/started" ] && break
done
[ "$code" = 0 ] && ok || bad "PostgreSQL run failed: $(tail -c 800 "$pg/log")"

grep -qx NULL "$pg/null_style.txt" && ok || bad "psql -P null=NULL gave '$(cat "$pg/null_style.txt")'"
! grep -q ',NULL$' "$pg/plain.csv" && grep -q ',$' "$pg/plain.csv" && ok ||
	bad "a blank user written as NULL: $(grep -m 3 ',NULL$' "$pg/plain.csv")"
[ "$(sed -n 2p "$pg/nulls.csv")" = "A1,login,," ] && ok ||
	bad "a row of NULLs: $(cat "$pg/nulls.csv")"
# the session really wrote its own timestamps in another style
grep -q '^03/07/2026 .*EDT$' "$pg/raw_style.txt" && ok ||
	bad "DateStyle SQL, DMY in New York gave '$(cat "$pg/raw_style.txt")'"

full_report samples samples
full_report big "$WORK/big"
compare plain samples samples "$pg/plain.csv" samples/ttfv.ini
compare reserved samples samples "$pg/reserved.csv" "$WORK/reserved.ini"
compare offset-kept samples samples "$pg/offset.csv" "$WORK/offset.ini"
compare offset-plain samples samples "$pg/offset.csv" samples/ttfv.ini
compare big big "$WORK/big" "$pg/big.csv" "$WORK/big/ttfv.ini"
finish db_sql_postgres
