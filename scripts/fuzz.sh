#!/usr/bin/env bash
# Builds the fuzzers of Tests/Fuzz with libFuzzer and AddressSanitizer and runs each for a set time, starting from
# the committed seed corpus (Tests/Fuzz/Corpus/<target>). New inputs go to .build-fuzz/corpus; an input that crashes
# a fuzzer is written to .build-fuzz/artifacts/<target>/ and the run fails: copy it to Tests/Fuzz/Crashers/<target>/,
# where the Swift tests replay it in every `make test`, then fix the bug.
#
#   scripts/fuzz.sh                 every fuzzer for 600 s (make fuzz; FUZZ_SECONDS=N to change)
#   scripts/fuzz.sh --seconds 30    every fuzzer for 30 s (make test)
set -euo pipefail
cd "$(dirname "$0")/.."

seconds=${FUZZ_SECONDS:-600}
if [ "${1:-}" = "--seconds" ]; then seconds=$2; fi
scratch=.build-fuzz
swift=${SWIFT:-swift}
mkdir -p "$scratch"

"$swift" build --package-path Tests/Fuzz --scratch-path "$scratch" -c release \
    -Xswiftc -sanitize=fuzzer,address -Xswiftc -parse-as-library -Xswiftc -use-ld=lld >"$scratch/build.log" 2>&1 || {
    tail -40 "$scratch/build.log" >&2
    echo "fuzz: the fuzzers did not build (full log: $scratch/build.log)" >&2
    exit 1
}
bin=$("$swift" build --package-path Tests/Fuzz --scratch-path "$scratch" -c release --show-bin-path \
    -Xswiftc -sanitize=fuzzer,address -Xswiftc -parse-as-library -Xswiftc -use-ld=lld)

status=0
for pair in configuration:FuzzConfiguration recurrence:FuzzRecurrence request-head:FuzzRequestHead \
    control-frame:FuzzControlFrame; do
    name=${pair%%:*}
    program=${pair##*:}
    corpus=$scratch/corpus/$name
    artifacts=$scratch/artifacts/$name
    mkdir -p "$corpus" "$artifacts"
    log=$scratch/$name.log
    # -timeout: an input that takes more than 10 s is a hang and counts as a crash; -rss_limit_mb likewise for memory.
    # No leak checks: TOMLKit 0.6.0 leaks every string and key list it hands out (see TOMLNode.parse), which would
    # fail every run. -fork=1 runs the fuzzing in child processes that are started afresh every few seconds, so
    # those leaks cannot add up to the memory limit over a long run, while a real blow-up within one input still does.
    # SWIFT_BACKTRACE=enable=no: the runtime's backtracer would trip AddressSanitizer and hide the real failure.
    if ASAN_OPTIONS=detect_leaks=0 SWIFT_BACKTRACE=enable=no "$bin/$program" -fork=1 -max_total_time="$seconds" \
        -timeout=10 -rss_limit_mb=2048 -detect_leaks=0 -artifact_prefix="$artifacts/" \
        "$corpus" "Tests/Fuzz/Corpus/$name" >"$log" 2>&1; then
        runs=$(grep -o '^#[0-9]*' "$log" | tail -1 | tr -d '#')
        runs=${runs:-?}
        rate=$(awk -v runs="$runs" -v seconds="$seconds" 'BEGIN { if (runs ~ /^[0-9]+$/) printf "%d", runs / seconds; else print "?" }')
        echo "fuzz $name: $runs runs in $seconds s (about $rate/s), no crash"
    else
        status=1
        echo "fuzz $name: FAILED; the input is in $artifacts/ (log: $log)" >&2
        grep -E "ERROR|Assertion|Fatal error|SUMMARY" "$log" | head -20 >&2 || tail -30 "$log" >&2
    fi
done
exit $status
