import CSystemd
import Foundation

/// How many malloc arenas the daemon lets glibc make: one.
///
/// glibc gives a thread that meets contention an arena of its own, up to eight per core, and keeps freed pages in
/// each. The daemon's large work (loading, planning, rendering) runs one job at a time, so the extra arenas only
/// hold the fragments of earlier jobs: with 10,000 partnerships, resident memory after start was about 190 MB with
/// glibc's default and 146 MB with one arena, and with the default it crept up by about 5 MB with every reload of
/// the same config where with one arena it levelled off.
package enum MemoryArenas {
    /// The arenas the daemon keeps unless `MALLOC_ARENA_MAX` says otherwise.
    package static let daemonDefault: Int32 = 1

    /// Limits the arenas to ``daemonDefault`` unless the environment sets `MALLOC_ARENA_MAX` (which glibc reads
    /// itself). Call before the daemon starts its work.
    package static func limit(environment: [String: String] = ProcessInfo.processInfo.environment) {
        guard environment["MALLOC_ARENA_MAX"] == nil else { return }
        _ = mallopt(M_ARENA_MAX, daemonDefault)
    }
}
