#!/usr/bin/env bash
# Builds the fuzzers of Tests/Fuzz with libFuzzer and AddressSanitizer and runs each over the committed seed corpus
# (Tests/Fuzz/Corpus/<target>) and crashers (Tests/Fuzz/Crashers/<target>). An input that crashes a fuzzer, leaks,
# or takes more than 10 s is written to .build-fuzz/artifacts/<target>/ and the run fails: copy it to
# Tests/Fuzz/Crashers/<target>/, where the Swift tests replay it in every `make test`, then fix the bug.
#
#   scripts/fuzz.sh                   open-ended: every fuzzer for FUZZ_SECONDS (default 600) s, new inputs kept in
#                                     .build-fuzz/corpus for the next run (make fuzz)
#   scripts/fuzz.sh --seconds N       the same for N seconds
#   scripts/fuzz.sh --replay          deterministic (make test): the committed corpus and crashers only, a fixed
#                                     -seed and a fixed -runs per fuzzer, so a red run repeats exactly
set -euo pipefail
cd "$(dirname "$0")/.."

seconds=${FUZZ_SECONDS:-600}
mode=explore
case "${1:-}" in
    "") ;;
    --seconds) seconds=$2 ;;
    --replay) mode=replay ;;
    *) echo "usage: scripts/fuzz.sh [--seconds N | --replay]" >&2; exit 2 ;;
esac
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

# The toml-test suite's documents (Debian's golang-github-burntsushi-toml-dev), read as further seeds when present.
toml_test=/usr/share/gocode/src/github.com/BurntSushi/toml/internal/toml-test/tests

# fuzz_one NAME PROGRAM RUNS: one fuzzer over its seeds; prints its line, returns non-zero when it found something.
fuzz_one() {
    local name=$1 program=$2 runs=$3
    local artifacts=$scratch/artifacts/$name
    mkdir -p "$artifacts"
    local log=$scratch/$name.log
    local seeds=("Tests/Fuzz/Corpus/$name")
    [ -d "Tests/Fuzz/Crashers/$name" ] && seeds+=("Tests/Fuzz/Crashers/$name")
    local options=(-timeout=10 -rss_limit_mb=2048 -artifact_prefix="$artifacts/")
    case $name in
        configuration | toml)
            options+=(-dict=Tests/Fuzz/toml.dict)
            [ -d "$toml_test/valid" ] && seeds+=("$toml_test/valid" "$toml_test/invalid")
            ;;
        icalendar) options+=(-dict=Tests/Fuzz/icalendar.dict) ;;
    esac
    local corpus what
    if [ "$mode" = replay ]; then
        # A fresh, empty folder first: libFuzzer writes new inputs there, so the committed seeds stay as they are
        # and the next run starts from the same place.
        corpus=$(mktemp -d "$scratch/replay-$name.XXXXXX")
        options+=(-seed=1 -runs="$runs")
        what="$runs runs, seed 1"
    else
        corpus=$scratch/corpus/$name
        mkdir -p "$corpus"
        options+=(-fork=1 -max_total_time="$seconds")
        what="$seconds s"
    fi
    local result=0
    # SWIFT_BACKTRACE=enable=no: the runtime's backtracer would trip AddressSanitizer and hide the real failure.
    if SWIFT_BACKTRACE=enable=no "$bin/$program" "${options[@]}" "$corpus" "${seeds[@]}" >"$log" 2>&1; then
        local runs_done coverage
        runs_done=$(sed -n "s/^Done \([0-9]*\) runs.*/\1/p" "$log" | tail -1)
        [ -n "$runs_done" ] || runs_done=$(grep -o "^#[0-9]*" "$log" | tail -1 | tr -d "#")
        coverage=$(grep -o 'cov: [0-9]*' "$log" | tail -1 | tr -dc '0-9')
        echo "fuzz $name: ${runs_done:-?} runs ($what), coverage ${coverage:-?} edges, no crash"
    else
        result=1
        echo "fuzz $name: FAILED; the input is in $artifacts/ (log: $log)" >&2
        grep -E "ERROR|Assertion|Fatal error|SUMMARY|precondition" "$log" | head -20 >&2 || tail -30 "$log" >&2
    fi
    [ "$mode" = replay ] && rm -rf "$corpus"
    return $result
}

# A libFuzzer process uses one core: the replay runs as many at once as there are cores (each run is its own
# seed and count, so the outcome is the same in any order); open-ended fuzzing gives each fuzzer the machine.
width=1
[ "$mode" = replay ] && width=$(nproc 2>/dev/null || echo 1)
status=0
running=()
# name:program:runs — runs is the fixed count of --replay, sized for about 10 s each (the whole
# `make test` stays under 20 minutes; `make fuzz` is where the fuzzers search).
for spec in configuration:FuzzConfiguration:75000 toml:FuzzTOML:500000 recurrence:FuzzRecurrence:150000 \
    request-head:FuzzRequestHead:100000 control-frame:FuzzControlFrame:100000 icalendar:FuzzICalendar:120000; do
    IFS=: read -r name program runs <<<"$spec"
    if [ "${#running[@]}" -ge "$width" ]; then
        wait "${running[0]}" || status=1
        running=("${running[@]:1}")
    fi
    fuzz_one "$name" "$program" "$runs" &
    running+=($!)
done
for job in "${running[@]}"; do wait "$job" || status=1; done
exit $status
