#!/bin/sh
# cli_man.sh - the man pages: mandoc -T lint finds no warning, man renders
# them without a groff warning, ttfv.1 documents every option `ttfv --help`
# lists and ttfv.ini.5 every config key; `make install` puts the binary,
# both pages and the bash completion under DESTDIR/PREFIX; the completion
# offers what the binary takes.  Without mandoc (make deps installs it
# when root) its check is skipped, and said.
. tests/lib.sh

if command -v mandoc >/dev/null 2>&1; then
	run mandoc -T lint -W warning man/ttfv.1 man/ttfv.ini.5
	expect_exit 0 "mandoc -T lint"
	[ -s "$WORK/out" ] && bad "mandoc: $(cat "$WORK/out")" || ok
else
	skip "mandoc is not installed: man page lint"
fi
for page in man/ttfv.1 man/ttfv.ini.5; do
	MANWIDTH=80 man --warnings -l "$page" >"$WORK/page" 2>"$WORK/err"
	code=$?
	expect_exit 0 "man -l $page"
	[ -s "$WORK/err" ] && bad "man -l $page: $(head -c 600 "$WORK/err")" || ok
	grep -q "SYNOPSIS\|DESCRIPTION" "$WORK/page" && ok || bad "$page: nothing rendered"
done

# every option of --help is in ttfv.1 (as "\-name" in its mdoc source)
"$TTFV" --help | grep -o -- '--[a-z][a-z-]*' | sort -u | while read -r o; do
	grep -qF -- "\\-${o#--}" man/ttfv.1 || echo "ttfv.1 does not document $o"
done >"$WORK/undoc"
[ -s "$WORK/undoc" ] && bad "$(cat "$WORK/undoc")" || ok
# every chart and template too
for name in $("$TTFV" help charts | sed 's/^ *[a-z]*: *//; s/,/ /g') \
	$("$TTFV" help templates | sed 's/^ *[a-z]*: *//; s/,/ /g'); do
	grep -q "^\.Cm $name\( \|$\)" man/ttfv.1 || echo "ttfv.1 does not name $name"
done >"$WORK/undoc"
[ -s "$WORK/undoc" ] && bad "$(cat "$WORK/undoc")" || ok
# every key of every table of config keys is in ttfv.ini.5
tables=$(grep -o 'const char \*const [a-z]*_keys\[\]' gen/config_keys.c | sed 's/.* \([a-z]*_keys\).*/\1/')
[ -n "$tables" ] && ok || bad "no key tables found in gen/config_keys.c"
for table in $tables; do
	sed -n "/const char \*const $table\[\] = {/,/NULL}/p" gen/config_keys.c |
		grep -o '"[a-z0-9_]*"' | tr -d '"'
done | sort -u | while read -r k; do
	grep -q "^\.It Cm $k\( \|$\)" man/ttfv.ini.5 || echo "ttfv.ini.5 does not document $k"
done >"$WORK/undoc"
[ -s "$WORK/undoc" ] && bad "$(cat "$WORK/undoc")" || ok
# and every section config.c knows
sections=$(sed -n '/static const char \*const kinds\[\] = {/,/NULL}/p' gen/config.c | grep -o '"[a-z]*"' | tr -d '"')
[ -n "$sections" ] && ok || bad "no section names found in gen/config.c"
for sec in $sections; do
	grep -q "^\.Ss \[$sec" man/ttfv.ini.5 && ok || bad "ttfv.ini.5 has no [$sec] section"
done

# make install, staged
case $TEST_BUILD in
build-san) san="SAN=1" ;;
*) san="" ;;
esac
MAKEFLAGS= make -s --no-print-directory install BUILD="$TEST_BUILD" $san \
	DESTDIR="$WORK/root" PREFIX=/usr \
	>"$WORK/out" 2>"$WORK/err" || bad "make install: $(cat "$WORK/err")"
for f in bin/ttfv share/man/man1/ttfv.1 share/man/man5/ttfv.ini.5 \
	share/bash-completion/completions/ttfv; do
	[ -f "$WORK/root/usr/$f" ] && ok || bad "make install: no /usr/$f"
done
[ -x "$WORK/root/usr/bin/ttfv" ] && ok || bad "make install: ttfv not executable"

# bash completion: commands, chart names, a command's options, templates
if command -v bash >/dev/null 2>&1; then
	cat >"$WORK/comp.bash" <<'SH'
. completion/ttfv.bash
t() { COMP_WORDS=("$@"); COMP_CWORD=$((${#COMP_WORDS[@]} - 1)); COMPREPLY=(); _ttfv; echo "${COMPREPLY[*]}"; }
t "$TTFV" ch
t "$TTFV" chart --size 1920x1080 f
t "$TTFV" report --acc
t "$TTFV" report --template le
t "$TTFV" help exit
SH
	bash "$WORK/comp.bash" >"$WORK/comp" 2>&1
	printf '%s\n' "check chart" "funnel" "--account --accounts" "leadership" "exit-codes" >"$WORK/comp_want"
	cmp -s "$WORK/comp" "$WORK/comp_want" && ok ||
		bad "bash completion: $(diff "$WORK/comp_want" "$WORK/comp")"
fi
finish cli_man
