#!/bin/sh
# bench.sh TTFV CSVSCAN - the SPEC section 6 benchmark.
# Generates the reference load once (cached under bench-data/), then times
# the bare libcsv scan and the full report RUNS times each, and prints the
# medians: phase times, throughput, peak RSS, ratio to the bare scan, and
# how the report scales with 1x, 2x and 4x the accounts.
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

# timed CMD...: runs it with /usr/bin/time -v, appends "wall rss_kb" to $tmp
tmp=$(mktemp)
trap 'rm -f "$tmp" "$tmp".*' EXIT
timed() {
	/usr/bin/time -v "$@" >/dev/null 2>"$tmp.err" || {
		cat "$tmp.err" >&2; exit 1; }
	awk -F': ' '/Elapsed \(wall clock\)/ {
		n = split($2, p, ":"); w = 0
		for (i = 1; i <= n; i++) w = w * 60 + p[i]
	}
	/Maximum resident set size/ { rss = $2 }
	/^timing:/ { t = $0 }
	END { print w, rss, t }' "$tmp.err"
}

for n in $((base / 4)) $((base / 2)) "$base"; do gen "$n"; done
files="$dir/$base/accounts.csv $dir/$base/events.csv $dir/$base/postmortems.csv $dir/$base/pauses.csv"
bytes=$(cat $files | wc -c)
rows=$(cat $files | wc -l)

: >"$tmp.scan"
: >"$tmp.rep"
i=0
while [ $i -lt "$runs" ]; do
	timed "$scan" $files >>"$tmp.scan"
	TTFV_TIMING=1 timed "$ttfv" report --quiet --out "$tmp.out" "$dir/$base" >>"$tmp.rep"
	i=$((i + 1))
done
scan_wall=$(cut -d' ' -f1 "$tmp.scan" | median)
rep_wall=$(cut -d' ' -f1 "$tmp.rep" | median)
rep_rss=$(cut -d' ' -f2 "$tmp.rep" | sort -n | tail -n 1)
phase() { sed -n "s/.*$1 \([0-9.]*\).*/\1/p" "$tmp.rep" | median; }

scale() {
	: >"$tmp.s"
	i=0
	while [ $i -lt "$runs" ]; do
		timed "$ttfv" report --quiet --out "$tmp.out" "$dir/$1" >>"$tmp.s"
		i=$((i + 1))
	done
	cut -d' ' -f1 "$tmp.s" | median
}
t1=$(scale $((base / 4)))
t2=$(scale $((base / 2)))
t4=$rep_wall

echo "machine: $(nproc) cores, $(awk '/MemTotal/ {printf "%.0f GB", $2/1048576}' /proc/meminfo), $(sed -n 's/^model name[^:]*: //p' /proc/cpuinfo | head -n 1)"
echo "data: $base accounts, $rows rows, $(awk "BEGIN {printf \"%.1f\", $bytes/1e6}") MB of CSV; median of $runs runs"
printf '%-34s %10s\n' "figure" "value"
printf '%-34s %10s\n' "----------------------------------" "----------"
printf '%-34s %9.2fs\n' "bare libcsv scan (wall)" "$scan_wall"
printf '%-34s %9.2fs\n' "full report md+html+json (wall)" "$rep_wall"
printf '%-34s %9.2fs\n' "  ingest" "$(phase ingest)"
printf '%-34s %9.2fs\n' "  stats" "$(phase stats)"
printf '%-34s %9.2fs\n' "  charts" "$(phase charts)"
printf '%-34s %9.2fs\n' "  render" "$(phase render)"
printf '%-34s %9.1f\n' "throughput (MB/s)" "$(awk "BEGIN {print $bytes/1e6/$rep_wall}")"
printf '%-34s %9.0f\n' "throughput (rows/s)" "$(awk "BEGIN {print $rows/$rep_wall}")"
printf '%-34s %8.0fMB\n' "peak RSS" "$(awk "BEGIN {print $rep_rss/1024}")"
printf '%-34s %9.2fx\n' "report / bare scan" "$(awk "BEGIN {print $rep_wall/$scan_wall}")"
printf '%-34s %10s\n' "scaling 1x : 2x : 4x accounts" "$(awk "BEGIN {printf \"1 : %.2f : %.2f\", $t2/$t1, $t4/$t1}")"
