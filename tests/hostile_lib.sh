# hostile_lib.sh - runs one hostile-input case (a directory of data with
# an `expect` file) through ttfv; sourced by tests/cli_hostile*.sh after
# tests/lib.sh.  The expect format:
#   check N        exit code of `ttfv check DIR`
#   report N       exit code of `ttfv report DIR`; unless 0, nothing written
#   lenient N [K]  exit code of `ttfv report --lenient --format json DIR`;
#                  K rows skipped (report.json's data_quality.rows_skipped)
#   msg TEXT       stderr of every failing run holds TEXT (fixed string)
#   out TEXT       stdout of `ttfv check` holds TEXT
#   dq TEXT        report.md holds TEXT
#   qbr ID         `ttfv report --account ID DIR` exits 0 too
#   args ARGS      extra arguments for every run
#   rargs ARGS     extra arguments for the report runs only
# Every run must finish within HOSTILE_LIMIT seconds (no hang), exit with
# exactly the code expected (no crash), and a written report must be the
# fixed set of files, valid UTF-8, with nothing outside --out.
LIMIT=${HOSTILE_LIMIT:-30}
CHARTS="cohort_curves funnel postmortems risk_calibration sla_attainment ttfv_by_outcome ttfv_trend"

# trun WHAT CMD...: run under the time limit
trun() {
	what=$1
	shift
	[ -z "${HOSTILE_TIMES:-}" ] || t0=$(date +%s.%N)
	run timeout "$LIMIT" "$@" </dev/null
	[ "$code" != 124 ] || bad "$what: took more than $LIMIT s"
	[ -z "${HOSTILE_TIMES:-}" ] ||
		echo "$what: $(awk "BEGIN {print $(date +%s.%N) - $t0}") s" >&2
}

# expect_lines FILE WHAT: stderr holds every line of FILE
expect_lines() {
	while IFS= read -r m; do
		expect_err "$m" "$2"
	done <"$1"
}

# expect_written WHAT [json|qbr]: the report under $WORK/o/a/b/out is
# exactly the fixed files (no name from the data, nothing beside --out), or
# only report.json, or a QBR's (its one chart), in valid UTF-8
expect_written() {
	charts=$CHARTS
	[ "${2:-}" = qbr ] && charts=account_timeline
	(cd "$WORK/o" && find . | sort) >"$WORK/files"
	{
		printf '.\n./a\n./a/b\n./a/b/out\n./a/b/out/report.json\n'
		[ "${2:-}" = json ] && exit
		echo ./a/b/out/charts
		for c in $charts; do
			echo "./a/b/out/charts/$c.png"
			echo "./a/b/out/charts/$c.svg"
		done
		echo ./a/b/out/report.html
		echo ./a/b/out/report.md
	} | sort >"$WORK/want"
	cmp -s "$WORK/files" "$WORK/want" && ok ||
		bad "$1: files written: $(diff "$WORK/want" "$WORK/files" | head -c 400)"
	for f in "$WORK"/o/a/b/out/report.*; do
		iconv -f UTF-8 -t UTF-8 "$f" >/dev/null 2>&1 && ok ||
			bad "$1: ${f##*/} is not valid UTF-8"
	done
}

hostile_case() {
	dir=$1
	name=${dir##*/}
	want_check= want_report= want_len= want_skip= args= rargs= qbr=
	: >"$WORK/msgs"
	: >"$WORK/outs"
	: >"$WORK/dqs"
	while IFS= read -r line; do
		key=${line%% *}
		val=${line#"$key"}
		val=${val# }
		case $key in
		check) want_check=$val ;;
		report) want_report=$val ;;
		lenient)
			want_len=${val%% *}
			want_skip=${val#"$want_len"}
			want_skip=${want_skip# } ;;
		msg) echo "$val" >>"$WORK/msgs" ;;
		out) echo "$val" >>"$WORK/outs" ;;
		dq) echo "$val" >>"$WORK/dqs" ;;
		qbr) qbr=$val ;;
		args) args=$val ;;
		rargs) rargs=$val ;;
		'#'* | '') ;;
		*) bad "$name: unknown directive '$key'" ;;
		esac
	done <"$dir/expect"

	# shellcheck disable=SC2086 # args are words
	trun "$name check" "$TTFV" check $args "$dir"
	expect_exit "$want_check" "$name: check"
	[ "$want_check" = 0 ] || expect_lines "$WORK/msgs" "$name: check"
	while IFS= read -r m; do
		expect_out "$m" "$name: check stdout"
	done <"$WORK/outs"

	rm -rf "$WORK/o"
	# shellcheck disable=SC2086
	trun "$name report" "$TTFV" report --quiet --out "$WORK/o/a/b/out" \
		$args $rargs "$dir"
	expect_exit "$want_report" "$name: report"
	if [ "$want_report" = 0 ]; then
		case " $rargs " in
		*" --format json "*) expect_written "$name: report" json ;;
		*) expect_written "$name: report" ;;
		esac
		while IFS= read -r m; do
			grep -qF -- "$m" "$WORK/o/a/b/out/report.md" && ok ||
				bad "$name: report.md lacks '$m'"
		done <"$WORK/dqs"
	else
		expect_lines "$WORK/msgs" "$name: report"
		[ ! -e "$WORK/o" ] && ok || bad "$name: a refused report wrote files"
	fi

	if [ -n "$want_len" ]; then
		rm -rf "$WORK/o"
		# shellcheck disable=SC2086
		trun "$name lenient" "$TTFV" report --lenient --quiet \
			--format json --out "$WORK/o/a/b/out" $args $rargs "$dir"
		expect_exit "$want_len" "$name: report --lenient"
		if [ "$want_len" = 0 ]; then
			expect_written "$name: report --lenient" json
			grep -qF "\"rows_skipped\": $want_skip," \
				"$WORK/o/a/b/out/report.json" && ok ||
				bad "$name: report.json does not count $want_skip skipped rows"
		else
			expect_lines "$WORK/msgs" "$name: report --lenient"
			[ ! -e "$WORK/o" ] && ok ||
				bad "$name: a refused --lenient report wrote files"
		fi
	fi

	if [ -n "$qbr" ]; then
		rm -rf "$WORK/o"
		# shellcheck disable=SC2086
		trun "$name qbr" "$TTFV" report --quiet --account "$qbr" \
			--out "$WORK/o/a/b/out" $args $rargs "$dir"
		expect_exit 0 "$name: report --account $qbr"
		expect_written "$name: report --account" qbr
	fi
}

