/// A day of the week, numbered as ISO 8601 does (Monday 1 … Sunday 7).
///
/// ISO numbering keeps week arithmetic (`WKST`, week numbers in RFC 5545 §3.3.10) free of
/// locale-dependent first days.
public enum Weekday: Int, Sendable, Hashable, Comparable, CaseIterable, Codable {
    case monday = 1, tuesday, wednesday, thursday, friday, saturday, sunday

    public static func < (lhs: Weekday, rhs: Weekday) -> Bool { lhs.rawValue < rhs.rawValue }

    /// The number of days from `self` forward to `other` (0 ... 6).
    public func days(to other: Weekday) -> Int {
        (other.rawValue - rawValue + 7) % 7
    }
}
