import PartnerdTOML
/// `[[partnership.event]]` tables: start, length, recurrence, exceptions, reminders.
extension ConfigurationReader {
    /// The largest `COUNT` an event's rule may have.
    static let maximumCount = 100_000

    mutating func decodeEvent(
        _ node: TOMLValue, index: Int, partnershipPath: ConfigurationKeyPath, defaultZone: Zone, now: Instant
    ) -> Event? {
        var path = partnershipPath.appending(.element("event", id: nil, index: index))
        guard let table = table(node, at: path) else { return nil }
        if case .string(let text)? = table["id"] {
            path = partnershipPath.appending(.element("event", id: text, index: index))
        }
        checkKeys(table, allowed: ConfigurationSchema.eventKeys, at: path)
        let id: EventID? = identifier(table["id"], at: path.appending(key: "id"), kind: "event")
        let title = requiredText(table, "title", at: path, example: "\"Jazzkonzert\"")
        var zone = defaultZone
        if let node = table["timezone"], let found = self.zone(node, at: path.appending(key: "timezone")) { zone = found }

        var start: Event.Start?
        if let node = table["start"] {
            start = eventStart(node, at: path.appending(key: "start"))
        } else {
            error(
                path.appending(key: "start"), "the start is missing",
                hint: "add start = 2022-11-26T10:00:00 for a timed event or start = 2022-11-26 for an all-day one")
        }
        let length = start.flatMap { eventLength(table, start: $0, zone: zone, at: path) }

        var rule: RecurrenceRule?
        if let node = table["rrule"], let text = string(node, at: path.appending(key: "rrule")) {
            do {
                rule = try RecurrenceRule(parsing: text)
            } catch {
                self.error(path.appending(key: "rrule"), "\"\(text)\": \(error.reason)", hint: "see RFC 5545 §3.3.10")
            }
        }
        if let rule, let start {
            for problem in rule.validate(startIsDate: start.isAllDay) {
                error(path.appending(key: "rrule"), problem, hint: "see RFC 5545 §3.3.10")
            }
            // A rule with COUNT is counted from its start at every expansion (RFC 5545 §3.3.10); a huge COUNT
            // would make every `upcoming`, every plan and every rendering walk through all of them.
            if let count = rule.count, count > Self.maximumCount {
                error(
                    path.appending(key: "rrule"),
                    "COUNT=\(count) is more occurrences than partnerd expands (at most \(Self.maximumCount))",
                    hint: "stop the rule with UNTIL=<last date> instead, or leave both out for a rule without end")
            }
        }
        let exceptionDates = start.map { dateList(table["exdate"], matching: $0, at: path.appending(key: "exdate")) } ?? []
        let recurrenceDates = start.map { dateList(table["rdate"], matching: $0, at: path.appending(key: "rdate")) } ?? []
        if !exceptionDates.isEmpty && rule == nil && recurrenceDates.isEmpty {
            warning(
                path.appending(key: "exdate"), "exdate has no effect on an event without rrule or rdate",
                hint: "remove exdate, or add the rrule it belongs to", kind: .exdateWithoutRule)
        }
        let remind = table["remind"].flatMap { spans($0, at: path.appending(key: "remind")) }
        let isPrivate = table["private"].flatMap { boolean($0, at: path.appending(key: "private")) } ?? false
        let onClosedDay = closedDayRule(table["on_closed_day"], at: path.appending(key: "on_closed_day"))
        let location = optionalText(table, "location", at: path)
        let description = optionalText(table, "description", at: path)
        let url = optionalText(table, "url", at: path)
        if let url, !(url.hasPrefix("https://") || url.hasPrefix("http://")) || url.contains(" ") {
            error(path.appending(key: "url"), "\"\(url)\" is not an http(s) URL", hint: "write the full address, https://…")
        }

        guard let id, let title, let start, let length else { return nil }
        if let remind, !remind.isEmpty, rule == nil, recurrenceDates.isEmpty {
            let lastDay = start.wallTime.date.adding(days: { if case .days(let n) = length { return n - 1 } else { return 0 } }())
            let today = Zone.utc.localDateTime(at: now).date
            if lastDay.days(until: today) > 365 {
                warning(
                    path.appending(key: "remind"),
                    "the event was on \(lastDay), more than a year ago, so its reminders will never fire",
                    hint: "set remind = [] for past events, or correct the date", kind: .pastEvent)
            }
        }
        var event = Event(
            id: id, title: title, start: start, length: length, location: location, description: description, url: url,
            zone: zone, rule: rule, exceptionDates: exceptionDates, recurrenceDates: recurrenceDates, remind: remind,
            isPrivate: isPrivate)
        event.onClosedDay = onClosedDay
        return event
    }

    private mutating func eventStart(_ node: TOMLValue, at path: ConfigurationKeyPath) -> Event.Start? {
        switch node {
        case .localDate(let value):
            let (y, m, d) = (value.year, value.month, value.day)
            guard let date = LocalDate(year: y, month: m, day: d) else {
                error(path, "\(node.quoted) is not a date in the calendar", hint: "check the day and month")
                return nil
            }
            return .date(date)
        case .localDateTime(let value), .offsetDateTime(let value):
            let (y, mo, d) = (value.date.year, value.date.month, value.date.day)
            let (h, mi, s) = (value.time.hour, value.time.minute, value.time.second)
            let hasOffset = value.offsetMinutes != nil
            if hasOffset {
                error(
                    path, "\(node.quoted) has a UTC offset",
                    hint: "write the local time without offset and set timezone = \"Europe/Berlin\" (or the event's zone)")
                return nil
            }
            guard let dateTime = LocalDateTime(year: y, month: mo, day: d, hour: h, minute: mi, second: s) else {
                error(path, "\(node.quoted) is not a date and time in the calendar", hint: "check the day and month")
                return nil
            }
            return .dateTime(dateTime)
        case .string(let text):
            error(
                path, "\"\(text)\" is a string, not a date",
                hint: "write TOML dates without quotes: 2022-11-26 or 2022-11-26T10:00:00")
            return nil
        default:
            error(
                path, "expected a date or a local date-time, found \(node.typeName) (\(node.quoted))",
                hint: "write 2022-11-26 or 2022-11-26T10:00:00")
            return nil
        }
    }

    private mutating func eventLength(
        _ table: TOMLTable, start: Event.Start, zone: Zone, at path: ConfigurationKeyPath
    ) -> Event.Length? {
        let endNode = table["end"]
        let durationNode = table["duration"]
        if endNode != nil && durationNode != nil {
            error(
                path.appending(key: "duration"), "both end and duration are given",
                hint: "keep one of them: end for a fixed end, duration for a length")
            return nil
        }
        switch start {
        case .date(let first):
            if let endNode {
                switch endNode {
                case .localDate(let value):
                    let (y, m, d) = (value.year, value.month, value.day)
                    guard let last = LocalDate(year: y, month: m, day: d) else {
                        error(path.appending(key: "end"), "\(endNode.quoted) is not a date in the calendar")
                        return nil
                    }
                    guard last >= first else {
                        error(
                            path.appending(key: "end"), "the event ends on \(last), before it starts on \(first)",
                            hint: "for all-day events end is the last day, inclusive; it cannot be before start")
                        return nil
                    }
                    return .days(first.days(until: last) + 1)
                case .localDateTime, .offsetDateTime:
                    error(
                        path.appending(key: "end"), "the start \(first) is all-day but the end \(endNode.quoted) has a time",
                        hint: "give both as dates for an all-day event, or both as date-times for a timed one")
                    return nil
                default:
                    error(
                        path.appending(key: "end"), "expected a date, found \(endNode.typeName) (\(endNode.quoted))",
                        hint: "write the last day without quotes, e.g. end = 2022-12-09")
                    return nil
                }
            }
            if let durationNode, let span = span(durationNode, at: path.appending(key: "duration")) {
                guard span.months == 0, span.seconds == 0, span.days > 0 else {
                    error(
                        path.appending(key: "duration"), "an all-day event lasts whole days, not \"\(span)\"",
                        hint: "use days or weeks, e.g. \"7d\"")
                    return nil
                }
                return .days(span.days)
            }
            return durationNode == nil ? .days(1) : nil
        case .dateTime(let startTime):
            if let endNode {
                switch endNode {
                case .localDateTime(let value), .offsetDateTime(let value):
                    let (y, mo, d) = (value.date.year, value.date.month, value.date.day)
                    let (h, mi, s) = (value.time.hour, value.time.minute, value.time.second)
                    let hasOffset = value.offsetMinutes != nil
                    guard !hasOffset, let end = LocalDateTime(year: y, month: mo, day: d, hour: h, minute: mi, second: s)
                    else {
                        error(
                            path.appending(key: "end"), "\(endNode.quoted) is not a local date-time",
                            hint: "write it without offset, in the event's zone")
                        return nil
                    }
                    let seconds = zone.instant(for: startTime).seconds(until: zone.instant(for: end))
                    guard seconds >= 0 else {
                        error(
                            path.appending(key: "end"), "the event ends at \(end), before it starts at \(startTime)",
                            hint: "check the end's date and time")
                        return nil
                    }
                    return .exact(seconds: seconds)
                case .localDate:
                    error(
                        path.appending(key: "end"), "the start \(startTime) has a time but the end \(endNode.quoted) is a date",
                        hint: "give both as date-times for a timed event, or both as dates for an all-day one")
                    return nil
                default:
                    error(
                        path.appending(key: "end"), "expected a local date-time, found \(endNode.typeName) (\(endNode.quoted))",
                        hint: "write e.g. end = 2022-11-26T17:00:00")
                    return nil
                }
            }
            if let durationNode {
                return span(durationNode, at: path.appending(key: "duration")).map { .span($0) }
            }
            return .exact(seconds: 0)
        }
    }

    private mutating func dateList(
        _ node: TOMLValue?, matching start: Event.Start, at path: ConfigurationKeyPath
    ) -> [Event.Start] {
        guard let node, let items = array(node, at: path) else { return [] }
        var result: [Event.Start] = []
        for (index, item) in items.enumerated() {
            let itemPath = path.appending(.index(index))
            guard let value = eventStart(item, at: itemPath) else { continue }
            if value.isAllDay != start.isAllDay {
                error(
                    itemPath,
                    start.isAllDay
                        ? "\(item.quoted) has a time, but the event starts on a whole day"
                        : "\(item.quoted) is a date, but the event starts at a time",
                    hint: start.isAllDay
                        ? "list dates like 2023-11-25" : "list local date-times like 2023-11-25T10:00:00 (the start's time of day)")
                continue
            }
            result.append(value)
        }
        return result
    }

}
