/// The first occurrence of a recurring event (its iCalendar `DTSTART`), and the type of every other one.
///
/// RFC 5545 distinguishes `DATE` starts (all-day events) from `DATE-TIME` starts, and the kind decides
/// which `UNTIL`, `EXDATE` and `RDATE` values fit and whether `BYHOUR` and friends apply (§3.3.10). An
/// enum keeps that choice explicit rather than hiding it in a flag beside a wall time. Timed starts are
/// wall times in the event's zone, which ``RecurrenceSet`` carries.
public enum RecurrenceStart: Sendable, Hashable, Comparable, CustomStringConvertible {
    /// An all-day start, the iCalendar `VALUE=DATE`.
    case date(LocalDate)
    /// A timed start: a wall time in the event's zone.
    case dateTime(LocalDateTime)

    /// The wall time of the start; midnight for an all-day start.
    public var wallTime: LocalDateTime {
        switch self {
        case .date(let date): LocalDateTime(date: date, time: .midnight)
        case .dateTime(let wall): wall
        }
    }

    /// The calendar day of the start.
    public var date: LocalDate { wallTime.date }

    /// Whether this is an all-day (`DATE`) start.
    public var isAllDay: Bool {
        if case .date = self { return true }
        return false
    }

    /// Orders by wall time; at the same wall time a date comes before a date-time, so that the order
    /// agrees with equality.
    public static func < (lhs: RecurrenceStart, rhs: RecurrenceStart) -> Bool {
        if lhs.wallTime != rhs.wallTime { return lhs.wallTime < rhs.wallTime }
        return lhs.isAllDay && !rhs.isAllDay
    }

    /// `YYYY-MM-DD` for a date, `YYYY-MM-DDTHH:MM:SS` for a wall time.
    public var description: String {
        switch self {
        case .date(let date): date.description
        case .dateTime(let wall): wall.description
        }
    }
}
