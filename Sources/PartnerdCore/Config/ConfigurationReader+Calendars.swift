import PartnerdTOML

/// `[[partnership.calendar]]`: calendars that others publish, read from a file, whose events join the partnership's.
extension ConfigurationReader {
    /// The events of a partnership's calendars. A calendar that cannot be read or parsed costs only its own events,
    /// with a warning: a broken file of another office never breaks the config.
    mutating func decodeCalendars(_ node: TOMLValue, at path: ConfigurationKeyPath, zone: Zone, taken: Set<EventID>)
        -> [Event]
    {
        guard case .array(let items) = node else {
            error(path, "calendar must be an array of tables", hint: "write each under its own [[partnership.calendar]] header")
            return []
        }
        var events: [Event] = []
        var ids = Set<String>()
        var eventIDs = taken
        for (index, item) in items.enumerated() {
            var itemPath = ConfigurationKeyPath(path.components.dropLast() + [.element("calendar", id: nil, index: index)])
            guard let table = table(item, at: itemPath) else { continue }
            if case .string(let text)? = table["id"] {
                itemPath = ConfigurationKeyPath(path.components.dropLast() + [.element("calendar", id: text, index: index)])
            }
            checkKeys(table, allowed: ConfigurationSchema.calendarKeys, at: itemPath)
            let id: CalendarID? = identifier(table["id"], at: itemPath.appending(key: "id"), kind: "calendar")
            if let id, !ids.insert(id.rawValue).inserted {
                error(itemPath.appending(key: "id"), "the calendar id \"\(id)\" is used twice in this partnership",
                    hint: "give each calendar of a partnership its own id")
            }
            if table["url"] != nil {
                error(
                    itemPath.appending(key: "url"), "calendars are read from files; fetching them over HTTP is not built yet",
                    hint: "download the calendar (e.g. with curl from a timer) and name the file with file = \"…\"")
            }
            let file = optionalText(table, "file", at: itemPath)
            if file == nil && table["url"] == nil {
                error(itemPath, "the calendar names no file", hint: "add file = \"partnerships.d/agenda.ics\"")
            }
            let categories = stringList(table["categories"], at: itemPath.appending(key: "categories")) ?? []
            let remind = table["remind"].flatMap { spans($0, at: itemPath.appending(key: "remind")) }
            guard let id, let file, let readCalendarFile else { continue }
            let full = file.hasPrefix("/") ? file : "\(baseDirectory)/\(file)"
            let bytes: [UInt8]
            switch readCalendarFile(full) {
            case .success(let read): bytes = read
            case .failure(let failure):
                warning(
                    itemPath.appending(key: "file"), "cannot read the calendar \(full): \(failure.reason); its events are left out",
                    hint: "check the path (relative to the main config's folder) and that partnerd may read it",
                    kind: .calendarUnread)
                continue
            }
            let calendar: ImportedCalendar
            do {
                calendar = try ImportedCalendar.read(bytes, defaultZone: zone)
            } catch {
                warning(
                    itemPath.appending(key: "file"), "\(full):\(error.line): \(error.message); the calendar's events are left out",
                    hint: "`partnerctl calendar \(full)` shows what partnerd reads of it", kind: .calendarUnread)
                continue
            }
            for skipped in calendar.warnings.prefix(20) {
                warning(itemPath.appending(key: "file"), "\(full):\(skipped.line): \(skipped.message)", kind: .calendarLine)
            }
            for event in Self.events(of: calendar, id: id, categories: categories, remind: remind)
            where eventIDs.insert(event.id).inserted {
                events.append(event)
            }
        }
        return events
    }

    /// The calendar's series and overridden instances as partnerd events, under ids (and so feed UIDs) made from the
    /// calendar's id and the source's UID: stable across refreshes and SEQUENCE changes, so nothing repeats.
    static func events(of calendar: ImportedCalendar, id: CalendarID, categories: [String], remind: [Span]?) -> [Event] {
        let wanted = Set(categories.map { $0.lowercased() })
        func selected(_ event: ImportedCalendar.Event) -> Bool {
            // The anniversaries of a partner's partnerd feed are the partnership's own, which partnerd makes itself.
            if event.uid.hasPrefix("anniversary-") && event.uid.hasSuffix("@partnerd") { return false }
            return wanted.isEmpty || event.categories.contains { wanted.contains($0.lowercased()) }
        }
        func converted(_ source: ImportedCalendar.Event, key: String, exceptions: [RecurrenceStart]) -> Event {
            let length: Event.Length
            switch source.length {
            case .days(let days): length = .days(max(1, days))
            case .seconds(let seconds): length = .exact(seconds: seconds)
            }
            return Event(
                id: EventID(rawValue: "\(id)-\(Self.digest(key))"), title: source.summary.isEmpty ? "–" : source.summary,
                start: source.recurrence.start, length: length, location: source.location?.nonEmpty,
                description: source.description?.nonEmpty, url: source.url?.nonEmpty, zone: source.zone,
                rule: source.recurrence.rule, exceptionDates: source.recurrence.exceptionDates + exceptions,
                recurrenceDates: source.recurrence.recurrenceDates, remind: remind)
        }
        var result: [Event] = []
        for master in calendar.events where !master.isCancelled && selected(master) {
            // Every overridden or cancelled instance leaves the series; the overrides come as events of their own.
            let replaced = (calendar.overrides[master.uid] ?? []).compactMap { override -> RecurrenceStart? in
                guard let rid = override.recurrenceID else { return nil }
                if master.isAllDay { return .date(override.recurrenceDay ?? Zone.utc.localDateTime(at: rid).date) }
                return .dateTime(master.zone.localDateTime(at: rid))
            }
            result.append(converted(master, key: master.uid, exceptions: replaced))
        }
        for (uid, overrides) in calendar.overrides.sorted(by: { $0.key < $1.key }) {
            for override in overrides where !override.isCancelled && selected(override) {
                let single = ImportedCalendar.Event(
                    uid: uid, summary: override.summary, description: override.description, location: override.location,
                    url: override.url, categories: override.categories, sequence: override.sequence,
                    isCancelled: false, zone: override.zone,
                    recurrence: RecurrenceSet(start: override.recurrence.start, zone: override.zone),
                    length: override.length, recurrenceID: nil, line: override.line)
                let rid = override.recurrenceID.map { String($0.secondsSinceEpoch) } ?? ""
                    let key = "\(uid)\n\(rid)"
                result.append(converted(single, key: key, exceptions: []))
            }
        }
        return result
    }

    /// 16 hex digits of SHA-256: short enough for an id, long enough that two UIDs of one calendar never meet.
    static func digest(_ text: String) -> String {
        SHA256.digest(Array(text.utf8)).prefix(8).map { byte in
            let digits = String(byte, radix: 16)
            return digits.count == 1 ? "0" + digits : digits
        }.joined()
    }
}

extension String {
    fileprivate var nonEmpty: String? { isEmpty ? nil : self }
}
