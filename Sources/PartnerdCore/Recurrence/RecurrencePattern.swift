/// A rule prepared for expansion from one start: the BY parts as lookup tables, with the values the rule
/// leaves out taken from the start (RFC 5545 §3.3.10, "Information, not contained in the rule ... derived
/// from DTSTART").
///
/// It answers two questions for ``RecurrenceExpansion``: which days of a period pass the day-level parts,
/// and which times of day a period offers. Every day-level part is a test on one day (expansions within a
/// period are the same as keeping the period's days that pass), so a period never needs more than one year
/// of days in memory. A yearly, monthly or weekly period does not test all its days: the part that names the
/// fewest days (`BYYEARDAY`, `BYMONTHDAY`, `BYWEEKNO` or `BYDAY`) lists its days by arithmetic, as dateutil
/// does with its masks, and only those are tested against the other parts.
///
/// The file is longer than the house limit of 400 lines on purpose: the lookup tables, the day tests and the day
/// lists by arithmetic are one algorithm over the same tables, proven together against dateutil; split apart,
/// each piece would make sense only next to the others.
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
    private let yearDays: [Int]
    private let monthDays: [Int]
    private let plainWeekdays: [Int]
    private let yearDayMask: [Bool]?
    private let monthDayMask: [Bool]?
    private let plainWeekdayMask: [Bool]
    private let ordinalWeekdays: [(weekday: Int, ordinal: Int)]
    private let hasWeekdayFilter: Bool
    private let ordinalsCountWithinMonth: Bool

    /// The part whose days a yearly, monthly or weekly period starts from (see ``appendCandidates(in:into:)``).
    let daySource: DaySource
    /// Whether the candidates of ``daySource`` pass every day-level part by construction, so that none
    /// needs testing: no other part is given, and `BYMONTH`, if given, was applied while listing them.
    private let candidatesPassEveryPart: Bool

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
        weekNumbers = rule.weekNumbers
        yearDays = rule.yearDays
        self.monthDays = monthDays
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
        let plainNumbers = (1...7).filter { plain[$0] }
        plainWeekdays = plainNumbers
        ordinalWeekdays = ordinals
        hasWeekdayFilter = !weekdays.isEmpty
        ordinalsCountWithinMonth = rule.frequency == .monthly || !rule.months.isEmpty
        daySource = Self.cheapestSource(
            frequency: rule.frequency, months: months.isEmpty ? 12 : months.count, yearDays: rule.yearDays.count,
            monthDays: monthDays.count, weekNumbers: rule.weekNumbers.count,
            weekdays: weekdays.isEmpty ? nil : (plainNumbers.count, ordinals.count),
            ordinalsCountWithinMonth: ordinalsCountWithinMonth)
        let listsOnlyWithinMonths: Bool
        switch daySource {
        case .monthDays, .everyDay: listsOnlyWithinMonths = true
        case .weekdays: listsOnlyWithinMonths = plainNumbers.isEmpty && ordinalsCountWithinMonth
        case .yearDays, .weekNumbers: listsOnlyWithinMonths = false
        }
        candidatesPassEveryPart =
            (months.isEmpty || listsOnlyWithinMonths)
            && (rule.weekNumbers.isEmpty || daySource == .weekNumbers)
            && (rule.yearDays.isEmpty || daySource == .yearDays)
            && (monthDays.isEmpty || daySource == .monthDays)
            && (weekdays.isEmpty || daySource == .weekdays)

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
        verdict(day: day, weekKnownToMatch: false)
    }

    /// Appends the days of `range` that pass every day-level part, ascending and each once.
    ///
    /// The candidates of ``appendCandidates(in:into:)`` are sorted and tested, not every day of the range;
    /// the part they were listed from is not tested again where that is costly (`BYWEEKNO`), and nothing is
    /// tested when the candidates pass every part by construction.
    func appendDays(in range: Range<Int>, into days: inout [Int]) {
        let firstNew = days.count
        appendCandidates(in: range, into: &days)
        var ascending = true
        var index = firstNew + 1
        while ascending && index < days.count {
            ascending = days[index - 1] < days[index]
            index += 1
        }
        if ascending && candidatesPassEveryPart { return }
        if !ascending { days[firstNew...].sort() }
        let weekKnownToMatch = daySource == .weekNumbers
        var kept = firstNew
        var previous = Int.min
        for index in firstNew..<days.count {
            let day = days[index]
            if day != previous
                && (candidatesPassEveryPart || verdict(day: day, weekKnownToMatch: weekKnownToMatch) == .match)
            {
                days[kept] = day
                kept += 1
            }
            previous = day
        }
        days.removeLast(days.count - kept)
    }

    /// Whether `BYMONTH` lets the month through.
    func admits(month: Int) -> Bool {
        monthMask.map { $0[month] } ?? true
    }

    private func verdict(day: Int, weekKnownToMatch: Bool) -> DayVerdict {
        let date = LocalDate(daysSinceEpoch: day)
        if let monthMask, !monthMask[date.month] { return .wrongMonth }
        if !weekKnownToMatch && !weekNumbers.isEmpty && !weekNumberMatches(day: day, date: date) { return .wrongDay }
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

    // MARK: Candidate days

    /// A day-level part that can name its days directly, by arithmetic, instead of testing every day.
    enum DaySource: Sendable, Equatable {
        /// `BYYEARDAY`: one day per listed value and calendar year.
        case yearDays
        /// `BYMONTHDAY` (or the start's day of the month by default): one day per listed value and month.
        case monthDays
        /// `BYWEEKNO`: seven days per listed week.
        case weekNumbers
        /// `BYDAY`: every listed plain weekday, and one day per numbered weekday and month (or year).
        case weekdays
        /// No part narrows the days: every day of the period.
        case everyDay
    }

    /// The source that names the fewest days in a typical period of `frequency`.
    ///
    /// Any source gives the right days (the others are tested on each candidate); the choice only decides how
    /// many candidates there are. The counts are per period: a year of `months` months, a month, or a week.
    static func cheapestSource(
        frequency: RecurrenceRule.Frequency, months: Int, yearDays: Int, monthDays: Int, weekNumbers: Int,
        weekdays: (plain: Int, ordinal: Int)?, ordinalsCountWithinMonth: Bool
    ) -> DaySource {
        let monthsPerPeriod = frequency == .yearly ? months : 1
        let daysPerPeriod: Int
        switch frequency {
        case .yearly: daysPerPeriod = 31 * months
        case .monthly: daysPerPeriod = 31
        default: daysPerPeriod = 7
        }
        var best = (source: DaySource.everyDay, days: daysPerPeriod)
        func consider(_ source: DaySource, _ days: Int) {
            if days < best.days { best = (source, days) }
        }
        if yearDays > 0 { consider(.yearDays, yearDays) }
        if monthDays > 0 { consider(.monthDays, monthDays * monthsPerPeriod) }
        if weekNumbers > 0 { consider(.weekNumbers, weekNumbers * 7) }
        if let weekdays {
            let ordinalUnits = ordinalsCountWithinMonth ? monthsPerPeriod : 1
            consider(.weekdays, weekdays.plain * ((daysPerPeriod + 6) / 7) + weekdays.ordinal * ordinalUnits)
        }
        return best.source
    }

    /// Appends every day of `range` (days since the epoch) that passes the part ``daySource`` names: a
    /// superset of the period's days, in no particular order, possibly with repeats.
    ///
    /// Costs a few operations per named day instead of a test per day of the range. Months that `BYMONTH`
    /// rules out are skipped where the source walks months.
    func appendCandidates(in range: Range<Int>, into days: inout [Int]) {
        if range.isEmpty { return }
        switch daySource {
        case .yearDays:
            forEachYear(overlapping: range) { first, length in
                for value in yearDays {
                    appendListed(value, unitFirst: first, unitLength: length, range: range, into: &days)
                }
            }
        case .monthDays:
            forEachMonth(overlapping: range) { first, length in
                for value in monthDays {
                    appendListed(value, unitFirst: first, unitLength: length, range: range, into: &days)
                }
            }
        case .weekNumbers:
            appendWeeks(overlapping: range, into: &days)
        case .weekdays:
            for weekday in plainWeekdays {
                var day = range.lowerBound + (weekday - Self.weekdayNumber(range.lowerBound) + 7) % 7
                while day < range.upperBound {
                    days.append(day)
                    day += 7
                }
            }
            if ordinalWeekdays.isEmpty { return }
            if ordinalsCountWithinMonth {
                forEachMonth(overlapping: range) { first, length in
                    appendOrdinalWeekdays(unitFirst: first, unitLength: length, range: range, into: &days)
                }
            } else {
                forEachYear(overlapping: range) { first, length in
                    appendOrdinalWeekdays(unitFirst: first, unitLength: length, range: range, into: &days)
                }
            }
        case .everyDay:
            if monthMask == nil {
                days.append(contentsOf: range)
            } else {
                forEachMonth(overlapping: range) { first, length in
                    days.append(contentsOf: max(first, range.lowerBound)..<min(first + length, range.upperBound))
                }
            }
        }
    }

    /// The day a `BYYEARDAY` or `BYMONTHDAY` value names in a year or month (1 the first day, -1 the last),
    /// appended when the unit has it and it lies in `range`.
    private func appendListed(
        _ value: Int, unitFirst: Int, unitLength: Int, range: Range<Int>, into days: inout [Int]
    ) {
        guard value != 0 else { return }
        let offset = value > 0 ? value - 1 : unitLength + value
        guard offset >= 0, offset < unitLength else { return }
        let day = unitFirst + offset
        if range.contains(day) { days.append(day) }
    }

    /// The numbered weekdays (`2MO`, `-1SU`) of one month or year, counted within it.
    private func appendOrdinalWeekdays(unitFirst: Int, unitLength: Int, range: Range<Int>, into days: inout [Int]) {
        let unitLast = unitFirst + unitLength - 1
        for entry in ordinalWeekdays {
            let day: Int
            if entry.ordinal > 0 {
                day = unitFirst + (entry.weekday - Self.weekdayNumber(unitFirst) + 7) % 7 + (entry.ordinal - 1) * 7
            } else if entry.ordinal < 0 {
                day = unitLast - (Self.weekdayNumber(unitLast) - entry.weekday + 7) % 7 + (entry.ordinal + 1) * 7
            } else {
                continue
            }
            if day >= unitFirst && day <= unitLast && range.contains(day) { days.append(day) }
        }
    }

    /// The days of every listed week, numbered in the week-numbering year that owns it, that lie in `range`.
    ///
    /// A day of calendar year Y belongs to a week of week-numbering year Y - 1, Y or Y + 1, so those years'
    /// listed weeks cover every day of the range that ``verdict(day:)`` would let through `BYWEEKNO`.
    private func appendWeeks(overlapping range: Range<Int>, into days: inout [Int]) {
        let firstYear = LocalDate(daysSinceEpoch: range.lowerBound).year
        let lastYear = LocalDate(daysSinceEpoch: range.upperBound - 1).year
        var weekOne = firstDayOfWeekOne(firstYear - 1)
        for weekYear in (firstYear - 1)...(lastYear + 1) {
            let nextWeekOne = firstDayOfWeekOne(weekYear + 1)
            let weeksInYear = (nextWeekOne - weekOne) / 7
            for value in weekNumbers {
                let number = value > 0 ? value : weeksInYear + value + 1
                guard value != 0, number >= 1, number <= weeksInYear else { continue }
                let weekFirst = weekOne + (number - 1) * 7
                let lower = max(weekFirst, range.lowerBound)
                let upper = min(weekFirst + 7, range.upperBound)
                if lower < upper { days.append(contentsOf: lower..<upper) }
            }
            weekOne = nextWeekOne
        }
    }

    /// Calls `body` with the first day and the length of every calendar year that overlaps `range`.
    private func forEachYear(overlapping range: Range<Int>, _ body: (Int, Int) -> Void) {
        var year = LocalDate(daysSinceEpoch: range.lowerBound).year
        var first = Self.firstDayOfYear(year)
        while first < range.upperBound {
            let length = LocalDate.daysInYear(year)
            body(first, length)
            first += length
            year += 1
        }
    }

    /// Calls `body` with the first day and the length of every month that overlaps `range` and that
    /// `BYMONTH` lets through.
    private func forEachMonth(overlapping range: Range<Int>, _ body: (Int, Int) -> Void) {
        let date = LocalDate(daysSinceEpoch: range.lowerBound)
        var year = date.year
        var month = date.month
        var first = range.lowerBound - date.day + 1
        while first < range.upperBound {
            let length = LocalDate.daysInMonth(year: year, month: month)
            if admits(month: month) { body(first, length) }
            first += length
            if month == 12 {
                month = 1
                year += 1
            } else {
                month += 1
            }
        }
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
