/// The occurrences of one rule from its start, in ascending order, computed one period at a time.
///
/// The start comes first and counts toward `COUNT` whether or not the rule would produce it (RFC 5545
/// §3.8.5.3: "The DTSTART property defines the first instance"; §3.3.10: "The DTSTART property value
/// always counts as the first occurrence"). Then each period (a year, month, week, day, hour, minute or
/// second, `INTERVAL` apart) contributes its days × times; `BYSETPOS` picks from that set (§3.3.10), and
/// `UNTIL` and `COUNT` end the sequence.
///
/// Without `COUNT` the iterator starts at the period that holds the requested wall time, found by
/// arithmetic, so a minutely rule from 1992 asked about 2030 examines a handful of periods. With `COUNT`
/// every earlier period must be counted, but periods are cheap and whole days or months that a day-level
/// part rules out are skipped at once. Memory is bounded by one period.
struct RecurrenceExpansion: IteratorProtocol, Sendable {
    /// After this many periods in a row without a candidate the rule is taken to produce nothing more.
    ///
    /// Some valid rules never produce (`FREQ=YEARLY;BYMONTH=2;BYMONTHDAY=30`); python-dateutil guards the same
    /// case by walking on to year 9999. For yearly, monthly and weekly rules the limit is exact: the Gregorian
    /// calendar repeats every 400 years (146,097 days, a whole number of weeks), so once 400 years, 4,800
    /// months or 20,871 weeks in a row have come round empty, every later period repeats one of them. Daily
    /// and shorter rules stop after 100,000 empty periods, a skipped day or month counting as one: far more
    /// than any producing rule leaves between two occurrences, yet reached within milliseconds.
    static func emptyPeriodLimit(for frequency: RecurrenceRule.Frequency) -> Int {
        switch frequency {
        case .yearly: 400
        case .monthly: 4800
        case .weekly: 20_871
        case .daily, .hourly, .minutely, .secondly: 100_000
        }
    }

    /// The last day a `LocalDate` can hold, 9999-12-31.
    static let lastDay = 2_932_896

    private let pattern: RecurrencePattern
    private let start: LocalDateTime
    private let startWall: Int64
    private let zone: Zone
    private let until: RecurrenceRule.Until?
    private let isAllDay: Bool
    /// Wall seconds past which no occurrence is wanted: beyond `UNTIL` (whatever the zone's offset) or
    /// beyond the caller's horizon.
    private let wallBound: Int64?
    /// The caller's last wanted wall time, inclusive.
    private let through: Int64?
    private let emptyPeriodLimit: Int
    private let count: Int?
    /// Occurrences before this wall time are counted but not returned.
    private let emitFrom: Int64

    /// Start of the first period, in the period's own unit (year, month index, day, or hour/minute/second index).
    private let baseUnit: Int
    private let unitSeconds: Int

    private var periodIndex: Int
    private var produced = 0
    private var startPending = true
    private var finished = false
    private var emptyStreak = 0
    /// How many periods have been looked at, skipped stretches counting one each; tests use it to see laziness.
    private(set) var periodsExamined = 0

    private var days: [Int] = []
    private var times: [Int]
    private var selected: [Int] = []
    private var usesSelection = false
    private var cursor = 0
    private var end = 0
    private var cachedVerdictDay = Int.min
    private var cachedVerdict = RecurrencePattern.DayVerdict.match

    /// Expands `rule` from `start`; with `target`, returns only occurrences at or after that wall time, and with
    /// `horizon` only those at or before it.
    init(
        rule: RecurrenceRule, start recurrenceStart: RecurrenceStart, zone: Zone, from target: LocalDateTime? = nil,
        through horizon: LocalDateTime? = nil
    ) {
        pattern = RecurrencePattern(rule: rule, start: recurrenceStart)
        start = recurrenceStart.wallTime
        startWall = start.wallSeconds
        self.zone = zone
        until = rule.until
        isAllDay = recurrenceStart.isAllDay
        count = rule.count
        emitFrom = target?.wallSeconds ?? Int64.min
        times = pattern.dayTimes

        let untilBound: Int64?
        switch rule.until {
        case .none: untilBound = nil
        case .date(let date): untilBound = Int64(date.daysSinceEpoch + 1) * 86_400
        case .localDateTime(let wall): untilBound = wall.wallSeconds
        case .instant(let instant): untilBound = instant.secondsSinceEpoch + 2 * 86_400
        }
        through = horizon?.wallSeconds
        wallBound = [untilBound, through].compactMap { $0 }.min()
        emptyPeriodLimit = Self.emptyPeriodLimit(for: rule.frequency)

        let startDay = start.date.daysSinceEpoch
        switch rule.frequency {
        case .yearly: (baseUnit, unitSeconds) = (start.date.year, 0)
        case .monthly: (baseUnit, unitSeconds) = (start.date.year * 12 + start.date.month - 1, 0)
        case .weekly: (baseUnit, unitSeconds) = (pattern.weekStartDay(containing: startDay), 0)
        case .daily: (baseUnit, unitSeconds) = (startDay, 86_400)
        case .hourly: (baseUnit, unitSeconds) = (Int(Self.floorDivide(startWall, 3600)), 3600)
        case .minutely: (baseUnit, unitSeconds) = (Int(Self.floorDivide(startWall, 60)), 60)
        case .secondly: (baseUnit, unitSeconds) = (Int(startWall), 1)
        }
        periodIndex = 0
        if count == nil, let target {
            periodIndex = firstPeriodIndex(notBefore: target)
        }
    }

    mutating func next() -> LocalDateTime? {
        if finished { return nil }
        if startPending {
            startPending = false
            produced = 1
            let startWanted = startWall >= emitFrom && (through.map { startWall <= $0 } ?? true)
            if let count, count <= 1 { finished = true }
            if let through, startWall > through { finished = true }
            if startWanted { return start }
            if finished { return nil }
        }
        while true {
            if cursor < end {
                let wall = candidate(cursor)
                cursor += 1
                if exceedsUntil(wall) || through.map({ wall > $0 }) ?? false {
                    finished = true
                    return nil
                }
                if let count, produced >= count {
                    finished = true
                    return nil
                }
                produced += 1
                return LocalDateTime(wallSeconds: wall)
            }
            if !loadNextPeriod() {
                finished = true
                return nil
            }
        }
    }

    // MARK: Periods

    /// The first period that can hold an occurrence at or after `target`; every earlier period ends before it.
    private func firstPeriodIndex(notBefore target: LocalDateTime) -> Int {
        let interval = pattern.interval
        let units: Int
        switch pattern.frequency {
        case .yearly: units = target.date.year - baseUnit
        case .monthly: units = target.date.year * 12 + target.date.month - 1 - baseUnit
        case .weekly: units = (pattern.weekStartDay(containing: target.date.daysSinceEpoch) - baseUnit) / 7
        case .daily: units = target.date.daysSinceEpoch - baseUnit
        case .hourly, .minutely, .secondly:
            units = Int(Self.floorDivide(target.wallSeconds, Int64(unitSeconds))) - baseUnit
        }
        return units <= 0 ? 0 : units / interval
    }

    /// Moves to the next period that has candidates after the start; `false` when the rule is exhausted.
    private mutating func loadNextPeriod() -> Bool {
        while true {
            guard buildPeriod() else { return false }
            periodsExamined += 1
            let total = days.count * times.count
            var candidateCount = total
            if total > 0 && !pattern.setPositions.isEmpty {
                selected.removeAll(keepingCapacity: true)
                for position in pattern.setPositions {
                    let index = position > 0 ? position - 1 : total + position
                    if index >= 0 && index < total { selected.append(index) }
                }
                selected.sort()
                var unique = 0
                for index in selected where unique == 0 || selected[unique - 1] != index {
                    selected[unique] = index
                    unique += 1
                }
                selected.removeLast(selected.count - unique)
                candidateCount = unique
            }
            usesSelection = !pattern.setPositions.isEmpty
            if candidateCount == 0 {
                emptyStreak += 1
                if emptyStreak >= emptyPeriodLimit { return false }
                continue
            }
            emptyStreak = 0
            end = candidateCount
            let afterStart = firstPosition(after: startWall)
            var first = afterStart
            if emitFrom > startWall + 1 {
                first = firstPosition(after: emitFrom - 1)
                let skipped = first - afterStart
                if skipped > 0 {
                    if exceedsUntil(candidate(first - 1)) { return false }
                    if let count {
                        if produced + skipped >= count { return false }
                        produced += skipped
                    }
                }
            }
            cursor = first
            if cursor < end { return true }
        }
    }

    /// Fills `days` (and `times` for sub-daily rules) for `periodIndex` and advances it; `false` past the
    /// calendar's end or past `UNTIL`.
    private mutating func buildPeriod() -> Bool {
        days.removeAll(keepingCapacity: true)
        let index = periodIndex
        let interval = pattern.interval
        switch pattern.frequency {
        case .yearly:
            let year = baseUnit + index * interval
            let first = RecurrencePattern.firstDayOfYear(year)
            guard year <= 9999, !isBeyondUntil(day: first) else { return false }
            pattern.appendDays(in: first..<(first + LocalDate.daysInYear(year)), into: &days)
            periodIndex += 1
        case .monthly:
            let monthIndex = baseUnit + index * interval
            let year = monthIndex / 12
            let month = monthIndex % 12 + 1
            guard year <= 9999, let first = LocalDate(year: year, month: month, day: 1)?.daysSinceEpoch,
                !isBeyondUntil(day: first)
            else { return false }
            if pattern.admits(month: month) {
                let length = LocalDate.daysInMonth(year: year, month: month)
                pattern.appendDays(in: first..<(first + length), into: &days)
            }
            periodIndex += 1
        case .weekly:
            let first = baseUnit + index * interval * 7
            guard first <= Self.lastDay, !isBeyondUntil(day: first) else { return false }
            pattern.appendDays(in: first..<min(first + 7, Self.lastDay + 1), into: &days)
            periodIndex += 1
        case .daily:
            let day = baseUnit + index * interval
            guard day <= Self.lastDay, !isBeyondUntil(day: day) else { return false }
            switch pattern.verdict(day: day) {
            case .match:
                days.append(day)
                periodIndex += 1
            case .wrongMonth:
                periodIndex = nextIndex(atOrAfterWall: Int64(Self.firstDayOfNextMonth(day)) * 86_400)
            case .wrongDay:
                periodIndex += 1
            }
        case .hourly, .minutely, .secondly:
            let wall = Int64(baseUnit + index * interval) * Int64(unitSeconds)
            let day = Int(Self.floorDivide(wall, 86_400))
            guard day <= Self.lastDay, !isBeyondUntil(wall: wall) else { return false }
            if day != cachedVerdictDay {
                cachedVerdictDay = day
                cachedVerdict = pattern.verdict(day: day)
            }
            switch cachedVerdict {
            case .wrongMonth:
                periodIndex = nextIndex(atOrAfterWall: Int64(Self.firstDayOfNextMonth(day)) * 86_400)
                return true
            case .wrongDay:
                periodIndex = nextIndex(atOrAfterWall: Int64(day + 1) * 86_400)
                return true
            case .match:
                break
            }
            let secondOfDay = Int(wall - Int64(day) * 86_400)
            let hour = secondOfDay / 3600
            let minute = secondOfDay / 60 % 60
            times.removeAll(keepingCapacity: true)
            switch pattern.frequency {
            case .hourly:
                pattern.hourlyTimes(hour: hour, into: &times)
                periodIndex += 1
            case .minutely:
                if pattern.excludes(hour: hour) {
                    periodIndex = nextIndex(atOrAfterWall: Int64(day) * 86_400 + Int64(hour + 1) * 3600)
                    return true
                }
                pattern.minutelyTimes(hour: hour, minute: minute, into: &times)
                periodIndex += 1
            default:
                if pattern.excludes(hour: hour) {
                    periodIndex = nextIndex(atOrAfterWall: Int64(day) * 86_400 + Int64(hour + 1) * 3600)
                    return true
                }
                if pattern.excludes(minute: minute) {
                    periodIndex = nextIndex(atOrAfterWall: wall - Int64(secondOfDay % 60) + 60)
                    return true
                }
                pattern.secondlyTimes(hour: hour, minute: minute, second: secondOfDay % 60, into: &times)
                periodIndex += 1
            }
            if !times.isEmpty { days.append(day) }
        }
        return true
    }

    /// The first period index (after the current one) whose period starts at or after `wall`.
    private func nextIndex(atOrAfterWall wall: Int64) -> Int {
        let step = Int64(pattern.interval) * Int64(unitSeconds)
        let base = Int64(baseUnit) * Int64(unitSeconds)
        let needed = Int(Self.ceilingDivide(wall - base, step))
        return max(periodIndex + 1, needed)
    }

    private static func firstDayOfNextMonth(_ day: Int) -> Int {
        let date = LocalDate(daysSinceEpoch: day)
        return day - date.day + LocalDate.daysInMonth(year: date.year, month: date.month) + 1
    }

    // MARK: Candidates

    /// Wall seconds of the candidate at `position` in the current period.
    private func candidate(_ position: Int) -> Int64 {
        let linear = usesSelection ? selected[position] : position
        let timeCount = times.count
        return Int64(days[linear / timeCount]) * 86_400 + Int64(times[linear % timeCount])
    }

    /// The first position in the current period whose wall time is after `wall` (binary search; candidates ascend).
    private func firstPosition(after wall: Int64) -> Int {
        var low = 0
        var high = end
        while low < high {
            let middle = (low + high) / 2
            if candidate(middle) > wall { high = middle } else { low = middle + 1 }
        }
        return low
    }

    // MARK: UNTIL

    /// Whether an occurrence at this wall time lies beyond `UNTIL` (inclusive bound, RFC 5545 §3.3.10).
    private func exceedsUntil(_ wall: Int64) -> Bool {
        switch until {
        case .none:
            return false
        case .date(let date):
            return wall >= Int64(date.daysSinceEpoch + 1) * 86_400
        case .localDateTime(let bound):
            return wall > bound.wallSeconds
        case .instant(let instant):
            let local = LocalDateTime(wallSeconds: wall)
            if isAllDay { return local.date > zone.localDateTime(at: instant).date }
            return zone.instant(for: local) > instant
        }
    }

    private func isBeyondUntil(day: Int) -> Bool {
        isBeyondUntil(wall: Int64(day) * 86_400)
    }

    private func isBeyondUntil(wall: Int64) -> Bool {
        guard let wallBound else { return false }
        return wall > wallBound
    }

    static func floorDivide(_ value: Int64, _ divisor: Int64) -> Int64 {
        value >= 0 ? value / divisor : -((-value + divisor - 1) / divisor)
    }

    static func ceilingDivide(_ value: Int64, _ divisor: Int64) -> Int64 {
        -floorDivide(-value, divisor)
    }
}
