import Foundation
import Testing

@testable import PartnerdCore

/// The file `Tests/Oracles/rrule_oracle.py` writes: rules expanded by python-dateutil.
struct OracleFile: Decodable {
    let seed: Int
    let dateutil: String
    let limit: Int
    let windowDays: Int
    let cases: [OracleCase]
}

struct OracleCase: Decodable {
    let id: Int
    let combination: String
    let rrule: String
    let zone: String
    let allDay: Bool
    let dtstart: String
    let occurrences: [String]
    /// `false` when dateutil ran out of its period budget: `occurrences` is then a correct prefix only.
    let complete: Bool
    let exdate: [String]?
    let rdate: [String]?
    /// For BYWEEKNO rules: dateutil's result with its New Year week mask corrected, where that differs.
    let weekFixedOccurrences: [String]?
    let weekFixedComplete: Bool?
    /// For BYDAY lists mixing plain and numbered weekdays: dateutil's result for the same days written as
    /// numbered weekdays only, where that differs.
    let bydayFixedOccurrences: [String]?
    let bydayFixedComplete: Bool?
}

/// A documented case where python-dateutil departs from RFC 5545, and how its difference looks.
///
/// A case that differs from dateutil passes only when documented deviations that apply to it turn
/// dateutil's list into exactly partnerd's; anything else fails the test.
struct DocumentedDeviation: Sendable {
    let name: String
    /// The RFC text that decides the case, and what dateutil does instead.
    let clause: String
    /// Whether the deviation can concern this case at all.
    let applies: @Sendable (OracleComparison, OracleExpectation) -> Bool
    /// Whether partnerd's list is what the RFC gives where dateutil gave `expectation`.
    let explains: @Sendable (OracleComparison, OracleExpectation) -> Bool
}

/// A list of occurrences to hold partnerd's against: dateutil's own, or one corrected for a deviation.
struct OracleExpectation: Sendable {
    let occurrences: [String]
    /// `false` when the list is a correct prefix only.
    let complete: Bool
    /// The deviations already accounted for in this list.
    let deviations: [String]

    func matches(_ ours: [String]) -> Bool {
        complete ? ours == occurrences : Array(ours.prefix(occurrences.count)) == occurrences
    }
}

/// One case, parsed, with partnerd's expansion.
struct OracleComparison: Sendable {
    let oracleCase: OracleCase
    let rule: RecurrenceRule
    let start: RecurrenceStart
    let limit: Int
    /// partnerd's occurrences in the same window, formatted as the oracle writes them.
    let ours: [String]
    var startText: String { oracleCase.dtstart }
    var hasAddedOrRemovedDates: Bool { !(oracleCase.exdate ?? []).isEmpty || !(oracleCase.rdate ?? []).isEmpty }
}

extension OracleCase: @unchecked Sendable {}

/// The property test: partnerd's expansion against python-dateutil on thousands of generated rules.
///
/// Run it with
/// `python3 Tests/Oracles/rrule_oracle.py --seed 1 --count 5000 --out .build/rrule-oracle.json` and
/// `PARTNERD_RRULE_ORACLE=.build/rrule-oracle.json swift test --filter RecurrenceOracleTests`;
/// without the variable the test is skipped. It prints how many cases matched, which documented
/// deviations explained the rest, the slowest cases and the time the comparison took.
@Suite("Recurrence against python-dateutil")
struct RecurrenceOracleTests {
    static let weekNumbersAtNewYear = DocumentedDeviation(
        name: "BYWEEKNO weeks that straddle New Year",
        clause: "RFC 5545 §3.3.10 BYWEEKNO: weeks are numbered as in ISO 8601 from WKST, week 1 being the first "
            + "with at least four days in the year, and -1 ... -53 count the same weeks from the end. dateutil "
            + "matches a late-December day of next year's week 1 by 1 but not by that week's negative number, "
            + "and miscounts the weeks of the previous year for early-January days of its last week. The "
            + "oracle file carries dateutil's result with only that week mask corrected.",
        applies: { comparison, expectation in
            !comparison.rule.weekNumbers.isEmpty && comparison.oracleCase.weekFixedOccurrences != nil
                && expectation.deviations.isEmpty
        },
        explains: { _, _ in true })

    static let mixedWeekdays = DocumentedDeviation(
        name: "BYDAY mixing plain and numbered weekdays",
        clause: "RFC 5545 §3.3.10 BYDAY is \"a COMMA-separated list of days of the week\", each entry a day "
            + "that qualifies; with or without a number, any entry selects the day. dateutil requires a day "
            + "to match a plain entry and a numbered entry at once. The oracle file carries dateutil's "
            + "result with every plain weekday written as all its numbered forms (the same days).",
        applies: { comparison, expectation in
            comparison.rule.weekdays.contains { $0.ordinal == nil }
                && comparison.rule.weekdays.contains { $0.ordinal != nil }
                && comparison.oracleCase.bydayFixedOccurrences != nil && expectation.deviations.isEmpty
        },
        explains: { _, _ in true })

    static let startNotProducedByRule = DocumentedDeviation(
        name: "DTSTART that the rule does not produce",
        clause: "RFC 5545 §3.8.5.3: \"The DTSTART property defines the first instance in the recurrence set\"; "
            + "§3.3.10 COUNT: \"The DTSTART property value always counts as the first occurrence\". dateutil "
            + "yields only what the rule generates, so it leaves such a start out and does not count it.",
        applies: { comparison, expectation in
            expectation.occurrences.first != comparison.startText && !comparison.hasAddedOrRemovedDates
        },
        explains: { comparison, expectation in
            var expected = [comparison.startText]
            if let count = comparison.rule.count {
                expected += expectation.occurrences.prefix(max(0, count - 1))
            } else {
                expected += expectation.occurrences
            }
            expected = Array(expected.prefix(comparison.limit))
            if expectation.complete { return comparison.ours == expected }
            let known = min(expected.count, expectation.occurrences.count + 1)
            return Array(comparison.ours.prefix(known)) == Array(expected.prefix(known))
        })

    static let weeklySetPositionFirstWeek = DocumentedDeviation(
        name: "BYSETPOS in the first week of a WEEKLY rule",
        clause: "RFC 5545 §3.3.10 BYSETPOS: \"A set of recurrence instances starts at the beginning of the "
            + "interval defined by the FREQ rule part\", so the first week runs from its WKST day. dateutil "
            + "builds the first week from DTSTART's day on, which shifts the positions in that week.",
        applies: { comparison, _ in
            comparison.rule.frequency == .weekly && !comparison.rule.setPositions.isEmpty
                && comparison.start.date.weekday != comparison.rule.weekStart
        },
        explains: { comparison, expectation in
            let startDay = comparison.start.date
            let nextWeek = startDay.adding(days: 7 - comparison.rule.weekStart.days(to: startDay.weekday))
            let boundary = comparison.start.isAllDay ? nextWeek.description : "\(nextWeek)T00:00:00"
            let ourLater = comparison.ours.filter { $0 >= boundary }
            let theirLater = expectation.occurrences.filter { $0 >= boundary }
            let shared = min(ourLater.count, theirLater.count)
            guard ourLater.prefix(shared) == theirLater.prefix(shared) else { return false }
            // Without COUNT the first week cannot change what follows: both lists end together unless
            // one of them stopped at the occurrence limit.
            let eitherCut =
                comparison.ours.count == comparison.limit
                || expectation.occurrences.count == comparison.limit || !expectation.complete
            return comparison.rule.count != nil || eitherCut || ourLater.count == theirLater.count
        })

    static let deviations = [weekNumbersAtNewYear, mixedWeekdays, startNotProducedByRule, weeklySetPositionFirstWeek]

    /// The names of the deviations that explain the difference, or `nil` when none does.
    static func explanation(for comparison: OracleComparison) -> [String]? {
        let plain = OracleExpectation(
            occurrences: comparison.oracleCase.occurrences, complete: comparison.oracleCase.complete, deviations: [])
        var expectations = [plain]
        if weekNumbersAtNewYear.applies(comparison, plain), let fixed = comparison.oracleCase.weekFixedOccurrences {
            expectations.append(
                OracleExpectation(
                    occurrences: fixed, complete: comparison.oracleCase.weekFixedComplete ?? true,
                    deviations: [weekNumbersAtNewYear.name]))
        }
        if mixedWeekdays.applies(comparison, plain), let fixed = comparison.oracleCase.bydayFixedOccurrences {
            expectations.append(
                OracleExpectation(
                    occurrences: fixed, complete: comparison.oracleCase.bydayFixedComplete ?? true,
                    deviations: [mixedWeekdays.name]))
        }
        for expectation in expectations {
            if expectation.matches(comparison.ours) { return expectation.deviations }
            for deviation in [startNotProducedByRule, weeklySetPositionFirstWeek]
            where deviation.applies(comparison, expectation) && deviation.explains(comparison, expectation) {
                return expectation.deviations + [deviation.name]
            }
        }
        return nil
    }

    static var oraclePath: String? { ProcessInfo.processInfo.environment["PARTNERD_RRULE_ORACLE"] }

    @Test(
        "every case matches dateutil or a documented departure from RFC 5545",
        .enabled(if: ProcessInfo.processInfo.environment["PARTNERD_RRULE_ORACLE"] != nil))
    func compareWithDateutil() throws {
        let path = try #require(Self.oraclePath)
        let data = try Data(contentsOf: URL(fileURLWithPath: path))
        let decoder = JSONDecoder()
        decoder.keyDecodingStrategy = .convertFromSnakeCase
        let file = try decoder.decode(OracleFile.self, from: data)
        #expect(!file.cases.isEmpty)

        let clock = ContinuousClock()
        var matched = 0
        var explained: [String: Int] = [:]
        var failures: [String] = []
        var slowest: [(Duration, Int)] = []
        let elapsed = clock.measure {
            for oracleCase in file.cases {
                var outcome: Result<String?, Mismatch> = .success(nil)
                let took = clock.measure {
                    outcome = Self.check(oracleCase, limit: file.limit, windowDays: file.windowDays)
                }
                slowest.append((took, oracleCase.id))
                switch outcome {
                case .success(nil): matched += 1
                case .success(let deviation?): explained[deviation, default: 0] += 1
                case .failure(let message): failures.append(message.text)
                }
            }
        }
        slowest.sort { $0.0 > $1.0 }
        print("rrule oracle: slowest cases \(slowest.prefix(8).map { "#\($0.1) \($0.0)" }.joined(separator: ", "))")
        let summary = explained.sorted { $0.key < $1.key }.map { "\($0.value) × \($0.key)" }.joined(separator: "; ")
        print(
            "rrule oracle: \(file.cases.count) cases (seed \(file.seed), dateutil \(file.dateutil)): \(matched) equal, "
                + "\(explained.values.reduce(0, +)) documented deviations [\(summary)], \(failures.count) different; "
                + "compared in \(elapsed)")
        for failure in failures.prefix(25) {
            Issue.record(Comment(rawValue: failure))
        }
        #expect(failures.isEmpty, "\(failures.count) of \(file.cases.count) cases differ from dateutil")
    }

    struct Mismatch: Error {
        let text: String
    }

    /// `nil` when partnerd and dateutil agree, the deviation's name when a documented one explains the difference.
    static func check(_ oracleCase: OracleCase, limit: Int, windowDays: Int) -> Result<String?, Mismatch> {
        let label =
            "case \(oracleCase.id) [\(oracleCase.combination)] \(oracleCase.rrule) from \(oracleCase.dtstart) "
            + "in \(oracleCase.zone)"
        let rule: RecurrenceRule
        do {
            rule = try RecurrenceRule(parsing: oracleCase.rrule)
        } catch {
            return .failure(Mismatch(text: "\(label): partnerd rejects it: \(error.reason)"))
        }
        let problems = rule.validate(startIsDate: oracleCase.allDay)
        guard problems.isEmpty else {
            return .failure(Mismatch(text: "\(label): partnerd reports \(problems)"))
        }
        guard let zone = Zone(identifier: oracleCase.zone),
            let start = parseStart(oracleCase.dtstart, allDay: oracleCase.allDay)
        else {
            return .failure(Mismatch(text: "\(label): unreadable zone or start"))
        }
        let exceptions = (oracleCase.exdate ?? []).compactMap { parseStart($0, allDay: oracleCase.allDay) }
        let additions = (oracleCase.rdate ?? []).compactMap { parseStart($0, allDay: oracleCase.allDay) }
        let set = RecurrenceSet(
            start: start, zone: zone, rule: rule, exceptionDates: exceptions, recurrenceDates: additions)
        let windowEnd = start.wallTime.adding(seconds: Int64(windowDays) * 86_400)
        var walls: [LocalDateTime] = []
        for occurrence in set.occurrences(from: start.wallTime, through: windowEnd) {
            if walls.count == limit { break }
            walls.append(occurrence)
        }
        let ours = walls.map { oracleCase.allDay ? $0.date.description : $0.description }
        if let problem = resumeProblem(set, walls: walls, through: windowEnd) {
            return .failure(Mismatch(text: "\(label): \(problem)"))
        }
        let comparison = OracleComparison(oracleCase: oracleCase, rule: rule, start: start, limit: limit, ours: ours)
        if let names = explanation(for: comparison) {
            return .success(names.isEmpty ? nil : names.joined(separator: " + "))
        }
        let theirs = oracleCase.occurrences
        let firstDifference = Array(zip(ours, theirs)).firstIndex { $0.0 != $0.1 } ?? min(ours.count, theirs.count)
        let ourPart = ours.dropFirst(firstDifference).prefix(3)
        let theirPart = theirs.dropFirst(firstDifference).prefix(3)
        return .failure(
            Mismatch(
                text: "\(label): first difference at #\(firstDifference): partnerd \(Array(ourPart)), dateutil "
                    + "\(Array(theirPart)) (partnerd \(ours.count), dateutil \(theirs.count))"))
    }

    /// Asking from a later wall time must give the same occurrences from there on: this checks the jump
    /// to the right period (and the counting with COUNT) on every generated rule.
    static func resumeProblem(_ set: RecurrenceSet, walls: [LocalDateTime], through end: LocalDateTime) -> String? {
        guard walls.count >= 3 else { return nil }
        let middle = walls[walls.count / 2]
        for from in [middle, middle.adding(seconds: -1), middle.adding(seconds: 1)] {
            // Every occurrence at or after `from` up to the last one listed is among `walls`.
            let expected = walls.filter { $0 >= from }
            let resumed = Array(set.occurrences(from: from, through: end).prefix(expected.count))
            if resumed != expected {
                return "asked from \(from), partnerd gives \(resumed.prefix(3).map(\.description)) "
                    + "instead of \(expected.prefix(3).map(\.description))"
            }
        }
        return nil
    }

    static func parseStart(_ text: String, allDay: Bool) -> RecurrenceStart? {
        if allDay { return LocalDate(iso: text).map(RecurrenceStart.date) }
        return LocalDateTime(isoText: text).map(RecurrenceStart.dateTime)
    }

    @Test("the documented deviations each name the RFC clause that decides them")
    func deviationsAreDocumented() {
        #expect(Self.deviations.count == Set(Self.deviations.map(\.name)).count)
        for deviation in Self.deviations {
            #expect(deviation.clause.contains("RFC 5545 §"), "\(deviation.name)")
        }
    }
}
