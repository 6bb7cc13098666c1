/// The two-letter iCalendar weekday names.
enum WeekdayToken {
    static let names: [(String, Weekday)] = [
        ("MO", .monday), ("TU", .tuesday), ("WE", .wednesday), ("TH", .thursday), ("FR", .friday),
        ("SA", .saturday), ("SU", .sunday),
    ]

    static func weekday(_ token: some StringProtocol) -> Weekday? {
        let upper = token.uppercased()
        return names.first(where: { $0.0 == upper })?.1
    }

    static func token(_ weekday: Weekday) -> String {
        names.first(where: { $0.1 == weekday })?.0 ?? "MO"
    }
}
