import PartnerdTOML

/// `[[partnership.calendar]]`: calendars that others publish, read from a file, whose events join the partnership's.
extension ConfigurationReader {
    /// The events of a partnership's calendars, and the sources the daemon fetches. A calendar that cannot be read
    /// or parsed costs only its own events, with a warning: a broken file of another office never breaks the config.
    mutating func decodeCalendars(
        _ node: TOMLValue, at path: ConfigurationKeyPath, partnership: PartnershipID?, zone: Zone, taken: Set<EventID>
    ) -> (events: [Event], sources: [CalendarSource]) {
        guard case .array(let items) = node else {
            error(path, "calendar must be an array of tables", hint: "write each under its own [[partnership.calendar]] header")
            return ([], [])
        }
        var events: [Event] = []
        var sources: [CalendarSource] = []
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
            let file = optionalText(table, "file", at: itemPath)
            let url = optionalText(table, "url", at: itemPath)
            if file != nil && url != nil {
                error(itemPath.appending(key: "url"), "the calendar names both a file and a url",
                    hint: "keep one: file = \"…\" for a file on this machine, url = \"https://…\" for one to fetch")
            } else if file == nil && url == nil {
                error(itemPath, "the calendar names neither a file nor a url",
                    hint: "add file = \"partnerships.d/agenda.ics\" or url = \"https://agenda.example.be/jumelages.ics\"")
            }
            let categories = stringList(table["categories"], at: itemPath.appending(key: "categories")) ?? []
            let remind = table["remind"].flatMap { spans($0, at: itemPath.appending(key: "remind")) }
            let refresh = seconds(table["refresh"], at: itemPath.appending(key: "refresh"), range: 1...(366 * 86400),
                default: CalendarSource.defaultRefresh, what: "refresh interval", example: "\"6h\", \"30min\" or \"1d\"")
            let timeout = seconds(table["timeout"], at: itemPath.appending(key: "timeout"), range: 1...600,
                default: CalendarSource.defaultTimeout, what: "timeout", example: "\"30s\" or \"2min\"")
            if file != nil {
                for key in ["refresh", "timeout"] where table[key] != nil {
                    warning(itemPath.appending(key: key), "\(key) is for calendars fetched from a url; a file is read at each start and reload",
                        hint: "remove \(key), or fetch the calendar with url = \"…\"")
                }
            }
            if let url {
                guard let id, let partnership else { continue }
                switch CalendarURL.parse(url) {
                case .failure(let failure):
                    error(itemPath.appending(key: "url"), "the calendar's url cannot be fetched: \(failure.reason)",
                        hint: "write an https URL, e.g. url = \"https://agenda.example.be/jumelages.ics\"")
                    continue
                case .success(let parsed) where !parsed.isFetchable:
                    warning(itemPath.appending(key: "url"),
                        "\(url) is plain http to another host, which anybody on the way can read and change; the calendar is not fetched",
                        hint: "use https; plain http is fetched only from this host (localhost, 127.0.0.1, ::1)",
                        kind: .calendarUnread)
                    continue
                case .success: break
                }
                if refresh < 60 {
                    warning(itemPath.appending(key: "refresh"), "refreshing every \(refresh) s asks the calendar's server very often",
                        hint: "a calendar changes a few times a day at most: refresh = \"1h\" or more is kind to its server")
                }
                let source = CalendarSource(partnership: partnership, id: id, url: url, refresh: refresh, timeout: timeout, zone: zone)
                sources.append(source)
                guard let calendarCopies else { continue }
                switch calendarCopies.copy(of: source, configuredStateDirectory: configuredStateDirectory) {
                case nil: continue
                case .failure(let failure)?:
                    warning(itemPath.appending(key: "url"),
                        "cannot read the last copy of \(url): \(failure.reason); its events are left out until the next fetch",
                        hint: "check that partnerd may read its state directory", kind: .calendarUnread)
                case .success(let bytes)?:
                    events += imported(bytes, name: url, at: itemPath.appending(key: "url"), zone: zone, id: id,
                        categories: categories, remind: remind, eventIDs: &eventIDs)
                }
                continue
            }
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
            events += imported(bytes, name: full, at: itemPath.appending(key: "file"), zone: zone, id: id,
                categories: categories, remind: remind, eventIDs: &eventIDs)
        }
        return (events, sources)
    }

    /// The events of one calendar's bytes; a calendar that does not parse gives none, with a warning naming the line.
    private mutating func imported(
        _ bytes: [UInt8], name: String, at path: ConfigurationKeyPath, zone: Zone, id: CalendarID, categories: [String],
        remind: [Span]?, eventIDs: inout Set<EventID>
    ) -> [Event] {
        let calendar: ImportedCalendar
        do {
            calendar = try ImportedCalendar.read(bytes, defaultZone: zone)
        } catch {
            warning(
                path, "\(name):\(error.line): \(error.message); the calendar's events are left out",
                hint: "`partnerctl calendar \(name)` shows what partnerd reads of it", kind: .calendarUnread)
            return []
        }
        for skipped in calendar.warnings.prefix(20) {
            warning(path, "\(name):\(skipped.line): \(skipped.message)", kind: .calendarLine)
        }
        return Self.events(of: calendar, id: id, categories: categories, remind: remind).filter {
            eventIDs.insert($0.id).inserted
        }
    }

    /// A number of seconds written as `"30s"`, `"2min"`, `"6h"` or `"1d"`, within `range`.
    private mutating func seconds(
        _ node: TOMLValue?, at path: ConfigurationKeyPath, range: ClosedRange<Int64>, default value: Int64, what: String,
        example: String
    ) -> Int64 {
        guard let node, let text = string(node, at: path) else { return value }
        let parsed = Self.seconds(text) ?? (try? Span(parsing: text)).flatMap { span -> Int64? in
            span.months == 0 ? Int64(span.days) * 86400 + span.seconds : nil
        }
        guard let parsed, range.contains(parsed) else {
            error(path, "\"\(text)\" is not a \(what) between \(range.lowerBound) s and \(range.upperBound / 86400 > 0 ? "\(range.upperBound / 86400) days" : "\(range.upperBound) s")",
                hint: "write e.g. \(example)")
            return value
        }
        return parsed
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
