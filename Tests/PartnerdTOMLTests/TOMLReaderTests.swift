import PartnerdTOML
import Testing

@Suite("TOML reader: positions, rules, limits")
struct TOMLReaderTests {
    static func read(_ text: String) throws(TOMLError) -> TOMLTable {
        try TOMLReader.parse(Array(text.utf8))
    }

    static func refusal(_ text: String) -> TOMLError? { refusal(Array(text.utf8)) }

    static func refusal(_ bytes: [UInt8]) -> TOMLError? {
        do {
            _ = try TOMLReader.parse(bytes)
            return nil
        } catch {
            return error
        }
    }

    @Test("every key and value carries line, column and byte offset")
    func positions() throws {
        let table = try Self.read("# head\n[daemon]\n  timezone = \"UTC\"\n[[partnership]]\nid = 'x'\nremind = [\n  \"7d\",\n]\n")
        let daemon = try #require(table.entry("daemon"))
        #expect(daemon.keyPosition == TOMLPosition(line: 2, column: 1, offset: 7))
        guard case .table(let settings) = daemon.value else {
            Issue.record("daemon is not a table")
            return
        }
        let zone = try #require(settings.entry("timezone"))
        #expect(zone.keyPosition == TOMLPosition(line: 3, column: 3, offset: 18))
        #expect(zone.valuePosition == TOMLPosition(line: 3, column: 14, offset: 29))
        guard case .array(let partnerships) = table["partnership"], case .table(let first) = partnerships.first else {
            Issue.record("partnership is not an array of tables")
            return
        }
        #expect(partnerships.positions[0].line == 4)
        guard case .array(let remind) = first["remind"] else {
            Issue.record("remind is not an array")
            return
        }
        #expect(remind.positions[0] == TOMLPosition(line: 7, column: 3, offset: 73))
    }

    @Test("a table defined after its sub-table takes its own header's position")
    func implicitThenExplicit() throws {
        let table = try Self.read("[a.b]\nx = 1\n\n[a]\ny = 2\n")
        #expect(table.entry("a")?.keyPosition.line == 4)
    }

    /// What must be refused, with the line and a phrase of the message.
    static let refusals: [(String, Int, String)] = [
        ("a = 1\na = 2\n", 2, "already defined at line 1"),
        ("[t]\n[t]\n", 2, "already defined at line 1"),
        ("[t.u]\n[t]\n[t]\n", 3, "already defined"),
        ("a = {x = 1}\n[a]\n", 2, "inline table"),
        ("a = {x = 1}\na.y = 2\n", 2, "inline table"),
        ("[a]\nb.c = 1\n[a.b]\n", 3, "dotted keys"),
        ("[a.b]\n[a]\nb.c = 1\n", 3, "header"),
        ("a = [1]\n[[a]]\n", 2, "written as a value"),
        ("[[a]]\n[a]\n", 2, "array"),
        ("[a]\n[[a]]\n", 2, "not an array of tables"),
        ("x = 01\n", 1, "leading zeros"),
        ("x = 1__0\n", 1, "underscore"),
        ("x = 9223372036854775808\n", 1, "64-bit range"),
        ("x = -0x1\n", 1, "no sign"),
        ("x = 1.\n", 1, "digits after it"),
        ("x = 2023-02-29\n", 1, "not a day of the calendar"),
        ("x = 24:00:00\n", 1, "hours go to 23"),
        ("x = \"\\e\"\n", 1, "not an escape"),
        ("x = \"\\uD800\"\n", 1, "not a Unicode scalar"),
        ("x = \"open\n", 1, "no closing"),
        ("x = \"\"\"never closed\n\n", 1, "not closed"),
        ("x = { a = 1, }\n", 1, "ends after a comma"),
        ("x = { a = 1,\n b = 2 }\n", 1, "goes on to the next line"),
        ("x = [1 2]\n", 1, "after the array element"),
        ("x = 1 y = 2\n", 1, "the end of the line"),
        ("= 1\n", 1, "expected a key"),
        ("x = \r\n", 1, "expected a value"),
        ("x = 1\ry = 2\n", 1, "carriage return"),
        ("# comment \u{7F}\n", 1, "control character"),
        ("x = \"\"\"\"\"\"\"\"\"\n", 1, "quotes in a row"),
        ("[a]]\n", 1, "end of the line"),
        ("[[a]\n", 1, "]] to close"),
    ]

    @Test("what TOML 1.0.0 forbids is refused at its line, with a hint", arguments: refusals)
    func refused(text: String, line: Int, phrase: String) throws {
        let error = try #require(Self.refusal(text), "accepted: \(text.debugDescription)")
        #expect(error.position.line == line, "\(error)")
        #expect(error.message.contains(phrase), "\(error)")
        #expect(!error.hint.isEmpty)
    }

    @Test("the corners TOML allows are read")
    func allowed() throws {
        let table = try Self.read(
            "[a.b.c]\nz = 1\n[a]\nb.d = 2\n[a.b.c.e]\n"
                + "s = \"\"\"two \"\"quotes\"\"\"\"\"\nt = '''it''s'''\n"
                + "ml = \"\"\"\\\n   joined \\\n   here\"\"\"\n"
                + "when = 1979-05-27 07:32:00.123456789123-07:00\n"
                + "inline = { x.y = 1, x.z = 2 }\n")
        guard case .table(let a) = table["a"], case .table(let b) = a["b"], case .table(let c) = b["c"],
            case .table(let e) = c["e"]
        else {
            Issue.record("the nested tables are missing")
            return
        }
        guard case .integer(2) = b["d"] else {
            Issue.record("b.d is not 2")
            return
        }
        guard case .string(let s) = e["s"], case .string(let t) = e["t"], case .string(let ml) = e["ml"] else {
            Issue.record("the strings are missing")
            return
        }
        #expect(s == "two \"\"quotes\"\"")
        #expect(t == "it''s")
        #expect(ml == "joined here")
        guard case .offsetDateTime(let when) = e["when"] else {
            Issue.record("when is not an offset date-time")
            return
        }
        #expect(when.time.nanosecond == 123_456_789)
        #expect(when.offsetMinutes == -420)
        #expect(when.description == "1979-05-27T07:32:00.123456789-07:00")
    }

    @Test("integers at the edges of 64 bits, in every base")
    func integers() throws {
        let table = try Self.read(
            "min = -9223372036854775808\nmax = 9223372036854775807\nhex = 0x7FFF_FFFF_FFFF_FFFF\n"
                + "oct = 0o777\nbin = 0b1010\nzero = -0\n")
        let expected: [(String, Int)] = [
            ("min", Int.min), ("max", Int.max), ("hex", Int.max), ("oct", 511), ("bin", 10), ("zero", 0),
        ]
        for (key, value) in expected {
            guard case .integer(let read) = table[key] else {
                Issue.record("\(key) is not an integer")
                continue
            }
            #expect(read == value, "\(key)")
        }
        #expect(Self.refusal("x = 0x1_0000_0000_0000_0000\n")?.message.contains("64-bit range") == true)
        #expect(Self.refusal("x = -9223372036854775809\n")?.message.contains("64-bit range") == true)
    }

    @Test("nesting stops at 64 levels, however it is written", arguments: [
        String(repeating: "[", count: 100_000),
        String(repeating: "{a=", count: 100_000),
        String(repeating: "[", count: 65) + String(repeating: "]", count: 65),
    ])
    func depth(value: String) throws {
        let error = try #require(Self.refusal("x = " + value + "\n"))
        #expect(error.message.contains("nest more than 64 levels"), "\(error)")
    }

    @Test("64 levels are read, and written headers of 64 parts too")
    func depthAllowed() throws {
        _ = try Self.read("x = " + String(repeating: "[", count: 63) + String(repeating: "]", count: 63) + "\n")
        _ = try Self.read("[" + Array(repeating: "a", count: 64).joined(separator: ".") + "]\n")
        #expect(Self.refusal("[" + Array(repeating: "a", count: 65).joined(separator: ".") + "]\n") != nil)
    }

    @Test("a table of 50,000 keys and an array of 20,000 tables are read with lookups that stay cheap")
    func largeTables() throws {
        var text = "[big]\n"
        for index in 0..<50_000 { text += "k\(index) = \(index)\n" }
        for index in 0..<20_000 { text += "[[item]]\nid = \(index)\n[item.sub]\nv = 1\n" }
        let table = try Self.read(text)
        guard case .table(let big) = table["big"], case .array(let items) = table["item"] else {
            Issue.record("the big table or the items are missing")
            return
        }
        #expect(big.count == 50_000)
        guard case .integer(49_999) = big["k49999"] else {
            Issue.record("k49999 is not found")
            return
        }
        #expect(items.count == 20_000)
        let duplicate = Self.refusal(text + "[big]\n")
        #expect(duplicate?.message.contains("already defined") == true)
    }

    @Test("bytes that are not UTF-8 are refused at their offset")
    func encoding() throws {
        let bytes = Array("a = \"ok\"\nb = \"".utf8) + [0xC3, 0x28] + Array("\"\n".utf8)
        let error = try #require(Self.refusal(bytes))
        #expect(error.position.line == 2)
        #expect(error.position.offset == 14)
        #expect(error.message.contains("not valid UTF-8"))
    }

    @Test("a byte-order mark at the start is skipped")
    func byteOrderMark() throws {
        let table = try TOMLReader.parse([0xEF, 0xBB, 0xBF] + Array("a = 1\n".utf8))
        #expect(table.keys == ["a"])
    }
}
