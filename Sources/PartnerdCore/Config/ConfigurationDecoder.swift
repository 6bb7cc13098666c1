/// Turns parsed TOML into the model, recording an issue for everything that is wrong and carrying on.
struct ConfigurationDecoder {
    let now: Instant
    let systemZone: Zone
    var issues: [ConfigurationIssue] = []
    var maps: [String: TOMLSourceMap] = [:]
    /// Where each partnership id was first defined, for duplicate messages.
    private var partnershipOrigins: [PartnershipID: (file: String, line: Int?)] = [:]

    init(now: Instant, systemZone: Zone) {
        self.now = now
        self.systemZone = systemZone
    }

    struct MainSettings {
        var daemon = DaemonSettings()
        var feed = FeedSettings()
        var reminders = ReminderDefaults.standard
    }

    static let topLevelKeys = ["daemon", "feed", "reminders", "partnership", "include"]
    static let includedTopLevelKeys = ["partnership", "include"]
    static let daemonKeys = ["timezone", "language", "notify_at", "catch_up", "state_directory", "include"]
    static let feedKeys = ["listen", "directory", "name", "refresh", "horizon", "token", "alarms"]
    static let reminderKeys = ["events", "anniversaries", "jubilees", "milestones"]
    static let partnershipKeys = [
        "id", "city", "partner", "partner_region", "country", "signed", "signed_in", "timezone", "networks", "topics",
        "status", "leap_day", "private", "remind", "event",
    ]
    static let eventKeys = [
        "id", "title", "start", "end", "duration", "location", "description", "url", "timezone", "rrule", "exdate",
        "rdate", "remind", "private",
    ]

    // MARK: - Issues

    private var file = ""
    private var map = TOMLSourceMap(text: "")

    private mutating func enter(file: String, map: TOMLSourceMap) {
        self.file = file
        self.map = map
        maps[file] = map
    }

    mutating func error(_ path: ConfigurationKeyPath, _ message: String, hint: String? = nil) {
        let position = map.position(of: path.sourceKey)
        issues.append(
            ConfigurationIssue(
                .error, file: file, line: position?.line, column: position?.column, keyPath: path, message: message,
                hint: hint))
    }

    mutating func warning(_ path: ConfigurationKeyPath, _ message: String, hint: String? = nil) {
        let position = map.position(of: path.sourceKey)
        issues.append(
            ConfigurationIssue(
                .warning, file: file, line: position?.line, column: position?.column, keyPath: path, message: message,
                hint: hint))
    }

    mutating func warn(file: String, map: TOMLSourceMap, at path: ConfigurationKeyPath, _ message: String, hint: String) {
        enter(file: file, map: map)
        warning(path, message, hint: hint)
    }

    // MARK: - Files

    mutating func decodeMain(_ table: [String: TOMLNode], file: String, map: TOMLSourceMap) -> MainSettings {
        enter(file: file, map: map)
        checkKeys(table, allowed: Self.topLevelKeys, at: ConfigurationKeyPath())
        var settings = MainSettings()
        if let node = table["daemon"], let daemon = self.table(node, at: ConfigurationKeyPath().appending(key: "daemon")) {
            settings.daemon = decodeDaemon(daemon)
        }
        if let node = table["feed"], let feed = self.table(node, at: ConfigurationKeyPath().appending(key: "feed")) {
            settings.feed = decodeFeed(feed)
        }
        if let node = table["reminders"],
            let reminders = self.table(node, at: ConfigurationKeyPath().appending(key: "reminders"))
        {
            settings.reminders = decodeReminders(reminders)
        }
        return settings
    }

    mutating func checkIncludedFile(_ table: [String: TOMLNode], file: String, map: TOMLSourceMap) {
        enter(file: file, map: map)
        for key in table.keys.sorted() where !Self.includedTopLevelKeys.contains(key) {
            if Self.topLevelKeys.contains(key) {
                error(
                    ConfigurationKeyPath().appending(key: key), "[\(key)] may only appear in the main config file",
                    hint: "move [\(key)] to the main file; included files hold [[partnership]] tables and include")
            } else {
                unknownKey(key, allowed: Self.includedTopLevelKeys, at: ConfigurationKeyPath())
            }
        }
    }

    /// The include patterns of a file: top-level `include`, and `daemon.include` in the main file.
    mutating func includePatterns(
        _ table: [String: TOMLNode], file: String, map: TOMLSourceMap, isMain: Bool
    ) -> [(pattern: String, keyPath: ConfigurationKeyPath)] {
        enter(file: file, map: map)
        var patterns: [(String, ConfigurationKeyPath)] = []
        var sources: [(TOMLNode, ConfigurationKeyPath)] = []
        if let node = table["include"] { sources.append((node, ConfigurationKeyPath().appending(key: "include"))) }
        if isMain, case .table(let daemon)? = table["daemon"], let node = daemon["include"] {
            sources.append((node, ConfigurationKeyPath([.key("daemon"), .key("include")])))
        }
        for (node, path) in sources {
            if case .string(let single) = node {
                patterns.append((single, path))
                continue
            }
            for (index, item) in (array(node, at: path) ?? []).enumerated() {
                if let pattern = string(item, at: path.appending(.index(index))) {
                    patterns.append((pattern, path.appending(.index(index))))
                }
            }
        }
        return patterns
    }

    // MARK: - Sections

    private mutating func decodeDaemon(_ table: [String: TOMLNode]) -> DaemonSettings {
        let path = ConfigurationKeyPath().appending(key: "daemon")
        checkKeys(table, allowed: Self.daemonKeys, at: path)
        var settings = DaemonSettings(zone: systemZone)
        if let node = table["timezone"], let zone = zone(node, at: path.appending(key: "timezone")) {
            settings.zone = zone
        }
        if let node = table["language"], let text = string(node, at: path.appending(key: "language")) {
            if let language = Language(rawValue: text) {
                settings.language = language
            } else {
                error(
                    path.appending(key: "language"), "\"\(text)\" is not a supported language",
                    hint: "use one of de, en, fr, nl")
            }
        }
        if let node = table["notify_at"], let text = string(node, at: path.appending(key: "notify_at")) {
            if let time = LocalTime(text: text) {
                settings.notifyAt = time
            } else {
                error(
                    path.appending(key: "notify_at"), "\"\(text)\" is not a time of day",
                    hint: "write HH:MM on a 24-hour clock, e.g. \"09:00\"")
            }
        }
        if let node = table["catch_up"], let span = span(node, at: path.appending(key: "catch_up")) {
            settings.catchUp = span
        }
        if let node = table["state_directory"], let text = string(node, at: path.appending(key: "state_directory")) {
            settings.stateDirectory = text.isEmpty ? nil : text
        }
        return settings
    }

    private mutating func decodeFeed(_ table: [String: TOMLNode]) -> FeedSettings {
        let path = ConfigurationKeyPath().appending(key: "feed")
        checkKeys(table, allowed: Self.feedKeys, at: path)
        var settings = FeedSettings()
        if let node = table["listen"], let text = string(node, at: path.appending(key: "listen")) {
            if text.isEmpty {
                settings.listen = nil
            } else {
                switch ListenAddress.parse(text) {
                case .success(let address): settings.listen = address
                case .failure(let failure):
                    error(
                        path.appending(key: "listen"), "\"\(text)\" is not a listen address: \(failure.reason)",
                        hint: "write host:port, e.g. \"127.0.0.1:8080\", or \"\" for no HTTP server")
                }
            }
        }
        if let node = table["directory"], let text = string(node, at: path.appending(key: "directory")) {
            settings.directory = text.isEmpty ? nil : text
        }
        if let node = table["name"], let text = string(node, at: path.appending(key: "name")) {
            if text.isEmpty {
                error(path.appending(key: "name"), "the feed name is empty", hint: "give the calendar a name")
            } else {
                settings.name = text
            }
        }
        if let node = table["refresh"], let span = span(node, at: path.appending(key: "refresh")) {
            if span.isZero {
                error(path.appending(key: "refresh"), "a refresh interval of zero", hint: "use e.g. \"12h\"")
            } else {
                settings.refresh = span
            }
        }
        if let node = table["horizon"], let span = span(node, at: path.appending(key: "horizon")) {
            if span.isZero {
                error(path.appending(key: "horizon"), "a horizon of zero shows nothing ahead", hint: "use e.g. \"5y\"")
            } else {
                settings.horizon = span
            }
        }
        if let node = table["token"], let text = string(node, at: path.appending(key: "token")) {
            if !text.isEmpty && text.count < 16 {
                warning(
                    path.appending(key: "token"), "the token is only \(text.count) characters long and easy to guess",
                    hint: "use a random token of at least 16 characters, e.g. from `openssl rand -hex 16`")
            }
            if text.contains(where: { !($0.isASCII && ($0.isLetter || $0.isNumber || "-_.~".contains($0))) }) {
                error(
                    path.appending(key: "token"), "the token has characters that need escaping in a URL",
                    hint: "use only letters, digits and - _ . ~")
            }
            settings.token = text.isEmpty ? nil : text
        }
        if let node = table["alarms"], let value = boolean(node, at: path.appending(key: "alarms")) {
            settings.alarms = value
        }
        return settings
    }

    private mutating func decodeReminders(_ table: [String: TOMLNode]) -> ReminderDefaults {
        let path = ConfigurationKeyPath().appending(key: "reminders")
        checkKeys(table, allowed: Self.reminderKeys, at: path)
        var defaults = ReminderDefaults.standard
        if let node = table["events"], let spans = spans(node, at: path.appending(key: "events")) {
            defaults.events = spans
        }
        if let node = table["anniversaries"], let spans = spans(node, at: path.appending(key: "anniversaries")) {
            defaults.anniversaries = spans
        }
        if let node = table["jubilees"], let spans = spans(node, at: path.appending(key: "jubilees")) {
            defaults.jubilees = spans
        }
        if let node = table["milestones"], let items = array(node, at: path.appending(key: "milestones")) {
            var milestones = Set<Int>()
            for (index, item) in items.enumerated() {
                let itemPath = path.appending(key: "milestones").appending(.index(index))
                guard case .integer(let value) = item, value > 0 else {
                    error(
                        itemPath, "\(item.quoted) is not a positive whole number of years",
                        hint: "list anniversaries as numbers without quotes, e.g. [10, 25, 50]")
                    continue
                }
                if !milestones.insert(value).inserted {
                    warning(itemPath, "\(value) is listed twice", hint: "remove the repetition")
                }
            }
            defaults.milestones = milestones
        }
        return defaults
    }

    // MARK: - Partnerships

    mutating func decodePartnerships(
        _ table: [String: TOMLNode], file: String, map: TOMLSourceMap, zone: Zone
    ) -> [Partnership] {
        enter(file: file, map: map)
        guard let node = table["partnership"] else { return [] }
        guard case .array(let items) = node else {
            error(
                ConfigurationKeyPath().appending(key: "partnership"), "partnership must be an array of tables",
                hint: "write each one under its own [[partnership]] header")
            return []
        }
        var result: [Partnership] = []
        for (index, item) in items.enumerated() {
            if let partnership = decodePartnership(item, index: index, defaultZone: zone) { result.append(partnership) }
        }
        return result
    }

    private mutating func decodePartnership(_ node: TOMLNode, index: Int, defaultZone: Zone) -> Partnership? {
        var path = ConfigurationKeyPath([.element("partnership", id: nil, index: index)])
        guard let table = table(node, at: path) else { return nil }
        let idText: String?
        if case .string(let text)? = table["id"] { idText = text } else { idText = nil }
        path = ConfigurationKeyPath([.element("partnership", id: idText, index: index)])
        checkKeys(table, allowed: Self.partnershipKeys, at: path)

        let id = identifier(table["id"], at: path.appending(key: "id"), kind: "partnership")
        let city = requiredText(table, "city", at: path, example: "\"Berlin\"")
        let partner = requiredText(table, "partner", at: path, example: "\"Brüssel\"")
        let partnerRegion = optionalText(table, "partner_region", at: path)
        let country = requiredText(table, "country", at: path, example: "\"BE\"")
        if let country, !(country.count == 2 && country.allSatisfy({ $0.isASCII && $0.isUppercase })) {
            error(
                path.appending(key: "country"), "\"\(country)\" is not an ISO 3166-1 alpha-2 country code",
                hint: "use two capital letters, e.g. \"BE\" for Belgium")
        }
        var signed: LocalDate?
        if let node = table["signed"] {
            signed = date(node, at: path.appending(key: "signed"), what: "the signing date")
        } else {
            error(path.appending(key: "signed"), "the signing date is missing", hint: "add signed = 1992-06-01 (no quotes)")
        }
        let signedIn = optionalText(table, "signed_in", at: path)
        var zone = defaultZone
        if let node = table["timezone"], let found = self.zone(node, at: path.appending(key: "timezone")) { zone = found }
        let networks = stringList(table["networks"], at: path.appending(key: "networks")) ?? []
        let topics = stringList(table["topics"], at: path.appending(key: "topics")) ?? []
        let status: Partnership.Status =
            choice(table["status"], at: path.appending(key: "status"), default: .active) ?? .active
        let leapDay: Partnership.LeapDayRule =
            choice(table["leap_day"], at: path.appending(key: "leap_day"), default: .feb28) ?? .feb28
        if table["leap_day"] != nil, let signed, !signed.isLeapDay {
            warning(
                path.appending(key: "leap_day"),
                "leap_day only matters for a partnership signed on 29 February, and this one was signed on \(signed)",
                hint: "remove leap_day")
        }
        let isPrivate = table["private"].flatMap { boolean($0, at: path.appending(key: "private")) } ?? false
        let remind = table["remind"].flatMap { spans($0, at: path.appending(key: "remind")) }

        var events: [Event] = []
        if let eventNode = table["event"] {
            if case .array(let items) = eventNode {
                var seen: [EventID: Int] = [:]
                for (eventIndex, item) in items.enumerated() {
                    guard let event = decodeEvent(item, index: eventIndex, partnershipPath: path, defaultZone: zone)
                    else { continue }
                    if let first = seen[event.id] {
                        error(
                            ConfigurationKeyPath(path.components + [.element("event", id: event.id.rawValue, index: eventIndex)])
                                .appending(key: "id"),
                            "the event id \"\(event.id)\" is already used by event #\(first + 1) of this partnership",
                            hint: "give each event of a partnership its own id")
                    } else {
                        seen[event.id] = eventIndex
                        events.append(event)
                    }
                }
            } else {
                error(
                    path.appending(key: "event"), "event must be an array of tables",
                    hint: "write each event under its own [[partnership.event]] header")
            }
        }

        guard let id, let city, let partner, let country, let signed else { return nil }
        if let first = partnershipOrigins[id] {
            let place = first.file + (first.line.map { ":\($0)" } ?? "")
            error(
                path.appending(key: "id"), "the partnership id \"\(id)\" is already used at \(place)",
                hint: "give each partnership its own id")
            return nil
        }
        partnershipOrigins[id] = (file, map.position(of: path.sourceKey)?.line)
        return Partnership(
            id: id, city: city, partner: partner, partnerRegion: partnerRegion, country: country, signed: signed,
            signedIn: signedIn, zone: zone, networks: networks, topics: topics, status: status, leapDay: leapDay,
            isPrivate: isPrivate, remind: remind, events: events, file: file)
    }

    private mutating func decodeEvent(
        _ node: TOMLNode, index: Int, partnershipPath: ConfigurationKeyPath, defaultZone: Zone
    ) -> Event? {
        var path = partnershipPath.appending(.element("event", id: nil, index: index))
        guard let table = table(node, at: path) else { return nil }
        if case .string(let text)? = table["id"] {
            path = partnershipPath.appending(.element("event", id: text, index: index))
        }
        checkKeys(table, allowed: Self.eventKeys, at: path)
        let id = identifier(table["id"], at: path.appending(key: "id"), kind: "event").map { EventID(rawValue: $0.rawValue) }
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
        }
        let exceptionDates = start.map { dateList(table["exdate"], matching: $0, at: path.appending(key: "exdate")) } ?? []
        let recurrenceDates = start.map { dateList(table["rdate"], matching: $0, at: path.appending(key: "rdate")) } ?? []
        if !exceptionDates.isEmpty && rule == nil && recurrenceDates.isEmpty {
            warning(
                path.appending(key: "exdate"), "exdate has no effect on an event without rrule or rdate",
                hint: "remove exdate, or add the rrule it belongs to")
        }
        let remind = table["remind"].flatMap { spans($0, at: path.appending(key: "remind")) }
        let isPrivate = table["private"].flatMap { boolean($0, at: path.appending(key: "private")) } ?? false
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
                    hint: "set remind = [] for past events, or correct the date")
            }
        }
        return Event(
            id: id, title: title, start: start, length: length, location: location, description: description, url: url,
            zone: zone, rule: rule, exceptionDates: exceptionDates, recurrenceDates: recurrenceDates, remind: remind,
            isPrivate: isPrivate)
    }

    private mutating func eventStart(_ node: TOMLNode, at path: ConfigurationKeyPath) -> Event.Start? {
        switch node {
        case .date(let y, let m, let d):
            guard let date = LocalDate(year: y, month: m, day: d) else {
                error(path, "\(node.quoted) is not a date in the calendar", hint: "check the day and month")
                return nil
            }
            return .date(date)
        case .dateTime(let y, let mo, let d, let h, let mi, let s, let hasOffset):
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
        _ table: [String: TOMLNode], start: Event.Start, zone: Zone, at path: ConfigurationKeyPath
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
                case .date(let y, let m, let d):
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
                case .dateTime:
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
                case .dateTime(let y, let mo, let d, let h, let mi, let s, let hasOffset):
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
                case .date:
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
        _ node: TOMLNode?, matching start: Event.Start, at path: ConfigurationKeyPath
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

    // MARK: - Typed access

    private mutating func checkKeys(_ table: [String: TOMLNode], allowed: [String], at path: ConfigurationKeyPath) {
        for key in table.keys.sorted() where !allowed.contains(key) {
            unknownKey(key, allowed: allowed, at: path)
        }
    }

    private mutating func unknownKey(_ key: String, allowed: [String], at path: ConfigurationKeyPath) {
        let suggestion = Suggestion.closest(to: key, among: allowed)
        let place = path.isEmpty ? "at the top level" : "in \(path)"
        error(
            path.appending(key: key), "unknown key \"\(key)\" \(place)",
            hint: suggestion.map { "did you mean \"\($0)\"?" } ?? "the keys here are: \(allowed.joined(separator: ", "))")
    }

    private mutating func table(_ node: TOMLNode, at path: ConfigurationKeyPath) -> [String: TOMLNode]? {
        if case .table(let table) = node { return table }
        error(path, "expected a table, found \(node.typeName) (\(node.quoted))", hint: "write it as a [table] section")
        return nil
    }

    private mutating func array(_ node: TOMLNode, at path: ConfigurationKeyPath) -> [TOMLNode]? {
        if case .array(let items) = node { return items }
        error(path, "expected an array, found \(node.typeName) (\(node.quoted))", hint: "write it in brackets, e.g. [\(node.quoted)]")
        return nil
    }

    private mutating func string(_ node: TOMLNode, at path: ConfigurationKeyPath) -> String? {
        if case .string(let text) = node { return text }
        error(path, "expected a string, found \(node.typeName) (\(node.quoted))", hint: "put the value in double quotes")
        return nil
    }

    private mutating func boolean(_ node: TOMLNode, at path: ConfigurationKeyPath) -> Bool? {
        if case .boolean(let value) = node { return value }
        error(path, "expected true or false, found \(node.typeName) (\(node.quoted))", hint: "write true or false without quotes")
        return nil
    }

    private mutating func requiredText(
        _ table: [String: TOMLNode], _ key: String, at path: ConfigurationKeyPath, example: String
    ) -> String? {
        guard let node = table[key] else {
            error(path.appending(key: key), "\(key) is missing", hint: "add \(key) = \(example)")
            return nil
        }
        guard let text = string(node, at: path.appending(key: key)) else { return nil }
        guard !text.trimmingASCIIWhitespace().isEmpty else {
            error(path.appending(key: key), "\(key) is empty", hint: "write e.g. \(key) = \(example)")
            return nil
        }
        return text
    }

    private mutating func optionalText(_ table: [String: TOMLNode], _ key: String, at path: ConfigurationKeyPath) -> String? {
        guard let node = table[key], let text = string(node, at: path.appending(key: key)) else { return nil }
        return text.isEmpty ? nil : text
    }

    private mutating func stringList(_ node: TOMLNode?, at path: ConfigurationKeyPath) -> [String]? {
        guard let node, let items = array(node, at: path) else { return nil }
        return items.enumerated().compactMap { string($0.element, at: path.appending(.index($0.offset))) }
    }

    private mutating func identifier(_ node: TOMLNode?, at path: ConfigurationKeyPath, kind: String) -> PartnershipID? {
        guard let node else {
            error(path, "the \(kind) has no id", hint: "add id = \"…\" using a-z, 0-9 and -")
            return nil
        }
        guard let text = string(node, at: path) else { return nil }
        guard Identifier.isValid(text) else {
            error(
                path, "the id \"\(text)\" may only contain a-z, 0-9 and -",
                hint: "use e.g. \"\(Identifier.suggestion(for: text))\"")
            return nil
        }
        return PartnershipID(rawValue: text)
    }

    private mutating func choice<Value: RawRepresentable & CaseIterable>(
        _ node: TOMLNode?, at path: ConfigurationKeyPath, default value: Value
    ) -> Value? where Value.RawValue == String {
        guard let node else { return value }
        guard let text = string(node, at: path) else { return nil }
        if let found = Value(rawValue: text) { return found }
        let options = Value.allCases.map(\.rawValue)
        error(
            path, "\"\(text)\" is not one of \(options.joined(separator: ", "))\(Suggestion.phrase(for: text, among: options))",
            hint: "use one of \(options.joined(separator: ", "))")
        return nil
    }

    private mutating func zone(_ node: TOMLNode, at path: ConfigurationKeyPath) -> Zone? {
        guard let text = string(node, at: path) else { return nil }
        if let zone = Zone(identifier: text) { return zone }
        error(
            path, "\"\(text)\" is not a time zone of the tz database\(Suggestion.phrase(for: text, among: Zone.knownIdentifiers))",
            hint: "use an IANA name such as \"Europe/Berlin\" (see `timedatectl list-timezones`)")
        return nil
    }

    private mutating func date(_ node: TOMLNode, at path: ConfigurationKeyPath, what: String) -> LocalDate? {
        switch node {
        case .date(let y, let m, let d):
            if let date = LocalDate(year: y, month: m, day: d) { return date }
            error(path, "\(node.quoted) is not a date in the calendar", hint: "check the day and month")
        case .string(let text):
            error(path, "\"\(text)\" is a string, not a date", hint: "write \(what) without quotes, e.g. 1992-06-01")
        default:
            error(path, "expected a date, found \(node.typeName) (\(node.quoted))", hint: "write \(what) as e.g. 1992-06-01")
        }
        return nil
    }

    private mutating func span(_ node: TOMLNode, at path: ConfigurationKeyPath) -> Span? {
        guard let text = string(node, at: path) else { return nil }
        do {
            return try Span(parsing: text)
        } catch {
            self.error(
                path, "\"\(text)\" is not a span: \(error.reason)",
                hint: "write <number><unit> parts such as \"30min\", \"2h\", \"7d\", \"2w\", \"6mo\", \"1y\" or \"1d 12h\"")
            return nil
        }
    }

    private mutating func spans(_ node: TOMLNode, at path: ConfigurationKeyPath) -> [Span]? {
        guard let items = array(node, at: path) else { return nil }
        var result: [Span] = []
        for (index, item) in items.enumerated() {
            if let span = span(item, at: path.appending(.index(index))) { result.append(span) }
        }
        return result
    }
}
