import Testing

@testable import PartnerdCore

/// The candidate days a period starts from must be exactly the days that pass a day-by-day test.
///
/// `RecurrencePattern.verdict(day:)` tests one day against every day-level part; yearly, monthly and weekly
/// periods instead list the days of the cheapest part by arithmetic and test only those. These tests hold
/// the two against each other over whole years, months and weeks around leap years and New Year, for every
/// source and every week start, including rules the parser would refuse (the expansion must not depend on it).
@Suite("RRULE candidate days")
struct RecurrencePatternTests {
    /// 2019-06-14, a Friday: the day, month and weekday that rules without day-level parts default to.
    static let start = RecurrenceStart.date(LocalDate(daysSinceEpoch: 18_061))

    static let sources: [(rule: String, source: RecurrencePattern.DaySource)] = [
        ("FREQ=YEARLY;BYYEARDAY=1,60,-1,-306,366,-366", .yearDays),
        ("FREQ=YEARLY;BYYEARDAY=100,200;BYDAY=MO,TU,WE;BYMONTH=4,7", .yearDays),
        ("FREQ=MONTHLY;BYMONTHDAY=13;BYDAY=FR", .monthDays),
        ("FREQ=MONTHLY;BYMONTHDAY=1,29,30,31,-1,-29,-31", .monthDays),
        ("FREQ=YEARLY;BYMONTH=2;BYMONTHDAY=29,-29", .monthDays),
        ("FREQ=YEARLY", .monthDays),
        ("FREQ=MONTHLY", .monthDays),
        ("FREQ=YEARLY;BYWEEKNO=1,52,53,-1,-53;BYDAY=MO,SU", .weekNumbers),
        ("FREQ=YEARLY;BYWEEKNO=20;BYDAY=TH", .weekNumbers),
        ("FREQ=YEARLY;BYWEEKNO=1,2;WKST=SU", .weekNumbers),
        ("FREQ=YEARLY;BYWEEKNO=-1;WKST=TH", .weekNumbers),
        ("FREQ=YEARLY;BYDAY=-1SU,1MO,53FR,-53SA;BYMONTH=3,10", .weekdays),
        ("FREQ=YEARLY;BYDAY=20MO,-1SU,1TH", .weekdays),
        ("FREQ=YEARLY;BYDAY=1MO,5FR,-5TU,FR", .weekdays),
        ("FREQ=MONTHLY;BYDAY=2MO,-1FR,5WE,-5SU", .weekdays),
        ("FREQ=MONTHLY;BYDAY=MO,WE,FR", .weekdays),
        ("FREQ=MONTHLY;BYDAY=1SU,FR;BYSETPOS=-1", .weekdays),
        ("FREQ=WEEKLY;BYDAY=MO,SA,SU", .weekdays),
        ("FREQ=WEEKLY", .weekdays),
        ("FREQ=WEEKLY;BYMONTH=1,12", .weekdays),
        ("FREQ=WEEKLY;BYDAY=MO,TU,WE,TH,FR,SA,SU;BYMONTH=1,12", .everyDay),
        ("FREQ=YEARLY;BYMONTH=2;BYDAY=MO,TU,WE,TH,FR,SA,SU", .everyDay),
        ("FREQ=MONTHLY;BYDAY=MO,TU,WE,TH,FR,SA,SU", .everyDay),
    ]

    @Test("each rule shape starts from the part that names the fewest days", arguments: sources)
    func choosesSource(rule text: String, source: RecurrencePattern.DaySource) throws {
        let pattern = RecurrencePattern(rule: try RecurrenceRule(parsing: text), start: Self.start)
        #expect(pattern.daySource == source)
    }

    @Test(
        "the days listed are the days that pass, ascending, in years, months and weeks",
        arguments: sources.map(\.rule), Weekday.allCases
    )
    func candidatesMatchDayByDay(rule text: String, weekStart: Weekday) throws {
        var rule = try RecurrenceRule(parsing: text)
        rule.weekStart = weekStart
        let pattern = RecurrencePattern(rule: rule, start: Self.start)
        for range in Self.ranges() {
            var days: [Int] = []
            pattern.appendDays(in: range, into: &days)
            let dayByDay = range.filter { pattern.verdict(day: $0) == .match }
            let first = LocalDate(daysSinceEpoch: range.lowerBound)
            let last = LocalDate(daysSinceEpoch: range.upperBound - 1)
            let shown = "\(first) to \(last)"
            #expect(days == dayByDay, "\(text);WKST=\(weekStart) in \(shown)")
        }
    }

    @Test("every source works in ranges the parser's rules never ask about", arguments: Weekday.allCases)
    func unparseableShapes(weekStart: Weekday) {
        // Rules built in code bypass the parser: BYWEEKNO or BYYEARDAY beside FREQ=WEEKLY or MONTHLY.
        let rules = [
            RecurrenceRule(frequency: .weekly, yearDays: [1, -1, 59, 60], weekStart: weekStart),
            RecurrenceRule(frequency: .monthly, yearDays: [32, -335], weekStart: weekStart),
            RecurrenceRule(frequency: .weekly, weekNumbers: [1, 53, -1], weekStart: weekStart),
            RecurrenceRule(frequency: .monthly, weekNumbers: [1, -1], weekStart: weekStart),
            RecurrenceRule(frequency: .weekly, monthDays: [1, -1], weekStart: weekStart),
        ]
        for rule in rules {
            let pattern = RecurrencePattern(rule: rule, start: Self.start)
            for range in Self.ranges() {
                var days = [-1]
                pattern.appendDays(in: range, into: &days)
                let dayByDay = range.filter { pattern.verdict(day: $0) == .match }
                #expect(days == [-1] + dayByDay, "\(rule) in \(range)")
            }
        }
    }

    /// Whole years 1999 to 2030 (common, leap, 53-week), every month of 2019 to 2021, and every seven-day
    /// range starting on the days around three New Years and a leap day.
    static func ranges() -> [Range<Int>] {
        var ranges: [Range<Int>] = []
        for year in 1999...2030 {
            let first = RecurrencePattern.firstDayOfYear(year)
            ranges.append(first..<RecurrencePattern.firstDayOfYear(year + 1))
        }
        for year in 2019...2021 {
            for month in 1...12 {
                guard let first = LocalDate(year: year, month: month, day: 1)?.daysSinceEpoch else { continue }
                ranges.append(first..<(first + LocalDate.daysInMonth(year: year, month: month)))
            }
        }
        let anchors = [(2020, 1, 1), (2021, 1, 1), (2027, 1, 1), (2024, 2, 29)]
        for (year, month, day) in anchors {
            guard let anchor = LocalDate(year: year, month: month, day: day)?.daysSinceEpoch else { continue }
            for first in (anchor - 10)...(anchor + 3) { ranges.append(first..<(first + 7)) }
        }
        return ranges
    }
}
