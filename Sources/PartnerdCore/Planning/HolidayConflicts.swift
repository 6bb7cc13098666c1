/// `check`'s look ahead: events planned on a public holiday of either city, or in a closure of the office. A
/// delegation visit on the partner's national day is a mistake to catch before anyone books a flight.
public enum HolidayConflicts {
    /// The days of an event looked at: all of a visit's, the first week of an exhibition's (which is open on
    /// holidays by design).
    static let daysLooked = 7

    /// One warning per event, day and holiday (or closure) from `first` through `last`, in date order per event.
    public static func warnings(in configuration: Configuration, from first: LocalDate, through last: LocalDate)
        -> [ConfigurationIssue]
    {
        let office = configuration.daemon.workingDays
        guard first <= last else { return [] }
        var result: [ConfigurationIssue] = []
        for (partnershipIndex, partnership) in configuration.partnerships.enumerated() {
            guard !office.holidays.isEmpty || !office.closures.isEmpty || !partnership.holidays.isEmpty else { continue }
            for (eventIndex, event) in partnership.events.enumerated() {
                for start in starts(of: event, from: first, through: last) {
                    let path = ConfigurationKeyPath([
                        .element("partnership", id: partnership.id.rawValue, index: partnershipIndex),
                        .element("event", id: event.id.rawValue, index: eventIndex),
                    ])
                    for day in days(of: event, from: start) {
                        result += conflicts(on: day, of: event, in: partnership, office: office).map {
                            ConfigurationIssue(
                                .warning, file: partnership.file, keyPath: path, message: $0.message, hint: $0.hint,
                                kind: .holidayConflict)
                        }
                    }
                }
            }
        }
        return result
    }

    private static func starts(of event: Event, from first: LocalDate, through last: LocalDate) -> [LocalDate] {
        if event.rule == nil && event.recurrenceDates.isEmpty && event.exceptionDates.isEmpty {
            let day = event.start.wallTime.date
            return first <= day && day <= last ? [day] : []
        }
        let from = LocalDateTime(date: first, time: .midnight)
        let through = LocalDateTime(date: last, time: LocalTime(secondsSinceMidnight: 86_399))
        return event.recurrenceSet.occurrences(from: from, through: through).map(\.date)
    }

    private static func days(of event: Event, from start: LocalDate) -> [LocalDate] {
        guard case .days(let count) = event.length else { return [start] }
        return (0..<min(max(1, count), daysLooked)).map { start.adding(days: $0) }
    }

    private static func conflicts(
        on day: LocalDate, of event: Event, in partnership: Partnership, office: WorkingCalendar
    ) -> [(message: String, hint: String)] {
        var result: [(String, String)] = []
        let hint = "make sure both offices are open that day, or move the event"
        for region in office.holidays {
            for holiday in HolidayData.holidays(on: day, in: region) {
                result.append((describe(event, day, holiday, region, city: partnership.city), hint))
            }
        }
        for region in partnership.holidays {
            for holiday in HolidayData.holidays(on: day, in: region) {
                result.append((describe(event, day, holiday, region, city: partnership.partner), hint))
            }
        }
        for closure in office.closures where closure.contains(day) {
            result.append((
                "event \"\(event.id)\" on \(day) falls in the office's closure \"\(closure.name)\"",
                "move the event, or plan who is there that day"
            ))
        }
        return result
    }

    /// `event "jazz" on 2027-07-21 is Belgium's National Day (Nationale feestdag) in Brüssel`.
    private static func describe(
        _ event: Event, _ day: LocalDate, _ holiday: PublicHoliday, _ region: HolidayRegion, city: String
    ) -> String {
        let country = HolidayData.country(region)
        let english = holiday.name(in: "en")
        let local = holiday.name(in: country?.language ?? "en")
        let name = local == english ? english : "\(english) (\(local))"
        let area = region.subdivision.flatMap { country?.subdivisions[$0]?["en"] } ?? country?.name(in: "en")
        let place = area.map { $0 + "'s" } ?? region.description
        if holiday.isSubstitute {
            return "event \"\(event.id)\" on \(day) is the substitute day for \(place) \(name) in \(city)"
        }
        return "event \"\(event.id)\" on \(day) is \(place) \(name) in \(city)"
    }
}
