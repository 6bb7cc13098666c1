/// HTTP dates (RFC 9110 §5.6.7): the IMF-fixdate partnerd sends, and the three forms a recipient must accept.
enum HTTPDate {
    private static let weekdays = ["Mon", "Tue", "Wed", "Thu", "Fri", "Sat", "Sun"]
    private static let months = ["Jan", "Feb", "Mar", "Apr", "May", "Jun", "Jul", "Aug", "Sep", "Oct", "Nov", "Dec"]

    /// `Sun, 06 Nov 1994 08:49:37 GMT`.
    static func format(_ instant: Instant) -> String {
        let utc = instant.utc
        let weekday = weekdays[utc.date.weekday.rawValue - 1]
        let month = months[utc.date.month - 1]
        return "\(weekday), \(twoDigits(utc.date.day)) \(month) \(utc.date.year) \(utc.time) GMT"
    }

    /// Parses an IMF-fixdate, the obsolete RFC 850 form (`Sunday, 06-Nov-94 08:49:37 GMT`) or asctime
    /// (`Sun Nov  6 08:49:37 1994`); `nil` for anything else, which RFC 9110 §13.1.3 says to ignore.
    static func parse(_ text: String) -> Instant? {
        let words = text.split(whereSeparator: { $0 == " " || $0 == "," }).map(String.init)
        var day: Int?
        var month: Int?
        var year: Int?
        var time: LocalTime?
        switch words.count {
        case 6 where words[5] == "GMT":  // IMF-fixdate: Sun 06 Nov 1994 08:49:37 GMT
            day = Int(words[1])
            month = months.firstIndex(of: words[2]).map { $0 + 1 }
            year = Int(words[3])
            time = LocalTime(text: words[4])
        case 4 where words[3] == "GMT":  // RFC 850: Sunday 06-Nov-94 08:49:37 GMT
            let parts = words[1].split(separator: "-").map(String.init)
            guard parts.count == 3, let shortYear = Int(parts[2]), parts[2].count == 2 else { return nil }
            day = Int(parts[0])
            month = months.firstIndex(of: parts[1]).map { $0 + 1 }
            // RFC 9110 §5.6.7: a two-digit year more than 50 years in the future is in the past century.
            year = shortYear < 70 ? 2000 + shortYear : 1900 + shortYear
            time = LocalTime(text: words[2])
        case 5:  // asctime: Sun Nov 6 08:49:37 1994
            month = months.firstIndex(of: words[1]).map { $0 + 1 }
            day = Int(words[2])
            time = LocalTime(text: words[3])
            year = Int(words[4])
        default:
            return nil
        }
        guard let day, let month, let year, let time, let date = LocalDate(year: year, month: month, day: day) else {
            return nil
        }
        return Instant(secondsSinceEpoch: LocalDateTime(date: date, time: time).wallSeconds)
    }

    private static func twoDigits(_ value: Int) -> String { value < 10 ? "0\(value)" : "\(value)" }
}
