#!/bin/sh
# cli_hostile.sh - the hostile-input corpus of tests/hostile/ (malformed
# CSV, absurd dates, bad SLAs, edge-case populations, names that look like
# paths) through `ttfv check`, `ttfv report` and `ttfv report --lenient`;
# each case's expect file (format in tests/hostile_lib.sh) gives the exit
# codes and the `file:line: column: problem` messages.
. tests/lib.sh
. tests/hostile_lib.sh

for dir in tests/hostile/*/; do
	hostile_case "${dir%/}"
done

finish cli_hostile
