import PartnerdTOML
/// Reads the parsed TOML of one config file: typed access to its values, and every problem found recorded as
/// a ``ConfigurationIssue`` with this file's name and the line and column of the key, so that decoding carries on
/// after an error and `check` shows them all.
///
/// One reader per file: the file is fixed when the reader is made, so no issue can be filed under another file.
/// The section decoders are extensions (`ConfigurationReader+Settings.swift`, `+Partnerships`, `+Events`).
struct ConfigurationReader {
    /// The file being read, as issues name it.
    let file: String
    /// The file's parsed document, whose keys and values carry their positions.
    let root: TOMLTable
    /// `$CREDENTIALS_DIRECTORY`: where secret files named relatively are read (systemd's `LoadCredential=`).
    var credentialsDirectory: String?
    /// Reads an imported calendar's file (`[[partnership.calendar]] file`); `nil` reads none.
    var readCalendarFile: ((String) -> Result<[UInt8], ConfigurationFileError>)?
    /// Reads the last good copies of fetched calendars (`[[partnership.calendar]] url`); `nil` reads none.
    var calendarCopies: (any CalendarCopies)?
    /// `daemon.state_directory` of the config being read, where the copies are unless a flag says otherwise.
    var configuredStateDirectory: String?
    /// The ids of the config's `[[channel]]`s, for the channels tasks name; `nil` checks none.
    var knownChannels: [ChannelID]?
    /// Where relative calendar files are: the main config file's folder.
    var baseDirectory = "."
    /// Every problem found so far, in the order found.
    private(set) var issues: [ConfigurationIssue] = []

    init(file: String, root: TOMLTable) {
        self.file = file
        self.root = root
    }

    // MARK: - Issues

    mutating func error(_ path: ConfigurationKeyPath, _ message: String, hint: String? = nil) {
        report(.error, path, message, hint: hint)
    }

    mutating func warning(
        _ path: ConfigurationKeyPath, _ message: String, hint: String? = nil, kind: ConfigurationIssue.Kind? = nil
    ) {
        report(.warning, path, message, hint: hint, kind: kind)
    }

    private mutating func report(
        _ severity: ConfigurationIssue.Severity, _ path: ConfigurationKeyPath, _ message: String, hint: String?,
        kind: ConfigurationIssue.Kind? = nil
    ) {
        let position = root.position(of: path)
        issues.append(
            ConfigurationIssue(
                severity, file: file, line: position?.line, column: position?.column, keyPath: path, message: message,
                hint: hint, kind: kind))
    }

    // MARK: - Typed access

    mutating func checkKeys(_ table: TOMLTable, allowed: [String], at path: ConfigurationKeyPath) {
        for key in table.keys.sorted() where !allowed.contains(key) {
            unknownKey(key, allowed: allowed, at: path)
        }
    }

    mutating func unknownKey(_ key: String, allowed: [String], at path: ConfigurationKeyPath) {
        let suggestion = Suggestion.closest(to: key, among: allowed)
        let place = path.isEmpty ? "at the top level" : "in \(path)"
        error(
            path.appending(key: key), "unknown key \"\(key)\" \(place)",
            hint: suggestion.map { "did you mean \"\($0)\"?" } ?? "the keys here are: \(allowed.joined(separator: ", "))")
    }

    mutating func table(_ node: TOMLValue, at path: ConfigurationKeyPath) -> TOMLTable? {
        if case .table(let table) = node { return table }
        error(path, "expected a table, found \(node.typeName) (\(node.quoted))", hint: "write it as a [table] section")
        return nil
    }

    mutating func array(_ node: TOMLValue, at path: ConfigurationKeyPath) -> TOMLArray? {
        if case .array(let items) = node { return items }
        error(path, "expected an array, found \(node.typeName) (\(node.quoted))", hint: "write it in brackets, e.g. [\(node.quoted)]")
        return nil
    }

    mutating func string(_ node: TOMLValue, at path: ConfigurationKeyPath) -> String? {
        if case .string(let text) = node {
            // TOML allows \u0000, but no config value can hold it: paths, zones and journal fields end there in C.
            guard !text.utf8.contains(0) else {
                error(
                    path, "a string holds the NUL character (\\u0000), which no config value can contain",
                    hint: "remove the \\u0000 escape")
                return nil
            }
            return text
        }
        error(path, "expected a string, found \(node.typeName) (\(node.quoted))", hint: "put the value in double quotes")
        return nil
    }

    mutating func boolean(_ node: TOMLValue, at path: ConfigurationKeyPath) -> Bool? {
        if case .boolean(let value) = node { return value }
        error(path, "expected true or false, found \(node.typeName) (\(node.quoted))", hint: "write true or false without quotes")
        return nil
    }

    mutating func requiredText(
        _ table: TOMLTable, _ key: String, at path: ConfigurationKeyPath, example: String
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

    mutating func optionalText(_ table: TOMLTable, _ key: String, at path: ConfigurationKeyPath) -> String? {
        guard let node = table[key], let text = string(node, at: path.appending(key: key)) else { return nil }
        return text.isEmpty ? nil : text
    }

    mutating func stringList(_ node: TOMLValue?, at path: ConfigurationKeyPath) -> [String]? {
        guard let node, let items = array(node, at: path) else { return nil }
        return items.enumerated().compactMap { string($0.element, at: path.appending(.index($0.offset))) }
    }

    /// An id under the one identifier rule (``ValidatedIdentifier``), with a suggestion when it breaks it.
    mutating func identifier<ID: ValidatedIdentifier>(
        _ node: TOMLValue?, at path: ConfigurationKeyPath, kind: String
    ) -> ID? {
        guard let node else {
            error(path, "the \(kind) has no id", hint: "add id = \"…\" using a-z, 0-9 and -")
            return nil
        }
        guard let text = string(node, at: path) else { return nil }
        guard let id = ID(validating: text) else {
            error(
                path, "the id \"\(text)\" may only contain a-z, 0-9 and -",
                hint: "use e.g. \"\(Identifier.suggestion(for: text))\"")
            return nil
        }
        return id
    }

    mutating func choice<Value: RawRepresentable & CaseIterable>(
        _ node: TOMLValue?, at path: ConfigurationKeyPath, default value: Value
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

    mutating func zone(_ node: TOMLValue, at path: ConfigurationKeyPath) -> Zone? {
        guard let text = string(node, at: path) else { return nil }
        if let zone = Zone(identifier: text) { return zone }
        error(
            path, "\"\(text)\" is not a time zone of the tz database\(Suggestion.phrase(for: text, among: Zone.knownIdentifiers))",
            hint: "use an IANA name such as \"Europe/Berlin\" (see `timedatectl list-timezones`)")
        return nil
    }

    mutating func date(_ node: TOMLValue, at path: ConfigurationKeyPath, what: String) -> LocalDate? {
        switch node {
        case .localDate(let value):
            let (y, m, d) = (value.year, value.month, value.day)
            if let date = LocalDate(year: y, month: m, day: d) { return date }
            error(path, "\(node.quoted) is not a date in the calendar", hint: "check the day and month")
        case .string(let text):
            error(path, "\"\(text)\" is a string, not a date", hint: "write \(what) without quotes, e.g. 1992-06-01")
        default:
            error(path, "expected a date, found \(node.typeName) (\(node.quoted))", hint: "write \(what) as e.g. 1992-06-01")
        }
        return nil
    }

    mutating func span(_ node: TOMLValue, at path: ConfigurationKeyPath) -> Span? {
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

    mutating func spans(_ node: TOMLValue, at path: ConfigurationKeyPath) -> [Span]? {
        guard let items = array(node, at: path) else { return nil }
        var result: [Span] = []
        for (index, item) in items.enumerated() {
            if let span = span(item, at: path.appending(.index(index))) { result.append(span) }
        }
        return result
    }
}
