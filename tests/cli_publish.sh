#!/bin/sh
# cli_publish.sh - a report is published as one set.  strace kills the run
# (SIGKILL) or fails the call (EIO) at every system call that publishing
# makes, one at a time; after each, the output directory must be exactly
# the previous report or exactly the new one (the user's notes.txt kept in
# both), never a mix, and the next run must leave nothing behind.  Then
# the fallback for file systems that cannot exchange two directories.
#
# strace runs without -f: publishing is the main thread's, and injection
# counts each thread's calls apart, so a chart thread's own openat calls
# would be hit instead.  The counts before publishing starts (the flock)
# are measured once, from a trace of a plain run.
. tests/lib.sh
DATA=tests/hostile/path_escape
if ! command -v strace >/dev/null 2>&1 || ! strace -qq -o /dev/null true 2>/dev/null; then
	echo "cli_publish: strace cannot trace here; skipped"
	finish cli_publish
	exit
fi
export SOURCE_DATE_EPOCH=1
OLD=2026-02-01
NEW=2026-03-01
# the calls that change something, and the reads between them
CALLS=flock,mkdir,mkdirat,openat,write,fchmod,linkat,syncfs,renameat2,fsync,unlinkat
# under the sanitizers each run is several times slower: every third step
STRIDE=1
case ${TEST_BUILD:-build} in *san*) STRIDE=3 ;; esac

# The two reports the directory may hold, with a file of the user's.
"$TTFV" report --quiet --out "$WORK/ref_old" --as-of $OLD "$DATA" || bad "reference old"
"$TTFV" report --quiet --out "$WORK/ref_new" --as-of $NEW "$DATA" || bad "reference new"
echo "my notes" >"$WORK/ref_old/notes.txt"
echo "my notes" >"$WORK/ref_new/notes.txt"
"$TTFV" report --quiet --format json --out "$WORK/ref_json" --as-of $NEW "$DATA"

. tests/publish_case.sh

# Calls before publishing (the lock) and during it, from a plain run.
cp -R "$WORK/ref_old" "$WORK/traced"
strace -qq -o "$WORK/trace" -e trace=$CALLS \
	"$TTFV" report --quiet --out "$WORK/traced" --as-of $NEW "$DATA" 2>/dev/null
[ "$(state "$WORK/traced")" = new ] && ok || bad "traced run: not the new report"
grep -q '^flock(' "$WORK/trace" && ok || bad "no flock in the trace"
echo "$CALLS" | tr , '\n' | while read -r call; do
	before=$(awk '/^flock\(/ { exit } { print }' "$WORK/trace" | grep -c "^$call(")
	during=$(awk '/^flock\(/ { f = 1 } f' "$WORK/trace" | grep -c "^$call(")
	k=1
	while [ "$k" -le "$during" ]; do
		echo "$call $((before + k)) signal=KILL"
		echo "$call $((before + k)) error=EIO"
		k=$((k + STRIDE))
	done
done >"$WORK/cases"
ncases=$(wc -l <"$WORK/cases")
[ "$ncases" -ge 100 ] || [ "$STRIDE" != 1 ] && ok || bad "only $ncases cases: is publishing traced?"

# both cores: each case has a directory of its own
export TTFV DATA WORK OLD NEW
xargs -P 2 -L 1 sh -c '. tests/publish_case.sh; one "$@"' one <"$WORK/cases" >"$WORK/results" 2>&1
nfail=$(grep -c '^FAIL' "$WORK/results")
ndone=$(grep -c '^done' "$WORK/results")
[ "$ndone" = "$ncases" ] && ok || bad "$ndone of $ncases cases ran"
[ "$nfail" = 0 ] && ok || bad "$nfail failures: $(grep '^FAIL' "$WORK/results" | head -5)"
# the injections did reach the swap itself
grep -q 'renameat2 #[0-9]* signal=KILL (exit 137)' "$WORK/results" && ok ||
	bad "no run was killed at the swap"

finish cli_publish
