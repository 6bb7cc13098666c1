/// One structured journal entry: an ordered list of fields, the same name allowed more than once.
///
/// Values are arbitrary UTF-8 and may contain newlines; ``JournalWriter`` sends them so that journald keeps
/// them byte for byte.
package struct JournalEntry: Sendable, Equatable {
    /// One `NAME=value` pair.
    package struct Field: Sendable, Equatable {
        package var name: JournalFieldName
        package var value: String

        package init(_ name: JournalFieldName, _ value: String) {
            self.name = name
            self.value = value
        }
    }

    /// The fields in the order they are sent.
    package var fields: [Field]

    /// An entry with `fields`, in that order.
    package init(_ fields: [Field] = []) {
        self.fields = fields
    }

    /// An entry with the fields every partnerd entry carries: `MESSAGE`, `PRIORITY`, `SYSLOG_IDENTIFIER` and,
    /// when given, `MESSAGE_ID`.
    package init(
        message: String,
        priority: JournalPriority,
        messageID: MessageID? = nil,
        identifier: String = JournalEntry.defaultIdentifier
    ) {
        self.fields = [
            Field(.message, message),
            Field(.priority, String(priority.rawValue)),
            Field(.syslogIdentifier, identifier),
        ]
        if let messageID {
            fields.append(Field(.messageID, messageID.rawValue))
        }
    }

    /// The `SYSLOG_IDENTIFIER` of partnerd's entries, so that `journalctl -t partnerd` finds them.
    package static let defaultIdentifier = "partnerd"

    /// Appends a field; repeating a name adds a second value rather than replacing the first.
    package mutating func append(_ name: JournalFieldName, _ value: String) {
        fields.append(Field(name, value))
    }

    /// The first value of the field `name`, if the entry has one.
    package subscript(name: JournalFieldName) -> String? {
        fields.first { $0.name == name }?.value
    }

    /// Every value of the field `name`, in order.
    package func values(of name: JournalFieldName) -> [String] {
        fields.filter { $0.name == name }.map(\.value)
    }
}
