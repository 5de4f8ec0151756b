# cli_fuzz_replay.sh - every fuzz target's corpus under tests/fuzz/NAME/
# (seeds and each input that once crashed) replayed through the target's
# entry point in this build (plain or sanitized): no crash, leak or hang.
. tests/lib.sh
for bin in "$TEST_BUILD"/tests/replay_*; do
	[ -x "$bin" ] || continue
	name=${bin##*/replay_}
	[ -d "tests/fuzz/$name" ] || { bad "$name: no corpus in tests/fuzz/$name"; continue; }
	run timeout 300 "$bin" "tests/fuzz/$name"
	expect_exit 0 "replay $name"
done
finish cli_fuzz_replay
