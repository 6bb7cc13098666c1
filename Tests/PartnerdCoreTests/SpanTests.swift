import Testing
@testable import PartnerdCore

@Suite("Spans")
struct SpanTests {
    @Test("valid spans", arguments: [
        ("30min", 0, 0, 1800), ("2h", 0, 0, 7200), ("7d", 0, 7, 0), ("2w", 0, 14, 0), ("6mo", 6, 0, 0),
        ("1y", 12, 0, 0), ("1d 12h", 0, 1, 43_200), ("1 day", 0, 1, 0), ("3 weeks", 0, 21, 0), ("2months", 2, 0, 0),
        ("1y6mo", 18, 0, 0), ("0d", 0, 0, 0), ("0", 0, 0, 0), ("45 minutes", 0, 0, 2700), ("1hour 30min", 0, 0, 5400),
    ])
    func valid(text: String, months: Int, days: Int, seconds: Int64) throws {
        let span = try Span(parsing: text)
        #expect(span.months == months)
        #expect(span.days == days)
        #expect(span.seconds == seconds)
        #expect(span.text == text)
    }

    @Test("invalid spans", arguments: ["", "7", "d", "7 fortnights", "-1d", "1.5h", "7d,1d", "1m", "99999999d", "1 d x"])
    func invalid(text: String) {
        #expect(throws: Span.ParseError.self) { try Span(parsing: text) }
    }

    @Test(
        "spans longer than 1,000 years are refused, however they are made up",
        arguments: ["1001y", "999999y", "12001mo", "400000d", "999999w", "999999y 999999y", "600y 600y"])
    func tooLong(text: String) {
        #expect(throws: Span.ParseError(reason: "it is longer than 1000 years")) { try Span(parsing: text) }
    }

    @Test("a span of a hundred thousand parts is refused at once, without overflowing")
    func manyParts() {
        let text = Array(repeating: "999999y", count: 100_000).joined(separator: " ")
        #expect(throws: Span.ParseError.self) { try Span(parsing: text) }
        let minutes = Array(repeating: "1min", count: 100_000).joined(separator: " ")
        #expect((try? Span(parsing: minutes))?.seconds == 6_000_000)
    }

    @Test("1,000 years is the longest span, and it plans without trapping")
    func longest() throws {
        let span = try Span(parsing: "1000y")
        let zone = try #require(Zone(identifier: "Europe/Berlin"))
        let anchor = try #require(LocalDateTime(year: 2026, month: 12, day: 5, hour: 9))
        #expect(zone.localDateTime(at: span.after(anchor, in: zone)).date.year == 3026)
        #expect(zone.localDateTime(at: span.before(anchor, in: zone)).date.year == 1026)
    }
}
