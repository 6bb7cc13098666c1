#!/usr/bin/env bash
# `make bench`: installs the peers, builds the release binaries as `make install` does and the benchmark
# helper, starts a journald when none runs, and runs Tests/Benchmarks/bench.py, which prints the table and updates
# Tests/Benchmarks/RESULTS.md.
#
# `scripts/bench.sh --smoke` (run by `make test`): the same rows on tiny inputs with the debug build, a few
# seconds each; it fails only when a benchmark is broken, never because of a timing.
#
# `scripts/bench.sh --rows 7,9,12` (either mode): only those rows; RESULTS.md is left as it is.
set -euo pipefail
cd "$(dirname "$0")/.."

mode=full
rows=()
while [ $# -gt 0 ]; do
    case $1 in
        --smoke) mode=smoke ;;
        --rows) rows=(--rows "$2"); shift ;;
        *) echo "usage: scripts/bench.sh [--smoke] [--rows N,N,...]" >&2; exit 2 ;;
    esac
    shift
done

# What the benchmarks add to the test dependencies: the peers, cron, and GNU time for peak memory.
scripts/install-deps.sh
scripts/install-deps.sh --packages remind wrk nginx cron util-linux libical-dev libtomlplusplus-dev g++ time

if [ "$mode" = full ]; then
    configuration=release
    work=bench-out/full
    results=(--results Tests/Benchmarks/RESULTS.md)
else
    configuration=debug
    work=bench-out/smoke
    results=()
fi

if [ "$mode" = full ]; then
    # The programs that `make install` installs (the static release build in .build-release, which `make test`
    # builds too), so that the figures are those of the daemon a system runs.
    scripts/install.sh --build-only
    bin_dir=.build-release/release
else
    swift build -c "$configuration" --product partnerd
    swift build -c "$configuration" --product partnerctl
    bin_dir=$(swift build -c "$configuration" --show-bin-path)
fi

# recurrence-bench and toml-bench are executable targets of the main package, built above with the programs;
# dispatch-idle is one file without dependencies.
mkdir -p .build-bench
if [ ! .build-bench/dispatch-idle -nt Tests/Benchmarks/Sources/DispatchIdle/main.swift ]; then
    swiftc -O Tests/Benchmarks/Sources/DispatchIdle/main.swift -o .build-bench/dispatch-idle
fi
helper=(--dispatch-idle .build-bench/dispatch-idle --helper-dir "$bin_dir")
if [ "$mode" != full ]; then
    swift build -c "$configuration" --product recurrence-bench
    swift build -c "$configuration" --product toml-bench
fi

journald_pidfile=.build-bench/journald.pid
stop_journald() { PARTNERD_JOURNALD_PIDFILE=$journald_pidfile sh scripts/stop-journald.sh; }
trap stop_journald EXIT
PARTNERD_JOURNALD_PIDFILE=$journald_pidfile sh scripts/start-journald.sh >&2 || true

args=(--bin-dir "$bin_dir" --python .venv/bin/python --work "$work" "${helper[@]}")
[ "$mode" = smoke ] && args+=(--smoke)
args+=("${rows[@]}")
.venv/bin/python Tests/Benchmarks/bench.py "${args[@]}" "${results[@]}"
