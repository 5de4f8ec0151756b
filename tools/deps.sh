#!/bin/sh
# Installs the build dependencies that are missing.  libcsv and the
# cmark-gfm extensions ship no .pc file, so every package is checked by
# compiling and linking against its header and library, not by pkg-config.
# Test-only dependencies (a PostgreSQL server, npm for DuckDB's Node.js
# package, mandoc to lint the man pages, sqlite3 to import accounts.csv)
# are installed too when root; without them their tests are skipped, each
# with its reason, so elsewhere they are only named.  apt-get waits up to ten minutes for a dpkg lock
# another apt-get holds (an unattended upgrade on a fresh machine) rather
# than failing.
set -u
CC=${CC:-cc}
tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT

# package  header  library(-l flag or -)
checks='pkg-config - -
libcsv-dev csv.h -lcsv
libcairo2-dev cairo/cairo.h -lcairo
libpng-dev png.h -lpng
zlib1g-dev zlib.h -lz
libfontconfig-dev fontconfig/fontconfig.h -lfontconfig
libcmark-gfm-dev cmark-gfm.h -lcmark-gfm
libcmark-gfm-extensions-dev cmark-gfm-core-extensions.h -lcmark-gfm-extensions
libinih-dev ini.h -linih
libglib2.0-dev glib.h -lglib-2.0
fonts-dejavu-core - -
tzdata - -
python3 - -
r-cran-survival - -
postgresql - -
npm - -
mandoc - -
sqlite3 - -'
# tests only, and their tests are skipped without them: a missing one does
# not stop the build
test_only="postgresql npm mandoc sqlite3"
apt="apt-get -o DPkg::Lock::Timeout=600"

missing=""
have() {
	pkg=$1 hdr=$2 lib=$3
	case $pkg in
	pkg-config) command -v pkg-config >/dev/null 2>&1; return ;;
	fonts-dejavu-core) [ -f /usr/share/fonts/truetype/dejavu/DejaVuSans.ttf ]; return ;;
	# the report timezone's rules (the tests use non-UTC zones)
	tzdata) [ -f /usr/share/zoneinfo/America/New_York ]; return ;;
	python3) command -v python3 >/dev/null 2>&1; return ;;	# tests only
	# tests only: R's survival package computes the expected figures
	r-cran-survival) Rscript -e 'library(survival)' >/dev/null 2>&1; return ;;
	# a server for pg_virtualenv's throwaway clusters (postgresql-common)
	postgresql) command -v pg_virtualenv >/dev/null 2>&1 &&
		ls /usr/lib/postgresql/*/bin/postgres >/dev/null 2>&1; return ;;
	npm) command -v npm >/dev/null 2>&1 && command -v node >/dev/null 2>&1; return ;;
	mandoc) command -v mandoc >/dev/null 2>&1; return ;;
	sqlite3) command -v sqlite3 >/dev/null 2>&1; return ;;
	esac
	inc=""
	flags=""
	[ "$pkg" = libcmark-gfm-extensions-dev ] && inc="#include <cmark-gfm.h>"
	[ "$pkg" = libglib2.0-dev ] && flags="-I/usr/include/glib-2.0 -I/usr/lib/$(uname -m)-linux-gnu/glib-2.0/include"
	printf '%s\n#include <%s>\nint main(void){return 0;}\n' "$inc" "$hdr" > "$tmp/t.c"
	$CC $flags -o "$tmp/t" "$tmp/t.c" $lib >/dev/null 2>&1
}
echo "$checks" | {
	while read -r pkg hdr lib; do
		have "$pkg" "$hdr" "$lib" || missing="$missing $pkg"
	done
	if [ -z "$missing" ]; then
		echo "deps: all build dependencies present"
		exit 0
	fi
	if [ "$(id -u)" = 0 ]; then
		echo "deps: installing$missing"
		export DEBIAN_FRONTEND=noninteractive
		$apt update -qq && $apt install -y -qq$missing >/dev/null || {
			echo "deps: apt-get failed" >&2; exit 1; }
	else
		build=""
		for pkg in $missing; do
			case " $test_only " in *" $pkg "*) ;; *) build="$build $pkg" ;; esac
		done
		echo "deps: missing$missing; run:" >&2
		echo "  sudo apt-get update && sudo apt-get install -y$missing" >&2
		[ -z "$build" ] && echo "deps: (for tests only: their tests are skipped)" >&2
		[ -z "$build" ]
	fi
}
