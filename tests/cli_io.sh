#!/bin/sh
# cli_io.sh - I/O failures: an output directory that cannot be made, a
# missing input, a disk that fills up half-way through a report, device
# targets.  Each gives exit 3 and a clear message, and the previous report
# stays byte for byte what it was.  (Tests run as root here, so a chmod
# would not stop a write: the unwritable places are a path under a regular
# file, /sys, and a file-size limit standing in for a full disk.)
. tests/lib.sh
DATA=tests/hostile/path_escape

# --out under a regular file: nothing can be made there
: >"$WORK/file"
run "$TTFV" report --quiet --out "$WORK/file/out" "$DATA"
expect_exit 3 "out under a file"
expect_err "file: not a directory" "out under a file"
run "$TTFV" sample --accounts 5 --out "$WORK/file/s"
expect_exit 3 "sample out under a file"
run "$TTFV" chart funnel --out "$WORK/file/f.png" "$DATA"
expect_exit 3 "chart out under a file"
expect_err "f.png: cannot create a temporary file: Not a directory" "chart out"

# a read-only file system
if [ -d /sys/kernel ]; then
	run "$TTFV" report --quiet --out /sys/kernel/ttfv-test "$DATA"
	expect_exit 3 "out on /sys"
	expect_err "/sys/kernel/ttfv-test: cannot create a directory beside it:" "out on /sys"
fi

# a missing input, alone or beside good ones
run "$TTFV" check "$WORK/missing.csv"
expect_exit 3 "check missing input"
expect_err "missing.csv: cannot open: No such file or directory" "check missing"
run "$TTFV" report --quiet --out "$WORK/m" "$DATA" "$WORK/missing.csv"
expect_exit 3 "report missing input"
expect_err "missing.csv: cannot open: No such file or directory" "report missing"
[ ! -e "$WORK/m" ] && ok || bad "report with a missing input wrote files"

# a FIFO named *.csv in a data directory is not read (it would block)
mkdir -p "$WORK/fifo"
cp "$DATA/accounts.csv" "$WORK/fifo/"
if mkfifo "$WORK/fifo/events.csv" 2>/dev/null; then
	run timeout 20 "$TTFV" check "$WORK/fifo"
	expect_exit 0 "fifo in a data directory"
fi

# a device named as data is refused at once, not read until memory runs
# out; a pipe is read to its end
run timeout 20 "$TTFV" check --events /dev/zero "$DATA/accounts.csv"
expect_exit 3 "/dev/zero as events"
expect_err "/dev/zero: cannot read: a device, not a file or a pipe" "/dev/zero"
run sh -c "cat '$DATA/accounts.csv' | timeout 20 '$TTFV' check --accounts /dev/stdin"
expect_exit 0 "accounts from a pipe"

# gzip-compressed exports are read as they are: in a directory
# (events.csv.gz) the report is the uncompressed one's; a file of two
# gzip members reads as gunzip reads it; a truncated one is refused
GZDATA=samples
mkdir -p "$WORK/gz"
cp "$GZDATA/accounts.csv" "$GZDATA/ttfv.ini" "$WORK/gz/"
gzip -c "$GZDATA/events.csv" >"$WORK/gz/events.csv.gz"
# "today" after the data (2026-11-23): an as-of date in the future would
# be a warning naming the config by its path, which differs between the two
SOURCE_DATE_EPOCH=1795392000 run "$TTFV" report --quiet --format json --out "$WORK/gzr" "$WORK/gz"
expect_exit 0 "gzip events"
mkdir -p "$WORK/plain"
cp "$GZDATA/accounts.csv" "$GZDATA/events.csv" "$GZDATA/ttfv.ini" "$WORK/plain/"
SOURCE_DATE_EPOCH=1795392000 run "$TTFV" report --quiet --format json --out "$WORK/plainr" "$WORK/plain"
cmp -s "$WORK/gzr/report.json" "$WORK/plainr/report.json" && ok ||
	bad "gzip events: report differs from the uncompressed one"
head -n 3 "$GZDATA/accounts.csv" | gzip -c >"$WORK/two.csv.gz"
tail -n +4 "$GZDATA/accounts.csv" | gzip -c >>"$WORK/two.csv.gz"
run "$TTFV" check --first-value-event report_shared --accounts "$WORK/two.csv.gz" --events "$GZDATA/events.csv"
expect_exit 0 "two gzip members"
expect_out "ok: $(($(wc -l <"$GZDATA/accounts.csv") - 1)) accounts" "two gzip members"
expect_out "format: gzip-compressed, ',' (comma) delimited" "gzip noted"
head -c 300 "$WORK/gz/events.csv.gz" >"$WORK/cut.csv.gz"
run "$TTFV" check "$GZDATA/accounts.csv" "$WORK/cut.csv.gz"
expect_exit 1 "truncated gzip"
expect_err "cut.csv.gz: cannot decompress: the file ends early (not a whole gzip file)"

# The previous report stays whole.  First a good one, kept aside.
run "$TTFV" report --quiet --out "$WORK/r" --as-of 2026-02-01 "$DATA"
expect_exit 0 "first report"
cp -R "$WORK/r" "$WORK/kept"

# a run refused for its template writes nothing
printf '{{no_such_figure}}\n' >"$WORK/bad.md"
run "$TTFV" report --quiet --out "$WORK/r" --template "$WORK/bad.md" "$DATA"
expect_exit 1 "bad template"
expect_err "bad.md:1: unknown placeholder" "bad template"
diff -r "$WORK/kept" "$WORK/r" >/dev/null && ok ||
	bad "a refused report changed the previous one"

# a disk that fills up half-way: a file-size limit below report.html but
# above every other file, so charts, report.json and report.md are written
# before report.html fails (SIGXFSZ ignored, so write(2) says EFBIG)
biggest_other=$(find "$WORK/r" -type f ! -name report.html -exec wc -c {} + |
	awk '$2 != "total" && $1 > m { m = $1 } END { print m }')
html=$(wc -c <"$WORK/r/report.html")
limit=$((biggest_other + 1024))
if [ "$html" -gt "$limit" ]; then
	run sh -c 'trap "" XFSZ; exec prlimit --fsize="$0" "$@"' "$limit" \
		"$TTFV" report --quiet --out "$WORK/r" --as-of 2026-03-01 "$DATA"
	expect_exit 3 "disk full"
	expect_err ": cannot write: File too large" "disk full"
	diff -r "$WORK/kept" "$WORK/r" >/dev/null && ok ||
		bad "disk full: the previous report changed: $(diff -rq "$WORK/kept" "$WORK/r" | head -c 400)"
	# the new report was staged beside r as .r.new-XXXXXX (an older ttfv
	# left r/*.tmp-XXXXXX): neither may stay
	left=$(find "$WORK" -maxdepth 1 -name '.r.*'; find "$WORK/r" -name '*.tmp-*')
	[ -z "$left" ] && ok || bad "disk full: temporary files left: $left"
else
	bad "report.html ($html bytes) is not the largest file; the disk-full check needs it to be"
fi

# Device targets are written, not replaced: as root a rename would put a
# regular file where the device was.  Made on the build directory's disk
# (/dev/shm is mounted nodev); skipped where mknod is not allowed.
dev=$(mktemp -d "$(pwd)/${TEST_BUILD:-build}/io-dev.XXXXXX")
if mknod "$dev/full" c 1 7 2>/dev/null && mknod "$dev/null" c 1 3 2>/dev/null; then
	run "$TTFV" chart funnel --out "$dev/full" "$DATA"
	expect_exit 3 "chart to a full device"
	expect_err "full: cannot write: No space left on device" "full device"
	[ -c "$dev/full" ] && ok || bad "chart replaced the full device"
	run "$TTFV" chart funnel --out "$dev/null" "$DATA"
	expect_exit 0 "chart to a null device"
	[ -c "$dev/null" ] && ok || bad "chart replaced the null device"
else
	skip "mknod is not allowed here: no device-target checks"
fi
rm -rf "$dev"
finish cli_io
