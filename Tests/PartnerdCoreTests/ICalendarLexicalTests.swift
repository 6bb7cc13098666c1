import Testing

@testable import PartnerdCore

@Suite("iCalendar lexical rules: folding and escaping (RFC 5545 §3.1, §3.3.11)")
struct ICalendarLexicalTests {
    /// Splits folded bytes into physical lines (without CRLF) and checks each is valid UTF-8 on its own.
    private func physicalLines(_ bytes: [UInt8]) throws -> [[UInt8]] {
        #expect(bytes.suffix(2) == [0x0D, 0x0A])
        var lines: [[UInt8]] = []
        var current: [UInt8] = []
        var index = 0
        while index < bytes.count {
            if bytes[index] == 0x0D {
                try #require(index + 1 < bytes.count && bytes[index + 1] == 0x0A, "a CR without LF")
                lines.append(current)
                current = []
                index += 2
                continue
            }
            try #require(bytes[index] != 0x0A, "a bare LF")
            current.append(bytes[index])
            index += 1
        }
        return lines
    }

    private func unfold(_ lines: [[UInt8]]) -> String {
        var bytes: [UInt8] = []
        for (index, line) in lines.enumerated() {
            bytes += index == 0 ? line : Array(line.dropFirst())
        }
        return String(decoding: bytes, as: UTF8.self)
    }

    static let foldingCases: [String] = [
        "SUMMARY:short",
        "SUMMARY:" + String(repeating: "a", count: 67),  // exactly 75 octets
        "SUMMARY:" + String(repeating: "a", count: 68),  // 76 octets
        "SUMMARY:" + String(repeating: "ä", count: 100),  // 2-octet sequences
        "SUMMARY:" + String(repeating: "東京", count: 60),  // 3-octet sequences
        "SUMMARY:" + String(repeating: "😀", count: 50),  // 4-octet sequences
        "SUMMARY:a" + String(repeating: "😀", count: 40),  // 4-octet sequences at odd offsets
        "DESCRIPTION:„Städtepartnerschaft“ 👩‍👩‍👧‍👦 mixed ascii and ✓ symbols " + String(repeating: "ß€𝄞", count: 30),
        "URL:https://example.org/" + String(repeating: "segment/", count: 40) + "?query=1&other=2",
    ]

    @Test(
        "folded lines are at most 75 octets, split between UTF-8 sequences, and unfold to the original",
        arguments: foldingCases)
    func folding(line: String) throws {
        var bytes: [UInt8] = []
        ContentLine.fold(line, into: &bytes)
        let lines = try physicalLines(bytes)
        for (index, physical) in lines.enumerated() {
            #expect(physical.count <= 75, "line \(index) has \(physical.count) octets")
            #expect(String(validating: physical, as: UTF8.self) != nil, "line \(index) splits a UTF-8 sequence")
            if index > 0 { #expect(physical.first == 0x20, "a continuation starts with one space") }
        }
        #expect(unfold(lines) == line)
        #expect(lines.count == 1 ? line.utf8.count <= 75 : line.utf8.count > 75)
    }

    @Test("a 76-octet line folds into 75 octets and a continuation of two")
    func foldPosition() throws {
        var bytes: [UInt8] = []
        ContentLine.fold("SUMMARY:" + String(repeating: "a", count: 68), into: &bytes)
        let lines = try physicalLines(bytes)
        #expect(lines.map(\.count) == [75, 2])
    }

    static let escapingCases: [(String, String)] = [
        ("plain", "plain"),
        ("Müller & Söhne", "Müller & Söhne"),
        ("„Stitch and Bitch“", "„Stitch and Bitch“"),
        ("Berlin, Brüssel; Paris", "Berlin\\, Brüssel\\; Paris"),
        ("C:\\path\\to", "C:\\\\path\\\\to"),
        ("line one\nline two", "line one\\nline two"),
        ("windows\r\nbreak", "windows\\nbreak"),
        ("old mac\rbreak", "old mac\\nbreak"),
        ("two\n\nbreaks", "two\\n\\nbreaks"),
        ("東京都, 日本", "東京都\\, 日本"),
        ("party 🎉; cake 🎂", "party 🎉\\; cake 🎂"),
        ("tab\tkept", "tab\tkept"),
        ("bell\u{07}dropped\u{7F}", "belldropped"),
        ("already \\n escaped?", "already \\\\n escaped?"),
        ("colon: stays", "colon: stays"),
    ]

    @Test("TEXT escaping", arguments: escapingCases)
    func escaping(input: String, expected: String) {
        #expect(ICalendarText.escaped(input) == expected)
    }

    @Test("text that needs nothing comes back as it is; controls are dropped where they are not allowed, tab included")
    func plainAndControls() {
        for text in ["", "Städtepartnerschaft Berlin – Brüssel", "東京都 🎉", "https://example.org/a?b=c", "tab\there"] {
            #expect(ICalendarText.escaped(text) == text)
        }
        #expect(ICalendarText.verbatim("https://example.org/a?b=c") == "https://example.org/a?b=c")
        #expect(ICalendarText.verbatim("tab\tand\u{7F}del\nline") == "tabanddelline")
        #expect(ICalendarText.parameterValue("Tab\tZone") == "TabZone")
        #expect(ICalendarText.parameterValue("Zürich") == "Zürich")
    }

    @Test("CATEGORIES escapes each item and separates them with plain commas")
    func categories() {
        #expect(ICalendarText.escapedList(["Jahrestag", "Jubiläum, groß"]) == "Jahrestag,Jubiläum\\, groß")
    }

    @Test(
        "parameter values are quoted when they contain : ; or ,",
        arguments: [
            ("Europe/Berlin", "Europe/Berlin"), ("a:b", "\"a:b\""), ("x;y", "\"x;y\""), ("say \"hi\"", "say hi"),
        ])
    func parameterValues(input: String, expected: String) {
        #expect(ICalendarText.parameterValue(input) == expected)
    }

    @Test(
        "durations (RFC 5545 §3.3.6)",
        arguments: [
            (false, 0, Int64(0), "PT0S"), (false, 0, 43_200, "PT12H"), (false, 1, 43_200, "P1DT12H"),
            (false, 7, 0, "P7D"),
            (true, 6, 54_000, "-P6DT15H"), (false, 0, 5_400, "PT1H30M"), (false, 0, 61, "PT1M1S"),
        ])
    func durations(negative: Bool, days: Int, seconds: Int64, expected: String) {
        #expect(ICalendarValue.duration(negative: negative, days: days, seconds: seconds) == expected)
    }

    @Test(
        "spans become durations; months count 30 days, years 365",
        arguments: [
            ("12h", "PT12H"), ("1d 12h", "P1DT12H"), ("2w", "P14D"), ("1mo", "P30D"), ("1y", "P365D"),
            ("30min", "PT30M"),
        ])
    func spanDurations(text: String, expected: String) throws {
        #expect(ICalendarValue.duration(try Span(parsing: text)) == expected)
    }

    @Test(
        "UTC offsets (RFC 5545 §3.3.14)",
        arguments: [
            (Int32(0), "+0000"), (3600, "+0100"), (-18_000, "-0500"), (20_700, "+0545"), (37_800, "+1030"),
            (3208, "+005328"),
            (-12_600, "-0330"),
        ])
    func offsets(seconds: Int32, expected: String) {
        #expect(ICalendarValue.utcOffset(seconds) == expected)
    }

    @Test(
        "SHA-256 matches the FIPS 180-4 examples",
        arguments: [
            ("", "e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855"),
            ("abc", "ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad"),
            (
                "abcdbcdecdefdefgefghfghighijhijkijkljklmklmnlmnomnopnopq",
                "248d6a61d20638b8e5c026930c3e6039a33ce45964ff2167f6ecedd419db06c1"
            ),
        ])
    func sha256(message: String, expected: String) {
        #expect(SHA256.hexDigest(Array(message.utf8)) == expected)
    }

    @Test("SHA-256 of a message longer than one block")
    func sha256Long() {
        let million = [UInt8](repeating: 0x61, count: 1_000_000)
        #expect(SHA256.hexDigest(million) == "cdc76e5c9914fb9281a1c7e284d73e67f1809a48a497200e046d39ccc7112cd0")
    }
}
