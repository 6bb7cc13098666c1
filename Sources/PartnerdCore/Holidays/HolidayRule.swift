/// One public holiday of a country's data (`Sources/PartnerdCore/Holidays/Data`): on which day it falls, in which
/// years and subdivisions, and what happens when it falls on a weekend.
public struct HolidayRule: Sendable {
    /// How the day is found in a given year.
    public enum Day: Sendable, Equatable {
        /// The same month and day every year (`date = "10-03"`).
        case fixed(month: Int, day: Int)
        /// Days after Western Easter Sunday, negative before it (`easter = -2`: Good Friday).
        case easter(Int)
        /// Days after Orthodox Easter Sunday (`orthodox_easter = 1`).
        case orthodoxEaster(Int)
        /// A day of the Julian calendar (`julian = "12-25"`: Orthodox Christmas, 7 January since 1900).
        case julian(month: Int, day: Int)
        /// The nth weekday of a month, `-1` the last (`weekday = "mon", month = 5, nth = -1`).
        case nthWeekday(Weekday, month: Int, nth: Int)
        /// The first such weekday on or after a date (`weekday = "sat", on_or_after = "10-31"`).
        case weekdayOnOrAfter(Weekday, month: Int, day: Int)
        /// The last such weekday strictly before a date (`weekday = "wed", before = "11-23"`: Buß- und Bettag).
        case weekdayBefore(Weekday, month: Int, day: Int)
        /// Named dates only: one-off holidays, or a table of a lunar calendar (`dates = […]`, `table = "…"`).
        case dates([LocalDate])
        /// A day between two other holidays (`between = true`: Japan's citizens' holiday).
        case between
    }

    /// A day added when the holiday falls on certain weekdays.
    public enum Observance: Sendable, Equatable {
        /// `observed = { sat = -1, sun = 1 }`: the day that many days away is a holiday too.
        case shifted([Weekday: Int])
        /// `observed = "next-free"`: the next day that is neither a weekend day nor a holiday nor another
        /// substitute (the British substitute day, Japan's furikae kyūjitsu), when the holiday falls on one of
        /// `weekdays`.
        case nextFree(weekdays: Set<Weekday>)
    }

    public var id: String
    /// Names by language code (`de`, `en`, `fr`, `nl`, and the country's own).
    public var names: [String: String]
    public var day: Day
    /// How many days in a row, from ``day`` (`days = 3`).
    public var length: Int = 1
    /// `shift = { tue = -1, thu = 4 }`: the holiday itself moves to a nearer Monday or Friday.
    public var shift: [Weekday: Int] = [:]
    public var shiftYears: ClosedRange<Int> = Int.min...Int.max
    /// `from` and `until`: the first and last year the holiday exists.
    public var years: ClosedRange<Int> = Int.min...Int.max
    /// `years = [2017]`: only these years.
    public var onlyYears: Set<Int>?
    /// Years in ``years`` in which it does not fall (`except_years`).
    public var exceptYears: Set<Int> = []
    /// `in = ["BB", "MV"]`: only these subdivisions; `nil` the whole country.
    public var subdivisions: Set<String>?
    /// `not_in`: every subdivision but these (and the country as a whole).
    public var excludedSubdivisions: Set<String> = []
    public var observance: Observance?
    public var observanceYears: ClosedRange<Int> = Int.min...Int.max

    public init(id: String, names: [String: String], day: Day) {
        self.id = id
        self.names = names
        self.day = day
    }

    /// Whether the holiday exists in `year` in `subdivision` (`nil`: the country as a whole).
    func applies(year: Int, subdivision: String?) -> Bool {
        guard years.contains(year), !exceptYears.contains(year) else { return false }
        if let onlyYears, !onlyYears.contains(year) { return false }
        if let subdivisions {
            guard let subdivision, subdivisions.contains(subdivision) else { return false }
        }
        if let subdivision, excludedSubdivisions.contains(subdivision) { return false }
        if subdivision == nil, !excludedSubdivisions.isEmpty, subdivisions == nil { return false }
        return true
    }

    /// The first day of the holiday in `year`, before any shift; several for a table with two dates in one year.
    func firstDays(in year: Int) -> [LocalDate] {
        switch day {
        case .fixed(let month, let day):
            return LocalDate(year: year, month: month, day: day).map { [$0] } ?? []
        case .easter(let offset):
            return [Easter.western(year).adding(days: offset)]
        case .orthodoxEaster(let offset):
            return [Easter.orthodox(year).adding(days: offset)]
        case .julian(let month, let day):
            // A Julian date can fall into the next Gregorian year (25 December is 7 January): take the Julian
            // year whose date lands in `year`.
            return [year - 1, year].map { Easter.julian(year: $0, month: month, day: day) }.filter { $0.year == year }
        case .nthWeekday(let weekday, let month, let nth):
            guard let first = LocalDate(year: year, month: month, day: 1) else { return [] }
            if nth > 0 {
                let date = first.adding(days: first.weekday.days(to: weekday) + 7 * (nth - 1))
                return date.month == month ? [date] : []
            }
            let last = first.adding(months: 1).adding(days: -1)
            let date = last.adding(days: -weekday.days(to: last.weekday) - 7 * (-nth - 1))
            return date.month == month ? [date] : []
        case .weekdayOnOrAfter(let weekday, let month, let day):
            guard let anchor = LocalDate(year: year, month: month, day: day) else { return [] }
            return [anchor.adding(days: anchor.weekday.days(to: weekday))]
        case .weekdayBefore(let weekday, let month, let day):
            guard let anchor = LocalDate(year: year, month: month, day: day) else { return [] }
            let back = weekday.days(to: anchor.weekday)
            return [anchor.adding(days: -(back == 0 ? 7 : back))]
        case .dates(let dates):
            return dates.filter { $0.year == year }
        case .between:
            return []
        }
    }
}

/// A public holiday on one day: what the holiday calendars and the working days are made of.
public struct PublicHoliday: Sendable, Hashable {
    public var date: LocalDate
    /// The rule's id, unique within its country.
    public var id: String
    public var names: [String: String]
    /// A substitute day for a holiday that fell on a weekend.
    public var isSubstitute: Bool

    public init(date: LocalDate, id: String, names: [String: String], isSubstitute: Bool = false) {
        self.date = date
        self.id = id
        self.names = names
        self.isSubstitute = isSubstitute
    }

    /// The name in `language`, else in English, else in any language the data has.
    public func name(in language: String, fallback: String = "en") -> String {
        names[language] ?? names[fallback] ?? names.values.sorted().first ?? id
    }

    public static func == (lhs: PublicHoliday, rhs: PublicHoliday) -> Bool {
        lhs.date == rhs.date && lhs.id == rhs.id && lhs.isSubstitute == rhs.isSubstitute
    }

    public func hash(into hasher: inout Hasher) {
        hasher.combine(date)
        hasher.combine(id)
        hasher.combine(isSubstitute)
    }
}
