import Logging

import Glibc

/// A swift-log handler that prints each record as one line on standard error, with the same facts under the same
/// names as ``JournalLogHandler`` sends to journald.
///
/// The line is `[TIMESTAMP ]IDENTIFIER[PID] PRIORITY: MESSAGE KEY=value …`, for example
/// `2022-05-25T09:00:00.004+02:00 partnerd[812] notice: In 7 Tagen: … MESSAGE_ID=1f9a… CODE_FILE=…`.
/// The keys are the journal field names (so `grep MESSAGE_ID=` works on both targets); a value is quoted with
/// `"` and backslash escapes when it is empty or contains spaces, quotes, backslashes, `=` or control
/// characters. Newlines in the message are written as `\n`, so a record never spans two lines.
package struct StderrLogHandler: LogHandler {
    /// Where the finished lines go; each call receives one line including its final newline.
    package typealias Output = @Sendable (String) -> Void

    package var logLevel: Logger.Level = .info
    package var metadata: Logger.Metadata = [:]
    package var metadataProvider: Logger.MetadataProvider?

    /// The logger's label (swift-log's).
    package let label: String
    private let identifier: String
    private let timestamps: Bool
    private let output: Output

    /// A handler for the logger `label`.
    ///
    /// - Parameters:
    ///   - identifier: the program name at the start of the line, `partnerd` by default.
    ///   - timestamps: whether each line starts with the local time (ISO 8601, milliseconds, UTC offset); off when
    ///     something else (journald reading standard error, a test) adds its own.
    ///   - output: receives each line; standard error by default, an in-memory collector in tests.
    package init(
        label: String,
        identifier: String = JournalEntry.defaultIdentifier,
        timestamps: Bool = true,
        output: @escaping Output = StderrLogHandler.standardError,
        metadataProvider: Logger.MetadataProvider? = LoggingSystem.metadataProvider
    ) {
        self.label = label
        self.identifier = identifier
        self.timestamps = timestamps
        self.output = output
        self.metadataProvider = metadataProvider
    }

    /// Writes a line to file descriptor 2 in one `write(2)` where possible, so lines from several threads do not
    /// interleave.
    package static let standardError: Output = { line in
        try? Posix.writeAll(2, line.utf8)
    }

    package subscript(metadataKey key: String) -> Logger.Metadata.Value? {
        get { metadata[key] }
        set { metadata[key] = newValue }
    }

    package func log(event: LogEvent) {
        write(LogRecord.entry(event, handlerMetadata: metadata, provider: metadataProvider, identifier: identifier))
    }

    /// Prints an entry built for the journal (``JournalLogHandler`` falls back to this).
    func write(_ entry: JournalEntry) {
        output(Self.line(for: entry, timestamp: timestamps ? Self.localTimestamp() : nil, pid: getpid()))
    }

    /// The line for `entry`; `MESSAGE`, `PRIORITY` and `SYSLOG_IDENTIFIER` form the head, every other field
    /// follows as `KEY=value` in the entry's order.
    static func line(for entry: JournalEntry, timestamp: String?, pid: Int32) -> String {
        var line = ""
        if let timestamp {
            line += timestamp + " "
        }
        let identifier = entry[.syslogIdentifier] ?? JournalEntry.defaultIdentifier
        let priority = entry[.priority].flatMap(Int.init).flatMap(JournalPriority.init(rawValue:)) ?? .info
        line += "\(identifier)[\(pid)] \(priority.name): "
        line += escaped(entry[.message] ?? "")
        for field in entry.fields
        where field.name != .message && field.name != .priority && field.name != .syslogIdentifier {
            line += " \(field.name.rawValue)=\(quotedIfNeeded(field.value))"
        }
        return line + "\n"
    }

    /// `text` with backslashes and control characters escaped (`\n`, `\t`, `\r`, `\u{7F}` …), and double
    /// quotes too when `quotes` is set.
    static func escaped(_ text: String, quotes: Bool = false) -> String {
        ControlCharacters.escaped(text, backslashes: true, quotes: quotes)
    }

    /// `value` as is when it is a plain word, else in double quotes with `"`, `\` and control characters escaped.
    static func quotedIfNeeded(_ value: String) -> String {
        let plain =
            !value.isEmpty
            && value.unicodeScalars.allSatisfy { scalar in
                scalar != " " && !ControlCharacters.isControl(scalar) && scalar != "\"" && scalar != "\\" && scalar != "="
            }
        if plain { return value }
        return "\"" + escaped(value, quotes: true) + "\""
    }

    /// The current local time as `2022-05-25T09:00:00.004+02:00`.
    static func localTimestamp() -> String {
        var now = timespec()
        clock_gettime(CLOCK_REALTIME, &now)
        var seconds = now.tv_sec
        var parts = tm()
        localtime_r(&seconds, &parts)
        let offset = parts.tm_gmtoff / 60
        let date =
            "\(digits(Int(parts.tm_year) + 1900, 4))-\(digits(Int(parts.tm_mon) + 1))-\(digits(Int(parts.tm_mday)))"
        let time = "\(digits(Int(parts.tm_hour))):\(digits(Int(parts.tm_min))):\(digits(Int(parts.tm_sec)))"
        let fraction = digits(Int(now.tv_nsec / 1_000_000), 3)
        let zone = "\(offset < 0 ? "-" : "+")\(digits(abs(offset) / 60)):\(digits(abs(offset) % 60))"
        return "\(date)T\(time).\(fraction)\(zone)"
    }

    private static func digits(_ value: Int, _ width: Int = 2) -> String {
        let text = String(value)
        return String(repeating: "0", count: max(0, width - text.count)) + text
    }
}
