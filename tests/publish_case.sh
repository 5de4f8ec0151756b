# publish_case.sh - one injected run of cli_publish.sh (sourced by it and
# by each of its parallel workers).  Needs TTFV DATA WORK OLD NEW and the
# references $WORK/ref_old, ref_new, ref_json.

# LeakSanitizer stops the threads with ptrace to scan them, which it
# cannot while strace holds them: no leak check for traced runs
strace() {
	ASAN_OPTIONS="${ASAN_OPTIONS:+$ASAN_OPTIONS:}detect_leaks=0" command strace "$@"
}

# state DIR: "old", "new" or "mixed"
state() {
	if diff -r "$1" "$WORK/ref_old" >/dev/null 2>&1; then echo old
	elif diff -r "$1" "$WORK/ref_new" >/dev/null 2>&1; then echo new
	else echo mixed; fi
}

# one case: CALL N ACTION (signal=KILL or error=EIO), in its own place
one() {
	call=$1 n=$2 action=$3
	p=$WORK/case-$call-$n-${action%%=*}
	mkdir -p "$p"
	cp -R "$WORK/ref_old" "$p/r"
	strace -qq -o /dev/null -e trace="$call" -e inject="$call:$action:when=$n" \
		"$TTFV" report --quiet --out "$p/r" --as-of $NEW "$DATA" >/dev/null 2>"$p.err"
	rc=$?
	s=$(state "$p/r")
	what="$call #$n $action (exit $rc)"
	case $rc:$s in
	0:new | 3:old | 137:old | 137:new) ;;
	*) echo "FAIL: $what left the directory $s: $(head -c 300 "$p.err")" ;;
	esac
	# the next run clears whatever a killed or failed one left
	"$TTFV" report --quiet --format json --out "$p/r" --as-of $NEW "$DATA" ||
		echo "FAIL: $what: the next run failed"
	left=$(ls -A "$p")
	[ "$left" = r ] || echo "FAIL: $what: the next run left: $left"
	stray=$(find "$p/r" -name '*.tmp-*' -o -name '.*' | head -3)
	[ -z "$stray" ] || echo "FAIL: $what: stray files: $stray"
	cmp -s "$p/r/report.json" "$WORK/ref_json/report.json" ||
		echo "FAIL: $what: the next run's report.json differs"
	rm -rf "$p"
	echo "done $what"
}

