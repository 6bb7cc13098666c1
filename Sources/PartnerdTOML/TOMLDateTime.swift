/// A calendar date as TOML writes it (`1992-06-01`), checked against the Gregorian calendar when read.
public struct TOMLDate: Sendable, Hashable {
    public var year: Int
    public var month: Int
    public var day: Int

    public init(year: Int, month: Int, day: Int) {
        self.year = year
        self.month = month
        self.day = day
    }

    /// Whether the day exists in the proleptic Gregorian calendar.
    public static func isValid(year: Int, month: Int, day: Int) -> Bool {
        guard (1...12).contains(month), day >= 1 else { return false }
        let lengths = [31, 28, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31]
        let leap = year % 4 == 0 && (year % 100 != 0 || year % 400 == 0)
        return day <= (month == 2 && leap ? 29 : lengths[month - 1])
    }
}

/// A time of day as TOML writes it (`10:00:00`, `07:32:00.999999`).
///
/// Fractions finer than a nanosecond are cut, not rounded (TOML 1.0.0, "Offset Date-Time").
/// `fractionDigits` keeps how many digits the document wrote (at most nine), so the value can be written back as it was.
public struct TOMLTime: Sendable, Hashable {
    public var hour: Int
    public var minute: Int
    public var second: Int
    public var nanosecond: Int
    public var fractionDigits: Int

    public init(hour: Int, minute: Int, second: Int, nanosecond: Int = 0, fractionDigits: Int = 0) {
        self.hour = hour
        self.minute = minute
        self.second = second
        self.nanosecond = nanosecond
        self.fractionDigits = fractionDigits
    }
}

/// A date with its time of day and, for an offset date-time, the offset from UTC.
public struct TOMLDateTime: Sendable, Hashable {
    public var date: TOMLDate
    public var time: TOMLTime
    /// Minutes east of UTC; `nil` for a local date-time. `Z` is 0.
    public var offsetMinutes: Int?

    public init(date: TOMLDate, time: TOMLTime, offsetMinutes: Int? = nil) {
        self.date = date
        self.time = time
        self.offsetMinutes = offsetMinutes
    }
}

extension TOMLDate: CustomStringConvertible {
    /// `YYYY-MM-DD`, as RFC 3339 writes a full date.
    public var description: String { pad(year, 4) + "-" + pad(month, 2) + "-" + pad(day, 2) }
}

extension TOMLTime: CustomStringConvertible {
    /// `HH:MM:SS`, with the fraction in as many digits as the document gave.
    public var description: String {
        var text = pad(hour, 2) + ":" + pad(minute, 2) + ":" + pad(second, 2)
        if fractionDigits > 0 {
            var fraction = nanosecond
            for _ in fractionDigits..<9 { fraction /= 10 }
            text += "." + pad(fraction, fractionDigits)
        }
        return text
    }
}

extension TOMLDateTime: CustomStringConvertible {
    /// RFC 3339: `1979-05-27T07:32:00Z`, `1979-05-27T00:32:00-07:00`, or without offset for a local date-time.
    public var description: String {
        var text = "\(date)T\(time)"
        if let offsetMinutes {
            if offsetMinutes == 0 {
                text += "Z"
            } else {
                let magnitude = abs(offsetMinutes)
                text += (offsetMinutes < 0 ? "-" : "+") + pad(magnitude / 60, 2) + ":" + pad(magnitude % 60, 2)
            }
        }
        return text
    }
}

/// `value` in at least `width` digits, with leading zeros.
func pad(_ value: Int, _ width: Int) -> String {
    let digits = String(value)
    return digits.count >= width ? digits : String(repeating: "0", count: width - digits.count) + digits
}
