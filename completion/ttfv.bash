# bash completion for ttfv.  The options, templates and charts are read
# from ttfv's own help, so they are always those of the installed binary.
_ttfv_words() {	# the words of `ttfv help TOPIC` after its label
	"${COMP_WORDS[0]}" help "$1" 2>/dev/null | sed 's/^ *[a-z]*: *//; s/,/ /g'
}

_ttfv() {
	local cur=${COMP_WORDS[COMP_CWORD]} prev=${COMP_WORDS[COMP_CWORD-1]}
	local cmd=${COMP_WORDS[1]} i
	COMPREPLY=()
	if [ "$COMP_CWORD" -eq 1 ]; then
		COMPREPLY=($(compgen -W "report check chart sample sql help --help --version" -- "$cur"))
		return
	fi
	case $prev in
	--template)
		COMPREPLY=($(compgen -W "$(_ttfv_words templates)" -- "$cur") $(compgen -f -- "$cur"))
		return ;;
	--format)
		if [ "$cmd" = chart ]; then
			COMPREPLY=($(compgen -W "png svg pdf" -- "$cur"))
		else
			COMPREPLY=($(compgen -W "md html json csv md,html,json md,html,json,csv" -- "$cur"))
		fi
		return ;;
	--dialect)
		COMPREPLY=($(compgen -W "postgres bigquery snowflake sqlite" -- "$cur"))
		return ;;
	--config|--events|--postmortems|--pauses|--out)
		COMPREPLY=($(compgen -f -- "$cur"))
		return ;;
	--accounts)
		[ "$cmd" = sample ] || COMPREPLY=($(compgen -f -- "$cur"))
		return ;;
	--as-of|--seed|--size|--account|--table|--first-value-event)
		return ;;
	esac
	case $cur in
	-*)
		COMPREPLY=($(compgen -W "$("${COMP_WORDS[0]}" "$cmd" --help 2>/dev/null | grep -o -- '--[a-z-]*' | sort -u)" -- "$cur"))
		return ;;
	esac
	if [ "$cmd" = help ]; then
		COMPREPLY=($(compgen -W "report check chart sample sql templates charts exit-codes" -- "$cur"))
		return
	fi
	if [ "$cmd" = chart ]; then
		# the first operand is the chart's name
		local operands=0
		for ((i = 2; i < COMP_CWORD; i++)); do
			case ${COMP_WORDS[i]} in
			--lenient|--quiet) ;;
			-*) i=$((i + 1)) ;;
			*) operands=$((operands + 1)) ;;
			esac
		done
		if [ "$operands" -eq 0 ]; then
			COMPREPLY=($(compgen -W "$(_ttfv_words charts)" -- "$cur"))
			return
		fi
	fi
	COMPREPLY=($(compgen -f -- "$cur"))
}
complete -o filenames -F _ttfv ttfv
