import Logging

import Glibc

/// Where partnerd's log records go: `--log-target journald` or `--log-target stderr`.
///
/// `--log-target auto` is resolved once at start by ``automatic(environment:journalSocketPath:)``.
package enum LogTarget: String, Sendable, CaseIterable {
    /// Structured entries through ``JournalLogHandler``.
    case journald
    /// One line per record through ``StderrLogHandler``.
    case stderr

    /// What `--log-target auto` means here and now.
    ///
    /// journald when `$JOURNAL_STREAM` is set (systemd connected standard error to the journal, so the service
    /// runs under systemd) or when journald's native socket accepts a datagram connection (journald runs, e.g.
    /// for a daemon started from a shell on a systemd host); standard error otherwise.
    package static func automatic(
        environment: [String: String],
        journalSocketPath: String = JournalWriter.socketPath
    ) -> LogTarget {
        if let stream = environment["JOURNAL_STREAM"], !stream.isEmpty {
            return .journald
        }
        return acceptsDatagrams(at: journalSocketPath) ? .journald : .stderr
    }

    /// Whether standard error is the journal stream systemd set up (`$JOURNAL_STREAM` is `device:inode` of it, and
    /// fd 2 still is that file): then a line on standard error is a second journal entry, not a line on a terminal.
    package static func standardErrorIsJournal(environment: [String: String]) -> Bool {
        guard let stream = environment["JOURNAL_STREAM"] else { return false }
        let parts = stream.split(separator: ":")
        guard parts.count == 2, let device = UInt64(parts[0]), let inode = UInt64(parts[1]) else { return false }
        var info = stat()
        guard fstat(2, &info) == 0 else { return false }
        return UInt64(info.st_dev) == device && UInt64(info.st_ino) == inode
    }

    /// A swift-log handler writing to this target, for `LoggingSystem.bootstrap`.
    ///
    /// On standard error, lines carry no timestamp when `$JOURNAL_STREAM` says journald already stamps them.
    package func makeLogHandler(label: String, environment: [String: String]) -> any LogHandler {
        switch self {
        case .journald:
            JournalLogHandler(label: label)
        case .stderr:
            StderrLogHandler(label: label, timestamps: (environment["JOURNAL_STREAM"] ?? "").isEmpty)
        }
    }

    /// Whether a datagram socket can connect to the Unix socket at `path` (a listening journald).
    static func acceptsDatagrams(at path: String) -> Bool {
        let descriptor = socket(AF_UNIX, Int32(SOCK_DGRAM.rawValue) | Int32(SOCK_CLOEXEC.rawValue), 0)
        guard descriptor >= 0 else { return false }
        defer { close(descriptor) }

        var address = sockaddr_un()
        address.sun_family = sa_family_t(AF_UNIX)
        let pathBytes = Array(path.utf8)
        let capacity = MemoryLayout.size(ofValue: address.sun_path)
        guard pathBytes.count < capacity else { return false }
        withUnsafeMutableBytes(of: &address.sun_path) { buffer in
            buffer.copyBytes(from: pathBytes)
        }
        let length = socklen_t(MemoryLayout<sa_family_t>.size + pathBytes.count + 1)
        let result = withUnsafePointer(to: &address) { pointer in
            pointer.withMemoryRebound(to: sockaddr.self, capacity: 1) { connect(descriptor, $0, length) }
        }
        return result == 0
    }
}
