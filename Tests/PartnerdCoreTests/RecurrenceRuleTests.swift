import Testing

@testable import PartnerdCore

@Suite("RRULE parsing, validation and text")
struct RecurrenceRuleTests {
    @Test(
        "rejects what RFC 5545 forbids, saying why",
        arguments: [
            ("", "the rule is empty"),
            ("   ", "the rule is empty"),
            ("BYDAY=MO", "FREQ is missing"),
            ("INTERVAL=2;COUNT=3", "FREQ is missing"),
            ("FREQ=DAILY;COUNT=5;UNTIL=20250101", "\"COUNT=5\" and \"UNTIL=20250101\" cannot both be given"),
            ("FREQ=DAILY;FREQ=WEEKLY", "FREQ is given twice"),
            ("FREQ=MONTHLY;BYDAY=MO;BYDAY=FR", "BYDAY is given twice"),
            ("FREQ=DAILY;BYDAYS=MO", "\"BYDAYS\" is not a rule part; did you mean BYDAY?"),
            ("FREQ=DAILY;X-NAME=1", "\"X-NAME\" is not a rule part; the parts are FREQ, UNTIL"),
            ("FREQ=FORTNIGHTLY", "FREQ value \"FORTNIGHTLY\" is not a frequency"),
            ("FREQ=DAILY;COUNT", "\"COUNT\" has no value"),
            ("FREQ=DAILY;COUNT=", "\"COUNT=\" has an empty value"),
            ("FREQ=DAILY;COUNT=0", "COUNT value \"0\" is out of range"),
            ("FREQ=DAILY;COUNT=-3", "COUNT value \"-3\" is out of range"),
            ("FREQ=DAILY;INTERVAL=0", "INTERVAL value \"0\" is out of range"),
            ("FREQ=DAILY;INTERVAL=2,3", "INTERVAL takes one number"),
            ("FREQ=DAILY;INTERVAL=two", "INTERVAL has \"two\", which is not a number"),
            (
                "FREQ=DAILY;BYDAY=1MO",
                "BYDAY value \"1MO\" has a number, which only works with FREQ=MONTHLY or FREQ=YEARLY"
            ),
            ("FREQ=WEEKLY;BYDAY=-1FR", "BYDAY value \"-1FR\" has a number, which only works with FREQ=MONTHLY"),
            ("FREQ=HOURLY;BYDAY=2TU", "not FREQ=HOURLY"),
            ("FREQ=YEARLY;BYWEEKNO=20;BYDAY=1MO", "cannot be combined with BYWEEKNO"),
            ("FREQ=MONTHLY;BYWEEKNO=20", "\"BYWEEKNO=20\" only works with FREQ=YEARLY, not FREQ=MONTHLY"),
            ("FREQ=DAILY;BYWEEKNO=1", "only works with FREQ=YEARLY, not FREQ=DAILY"),
            ("FREQ=DAILY;BYYEARDAY=100", "\"BYYEARDAY=100\" cannot be used with FREQ=DAILY"),
            ("FREQ=WEEKLY;BYYEARDAY=100", "cannot be used with FREQ=WEEKLY"),
            ("FREQ=MONTHLY;BYYEARDAY=100", "cannot be used with FREQ=MONTHLY"),
            ("FREQ=WEEKLY;BYMONTHDAY=1", "\"BYMONTHDAY=1\" cannot be used with FREQ=WEEKLY"),
            ("FREQ=MONTHLY;BYSETPOS=1", "\"BYSETPOS=1\" needs another BY part"),
            ("FREQ=MONTHLY;BYMONTH=13", "BYMONTH value \"13\" is out of range; use months 1 to 12"),
            ("FREQ=MONTHLY;BYMONTH=-1", "BYMONTH value \"-1\" is out of range"),
            ("FREQ=MONTHLY;BYMONTHDAY=0", "BYMONTHDAY value \"0\" is out of range"),
            ("FREQ=MONTHLY;BYMONTHDAY=32", "BYMONTHDAY value \"32\" is out of range"),
            ("FREQ=MONTHLY;BYMONTHDAY=-32", "BYMONTHDAY value \"-32\" is out of range"),
            ("FREQ=YEARLY;BYYEARDAY=367", "BYYEARDAY value \"367\" is out of range"),
            ("FREQ=YEARLY;BYYEARDAY=0", "BYYEARDAY value \"0\" is out of range"),
            ("FREQ=YEARLY;BYWEEKNO=54", "BYWEEKNO value \"54\" is out of range"),
            ("FREQ=YEARLY;BYWEEKNO=-54", "BYWEEKNO value \"-54\" is out of range"),
            ("FREQ=DAILY;BYHOUR=24", "BYHOUR value \"24\" is out of range"),
            ("FREQ=DAILY;BYMINUTE=60", "BYMINUTE value \"60\" is out of range"),
            ("FREQ=DAILY;BYSECOND=61", "BYSECOND value \"61\" is out of range"),
            ("FREQ=MONTHLY;BYDAY=MO;BYSETPOS=0", "BYSETPOS value \"0\" is out of range"),
            ("FREQ=MONTHLY;BYDAY=MO;BYSETPOS=367", "BYSETPOS value \"367\" is out of range"),
            ("FREQ=MONTHLY;BYDAY=0MO", "BYDAY value \"0MO\" is out of range"),
            ("FREQ=YEARLY;BYDAY=54MO", "BYDAY value \"54MO\" is out of range"),
            ("FREQ=MONTHLY;BYDAY=XX", "BYDAY has \"XX\", which is not a weekday"),
            ("FREQ=MONTHLY;BYDAY=MO,,FR", "BYDAY has an empty entry"),
            ("FREQ=DAILY;WKST=XY", "WKST value \"XY\" is not a weekday"),
            ("FREQ=DAILY;UNTIL=2023", "UNTIL value \"2023\" is not a date or date-time"),
            ("FREQ=DAILY;UNTIL=20230230", "UNTIL value \"20230230\" names a day that does not exist"),
            ("FREQ=DAILY;UNTIL=20230201T250000Z", "UNTIL value \"20230201T250000Z\" has a time that does not exist"),
            ("FREQ=DAILY;UNTIL=20230201X100000Z", "is not a date or date-time"),
        ])
    func rejects(text: String, reason: String) {
        #expect {
            _ = try RecurrenceRule(parsing: text)
        } throws: { error in
            guard let error = error as? RecurrenceRule.ParseError else { return false }
            return error.reason.contains(reason)
        }
    }

    @Test(
        "writes a canonical text that parses back to the same rule",
        arguments: [
            ("freq=yearly;bymonth=11;byday=-1sa", "FREQ=YEARLY;BYDAY=-1SA;BYMONTH=11"),
            ("RRULE:FREQ=WEEKLY;INTERVAL=1;WKST=MO;BYDAY=FR,MO", "FREQ=WEEKLY;BYDAY=MO,FR"),
            ("FREQ=DAILY;UNTIL=19971224T000000Z", "FREQ=DAILY;UNTIL=19971224T000000Z"),
            ("FREQ=DAILY;UNTIL=19971224", "FREQ=DAILY;UNTIL=19971224"),
            ("FREQ=DAILY;UNTIL=19971224T093000", "FREQ=DAILY;UNTIL=19971224T093000"),
            ("FREQ=MONTHLY;BYDAY=+1FR,FR,-1FR;BYMONTHDAY=+3,-3,3", "FREQ=MONTHLY;BYDAY=FR,-1FR,1FR;BYMONTHDAY=-3,3"),
            (
                "WKST=SU;BYSETPOS=-1,1;BYMONTH=2,1;BYWEEKNO=1,-1;BYYEARDAY=1,-1;BYDAY=MO;BYHOUR=9;BYMINUTE=30,0;"
                    + "BYSECOND=0;INTERVAL=2;COUNT=3;FREQ=YEARLY",
                "FREQ=YEARLY;COUNT=3;INTERVAL=2;BYSECOND=0;BYMINUTE=0,30;BYHOUR=9;BYDAY=MO;BYYEARDAY=-1,1;"
                    + "BYWEEKNO=-1,1;BYMONTH=1,2;BYSETPOS=-1,1;WKST=SU"
            ),
            (" FREQ = HOURLY ; BYSECOND = 60 ;", "FREQ=HOURLY;BYSECOND=60"),
        ])
    func canonicalText(input: String, expected: String) throws {
        let rule = try RecurrenceRule(parsing: input)
        #expect(rule.text == expected)
        #expect(try RecurrenceRule(parsing: rule.text) == rule)
    }

    @Test("keeps every part's values")
    func partValues() throws {
        let rule = try RecurrenceRule(
            parsing: "FREQ=YEARLY;INTERVAL=4;BYMONTH=11;BYDAY=TU,-1SU;BYMONTHDAY=2,3,4,5,6,7,8;WKST=SU")
        #expect(rule.frequency == .yearly)
        #expect(rule.interval == 4)
        #expect(rule.months == [11])
        #expect(rule.weekdays == [.init(.tuesday), .init(.sunday, ordinal: -1)])
        #expect(rule.monthDays == [2, 3, 4, 5, 6, 7, 8])
        #expect(rule.weekStart == .sunday)
        #expect(rule.count == nil && rule.until == nil)
        let bounded = try RecurrenceRule(parsing: "FREQ=DAILY;UNTIL=19971224T000000Z")
        #expect(bounded.until == .instant(Instant(secondsSinceEpoch: 882_921_600)))
    }

    @Test(
        "checks the rule against the start's type",
        arguments: [
            (
                "FREQ=DAILY;UNTIL=20251231T230000Z", true,
                "UNTIL=20251231T230000Z is a date-time but the event is all-day"
            ),
            ("FREQ=DAILY;UNTIL=20251231T230000", true, "is a date-time but the event is all-day"),
            ("FREQ=DAILY;UNTIL=20251231", false, "UNTIL=20251231 is a date but the event has a start time"),
            ("FREQ=DAILY;BYHOUR=9", true, "BYHOUR=9 cannot be used with an all-day event"),
            ("FREQ=DAILY;BYMINUTE=0,30", true, "BYMINUTE=0,30 cannot be used with an all-day event"),
            ("FREQ=DAILY;BYSECOND=0", true, "BYSECOND=0 cannot be used with an all-day event"),
            ("FREQ=HOURLY", true, "FREQ=HOURLY repeats more often than daily"),
        ])
    func validationProblems(text: String, startIsDate: Bool, problem: String) throws {
        let problems = try RecurrenceRule(parsing: text).validate(startIsDate: startIsDate)
        #expect(problems.contains { $0.contains(problem) }, "\(problems)")
    }

    @Test(
        "accepts rules that fit the start",
        arguments: [
            ("FREQ=DAILY;UNTIL=20251231T230000Z", false), ("FREQ=DAILY;UNTIL=20251231T230000", false),
            ("FREQ=DAILY;UNTIL=20251231", true), ("FREQ=YEARLY;BYMONTH=11;BYDAY=-1SA", true),
            ("FREQ=MINUTELY;BYHOUR=9", false),
        ])
    func validationPasses(text: String, startIsDate: Bool) throws {
        #expect(try RecurrenceRule(parsing: text).validate(startIsDate: startIsDate).isEmpty)
    }

    @Test(
        "writes UNTIL to match DTSTART in a feed",
        arguments: [
            ("FREQ=DAILY;UNTIL=20251231T100000", "2025-01-01T10:00:00", "FREQ=DAILY;UNTIL=20251231T090000Z"),
            ("FREQ=DAILY;UNTIL=20250330", "2025-01-01T10:00:00", "FREQ=DAILY;UNTIL=20250330T215959Z"),
            ("FREQ=DAILY;UNTIL=20251231T230000Z", "2025-01-01", "FREQ=DAILY;UNTIL=20260101"),
            ("FREQ=DAILY;UNTIL=20251231T120000", "2025-01-01", "FREQ=DAILY;UNTIL=20251231"),
            ("FREQ=DAILY;UNTIL=20251231T120000Z", "2025-01-01T10:00:00", "FREQ=DAILY;UNTIL=20251231T120000Z"),
            ("FREQ=WEEKLY;COUNT=3", "2025-01-01T10:00:00", "FREQ=WEEKLY;COUNT=3"),
        ])
    func feedText(text: String, start: String, expected: String) throws {
        let zone = try #require(Zone(identifier: "Europe/Berlin"))
        let recurrenceStart: RecurrenceStart
        if let wall = LocalDateTime(isoText: start) {
            recurrenceStart = .dateTime(wall)
        } else {
            recurrenceStart = .date(try #require(LocalDate(iso: start)))
        }
        #expect(try RecurrenceRule(parsing: text).text(for: recurrenceStart, in: zone) == expected)
    }

    @Test(
        "keeps BY lists ascending and without repeats, however they are written",
        arguments: [
            ([3, 1, 2], [1, 2, 3]),
            ([1, 1, 2], [1, 2]),
            ([2, 2], [2]),
            ([-1, 5, -3, 5], [-3, -1, 5]),
            ([1, 2, 3], [1, 2, 3]),
            ([7], [7]),
            ([], []),
        ])
    func normalizesLists(written: [Int], kept: [Int]) {
        let rule = RecurrenceRule(frequency: .yearly, monthDays: written, months: written)
        #expect(rule.monthDays == kept)
        #expect(rule.months == kept)
    }
}
