/// A parsed iCalendar recurrence rule (the `RRULE` value, RFC 5545 §3.3.10).
///
/// The rule is pure data: it says how often and on which days and times an event repeats, but not
/// from when. Expanding it needs a start and a zone, which ``RecurrenceSet`` supplies. Lists hold
/// each value once, in ascending order, so that equal rules compare equal however they were written.
public struct RecurrenceRule: Sendable, Hashable {
    /// How far apart the periods of the rule are (the iCalendar `FREQ`).
    ///
    /// The cases are ordered from the shortest period to the longest, which the expand/limit table of
    /// RFC 5545 §3.3.10 relies on.
    public enum Frequency: Int, Sendable, Hashable, Comparable, CaseIterable {
        case secondly, minutely, hourly, daily, weekly, monthly, yearly

        /// Orders by the length of the period, `secondly` first.
        public static func < (lhs: Frequency, rhs: Frequency) -> Bool { lhs.rawValue < rhs.rawValue }
    }

    /// The inclusive bound of the rule (the iCalendar `UNTIL`).
    ///
    /// RFC 5545 §3.3.10 wants a `DATE` when the start is a date and a UTC `DATE-TIME` otherwise;
    /// a local date-time without `Z` is accepted as well and read as wall time in the event's zone.
    public enum Until: Sendable, Hashable {
        /// `UNTIL=YYYYMMDD`: occurrences on this date or before.
        case date(LocalDate)
        /// `UNTIL=YYYYMMDDTHHMMSSZ`: occurrences whose instant is this one or earlier.
        case instant(Instant)
        /// `UNTIL=YYYYMMDDTHHMMSS`: occurrences at this wall time or earlier, in the event's zone.
        case localDateTime(LocalDateTime)
    }

    /// One entry of the iCalendar `BYDAY` list: a weekday, optionally with its ordinal.
    ///
    /// Without an ordinal it means every such weekday of the period; with one, the nth (from the end
    /// when negative) such weekday of the month or year (RFC 5545 §3.3.10).
    public struct WeekdaySelector: Sendable, Hashable, Comparable {
        /// `nil` for every such weekday; otherwise 1 ... 53 or -53 ... -1.
        public let ordinal: Int?
        /// The day of the week selected.
        public let weekday: Weekday

        /// A selector for `weekday`, every one of them when `ordinal` is `nil`.
        public init(_ weekday: Weekday, ordinal: Int? = nil) {
            self.weekday = weekday
            self.ordinal = ordinal
        }

        /// Orders plain weekdays first, then by ordinal, then by weekday, for a stable canonical text.
        public static func < (lhs: WeekdaySelector, rhs: WeekdaySelector) -> Bool {
            let left = (lhs.ordinal == nil ? 0 : 1, lhs.ordinal ?? 0, lhs.weekday.rawValue)
            let right = (rhs.ordinal == nil ? 0 : 1, rhs.ordinal ?? 0, rhs.weekday.rawValue)
            return left < right
        }
    }

    /// The iCalendar `FREQ`.
    public var frequency: Frequency
    /// The iCalendar `INTERVAL`: every how many periods the rule repeats; at least 1.
    public var interval: Int
    /// The iCalendar `COUNT`: how many occurrences, the start included; `nil` when unbounded or bounded by ``until``.
    public var count: Int?
    /// The iCalendar `UNTIL`.
    public var until: Until?
    /// The iCalendar `BYSECOND` (0 ... 60).
    public var seconds: [Int]
    /// The iCalendar `BYMINUTE` (0 ... 59).
    public var minutes: [Int]
    /// The iCalendar `BYHOUR` (0 ... 23).
    public var hours: [Int]
    /// The iCalendar `BYDAY`.
    public var weekdays: [WeekdaySelector]
    /// The iCalendar `BYMONTHDAY` (1 ... 31 or -31 ... -1).
    public var monthDays: [Int]
    /// The iCalendar `BYYEARDAY` (1 ... 366 or -366 ... -1).
    public var yearDays: [Int]
    /// The iCalendar `BYWEEKNO` (1 ... 53 or -53 ... -1).
    public var weekNumbers: [Int]
    /// The iCalendar `BYMONTH` (1 ... 12).
    public var months: [Int]
    /// The iCalendar `BYSETPOS` (1 ... 366 or -366 ... -1).
    public var setPositions: [Int]
    /// The iCalendar `WKST`: the first day of a week for weekly intervals and week numbers; Monday by default.
    public var weekStart: Weekday

    /// A rule from its parts; lists are sorted and stripped of repeated values.
    ///
    /// This does not check the combinations RFC 5545 forbids; ``init(parsing:)`` does.
    public init(
        frequency: Frequency, interval: Int = 1, count: Int? = nil, until: Until? = nil,
        seconds: [Int] = [], minutes: [Int] = [], hours: [Int] = [], weekdays: [WeekdaySelector] = [],
        monthDays: [Int] = [], yearDays: [Int] = [], weekNumbers: [Int] = [], months: [Int] = [],
        setPositions: [Int] = [], weekStart: Weekday = .monday
    ) {
        self.frequency = frequency
        self.interval = interval
        self.count = count
        self.until = until
        self.seconds = Self.normalized(seconds)
        self.minutes = Self.normalized(minutes)
        self.hours = Self.normalized(hours)
        self.weekdays = Self.normalized(weekdays)
        self.monthDays = Self.normalized(monthDays)
        self.yearDays = Self.normalized(yearDays)
        self.weekNumbers = Self.normalized(weekNumbers)
        self.months = Self.normalized(months)
        self.setPositions = Self.normalized(setPositions)
        self.weekStart = weekStart
    }

    static func normalized<Value: Comparable & Hashable>(_ values: [Value]) -> [Value] {
        if values.indices.dropFirst().allSatisfy({ values[$0 - 1] < values[$0] }) { return values }
        return Array(Set(values)).sorted()
    }
}
