import Synchronization

/// Which zone a `TZID` means, and what a DATE or DATE-TIME property is in an event's zone.
///
/// A `TZID` is taken, in this order, as a tz database name (also at the end of a path, as Mozilla and libical
/// write `/mozilla.org/…/Europe/Berlin`), as a Windows name (Outlook, Exchange), or by its `VTIMEZONE`: the tz
/// database zone with the same offsets at every change from 2015 to 2035, else a zone made from the `VTIMEZONE`'s
/// own rules. A `TZID` that is none of these is read in the floating zone, with a warning.
struct ZoneResolver {
    let definitions: [String: ICalendarComponent]
    let floating: Zone
    private var resolved: [String: Zone] = [:]
    private(set) var warnings: [ICalendarReadError] = []

    init(calendar: ICalendarComponent, floating: Zone) {
        var definitions: [String: ICalendarComponent] = [:]
        for component in calendar.subcomponents("VTIMEZONE") {
            if let id = component.first("TZID")?.value, definitions[id] == nil { definitions[id] = component }
        }
        self.definitions = definitions
        self.floating = floating
    }

    mutating func warn(_ line: Int, _ message: String) {
        if warnings.count < 1000 { warnings.append(ICalendarReadError(line: line, message: message)) }
    }

    mutating func zone(_ tzid: String, line: Int) -> Zone {
        if let known = resolved[tzid] { return known }
        let zone = Self.tzdb(tzid) ?? definitions[tzid].flatMap { VTimeZoneMatch.zone(for: $0, tzid: tzid) }
        if zone == nil {
            warnings.append(
                ICalendarReadError(
                    line: line,
                    message: "TZID \(tzid.prefix(64)) is no zone partnerd knows and has no VTIMEZONE that defines it: "
                        + "its times are read in \(floating.identifier)"))
        }
        resolved[tzid] = zone ?? floating
        return zone ?? floating
    }

    /// A tz database zone by its name, the end of a path, or its Windows name.
    static func tzdb(_ tzid: String) -> Zone? {
        let trimmed = tzid.trimmingASCIIWhitespace()
        if let zone = Zone(identifier: trimmed) { return zone }
        if let name = WindowsZones.tzdb[trimmed], let zone = Zone(identifier: name) { return zone }
        let parts = trimmed.split(separator: "/")
        for count in [3, 2] where parts.count > count {
            if let zone = Zone(identifier: parts.suffix(count).joined(separator: "/")) { return zone }
        }
        if trimmed.uppercased() == "Z" || trimmed.uppercased() == "GMT" { return .utc }
        return nil
    }

    /// `DTSTART`: the start and the zone of the whole series.
    mutating func start(_ property: ICalendarProperty) -> (RecurrenceStart, Zone)? {
        let asDate = property.parameter("VALUE")?.uppercased() == "DATE"
        guard let time = ICalendarValues.time(property.value.trimmingASCIIWhitespace()[...], asDate: asDate) else {
            return nil
        }
        switch time {
        case .date(let date): return (.date(date), floating)
        case .utc(let wall): return (.dateTime(wall), .utc)
        case .local(let wall):
            guard let tzid = property.parameter("TZID") else { return (.dateTime(wall), floating) }
            return (.dateTime(wall), zone(tzid, line: property.line))
        }
    }

    /// One DATE or DATE-TIME value as the series' zone reads it.
    mutating func time(_ property: ICalendarProperty, in zone: Zone, allDay: Bool) -> RecurrenceStart? {
        let asDate = property.parameter("VALUE")?.uppercased() == "DATE"
        return value(property.value.trimmingASCIIWhitespace()[...], property: property, in: zone, asDate: asDate)
    }

    /// The values of an `RDATE` or `EXDATE` (a comma-separated list; a PERIOD counts by its start).
    mutating func list(_ property: ICalendarProperty, in zone: Zone, allDay: Bool) -> [RecurrenceStart] {
        let asDate = property.parameter("VALUE")?.uppercased() == "DATE"
        var result: [RecurrenceStart] = []
        for part in property.value.split(separator: ",").prefix(10_000) {
            let start = part.split(separator: "/", maxSplits: 1).first ?? part
            if let value = value(start.trimmingASCIIWhitespaceSubstring(), property: property, in: zone, asDate: asDate) {
                result.append(value)
            } else if warnings.count < 1000 {
                warnings.append(
                    ICalendarReadError(
                        line: property.line, message: "\(property.name) value \(part.prefix(40)) is not a date: skipped"))
            }
        }
        return result
    }

    private mutating func value(
        _ text: Substring, property: ICalendarProperty, in zone: Zone, asDate: Bool
    ) -> RecurrenceStart? {
        guard let time = ICalendarValues.time(text, asDate: asDate) else { return nil }
        switch time {
        case .date(let date):
            return .date(date)
        case .utc(let wall):
            return .dateTime(zone.localDateTime(at: Zone.utc.instant(for: wall)))
        case .local(let wall):
            guard let tzid = property.parameter("TZID") else { return .dateTime(wall) }
            let own = self.zone(tzid, line: property.line)
            return own == zone ? .dateTime(wall) : .dateTime(zone.localDateTime(at: own.instant(for: wall)))
        }
    }
}

/// A `VTIMEZONE` (RFC 5545 §3.6.5) as offsets over time, matched to the tz database or made into a zone of its own.
enum VTimeZoneMatch {
    /// Matches already made, by the `VTIMEZONE`'s offsets: a calendar repeats its few zones, and so do the calendars
    /// refreshed every few hours.
    private static let cache = Mutex<[String: Zone?]>([:])

    static func zone(for component: ICalendarComponent, tzid: String) -> Zone? {
        guard let changes = changes(of: component) else { return nil }
        let key = changes.map { "\($0.at.secondsSinceEpoch):\($0.offset)" }.joined(separator: ",")
            + "|\(changes.first?.before ?? 0)"
        if let known = cache.withLock({ $0[key] }) { return known }
        let zone = match(changes) ?? made(changes, tzid: tzid)
        cache.withLock { $0[key] = zone }
        return zone
    }

    struct Change {
        var at: Instant
        var before: Int32
        var offset: Int32
    }

    /// Every change of offset the definition makes from 1970 to 2037, in order.
    static func changes(of component: ICalendarComponent) -> [Change]? {
        var result: [Change] = []
        let last = LocalDateTime(year: 2037, month: 12, day: 31)!
        for observance in component.components where observance.name == "STANDARD" || observance.name == "DAYLIGHT" {
            guard let startText = observance.first("DTSTART")?.value,
                case .local(let start)? = ICalendarValues.time(startText.trimmingASCIIWhitespace()[...], asDate: false),
                let from = observance.first("TZOFFSETFROM").flatMap({ ICalendarValues.utcOffset($0.value[...]) }),
                let to = observance.first("TZOFFSETTO").flatMap({ ICalendarValues.utcOffset($0.value[...]) })
            else { continue }
            let rule = observance.first("RRULE").flatMap { try? RecurrenceRule(parsing: $0.value) }
            var added: [RecurrenceStart] = []
            for rdate in observance.all("RDATE") {
                for part in rdate.value.split(separator: ",").prefix(1000) {
                    if case .local(let wall)? = ICalendarValues.time(part, asDate: false) { added.append(.dateTime(wall)) }
                }
            }
            let set = RecurrenceSet(start: .dateTime(start), zone: .utc, rule: rule, recurrenceDates: added)
            var count = 0
            for wall in set.occurrences(from: start, through: last) {
                count += 1
                if count > 500 { break }
                let at = Instant(secondsSinceEpoch: wall.wallSeconds - Int64(from))
                result.append(Change(at: at, before: from, offset: to))
            }
        }
        guard !result.isEmpty else { return nil }
        return result.sorted { $0.at < $1.at }
    }

    /// The first tz database zone (by name) with the same offset an hour before and an hour after every change of
    /// 2015 to 2035; or, for a definition that changes nothing then, the same offset at its middle.
    static func match(_ changes: [Change]) -> Zone? {
        let first = Instant(secondsSinceEpoch: 1_420_070_400)  // 2015-01-01
        let last = Instant(secondsSinceEpoch: 2_082_758_400)  // 2036-01-01
        var probes: [(Instant, Int32)] = []
        for change in changes where first <= change.at && change.at < last {
            probes.append((change.at.adding(seconds: -3600), change.before))
            probes.append((change.at.adding(seconds: 3600), change.offset))
        }
        if probes.isEmpty {
            let steady = changes.last { $0.at < first }?.offset ?? changes[0].before
            probes = [(first, steady), (Instant(secondsSinceEpoch: 1_735_689_600), steady), (last, steady)]
        }
        let names = Zone.knownIdentifiers.sorted()
        let candidates = names.filter { !$0.hasPrefix("Etc/") } + names.filter { $0.hasPrefix("Etc/") }
        for identifier in candidates {
            guard let zone = Zone(identifier: identifier) else { continue }
            if probes.allSatisfy({ zone.offset(at: $0.0) == $0.1 }) { return zone }
        }
        return nil
    }

    /// A zone with the definition's own changes, named by its TZID.
    static func made(_ changes: [Change], tzid: String) -> Zone {
        var transitions: [Int64] = []
        var offsets: [Int32] = [changes[0].before]
        for change in changes where change.offset != offsets.last {
            transitions.append(change.at.secondsSinceEpoch)
            offsets.append(change.offset)
        }
        return Zone(definedIdentifier: "VTIMEZONE/" + String(tzid.prefix(64)), transitions: transitions, offsets: offsets)
    }
}
