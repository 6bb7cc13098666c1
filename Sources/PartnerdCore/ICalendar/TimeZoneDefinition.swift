/// A `VTIMEZONE` component (RFC 5545 §3.6.5) generated from a ``Zone``'s transitions.
///
/// Clients need a definition for every `TZID` a feed uses, and they trust it over their own tz database, so
/// it must agree with the system's data wherever the feed has times: every transition from the one in force
/// at the start of the covered range onwards is written out, and the rule the zone follows today (the
/// yearly pair of changes that repeats up to the end of the tz data) becomes two observances with a
/// yearly `RRULE`, so that recurring events beyond the range still get the right offsets.
struct TimeZoneDefinition: Sendable, Hashable {
    /// One `STANDARD` or `DAYLIGHT` sub-component (RFC 5545 §3.6.5).
    struct Observance: Sendable, Hashable {
        enum Kind: String, Sendable {
            case standard = "STANDARD"
            case daylight = "DAYLIGHT"
        }

        var kind: Kind
        /// The first onset, as a wall time in the offset before it (`DTSTART`, in `TZOFFSETFROM`).
        var start: LocalDateTime
        var offsetFrom: Int32
        var offsetTo: Int32
        /// The `RRULE` value for observances that repeat every year.
        var rule: String?
    }

    var identifier: String
    var observances: [Observance]

    /// The definition of `zone` for times in `range`.
    init(zone: Zone, covering range: ClosedRange<Instant>) {
        identifier = zone.identifier
        let changes = zone.transitions.indices.map { index in
            Change(
                instant: zone.transitions[index], offsetFrom: zone.offsets[index], offsetTo: zone.offsets[index + 1])
        }
        let recurring = Self.recurringTail(of: changes)
        let individualEnd = recurring?.firstIndex ?? changes.count
        // The transition in force at the start of the range, or none when the range starts before the first.
        let lastBefore = changes.lastIndex { $0.instant <= range.lowerBound.secondsSinceEpoch }

        var observances: [Observance] = []
        if lastBefore == nil {
            // No transition yet: one observance that holds from before the range on.
            let year = Zone.utc.localDateTime(at: range.lowerBound).date.year
            let offset = zone.offsets[0]
            let start = LocalDate(year: max(1, year - 1), month: 1, day: 1).map {
                LocalDateTime(date: $0, time: .midnight)
            }
            observances.append(
                Observance(
                    kind: .standard, start: start ?? LocalDateTime(wallSeconds: 0), offsetFrom: offset,
                    offsetTo: offset, rule: nil))
        }
        let first = lastBefore ?? 0
        if first < individualEnd {
            for index in first..<individualEnd {
                let change = changes[index]
                // Without a recurring rule the list can be long (irregular zones); what lies beyond the range is
                // not needed, as no DTSTART of the feed falls there.
                if recurring == nil && change.instant > range.upperBound.secondsSinceEpoch { break }
                // Daylight saving time is a raised offset that the next change takes back; a lasting change
                // (Kathmandu's +05:30 to +05:45 in 1986) is a new standard time.
                let isTakenBack = index + 1 < changes.count && changes[index + 1].offsetTo == change.offsetFrom
                observances.append(
                    Observance(
                        kind: change.offsetTo > change.offsetFrom && isTakenBack ? .daylight : .standard,
                        start: change.wallStart, offsetFrom: change.offsetFrom, offsetTo: change.offsetTo, rule: nil))
            }
        }
        if let recurring {
            let higher = recurring.series.map(\.offsetTo).max() ?? 0
            for series in recurring.series {
                observances.append(
                    Observance(
                        kind: series.offsetTo == higher ? .daylight : .standard, start: series.start,
                        offsetFrom: series.offsetFrom, offsetTo: series.offsetTo, rule: series.rule))
            }
        }
        self.observances = observances.sorted { $0.start < $1.start }
    }

    /// The component's content lines, `BEGIN:VTIMEZONE` to `END:VTIMEZONE`.
    func write(into writer: inout ICalendarWriter) {
        writer.begin("VTIMEZONE")
        writer.write(ContentLine("TZID", ICalendarText.escaped(identifier)))
        for observance in observances {
            writer.begin(observance.kind.rawValue)
            writer.write(ContentLine("DTSTART", observance.start.basicFormat))
            if let rule = observance.rule { writer.write(ContentLine("RRULE", rule)) }
            writer.write(ContentLine("TZOFFSETFROM", ICalendarValue.utcOffset(observance.offsetFrom)))
            writer.write(ContentLine("TZOFFSETTO", ICalendarValue.utcOffset(observance.offsetTo)))
            writer.end(observance.kind.rawValue)
        }
        writer.end("VTIMEZONE")
    }

    // MARK: - Deriving the current rule

    /// One change of offset.
    struct Change: Sendable, Hashable {
        var instant: Int64
        var offsetFrom: Int32
        var offsetTo: Int32

        /// The onset as the wall clock before it shows it (how `DTSTART` of an observance is written).
        var wallStart: LocalDateTime { LocalDateTime(wallSeconds: instant + Int64(offsetFrom)) }

        /// What must stay the same from year to year for changes to belong to one yearly rule.
        var seriesKey: SeriesKey {
            let wall = wallStart
            return SeriesKey(offsetFrom: offsetFrom, offsetTo: offsetTo, month: wall.date.month, time: wall.time)
        }
    }

    struct SeriesKey: Sendable, Hashable {
        var offsetFrom: Int32
        var offsetTo: Int32
        var month: Int
        var time: LocalTime
    }

    /// A yearly repeating change: its first onset and its `RRULE`.
    struct Series: Sendable, Hashable {
        var start: LocalDateTime
        var offsetFrom: Int32
        var offsetTo: Int32
        var rule: String
    }

    /// The rule in force today: the longest tail of the transitions in which two series alternate, each
    /// once a year in consecutive years, up to the end of the tz data; `nil` for zones without one (no
    /// daylight saving time, or irregular changes).
    static func recurringTail(of changes: [Change]) -> (firstIndex: Int, series: [Series])? {
        guard changes.count >= 2, let last = changes.last,
            last.wallStart.date.year >= Zone.coveredYears.upperBound - 1
        else { return nil }
        let keys = [changes[changes.count - 1].seriesKey, changes[changes.count - 2].seriesKey]
        guard keys[0] != keys[1] else { return nil }
        var datesByKey: [SeriesKey: [LocalDate]] = [:]
        var firstIndex = changes.count
        for index in changes.indices.reversed() {
            let key = changes[index].seriesKey
            let date = changes[index].wallStart.date
            guard keys.contains(key) else { break }
            if index < changes.count - 1 && changes[index + 1].seriesKey == key { break }
            let dates = datesByKey[key, default: []]
            if let later = dates.last, later.year != date.year + 1 { break }
            // The same month and time can hide a different day rule (Lord Howe: last Sunday until 2007, first
            // Sunday since 2008); the tail ends where one rule no longer covers the whole series.
            guard dayRule(dates + [date]) != nil else { break }
            datesByKey[key] = dates + [date]
            firstIndex = index
        }
        var series: [Series] = []
        for key in keys {
            let members = changes[firstIndex...].filter { $0.seriesKey == key }
            guard let first = members.first, let days = dayRule(members.map(\.wallStart.date)) else { return nil }
            series.append(
                Series(
                    start: first.wallStart, offsetFrom: key.offsetFrom, offsetTo: key.offsetTo,
                    rule: "FREQ=YEARLY;BYMONTH=\(key.month);\(days)"))
        }
        return (firstIndex, series)
    }

    /// The `BYDAY`/`BYMONTHDAY` part that yields every one of `dates` (all in one month of different
    /// years), as tz rules are written: "last Sunday", "second Sunday", "first Sunday on or after the 8th",
    /// or a fixed day (RFC 5545 §3.3.10).
    static func dayRule(_ dates: [LocalDate]) -> String? {
        guard let first = dates.first else { return nil }
        if dates.allSatisfy({ $0.weekday == first.weekday }) {
            let weekday = weekdayToken(first.weekday)
            if dates.allSatisfy({ $0.day > LocalDate.daysInMonth(year: $0.year, month: $0.month) - 7 }) {
                return "BYDAY=-1\(weekday)"
            }
            let ordinal = (first.day - 1) / 7 + 1
            if ordinal <= 4 && dates.allSatisfy({ ($0.day - 1) / 7 + 1 == ordinal }) {
                return "BYDAY=\(ordinal)\(weekday)"
            }
            let lowest = dates.map { $0.day - 6 }.max() ?? 1
            let highest = dates.map(\.day).min() ?? 0
            if lowest >= 1 && lowest <= highest {
                let days = (lowest...(lowest + 6)).map(String.init).joined(separator: ",")
                return "BYMONTHDAY=\(days);BYDAY=\(weekday)"
            }
        }
        if dates.allSatisfy({ $0.day == first.day }) {
            return "BYMONTHDAY=\(first.day)"
        }
        return nil
    }

    /// The two-letter day of RFC 5545 §3.3.10 (`weekday` in `BYDAY`).
    static func weekdayToken(_ weekday: Weekday) -> String {
        switch weekday {
        case .monday: return "MO"
        case .tuesday: return "TU"
        case .wednesday: return "WE"
        case .thursday: return "TH"
        case .friday: return "FR"
        case .saturday: return "SA"
        case .sunday: return "SU"
        }
    }
}
