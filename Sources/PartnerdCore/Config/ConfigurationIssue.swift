/// One problem found in a config: where it is, what is wrong and how to fix it.
///
/// `check` prints every issue of a config, and a rejected reload logs them, both through
/// ``ConfigurationIssue/rendered``, so the wording is the same everywhere.
public struct ConfigurationIssue: Sendable, Hashable, Error, CustomStringConvertible {
    public enum Severity: String, Sendable, Hashable {
        case error, warning
    }

    /// What sort of warning it is, for the daemon's one summary line per kind when a config has many (a generated
    /// registry can have thousands of past events); the raw value is that line's wording.
    public enum Kind: String, Sendable, Hashable, CaseIterable {
        case pastEvent = "events more than a year past, whose reminders never fire"
        case exdateWithoutRule = "exdate on events without rrule or rdate"
        case leapDay = "leap_day on partnerships not signed on 29 February"
        case shortToken = "a feed token shorter than 16 characters"
        case listedTwice = "values listed twice"
        case plainHTTP = "channels over plain http"
        case unusedChannel = "channels no reminder goes to"
        case noPartnerships = "a config without partnerships"
        case holidayConflict = "events on a public holiday or in a closure"
        case calendarUnread = "imported calendars that could not be read"
        case calendarLine = "lines of imported calendars that were skipped or guessed"
    }

    public var severity: Severity
    public var file: String
    public var line: Int?
    public var column: Int?
    public var keyPath: ConfigurationKeyPath
    /// What is wrong, quoting the bad value.
    public var message: String
    /// How to fix it.
    public var hint: String?
    public var kind: Kind?

    public init(
        _ severity: Severity = .error, file: String, line: Int? = nil, column: Int? = nil,
        keyPath: ConfigurationKeyPath = ConfigurationKeyPath(), message: String, hint: String? = nil, kind: Kind? = nil
    ) {
        self.kind = kind
        self.severity = severity
        self.file = file
        self.line = line
        self.column = column
        self.keyPath = keyPath
        self.message = message
        self.hint = hint
    }

    /// `file:line:column: error: key path: message` followed by an indented `fix:` line when there is a hint.
    ///
    /// Control characters of the parts (a newline inside a quoted config value, an escape sequence) are written as
    /// `\n`, `\u{1B}` and the like, so that a value can neither forge further lines of `check`'s output nor drive the
    /// terminal; every issue is exactly one line, or two with its fix.
    public var rendered: String {
        var location = Self.visible(file)
        if let line {
            location += ":\(line)"
            if let column { location += ":\(column)" }
        }
        var text = "\(location): \(severity.rawValue): "
        if !keyPath.isEmpty { text += "\(Self.visible(keyPath.description)): " }
        text += Self.visible(message)
        if let hint { text += "\n    fix: \(Self.visible(hint))" }
        return text
    }

    /// The longest part of an issue that is printed whole; a megabyte of zone name is cut, not echoed.
    static let longestPart = 1_000

    /// `text` with every control character (C0, DEL, C1) escaped, cut after ``longestPart`` characters.
    static func visible(_ text: String) -> String {
        var text = text
        if text.unicodeScalars.count > longestPart {
            let rest = text.unicodeScalars.count - longestPart
            text = String(String.UnicodeScalarView(text.unicodeScalars.prefix(longestPart))) + "… (\(rest) more characters)"
        }
        return ControlCharacters.escaped(text)
    }


    public var description: String { rendered }
}

/// A path to a value in the config, rendered the way users read it:
/// `partnership "berlin-bruessel" → event "jazz-2022" → remind[1]`.
public struct ConfigurationKeyPath: Sendable, Hashable, CustomStringConvertible {
    public enum Component: Sendable, Hashable {
        /// A plain key (`daemon`, `timezone`).
        case key(String)
        /// An element of an array of tables, named by its id when it has one (`partnership "x"`).
        case element(String, id: String?, index: Int)
        /// An index into an array value (`remind[1]`).
        case index(Int)
    }

    public var components: [Component]

    public init(_ components: [Component] = []) {
        self.components = components
    }

    public var isEmpty: Bool { components.isEmpty }

    public func appending(_ component: Component) -> ConfigurationKeyPath {
        ConfigurationKeyPath(components + [component])
    }

    public func appending(key: String) -> ConfigurationKeyPath { appending(.key(key)) }

    public var description: String {
        var parts: [String] = []
        for component in components {
            switch component {
            case .key(let key): parts.append(key)
            case .element(let name, let id, let index):
                parts.append(id.map { "\(name) \"\($0)\"" } ?? "\(name) #\(index + 1)")
            case .index(let index):
                if parts.isEmpty { parts.append("[\(index)]") } else { parts[parts.count - 1] += "[\(index)]" }
            }
        }
        return parts.joined(separator: " → ")
    }
}
