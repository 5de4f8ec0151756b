#!/bin/sh
# bench.sh TTFV CSVSCAN - the SPEC section 6 benchmark.
# Generates the reference load once (cached under bench-data/), then runs
# RUNS rounds of: the bare libcsv scan, and the full report at 4x (the
# reference load), 1x and 2x the accounts; a machine whose speed drifts
# slows a round's figures alike, and every ratio (to the scan, between
# sizes) is taken within a round.  It prints the medians: phase times,
# throughput, peak RSS, ratio to the bare scan, how the report scales with
# 1x, 2x and 4x the accounts, and the 1x report written with pandas +
# matplotlib (tools/pandas_report.py) when python3-pandas is there.  Also
# the floor: one memchr pass over the files (csvscan --memchr), and the
# ingest phase's throughput per core (bytes over its CPU seconds).
# CPU seconds (user + sys, every thread) are printed beside wall seconds:
# on a shared machine wall time includes waiting for a processor, CPU time
# does not; the load average printed with the machine says how shared.
set -eu
ttfv=$1
scan=$2
runs=${RUNS:-5}
base=${BENCH_ACCOUNTS:-200000}
dir=bench-data
mkdir -p "$dir"

gen() {
	[ -f "$dir/$1/events.csv" ] || "$ttfv" sample --seed 7 --accounts "$1" \
		--out "$dir/$1" --quiet
}

# median of numbers on stdin
median() { sort -g | awk '{a[NR]=$1} END {print a[int((NR+1)/2)]}'; }
# column N of file F, median
med() { cut -d' ' -f"$1" "$2" | median; }
calc() { awk "BEGIN {print $1}"; }

# timed CMD...: runs it under /usr/bin/time -v and appends to $tmp.line
# "wall cpu rss_kb [timing: ...]"
tmp=$(mktemp)
trap 'rm -rf "$tmp" "$tmp".*' EXIT
timed() {
	/usr/bin/time -v "$@" >/dev/null 2>"$tmp.err" || {
		cat "$tmp.err" >&2; exit 1; }
	awk -F': ' '/Elapsed \(wall clock\)/ {
		n = split($2, p, ":"); w = 0
		for (i = 1; i <= n; i++) w = w * 60 + p[i]
	}
	/User time/ { c += $2 }
	/System time/ { c += $2 }
	/Maximum resident set size/ { rss = $2 }
	/^timing:/ { t = $0 }
	END { print w, c, rss, t }' "$tmp.err"
}

for n in $((base / 4)) $((base / 2)) "$base"; do gen "$n"; done
files="$dir/$base/accounts.csv $dir/$base/events.csv $dir/$base/postmortems.csv $dir/$base/pauses.csv"
bytes=$(cat $files | wc -c)
rows=$(cat $files | wc -l)

# report N FILE: RUNS timed reports of the N-account data, appended to FILE
report() {
	TTFV_TIMING=1 timed "$ttfv" report --quiet --out "$tmp.out" "$dir/$1" >>"$2"
}

: >"$tmp.scan"
: >"$tmp.mc"
: >"$tmp.rep"
: >"$tmp.ratio"
: >"$tmp.s1"
: >"$tmp.s2"
# one round: the scan, then the report at 1x, 2x and 4x the accounts, so
# a machine whose speed drifts slows every figure of a round alike
i=0
while [ $i -lt "$runs" ]; do
	timed "$scan" $files >>"$tmp.scan"
	timed "$scan" --memchr $files >>"$tmp.mc"
	report "$base" "$tmp.rep"
	report $((base / 4)) "$tmp.s1"
	report $((base / 2)) "$tmp.s2"
	calc "$(tail -n 1 "$tmp.rep" | cut -d' ' -f1) / \
		$(tail -n 1 "$tmp.scan" | cut -d' ' -f1)" >>"$tmp.ratio"
	i=$((i + 1))
done
scan_wall=$(med 1 "$tmp.scan")
scan_cpu=$(med 2 "$tmp.scan")
mc_wall=$(med 1 "$tmp.mc")
mc_cpu=$(med 2 "$tmp.mc")
rep_wall=$(med 1 "$tmp.rep")
rep_cpu=$(med 2 "$tmp.rep")
rep_rss=$(cut -d' ' -f3 "$tmp.rep" | sort -n | tail -n 1)
# phase NAME FILE [cpu]: median wall (or CPU) seconds of a TTFV_TIMING phase
phase() {
	awk -F'|' -v p="$1" -v cpu="${3:-}" '{
		n = split(cpu == "" ? $1 : $2, w, " ")
		for (i = 1; i < n; i++) if (w[i] == p) print w[i + 1]
	}' "$2" | median
}

# scaling: the whole report, and its per-row phases (ingest + stats), whose
# cost should be proportional to the data; each is the median over rounds
# of that round's ratio to its own 1x run
# ratios COL FILE: column COL of FILE over column COL of the 1x runs, a
# line per round
ratios() {
	cut -d' ' -f"$1" "$2" >"$tmp.ra"
	cut -d' ' -f"$1" "$tmp.s1" >"$tmp.rb"
	paste -d' ' "$tmp.ra" "$tmp.rb" | awk '{ print $1 / $2 }'
}
# ingest + stats CPU seconds of each run, the per-row phases
rowphases() {
	awk -F'|' '{n = split($2, w, " "); s = 0
		for (i = 1; i < n; i++)
			if (w[i] == "ingest" || w[i] == "stats") s += w[i + 1]
		print s}' "$1"
}
# median over rounds of FILE's per-row seconds over the 1x run's
rowratio() {
	rowphases "$1" >"$tmp.ra"
	rowphases "$tmp.s1" >"$tmp.rb"
	paste -d' ' "$tmp.ra" "$tmp.rb" | awk '{ print $1 / $2 }' | median
}

# pandas + matplotlib on the 1x data, once: it is slow enough that one
# run is plenty (PANDAS=0 skips it)
pandas_wall="" pandas_cpu=""
py=""
[ "${PANDAS:-1}" = 0 ] || for p in python3 /usr/bin/python3; do
	if command -v "$p" >/dev/null 2>&1 &&
		"$p" -c 'import pandas, matplotlib' 2>/dev/null; then
		py=$p
		break
	fi
done
if [ -n "$py" ]; then
	: >"$tmp.pd"
	timed "$py" tools/pandas_report.py "$dir/$((base / 4))" "$tmp.pdout" >>"$tmp.pd"
	pandas_wall=$(med 1 "$tmp.pd")
	pandas_cpu=$(med 2 "$tmp.pd")
fi

row() { printf '%-36s %10s %10s\n' "$1" "$2" "$3"; }
sec() { printf '%.2fs' "$1"; }
echo "machine: $(nproc) cores, $(awk '/MemTotal/ {printf "%.0f GB", $2/1048576}' /proc/meminfo), $(sed -n 's/^model name[^:]*: //p' /proc/cpuinfo | head -n 1), load average $(cut -d' ' -f1 /proc/loadavg)"
echo "data: $base accounts, $rows rows, $(calc "$bytes / 1e6") MB of CSV; median of $runs runs"
row "figure" "wall" "cpu"
row "------------------------------------" "----------" "----------"
row "bare libcsv scan" "$(sec "$scan_wall")" "$(sec "$scan_cpu")"
row "memchr pass (the floor)" "$(sec "$mc_wall")" "$(sec "$mc_cpu")"
row "full report md+html+json+charts" "$(sec "$rep_wall")" "$(sec "$rep_cpu")"
for p in ingest stats charts render; do
	row "  $p" "$(sec "$(phase $p "$tmp.rep")")" \
		"$(sec "$(phase $p "$tmp.rep" cpu)")"
done
row "throughput (MB/s)" "$(calc "int($bytes / 1e6 / $rep_wall + 0.5)")" \
	"$(calc "int($bytes / 1e6 / $rep_cpu + 0.5)")"
ingest_cpu=$(phase ingest "$tmp.rep" cpu)
row "ingest MB/s per core (CPU s)" "" "$(calc "int($bytes / 1e6 / $ingest_cpu + 0.5)")"
row "throughput (rows/s)" "$(calc "int($rows / $rep_wall + 0.5)")" \
	"$(calc "int($rows / $rep_cpu + 0.5)")"
row "peak RSS" "$(calc "int($rep_rss / 1024 + 0.5)")MB" ""
row "report / bare scan" "$(printf '%.2fx' "$(median <"$tmp.ratio")")" \
	"$(printf '%.2fx' "$(calc "$rep_cpu / $scan_cpu")")"
row "scaling 1x : 2x : 4x (ideal 1:2:4)" \
	"$(printf '1:%.2f:%.2f' "$(ratios 1 "$tmp.s2" | median)" \
		"$(ratios 1 "$tmp.rep" | median)")" \
	"$(printf '1:%.2f:%.2f' "$(ratios 2 "$tmp.s2" | median)" \
		"$(ratios 2 "$tmp.rep" | median)")"
row "  ingest+stats only" "" "$(printf '1:%.2f:%.2f' \
	"$(rowratio "$tmp.s2")" "$(rowratio "$tmp.rep")")"
if [ -n "$py" ]; then
	s1_wall=$(med 1 "$tmp.s1")
	s1_cpu=$(med 2 "$tmp.s1")
	row "pandas + matplotlib, 1x (1 run)" "$(sec "$pandas_wall")" "$(sec "$pandas_cpu")"
	row "pandas / ttfv, 1x" "$(printf '%.1fx' "$(calc "$pandas_wall / $s1_wall")")" \
		"$(printf '%.1fx' "$(calc "$pandas_cpu / $s1_cpu")")"
elif [ "${PANDAS:-1}" = 0 ]; then
	echo "pandas comparison skipped (PANDAS=0)"
else
	echo "pandas comparison skipped: python3-pandas or python3-matplotlib is" \
		"missing (apt-get install -y python3-pandas python3-matplotlib)"
fi
