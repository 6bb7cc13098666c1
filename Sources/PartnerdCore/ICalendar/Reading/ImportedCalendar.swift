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
        /// The day `RECURRENCE-ID` names as written: what identifies the instance of an all-day series (Outlook
        /// names those by a midnight in its own zone).
        public var recurrenceDay: LocalDate?
        public var line: Int
        /// The calendar gave no UID: ``uid`` is made from the event's start, summary and rule, the same at every
        /// refresh while those stay.
        public var uidIsMade = false

        public var isAllDay: Bool { recurrence.start.isAllDay }
    }

    /// One occurrence in a window: a series' instance, or an override in its place.
    public struct Occurrence: Sendable, Hashable {
        public var uid: String
        public var uidIsMade: Bool
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
        let calendars = document.components.filter { $0.name == "VCALENDAR" }
        guard var calendar = calendars.first else {
            throw ICalendarReadError(line: 1, message: "no BEGIN:VCALENDAR")
        }
        // Several VCALENDARs in one file (calendars pasted together) are read as one.
        for other in calendars.dropFirst() { calendar.components += other.components }
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
        var eventIndex: [String: Int] = [:]
        var overrides: [String: [Event]] = [:]
        for component in calendar.subcomponents("VEVENT") {
            do {
                let event = try Self.event(component, zones: &zones)
                if let id = event.recurrenceID {
                    var list = overrides[event.uid, default: []]
                    // The same instance twice (a calendar that keeps every version): the higher SEQUENCE wins,
                    // the later one at a tie.
                    if let index = list.firstIndex(where: { $0.recurrenceID == id }) {
                        if event.sequence >= list[index].sequence { list[index] = event }
                    } else {
                        list.append(event)
                    }
                    overrides[event.uid] = list
                } else if let index = eventIndex[event.uid] {
                    if event.sequence >= events[index].sequence { events[index] = event }
                } else {
                    eventIndex[event.uid] = events.count
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
        guard let startProperty = component.first("DTSTART") else { throw fail("no DTSTART") }
        var uid = component.first("UID").map { ICalendarValues.text($0.value).trimmingASCIIWhitespace() } ?? ""
        let uidIsMade = uid.isEmpty
        if uidIsMade {
            let basis = [startProperty.value, component.first("SUMMARY")?.value ?? "", component.first("RRULE")?.value ?? ""]
            let digest = SHA256.digest(Array(basis.joined(separator: "\n").utf8)).prefix(12)
            uid = "made-" + digest.map { byte in String(byte, radix: 16).count == 1 ? "0" + String(byte, radix: 16) : String(byte, radix: 16) }.joined()
        }
        guard uid.utf8.count <= 1024 else { throw fail("a UID longer than 1024 bytes") }
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
        let rules = component.all("RRULE").filter { !$0.value.trimmingASCIIWhitespace().isEmpty }
        if rules.count > 1 {
            zones.warn(rules[1].line, "a second RRULE (RFC 2445 allowed several, RFC 5545 one): only the first is read")
        }
        if let rrule = rules.first {
            do {
                rule = try RecurrenceRule(parsing: rrule.value)
            } catch {
                // COUNT beside UNTIL is not allowed (RFC 5545 §3.3.10), and exporters that write both mean UNTIL.
                let parts = rrule.value.split(separator: ";")
                let untilOnly = parts.filter { !$0.uppercased().hasPrefix("COUNT=") }.joined(separator: ";")
                if parts.contains(where: { $0.uppercased().hasPrefix("UNTIL=") }), untilOnly.count < rrule.value.count,
                    let retried = try? RecurrenceRule(parsing: untilOnly)
                {
                    rule = retried
                } else {
                    throw ICalendarReadError(
                        line: rrule.line, message: "RRULE: \(error.reason); the event \(uid.prefix(80)) is skipped")
                }
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
        var recurrenceDay: LocalDate?
        if let property = component.first("RECURRENCE-ID") {
            guard let time = zones.time(property, in: zone, allDay: start.isAllDay),
                case .date(let day)? = ICalendarValues.time(property.value.trimmingASCIIWhitespace()[...], asDate: true)
            else {
                throw fail("RECURRENCE-ID \(property.value.prefix(40)) is not a date or date-time")
            }
            recurrenceID = Self.identity(time, zone: zone)
            recurrenceDay = day
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
            length: length, recurrenceID: recurrenceID, recurrenceDay: recurrenceDay, line: component.line,
            uidIsMade: uidIsMade)
    }

    /// The identity of an instance: its start instant when timed, midnight UTC of its day when all day (a day is
    /// the same day in every zone).
    static func identity(_ start: RecurrenceStart, zone: Zone) -> Instant {
        switch start {
        case .date(let date): Zone.utc.startOfDay(date)
        case .dateTime(let wall): zone.instant(for: wall)
        }
    }

    /// The occurrences that start from `first` up to (not including) `last` (all-day ones by their day, taken as
    /// midnight UTC), by start, then UID.
    public func occurrences(from first: Instant, to last: Instant) -> [Occurrence] {
        var result: [Occurrence] = []
        var replaced: [String: Set<Instant>] = [:]
        let masters = Dictionary(events.map { ($0.uid, $0) }, uniquingKeysWith: { _, last in last })
        for (uid, list) in overrides {
            // A later version of the series that excludes an instance deletes an older override of it.
            let master = masters[uid]
            let excluded = Set(
                (master?.recurrence.exceptionDates ?? []).map { Self.identity($0, zone: master?.zone ?? .utc) })
            for override in list {
                guard var id = override.recurrenceID else { continue }
                // An all-day series names its instances by day: Outlook writes that day as a midnight in its zone.
                if master?.isAllDay == true, let day = override.recurrenceDay { id = Zone.utc.startOfDay(day) }
                replaced[uid, default: []].insert(id)
                guard !override.isCancelled else { continue }
                if let master, master.sequence > override.sequence,
                    excluded.contains(id) || !Self.produces(master, id)
                {
                    continue
                }
                let start = override.recurrence.start.wallTime
                let at = Self.windowInstant(override, start)
                if first <= at && at < last {
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
                let at = Self.windowInstant(event, wall)
                guard first <= at && at < last else { continue }
                result.append(Self.occurrence(event, start: wall, id: id))
            }
        }
        return result.sorted { ($0.startInstant, $0.uid) < ($1.startInstant, $1.uid) }
    }

    /// Where an occurrence falls for a window: its start instant, or for an all-day one its day (midnight UTC), which
    /// is the same day whatever zone reads it.
    static func windowInstant(_ event: Event, _ start: LocalDateTime) -> Instant {
        event.isAllDay ? Zone.utc.startOfDay(start.date) : event.zone.instant(for: start)
    }

    /// Whether the series has the instance `id` (before its exceptions).
    static func produces(_ event: Event, _ id: Instant) -> Bool {
        let wall = event.isAllDay ? Zone.utc.localDateTime(at: id) : event.zone.localDateTime(at: id)
        let plain = RecurrenceSet(
            start: event.recurrence.start, zone: event.zone, rule: event.recurrence.rule,
            recurrenceDates: event.recurrence.recurrenceDates)
        return plain.occurrences(from: wall, through: wall).contains { $0 == wall }
    }

    private static func occurrence(_ event: Event, start: LocalDateTime, id: Instant) -> Occurrence {
        let startInstant = event.zone.instant(for: start)
        let end: Instant
        switch event.length {
        case .days(let days): end = event.zone.startOfDay(start.date.adding(days: days))
        case .seconds(let seconds): end = startInstant.adding(seconds: seconds)
        }
        return Occurrence(
            uid: event.uid, uidIsMade: event.uidIsMade, recurrenceID: id, title: event.summary, isAllDay: event.isAllDay, start: start,
            startInstant: startInstant, endInstant: end, zone: event.zone)
    }
}
