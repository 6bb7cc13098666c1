/// Why journald did not take an entry: the error number that `sd_journal_sendv` returned.
///
/// Typical values are `ENOENT` or `ECONNREFUSED` (no journald listens on its socket), `EMSGSIZE` or `ENOBUFS`
/// (the entry is too large, even for libsystemd's fallback through a memfd) and `EINVAL` (an empty entry).
package struct JournalWriteError: Error, Sendable, Equatable, CustomStringConvertible {
    /// The positive `errno` value, e.g. `ECONNREFUSED`.
    package let errno: Int32

    package init(errno: Int32) {
        self.errno = errno
    }

    /// The system's text for the error number, e.g. `Connection refused (errno 111)`.
    package var description: String {
        "\(Posix.reason(errno)) (errno \(errno))"
    }
}
