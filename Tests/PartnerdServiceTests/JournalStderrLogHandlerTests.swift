import Foundation
import Logging
import Testing

@testable import PartnerdService

@Suite("Standard error log handler")
struct JournalStderrLogHandlerTests {
    private func logger(_ lines: InMemoryLines, timestamps: Bool = false) -> Logger {
        Logger(label: "partnerd.test") { label in
            StderrLogHandler(label: label, timestamps: timestamps, output: lines.output)
        }
    }

    @Test("one line per record with the journal's facts as KEY=value")
    func oneLine() throws {
        let lines = InMemoryLines()
        let line: UInt = #line + 1
        logger(lines).notice(
            "In 7 Tagen: 30. Jahrestag Berlin – Brüssel",
            metadata: ["partnerd.message_id": "\(MessageID.reminderDue.rawValue)", "partnerd.lead": "7d"])
        #expect(lines.lines.count == 1)
        let text = try #require(lines.lines.first)
        let pid = getpid()
        #expect(
            text
                == "partnerd[\(pid)] notice: In 7 Tagen: 30. Jahrestag Berlin – Brüssel LEAD=7d"
                + " MESSAGE_ID=1f9ae9df9063435a837a898553dd92d1"
                + " CODE_FILE=PartnerdServiceTests/JournalStderrLogHandlerTests.swift CODE_LINE=\(line)"
                + " CODE_FUNC=oneLine()\n")
    }

    @Test(
        "values are quoted only when they need it",
        arguments: [
            ("berlin-bruessel", "berlin-bruessel"),
            ("Brüssel", "Brüssel"),
            ("", "\"\""),
            ("two words", "\"two words\""),
            ("a=b", "\"a=b\""),
            ("say \"hi\"", "\"say \\\"hi\\\"\""),
            ("back\\slash", "\"back\\\\slash\""),
            ("line\nbreak", "\"line\\nbreak\""),
            ("tab\there", "\"tab\\there\""),
            ("bell\u{7}", "\"bell\\u{7}\""),
        ])
    func quoting(value: String, rendered: String) {
        #expect(StderrLogHandler.quotedIfNeeded(value) == rendered)
    }

    @Test("a multi-line message stays on one line")
    func multiLineMessage() throws {
        let lines = InMemoryLines()
        logger(lines).error("config rejected:\n  line 3: unknown key \"titel\"")
        let text = try #require(lines.lines.first)
        #expect(text.hasSuffix("\n"))
        #expect(text.dropLast().contains("\n") == false)
        #expect(text.contains("error: config rejected:\\n  line 3: unknown key \"titel\" CODE_FILE="))
    }

    @Test("timestamps are local ISO 8601 with milliseconds and offset")
    func timestamp() throws {
        let lines = InMemoryLines()
        logger(lines, timestamps: true).info("x")
        let text = try #require(lines.lines.first)
        let stamp = try #require(text.split(separator: " ").first)
        let pattern = /\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}\.\d{3}[+-]\d{2}:\d{2}/
        #expect(try pattern.wholeMatch(in: String(stamp)) != nil)
    }

    @Test("levels below the logger's level are not printed")
    func levelFilter() {
        let lines = InMemoryLines()
        var logger = logger(lines)
        logger.logLevel = .warning
        logger.info("hidden")
        logger.warning("shown")
        #expect(lines.lines.count == 1)
        #expect(lines.lines.first?.contains("warning: shown") == true)
    }
}
