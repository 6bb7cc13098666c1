/// The name of one field of a journal entry, as journald accepts it from a client.
///
/// journald keeps a field sent over its native protocol only when the name is 1–64 characters of `A`–`Z`,
/// `0`–`9` and `_`, and starts with neither a digit nor an underscore (a leading underscore marks the trusted
/// fields that journald adds itself, such as `_PID`). Names are checked here so that a bad one is a programming
/// error found in a test, not a field silently missing from the journal.
package struct JournalFieldName: Sendable, Hashable, Comparable, CustomStringConvertible {
    /// The longest name journald keeps.
    package static let maximumLength = 64

    /// The name as sent, e.g. `PARTNERD_PARTNERSHIP`.
    package let rawValue: String

    /// Accepts `rawValue` only when it already follows journald's rules; `nil` otherwise.
    package init?(_ rawValue: String) {
        guard Self.isValid(rawValue) else { return nil }
        self.rawValue = rawValue
    }

    /// Turns a free-form key (a swift-log metadata key, say) into a valid field name.
    ///
    /// The rule, applied in this order:
    /// 1. a leading `partnerd.` namespace (any letter case) is dropped: swift-log keys are namespaced by the
    ///    library that sets them, and in partnerd's own journal entries that namespace says nothing;
    /// 2. ASCII letters are uppercased; every character other than `A`–`Z` and `0`–`9` (`.`, `-`, spaces,
    ///    non-ASCII letters …) becomes `_`;
    /// 3. leading underscores and digits are dropped, since journald reserves the former and refuses the latter;
    /// 4. the result is cut to 64 characters.
    ///
    /// So `partnerd.message_id`, `message-id` and `Message.ID` all become `MESSAGE_ID`, and `http.status`
    /// becomes `HTTP_STATUS`. Returns `nil` when nothing is left (`"_"`, `"42"`, `"partnerd."`).
    package init?(normalizing key: String) {
        var remainder = Substring(key)
        let namespace = "partnerd."
        if remainder.lowercased().hasPrefix(namespace) {
            remainder = remainder.dropFirst(namespace.count)
        }
        var scalars = String.UnicodeScalarView()
        for scalar in remainder.unicodeScalars {
            switch scalar {
            case "a"..."z":
                scalars.append(Unicode.Scalar(scalar.value - 0x20) ?? "_")
            case "A"..."Z", "0"..."9":
                scalars.append(scalar)
            default:
                scalars.append("_")
            }
        }
        let trimmed = String(scalars).drop { $0 == "_" || $0.isASCII && $0.isNumber }
        let name = String(trimmed.prefix(Self.maximumLength))
        guard !name.isEmpty else { return nil }
        self.rawValue = name
    }

    /// Whether journald would keep a field named `name` (see the type's documentation for the rules).
    package static func isValid(_ name: String) -> Bool {
        let scalars = name.unicodeScalars
        guard let first = scalars.first, scalars.count <= maximumLength, ("A"..."Z").contains(first) else {
            return false
        }
        return scalars.allSatisfy { ("A"..."Z").contains($0) || ("0"..."9").contains($0) || $0 == "_" }
    }

    package var description: String { rawValue }

    package static func < (lhs: JournalFieldName, rhs: JournalFieldName) -> Bool {
        lhs.rawValue < rhs.rawValue
    }
}

extension JournalFieldName {
    /// Builds a name known to be valid at compile time; a bad literal is a programmer error.
    init(known rawValue: StaticString) {
        let name = rawValue.description
        precondition(Self.isValid(name), "\(name) is not a valid journal field name")
        self.rawValue = name
    }

    /// `MESSAGE`: the human-readable text of the entry.
    package static let message = JournalFieldName(known: "MESSAGE")
    /// `MESSAGE_ID`: the 128-bit id that ties the entry to its catalog text (``MessageID``).
    package static let messageID = JournalFieldName(known: "MESSAGE_ID")
    /// `PRIORITY`: the syslog severity, 0 (emergency) to 7 (debug); see ``JournalPriority``.
    package static let priority = JournalFieldName(known: "PRIORITY")
    /// `SYSLOG_IDENTIFIER`: the program name that `journalctl -t` filters on.
    package static let syslogIdentifier = JournalFieldName(known: "SYSLOG_IDENTIFIER")
    /// `CODE_FILE`: the source file that logged the entry.
    package static let codeFile = JournalFieldName(known: "CODE_FILE")
    /// `CODE_LINE`: the source line that logged the entry.
    package static let codeLine = JournalFieldName(known: "CODE_LINE")
    /// `CODE_FUNC`: the function that logged the entry.
    package static let codeFunction = JournalFieldName(known: "CODE_FUNC")
    /// `ERRNO`: the low-level Unix error number behind the entry, if any.
    package static let errno = JournalFieldName(known: "ERRNO")
}
