/// A point on the UTC timeline, in whole seconds since the Unix epoch.
///
/// Reminders are scheduled to the second; a plain integer keeps Core free of `Date` rounding and makes
/// instants cheap to compare and hash in the scheduler's heap.
public struct Instant: Sendable, Hashable, Comparable, Codable, CustomStringConvertible {
    public var secondsSinceEpoch: Int64

    public init(secondsSinceEpoch: Int64) {
        self.secondsSinceEpoch = secondsSinceEpoch
    }

    public static func < (lhs: Instant, rhs: Instant) -> Bool { lhs.secondsSinceEpoch < rhs.secondsSinceEpoch }

    public func adding(seconds: Int64) -> Instant { Instant(secondsSinceEpoch: secondsSinceEpoch + seconds) }

    public func seconds(until other: Instant) -> Int64 { other.secondsSinceEpoch - secondsSinceEpoch }

    /// The same instant as a UTC wall time.
    public var utc: LocalDateTime { LocalDateTime(wallSeconds: secondsSinceEpoch) }

    /// `YYYYMMDDTHHMMSSZ`, the iCalendar UTC form (RFC 5545 §3.3.5).
    public var basicUTCFormat: String { utc.basicFormat + "Z" }

    /// ISO 8601 in UTC, `2022-11-26T09:00:00Z`.
    public var description: String { "\(utc)Z" }
}
