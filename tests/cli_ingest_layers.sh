#!/bin/sh
# cli_ingest_layers.sh - the ingest files call each other in one direction
# only: from each build/ingest_*.o, the functions it uses that another
# ingest object defines give an edge "user defined-in", and tsort finds
# any cycle among them.  Also a seeded cycle, to show the check can fail.
. tests/lib.sh

build=${TEST_BUILD:-build}
edges() {
	for o in "$@"; do
		nm "$o" | awk '$1 == "U" { print $2 }' | sort -u >"$WORK/uses"
		for p in "$@"; do
			[ "$p" = "$o" ] && continue
			nm --defined-only "$p" | awk '$2 == "T" { print $3 }' |
				sort -u | comm -12 "$WORK/uses" - | grep -q . &&
				echo "$(basename "$o" .o) $(basename "$p" .o)"
		done
	done
}
set -- "$build"/ingest*.o
if [ ! -e "$1" ] || ! command -v nm >/dev/null; then
	skip "no ingest objects in $build, or no nm"
	finish cli_ingest_layers
	exit 0
fi
edges "$@" >"$WORK/edges"
[ "$(grep -c . "$WORK/edges")" -gt 10 ] && ok ||
	bad "ingest layers: only $(grep -c . "$WORK/edges") edges found"
tsort "$WORK/edges" >/dev/null 2>"$WORK/loop" && ok ||
	bad "ingest layers: a cycle: $(cat "$WORK/loop"); edges: $(tr '\n' ';' <"$WORK/edges")"
# the check itself: one edge back up makes a loop tsort reports
{ cat "$WORK/edges"; echo "ingest_text ingest"; } >"$WORK/cyclic"
tsort "$WORK/cyclic" >/dev/null 2>&1 && bad "ingest layers: a seeded cycle went unseen" || ok
finish cli_ingest_layers
