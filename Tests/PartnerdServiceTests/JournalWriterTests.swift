import Foundation
import Logging
import Testing

@testable import PartnerdService

/// These tests need a real journald on /run/systemd/journal/socket: `make test` starts one with
/// `scripts/start-journald.sh` and sets `PARTNERD_JOURNAL_TESTS=1`.
@Suite(
    "Journal writer against a real journald",
    .enabled(if: ProcessInfo.processInfo.environment["PARTNERD_JOURNAL_TESTS"] == "1")
)
struct JournalWriterTests {
    /// Reads the entries whose `field` equals `value` with `journalctl -o json`, polling until `deadline`.
    private func entries(field: String, value: String, deadline: Duration = .seconds(10)) throws -> [[String: Any]] {
        let clock = ContinuousClock()
        let end = clock.now + deadline
        while true {
            let process = Process()
            process.executableURL = URL(fileURLWithPath: "/usr/bin/env")
            process.arguments = ["journalctl", "--no-pager", "--all", "--output=json", "\(field)=\(value)"]
            let pipe = Pipe()
            process.standardOutput = pipe
            process.standardError = FileHandle.nullDevice
            try process.run()
            let data = pipe.fileHandleForReading.readDataToEndOfFile()
            process.waitUntilExit()
            let found = try data.split(separator: UInt8(ascii: "\n")).compactMap {
                try JSONSerialization.jsonObject(with: Data($0)) as? [String: Any]
            }
            if !found.isEmpty || clock.now >= end {
                return found
            }
            Thread.sleep(forTimeInterval: 0.1)
        }
    }

    /// journalctl prints a value that is not plain printable text as an array of bytes.
    private func text(_ value: Any?) -> String? {
        if let string = value as? String { return string }
        if let bytes = value as? [Int] { return String(decoding: bytes.map { UInt8($0) }, as: UTF8.self) }
        return nil
    }

    @Test("an entry arrives with every field intact, newlines and umlauts included")
    func roundTrip() throws {
        let tag = UUID().uuidString.lowercased()
        let tagName = try #require(JournalFieldName("PARTNERD_TEST_TAG"))
        let multiLine = try #require(JournalFieldName("PARTNERD_TEST_MULTILINE"))
        let repeated = try #require(JournalFieldName("PARTNERD_TEST_REPEATED"))
        var entry = JournalEntry(
            message: "30. Jahrestag der Städtepartnerschaft Berlin – Brüssel\nÄußerst pünktlich: ✓",
            priority: .notice,
            messageID: .reminderDue
        )
        entry.append(tagName, tag)
        entry.append(multiLine, "erste Zeile\nzweite Zeile mit Umlauten: äöüß\n")
        entry.append(repeated, "one")
        entry.append(repeated, "two")
        entry.append(try #require(JournalFieldName("PARTNERD_TEST_EMPTY")), "")

        try JournalWriter().send(entry)

        let found = try entries(field: "PARTNERD_TEST_TAG", value: tag)
        #expect(found.count == 1)
        let stored = try #require(found.first)
        #expect(
            text(stored["MESSAGE"]) == "30. Jahrestag der Städtepartnerschaft Berlin – Brüssel\nÄußerst pünktlich: ✓")
        #expect(text(stored["PRIORITY"]) == "5")
        #expect(text(stored["MESSAGE_ID"]) == MessageID.reminderDue.rawValue)
        #expect(text(stored["SYSLOG_IDENTIFIER"]) == "partnerd")
        #expect(text(stored["PARTNERD_TEST_MULTILINE"]) == "erste Zeile\nzweite Zeile mit Umlauten: äöüß\n")
        #expect((stored["PARTNERD_TEST_REPEATED"] as? [String]).map(Set.init) == ["one", "two"])
        #expect(text(stored["PARTNERD_TEST_EMPTY"]) == "")
        #expect(text(stored["_PID"]) == String(getpid()))
    }

    @Test("the log handler's entries reach journald with normalised metadata")
    func logHandler() throws {
        let tag = UUID().uuidString.lowercased()
        let handler = JournalLogHandler(label: "partnerd.test")
        var logger = Logging.Logger(label: "partnerd.test") { _ in handler }
        logger[metadataKey: "partnerd.test-tag"] = "\(tag)"
        logger.warning("reload rejected", metadata: ["partnerd.message_id": "\(MessageID.reloadRejected.rawValue)"])

        let found = try entries(field: "TEST_TAG", value: tag)
        let stored = try #require(found.first)
        #expect(found.count == 1)
        #expect(text(stored["MESSAGE"]) == "reload rejected")
        #expect(text(stored["PRIORITY"]) == "4")
        #expect(text(stored["MESSAGE_ID"]) == MessageID.reloadRejected.rawValue)
        #expect(text(stored["CODE_FUNC"]) == "logHandler()")
        #expect(text(stored["CODE_FILE"])?.hasSuffix("JournalWriterTests.swift") == true)
    }

    @Test("an entry larger than one datagram arrives whole")
    func largeEntry() throws {
        let tag = UUID().uuidString.lowercased()
        let large = String(repeating: "Städtepartnerschaft ", count: 20_000)  // 420,000 bytes
        var entry = JournalEntry(message: "large", priority: .debug)
        entry.append(try #require(JournalFieldName("PARTNERD_TEST_TAG")), tag)
        entry.append(try #require(JournalFieldName("PARTNERD_TEST_LARGE")), large)

        try JournalWriter().send(entry)

        let stored = try #require(try entries(field: "PARTNERD_TEST_TAG", value: tag).first)
        #expect(text(stored["PARTNERD_TEST_LARGE"]) == large)
    }

    @Test("an empty entry is refused with EINVAL")
    func emptyEntry() {
        #expect(throws: JournalWriteError(errno: EINVAL)) {
            try JournalWriter().send(JournalEntry())
        }
    }
}
