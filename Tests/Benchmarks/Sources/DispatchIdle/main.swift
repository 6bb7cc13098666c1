// Row 6's baseline: a process that has used Dispatch's global queues once and then has nothing to do.
//
// On Linux, libdispatch without a kernel workqueue runs its own worker-pool monitor, a one-second timer on
// the manager thread (swift-corelibs-libdispatch, src/event/workqueue.c), in every process that touched a
// global queue. Measuring this process beside partnerd separates those wake-ups from partnerd's own.
//
// Usage: dispatch-idle (runs until SIGTERM). One file with no dependencies: scripts/bench.sh compiles it
// with swiftc, so it does not wait for the benchmark package.

import Dispatch

DispatchQueue.global().async {}
DispatchQueue.main.async {}
dispatchMain()
