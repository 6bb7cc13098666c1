import PartnerdTOML

/// `workdays`, `holidays`, `[[closure]]` and `on_closed_day`: on which days reminders reach people.
extension ConfigurationReader {
    private static let weekdayNames: [String: Weekday] = [
        "mon": .monday, "tue": .tuesday, "wed": .wednesday, "thu": .thursday, "fri": .friday, "sat": .saturday,
        "sun": .sunday, "monday": .monday, "tuesday": .tuesday, "wednesday": .wednesday, "thursday": .thursday,
        "friday": .friday, "saturday": .saturday, "sunday": .sunday,
    ]

    /// `workdays = ["mon", "tue", "wed", "thu", "fri"]`: short or full English names, in any case.
    mutating func workdays(_ node: TOMLValue, at path: ConfigurationKeyPath) -> Set<Weekday>? {
        guard let items = array(node, at: path) else { return nil }
        var result = Set<Weekday>()
        var valid = true
        for (index, item) in items.enumerated() {
            let itemPath = path.appending(.index(index))
            guard let text = string(item, at: itemPath) else {
                valid = false
                continue
            }
            guard let weekday = Self.weekdayNames[text.lowercased()] else {
                let names = ["mon", "tue", "wed", "thu", "fri", "sat", "sun"]
                error(
                    itemPath, "\"\(text)\" is not a day of the week\(Suggestion.phrase(for: text.lowercased(), among: names))",
                    hint: "use mon, tue, wed, thu, fri, sat or sun")
                valid = false
                continue
            }
            if !result.insert(weekday).inserted { warning(itemPath, "\"\(text)\" is listed twice", hint: "remove the repetition", kind: .listedTwice) }
        }
        if valid && result.isEmpty {
            error(
                path, "no working days: every reminder would have nowhere to move",
                hint: "list the days people work, e.g. [\"mon\", \"tue\", \"wed\", \"thu\", \"fri\"]")
            return nil
        }
        return valid ? result : nil
    }

    /// `holidays = "DE-BE"` or a list of them; `""` or `[]` for none. Each must be a region the data covers.
    mutating func holidayRegions(_ node: TOMLValue, at path: ConfigurationKeyPath) -> [HolidayRegion]? {
        var texts: [(String, ConfigurationKeyPath)] = []
        if case .string(let single) = node {
            if !single.isEmpty { texts.append((single, path)) }
        } else if let items = array(node, at: path) {
            for (index, item) in items.enumerated() {
                if let text = string(item, at: path.appending(.index(index))) { texts.append((text, path.appending(.index(index)))) }
            }
        } else {
            return nil
        }
        var result: [HolidayRegion] = []
        for (text, itemPath) in texts {
            guard let region = holidayRegion(text, at: itemPath) else { return nil }
            if !result.contains(region) { result.append(region) }
        }
        return result
    }

    /// One region the holiday data covers, with the regions of that country or the countries as a suggestion.
    mutating func holidayRegion(_ text: String, at path: ConfigurationKeyPath) -> HolidayRegion? {
        guard let region = HolidayRegion(code: text) else {
            error(
                path, "\"\(text)\" is not a country or subdivision code",
                hint: "write an ISO 3166 code with an optional subdivision, e.g. \"DE\" or \"DE-BE\"")
            return nil
        }
        guard HolidayData.country(region) == nil else { return region }
        let known = HolidayData.regions.map(\.description)
        let sameCountry = known.filter { $0.hasPrefix(region.country) }
        if !sameCountry.isEmpty {
            error(
                path, "no public holidays known for \(region)\(Suggestion.phrase(for: region.description, among: sameCountry))",
                hint: "use one of \(sameCountry.joined(separator: ", "))")
        } else {
            let countries = HolidayData.countries.keys.sorted()
            error(
                path, "no public holidays known for the country \(region.country)",
                hint: "partnerd knows \(countries.joined(separator: ", ")); `partnerctl holidays --list` names them all")
        }
        return nil
    }

    /// `[[closure]]` in the main file: `name` and either `date` or `from` and `until`, optionally `yearly = true`.
    mutating func decodeClosures(_ table: TOMLTable) -> [Closure] {
        guard let node = table["closure"] else { return [] }
        guard case .array(let items) = node else {
            error(
                ConfigurationKeyPath().appending(key: "closure"), "closure must be an array of tables",
                hint: "write each one under its own [[closure]] header")
            return []
        }
        var result: [Closure] = []
        for (index, item) in items.enumerated() {
            let path = ConfigurationKeyPath([.element("closure", id: nil, index: index)])
            guard let entry = self.table(item, at: path) else { continue }
            checkKeys(entry, allowed: ConfigurationSchema.closureKeys, at: path)
            let name = requiredText(entry, "name", at: path, example: "\"Weihnachtspause\"")
            var first: LocalDate?
            var last: LocalDate?
            if let node = entry["date"] {
                if entry["from"] != nil || entry["until"] != nil {
                    error(path, "a closure has date and from/until", hint: "use date for one day, from and until for a span")
                }
                first = date(node, at: path.appending(key: "date"), what: "the date")
                last = first
            } else if let from = entry["from"], let until = entry["until"] {
                first = date(from, at: path.appending(key: "from"), what: "the first day")
                last = date(until, at: path.appending(key: "until"), what: "the last day")
            } else {
                error(
                    path, "the closure has no days",
                    hint: "add date = 2026-12-24, or from = 2026-12-24 and until = 2026-12-31")
            }
            var yearly = false
            if let node = entry["yearly"], let value = boolean(node, at: path.appending(key: "yearly")) { yearly = value }
            guard let name, let first, let last else { continue }
            if last < first, !yearly {
                error(
                    path.appending(key: "until"), "the closure ends (\(last)) before it begins (\(first))",
                    hint: "swap from and until, or set yearly = true for a span across the new year")
                continue
            }
            if !yearly && first.days(until: last) > 366 {
                error(
                    path.appending(key: "until"), "a closure of more than a year",
                    hint: "a closure is a holiday season, not a state: split it, or end it within a year")
                continue
            }
            result.append(Closure(name: name, first: first, last: last, yearly: yearly))
        }
        return result
    }

    mutating func closedDayRule(_ node: TOMLValue?, at path: ConfigurationKeyPath) -> ClosedDayRule? {
        guard let node else { return nil }
        return choice(node, at: path, default: .before)
    }
}
