import Testing

@testable import PartnerdCore

/// One example of RFC 5545 §3.8.5.3: a start in America/New_York, a rule, and the instances the RFC lists.
struct RFCExample: Sendable, CustomTestStringConvertible {
    let title: String
    let start: String
    let rule: String
    /// The instances in order; for rules that go on forever, the first ones.
    let expected: [String]
    /// Whether the rule ends (COUNT or UNTIL) so that the listed instances are all of them.
    let isFinite: Bool
    var exceptions: [String] = []

    var testDescription: String { title }
}

/// `dates(1997, 9, [2, 4])` → `["1997-09-02T09:00:00", "1997-09-04T09:00:00"]`.
private func dates(_ year: Int, _ month: Int, _ days: [Int], at time: String = "09:00:00") -> [String] {
    days.map { day in
        let date = LocalDate(year: year, month: month, day: day)?.description ?? "invalid \(year)-\(month)-\(day)"
        return "\(date)T\(time)"
    }
}

private func dates(_ year: Int, _ month: Int, _ days: ClosedRange<Int>, at time: String = "09:00:00") -> [String] {
    dates(year, month, Array(days), at: time)
}

private func dates(_ year: Int, _ month: Int, _ days: StrideThrough<Int>, at time: String = "09:00:00") -> [String] {
    dates(year, month, Array(days), at: time)
}

private func times(on date: String, _ times: [String]) -> [String] {
    times.map { "\(date)T\($0):00" }
}

@Suite("RFC 5545 §3.8.5.3 examples")
struct RecurrenceRFCExampleTests {
    static let examples: [RFCExample] = [
        RFCExample(
            title: "Daily for 10 occurrences", start: "1997-09-02T09:00:00", rule: "FREQ=DAILY;COUNT=10",
            expected: dates(1997, 9, 2...11), isFinite: true),
        RFCExample(
            title: "Daily until December 24, 1997", start: "1997-09-02T09:00:00",
            rule: "FREQ=DAILY;UNTIL=19971224T000000Z",
            expected: dates(1997, 9, 2...30) + dates(1997, 10, 1...31) + dates(1997, 11, 1...30)
                + dates(1997, 12, 1...23),
            isFinite: true),
        RFCExample(
            title: "Every other day, forever", start: "1997-09-02T09:00:00", rule: "FREQ=DAILY;INTERVAL=2",
            expected: dates(1997, 9, stride(from: 2, through: 30, by: 2))
                + dates(1997, 10, stride(from: 2, through: 30, by: 2))
                + dates(1997, 11, stride(from: 1, through: 29, by: 2)) + dates(1997, 12, [1, 3]),
            isFinite: false),
        RFCExample(
            title: "Every 10 days, 5 occurrences", start: "1997-09-02T09:00:00",
            rule: "FREQ=DAILY;INTERVAL=10;COUNT=5",
            expected: dates(1997, 9, [2, 12, 22]) + dates(1997, 10, [2, 12]), isFinite: true),
        RFCExample(
            title: "Every day in January, for 3 years (yearly form)", start: "1998-01-01T09:00:00",
            rule: "FREQ=YEARLY;UNTIL=20000131T140000Z;BYMONTH=1;BYDAY=SU,MO,TU,WE,TH,FR,SA",
            expected: dates(1998, 1, 1...31) + dates(1999, 1, 1...31) + dates(2000, 1, 1...31), isFinite: true),
        RFCExample(
            title: "Every day in January, for 3 years (daily form)", start: "1998-01-01T09:00:00",
            rule: "FREQ=DAILY;UNTIL=20000131T140000Z;BYMONTH=1",
            expected: dates(1998, 1, 1...31) + dates(1999, 1, 1...31) + dates(2000, 1, 1...31), isFinite: true),
        RFCExample(
            title: "Weekly for 10 occurrences", start: "1997-09-02T09:00:00", rule: "FREQ=WEEKLY;COUNT=10",
            expected: dates(1997, 9, [2, 9, 16, 23, 30]) + dates(1997, 10, [7, 14, 21, 28]) + dates(1997, 11, [4]),
            isFinite: true),
        RFCExample(
            title: "Weekly until December 24, 1997", start: "1997-09-02T09:00:00",
            rule: "FREQ=WEEKLY;UNTIL=19971224T000000Z",
            expected: dates(1997, 9, [2, 9, 16, 23, 30]) + dates(1997, 10, [7, 14, 21, 28])
                + dates(1997, 11, [4, 11, 18, 25]) + dates(1997, 12, [2, 9, 16, 23]),
            isFinite: true),
        RFCExample(
            title: "Every other week, forever", start: "1997-09-02T09:00:00", rule: "FREQ=WEEKLY;INTERVAL=2;WKST=SU",
            expected: dates(1997, 9, [2, 16, 30]) + dates(1997, 10, [14, 28]) + dates(1997, 11, [11, 25])
                + dates(1997, 12, [9, 23]) + dates(1998, 1, [6, 20]) + dates(1998, 2, [3, 17]),
            isFinite: false),
        RFCExample(
            title: "Weekly on Tuesday and Thursday for five weeks (UNTIL)", start: "1997-09-02T09:00:00",
            rule: "FREQ=WEEKLY;UNTIL=19971007T000000Z;WKST=SU;BYDAY=TU,TH",
            expected: dates(1997, 9, [2, 4, 9, 11, 16, 18, 23, 25, 30]) + dates(1997, 10, [2]), isFinite: true),
        RFCExample(
            title: "Weekly on Tuesday and Thursday for five weeks (COUNT)", start: "1997-09-02T09:00:00",
            rule: "FREQ=WEEKLY;COUNT=10;WKST=SU;BYDAY=TU,TH",
            expected: dates(1997, 9, [2, 4, 9, 11, 16, 18, 23, 25, 30]) + dates(1997, 10, [2]), isFinite: true),
        RFCExample(
            title: "Every other week on Monday, Wednesday and Friday until December 24, 1997",
            start: "1997-09-01T09:00:00", rule: "FREQ=WEEKLY;INTERVAL=2;UNTIL=19971224T000000Z;WKST=SU;BYDAY=MO,WE,FR",
            expected: dates(1997, 9, [1, 3, 5, 15, 17, 19, 29]) + dates(1997, 10, [1, 3, 13, 15, 17, 27, 29, 31])
                + dates(1997, 11, [10, 12, 14, 24, 26, 28]) + dates(1997, 12, [8, 10, 12, 22]),
            isFinite: true),
        RFCExample(
            title: "Every other week on Tuesday and Thursday, for 8 occurrences", start: "1997-09-02T09:00:00",
            rule: "FREQ=WEEKLY;INTERVAL=2;COUNT=8;WKST=SU;BYDAY=TU,TH",
            expected: dates(1997, 9, [2, 4, 16, 18, 30]) + dates(1997, 10, [2, 14, 16]), isFinite: true),
        RFCExample(
            title: "Monthly on the first Friday for 10 occurrences", start: "1997-09-05T09:00:00",
            rule: "FREQ=MONTHLY;COUNT=10;BYDAY=1FR",
            expected: dates(1997, 9, [5]) + dates(1997, 10, [3]) + dates(1997, 11, [7]) + dates(1997, 12, [5])
                + dates(1998, 1, [2]) + dates(1998, 2, [6]) + dates(1998, 3, [6]) + dates(1998, 4, [3])
                + dates(1998, 5, [1]) + dates(1998, 6, [5]),
            isFinite: true),
        RFCExample(
            title: "Monthly on the first Friday until December 24, 1997", start: "1997-09-05T09:00:00",
            rule: "FREQ=MONTHLY;UNTIL=19971224T000000Z;BYDAY=1FR",
            expected: dates(1997, 9, [5]) + dates(1997, 10, [3]) + dates(1997, 11, [7]) + dates(1997, 12, [5]),
            isFinite: true),
        RFCExample(
            title: "Every other month on the first and last Sunday, 10 occurrences", start: "1997-09-07T09:00:00",
            rule: "FREQ=MONTHLY;INTERVAL=2;COUNT=10;BYDAY=1SU,-1SU",
            expected: dates(1997, 9, [7, 28]) + dates(1997, 11, [2, 30]) + dates(1998, 1, [4, 25])
                + dates(1998, 3, [1, 29]) + dates(1998, 5, [3, 31]),
            isFinite: true),
        RFCExample(
            title: "Monthly on the second-to-last Monday for 6 months", start: "1997-09-22T09:00:00",
            rule: "FREQ=MONTHLY;COUNT=6;BYDAY=-2MO",
            expected: dates(1997, 9, [22]) + dates(1997, 10, [20]) + dates(1997, 11, [17]) + dates(1997, 12, [22])
                + dates(1998, 1, [19]) + dates(1998, 2, [16]),
            isFinite: true),
        RFCExample(
            title: "Monthly on the third-to-last day, forever", start: "1997-09-28T09:00:00",
            rule: "FREQ=MONTHLY;BYMONTHDAY=-3",
            expected: dates(1997, 9, [28]) + dates(1997, 10, [29]) + dates(1997, 11, [28]) + dates(1997, 12, [29])
                + dates(1998, 1, [29]) + dates(1998, 2, [26]),
            isFinite: false),
        RFCExample(
            title: "Monthly on the 2nd and 15th for 10 occurrences", start: "1997-09-02T09:00:00",
            rule: "FREQ=MONTHLY;COUNT=10;BYMONTHDAY=2,15",
            expected: dates(1997, 9, [2, 15]) + dates(1997, 10, [2, 15]) + dates(1997, 11, [2, 15])
                + dates(1997, 12, [2, 15]) + dates(1998, 1, [2, 15]),
            isFinite: true),
        RFCExample(
            title: "Monthly on the first and last day for 10 occurrences", start: "1997-09-30T09:00:00",
            rule: "FREQ=MONTHLY;COUNT=10;BYMONTHDAY=1,-1",
            expected: dates(1997, 9, [30]) + dates(1997, 10, [1, 31]) + dates(1997, 11, [1, 30])
                + dates(1997, 12, [1, 31]) + dates(1998, 1, [1, 31]) + dates(1998, 2, [1]),
            isFinite: true),
        RFCExample(
            title: "Every 18 months on the 10th to 15th, 10 occurrences", start: "1997-09-10T09:00:00",
            rule: "FREQ=MONTHLY;INTERVAL=18;COUNT=10;BYMONTHDAY=10,11,12,13,14,15",
            expected: dates(1997, 9, 10...15) + dates(1999, 3, 10...13), isFinite: true),
        RFCExample(
            title: "Every Tuesday, every other month", start: "1997-09-02T09:00:00",
            rule: "FREQ=MONTHLY;INTERVAL=2;BYDAY=TU",
            expected: dates(1997, 9, [2, 9, 16, 23, 30]) + dates(1997, 11, [4, 11, 18, 25])
                + dates(1998, 1, [6, 13, 20, 27]) + dates(1998, 3, [3, 10, 17, 24, 31]),
            isFinite: false),
        RFCExample(
            title: "Yearly in June and July for 10 occurrences", start: "1997-06-10T09:00:00",
            rule: "FREQ=YEARLY;COUNT=10;BYMONTH=6,7",
            expected: (1997...2001).flatMap { dates($0, 6, [10]) + dates($0, 7, [10]) }, isFinite: true),
        RFCExample(
            title: "Every other year on January, February and March, 10 occurrences", start: "1997-03-10T09:00:00",
            rule: "FREQ=YEARLY;INTERVAL=2;COUNT=10;BYMONTH=1,2,3",
            expected: dates(1997, 3, [10])
                + [1999, 2001, 2003].flatMap { dates($0, 1, [10]) + dates($0, 2, [10]) + dates($0, 3, [10]) },
            isFinite: true),
        RFCExample(
            title: "Every third year on the 1st, 100th and 200th day, 10 occurrences", start: "1997-01-01T09:00:00",
            rule: "FREQ=YEARLY;INTERVAL=3;COUNT=10;BYYEARDAY=1,100,200",
            expected: dates(1997, 1, [1]) + dates(1997, 4, [10]) + dates(1997, 7, [19]) + dates(2000, 1, [1])
                + dates(2000, 4, [9]) + dates(2000, 7, [18]) + dates(2003, 1, [1]) + dates(2003, 4, [10])
                + dates(2003, 7, [19]) + dates(2006, 1, [1]),
            isFinite: true),
        RFCExample(
            title: "Every 20th Monday of the year, forever", start: "1997-05-19T09:00:00",
            rule: "FREQ=YEARLY;BYDAY=20MO",
            expected: dates(1997, 5, [19]) + dates(1998, 5, [18]) + dates(1999, 5, [17]), isFinite: false),
        RFCExample(
            title: "Monday of week number 20, forever", start: "1997-05-12T09:00:00",
            rule: "FREQ=YEARLY;BYWEEKNO=20;BYDAY=MO",
            expected: dates(1997, 5, [12]) + dates(1998, 5, [11]) + dates(1999, 5, [17]), isFinite: false),
        RFCExample(
            title: "Every Thursday in March, forever", start: "1997-03-13T09:00:00",
            rule: "FREQ=YEARLY;BYMONTH=3;BYDAY=TH",
            expected: dates(1997, 3, [13, 20, 27]) + dates(1998, 3, [5, 12, 19, 26]) + dates(1999, 3, [4, 11, 18, 25]),
            isFinite: false),
        RFCExample(
            title: "Every Thursday, but only during June, July and August, forever", start: "1997-06-05T09:00:00",
            rule: "FREQ=YEARLY;BYDAY=TH;BYMONTH=6,7,8",
            expected: dates(1997, 6, [5, 12, 19, 26]) + dates(1997, 7, [3, 10, 17, 24, 31])
                + dates(1997, 8, [7, 14, 21, 28]) + dates(1998, 6, [4, 11, 18, 25])
                + dates(1998, 7, [2, 9, 16, 23, 30])
                + dates(1998, 8, [6, 13, 20, 27]) + dates(1999, 6, [3, 10, 17, 24])
                + dates(1999, 7, [1, 8, 15, 22, 29])
                + dates(1999, 8, [5, 12, 19, 26]),
            isFinite: false),
        RFCExample(
            title: "Every Friday the 13th, forever (start excluded)", start: "1997-09-02T09:00:00",
            rule: "FREQ=MONTHLY;BYDAY=FR;BYMONTHDAY=13",
            expected: dates(1998, 2, [13]) + dates(1998, 3, [13]) + dates(1998, 11, [13]) + dates(1999, 8, [13])
                + dates(2000, 10, [13]),
            isFinite: false, exceptions: ["1997-09-02T09:00:00"]),
        RFCExample(
            title: "The first Saturday that follows the first Sunday of the month, forever",
            start: "1997-09-13T09:00:00",
            rule: "FREQ=MONTHLY;BYDAY=SA;BYMONTHDAY=7,8,9,10,11,12,13",
            expected: dates(1997, 9, [13]) + dates(1997, 10, [11]) + dates(1997, 11, [8]) + dates(1997, 12, [13])
                + dates(1998, 1, [10]) + dates(1998, 2, [7]) + dates(1998, 3, [7]) + dates(1998, 4, [11])
                + dates(1998, 5, [9]) + dates(1998, 6, [13]),
            isFinite: false),
        RFCExample(
            title: "Every 4 years, the first Tuesday after a Monday in November (U.S. election day)",
            start: "1996-11-05T09:00:00", rule: "FREQ=YEARLY;INTERVAL=4;BYMONTH=11;BYDAY=TU;BYMONTHDAY=2,3,4,5,6,7,8",
            expected: dates(1996, 11, [5]) + dates(2000, 11, [7]) + dates(2004, 11, [2]), isFinite: false),
        RFCExample(
            title: "The third instance of Tuesday, Wednesday or Thursday, for the next 3 months",
            start: "1997-09-04T09:00:00", rule: "FREQ=MONTHLY;COUNT=3;BYDAY=TU,WE,TH;BYSETPOS=3",
            expected: dates(1997, 9, [4]) + dates(1997, 10, [7]) + dates(1997, 11, [6]), isFinite: true),
        RFCExample(
            title: "The second-to-last weekday of the month", start: "1997-09-29T09:00:00",
            rule: "FREQ=MONTHLY;BYDAY=MO,TU,WE,TH,FR;BYSETPOS=-2",
            expected: dates(1997, 9, [29]) + dates(1997, 10, [30]) + dates(1997, 11, [27]) + dates(1997, 12, [30])
                + dates(1998, 1, [29]) + dates(1998, 2, [26]) + dates(1998, 3, [30]),
            isFinite: false),
        // The RFC lists 09:00, 12:00 and 15:00 here, reading the bound as 17:00 local time; as written the bound
        // is 17:00 UTC, 13:00 EDT, and UNTIL is inclusive in UTC (§3.3.10), so 15:00 EDT falls outside it. The
        // next example states the RFC's intent with a local bound.
        RFCExample(
            title: "Every 3 hours from 9:00 AM to 5:00 PM on a specific day (UTC bound as written)",
            start: "1997-09-02T09:00:00", rule: "FREQ=HOURLY;INTERVAL=3;UNTIL=19970902T170000Z",
            expected: times(on: "1997-09-02", ["09:00", "12:00"]), isFinite: true),
        RFCExample(
            title: "Every 3 hours from 9:00 AM to 5:00 PM on a specific day (local bound)",
            start: "1997-09-02T09:00:00", rule: "FREQ=HOURLY;INTERVAL=3;UNTIL=19970902T170000",
            expected: times(on: "1997-09-02", ["09:00", "12:00", "15:00"]), isFinite: true),
        RFCExample(
            title: "Every 15 minutes for 6 occurrences", start: "1997-09-02T09:00:00",
            rule: "FREQ=MINUTELY;INTERVAL=15;COUNT=6",
            expected: times(on: "1997-09-02", ["09:00", "09:15", "09:30", "09:45", "10:00", "10:15"]), isFinite: true),
        RFCExample(
            title: "Every hour and a half for 4 occurrences", start: "1997-09-02T09:00:00",
            rule: "FREQ=MINUTELY;INTERVAL=90;COUNT=4",
            expected: times(on: "1997-09-02", ["09:00", "10:30", "12:00", "13:30"]), isFinite: true),
        RFCExample(
            title: "Every 20 minutes from 9:00 AM to 4:40 PM every day (daily form)", start: "1997-09-02T09:00:00",
            rule: "FREQ=DAILY;BYHOUR=9,10,11,12,13,14,15,16;BYMINUTE=0,20,40",
            expected: everyTwentyMinutes(on: "1997-09-02") + everyTwentyMinutes(on: "1997-09-03"), isFinite: false),
        RFCExample(
            title: "Every 20 minutes from 9:00 AM to 4:40 PM every day (minutely form)", start: "1997-09-02T09:00:00",
            rule: "FREQ=MINUTELY;INTERVAL=20;BYHOUR=9,10,11,12,13,14,15,16",
            expected: everyTwentyMinutes(on: "1997-09-02") + everyTwentyMinutes(on: "1997-09-03"), isFinite: false),
        RFCExample(
            title: "WKST=MO changes the days generated", start: "1997-08-05T09:00:00",
            rule: "FREQ=WEEKLY;INTERVAL=2;COUNT=4;BYDAY=TU,SU;WKST=MO",
            expected: dates(1997, 8, [5, 10, 19, 24]), isFinite: true),
        RFCExample(
            title: "WKST=SU changes the days generated", start: "1997-08-05T09:00:00",
            rule: "FREQ=WEEKLY;INTERVAL=2;COUNT=4;BYDAY=TU,SU;WKST=SU",
            expected: dates(1997, 8, [5, 17, 19, 31]), isFinite: true),
        RFCExample(
            title: "An invalid date (February 30) is ignored", start: "2007-01-15T09:00:00",
            rule: "FREQ=MONTHLY;BYMONTHDAY=15,30;COUNT=5",
            expected: dates(2007, 1, [15, 30]) + dates(2007, 2, [15]) + dates(2007, 3, [15, 30]), isFinite: true),
    ]

    private static func everyTwentyMinutes(on date: String) -> [String] {
        (9...16).flatMap { hour in [0, 20, 40].map { "\(date)T\(pad(hour, 2)):\(pad($0, 2)):00" } }
    }

    @Test("expands as the RFC lists", arguments: examples)
    func example(_ example: RFCExample) throws {
        let zone = try #require(Zone(identifier: "America/New_York"))
        let start = try #require(LocalDateTime(isoText: example.start))
        let rule = try RecurrenceRule(parsing: example.rule)
        #expect(rule.validate(startIsDate: false).isEmpty)
        let exceptions = try example.exceptions.map {
            RecurrenceStart.dateTime(try #require(LocalDateTime(isoText: $0)))
        }
        let set = RecurrenceSet(start: .dateTime(start), zone: zone, rule: rule, exceptionDates: exceptions)
        let limit = example.isFinite ? example.expected.count + 10 : example.expected.count
        let produced = set.occurrences.prefix(limit).map(\.description)
        #expect(produced == example.expected)
    }
}
