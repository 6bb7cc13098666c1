import PartnerdTOML
/// The settings of the main file: `[daemon]`, `[feed]`, `[reminders]`, and the includes of a file.
extension ConfigurationReader {
    /// What the main file sets beside its partnerships.
    struct MainSettings {
        var daemon = DaemonSettings()
        var feed = FeedSettings()
        var reminders = ReminderDefaults.standard
    }


    mutating func decodeMain(_ table: TOMLTable, systemZone: Zone) -> MainSettings {
        var fallback = MainSettings()
        fallback.daemon = DaemonSettings(zone: systemZone)
        fallback.daemon.followsSystemZone = true
        checkKeys(table, allowed: ConfigurationSchema.topLevelKeys, at: ConfigurationKeyPath())
        // Without a [daemon] table the daemon keeps the system's zone.
        var settings = fallback
        if let node = table["daemon"], let daemon = self.table(node, at: ConfigurationKeyPath().appending(key: "daemon")) {
            settings.daemon = decodeDaemon(daemon, systemZone: systemZone)
        }
        if let node = table["feed"], let feed = self.table(node, at: ConfigurationKeyPath().appending(key: "feed")) {
            settings.feed = decodeFeed(feed)
        }
        if let node = table["reminders"],
            let reminders = self.table(node, at: ConfigurationKeyPath().appending(key: "reminders"))
        {
            settings.reminders = decodeReminders(reminders)
        }
        settings.daemon.workingDays.closures = decodeClosures(table)
        return settings
    }

    mutating func checkIncludedFile(_ table: TOMLTable) {
        for key in table.keys.sorted() where !ConfigurationSchema.includedTopLevelKeys.contains(key) {
            if ConfigurationSchema.topLevelKeys.contains(key) {
                let header = key == "channel" || key == "route" ? "[[\(key)]]" : "[\(key)]"
                error(
                    ConfigurationKeyPath().appending(key: key), "\(header) may only appear in the main config file",
                    hint: "move \(header) to the main file; included files hold [[partnership]] tables and include")
            } else {
                unknownKey(key, allowed: ConfigurationSchema.includedTopLevelKeys, at: ConfigurationKeyPath())
            }
        }
    }

    /// The include patterns of a file: top-level `include`, and `daemon.include` in the main file.
    mutating func includePatterns(
        _ table: TOMLTable, isMain: Bool
    ) -> [(pattern: String, keyPath: ConfigurationKeyPath)] {
        var patterns: [(String, ConfigurationKeyPath)] = []
        var sources: [(TOMLValue, ConfigurationKeyPath)] = []
        if let node = table["include"] { sources.append((node, ConfigurationKeyPath().appending(key: "include"))) }
        if isMain, case .table(let daemon)? = table["daemon"], let node = daemon["include"] {
            sources.append((node, ConfigurationKeyPath([.key("daemon"), .key("include")])))
        }
        for (node, path) in sources {
            if case .string(let single) = node {
                patterns.append((single, path))
                continue
            }
            for (index, item) in (array(node, at: path)?.elements ?? []).enumerated() {
                if let pattern = string(item, at: path.appending(.index(index))) {
                    patterns.append((pattern, path.appending(.index(index))))
                }
            }
        }
        return patterns
    }


    private mutating func decodeDaemon(_ table: TOMLTable, systemZone: Zone) -> DaemonSettings {
        let path = ConfigurationKeyPath().appending(key: "daemon")
        checkKeys(table, allowed: ConfigurationSchema.daemonKeys, at: path)
        var settings = DaemonSettings(zone: systemZone)
        settings.followsSystemZone = table["timezone"] == nil
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
            // A start plans every reminder of the window it reaches back over: a year is plenty, and bounded.
            if Self.averageDays(span) > 366 {
                error(
                    path.appending(key: "catch_up"), "a catch-up of \"\(span)\" reaches back more than a year",
                    hint: "use at most \"1y\"; reminders missed longer ago are of no use to anyone")
            } else {
                settings.catchUp = span
            }
        }
        if let node = table["state_directory"], let text = string(node, at: path.appending(key: "state_directory")) {
            settings.stateDirectory = text.isEmpty ? nil : text
        }
        if let node = table["workdays"], let days = workdays(node, at: path.appending(key: "workdays")) {
            settings.workingDays.workdays = days
        }
        if let node = table["holidays"], let regions = holidayRegions(node, at: path.appending(key: "holidays")) {
            settings.workingDays.holidays = regions
        }
        return settings
    }

    private mutating func decodeFeed(_ table: TOMLTable) -> FeedSettings {
        let path = ConfigurationKeyPath().appending(key: "feed")
        checkKeys(table, allowed: ConfigurationSchema.feedKeys, at: path)
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
            } else if Self.averageDays(span) > 100 * 365.25 {
                // Every partnership gets one anniversary a year up to the horizon, in every rendering.
                error(
                    path.appending(key: "horizon"), "a horizon of \"\(span)\" is more than 100 years",
                    hint: "use at most \"100y\"; calendar apps show a few years ahead anyway")
            } else {
                settings.horizon = span
            }
        }
        if let node = table["token"], let text = string(node, at: path.appending(key: "token")) {
            if !text.isEmpty && text.count < 16 {
                warning(
                    path.appending(key: "token"), "the token is only \(text.count) characters long and easy to guess",
                    hint: "use a random token of at least 16 characters, e.g. from `openssl rand -hex 16`",
                    kind: .shortToken)
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
        if let node = table["metrics"], let value = boolean(node, at: path.appending(key: "metrics")) {
            settings.metrics = value
        }
        if let node = table["partner_holidays"], let value = boolean(node, at: path.appending(key: "partner_holidays")) {
            settings.partnerHolidays = value
        }
        if let node = table["public_url"], let text = string(node, at: path.appending(key: "public_url")) {
            settings.publicURL = publicURL(text, at: path.appending(key: "public_url"))
        }
        return settings
    }

    /// A span's length in days of the average Gregorian year's months (30.436875 days), for limits in years.
    static func averageDays(_ span: Span) -> Double {
        Double(span.months) * 30.436875 + Double(span.days) + Double(span.seconds) / 86_400
    }

    /// `feed.public_url`: an http(s) URL with a host and at most a path (no query, no fragment, no spaces), kept
    /// without its trailing slash; `""` means none.
    private mutating func publicURL(_ text: String, at path: ConfigurationKeyPath) -> String? {
        if text.isEmpty { return nil }
        let lowered = text.lowercased()
        let scheme = lowered.hasPrefix("https://") ? "https://" : lowered.hasPrefix("http://") ? "http://" : nil
        let rest = scheme.map { String(text.dropFirst($0.count)) } ?? ""
        let host = rest.split(separator: "/", maxSplits: 1, omittingEmptySubsequences: false).first ?? ""
        guard scheme != nil, !host.isEmpty,
            !text.contains(where: { $0 == "?" || $0 == "#" || $0.isWhitespace || $0.isNewline || !$0.isASCII })
        else {
            error(
                path, "\"\(text)\" is not a public http(s) address",
                hint: "write the address subscribers use, e.g. \"https://calendar.example.org\" (no query, no spaces)")
            return nil
        }
        var url = text
        while url.hasSuffix("/") { url.removeLast() }
        return url
    }

    private mutating func decodeReminders(_ table: TOMLTable) -> ReminderDefaults {
        let path = ConfigurationKeyPath().appending(key: "reminders")
        checkKeys(table, allowed: ConfigurationSchema.reminderKeys, at: path)
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
                    warning(itemPath, "\(value) is listed twice", hint: "remove the repetition", kind: .listedTwice)
                }
            }
            defaults.milestones = milestones
        }
        if let node = table["channels"] {
            defaults.channels = channelIDs(node, at: path.appending(key: "channels"))
        }
        if let rule = closedDayRule(table["on_closed_day"], at: path.appending(key: "on_closed_day")) {
            defaults.onClosedDay = rule
        }
        return defaults
    }

}
