#!/bin/sh
# cli_hostile_big.sh - hostile inputs too big to commit, made once per run:
# a 10 MB field, 100,000 columns, binary garbage, thousands of tiers and
# cohorts, event exports big enough to be read by two threads, a config
# and templates that would expand without bound; each through the same
# checks as tests/hostile/ (tests/hostile_lib.sh).
. tests/lib.sh
. tests/hostile_lib.sh

G=$WORK/gen
H=account_id,account_name,tier,signed_at,first_value_at

# a 10 MB quoted field, newlines inside, then a bad date two lines on
mkdir -p "$G/huge_field"
{
	echo "$H"
	printf 'A1,"'
	head -c 10000000 /dev/zero | tr '\0' 'x'
	printf '\nstill the name",t,2026-01-05,2026-01-09\n'
	echo "A2,Beta,t,2026-13-01,2026-01-10"
} >"$G/huge_field/accounts.csv"
cat >"$G/huge_field/expect" <<EOF
check 1
report 1
lenient 0 1
msg accounts.csv:4: signed_at: cannot parse '2026-13-01' as a date
EOF

# a header of 100,000 columns (all but three ignored)
mkdir -p "$G/wide_header"
awk 'BEGIN {
	printf "account_id,signed_at,first_value_at"
	for (i = 3; i < 100000; i++) printf ",c%d", i
	printf "\nA1,2026-01-05,2026-01-09"
	for (i = 3; i < 100000; i++) printf ",x"
	print ""
}' >"$G/wide_header/accounts.csv"
printf 'check 0\nreport 0\n' >"$G/wide_header/expect"

# a row of 100,003 fields under a 3-column header
mkdir -p "$G/wide_row"
awk 'BEGIN {
	print "account_id,signed_at,first_value_at"
	print "A1,2026-01-05,2026-01-09"
	printf "A2,2026-01-05,2026-01-09"
	for (i = 0; i < 100000; i++) printf ",x"
	print ""
}' >"$G/wide_row/accounts.csv"
cat >"$G/wide_row/expect" <<EOF
check 1
report 1
lenient 0 1
msg accounts.csv:3: too many fields (100003, header has 3)
EOF

# binary garbage (gzip output without its magic bytes, which would make
# it a gzip file ttfv reads: the same bytes every run) as a data file, and
# as the events beside a good accounts file
mkdir -p "$G/binary" "$G/binary_events"
gzip -n -c samples/events.csv | tail -c +3 >"$G/binary/garbage.csv"
cat >"$G/binary/expect" <<EOF
check 1
report 1
lenient 1
msg garbage.csv:1: cannot tell which export this is from its header
EOF
printf '%s\nA1,Acme,t,2026-01-05,2026-01-09\n' "$H" >"$G/binary_events/accounts.csv"
cp "$G/binary/garbage.csv" "$G/binary_events/garbage.csv"
cat >"$G/binary_events/expect" <<EOF
args --events $G/binary_events/garbage.csv --accounts $G/binary_events/accounts.csv
check 1
report 1
msg garbage.csv:
EOF

# 2000 tiers, one account each: the SLA chart draws 12 and says so
mkdir -p "$G/many_tiers"
awk -v h="$H" 'BEGIN {
	print h
	for (i = 0; i < 2000; i++)
		printf "A%d,n%d,tier-%d,2026-01-05,2026-01-%02d\n", i, i, i, 6 + i % 20
}' >"$G/many_tiers/accounts.csv"
printf 'check 0\nreport 0\ndq and 1,988 more tiers (1,988 accounts) not drawn\n' >"$G/many_tiers/expect"

# 2000 weekly cohorts (epoch seconds, a week apart from 2000-01-01)
mkdir -p "$G/many_cohorts"
awk -v h="$H" 'BEGIN {
	print h
	for (i = 0; i < 2000; i++)
		printf "A%d,n%d,t,%d,%d\n", i, i, 946684800 + i * 604800,
			946684800 + i * 604800 + 3 * 86400
}' >"$G/many_cohorts/accounts.csv"
printf '[report]\ncohort = week\n' >"$G/many_cohorts/ttfv.ini"
printf 'check 0\nreport 0\n' >"$G/many_cohorts/expect"

# a config with more tiers than the limit is refused, not expanded
mkdir -p "$G/config_tiers"
printf '%s\nA1,Acme,t,2026-01-05,2026-01-09\n' "$H" >"$G/config_tiers/accounts.csv"
awk 'BEGIN { for (i = 0; i < 1000; i++) printf "[tier t%d]\nsla_days = 7\n", i }' \
	>"$G/config_tiers/ttfv.ini"
cat >"$G/config_tiers/expect" <<EOF
check 1
report 1
msg ttfv.ini:
EOF

# templates: more than 1 MiB, and sections nested deeper than 8
mkdir -p "$G/template_big" "$G/template_deep"
printf '%s\nA1,Acme,t,2026-01-05,2026-01-09\n' "$H" >"$G/template_big/accounts.csv"
cp "$G/template_big/accounts.csv" "$G/template_deep/accounts.csv"
awk 'BEGIN { for (i = 0; i < 50000; i++) print "{{table onboarding}}\n" }' \
	>"$WORK/big.md"
cat >"$G/template_big/expect" <<EOF
rargs --template $WORK/big.md
check 0
report 1
msg big.md: template is larger than 1024 KiB
EOF
awk 'BEGIN {
	for (i = 0; i < 9; i++) print "{{#if tiers}}"
	for (i = 0; i < 9; i++) print "{{/if}}"
}' >"$WORK/deep.md"
cat >"$G/template_deep/expect" <<EOF
rargs --template $WORK/deep.md
check 0
report 1
msg deep.md:9:
EOF

# event exports over the two-thread threshold (8 MB), cut near 58 %: one
# with a quoted field of 30,000 lines across the cut (the second thread's
# guess is wrong and dropped), one clean; line numbers past the cut and row
# counts must be those of one pass
mkdir -p "$G/split_events"
awk 'BEGIN {
	print "account_id,signed_at,first_value_at"
	for (i = 1; i <= 100; i++) printf "A%d,2026-01-01,2026-01-0%d\n", i, 2 + i % 7
}' >"$G/split_events/accounts.csv"
for kind in quoted clean; do
	awk -v kind=$kind 'BEGIN {
		print "account_id,event,timestamp,user_id"
		for (i = 2; i <= 140001; i++)
			if (i == 100) print "A3,first_login,bad1,U3"
			else printf "A%d,first_login,2026-01-05T10:00:00Z,U%06d\n", 1 + i % 100, i
		if (kind == "quoted") {
			print "A1,\"q"
			for (i = 0; i < 29999; i++) print "xxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxx"
			print "end\",2026-01-05T00:00:00Z,U1"
		} else
			for (i = 0; i < 30001; i++)
				printf "A%d,data_imported,2026-01-06T10:00:00Z,U%06d\n", 1 + i % 100, i
		for (i = 0; i < 80000; i++)
			printf "A%d,report_shared,2026-01-07T10:00:00Z,U%06d\n", 1 + i % 100, i
		print "A2,first_login,notadate,U2"
	}' >"$G/split_events/events_$kind.csv"
done
cat >"$G/split_events/expect" <<EOF
check 1
report 1
msg events_clean.csv:100: timestamp: cannot parse 'bad1' as a date
msg events_clean.csv:250003: timestamp: cannot parse 'notadate' as a date
msg events_quoted.csv:100: timestamp: cannot parse 'bad1' as a date
msg events_quoted.csv:250003: timestamp: cannot parse 'notadate' as a date
out rows: 250002 read, 2 with problems
out rows: 220002 read, 2 with problems
EOF

for dir in "$G"/*; do
	hostile_case "$dir"
done
finish cli_hostile_big
