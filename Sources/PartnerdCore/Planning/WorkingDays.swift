/// `on_closed_day`: what happens to a reminder whose due time falls on a day its recipient does not work.
public enum ClosedDayRule: String, Sendable, Hashable, CaseIterable, Codable {
    /// On the working day before, at the recipient's `notify_at` (the default).
    case before
    /// On the working day after, at `notify_at`, unless that is not before the occurrence: then the day before.
    case after
    /// Where it falls.
    case keep
}

/// `[[closure]]`: days the office is closed besides weekends and public holidays, once or every year.
public struct Closure: Sendable, Hashable {
    public var name: String
    public var first: LocalDate
    /// Inclusive.
    public var last: LocalDate
    /// The same days every year (`yearly = true`): only month and day count, and a span may cross the new year.
    public var yearly: Bool

    public init(name: String, first: LocalDate, last: LocalDate, yearly: Bool = false) {
        self.name = name
        self.first = first
        self.last = last
        self.yearly = yearly
    }

    public func contains(_ date: LocalDate) -> Bool {
        guard yearly else { return first <= date && date <= last }
        let day = (date.month, date.day)
        let start = (first.month, first.day)
        let end = (last.month, last.day)
        return start <= end ? (start <= day && day <= end) : (day >= start || day <= end)
    }
}

/// Why a day is not a working day.
public enum ClosedReason: Sendable, Hashable {
    case weekend(Weekday)
    case holiday(PublicHoliday, HolidayRegion)
    case closure(String)
}

/// A recipient's working days: which weekdays it works, whose public holidays it keeps, and its closures.
public struct WorkingCalendar: Sendable, Hashable {
    public var workdays: Set<Weekday>
    public var holidays: [HolidayRegion]
    public var closures: [Closure]

    public init(workdays: Set<Weekday> = WorkingCalendar.mondayToFriday, holidays: [HolidayRegion] = [], closures: [Closure] = []) {
        self.workdays = workdays
        self.holidays = holidays
        self.closures = closures
    }

    public static let mondayToFriday: Set<Weekday> = [.monday, .tuesday, .wednesday, .thursday, .friday]

    /// Every day a working day: reminders never move.
    public static let everyDay = WorkingCalendar(workdays: Set(Weekday.allCases))

    /// Whether no day is ever closed.
    public var isOpenEveryDay: Bool { workdays.count == 7 && holidays.isEmpty && closures.isEmpty }

    /// Why `date` is not a working day, or `nil` when it is one. A public holiday is named before a closure, a
    /// closure before the weekend.
    public func closedReason(on date: LocalDate) -> ClosedReason? {
        for region in holidays {
            if let holiday = HolidayData.holidays(on: date, in: region).first { return .holiday(holiday, region) }
        }
        if let closure = closures.first(where: { $0.contains(date) }) { return .closure(closure.name) }
        if !workdays.contains(date.weekday) { return .weekend(date.weekday) }
        return nil
    }

    public func isWorkingDay(_ date: LocalDate) -> Bool { closedReason(on: date) == nil }

    /// The longest run of closed days a search walks before it gives up: a calendar without working days (no
    /// `workdays`) or a closure of more than a year keeps reminders where they fall.
    public static let searchLimit = 400

    /// The nearest working day before (`step` −1) or after (+1) `date`, not `date` itself.
    public func workingDay(from date: LocalDate, step: Int) -> LocalDate? {
        var day = date
        for _ in 0..<Self.searchLimit {
            day = day.adding(days: step)
            if isWorkingDay(day) { return day }
        }
        return nil
    }

    /// How many days the closed run that holds `date` reaches beyond it in the direction of `step`: 0 when `date`
    /// is a working day or the next day is one.
    func closedRun(from date: LocalDate, step: Int) -> Int {
        var count = 0
        var day = date
        while count < Self.searchLimit, !isWorkingDay(day) {
            count += 1
            day = day.adding(days: step)
        }
        return count
    }
}

/// A reminder moved off a closed day: where it was due, and why it moved.
///
/// A class: every planned reminder carries an optional move, and a reference keeps that to one word in the arrays of
/// a registry's hundreds of thousands of reminders (the reason, with its holiday's names, is over a hundred bytes).
public final class ReminderMove: Sendable, Hashable {
    /// The due time before the move.
    public let from: Instant
    /// The closed day it was due on, in the recipient's zone.
    public let day: LocalDate
    public let reason: ClosedReason

    public init(from: Instant, day: LocalDate, reason: ClosedReason) {
        self.from = from
        self.day = day
        self.reason = reason
    }

    public static func == (lhs: ReminderMove, rhs: ReminderMove) -> Bool {
        lhs.from == rhs.from && lhs.day == rhs.day && lhs.reason == rhs.reason
    }

    public func hash(into hasher: inout Hasher) {
        hasher.combine(from)
        hasher.combine(day)
        hasher.combine(reason)
    }
}

extension WorkingCalendar {
    /// Where a reminder due at `due` goes for a recipient who reads in `zone` at `notifyAt`: unchanged on a working
    /// day or with `keep`, else to `notifyAt` of the working day before or after (`rule`). A move after is taken
    /// only while it stays before `deadline` (the occurrence's start); otherwise it goes to the day before.
    public func move(
        _ due: Instant, rule: ClosedDayRule, zone: Zone, notifyAt: LocalTime, deadline: Instant
    ) -> (due: Instant, move: ReminderMove?) {
        guard rule != .keep, !isOpenEveryDay else { return (due, nil) }
        let day = zone.localDateTime(at: due).date
        guard let reason = closedReason(on: day) else { return (due, nil) }
        if rule == .after, let next = workingDay(from: day, step: 1) {
            let moved = zone.instant(for: LocalDateTime(date: next, time: notifyAt))
            if moved < deadline { return (moved, ReminderMove(from: due, day: day, reason: reason)) }
        }
        guard let previous = workingDay(from: day, step: -1) else { return (due, nil) }
        let moved = zone.instant(for: LocalDateTime(date: previous, time: notifyAt))
        return (moved, ReminderMove(from: due, day: day, reason: reason))
    }
}
