import Logging
import PartnerdTestSupport
import Testing

@testable import PartnerdService

@Suite("Journal log handler")
struct JournalLogHandlerTests {
    private func logger(_ journal: InMemoryJournal, provider: Logger.MetadataProvider? = nil) -> Logger {
        var logger = Logger(label: "partnerd.test") { label in
            JournalLogHandler(label: label, sink: journal, metadataProvider: provider)
        }
        logger.logLevel = .trace
        return logger
    }

    @Test("a record becomes one entry with message, priority, identifier and code location")
    func basicFields() throws {
        let journal = InMemoryJournal()
        let line: UInt = #line + 1
        logger(journal).notice("Städtepartnerschaft Berlin – Brüssel\nzweite Zeile")
        let entry = try #require(journal.entries.first)
        #expect(journal.entries.count == 1)
        #expect(entry[.message] == "Städtepartnerschaft Berlin – Brüssel\nzweite Zeile")
        #expect(entry[.priority] == "5")
        #expect(entry[.syslogIdentifier] == "partnerd")
        #expect(entry[.codeFile]?.hasSuffix("JournalLogHandlerTests.swift") == true)
        #expect(entry[.codeLine] == String(line))
        #expect(entry[.codeFunction] == "basicFields()")
    }

    @Test(
        "levels map to syslog priorities",
        arguments: [
            (Logger.Level.trace, "7"), (.debug, "7"), (.info, "6"), (.notice, "5"), (.warning, "4"),
            (.error, "3"), (.critical, "2"),
        ])
    func levels(level: Logger.Level, priority: String) {
        let journal = InMemoryJournal()
        logger(journal).log(level: level, "x")
        #expect(journal.entries.map { $0[.priority] } == [priority])
    }

    @Test("metadata keys are normalised, merged in swift-log's order and sorted")
    func metadata() throws {
        let journal = InMemoryJournal()
        let provider = Logger.MetadataProvider { ["trace-id": "t1", "partnerd.partnership": "from-provider"] }
        var logger = logger(journal, provider: provider)
        logger[metadataKey: "partnerd.partnership"] = "berlin-bruessel"
        logger.info(
            "reloaded",
            metadata: [
                "partnerd.message_id": "\(MessageID.configReloaded.rawValue)",
                "count": .stringConvertible(3),
                "_": "dropped",
            ])
        let entry = try #require(journal.entries.first)
        #expect(
            entry.pairs == [
                "MESSAGE=reloaded", "PRIORITY=6", "SYSLOG_IDENTIFIER=partnerd",
                "COUNT=3", "MESSAGE_ID=a521bd897dd3461ba5e913215a5de7ad", "PARTNERSHIP=berlin-bruessel",
                "TRACE_ID=t1",
                "CODE_FILE=\(entry[.codeFile] ?? "")", "CODE_LINE=\(entry[.codeLine] ?? "")",
                "CODE_FUNC=metadata()",
            ])
    }

    @Test("metadata cannot override the fields the handler sets")
    func protectedFields() throws {
        let journal = InMemoryJournal()
        logger(journal).warning(
            "real", metadata: ["message": "fake", "priority": "0", "syslog-identifier": "other", "code_line": "1"])
        let entry = try #require(journal.entries.first)
        #expect(entry.values(of: .message) == ["real"])
        #expect(entry.values(of: .priority) == ["4"])
        #expect(entry.values(of: .syslogIdentifier) == ["partnerd"])
        #expect(entry.values(of: .codeLine).count == 1)
        #expect(entry[try #require(JournalFieldName("PARTNERD_MESSAGE"))] == "fake")
        #expect(entry[try #require(JournalFieldName("PARTNERD_PRIORITY"))] == "0")
        #expect(entry[try #require(JournalFieldName("PARTNERD_SYSLOG_IDENTIFIER"))] == "other")
        #expect(entry[try #require(JournalFieldName("PARTNERD_CODE_LINE"))] == "1")
    }

    @Test("arrays repeat the field, dictionaries flatten into KEY_SUBKEY")
    func structuredMetadata() throws {
        let journal = InMemoryJournal()
        logger(journal).error(
            "rejected",
            metadata: [
                "problems": ["line 3: unknown key", "line 9: bad span"],
                "request": ["id": "7", "peer": ["uid": "0"]],
            ])
        let entry = try #require(journal.entries.first)
        #expect(
            entry.values(of: try #require(JournalFieldName("PROBLEMS"))) == ["line 3: unknown key", "line 9: bad span"])
        #expect(entry[try #require(JournalFieldName("REQUEST_ID"))] == "7")
        #expect(entry[try #require(JournalFieldName("REQUEST_PEER_UID"))] == "0")
    }

    @Test("handler metadata is a value: changing one logger leaves a copy alone")
    func valueSemantics() throws {
        let journal = InMemoryJournal()
        let name = try #require(JournalFieldName("A"))
        var first = logger(journal)
        first[metadataKey: "a"] = "1"
        var second = first
        second[metadataKey: "a"] = "2"
        second.logLevel = .error
        first.info("one")
        second.info("filtered by level")
        second.error("two")
        #expect(journal.entries.map { $0[name] } == ["1", "2"])
        #expect(first.logLevel == .trace)
    }

    @Test("a refused entry goes to standard error with the reason instead")
    func fallback() throws {
        let journal = InMemoryJournal()
        let stderr = InMemoryLines()
        let logger = Logger(label: "partnerd.test") { label in
            JournalLogHandler(label: label, sink: journal, fallbackOutput: stderr.output)
        }
        journal.failSending(with: JournalWriteError(errno: 111))
        logger.error("not lost", metadata: ["partnerd.partnership": "berlin-bruessel"])
        #expect(journal.entries.isEmpty)
        let line = try #require(stderr.lines.first)
        #expect(line.contains("partnerd["))
        #expect(line.contains(" error: not lost PARTNERSHIP=berlin-bruessel "))
        #expect(line.contains(" JOURNAL_ERROR=\"Connection refused (errno 111)\""))

        journal.failSending(with: nil)
        logger.error("kept")
        #expect(journal.entries.map { $0[.message] } == ["kept"])
        #expect(stderr.lines.count == 1)
    }
}
