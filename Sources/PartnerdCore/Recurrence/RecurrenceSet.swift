/// Every occurrence of one event: its start, its rule, and the dates added and removed by hand.
///
/// This is the recurrence set of RFC 5545 §3.8.5: `DTSTART` is the first instance, the `RRULE` adds
/// its instances, `RDATE` adds single ones, and `EXDATE` removes any of them; duplicates count once.
/// `DTSTART` is an instance (and the first one `COUNT` counts) even where the rule would not produce
/// it; python-dateutil differs there, see `RecurrenceOracleTests`.
/// Occurrences are wall times in ``zone`` (midnight for all-day events); turning them into instants is
/// the caller's job with ``Zone/instant(for:)``, which moves times in a DST gap forward and takes the
/// first of two equal wall times (SPEC.md, "When things happen").
///
/// Expansion is lazy and works one period of the rule at a time. A rule that can never produce again
/// (`FREQ=YEARLY;BYMONTH=2;BYMONTHDAY=30`) ends the sequence once a full calendar cycle of empty periods
/// has passed (400 years for yearly rules, 4,800 months, 20,871 weeks; 100,000 periods for daily and
/// shorter rules), so iterating never hangs.
public struct RecurrenceSet: Sendable {
    /// The first occurrence (`DTSTART`); its kind, all-day or timed, is the kind of every occurrence.
    public let start: RecurrenceStart
    /// The event's zone: it decides a UTC `UNTIL` and what callers do with the wall times.
    public let zone: Zone
    /// The `RRULE`, if the event repeats by rule.
    public let rule: RecurrenceRule?
    /// The `EXDATE` values.
    ///
    /// One of the start's kind removes the occurrence at exactly that wall time; one of the other kind
    /// (a date for a timed event, a date-time for an all-day one) removes every occurrence on its day.
    public let exceptionDates: [RecurrenceStart]
    /// The `RDATE` values.
    ///
    /// A date added to a timed event takes the start's time of day; a date-time added to an all-day
    /// event counts as its day.
    public let recurrenceDates: [RecurrenceStart]

    /// A recurrence set; without a rule and added dates it holds the start alone.
    public init(
        start: RecurrenceStart, zone: Zone, rule: RecurrenceRule? = nil, exceptionDates: [RecurrenceStart] = [],
        recurrenceDates: [RecurrenceStart] = []
    ) {
        self.start = start
        self.zone = zone
        self.rule = rule
        self.exceptionDates = exceptionDates
        self.recurrenceDates = recurrenceDates
    }

    /// The occurrences at or after the wall time `from`, ascending, computed lazily.
    ///
    /// Without `COUNT` the expansion jumps straight to the period that holds `from`; with `COUNT` it has
    /// to count from the start, as RFC 5545 §3.3.10 defines `COUNT` from `DTSTART`. The sequence may be
    /// infinite: take a prefix or stop at a bound.
    public func occurrences(from: LocalDateTime) -> Occurrences {
        Occurrences(set: self, from: from, through: nil)
    }

    /// The occurrences from the wall time `from` through `through`, both inclusive, ascending.
    ///
    /// The bound lets the expansion stop at the end of the range instead of looking for a next occurrence
    /// that may lie years ahead (or, for a rule that has stopped producing, nowhere): use it for a planning
    /// window such as `partnerctl upcoming --from --to`.
    public func occurrences(from: LocalDateTime, through: LocalDateTime) -> Occurrences {
        Occurrences(set: self, from: from, through: through)
    }

    /// All occurrences, ascending, computed lazily (an `RDATE` may come before the start).
    public var occurrences: Occurrences {
        Occurrences(set: self, from: nil, through: nil)
    }

    /// A lazy, possibly infinite, ascending sequence of occurrence wall times.
    public struct Occurrences: Sequence, Sendable {
        let set: RecurrenceSet
        let from: LocalDateTime?
        let through: LocalDateTime?

        /// An iterator over the requested range.
        public func makeIterator() -> Iterator {
            Iterator(set: set, from: from, through: through)
        }
    }

    /// Merges the rule's instances with the added dates, drops the removed ones, and yields each wall time once.
    public struct Iterator: IteratorProtocol, Sendable {
        private var expansion: RecurrenceExpansion?
        private var startPending: Bool
        private let start: LocalDateTime
        private let from: LocalDateTime?
        private let through: LocalDateTime?
        private let additions: [LocalDateTime]
        private var additionIndex = 0
        private let excludedTimes: Set<LocalDateTime>
        private let excludedDays: Set<LocalDate>
        private var peeked: LocalDateTime?
        private var last: LocalDateTime?

        init(set: RecurrenceSet, from: LocalDateTime?, through: LocalDateTime?) {
            let isAllDay = set.start.isAllDay
            start = set.start.wallTime
            self.from = from
            startPending = set.rule == nil
            self.through = through
            expansion = set.rule.map {
                RecurrenceExpansion(rule: $0, start: set.start, zone: set.zone, from: from, through: through)
            }

            var times = Set<LocalDateTime>()
            var days = Set<LocalDate>()
            for exception in set.exceptionDates {
                if exception.isAllDay == isAllDay {
                    times.insert(exception.wallTime)
                } else {
                    days.insert(exception.date)
                }
            }
            excludedTimes = times
            excludedDays = days

            let startTime = set.start.wallTime.time
            let added = set.recurrenceDates.map { addition -> LocalDateTime in
                switch (addition, isAllDay) {
                case (.date(let date), false): LocalDateTime(date: date, time: startTime)
                case (.dateTime(let wall), true): LocalDateTime(date: wall.date, time: .midnight)
                default: addition.wallTime
                }
            }
            let wanted = added.filter { addition in
                (from.map { addition >= $0 } ?? true) && (through.map { addition <= $0 } ?? true)
            }
            additions = Array(Set(wanted)).sorted()
        }

        /// How many periods the rule's expansion has looked at so far (for tests of laziness).
        var periodsExamined: Int { expansion?.periodsExamined ?? 0 }

        /// The next occurrence's wall time, or `nil` when the set is exhausted.
        public mutating func next() -> LocalDateTime? {
            while true {
                if peeked == nil { peeked = nextFromRule() }
                let addition = additionIndex < additions.count ? additions[additionIndex] : nil
                let candidate: LocalDateTime
                switch (peeked, addition) {
                case (nil, nil):
                    return nil
                case (let ruled?, let added?):
                    if added < ruled {
                        candidate = added
                        additionIndex += 1
                    } else {
                        candidate = ruled
                        peeked = nil
                    }
                case (let ruled?, nil):
                    candidate = ruled
                    peeked = nil
                case (nil, let added?):
                    candidate = added
                    additionIndex += 1
                }
                if candidate == last { continue }
                last = candidate
                if excludedTimes.contains(candidate) || excludedDays.contains(candidate.date) { continue }
                return candidate
            }
        }

        private mutating func nextFromRule() -> LocalDateTime? {
            if startPending {
                startPending = false
                if let from, start < from { return nil }
                if let through, start > through { return nil }
                return start
            }
            return expansion?.next()
        }
    }
}
