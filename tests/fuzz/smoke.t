#!/usr/bin/env bash
# Every libFuzzer target (tests/fuzz/fuzz_*.c, built by tests/fuzz/Makefile) runs a fixed
# number of inputs from its seed corpus, with a fixed seed: a crash, a sanitizer report
# or a leak fails its test point. New inputs go to a scratch directory, never the repo.
. "$(dirname "$0")/../lib/tap.sh"
RUNS=${FUZZ_RUNS:-20000}
bins=("$TOUT"/fuzz/fuzz_*)
plan ${#bins[@]}
for bin in "${bins[@]}"; do
	name=$(basename "$bin")
	name=${name#fuzz_}
	seeds=$TOP/tests/fuzz/corpus/$name
	scratch=$(mktemp -d)
	log=$LOGS/fuzz-$name.log
	if "$bin" -runs="$RUNS" -seed=1 -max_len=4096 -rss_limit_mb=1024 \
		-artifact_prefix="$LOGS/fuzz-$name-" "$scratch" \
		$([ -d "$seeds" ] && echo "$seeds") >"$log" 2>&1; then
		pass "fuzz $name: $RUNS inputs, no crash"
	else
		fail "fuzz $name: crashed (see ${log#$TOP/})" "$(grep -m1 -E 'ERROR|SUMMARY|deadly' "$log")"
	fi
	rm -rf "$scratch"
done
