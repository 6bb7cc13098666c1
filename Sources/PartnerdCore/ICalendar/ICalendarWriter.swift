/// Accumulates an iCalendar stream: UTF-8 without a byte order mark, CRLF line ends, folded lines
/// (RFC 5545 §3.1, §3.4).
struct ICalendarWriter: Sendable {
    private(set) var bytes: [UInt8] = []

    init() {
        bytes.reserveCapacity(16_384)
    }

    /// A writer for about `capacity` bytes (a small part of a feed).
    init(capacity: Int) {
        bytes.reserveCapacity(capacity)
    }

    /// `BEGIN:<component>` (RFC 5545 §3.4, §3.6).
    mutating func begin(_ component: String) {
        write(ContentLine("BEGIN", component))
    }

    /// `END:<component>`.
    mutating func end(_ component: String) {
        write(ContentLine("END", component))
    }

    mutating func write(_ line: ContentLine) {
        ContentLine.fold(line.unfolded, into: &bytes)
    }

    /// The bytes written so far, handed over: the writer starts again empty (for output written as it goes).
    mutating func takeBytes() -> [UInt8] {
        defer { bytes.removeAll(keepingCapacity: true) }
        return bytes
    }

    /// Appends lines another writer produced (already folded).
    mutating func append(_ other: [UInt8]) {
        bytes += other
    }

    mutating func write(_ lines: [ContentLine]) {
        for line in lines { write(line) }
    }
}
