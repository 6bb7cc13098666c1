import PartnerdTOML

/// The countries whose public holidays partnerd knows, read once from the TOML texts in `Holidays/Data`.
///
/// Each country is one TOML document:
///
/// ```toml
/// code = "DE"                       # ISO 3166-1
/// language = "de"                   # the language its holidays are named in first
/// weekend = ["sat", "sun"]          # the default
/// since = 1991                      # the first year the data covers
/// names = { de = "Deutschland", en = "Germany" }
/// subdivisions = { BE = { de = "Berlin" } }
///
/// [[holiday]]
/// id = "busstag"                    # unique in the country; part of feed UIDs, so never renamed
/// names = { de = "Buß- und Bettag", en = "Repentance and Prayer Day" }
/// weekday = "wed"                   # the day: date = "MM-DD" | easter = N | orthodox_easter = N
/// before = "11-23"                  #   | julian = "MM-DD" | weekday + month + nth (-1: last)
///                                   #   | weekday + on_or_after | weekday + before | dates = [...]
///                                   #   | table = "…" (HolidayTables) | between = true
/// until = 1994                      # from, until, years = [...], except_years = [...]
/// in = ["SN"]                       # only these subdivisions; not_in = [...] all but these
/// days = 1                          # days in a row
/// shift = { tue = -1, thu = 4 }     # the holiday itself moves, with shift_from / shift_until
/// observed = { sat = -1, sun = 1 }  # a substitute day too; or "next-free" with observed_weekdays,
///                                   # observed_from and observed_until
/// ```
///
/// The data is part of the program: an error in it is a bug, found by the tests that load every country.
public enum HolidayData {
    public struct DataError: Error, CustomStringConvertible {
        public var description: String
    }

    /// Every country, by ISO code; a country whose data does not read is missing (the tests say why).
    public static let countries: [String: HolidayCountry] = {
        var result: [String: HolidayCountry] = [:]
        for source in sources {
            if let country = try? read(source) { result[country.code] = country }
        }
        return result
    }()

    /// The country of `region`, when the data has it and its subdivision.
    public static func country(_ region: HolidayRegion) -> HolidayCountry? {
        guard let country = countries[region.country] else { return nil }
        if let subdivision = region.subdivision, country.subdivisions[subdivision] == nil { return nil }
        return country
    }

    /// Every region shipped: each country as a whole and each of its subdivisions.
    public static var regions: [HolidayRegion] {
        countries.values.flatMap { country in
            [HolidayRegion(country: country.code)]
                + country.subdivisions.keys.map { HolidayRegion(country: country.code, subdivision: $0) }
        }.sorted()
    }

    /// Reads one country's document.
    public static func read(_ text: String) throws(DataError) -> HolidayCountry {
        let table: TOMLTable
        do {
            table = try TOMLReader.parse(Array(text.utf8))
        } catch {
            throw DataError(description: "holiday data: \(error)")
        }
        guard case .string(let code)? = table["code"] else { throw DataError(description: "holiday data: no code") }
        func fail(_ message: String) -> DataError { DataError(description: "holiday data \(code): \(message)") }
        let countryKeys: Set<String> = ["code", "language", "since", "weekend", "names", "subdivisions", "holiday"]
        if let unknown = table.keys.first(where: { !countryKeys.contains($0) }) { throw fail("unknown key \(unknown)") }
        guard case .string(let language)? = table["language"] else { throw fail("no language") }
        let names = try strings(table["names"], "names", fail)
        var weekend: Set<Weekday> = [.saturday, .sunday]
        if let value = table["weekend"] { weekend = Set(try weekdays(value, "weekend", fail)) }
        var subdivisions: [String: [String: String]] = [:]
        if case .table(let entries)? = table["subdivisions"] {
            for entry in entries { subdivisions[entry.key] = try strings(entry.value, "subdivisions.\(entry.key)", fail) }
        }
        guard case .array(let holidays)? = table["holiday"] else { throw fail("no [[holiday]]") }
        var rules: [HolidayRule] = []
        var ids = Set<String>()
        for element in holidays {
            guard case .table(let entry) = element else { throw fail("a holiday is not a table") }
            let rule = try self.rule(entry, subdivisions: subdivisions, fail)
            guard ids.insert(rule.id).inserted else { throw fail("holiday \(rule.id) twice") }
            rules.append(rule)
        }
        var country = HolidayCountry(
            code: code, names: names, language: language, weekend: weekend, subdivisions: subdivisions, rules: rules)
        if case .integer(let since)? = table["since"] { country.since = since }
        return country
    }

    private static func rule(
        _ entry: TOMLTable, subdivisions: [String: [String: String]], _ countryFail: (String) -> DataError
    ) throws(DataError) -> HolidayRule {
        guard case .string(let id)? = entry["id"] else { throw countryFail("a holiday has no id") }
        func fail(_ message: String) -> DataError { countryFail("holiday \(id): \(message)") }
        let known: Set<String> = [
            "id", "names", "date", "easter", "orthodox_easter", "julian", "weekday", "month", "nth", "on_or_after",
            "before", "dates", "table", "between", "days", "shift", "shift_from", "shift_until", "from", "until",
            "years", "except_years", "in", "not_in", "observed", "observed_weekdays", "observed_from",
            "observed_until",
        ]
        if let unknown = entry.keys.first(where: { !known.contains($0) }) { throw fail("unknown key \(unknown)") }
        var rule = HolidayRule(id: id, names: try strings(entry["names"], "names", fail), day: try day(entry, fail))
        if case .integer(let days)? = entry["days"] { rule.length = days }
        if let value = entry["shift"] { rule.shift = try offsets(value, "shift", fail) }
        rule.shiftYears = try years(entry, from: "shift_from", until: "shift_until", fail)
        rule.years = try years(entry, from: "from", until: "until", fail)
        if let value = entry["years"] { rule.onlyYears = Set(try integers(value, "years", fail)) }
        if let value = entry["except_years"] { rule.exceptYears = Set(try integers(value, "except_years", fail)) }
        if let value = entry["in"] { rule.subdivisions = Set(try codes(value, "in", subdivisions, fail)) }
        if let value = entry["not_in"] { rule.excludedSubdivisions = Set(try codes(value, "not_in", subdivisions, fail)) }
        switch entry["observed"] {
        case nil: break
        case .string("next-free")?:
            var on: Set<Weekday> = [.saturday, .sunday]
            if let value = entry["observed_weekdays"] { on = Set(try weekdays(value, "observed_weekdays", fail)) }
            rule.observance = .nextFree(weekdays: on)
        case let value?:
            rule.observance = .shifted(try offsets(value, "observed", fail))
        }
        rule.observanceYears = try years(entry, from: "observed_from", until: "observed_until", fail)
        return rule
    }

    private static func day(_ entry: TOMLTable, _ fail: (String) -> DataError) throws(DataError) -> HolidayRule.Day {
        func monthDay(_ key: String) throws(DataError) -> (Int, Int)? {
            guard let value = entry[key] else { return nil }
            guard case .string(let text) = value, text.count == 5,
                let date = LocalDate(iso: "2000-\(text)")
            else { throw fail("\(key) is not MM-DD") }
            return (date.month, date.day)
        }
        if let (month, day) = try monthDay("date") { return .fixed(month: month, day: day) }
        if case .integer(let offset)? = entry["easter"] { return .easter(offset) }
        if case .integer(let offset)? = entry["orthodox_easter"] { return .orthodoxEaster(offset) }
        if let (month, day) = try monthDay("julian") { return .julian(month: month, day: day) }
        if case .boolean(true)? = entry["between"] { return .between }
        if let value = entry["dates"] {
            guard case .array(let array) = value else { throw fail("dates is not an array") }
            var dates: [LocalDate] = []
            for element in array {
                guard case .localDate(let date) = element,
                    let day = LocalDate(year: date.year, month: date.month, day: date.day)
                else { throw fail("dates holds something other than dates") }
                dates.append(day)
            }
            return .dates(dates)
        }
        if case .string(let name)? = entry["table"] {
            guard let dates = HolidayTables.dates(name) else { throw fail("no table \(name)") }
            return .dates(dates)
        }
        if let value = entry["weekday"] {
            guard case .string(let text) = value, let weekday = weekdayCodes[text] else {
                throw fail("weekday is not one of mon … sun")
            }
            if let (month, day) = try monthDay("on_or_after") { return .weekdayOnOrAfter(weekday, month: month, day: day) }
            if let (month, day) = try monthDay("before") { return .weekdayBefore(weekday, month: month, day: day) }
            guard case .integer(let month)? = entry["month"], (1...12).contains(month),
                case .integer(let nth)? = entry["nth"], nth != 0, (-5...5).contains(nth)
            else { throw fail("weekday needs month and nth, on_or_after or before") }
            return .nthWeekday(weekday, month: month, nth: nth)
        }
        throw fail("no day: date, easter, orthodox_easter, julian, weekday, dates, table or between")
    }

    private static func strings(
        _ value: TOMLValue?, _ key: String, _ fail: (String) -> DataError
    ) throws(DataError) -> [String: String] {
        guard case .table(let table)? = value else { throw fail("\(key) is not a table of names") }
        var result: [String: String] = [:]
        for entry in table {
            guard case .string(let text) = entry.value else { throw fail("\(key).\(entry.key) is not a string") }
            result[entry.key] = text
        }
        guard result["en"] != nil else { throw fail("\(key) has no English name") }
        return result
    }

    private static let weekdayCodes: [String: Weekday] = [
        "mon": .monday, "tue": .tuesday, "wed": .wednesday, "thu": .thursday, "fri": .friday, "sat": .saturday,
        "sun": .sunday,
    ]

    private static func weekdays(
        _ value: TOMLValue, _ key: String, _ fail: (String) -> DataError
    ) throws(DataError) -> [Weekday] {
        guard case .array(let array) = value else { throw fail("\(key) is not an array of weekdays") }
        var result: [Weekday] = []
        for element in array {
            guard case .string(let text) = element, let weekday = weekdayCodes[text] else {
                throw fail("\(key) holds something other than mon … sun")
            }
            result.append(weekday)
        }
        return result
    }

    private static func offsets(
        _ value: TOMLValue, _ key: String, _ fail: (String) -> DataError
    ) throws(DataError) -> [Weekday: Int] {
        guard case .table(let table) = value else { throw fail("\(key) is not a table of weekdays") }
        var result: [Weekday: Int] = [:]
        for entry in table {
            guard let weekday = weekdayCodes[entry.key], case .integer(let offset) = entry.value, abs(offset) < 7
            else { throw fail("\(key).\(entry.key) is not a weekday with an offset under a week") }
            result[weekday] = offset
        }
        return result
    }

    private static func integers(
        _ value: TOMLValue, _ key: String, _ fail: (String) -> DataError
    ) throws(DataError) -> [Int] {
        guard case .array(let array) = value else { throw fail("\(key) is not an array of years") }
        var result: [Int] = []
        for element in array {
            guard case .integer(let year) = element else { throw fail("\(key) holds something other than years") }
            result.append(year)
        }
        return result
    }

    private static func years(
        _ entry: TOMLTable, from: String, until: String, _ fail: (String) -> DataError
    ) throws(DataError) -> ClosedRange<Int> {
        var first = Int.min
        var last = Int.max
        if let value = entry[from] {
            guard case .integer(let year) = value else { throw fail("\(from) is not a year") }
            first = year
        }
        if let value = entry[until] {
            guard case .integer(let year) = value else { throw fail("\(until) is not a year") }
            last = year
        }
        guard first <= last else { throw fail("\(from) is after \(until)") }
        return first...last
    }

    private static func codes(
        _ value: TOMLValue, _ key: String, _ subdivisions: [String: [String: String]], _ fail: (String) -> DataError
    ) throws(DataError) -> [String] {
        guard case .array(let array) = value else { throw fail("\(key) is not an array of subdivisions") }
        var result: [String] = []
        for element in array {
            guard case .string(let code) = element, subdivisions[code] != nil else {
                throw fail("\(key) names a subdivision the country does not list")
            }
            result.append(code)
        }
        return result
    }
}
