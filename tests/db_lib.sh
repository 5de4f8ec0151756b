# db_lib.sh - for the database tests of `ttfv sql` (tests/db_sql_*.sh):
# the data sets, the data directory of a reduced export, and the byte for
# byte comparison of its report with the report of every row.  Sourced
# after tests/lib.sh.
EPOCH=1795392000	# after the data: no "as-of in the future" warning, which names paths

# The 50,000-account set and, for the reserved-word tables, the samples'
# config with [columns] naming their columns.
"$TTFV" sample --accounts 50000 --out "$WORK/big" >/dev/null 2>&1 ||
	bad "ttfv sample --accounts 50000"
# with_columns FILE LINE...: samples/ttfv.ini with a [columns] section
with_columns() {
	f=$1
	shift
	{ cat samples/ttfv.ini; echo; echo "[columns]"; printf '%s\n' "$@"; } >"$f"
}

# full_report NAME DIR: the report of every row of DIR, in $WORK/full-NAME
full_report() {
	SOURCE_DATE_EPOCH=$EPOCH "$TTFV" report --quiet --out "$WORK/full-$1" "$2" \
		>"$WORK/full-$1.log" 2>&1 || bad "report of every row of $2: $(head -c 600 "$WORK/full-$1.log")"
}

# compare WHAT FULL SRC EVENTS INI: the data directory of SRC's other
# exports, EVENTS (a reduced export) and INI as its ttfv.ini must give the
# report in $WORK/full-FULL, report.json and report.md byte for byte, from
# fewer rows than the full set, whose times the query wrote as ISO-8601 UTC.
compare() {
	what=$1 full=$2 src=$3 events=$4 ini=$5
	dir=$WORK/reduced-$what
	rm -rf "$dir" "$dir.out"
	mkdir -p "$dir"
	for f in accounts.csv postmortems.csv pauses.csv; do
		cp "$src/$f" "$dir/"
	done
	cp "$events" "$dir/events.csv"
	cp "$ini" "$dir/ttfv.ini"
	all=$(($(wc -l <"$src/events.csv") - 1))
	kept=$(($(wc -l <"$events") - 1))
	[ "$kept" -gt 0 ] && [ "$kept" -lt "$all" ] && ok ||
		bad "$what: kept $kept of $all rows"
	sed -n 2p "$events" | grep -Eq ',[0-9]{4}-[0-9]{2}-[0-9]{2}T[0-9]{2}:[0-9]{2}:[0-9]{2}\.[0-9]{6}Z,' && ok ||
		bad "$what: not ISO-8601 UTC text: $(sed -n 2p "$events")"
	SOURCE_DATE_EPOCH=$EPOCH run "$TTFV" report --quiet --out "$dir.out" "$dir"
	expect_exit 0 "$what: report of the reduced rows"
	for f in report.json report.md; do
		cmp -s "$WORK/full-$full/$f" "$dir.out/$f" && ok ||
			bad "$what: $f differs: $(diff "$WORK/full-$full/$f" "$dir.out/$f" | head -c 600)"
	done
}
