import Logging

/// Turns a swift-log record into journal fields; shared by ``JournalLogHandler`` and ``StderrLogHandler`` so
/// that both show the same facts under the same names.
enum LogRecord {
    /// Fields the handlers set themselves; a metadata key that normalises to one of them gets a `PARTNERD_`
    /// prefix instead of overriding it.
    static let handlerFields: Set<JournalFieldName> = [
        .message, .priority, .syslogIdentifier, .codeFile, .codeLine, .codeFunction,
    ]

    /// The journal entry for one record: `MESSAGE`, `PRIORITY`, `SYSLOG_IDENTIFIER`, then the metadata fields
    /// sorted by name, then `CODE_FILE`, `CODE_LINE` and `CODE_FUNC`.
    ///
    /// Metadata is merged in swift-log's order (provider, then the handler's, then the record's own, later ones
    /// winning). Keys are normalised by ``JournalFieldName/init(normalizing:)``; keys that normalise to nothing
    /// are dropped. An array value becomes one field per element (journald allows a name to repeat); a
    /// dictionary value becomes one field per key, named `KEY_SUBKEY`.
    static func entry(
        _ event: LogEvent,
        handlerMetadata: Logger.Metadata,
        provider: Logger.MetadataProvider?,
        identifier: String
    ) -> JournalEntry {
        var metadata = provider?.get() ?? [:]
        metadata.merge(handlerMetadata) { _, handler in handler }
        if let own = event.metadata {
            metadata.merge(own) { _, record in record }
        }
        if let error = event.error, metadata["error"] == nil {
            metadata["error"] = "\(String(describing: error))"
        }

        var entry = JournalEntry(
            message: event.message.description,
            priority: JournalPriority(event.level),
            identifier: identifier
        )
        var named: [(JournalFieldName, Logger.MetadataValue)] = []
        for (key, value) in metadata {
            guard let name = JournalFieldName(normalizing: key) else { continue }
            named.append((protect(name), value))
        }
        named.sort { $0.0 < $1.0 }
        for (name, value) in named {
            append(value, as: name, to: &entry)
        }
        entry.append(.codeFile, event.file)
        entry.append(.codeLine, String(event.line))
        entry.append(.codeFunction, event.function)
        return entry
    }

    private static func protect(_ name: JournalFieldName) -> JournalFieldName {
        guard handlerFields.contains(name) else { return name }
        return JournalFieldName(normalizing: "PARTNERD_" + name.rawValue) ?? name
    }

    private static func append(_ value: Logger.MetadataValue, as name: JournalFieldName, to entry: inout JournalEntry) {
        switch value {
        case .string(let text):
            entry.append(name, text)
        case .stringConvertible(let convertible):
            entry.append(name, convertible.description)
        case .array(let elements):
            for element in elements {
                entry.append(name, element.description)
            }
        case .dictionary(let dictionary):
            for key in dictionary.keys.sorted() {
                guard let value = dictionary[key],
                    let nested = JournalFieldName(normalizing: name.rawValue + "_" + key)
                else { continue }
                append(value, as: nested, to: &entry)
            }
        }
    }
}
