import Synchronization
import Testing
@testable import PartnerdCore

@Suite("Config loading and validation")
struct ConfigurationTests {
    @Test("a minimal config loads with defaults")
    func minimal() throws {
        let result = load(minimalPartnership)
        let configuration = try #require(result.configuration, "\(result.issues)")
        #expect(result.issues.isEmpty)
        #expect(configuration.partnerships.count == 1)
        #expect(configuration.daemon.language == .de)
        #expect(configuration.daemon.notifyAt == LocalTime(hour: 9, minute: 0))
        #expect(configuration.feed.listen == ListenAddress(host: "127.0.0.1", port: 8080))
        #expect(configuration.reminders.milestones.contains(30))
    }

    /// Each error class, the text that must appear in its message, and where.
    static let errorCases: [(name: String, toml: String, expected: String, line: Int?)] = [
        ("TOML syntax", "[daemon\ntimezone = \"UTC\"", "TOML syntax", 1),
        ("header without a name", "[daemon]\n[[=]]\n", "a table header needs a name", 2),
        ("unclosed header", "[", "a table header needs a name", 1),
        ("unknown key with suggestion", "[daemon]\ntimezon = \"UTC\"\n" + minimalPartnership, "did you mean \"timezone\"?", 2),
        ("unknown top-level table", "[deamon]\n" + minimalPartnership, "did you mean \"daemon\"?", 1),
        ("wrong type", "[daemon]\nlanguage = 4\n" + minimalPartnership, "expected a string, found an integer (4)", 2),
        ("unknown zone", "[daemon]\ntimezone = \"Europe/Brussel\"\n" + minimalPartnership,
            "did you mean \"Europe/Brussels\"?", 2),
        ("bad span", "[reminders]\nevents = [\"7d\", \"3 fortnights\"]\n" + minimalPartnership,
            "\"3 fortnights\" is not a span", 2),
        ("bad language", "[daemon]\nlanguage = \"es\"\n" + minimalPartnership, "\"es\" is not a supported language", 2),
        ("public_url with a query", "[feed]\npublic_url = \"https://example.org/?a=1\"\n" + minimalPartnership,
            "\"https://example.org/?a=1\" is not a public http(s) address", 2),
        ("public_url without scheme", "[feed]\npublic_url = \"calendar.example.org\"\n" + minimalPartnership,
            "is not a public http(s) address", 2),
        ("a header nested twenty thousand levels deep",
            "[" + Array(repeating: "a", count: 20_000).joined(separator: ".") + "]\n", "nest more than 64 levels", 1),
        ("arrays nested a hundred thousand levels deep",
            minimalPartnership + "\nnetworks = " + String(repeating: "[", count: 100_000) + "\n", "nest more than 64 levels", 7),
        ("a dotted key of a thousand parts", Array(repeating: "k", count: 1_000).joined(separator: ".") + " = 1\n",
            "nest more than 64 levels", 1),
        ("[[daemon]] as an array of tables", "[[daemon]]\ntimezone = \"UTC\"\n" + minimalPartnership,
            "expected a table, found", 1),
        ("a misspelt dotted header", "[deamon.extra]\nx = 1\n" + minimalPartnership, "did you mean \"daemon\"?", 1),
        ("a zone with a NUL byte", "[daemon]\ntimezone = \"Europe/Berlin\\u0000\"\n" + minimalPartnership,
            "holds the NUL character", 2),
        ("an rrule COUNT beyond any number",
            minimalPartnership + "\n[[partnership.event]]\nid = \"e\"\ntitle = \"E\"\nstart = 2022-11-26\n"
                + "rrule = \"FREQ=DAILY;COUNT=9223372036854775807\"\n", "COUNT value \"9223372036854775807\" is out of range", 11),
        ("an rrule COUNT of two billion seconds",
            minimalPartnership + "\n[[partnership.event]]\nid = \"e\"\ntitle = \"E\"\nstart = 1992-01-01T00:00:00\n"
                + "rrule = \"FREQ=SECONDLY;COUNT=2000000000\"\n", "COUNT=2000000000 is more occurrences than partnerd expands", 11),
        ("a date with T and no time (toml++ would assert)", "[daemon]\nx = [2023-11-25T$0:00:00]\n",
            "a date followed by T needs a time of day", 2),
        ("a } where an array element belongs (toml++ would assert)", "[daemon]\nx = [1, }]\n",
            "this bracket closes what is not open here", 2),
        ("a control character next to a value (toml++ would assert)", "[daemon]\nx = 1992-06-0\u{01} 1\n",
            "a control character stands here", 2),
        ("a broken date followed by a space", "[daemon]\nx = 1967-06-2e 7\n",
            "TOML syntax: \"1967-06-2e\" is not a date", 2),
        ("horizon beyond 100 years", "[feed]\nhorizon = \"101y\"\n" + minimalPartnership, "is more than 100 years", 2),
        ("catch_up beyond a year", "[daemon]\ncatch_up = \"2y\"\n" + minimalPartnership, "reaches back more than a year", 2),
        ("remind longer than 1000 years",
            minimalPartnership + "\nremind = [\"999999y 999999y\"]\n", "it is longer than 1000 years", 7),
        ("metrics not a boolean", "[feed]\nmetrics = \"yes\"\n" + minimalPartnership, "expected true or false", 2),
        ("bad notify_at", "[daemon]\nnotify_at = \"9 Uhr\"\n" + minimalPartnership, "\"9 Uhr\" is not a time of day", 2),
        ("duplicate partnership id", minimalPartnership + "\n" + minimalPartnership,
            "the partnership id \"berlin-bruessel\" is already used at etc/partnerd.toml:1", 8),
        ("duplicate event id",
            minimalPartnership + "\n[[partnership.event]]\nid = \"a\"\ntitle = \"A\"\nstart = 2022-11-26\n"
                + "[[partnership.event]]\nid = \"a\"\ntitle = \"B\"\nstart = 2022-11-27\n",
            "the event id \"a\" is already used", 12),
        ("bad id", minimalPartnership.replacingOccurrences(of: "berlin-bruessel", with: "Berlin_Brüssel"),
            "use e.g. \"berlin-bruessel\"", 2),
        ("event ends before it starts",
            minimalPartnership + "\n[[partnership.event]]\nid = \"a\"\ntitle = \"A\"\nstart = 2022-11-26T10:00:00\n"
                + "end = 2022-11-26T09:00:00\n", "before it starts", 11),
        ("end and duration",
            minimalPartnership + "\n[[partnership.event]]\nid = \"a\"\ntitle = \"A\"\nstart = 2022-11-26T10:00:00\n"
                + "end = 2022-11-26T12:00:00\nduration = \"2h\"\n", "both end and duration are given", 12),
        ("all-day start, timed end",
            minimalPartnership + "\n[[partnership.event]]\nid = \"a\"\ntitle = \"A\"\nstart = 2022-11-26\n"
                + "end = 2022-11-26T12:00:00\n", "is all-day but the end", 11),
        ("include matching nothing", "include = [\"partnerships.d/*.toml\"]\n", "matches no file", 1),
        ("bad rrule",
            minimalPartnership + "\n[[partnership.event]]\nid = \"a\"\ntitle = \"A\"\nstart = 2022-11-26\n"
                + "rrule = \"BYMONTH=11\"\n", "FREQ", 11),
        ("exdate of the wrong type",
            minimalPartnership + "\n[[partnership.event]]\nid = \"a\"\ntitle = \"A\"\nstart = 2022-11-26\n"
                + "rrule = \"FREQ=YEARLY\"\nexdate = [2023-11-25T10:00:00]\n", "has a time, but the event starts on a whole day", 12),
        ("bad listen", "[feed]\nlisten = \"localhost\"\n" + minimalPartnership, "the port is missing", 2),
        ("bad port", "[feed]\nlisten = \"127.0.0.1:99999\"\n" + minimalPartnership, "not a number from 1 to 65535", 2),
        ("milestone not positive", "[reminders]\nmilestones = [10, -5, \"25\"]\n" + minimalPartnership,
            "-5 is not a positive whole number", 2),
        ("missing key", "[[partnership]]\nid = \"x\"\ncity = \"Berlin\"\ncountry = \"BE\"\nsigned = 1992-06-01\n",
            "partner is missing", 1),
        ("signed as a string", minimalPartnership.replacingOccurrences(of: "1992-06-01", with: "\"1992-06-01\""),
            "is a string, not a date", 6),
        ("start with offset",
            minimalPartnership + "\n[[partnership.event]]\nid = \"a\"\ntitle = \"A\"\nstart = 2022-11-26T10:00:00+01:00\n",
            "has a UTC offset", 10),
        ("bad status", minimalPartnership + "\nstatus = \"dormant\"\n", "\"dormant\" is not one of active, suspended", 7),
        ("bad country", minimalPartnership.replacingOccurrences(of: "\"BE\"", with: "\"Belgium\""),
            "is not an ISO 3166-1 alpha-2", 5),
    ]

    @Test("each error class is reported by message and line", arguments: errorCases)
    func errorClass(name: String, toml: String, expected: String, line: Int?) {
        let result = load(toml)
        #expect(result.configuration == nil, "\(name) should be rejected")
        let match = result.errors.first { $0.rendered.contains(expected) }
        #expect(match != nil, "\(name): no error contains \(expected); got \(result.errors.map(\.rendered))")
        if let line, let match {
            #expect(match.line == line, "\(name): \(match.rendered)")
        }
        #expect(result.errors.allSatisfy { $0.file == "etc/partnerd.toml" && $0.hint != nil })
    }

    @Test("every problem is reported, not only the first")
    func collectsAll() {
        let result = load(
            """
            [daemon]
            language = "es"
            notify_at = "25:00"
            timezone = "Nowhere/City"
            [reminders]
            events = ["7x"]
            """ + "\n" + minimalPartnership.replacingOccurrences(of: "\"BE\"", with: "\"be\""))
        #expect(result.errors.count == 5, "\(result.errors.map(\.rendered))")
    }

    @Test("feed.public_url loses its trailing slashes; feed.metrics defaults to on", arguments: [
        ("https://kalender.example.org/", "https://kalender.example.org"),
        ("http://192.0.2.7:8080/partnerd//", "http://192.0.2.7:8080/partnerd"),
        ("", nil),
    ])
    func publicURL(text: String, expected: String?) throws {
        let result = load("[feed]\npublic_url = \"\(text)\"\nmetrics = false\n" + minimalPartnership)
        let configuration = try #require(result.configuration, "\(result.issues.map(\.rendered))")
        #expect(configuration.feed.publicURL == expected)
        #expect(configuration.feed.metrics == false)
        #expect(try #require(load(minimalPartnership).configuration).feed.metrics == true)
    }

    @Test("an include pattern given two hundred times is expanded once")
    func repeatedInclude() throws {
        final class Counting: ConfigurationFileSystem {
            let base: InMemoryFileSystem
            let globCount = Mutex(0)
            var globs: Int { globCount.withLock { $0 } }
            init(_ base: InMemoryFileSystem) { self.base = base }
            func contents(of path: String) throws(ConfigurationFileError) -> [UInt8] { try base.contents(of: path) }
            func paths(matching pattern: String, relativeTo directory: String) -> [String] {
                globCount.withLock { $0 += 1 }
                return base.paths(matching: pattern, relativeTo: directory)
            }
            func canonicalPath(_ path: String) -> String { path }
        }
        let patterns = Array(repeating: "\"d/*.toml\"", count: 200).joined(separator: ", ")
        let files = Counting(
            InMemoryFileSystem([
                "etc/partnerd.toml": "include = [\(patterns)]\n", "etc/d/a.toml": minimalPartnership,
            ]))
        let result = ConfigurationLoader(fileSystem: files, now: Instant(secondsSinceEpoch: 0), systemZone: .utc)
            .load(path: "etc/partnerd.toml")
        #expect(result.configuration?.partnerships.count == 1, "\(result.issues.map(\.rendered))")
        #expect(files.globs == 1)
    }

    @Test("a newline or escape inside a value cannot forge further lines of check's output")
    func controlCharacters() throws {
        let result = load(
            "[daemon]\ntimezone = \"Nowhere\\nfake.toml:1:1: error: forged\\u001B[31m\"\n" + minimalPartnership)
        let issue = try #require(result.errors.first)
        let lines = issue.rendered.split(separator: "\n")
        #expect(lines.count == 2, "\(issue.rendered)")
        #expect(lines[0].contains("\"Nowhere\\nfake.toml:1:1: error: forged\\u{1B}[31m\" is not a time zone"))
        #expect(!issue.rendered.unicodeScalars.contains { $0.value == 0x1B })
    }

    @Test("errors name the key path of nested values")
    func keyPaths() throws {
        let result = load(
            minimalPartnership
                + "\n[[partnership.event]]\nid = \"jazz-2022\"\ntitle = \"Jazz\"\nstart = 2022-11-26\nremind = [\"7d\", \"soon\"]\n"
        )
        let error = try #require(result.errors.first)
        #expect(error.keyPath.description == "partnership \"berlin-bruessel\" → event \"jazz-2022\" → remind[1]")
        #expect(error.rendered.hasPrefix("etc/partnerd.toml:11:1: error: partnership \"berlin-bruessel\""))
    }

    @Test("includes: globs relative to the including file, cycles and bad files")
    func includes() throws {
        let good = load(
            "[daemon]\ninclude = [\"partnerships.d/*.toml\"]\n",
            others: [
                "etc/partnerships.d/a.toml": minimalPartnership,
                "etc/partnerships.d/b.toml": minimalPartnership.replacingOccurrences(of: "berlin-bruessel", with: "berlin-paris"),
            ])
        let configuration = try #require(good.configuration, "\(good.issues)")
        #expect(configuration.partnerships.map(\.id.rawValue) == ["berlin-bruessel", "berlin-paris"])
        #expect(configuration.files == ["etc/partnerd.toml", "etc/partnerships.d/a.toml", "etc/partnerships.d/b.toml"])

        let cycle = load(
            "include = [\"a.toml\"]\n",
            others: ["etc/a.toml": "include = [\"partnerd.toml\"]\n" + minimalPartnership])
        #expect(cycle.errors.contains { $0.message.contains("includes itself") && $0.file == "etc/a.toml" })

        let daemonInInclude = load("include = [\"a.toml\"]\n", others: ["etc/a.toml": "[daemon]\nlanguage = \"en\"\n"])
        #expect(daemonInInclude.errors.contains { $0.message.contains("may only appear in the main config file") })

        let brokenInclude = load("include = [\"a.toml\"]\n", others: ["etc/a.toml": "[[partnership]\n"])
        #expect(brokenInclude.errors.contains { $0.file == "etc/a.toml" && $0.message.hasPrefix("TOML syntax") })
    }

    @Test("hostile input is an error, never a crash")
    func hostileInput() {
        let directory = ConfigurationLoader(
            fileSystem: InMemoryFileSystem([:], directories: ["etc"]), now: Instant(secondsSinceEpoch: 0), systemZone: .utc
        ).load(path: "etc")
        #expect(directory.errors.first?.message.contains("is a directory") == true)

        let missing = load("include = [\"x.toml\"]", others: [:])
        #expect(missing.configuration == nil)

        let empty = load("")
        #expect(empty.configuration != nil)
        #expect(empty.warnings.contains { $0.message.contains("no partnerships") })

        struct BinaryFiles: ConfigurationFileSystem {
            func contents(of path: String) throws(ConfigurationFileError) -> [UInt8] { [0x61, 0x3D, 0xFF, 0xFE, 0x0A] }
            func paths(matching pattern: String, relativeTo directory: String) -> [String] { [] }
            func canonicalPath(_ path: String) -> String { path }
        }
        let binary = ConfigurationLoader(fileSystem: BinaryFiles(), now: Instant(secondsSinceEpoch: 0), systemZone: .utc)
            .load(path: "x.toml")
        #expect(binary.errors.first?.message == "the file is not valid UTF-8 (byte 2)")

        let huge = String(repeating: "# padding padding padding padding padding padding padding padding\n", count: 160_000)
        let big = load(huge + minimalPartnership)
        #expect(big.configuration?.partnerships.count == 1)

        let deep = load(String(repeating: "[", count: 5000))
        #expect(deep.configuration == nil)
    }

    @Test("warnings do not reject the config")
    func warnings() throws {
        let result = load(
            minimalPartnership + "\nleap_day = \"mar1\"\n\n[[partnership.event]]\nid = \"a\"\ntitle = \"A\"\n"
                + "start = 2022-11-26\nremind = [\"1d\"]\n")
        #expect(result.configuration != nil)
        #expect(result.warnings.count == 2, "\(result.warnings.map(\.rendered))")
        #expect(result.warnings.contains { $0.message.contains("leap_day only matters") })
        #expect(result.warnings.contains { $0.message.contains("more than a year ago") })
    }
}
