#!/bin/sh
# cli_deps.sh - make deps (tools/deps.sh) with every dependency missing
# (CC=false fails each probe) and a stand-in apt-get that records its
# arguments: as root, each apt-get waits for the dpkg lock
# (DPkg::Lock::Timeout=600) instead of failing when another holds it;
# otherwise the exact sudo command is printed and nothing is run.
. tests/lib.sh

mkdir -p "$WORK/bin"
cat >"$WORK/bin/apt-get" <<SH
#!/bin/sh
echo "\$*" >>"$WORK/apt.log"
SH
chmod +x "$WORK/bin/apt-get"
PATH="$WORK/bin:$PATH" CC=false run sh tools/deps.sh
if [ "$(id -u)" = 0 ]; then
	expect_exit 0 "deps as root"
	expect_out "deps: installing libcsv-dev libcairo2-dev"
	n=$(grep -c . "$WORK/apt.log")
	[ "$n" = 2 ] && ok || bad "deps: $n apt-get runs, expected update and install"
	locked=$(grep -c '^-o DPkg::Lock::Timeout=600 ' "$WORK/apt.log")
	[ "$locked" = "$n" ] && ok || bad "deps: an apt-get without the lock timeout: $(cat "$WORK/apt.log")"
	grep -q '^-o DPkg::Lock::Timeout=600 install -y -qq .*libcsv-dev' "$WORK/apt.log" && ok ||
		bad "deps: install line: $(cat "$WORK/apt.log")"
else
	expect_exit 1 "deps without root"
	expect_err "sudo apt-get update && sudo apt-get install -y libcsv-dev libcairo2-dev"
	[ ! -e "$WORK/apt.log" ] && ok || bad "deps ran apt-get without root"
fi
# the Makefile's own apt-get (make fuzz's clang) waits for the lock too
grep 'apt-get' Makefile | grep -v 'make fuzz needs clang' | grep -vq 'DPkg::Lock::Timeout=600' &&
	bad "Makefile: an apt-get without the lock timeout" || ok
finish cli_deps
