import Testing

@testable import PartnerdCore

/// Builds a set from ISO texts: a start with a `T` is timed, one without is all-day.
private func recurrenceSet(
    _ start: String, _ rule: String?, zone: String = "Europe/Berlin", exceptions: [String] = [],
    additions: [String] = []
) throws -> RecurrenceSet {
    func parse(_ text: String) throws -> RecurrenceStart {
        if let wall = LocalDateTime(isoText: text) { return .dateTime(wall) }
        return .date(try #require(LocalDate(iso: text)))
    }
    let zone = try #require(Zone(identifier: zone))
    let parsedRule = try rule.map { try RecurrenceRule(parsing: $0) }
    return RecurrenceSet(
        start: try parse(start), zone: zone, rule: parsedRule, exceptionDates: try exceptions.map(parse),
        recurrenceDates: try additions.map(parse))
}

private func wall(_ text: String) throws -> LocalDateTime {
    try #require(LocalDateTime(isoText: text))
}

@Suite("Recurrence sets: zones, leap days, laziness, EXDATE and RDATE")
struct RecurrenceSetTests {
    @Test("a daily 02:30 in Europe/Berlin keeps its wall time; the gap day's instant is 03:30")
    func springGap() throws {
        let set = try recurrenceSet("2022-03-25T02:30:00", "FREQ=DAILY;COUNT=4")
        let walls = Array(set.occurrences)
        #expect(
            walls.map(\.description) == [
                "2022-03-25T02:30:00", "2022-03-26T02:30:00", "2022-03-27T02:30:00", "2022-03-28T02:30:00",
            ])
        #expect(
            walls.map { set.zone.isoString(set.zone.instant(for: $0)) } == [
                "2022-03-25T02:30:00+01:00", "2022-03-26T02:30:00+01:00", "2022-03-27T03:30:00+02:00",
                "2022-03-28T02:30:00+02:00",
            ])
    }

    @Test("an UNTIL in UTC is compared with the occurrence's instant in its zone")
    func utcUntilAcrossOffsets() throws {
        // 2022-10-30 01:30 UTC is 02:30 CET, the second 02:30 of the day; the first 02:30 (CEST) is 00:30 UTC.
        let set = try recurrenceSet("2022-10-28T02:30:00", "FREQ=DAILY;UNTIL=20221030T003000Z")
        #expect(
            Array(set.occurrences).map(\.description) == [
                "2022-10-28T02:30:00", "2022-10-29T02:30:00", "2022-10-30T02:30:00",
            ])
        let earlier = try recurrenceSet("2022-10-28T02:30:00", "FREQ=DAILY;UNTIL=20221030T002959Z")
        #expect(Array(earlier.occurrences).count == 2)
        let kathmandu = try recurrenceSet(
            "2022-01-01T06:00:00", "FREQ=HOURLY;UNTIL=20220101T021500Z", zone: "Asia/Kathmandu")
        #expect(
            Array(kathmandu.occurrences).map(\.description) == [
                "2022-01-01T06:00:00", "2022-01-01T07:00:00", "2022-01-01T08:00:00",
            ])
    }

    @Test("29 February repeats yearly only in leap years")
    func leapDay() throws {
        let set = try recurrenceSet("2024-02-29", "FREQ=YEARLY")
        let years = set.occurrences.prefix(21).map(\.date.year)
        #expect(years == Array(stride(from: 2024, through: 2096, by: 4)) + [2104, 2108])
        #expect(set.occurrences.prefix(3).allSatisfy { $0.date.month == 2 && $0.date.day == 29 })
        let timed = try recurrenceSet("2000-02-29T12:00:00", "FREQ=YEARLY;COUNT=3")
        #expect(
            Array(timed.occurrences).map(\.description) == [
                "2000-02-29T12:00:00", "2004-02-29T12:00:00", "2008-02-29T12:00:00",
            ])
    }

    @Test("the 31st is skipped in shorter months, never moved")
    func monthEnd() throws {
        let set = try recurrenceSet("2025-01-31", "FREQ=MONTHLY;COUNT=7")
        #expect(
            Array(set.occurrences).map(\.date.description) == [
                "2025-01-31", "2025-03-31", "2025-05-31", "2025-07-31", "2025-08-31", "2025-10-31", "2025-12-31",
            ])
        let thirtieth = try recurrenceSet("2023-01-30", "FREQ=MONTHLY;BYMONTHDAY=30;COUNT=3")
        #expect(Array(thirtieth.occurrences).map(\.date.description) == ["2023-01-30", "2023-03-30", "2023-04-30"])
    }

    @Test(
        "a rule that never produces ends after its start",
        arguments: [
            ("2024-01-30", "FREQ=YEARLY;BYMONTH=2;BYMONTHDAY=30"),
            ("2024-04-01", "FREQ=MONTHLY;INTERVAL=12;BYMONTHDAY=31"),
            ("2024-01-01T10:00:00", "FREQ=DAILY;BYMONTH=2;BYMONTHDAY=31"),
            ("2024-01-01T10:00:00", "FREQ=MINUTELY;BYMONTH=4;BYMONTHDAY=31;BYHOUR=3"),
            ("2024-01-01T10:00:00", "FREQ=SECONDLY;INTERVAL=2;BYSECOND=1"),
            ("2024-01-01T10:00:00", "FREQ=MONTHLY;BYDAY=MO;BYSETPOS=6"),
        ])
    func neverProduces(start: String, rule: String) throws {
        let set = try recurrenceSet(start, rule)
        var iterator = set.occurrences.makeIterator()
        let produced = [iterator.next(), iterator.next()].map { $0?.description }
        #expect(produced[0]?.hasPrefix(start) == true)
        #expect(produced[1] == nil)
        #expect(
            iterator.periodsExamined <= RecurrenceExpansion.emptyPeriodLimit(for: set.rule?.frequency ?? .daily) + 1)
    }

    @Test("a minutely rule from 1992 asked about 2030 jumps there")
    func minutelyJumps() throws {
        let set = try recurrenceSet("1992-06-01T09:00:00", "FREQ=MINUTELY;INTERVAL=7")
        let from = try wall("2030-01-01T00:00:00")
        var iterator = set.occurrences(from: from).makeIterator()
        let firstTwo = [iterator.next(), iterator.next()].compactMap { $0 }
        try #require(firstTwo.count == 2)
        let (first, second) = (firstTwo[0], firstTwo[1])
        let start = try wall("1992-06-01T09:00:00")
        let minutesFromStart = (first.wallSeconds - start.wallSeconds) / 60
        #expect(minutesFromStart % 7 == 0)
        #expect(first >= from && first.wallSeconds - from.wallSeconds < 7 * 60)
        #expect(second.wallSeconds - first.wallSeconds == 7 * 60)
        #expect(iterator.periodsExamined <= 3)
    }

    @Test("sub-daily rules skip whole days that a day part rules out")
    func secondlyJumps() throws {
        let set = try recurrenceSet("1992-06-01T09:00:00", "FREQ=SECONDLY;BYHOUR=10;BYDAY=SA")
        var iterator = set.occurrences(from: try wall("2030-01-01T00:00:00")).makeIterator()
        let firstTwo = [iterator.next(), iterator.next()].map { $0?.description }
        // 2030-01-01 is a Tuesday; the next Saturday is 5 January.
        #expect(firstTwo == ["2030-01-05T10:00:00", "2030-01-05T10:00:01"])
        #expect(iterator.periodsExamined < 20)
    }

    @Test("an hourly rule limited to Saturdays keeps its five-hour rhythm across skipped days")
    func hourlyRhythm() throws {
        let set = try recurrenceSet("2025-01-03T23:00:00", "FREQ=HOURLY;INTERVAL=5;BYDAY=SA")
        #expect(
            set.occurrences.prefix(10).map(\.description) == [
                "2025-01-03T23:00:00",
                "2025-01-04T04:00:00", "2025-01-04T09:00:00", "2025-01-04T14:00:00", "2025-01-04T19:00:00",
                "2025-01-11T01:00:00", "2025-01-11T06:00:00", "2025-01-11T11:00:00", "2025-01-11T16:00:00",
                "2025-01-11T21:00:00",
            ])
    }

    @Test("COUNT counts from the start even when asked from later")
    func countFromStart() throws {
        let set = try recurrenceSet("1997-09-02T09:00:00", "FREQ=DAILY;COUNT=10")
        #expect(set.occurrences(from: try wall("1997-09-08T00:00:00")).map(\.date.day) == [8, 9, 10, 11])
        let minutely = try recurrenceSet("1992-06-01T09:00:00", "FREQ=MINUTELY;COUNT=5")
        #expect(Array(minutely.occurrences(from: try wall("2030-01-01T00:00:00"))).isEmpty)
        #expect(
            Array(minutely.occurrences(from: try wall("1992-06-01T09:03:00"))).map(\.description) == [
                "1992-06-01T09:03:00", "1992-06-01T09:04:00",
            ])
    }

    @Test("the start is the first instance even when the rule would not produce it")
    func startAlwaysFirst() throws {
        let set = try recurrenceSet("2025-01-01T10:00:00", "FREQ=MONTHLY;BYDAY=1FR;COUNT=3")
        #expect(
            Array(set.occurrences).map(\.description) == [
                "2025-01-01T10:00:00", "2025-01-03T10:00:00", "2025-02-07T10:00:00",
            ])
    }

    @Test("EXDATE removes and RDATE adds, merged in order without duplicates")
    func exceptionsAndAdditions() throws {
        let set = try recurrenceSet(
            "2025-01-06T10:00:00", "FREQ=WEEKLY;COUNT=4", exceptions: ["2025-01-13T10:00:00"],
            additions: ["2025-01-20T10:00:00", "2025-01-08T10:00:00", "2025-01-08T10:00:00", "2025-02-01"])
        #expect(
            Array(set.occurrences).map(\.description) == [
                "2025-01-06T10:00:00", "2025-01-08T10:00:00", "2025-01-20T10:00:00", "2025-01-27T10:00:00",
                "2025-02-01T10:00:00",
            ])
        let allDay = try recurrenceSet(
            "2025-06-01", nil, exceptions: ["2025-06-01"], additions: ["2025-07-01", "2025-05-01"])
        #expect(Array(allDay.occurrences).map(\.date.description) == ["2025-05-01", "2025-07-01"])
        let dayRemoved = try recurrenceSet("2025-01-06T10:00:00", "FREQ=DAILY;COUNT=3", exceptions: ["2025-01-07"])
        #expect(Array(dayRemoved.occurrences).map(\.date.day) == [6, 8])
        let later = try recurrenceSet(
            "2025-01-06T10:00:00", "FREQ=WEEKLY", additions: ["2025-01-08T10:00:00", "2025-01-30T10:00:00"])
        #expect(later.occurrences(from: try wall("2025-01-10T00:00:00")).prefix(3).map(\.date.day) == [13, 20, 27])
        #expect(later.occurrences(from: try wall("2025-01-28T00:00:00")).prefix(2).map(\.date.day) == [30, 3])
    }

    @Test("BYSETPOS in a weekly rule counts from the start of the week, not from the start date")
    func weeklySetPositionUsesWholeWeek() throws {
        // Week of Monday 1 January 2024: MO 1, WE 3, FR 5; the second of them is the start itself.
        let set = try recurrenceSet("2024-01-03T09:00:00", "FREQ=WEEKLY;BYDAY=MO,WE,FR;BYSETPOS=2;COUNT=3")
        #expect(Array(set.occurrences).map(\.date.day) == [3, 10, 17])
    }

    @Test("BYDAY with and without ordinals is a union")
    func mixedWeekdays() throws {
        let set = try recurrenceSet("2025-01-03T10:00:00", "FREQ=MONTHLY;BYDAY=1MO,FR;COUNT=7")
        #expect(
            Array(set.occurrences).map(\.date.description) == [
                "2025-01-03", "2025-01-06", "2025-01-10", "2025-01-17", "2025-01-24", "2025-01-31", "2025-02-03",
            ])
    }

    @Test(
        "week numbers follow WKST and can begin in the previous year",
        arguments: [
            (
                "2024-12-30", "FREQ=YEARLY;BYWEEKNO=1;BYDAY=MO",
                ["2024-12-30", "2025-12-29", "2027-01-04", "2028-01-03"]
            ),
            // Week 1 of 2025 begins on 30 December 2024; counted from the end of 2025 it is week -52.
            (
                "2024-12-30", "FREQ=YEARLY;BYWEEKNO=-52;BYDAY=MO",
                ["2024-12-30", "2026-01-05", "2027-01-04", "2028-01-03"]
            ),
            // 1 January 2022 is a Saturday in the last week (52) of 2021.
            (
                "2022-01-01", "FREQ=YEARLY;BYWEEKNO=52;BYDAY=SA",
                ["2022-01-01", "2022-12-31", "2023-12-30", "2024-12-28"]
            ),
            ("2020-12-28", "FREQ=YEARLY;BYWEEKNO=53;BYDAY=MO", ["2020-12-28", "2026-12-28", "2032-12-27"]),
            (
                "2021-12-27", "FREQ=YEARLY;BYWEEKNO=-1;BYDAY=MO",
                ["2021-12-27", "2022-12-26", "2023-12-25", "2024-12-23"]
            ),
            ("1997-05-11", "FREQ=YEARLY;BYWEEKNO=20;BYDAY=SU;WKST=SU", ["1997-05-11", "1998-05-17", "1999-05-16"]),
        ])
    func weekNumbers(start: String, rule: String, expected: [String]) throws {
        let set = try recurrenceSet(start, rule)
        #expect(set.occurrences.prefix(expected.count).map(\.date.description) == expected)
    }

    @Test("a horizon ends the sequence without searching past it")
    func horizon() throws {
        let daily = try recurrenceSet(
            "2025-01-01T10:00:00", "FREQ=DAILY", additions: ["2025-01-04T12:00:00", "2025-02-01T10:00:00"])
        let range = daily.occurrences(from: try wall("2025-01-03T00:00:00"), through: try wall("2025-01-05T10:00:00"))
        #expect(
            Array(range).map(\.description) == [
                "2025-01-03T10:00:00", "2025-01-04T10:00:00", "2025-01-04T12:00:00", "2025-01-05T10:00:00",
            ])
        let never = try recurrenceSet("2024-01-30T10:00:00", "FREQ=YEARLY;BYMONTH=2;BYMONTHDAY=30")
        var iterator = never.occurrences(
            from: try wall("2024-01-01T00:00:00"), through: try wall("2044-01-01T00:00:00")
        )
        .makeIterator()
        let produced = [iterator.next(), iterator.next()].map { $0?.description }
        #expect(produced == ["2024-01-30T10:00:00", nil])
        #expect(iterator.periodsExamined <= 21)
        let before = try recurrenceSet("2025-01-01T10:00:00", "FREQ=DAILY")
        #expect(
            Array(before.occurrences(from: try wall("2024-01-01T00:00:00"), through: try wall("2024-12-31T00:00:00")))
                .isEmpty)
    }

    @Test("UNTIL as a date is inclusive for all-day events")
    func dateUntil() throws {
        let set = try recurrenceSet("2025-03-01", "FREQ=WEEKLY;UNTIL=20250315")
        #expect(Array(set.occurrences).map(\.date.day) == [1, 8, 15])
    }
}
