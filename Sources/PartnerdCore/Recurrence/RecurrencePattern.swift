/// A rule prepared for expansion from one start: the BY parts as lookup tables, with the values the rule
/// leaves out taken from the start (RFC 5545 §3.3.10, "Information, not contained in the rule ... derived
/// from DTSTART").
///
/// It answers two questions for ``RecurrenceExpansion``: which days of a period pass the day-level parts,
/// and which times of day a period offers. Every day-level part is a test on one day (expansions within a
/// period are the same as keeping the period's days that pass), so a period is enumerated day by day and
/// never needs more than one year of days in memory.
struct RecurrencePattern: Sendable {
    /// Why a day was turned down, so that sub-daily rules can skip the rest of the day or month at once.
    enum DayVerdict {
        case match
        case wrongMonth
        case wrongDay
    }

    let frequency: RecurrenceRule.Frequency
    let interval: Int
    let weekStart: Weekday
    let setPositions: [Int]

    private let monthMask: [Bool]?
    private let weekNumbers: [Int]
    private let yearDayMask: [Bool]?
    private let monthDayMask: [Bool]?
    private let plainWeekdayMask: [Bool]
    private let ordinalWeekdays: [(weekday: Int, ordinal: Int)]
    private let hasWeekdayFilter: Bool
    private let ordinalsCountWithinMonth: Bool

    /// Months the yearly rule looks at; all twelve unless `BYMONTH` (or its default) narrows them.
    let yearlyMonths: [Int]

    /// `BYHOUR`, `BYMINUTE`, `BYSECOND` as limits for the sub-daily frequencies.
    private let hourMask: [Bool]?
    private let minuteMask: [Bool]?
    private let secondMask: [Bool]?

    /// Seconds since midnight offered on every matching day by daily and longer rules, ascending.
    let dayTimes: [Int]
    /// For hourly rules: seconds after the full hour (`BYMINUTE` × `BYSECOND`), ascending.
    private let hourTimes: [Int]
    /// For minutely rules: seconds after the full minute (`BYSECOND`), ascending.
    private let minuteTimes: [Int]

    init(rule: RecurrenceRule, start: RecurrenceStart) {
        let wall = start.wallTime
        let date = wall.date
        frequency = rule.frequency
        interval = max(1, rule.interval)
        weekStart = rule.weekStart
        setPositions = rule.setPositions

        var months = rule.months
        var monthDays = rule.monthDays
        var weekdays = rule.weekdays
        let noDayParts =
            rule.weekNumbers.isEmpty && rule.yearDays.isEmpty && rule.monthDays.isEmpty && rule.weekdays.isEmpty
        if noDayParts {
            switch rule.frequency {
            case .yearly:
                if months.isEmpty { months = [date.month] }
                monthDays = [date.day]
            case .monthly:
                monthDays = [date.day]
            case .weekly:
                weekdays = [.init(date.weekday)]
            default:
                break
            }
        }

        monthMask = months.isEmpty ? nil : Self.mask(months, size: 13)
        yearlyMonths = months.isEmpty ? Array(1...12) : months
        weekNumbers = rule.weekNumbers
        yearDayMask = rule.yearDays.isEmpty ? nil : Self.mask(rule.yearDays.map { $0 + 366 }, size: 733)
        monthDayMask = monthDays.isEmpty ? nil : Self.mask(monthDays.map { $0 + 31 }, size: 63)

        // Ordinals only mean something in monthly and yearly rules; elsewhere (which the parser rejects)
        // they are read as plain weekdays.
        let ordinalsApply = rule.frequency == .monthly || rule.frequency == .yearly
        var plain = [Bool](repeating: false, count: 8)
        var ordinals: [(weekday: Int, ordinal: Int)] = []
        for selector in weekdays {
            if let ordinal = selector.ordinal, ordinalsApply {
                ordinals.append((selector.weekday.rawValue, ordinal))
            } else {
                plain[selector.weekday.rawValue] = true
            }
        }
        plainWeekdayMask = plain
        ordinalWeekdays = ordinals
        hasWeekdayFilter = !weekdays.isEmpty
        ordinalsCountWithinMonth = rule.frequency == .monthly || !rule.months.isEmpty

        // A date start ignores BYHOUR, BYMINUTE and BYSECOND (RFC 5545 §3.3.10: "MUST be ignored").
        let timed = !start.isAllDay
        let ruleHours = timed ? rule.hours : []
        let ruleMinutes = timed ? rule.minutes : []
        // Second 60 (a leap second) has no wall time here and never occurs.
        let ruleSeconds = timed ? rule.seconds.filter { $0 < 60 } : []
        let ruleSecondsGiven = timed && !rule.seconds.isEmpty
        hourMask = ruleHours.isEmpty ? nil : Self.mask(ruleHours, size: 24)
        minuteMask = ruleMinutes.isEmpty ? nil : Self.mask(ruleMinutes, size: 60)
        secondMask = ruleSecondsGiven ? Self.mask(ruleSeconds, size: 60) : nil

        let hours = ruleHours.isEmpty ? [wall.time.hour] : ruleHours
        let minutes = ruleMinutes.isEmpty ? [wall.time.minute] : ruleMinutes
        let seconds = ruleSecondsGiven ? ruleSeconds : [wall.time.second]
        var byDay: [Int] = []
        for hour in hours {
            for minute in minutes { for second in seconds { byDay.append(hour * 3600 + minute * 60 + second) } }
        }
        dayTimes = byDay
        var byHour: [Int] = []
        for minute in minutes { for second in seconds { byHour.append(minute * 60 + second) } }
        hourTimes = byHour
        minuteTimes = seconds
    }

    private static func mask(_ values: [Int], size: Int) -> [Bool] {
        var mask = [Bool](repeating: false, count: size)
        for value in values where value >= 0 && value < size { mask[value] = true }
        return mask
    }

    // MARK: Days

    /// Whether `day` (days since the epoch) passes `BYMONTH`, `BYWEEKNO`, `BYYEARDAY`, `BYMONTHDAY` and `BYDAY`.
    func verdict(day: Int) -> DayVerdict {
        let date = LocalDate(daysSinceEpoch: day)
        if let monthMask, !monthMask[date.month] { return .wrongMonth }
        if !weekNumbers.isEmpty && !weekNumberMatches(day: day, date: date) { return .wrongDay }
        var dayOfYear = 0
        var daysInYear = 0
        if yearDayMask != nil || !ordinalWeekdays.isEmpty {
            dayOfYear = day - Self.firstDayOfYear(date.year) + 1
            daysInYear = LocalDate.daysInYear(date.year)
        }
        if let yearDayMask, !yearDayMask[dayOfYear + 366], !yearDayMask[dayOfYear - daysInYear - 1 + 366] {
            return .wrongDay
        }
        let daysInMonth = LocalDate.daysInMonth(year: date.year, month: date.month)
        if let monthDayMask, !monthDayMask[date.day + 31], !monthDayMask[date.day - daysInMonth - 1 + 31] {
            return .wrongDay
        }
        if hasWeekdayFilter {
            let weekday = Self.weekdayNumber(day)
            if plainWeekdayMask[weekday] { return .match }
            let position = ordinalsCountWithinMonth ? date.day : dayOfYear
            let length = ordinalsCountWithinMonth ? daysInMonth : daysInYear
            let fromStart = (position - 1) / 7 + 1
            let fromEnd = -((length - position) / 7 + 1)
            for entry in ordinalWeekdays where entry.weekday == weekday {
                if entry.ordinal == fromStart || entry.ordinal == fromEnd { return .match }
            }
            return .wrongDay
        }
        return .match
    }

    /// ISO weekday number (Monday 1 ... Sunday 7) of a day count.
    static func weekdayNumber(_ day: Int) -> Int {
        ((day % 7) + 7 + 3) % 7 + 1
    }

    /// Days since the epoch of 1 January of `year` (days_from_civil with month and day fixed).
    static func firstDayOfYear(_ year: Int) -> Int {
        let y = year - 1
        let era = (y >= 0 ? y : y - 399) / 400
        let yearOfEra = y - era * 400
        let dayOfEra = yearOfEra * 365 + yearOfEra / 4 - yearOfEra / 100 + 306
        return era * 146_097 + dayOfEra - 719_468
    }

    /// The first day of the week (per `WKST`) that contains `day`.
    func weekStartDay(containing day: Int) -> Int {
        day - (Self.weekdayNumber(day) - weekStart.rawValue + 7) % 7
    }

    /// The first day of week 1 of `year`: the first week, starting on `WKST`, with at least four days in
    /// the year, which is the week that holds 4 January (RFC 5545 §3.3.10, BYWEEKNO).
    private func firstDayOfWeekOne(_ year: Int) -> Int {
        weekStartDay(containing: Self.firstDayOfYear(year) + 3)
    }

    /// A day matches when its week, counted in the week-numbering year that owns the week, has a listed
    /// number, counting from the start (1 ...) or from the end (-1 ...).
    private func weekNumberMatches(day: Int, date: LocalDate) -> Bool {
        let weekStartsOn = weekStartDay(containing: day)
        var weekYear = date.year
        if weekStartsOn >= firstDayOfWeekOne(weekYear + 1) {
            weekYear += 1
        } else if weekStartsOn < firstDayOfWeekOne(weekYear) {
            weekYear -= 1
        }
        let firstWeek = firstDayOfWeekOne(weekYear)
        let number = (weekStartsOn - firstWeek) / 7 + 1
        let weeksInYear = (firstDayOfWeekOne(weekYear + 1) - firstWeek) / 7
        let fromEnd = number - weeksInYear - 1
        return weekNumbers.contains(number) || weekNumbers.contains(fromEnd)
    }

    // MARK: Times

    /// Seconds since midnight that an hourly period starting at `hour` offers (empty when `BYHOUR` rules it out).
    func hourlyTimes(hour: Int, into times: inout [Int]) {
        if let hourMask, !hourMask[hour] { return }
        for offset in hourTimes { times.append(hour * 3600 + offset) }
    }

    /// Seconds since midnight that a minutely period offers.
    func minutelyTimes(hour: Int, minute: Int, into times: inout [Int]) {
        if let hourMask, !hourMask[hour] { return }
        if let minuteMask, !minuteMask[minute] { return }
        for second in minuteTimes { times.append(hour * 3600 + minute * 60 + second) }
    }

    /// The second itself, when `BYHOUR`, `BYMINUTE` and `BYSECOND` let it through.
    func secondlyTimes(hour: Int, minute: Int, second: Int, into times: inout [Int]) {
        if let hourMask, !hourMask[hour] { return }
        if let minuteMask, !minuteMask[minute] { return }
        if let secondMask, !secondMask[second] { return }
        times.append(hour * 3600 + minute * 60 + second)
    }

    /// Whether `BYHOUR` rules out the hour (so minutely and secondly rules can skip to the next hour).
    func excludes(hour: Int) -> Bool {
        if let hourMask { return !hourMask[hour] }
        return false
    }

    /// Whether `BYMINUTE` rules out the minute (so secondly rules can skip to the next minute).
    func excludes(minute: Int) -> Bool {
        if let minuteMask { return !minuteMask[minute] }
        return false
    }
}
