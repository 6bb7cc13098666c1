/// Reads an `RRULE` value part by part; kept apart from the rule so the rule stays plain data.
struct RecurrenceRuleParser {
    typealias ParseError = RecurrenceRule.ParseError

    private var seen: [RecurrenceRulePart: String] = [:]

    mutating func parse(_ raw: String) throws(ParseError) -> RecurrenceRule {
        var text = raw.trimmingASCIIWhitespace()
        if text.uppercased().hasPrefix("RRULE:") { text = String(text.dropFirst(6)) }
        guard !text.isEmpty else {
            throw ParseError(reason: "the rule is empty; write at least FREQ, such as FREQ=YEARLY")
        }

        var frequency: RecurrenceRule.Frequency?
        var interval = 1
        var count: Int?
        var until: RecurrenceRule.Until?
        var seconds: [Int] = []
        var minutes: [Int] = []
        var hours: [Int] = []
        var weekdays: [RecurrenceRule.WeekdaySelector] = []
        var monthDays: [Int] = []
        var yearDays: [Int] = []
        var weekNumbers: [Int] = []
        var months: [Int] = []
        var setPositions: [Int] = []
        var weekStart = Weekday.monday

        for segment in text.split(separator: ";", omittingEmptySubsequences: true) {
            let partText = segment.trimmingASCIIWhitespace()
            if partText.isEmpty { continue }
            guard let equals = partText.firstIndex(of: "=") else {
                throw ParseError(
                    reason: "\"\(partText)\" has no value; write each part as NAME=VALUE, such as FREQ=WEEKLY")
            }
            let name = partText[..<equals].trimmingASCIIWhitespace().uppercased()
            let value = partText[partText.index(after: equals)...].trimmingASCIIWhitespace()
            guard let part = RecurrenceRulePart(rawValue: name) else {
                throw ParseError(reason: Self.unknownPartReason(name))
            }
            if let earlier = seen[part] {
                throw ParseError(
                    reason: "\(name) is given twice (\"\(earlier)\" and \"\(partText)\"); give each part once "
                        + "and list several values with commas, such as BYDAY=MO,WE")
            }
            seen[part] = partText
            guard !value.isEmpty else {
                throw ParseError(reason: "\"\(partText)\" has an empty value; \(Self.hint(for: part))")
            }

            switch part {
            case .frequency:
                frequency = try Self.frequency(value)
            case .until:
                until = try Self.until(value)
            case .count:
                count = try Self.integers(value, part: part, range: 1...2_147_483_647, single: true)[0]
            case .interval:
                interval = try Self.integers(value, part: part, range: 1...2_147_483_647, single: true)[0]
            case .second:
                seconds = try Self.integers(value, part: part, range: 0...60)
            case .minute:
                minutes = try Self.integers(value, part: part, range: 0...59)
            case .hour:
                hours = try Self.integers(value, part: part, range: 0...23)
            case .weekday:
                weekdays = try Self.weekdaySelectors(value)
            case .monthDay:
                monthDays = try Self.integers(value, part: part, range: 1...31, negativeAllowed: true)
            case .yearDay:
                yearDays = try Self.integers(value, part: part, range: 1...366, negativeAllowed: true)
            case .weekNumber:
                weekNumbers = try Self.integers(value, part: part, range: 1...53, negativeAllowed: true)
            case .month:
                months = try Self.integers(value, part: part, range: 1...12)
            case .setPosition:
                setPositions = try Self.integers(value, part: part, range: 1...366, negativeAllowed: true)
            case .weekStart:
                guard let day = WeekdayToken.weekday(value) else {
                    throw ParseError(
                        reason: "WKST value \"\(value)\" is not a weekday; use MO, TU, WE, TH, FR, SA or SU")
                }
                weekStart = day
            }
        }

        guard let frequency else {
            throw ParseError(
                reason: "FREQ is missing; every rule needs one, such as FREQ=YEARLY "
                    + "(SECONDLY, MINUTELY, HOURLY, DAILY, WEEKLY, MONTHLY or YEARLY)")
        }
        let rule = RecurrenceRule(
            frequency: frequency, interval: interval, count: count, until: until, seconds: seconds,
            minutes: minutes, hours: hours, weekdays: weekdays, monthDays: monthDays, yearDays: yearDays,
            weekNumbers: weekNumbers, months: months, setPositions: setPositions, weekStart: weekStart)
        try checkCombinations(rule)
        return rule
    }

    /// The combinations RFC 5545 §3.3.10 rules out, whatever the start.
    private func checkCombinations(_ rule: RecurrenceRule) throws(ParseError) {
        let freq = "FREQ=\(RecurrenceRuleWriter.token(rule.frequency))"
        if let countText = seen[.count], let untilText = seen[.until] {
            throw ParseError(
                reason: "\"\(countText)\" and \"\(untilText)\" cannot both be given (RFC 5545 §3.3.10); "
                    + "keep COUNT to stop after a number of occurrences, or UNTIL to stop at a date")
        }
        if let text = seen[.weekNumber], rule.frequency != .yearly {
            throw ParseError(
                reason: "\"\(text)\" only works with FREQ=YEARLY, not \(freq); use FREQ=YEARLY or drop BYWEEKNO")
        }
        if let text = seen[.yearDay], [.daily, .weekly, .monthly].contains(rule.frequency) {
            throw ParseError(
                reason: "\"\(text)\" cannot be used with \(freq) (RFC 5545 §3.3.10); use FREQ=YEARLY, "
                    + "or BYMONTHDAY and BYMONTH instead")
        }
        if let text = seen[.monthDay], rule.frequency == .weekly {
            throw ParseError(
                reason: "\"\(text)\" cannot be used with FREQ=WEEKLY (RFC 5545 §3.3.10); use FREQ=MONTHLY, "
                    + "or BYDAY to pick days of the week")
        }
        if let ordinal = rule.weekdays.first(where: { $0.ordinal != nil }) {
            let shown = RecurrenceRuleWriter.token(ordinal)
            if rule.frequency != .monthly && rule.frequency != .yearly {
                throw ParseError(
                    reason: "BYDAY value \"\(shown)\" has a number, which only works with FREQ=MONTHLY or FREQ=YEARLY, "
                        + "not \(freq); drop the number (\(WeekdayToken.token(ordinal.weekday))) or change FREQ")
            }
            if rule.frequency == .yearly && !rule.weekNumbers.isEmpty {
                throw ParseError(
                    reason: "BYDAY value \"\(shown)\" has a number, which cannot be combined with BYWEEKNO "
                        + "(RFC 5545 §3.3.10); drop the number (\(WeekdayToken.token(ordinal.weekday))) or BYWEEKNO")
            }
        }
        if let text = seen[.setPosition] {
            let others: [RecurrenceRulePart] = [
                .second, .minute, .hour, .weekday, .monthDay, .yearDay, .weekNumber, .month,
            ]
            if !others.contains(where: { seen[$0] != nil }) {
                throw ParseError(
                    reason: "\"\(text)\" needs another BY part to choose from (RFC 5545 §3.3.10), such as "
                        + "BYDAY=MO,TU,WE,TH,FR;BYSETPOS=-1 for the last weekday")
            }
        }
    }

    private static func hint(for part: RecurrenceRulePart) -> String {
        switch part {
        case .frequency: "use SECONDLY, MINUTELY, HOURLY, DAILY, WEEKLY, MONTHLY or YEARLY"
        case .until: "use a date such as 20251231 or a UTC date-time such as 20251231T230000Z"
        case .count, .interval: "use a whole number of at least 1"
        case .second: "use numbers from 0 to 60, separated by commas"
        case .minute: "use numbers from 0 to 59, separated by commas"
        case .hour: "use numbers from 0 to 23, separated by commas"
        case .weekday: "use weekdays such as MO,WE or 1MO,-1FR, separated by commas"
        case .monthDay: "use days 1 to 31 or -31 to -1, separated by commas"
        case .yearDay: "use days 1 to 366 or -366 to -1, separated by commas"
        case .weekNumber: "use weeks 1 to 53 or -53 to -1, separated by commas"
        case .month: "use months 1 to 12, separated by commas"
        case .setPosition: "use positions 1 to 366 or -366 to -1, separated by commas"
        case .weekStart: "use MO, TU, WE, TH, FR, SA or SU"
        }
    }

    private static func unknownPartReason(_ name: String) -> String {
        let known = RecurrenceRulePart.allCases.map(\.rawValue)
        let shown = name.isEmpty ? "a part without a name" : "\"\(name)\""
        if let suggestion = Suggestion.closest(to: name, among: known, limit: 2) {
            return "\(shown) is not a rule part; did you mean \(suggestion)?"
        }
        return "\(shown) is not a rule part; the parts are \(known.joined(separator: ", "))"
    }

    private static func frequency(_ value: String) throws(ParseError) -> RecurrenceRule.Frequency {
        let upper = value.uppercased()
        guard
            let frequency = RecurrenceRule.Frequency.allCases.first(where: { RecurrenceRuleWriter.token($0) == upper })
        else {
            throw ParseError(
                reason: "FREQ value \"\(value)\" is not a frequency; use SECONDLY, MINUTELY, HOURLY, DAILY, WEEKLY, "
                    + "MONTHLY or YEARLY")
        }
        return frequency
    }

    private static func until(_ value: String) throws(ParseError) -> RecurrenceRule.Until {
        let upper = value.uppercased()
        let bad = ParseError(
            reason: "UNTIL value \"\(value)\" is not a date or date-time; use a date such as 20251231 "
                + "or a UTC date-time such as 20251231T230000Z")
        let characters = Array(upper)
        func number(_ from: Int, _ length: Int) -> Int? {
            guard from + length <= characters.count else { return nil }
            let slice = characters[from..<(from + length)]
            guard slice.allSatisfy({ $0.isASCII && $0.isNumber }) else { return nil }
            return Int(String(slice))
        }
        guard characters.count >= 8, let year = number(0, 4), let month = number(4, 2), let day = number(6, 2) else {
            throw bad
        }
        guard let date = LocalDate(year: year, month: month, day: day) else {
            throw ParseError(
                reason: "UNTIL value \"\(value)\" names a day that does not exist; check the month and day")
        }
        if characters.count == 8 { return .date(date) }
        guard characters.count == 15 || (characters.count == 16 && characters[15] == "Z"), characters[8] == "T",
            let hour = number(9, 2), let minute = number(11, 2), let second = number(13, 2)
        else { throw bad }
        guard let time = LocalTime(hour: hour, minute: minute, second: min(second, 59)), second <= 60 else {
            throw ParseError(
                reason: "UNTIL value \"\(value)\" has a time that does not exist; use HHMMSS from 000000 to 235959")
        }
        let wall = LocalDateTime(date: date, time: time)
        return characters.count == 16 ? .instant(Instant(secondsSinceEpoch: wall.wallSeconds)) : .localDateTime(wall)
    }

    private static func integers(
        _ value: String, part: RecurrenceRulePart, range: ClosedRange<Int>, negativeAllowed: Bool = false,
        single: Bool = false
    ) throws(ParseError) -> [Int] {
        let items = value.split(separator: ",", omittingEmptySubsequences: false)
        if single && items.count > 1 {
            throw ParseError(reason: "\(part.rawValue) takes one number, not the list \"\(value)\"; \(hint(for: part))")
        }
        var result: [Int] = []
        for rawItem in items {
            let item = rawItem.trimmingASCIIWhitespace()
            var digits = Substring(item)
            var sign = 1
            if let first = digits.first, first == "+" || first == "-" {
                sign = first == "-" ? -1 : 1
                digits = digits.dropFirst()
            }
            guard !digits.isEmpty, digits.allSatisfy({ $0.isASCII && $0.isNumber }) else {
                let shown = item.isEmpty ? "an empty entry" : "\"\(item)\""
                throw ParseError(reason: "\(part.rawValue) has \(shown), which is not a number; \(hint(for: part))")
            }
            guard digits.count <= 10, let magnitude = Int(digits) else {
                throw ParseError(reason: "\(part.rawValue) value \"\(item)\" is out of range; \(hint(for: part))")
            }
            let number = sign * magnitude
            let valid = range.contains(number) || (negativeAllowed && range.contains(-number))
            if !valid || (sign < 0 && !negativeAllowed) {
                throw ParseError(reason: "\(part.rawValue) value \"\(item)\" is out of range; \(hint(for: part))")
            }
            result.append(number)
        }
        return result
    }

    private static func weekdaySelectors(_ value: String) throws(ParseError) -> [RecurrenceRule.WeekdaySelector] {
        var result: [RecurrenceRule.WeekdaySelector] = []
        for rawItem in value.split(separator: ",", omittingEmptySubsequences: false) {
            let item = rawItem.trimmingASCIIWhitespace()
            let bad = ParseError(
                reason: "BYDAY has \(item.isEmpty ? "an empty entry" : "\"\(item)\""), which is not a weekday; "
                    + "use MO, TU, WE, TH, FR, SA or SU, optionally with a number such as 1MO or -1FR")
            guard item.count >= 2, let weekday = WeekdayToken.weekday(item.suffix(2)) else { throw bad }
            var number = Substring(item.dropLast(2))
            if number.isEmpty {
                result.append(.init(weekday))
                continue
            }
            var sign = 1
            if let first = number.first, first == "+" || first == "-" {
                sign = first == "-" ? -1 : 1
                number = number.dropFirst()
            }
            guard !number.isEmpty, number.count <= 2, number.allSatisfy({ $0.isASCII && $0.isNumber }),
                let magnitude = Int(number)
            else { throw bad }
            guard (1...53).contains(magnitude) else {
                throw ParseError(
                    reason:
                        "BYDAY value \"\(item)\" is out of range; the number before the weekday is 1 to 53 or -53 to -1"
                )
            }
            result.append(.init(weekday, ordinal: sign * magnitude))
        }
        return result
    }
}
