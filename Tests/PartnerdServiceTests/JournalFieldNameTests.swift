import Testing

@testable import PartnerdService

@Suite("Journal field names")
struct JournalFieldNameTests {
    @Test(
        "metadata keys normalise to journald field names",
        arguments: [
            ("partnerd.message_id", "MESSAGE_ID"),
            ("message-id", "MESSAGE_ID"),
            ("Message.ID", "MESSAGE_ID"),
            ("PARTNERD.partnership", "PARTNERSHIP"),
            ("partnerd_partnership", "PARTNERD_PARTNERSHIP"),
            ("http.status", "HTTP_STATUS"),
            ("hummingbird.request.id", "HUMMINGBIRD_REQUEST_ID"),
            ("_trusted", "TRUSTED"),
            ("__x", "X"),
            ("9lives", "LIVES"),
            ("_1_2_a1", "A1"),
            ("größe", "GR__E"),
            ("a b", "A_B"),
            ("errno", "ERRNO"),
            ("partnerd.partnerd.x", "PARTNERD_X"),
        ])
    func normalises(key: String, expected: String) throws {
        let name = try #require(JournalFieldName(normalizing: key))
        #expect(name.rawValue == expected)
        #expect(JournalFieldName.isValid(name.rawValue))
    }

    @Test("keys with nothing usable left are dropped", arguments: ["", "_", "42", "___9", "partnerd.", "-", "ü"])
    func nothingLeft(key: String) {
        #expect(JournalFieldName(normalizing: key) == nil)
    }

    @Test("normalised names are cut to 64 characters")
    func longKeys() throws {
        let name = try #require(JournalFieldName(normalizing: String(repeating: "ab", count: 50)))
        #expect(name.rawValue.count == 64)
        #expect(name.rawValue == String(repeating: "AB", count: 32))
    }

    @Test(
        "validation follows journald's rules",
        arguments: [
            ("MESSAGE", true), ("PARTNERD_LEAD", true), ("A", true), ("X9_", true),
            (String(repeating: "A", count: 64), true), (String(repeating: "A", count: 65), false),
            ("", false), ("_PID", false), ("9A", false), ("message", false), ("MESSAGE-ID", false),
            ("MESSAGE ID", false), ("ÄRGER", false), ("A=B", false),
        ])
    func validation(name: String, valid: Bool) {
        #expect(JournalFieldName.isValid(name) == valid)
        #expect((JournalFieldName(name) != nil) == valid)
    }

    @Test("the well-known names are valid and spelled as journald documents them")
    func wellKnown() {
        let names: [JournalFieldName] = [
            .message, .messageID, .priority, .syslogIdentifier, .codeFile, .codeLine, .codeFunction, .errno,
        ]
        #expect(
            names.map(\.rawValue) == [
                "MESSAGE", "MESSAGE_ID", "PRIORITY", "SYSLOG_IDENTIFIER", "CODE_FILE", "CODE_LINE", "CODE_FUNC",
                "ERRNO",
            ])
    }
}

@Suite("Message ids")
struct JournalMessageIDTests {
    @Test("every id is 32 lowercase hex digits and unique")
    func format() {
        let ids = MessageID.allCases.map(\.rawValue)
        for id in ids {
            #expect(id.count == 32)
            #expect(id.unicodeScalars.allSatisfy { ("0"..."9").contains($0) || ("a"..."f").contains($0) })
        }
        #expect(Set(ids).count == ids.count)
    }

    @Test("priorities follow syslog and swift-log levels map onto them")
    func priorities() {
        #expect(JournalPriority(.trace) == .debug)
        #expect(JournalPriority(.debug) == .debug)
        #expect(JournalPriority(.info).rawValue == 6)
        #expect(JournalPriority(.notice).rawValue == 5)
        #expect(JournalPriority(.warning).rawValue == 4)
        #expect(JournalPriority(.error).rawValue == 3)
        #expect(JournalPriority(.critical).rawValue == 2)
    }
}

@Suite("Reminder field names")
struct JournalReminderFieldTests {
    @Test("the reminder fields are the ones SPEC.md lists")
    func spelling() {
        let names: [JournalFieldName] = [
            .partnership, .event, .kind, .uid, .occurrence, .lead, .due, .anniversary, .late,
        ]
        #expect(
            names.map(\.rawValue) == [
                "PARTNERD_PARTNERSHIP", "PARTNERD_EVENT", "PARTNERD_KIND", "PARTNERD_UID", "PARTNERD_OCCURRENCE",
                "PARTNERD_LEAD", "PARTNERD_DUE", "PARTNERD_ANNIVERSARY", "PARTNERD_LATE",
            ])
    }
}
