#!/bin/sh
# cli_publish_hostile.sh - the output directory in hostile states: a
# directory, a link to /dev/full, a FIFO or a symbolic link where a
# report file goes, charts/ a link out, --out itself a link or ".";
# leftovers of killed runs (this version's and older ones'); five runs at
# once into one --out; a file system that cannot exchange directories.
# Each refusal is exit 3 with the path named, at once (no hang), and the
# previous report stays exactly as it was; the user's own files are kept.
. tests/lib.sh
DATA=tests/hostile/path_escape
# LeakSanitizer stops the threads with ptrace to scan them, which it
# cannot while strace holds them: no leak check for traced runs
strace() {
	ASAN_OPTIONS="${ASAN_OPTIONS:+$ASAN_OPTIONS:}detect_leaks=0" command strace "$@"
}

export SOURCE_DATE_EPOCH=1
"$TTFV" report --quiet --out "$WORK/ref" --as-of 2026-02-01 "$DATA" || bad "reference"
"$TTFV" report --quiet --out "$WORK/ref_new" --as-of 2026-03-01 "$DATA" || bad "reference new"
R=$WORK/p/r

# fresh: DIR a copy of the old report with the user's notes beside it;
# snap: what DIR holds now (types, link targets, contents), for unchanged
fresh() {
	rm -rf "$WORK/p"
	mkdir -p "$WORK/p"
	cp -R "$WORK/ref" "$R"
	echo mine >"$R/notes.txt"
}
listing() {
	(cd "$R" && find . -printf '%p %y %l\n' | sort &&
		find . -type f -exec md5sum {} + | sort)
}
snap() {
	listing >"$WORK/before.lst"
}
unchanged() {
	listing >"$WORK/after.lst"
	cmp -s "$WORK/before.lst" "$WORK/after.lst" && ok ||
		bad "$1: the previous report changed: $(diff "$WORK/before.lst" "$WORK/after.lst" | head -c 300)"
	[ "$(ls -A "$WORK/p")" = r ] && ok || bad "$1: left beside the report: $(ls -A "$WORK/p")"
}
publish() {
	run timeout 20 "$TTFV" report --quiet --out "$R" --as-of 2026-03-01 "$DATA"
}

# 1. what stands where a report file goes is refused, the old set kept
fresh
rm "$R/report.html"
mkdir "$R/report.html"
snap
publish
expect_exit 3 "report.html a directory"
expect_err "r/report.html: a directory where the report writes a file" "report.html a directory"
unchanged "report.html a directory"

fresh
rm "$R/report.html"
ln -s /dev/full "$R/report.html"
snap
publish
expect_exit 3 "report.html a link to /dev/full"
expect_err "r/report.html: a symbolic link where the report writes a file" "link to /dev/full"
unchanged "report.html a link to /dev/full"

# 4. a FIFO, a link to an outside FIFO, charts/ a link out: refused at
# once, nothing written through them
fresh
rm "$R/report.md"
mkfifo "$R/report.md"
snap
publish
expect_exit 3 "report.md a FIFO"
expect_err "r/report.md: a FIFO where the report writes a file" "FIFO"
unchanged "report.md a FIFO"

fresh
mkfifo "$WORK/outside.fifo"
rm "$R/report.json"
ln -s "$WORK/outside.fifo" "$R/report.json"
snap
publish
expect_exit 3 "report.json a link to a FIFO"
unchanged "report.json a link to a FIFO"
rm -f "$WORK/outside.fifo"

fresh
mkdir "$WORK/elsewhere"
rm -rf "$R/charts"
ln -s "$WORK/elsewhere" "$R/charts"
snap
publish
expect_exit 3 "charts a link"
expect_err "r/charts: a symbolic link where the report writes a directory" "charts a link"
unchanged "charts a link"
[ -z "$(ls -A "$WORK/elsewhere")" ] && ok || bad "charts link: files written through it: $(ls "$WORK/elsewhere")"

# --out itself a link, ".", a regular file
fresh
snap
ln -s "$R" "$WORK/p/link"
run "$TTFV" report --quiet --out "$WORK/p/link" "$DATA"
expect_exit 3 "--out a link"
expect_err "link: a symbolic link, not a directory" "--out a link"
rm "$WORK/p/link"
unchanged "--out a link"
(cd "$WORK/p" && "$TTFV" report --quiet --out . "$OLDPWD/$DATA" >/dev/null 2>"$WORK/err")
[ $? = 3 ] && ok || bad "--out . accepted"
expect_err "--out must name the report's own directory" "--out ."

# `ttfv chart --out` into a FIFO nobody reads is an error at once, not
# a wait; a device is written in place
mkfifo "$WORK/chart.fifo"
run timeout 20 "$TTFV" chart funnel --out "$WORK/chart.fifo" "$DATA"
expect_exit 3 "chart into a FIFO without a reader"
expect_err "chart.fifo: cannot open: No such device or address" "chart FIFO"
run sh -c "'$TTFV' chart funnel --format svg --out /dev/stdout '$DATA' | head -c 4"
expect_out "<?xm" "chart to /dev/stdout through a pipe"

# the user's files and directories beside the report are kept, the same
# inodes; what an older ttfv's killed run left (report.html.tmp-XXXXXX)
# goes; a file named like one but not beside a report file stays
fresh
mkdir -p "$R/mine/deeper"
echo deep >"$R/mine/deeper/x"
ln -s notes.txt "$R/notes.link"
: >"$R/report.html.tmp-AbC123"
: >"$R/charts/funnel.png.tmp-x1Y2z3"
: >"$R/notes.tmp-AbC123"
ino=$(stat -c %i "$R/notes.txt")
snap
publish
expect_exit 0 "beside the user's files"
[ "$(stat -c %i "$R/notes.txt")" = "$ino" ] && ok || bad "notes.txt is not the same file"
[ "$(cat "$R/mine/deeper/x")" = deep ] && ok || bad "mine/deeper/x lost"
[ "$(readlink "$R/notes.link")" = notes.txt ] && ok || bad "a link of the user's changed"
[ -e "$R/notes.tmp-AbC123" ] && ok || bad "notes.tmp-AbC123 (the user's) removed"
[ -z "$(find "$R" -name '*.tmp-??????' ! -name notes.tmp-AbC123)" ] && ok ||
	bad "an old run's temporaries stayed: $(find "$R" -name '*.tmp-*')"
cmp -s "$R/report.md" "$WORK/ref_new/report.md" && ok || bad "report.md is not the new one"
[ "$(ls -A "$WORK/p")" = r ] && ok || bad "left beside the report: $(ls -A "$WORK/p")"

# 2. what a killed run of this version left beside the report (a staging
# directory, the old report moved aside) is cleared by the next run; an
# old report moved aside with no report in place is put back first
fresh
mkdir -p "$WORK/p/.r.new-QwErTy/charts"
: >"$WORK/p/.r.new-QwErTy/report.md"
cp -R "$WORK/ref" "$WORK/p/.r.old-AsDfGh"
mkdir "$WORK/p/.r.unrelated"
snap
publish
expect_exit 0 "after a killed run"
[ "$(ls -A "$WORK/p" | tr '\n' ' ')" = ".r.unrelated r " ] && ok ||
	bad "after a killed run: $(ls -A "$WORK/p" | tr '\n' ' ')"
rm -rf "$WORK/p"
mkdir -p "$WORK/p"
cp -R "$WORK/ref" "$WORK/p/.r.old-AsDfGh"
echo mine >"$WORK/p/.r.old-AsDfGh/notes.txt"
run "$TTFV" report --quiet --format json --out "$R" --as-of 2026-03-01 "$DATA"
expect_exit 0 "old report put back"
[ "$(cat "$R/notes.txt" 2>/dev/null)" = mine ] && ok || bad "the moved-aside report was not put back"
[ "$(ls -A "$WORK/p")" = r ] && ok || bad "old put back: left $(ls -A "$WORK/p")"

# 3. five runs at once into one --out end as one whole report of one of
# them, and nothing beside it.  In the first round strace makes the
# first run's renames take 100 ms each and the others' writes 20 ms, so
# that the others publish while the first one still does (renamed one by
# one, the files would end up from different runs).
slow_run() {
	calls=$1
	d=$2
	shift 2
	strace -qq -o /dev/null -e trace="$calls" \
		-e inject="$calls":delay_exit="$d" "$@"
}
SLOW=
if command -v strace >/dev/null 2>&1 && strace -qq -o /dev/null true 2>/dev/null; then
	SLOW=1
fi
for round in 1 2 3; do
	rm -rf "$WORK/p" "$WORK/c"
	mkdir -p "$WORK/p" "$WORK/c"
	for day in 01 02 03 04 05; do
		"$TTFV" report --quiet --out "$WORK/c/$day" --as-of "2026-02-$day" "$DATA"
	done
	for day in 01 02 03 04 05; do
		if [ -n "$SLOW" ] && [ $day = 01 ]; then
			slow_run rename,renameat2 100000 "$TTFV" report --quiet --out "$R" --as-of "2026-02-$day" "$DATA" &
		elif [ -n "$SLOW" ]; then
			slow_run write 20000 "$TTFV" report --quiet --out "$R" --as-of "2026-02-$day" "$DATA" &
		else
			"$TTFV" report --quiet --out "$R" --as-of "2026-02-$day" "$DATA" &
		fi
	done
	wait
	SLOW=
	match=
	for day in 01 02 03 04 05; do
		diff -r "$R" "$WORK/c/$day" >/dev/null 2>&1 && match=$day
	done
	[ -n "$match" ] && ok || bad "five runs at once, round $round: a mixed report"
	[ "$(ls -A "$WORK/p")" = r ] && ok || bad "five runs: left $(ls -A "$WORK/p")"
done

# A file system that cannot exchange (renameat2 says EINVAL): the old
# report is moved aside, the new one renamed in.  Killed between the two,
# the next run puts the old one back before publishing.
if command -v strace >/dev/null 2>&1 && strace -qq -o /dev/null true 2>/dev/null; then
	fresh
	strace -qq -o /dev/null -e trace=renameat2 -e inject=renameat2:error=EINVAL \
		"$TTFV" report --quiet --out "$R" --as-of 2026-03-01 "$DATA" 2>"$WORK/err"
	[ $? = 0 ] && ok || bad "fallback: failed: $(cat "$WORK/err")"
	rm "$R/notes.txt"
	diff -r "$R" "$WORK/ref_new" >/dev/null && ok || bad "fallback: not the new report"
	[ "$(ls -A "$WORK/p")" = r ] && ok || bad "fallback: left $(ls -A "$WORK/p")"
	for n in 1 2; do
		fresh
		snap
		strace -qq -o /dev/null -e trace=renameat2,renameat \
			-e inject=renameat2:error=EINVAL -e inject=renameat:signal=KILL:when=$n \
			"$TTFV" report --quiet --out "$R" --as-of 2026-03-01 "$DATA" 2>/dev/null
		# killed before the first rename: the old report; between the
		# two: none in place, the old one aside
		if [ -d "$R" ]; then
			listing >"$WORK/after.lst"
			cmp -s "$WORK/before.lst" "$WORK/after.lst" && ok ||
				bad "fallback kill $n: the previous report changed"
		else
			[ -d "$(echo "$WORK"/p/.r.old-*)" ] && ok || bad "fallback kill $n: the old report is gone"
		fi
		run "$TTFV" report --quiet --format json --out "$R" --as-of 2026-03-01 "$DATA"
		expect_exit 0 "fallback kill $n: next run"
		[ "$(cat "$R/notes.txt")" = mine ] && ok || bad "fallback kill $n: notes lost"
		cmp -s "$R/report.md" "$WORK/ref/report.md" && ok || bad "fallback kill $n: the old report.md is not back"
		[ "$(ls -A "$WORK/p")" = r ] && ok || bad "fallback kill $n: left $(ls -A "$WORK/p")"
	done
	# the second rename fails: the old report goes back, exit 3
	fresh
	snap
	strace -qq -o /dev/null -e trace=renameat2,renameat \
		-e inject=renameat2:error=EINVAL -e inject=renameat:error=EIO:when=2 \
		"$TTFV" report --quiet --out "$R" --as-of 2026-03-01 "$DATA" 2>"$WORK/err"
	[ $? = 3 ] && ok || bad "fallback, second rename fails: not exit 3"
	unchanged "fallback, second rename fails"
fi
finish cli_publish_hostile
