import Logging

/// A swift-log handler that writes every record to journald as one structured entry.
///
/// Each entry carries `MESSAGE`, `PRIORITY` (from the level, see ``JournalPriority/init(_:)``),
/// `SYSLOG_IDENTIFIER=partnerd`, `CODE_FILE`, `CODE_LINE` and `CODE_FUNC`, and one field per metadata key.
///
/// Metadata keys become field names by the rule of ``JournalFieldName/init(normalizing:)``: drop a leading
/// `partnerd.`, uppercase, replace everything but `A`–`Z` and `0`–`9` with `_`, drop leading `_` and digits,
/// cut to 64 characters. So `logger.info("…", metadata: ["partnerd.message_id": "\(MessageID.stopping)"])`
/// sets `MESSAGE_ID`. A key that would collide with a field this handler sets itself (`message`, `priority`,
/// `syslog_identifier`, `code_file`, `code_line`, `code_func`) is written with a `PARTNERD_` prefix instead.
/// Arrays become a repeated field, dictionaries one field per key (`request: [id: 7]` → `REQUEST_ID=7`), and a
/// record's error, when it has one, becomes `ERROR`.
///
/// Like every swift-log handler it is a value: changing the level or metadata of one logger leaves others alone.
/// When journald refuses an entry, the record is written to standard error instead, so it is not lost.
package struct JournalLogHandler: LogHandler {
    package var logLevel: Logger.Level = .info
    package var metadata: Logger.Metadata = [:]
    package var metadataProvider: Logger.MetadataProvider?

    /// The logger's label (swift-log's), kept for the standard-error fallback.
    package let label: String
    private let identifier: String
    private let sink: any JournalSink
    private let fallback: StderrLogHandler

    /// A handler for the logger `label`, sending to `sink` (journald unless a test passes another) with
    /// `SYSLOG_IDENTIFIER=identifier`; records that `sink` refuses go to `fallbackOutput` as
    /// ``StderrLogHandler`` lines with a `JOURNAL_ERROR` field.
    package init(
        label: String,
        identifier: String = JournalEntry.defaultIdentifier,
        sink: any JournalSink = JournalWriter(),
        fallbackOutput: @escaping StderrLogHandler.Output = StderrLogHandler.standardError,
        metadataProvider: Logger.MetadataProvider? = LoggingSystem.metadataProvider
    ) {
        self.label = label
        self.identifier = identifier
        self.sink = sink
        self.metadataProvider = metadataProvider
        self.fallback = StderrLogHandler(label: label, identifier: identifier, output: fallbackOutput)
    }

    package subscript(metadataKey key: String) -> Logger.Metadata.Value? {
        get { metadata[key] }
        set { metadata[key] = newValue }
    }

    package func log(event: LogEvent) {
        let entry = LogRecord.entry(
            event, handlerMetadata: metadata, provider: metadataProvider, identifier: identifier)
        do {
            try sink.send(entry)
        } catch {
            var annotated = entry
            annotated.append(JournalFieldName(known: "JOURNAL_ERROR"), error.description)
            fallback.write(annotated)
        }
    }
}
