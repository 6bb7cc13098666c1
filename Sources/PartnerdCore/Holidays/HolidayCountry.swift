/// A country's public holidays: its rules, its subdivisions and its weekend, as one data file describes them.
public struct HolidayCountry: Sendable {
    /// ISO 3166-1 alpha-2, upper case.
    public var code: String
    /// The country's name by language code.
    public var names: [String: String]
    /// The language its holidays are named in first (`pl` for Poland).
    public var language: String
    /// The days of rest a substitute day skips (Saturday and Sunday, Friday and Saturday in Israel).
    public var weekend: Set<Weekday>
    /// ISO 3166-2 subdivision codes without the country prefix (`BE` for `DE-BE`), with their names.
    public var subdivisions: [String: [String: String]]
    public var rules: [HolidayRule]
    /// The first year the data covers (`since`); earlier years have no holidays listed.
    public var since: Int = Int.min

    public init(
        code: String, names: [String: String], language: String, weekend: Set<Weekday>,
        subdivisions: [String: [String: String]], rules: [HolidayRule]
    ) {
        self.code = code
        self.names = names
        self.language = language
        self.weekend = weekend
        self.subdivisions = subdivisions
        self.rules = rules
    }

    /// The country's name in `language`, else in English.
    public func name(in language: String) -> String {
        names[language] ?? names["en"] ?? code
    }

    /// The public holidays of `year` in `subdivision` (`nil`: those of the whole country), sorted by date, then by
    /// the order of the rules. Two holidays on one day are both listed.
    public func holidays(in year: Int, subdivision: String? = nil) -> [PublicHoliday] {
        guard year >= since else { return [] }
        var result: [PublicHoliday] = []
        var between: [HolidayRule] = []
        for rule in rules where rule.applies(year: year, subdivision: subdivision) {
            if rule.day == .between {
                between.append(rule)
                continue
            }
            for first in rule.firstDays(in: year) {
                var start = first
                if rule.shiftYears.contains(year), let offset = rule.shift[first.weekday] {
                    start = first.adding(days: offset)
                }
                for index in 0..<max(1, rule.length) {
                    result.append(PublicHoliday(date: start.adding(days: index), id: rule.id, names: rule.names))
                }
            }
        }
        result = Self.sorted(result, rules: rules)
        result += substitutes(for: result, year: year, subdivision: subdivision)
        if !between.isEmpty { result += bridges(between, holidays: result) }
        return Self.sorted(result, rules: rules)
    }

    /// The public holidays whose dates lie in `years`, sorted by date. A substitute day can fall into the year before
    /// its holiday (1 January on a Saturday is observed on 31 December), so the years around are worked out too.
    public func holidays(years: ClosedRange<Int>, subdivision: String? = nil) -> [PublicHoliday] {
        var result: [PublicHoliday] = []
        for year in (years.lowerBound - 1)...(years.upperBound + 1) {
            result += holidays(in: year, subdivision: subdivision).filter { years.contains($0.date.year) }
        }
        return result.sorted { $0.date < $1.date }
    }

    /// The substitute days of `holidays`, in date order, each on a day that is free of holidays and of earlier
    /// substitutes.
    private func substitutes(for holidays: [PublicHoliday], year: Int, subdivision: String?) -> [PublicHoliday] {
        let rulesByID = Dictionary(rules.map { ($0.id, $0) }, uniquingKeysWith: { first, _ in first })
        var taken = Set(holidays.map(\.date))
        var result: [PublicHoliday] = []
        for holiday in holidays {
            guard let rule = rulesByID[holiday.id], let observance = rule.observance,
                rule.observanceYears.contains(year)
            else { continue }
            switch observance {
            case .shifted(let offsets):
                guard let offset = offsets[holiday.date.weekday] else { continue }
                let date = holiday.date.adding(days: offset)
                result.append(PublicHoliday(date: date, id: rule.id, names: rule.names, isSubstitute: true))
                taken.insert(date)
            case .nextFree(let weekdays):
                guard weekdays.contains(holiday.date.weekday) else { continue }
                var date = holiday.date.adding(days: 1)
                while weekend.contains(date.weekday) || taken.contains(date) { date = date.adding(days: 1) }
                result.append(PublicHoliday(date: date, id: rule.id, names: rule.names, isSubstitute: true))
                taken.insert(date)
            }
        }
        return result
    }

    /// Days that lie between two holidays and are neither a holiday nor a Sunday.
    private func bridges(_ rules: [HolidayRule], holidays: [PublicHoliday]) -> [PublicHoliday] {
        let dates = Set(holidays.map(\.date))
        var result: [PublicHoliday] = []
        for date in dates.sorted() {
            let next = date.adding(days: 1)
            let after = date.adding(days: 2)
            guard !dates.contains(next), dates.contains(after), next.weekday != .sunday, let rule = rules.first
            else { continue }
            result.append(PublicHoliday(date: next, id: rule.id, names: rule.names))
        }
        return result
    }

    private static func sorted(_ holidays: [PublicHoliday], rules: [HolidayRule]) -> [PublicHoliday] {
        let order = Dictionary(rules.enumerated().map { ($1.id, $0) }, uniquingKeysWith: { first, _ in first })
        return holidays.sorted { left, right in
            if left.date != right.date { return left.date < right.date }
            if left.isSubstitute != right.isSubstitute { return !left.isSubstitute }
            return (order[left.id] ?? 0) < (order[right.id] ?? 0)
        }
    }
}

/// A country, or one of its subdivisions: whose public holidays a calendar follows (`"DE"`, `"DE-BE"`).
public struct HolidayRegion: Sendable, Hashable, Comparable, CustomStringConvertible {
    public var country: String
    public var subdivision: String?

    public init(country: String, subdivision: String? = nil) {
        self.country = country
        self.subdivision = subdivision
    }

    /// `DE`, `DE-BE`, in any case; `nil` when the text has no such form (whether the data knows the region is
    /// ``HolidayData/country(_:)``'s question).
    public init?(code text: String) {
        let parts = text.uppercased().split(separator: "-", maxSplits: 1, omittingEmptySubsequences: false)
        guard let country = parts.first, country.count == 2, country.allSatisfy({ $0.isASCII && $0.isLetter })
        else { return nil }
        self.country = String(country)
        if parts.count == 2 {
            let subdivision = parts[1]
            guard (1...3).contains(subdivision.count),
                subdivision.allSatisfy({ $0.isASCII && ($0.isLetter || $0.isNumber) })
            else { return nil }
            self.subdivision = String(subdivision)
        }
    }

    public var description: String { subdivision.map { "\(country)-\($0)" } ?? country }

    public static func < (lhs: HolidayRegion, rhs: HolidayRegion) -> Bool { lhs.description < rhs.description }
}
