/// A wall-clock date and time with no zone: what a TOML local date-time or an iCalendar
/// `DATE-TIME` with `TZID` says before the zone is applied.
public struct LocalDateTime: Sendable, Hashable, Comparable, Codable, CustomStringConvertible {
    public let date: LocalDate
    public let time: LocalTime

    public init(date: LocalDate, time: LocalTime) {
        self.date = date
        self.time = time
    }

    public init?(year: Int, month: Int, day: Int, hour: Int = 0, minute: Int = 0, second: Int = 0) {
        guard let date = LocalDate(year: year, month: month, day: day),
            let time = LocalTime(hour: hour, minute: minute, second: second)
        else { return nil }
        self.init(date: date, time: time)
    }

    /// Seconds since 1970-01-01T00:00:00 on this wall clock (as if it were UTC).
    public var wallSeconds: Int64 {
        Int64(date.daysSinceEpoch) * 86_400 + Int64(time.secondsSinceMidnight)
    }

    /// The wall time `seconds` after 1970-01-01T00:00:00 (the inverse of ``wallSeconds``).
    public init(wallSeconds seconds: Int64) {
        let days = seconds >= 0 ? seconds / 86_400 : (seconds - 86_399) / 86_400
        let rest = Int(seconds - days * 86_400)
        self.init(date: LocalDate(daysSinceEpoch: Int(days)), time: LocalTime(secondsSinceMidnight: rest))
    }

    /// Moves the wall clock by `seconds`, ignoring any zone.
    public func adding(seconds: Int64) -> LocalDateTime {
        LocalDateTime(wallSeconds: wallSeconds + seconds)
    }

    public static func < (lhs: LocalDateTime, rhs: LocalDateTime) -> Bool {
        lhs.date != rhs.date ? lhs.date < rhs.date : lhs.time < rhs.time
    }

    /// `YYYY-MM-DDTHH:MM:SS`.
    public var description: String {
        guard Digits.fit(date.year, 4) && Digits.fit(time) else { return "\(date)T\(time)" }
        return String(unsafeUninitializedCapacity: 19) { buffer in
            let at = Digits.write("T", buffer, Digits.write(date, separators: true, buffer, 0))
            return Digits.write(time, separators: true, buffer, at)
        }
    }

    /// `YYYYMMDDTHHMMSS`, the iCalendar `DATE-TIME` form without `Z` (RFC 5545 §3.3.5).
    public var basicFormat: String {
        guard Digits.fit(date.year, 4) && Digits.fit(time) else {
            return "\(date.basicFormat)T\(pad(time.hour, 2))\(pad(time.minute, 2))\(pad(time.second, 2))"
        }
        return String(unsafeUninitializedCapacity: 15) { buffer in
            let at = Digits.write("T", buffer, Digits.write(date, separators: false, buffer, 0))
            return Digits.write(time, separators: false, buffer, at)
        }
    }
}
