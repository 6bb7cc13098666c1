/// A calendar that another program published, read for its events: what `[[partnership.calendar]]` brings in.
///
/// Every event becomes a recurrence set in one zone (its `DTSTART`'s), so that partnerd's own recurrence engine
/// expands it; `RECURRENCE-ID` overrides replace the instance they name, cancelled ones remove it, and overrides
/// whose master is missing stand alone. What the reader cannot use (an event without `DTSTART`, a rule that does
/// not parse) is skipped with a warning that names its line; the rest of the calendar is kept.
public struct ImportedCalendar: Sendable {
    /// One `VEVENT`: a series (the master, or a single event) or one overridden instance of a series.
    public struct Event: Sendable {
        public enum Length: Sendable, Hashable {
            case days(Int)
            case seconds(Int64)
        }

        public var uid: String
        public var summary: String
        public var description: String?
        public var location: String?
        public var url: String?
        public var categories: [String]
        public var sequence: Int
        public var isCancelled: Bool
        public var zone: Zone
        public var recurrence: RecurrenceSet
        public var length: Length
        /// For an override: the start of the instance it replaces (the instant for a timed series, the day's
        /// midnight in UTC for an all-day one).
        public var recurrenceID: Instant?
        public var line: Int

        public var isAllDay: Bool { recurrence.start.isAllDay }
    }

    /// One occurrence in a window: a series' instance, or an override in its place.
    public struct Occurrence: Sendable, Hashable {
        public var uid: String
        /// The instance it is (its recurrence id), for a stable identity across refreshes.
        public var recurrenceID: Instant
        public var title: String
        public var isAllDay: Bool
        public var start: LocalDateTime
        public var startInstant: Instant
        public var endInstant: Instant
        public var zone: Zone
    }

    /// Series and single events, by file order.
    public var events: [Event]
    /// Overrides by UID.
    public var overrides: [String: [Event]]
    /// `X-WR-CALNAME`, when the calendar names itself.
    public var name: String?
    public var warnings: [ICalendarReadError]

    /// Occurrences of one series in one expansion at most; a rule that repeats every second is cut there, and said.
    public static let maximumOccurrencesPerEvent = 10_000

    /// Reads `bytes`; floating times (and a calendar without zones) are read in `X-WR-TIMEZONE` when it names a
    /// known zone, else in `defaultZone` (the partnership's).
    public static func read(_ bytes: [UInt8], defaultZone: Zone) throws(ICalendarReadError) -> ImportedCalendar {
        let document = try ICalendarReader.read(bytes)
        guard let calendar = document.components.first(where: { $0.name == "VCALENDAR" }) else {
            throw ICalendarReadError(line: 1, message: "no BEGIN:VCALENDAR")
        }
        var warnings = document.warnings
        var floating = defaultZone
        if let named = calendar.first("X-WR-TIMEZONE") {
            if let zone = Zone(identifier: ICalendarValues.text(named.value)) {
                floating = zone
            } else {
                warnings.append(
                    ICalendarReadError(
                        line: named.line, message: "X-WR-TIMEZONE \(named.value.prefix(64)) is no known zone: ignored"))
            }
        }
        var zones = ZoneResolver(calendar: calendar, floating: floating)
        var events: [Event] = []
        var overrides: [String: [Event]] = [:]
        for component in calendar.subcomponents("VEVENT") {
            do {
                let event = try Self.event(component, zones: &zones)
                if event.recurrenceID != nil {
                    overrides[event.uid, default: []].append(event)
                } else {
                    events.append(event)
                }
            } catch {
                warnings.append(error)
            }
        }
        warnings += zones.warnings
        return ImportedCalendar(
            events: events, overrides: overrides, name: calendar.first("X-WR-CALNAME").map { ICalendarValues.text($0.value) },
            warnings: warnings)
    }

    private static func event(_ component: ICalendarComponent, zones: inout ZoneResolver) throws(ICalendarReadError)
        -> Event
    {
        func fail(_ message: String) -> ICalendarReadError {
            ICalendarReadError(line: component.line, message: "VEVENT: \(message); the event is skipped")
        }
        guard let uidProperty = component.first("UID"), !uidProperty.value.isEmpty else { throw fail("no UID") }
        let uid = ICalendarValues.text(uidProperty.value)
        guard uid.utf8.count <= 1024 else { throw fail("a UID longer than 1024 bytes") }
        guard let startProperty = component.first("DTSTART") else { throw fail("no DTSTART") }
        guard let (start, zone) = zones.start(startProperty) else {
            throw fail("DTSTART \(startProperty.value.prefix(40)) is not a date or date-time")
        }
        var length: Event.Length = start.isAllDay ? .days(1) : .seconds(0)
        if let end = component.first("DTEND"), let endTime = zones.time(end, in: zone, allDay: start.isAllDay) {
            switch (start, endTime) {
            case (.date(let first), .date(let last)):
                length = .days(max(1, first.days(until: last)))
            case (.dateTime(let first), .dateTime(let last)):
                length = .seconds(max(0, zone.instant(for: first).seconds(until: zone.instant(for: last))))
            default: break
            }
        } else if let duration = component.first("DURATION"), let seconds = ICalendarValues.duration(duration.value[...]) {
            length = start.isAllDay ? .days(max(1, Int(seconds / 86_400))) : .seconds(max(0, seconds))
        }
        var rule: RecurrenceRule?
        if let rrule = component.first("RRULE") {
            do {
                rule = try RecurrenceRule(parsing: rrule.value)
            } catch {
                throw ICalendarReadError(
                    line: rrule.line, message: "RRULE: \(error.reason); the event \(uid.prefix(80)) is skipped")
            }
        }
        var additions: [RecurrenceStart] = []
        for property in component.all("RDATE") {
            additions += zones.list(property, in: zone, allDay: start.isAllDay)
        }
        var exceptions: [RecurrenceStart] = []
        for property in component.all("EXDATE") {
            exceptions += zones.list(property, in: zone, allDay: start.isAllDay)
        }
        var recurrenceID: Instant?
        if let property = component.first("RECURRENCE-ID") {
            guard let time = zones.time(property, in: zone, allDay: start.isAllDay) else {
                throw fail("RECURRENCE-ID \(property.value.prefix(40)) is not a date or date-time")
            }
            recurrenceID = Self.identity(time, zone: zone)
        }
        let status = component.first("STATUS")?.value.uppercased()
        return Event(
            uid: uid, summary: component.first("SUMMARY").map { ICalendarValues.text($0.value) } ?? "",
            description: component.first("DESCRIPTION").map { ICalendarValues.text($0.value) },
            location: component.first("LOCATION").map { ICalendarValues.text($0.value) },
            url: component.first("URL").map(\.value),
            categories: component.all("CATEGORIES").flatMap { ICalendarValues.textList($0.value) },
            sequence: component.first("SEQUENCE").flatMap { Int($0.value.trimmingASCIIWhitespace()) } ?? 0,
            isCancelled: status == "CANCELLED", zone: zone,
            recurrence: RecurrenceSet(
                start: start, zone: zone, rule: rule, exceptionDates: exceptions, recurrenceDates: additions),
            length: length, recurrenceID: recurrenceID, line: component.line)
    }

    /// The identity of an instance: its start instant when timed, midnight UTC of its day when all day (a day is
    /// the same day in every zone).
    static func identity(_ start: RecurrenceStart, zone: Zone) -> Instant {
        switch start {
        case .date(let date): Zone.utc.startOfDay(date)
        case .dateTime(let wall): zone.instant(for: wall)
        }
    }

    /// The occurrences that start from `first` up to (not including) `last`, by start, then UID.
    public func occurrences(from first: Instant, to last: Instant) -> [Occurrence] {
        var result: [Occurrence] = []
        var replaced: [String: Set<Instant>] = [:]
        for (uid, list) in overrides {
            for override in list {
                guard let id = override.recurrenceID else { continue }
                replaced[uid, default: []].insert(id)
                guard !override.isCancelled else { continue }
                let start = override.recurrence.start.wallTime
                let startInstant = override.zone.instant(for: start)
                if first <= startInstant && startInstant < last {
                    result.append(Self.occurrence(override, start: start, id: id))
                }
            }
        }
        for event in events where !event.isCancelled {
            let skipped = replaced[event.uid] ?? []
            // Wall times a day either side, so that no zone's offset hides an instance at the window's edges.
            let from = event.zone.localDateTime(at: first).adding(seconds: -86_400)
            let through = event.zone.localDateTime(at: last).adding(seconds: 86_400)
            var count = 0
            for wall in event.recurrence.occurrences(from: from, through: through) {
                count += 1
                if count > Self.maximumOccurrencesPerEvent { break }
                let instance: RecurrenceStart = event.isAllDay ? .date(wall.date) : .dateTime(wall)
                let id = Self.identity(instance, zone: event.zone)
                if skipped.contains(id) { continue }
                let startInstant = event.zone.instant(for: wall)
                guard first <= startInstant && startInstant < last else { continue }
                result.append(Self.occurrence(event, start: wall, id: id))
            }
        }
        return result.sorted { ($0.startInstant, $0.uid) < ($1.startInstant, $1.uid) }
    }

    private static func occurrence(_ event: Event, start: LocalDateTime, id: Instant) -> Occurrence {
        let startInstant = event.zone.instant(for: start)
        let end: Instant
        switch event.length {
        case .days(let days): end = event.zone.startOfDay(start.date.adding(days: days))
        case .seconds(let seconds): end = startInstant.adding(seconds: seconds)
        }
        return Occurrence(
            uid: event.uid, recurrenceID: id, title: event.summary, isAllDay: event.isAllDay, start: start,
            startInstant: startInstant, endInstant: end, zone: event.zone)
    }
}
