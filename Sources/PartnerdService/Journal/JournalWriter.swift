import CSystemd

import Glibc

/// Sends structured entries to journald through libsystemd's `sd_journal_sendv`.
///
/// libsystemd talks to journald's native socket, `/run/systemd/journal/socket`, and keeps one socket open per
/// process, so a `JournalWriter` is cheap to create and to copy. Each field goes in its own `iovec` as
/// `NAME=value`; libsystemd switches a value that contains a newline to the protocol's length-prefixed form,
/// so multi-line values arrive intact. `sd_journal_sendv` may be called from several threads at once. A send can
/// block briefly when journald is behind, as a datagram send to a full socket does.
package struct JournalWriter: JournalSink {
    /// The datagram socket journald listens on for native-protocol entries.
    package static let socketPath = "/run/systemd/journal/socket"

    package init() {}

    /// Sends `entry` as one journal entry.
    ///
    /// - Throws: ``JournalWriteError`` with the error number from `sd_journal_sendv` when journald did not take
    ///   the entry (no journald running, socket buffer full, entry empty or too large).
    package func send(_ entry: JournalEntry) throws(JournalWriteError) {
        guard !entry.fields.isEmpty else { throw JournalWriteError(errno: EINVAL) }

        // All fields go into one contiguous buffer, so that every iovec can point into it while it is pinned.
        var buffer: [UInt8] = []
        var ranges: [Range<Int>] = []
        ranges.reserveCapacity(entry.fields.count)
        for field in entry.fields {
            let start = buffer.count
            buffer.append(contentsOf: field.name.rawValue.utf8)
            buffer.append(UInt8(ascii: "="))
            buffer.append(contentsOf: field.value.utf8)
            ranges.append(start..<buffer.count)
        }

        let result: Int32 = buffer.withUnsafeMutableBytes { bytes in
            guard let base = bytes.baseAddress else { return -EINVAL }
            let vectors = ranges.map { range in
                iovec(iov_base: base + range.lowerBound, iov_len: range.count)
            }
            return vectors.withUnsafeBufferPointer { pointer in
                sd_journal_sendv(pointer.baseAddress, Int32(pointer.count))
            }
        }
        if result < 0 {
            throw JournalWriteError(errno: -result)
        }
    }
}
