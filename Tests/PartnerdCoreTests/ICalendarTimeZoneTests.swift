import Testing

@testable import PartnerdCore

@Suite("VTIMEZONE generated from the tz database (RFC 5545 §3.6.5)")
struct ICalendarTimeZoneTests {
    private func text(_ zoneName: String, from: String, to: String) throws -> String {
        let zone = try #require(Zone(identifier: zoneName))
        let start = try #require(LocalDate(iso: from))
        let end = try #require(LocalDate(iso: to))
        var writer = ICalendarWriter()
        TimeZoneDefinition(zone: zone, covering: Zone.utc.startOfDay(start)...Zone.utc.startOfDay(end))
            .write(into: &writer)
        return String(decoding: writer.bytes, as: UTF8.self)
    }

    private func lines(_ text: [String]) -> String { text.map { $0 + "\r\n" }.joined() }

    @Test("Europe/Berlin: the EU rule since 1996 as two yearly observances")
    func berlin() throws {
        #expect(
            try text("Europe/Berlin", from: "2021-06-01", to: "2030-01-01")
                == lines([
                    "BEGIN:VTIMEZONE", "TZID:Europe/Berlin",
                    "BEGIN:DAYLIGHT", "DTSTART:19960331T020000", "RRULE:FREQ=YEARLY;BYMONTH=3;BYDAY=-1SU",
                    "TZOFFSETFROM:+0100", "TZOFFSETTO:+0200", "END:DAYLIGHT",
                    "BEGIN:STANDARD", "DTSTART:19961027T030000", "RRULE:FREQ=YEARLY;BYMONTH=10;BYDAY=-1SU",
                    "TZOFFSETFROM:+0200", "TZOFFSETTO:+0100", "END:STANDARD",
                    "END:VTIMEZONE",
                ]))
    }

    @Test("Europe/Berlin from 1990: the September rule up to 1995 as single transitions before the current rule")
    func berlinHistory() throws {
        let result = try text("Europe/Berlin", from: "1994-01-01", to: "1997-01-01")
        #expect(
            result.contains("BEGIN:STANDARD\r\nDTSTART:19930926T030000\r\nTZOFFSETFROM:+0200\r\nTZOFFSETTO:+0100\r\n"))
        #expect(result.contains("DTSTART:19950924T030000\r\n"))
        #expect(result.contains("BEGIN:DAYLIGHT\r\nDTSTART:19950326T020000\r\nTZOFFSETFROM:+0100\r\n"))
        #expect(result.contains("DTSTART:19960331T020000\r\nRRULE:FREQ=YEARLY;BYMONTH=3;BYDAY=-1SU\r\n"))
        #expect(!result.contains("DTSTART:19920927"), "transitions before the range are left out")
    }

    @Test("America/New_York: the second Sunday in March and the first in November since 2007")
    func newYork() throws {
        #expect(
            try text("America/New_York", from: "2024-01-01", to: "2031-01-01")
                == lines([
                    "BEGIN:VTIMEZONE", "TZID:America/New_York",
                    "BEGIN:DAYLIGHT", "DTSTART:20070311T020000", "RRULE:FREQ=YEARLY;BYMONTH=3;BYDAY=2SU",
                    "TZOFFSETFROM:-0500", "TZOFFSETTO:-0400", "END:DAYLIGHT",
                    "BEGIN:STANDARD", "DTSTART:20071104T020000", "RRULE:FREQ=YEARLY;BYMONTH=11;BYDAY=1SU",
                    "TZOFFSETFROM:-0400", "TZOFFSETTO:-0500", "END:STANDARD",
                    "END:VTIMEZONE",
                ]))
    }

    @Test("Australia/Lord_Howe: half-hour daylight saving time, southern hemisphere, rule changed in 2008")
    func lordHowe() throws {
        #expect(
            try text("Australia/Lord_Howe", from: "2024-01-01", to: "2031-01-01")
                == lines([
                    "BEGIN:VTIMEZONE", "TZID:Australia/Lord_Howe",
                    "BEGIN:STANDARD", "DTSTART:20080406T020000", "RRULE:FREQ=YEARLY;BYMONTH=4;BYDAY=1SU",
                    "TZOFFSETFROM:+1100", "TZOFFSETTO:+1030", "END:STANDARD",
                    "BEGIN:DAYLIGHT", "DTSTART:20081005T020000", "RRULE:FREQ=YEARLY;BYMONTH=10;BYDAY=1SU",
                    "TZOFFSETFROM:+1030", "TZOFFSETTO:+1100", "END:DAYLIGHT",
                    "END:VTIMEZONE",
                ]))
    }

    @Test("Asia/Kathmandu: no daylight saving time, the +05:45 offset in force since 1986")
    func kathmandu() throws {
        #expect(
            try text("Asia/Kathmandu", from: "2024-01-01", to: "2031-01-01")
                == lines([
                    "BEGIN:VTIMEZONE", "TZID:Asia/Kathmandu",
                    "BEGIN:STANDARD", "DTSTART:19860101T000000", "TZOFFSETFROM:+0530", "TZOFFSETTO:+0545",
                    "END:STANDARD",
                    "END:VTIMEZONE",
                ]))
    }

    @Test("UTC: one observance without transitions")
    func utc() throws {
        #expect(
            try text("UTC", from: "2024-06-01", to: "2031-01-01")
                == lines([
                    "BEGIN:VTIMEZONE", "TZID:UTC",
                    "BEGIN:STANDARD", "DTSTART:20230101T000000", "TZOFFSETFROM:+0000", "TZOFFSETTO:+0000",
                    "END:STANDARD",
                    "END:VTIMEZONE",
                ]))
    }

    @Test("a zone that gave up daylight saving time lists its last changes and no rule (Europe/Istanbul)")
    func istanbul() throws {
        let result = try text("Europe/Istanbul", from: "2015-01-01", to: "2030-01-01")
        #expect(!result.contains("RRULE"))
        #expect(result.hasSuffix("TZOFFSETTO:+0300\r\nEND:STANDARD\r\nEND:VTIMEZONE\r\n"))
    }

    @Test(
        "day rules as tz data writes them",
        arguments: [
            (["2024-03-31", "2025-03-30", "2026-03-29"], "BYDAY=-1SU"),
            (["2024-03-10", "2025-03-09", "2026-03-08"], "BYDAY=2SU"),
            (["2018-03-23", "2024-03-29"], "BYMONTHDAY=23,24,25,26,27,28,29;BYDAY=FR"),
            (["2024-03-21", "2025-03-21", "2026-03-21"], "BYMONTHDAY=21"),
        ])
    func dayRules(dates: [String], expected: String) {
        let parsed = dates.compactMap { LocalDate(iso: $0) }
        #expect(TimeZoneDefinition.dayRule(parsed) == expected)
    }

    @Test("dates that no single day rule covers have none")
    func noDayRule() {
        let parsed = ["2024-03-31", "2025-03-09"].compactMap { LocalDate(iso: $0) }
        #expect(TimeZoneDefinition.dayRule(parsed) == nil)
    }
}
