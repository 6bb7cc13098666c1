/// The dates of Easter Sunday, which fix the movable feasts: Good Friday, Ascension, Whit Monday, Corpus Christi.
public enum Easter {
    /// Easter Sunday of the Western churches, in the Gregorian calendar: the computus of the Gregorian reform,
    /// in the arithmetic form of Meeus (Astronomical Algorithms, ch. 8), valid for every Gregorian year.
    public static func western(_ year: Int) -> LocalDate {
        let a = year % 19
        let b = year / 100
        let c = year % 100
        let d = b / 4
        let e = b % 4
        let f = (b + 8) / 25
        let g = (b - f + 1) / 3
        let h = (19 * a + b - d - g + 15) % 30
        let i = c / 4
        let k = c % 4
        let l = (32 + 2 * e + 2 * i - h - k) % 7
        let m = (a + 11 * h + 22 * l) / 451
        let month = (h + l - 7 * m + 114) / 31
        let day = (h + l - 7 * m + 114) % 31 + 1
        return LocalDate(year: year, month: month, day: day) ?? LocalDate(daysSinceEpoch: 0)
    }

    /// Easter Sunday of the Orthodox churches: the Julian computus, given as the Gregorian date of that day.
    public static func orthodox(_ year: Int) -> LocalDate {
        let a = year % 4
        let b = year % 7
        let c = year % 19
        let d = (19 * c + 15) % 30
        let e = (2 * a + 4 * b - d + 34) % 7
        let month = (d + e + 114) / 31
        let day = (d + e + 114) % 31 + 1
        return julian(year: year, month: month, day: day)
    }

    /// The Gregorian date of a day given in the Julian calendar (the calendar of Orthodox feasts).
    public static func julian(year: Int, month: Int, day: Int) -> LocalDate {
        let shift = (14 - month) / 12
        let y = year + 4800 - shift
        let m = month + 12 * shift - 3
        let julianDay = day + (153 * m + 2) / 5 + 365 * y + y / 4 - 32_083
        return LocalDate(daysSinceEpoch: julianDay - 2_440_588)
    }
}
