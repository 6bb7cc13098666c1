import Foundation
import Testing
@testable import PartnerdCore

/// Dates, times and offsets are written into string storage directly; these compare them with the same text put
/// together the plain way, part by part.
@Suite("Dates and times as text")
struct DigitsTests {
    /// `value` in decimal, zero-padded on the left to `width` characters.
    static func padded(_ value: Int, _ width: Int) -> String {
        let digits = String(value)
        return String(repeating: "0", count: max(0, width - digits.count)) + digits
    }

    static func expectedISO(_ date: LocalDate) -> String {
        "\(padded(date.year, 4))-\(padded(date.month, 2))-\(padded(date.day, 2))"
    }

    static func expectedISO(_ time: LocalTime) -> String {
        "\(padded(time.hour, 2)):\(padded(time.minute, 2)):\(padded(time.second, 2))"
    }

    @Test("every day of four centuries and the calendar's ends, in both forms")
    func dates() throws {
        var days = Array(LocalDate(year: 1900, month: 1, day: 1)!.daysSinceEpoch...LocalDate(year: 2300, month: 1, day: 1)!.daysSinceEpoch)
        days += [LocalDate(year: 1, month: 1, day: 1)!.daysSinceEpoch, LocalDate(year: 9999, month: 12, day: 31)!.daysSinceEpoch]
        days += [LocalDate(year: 10, month: 2, day: 3)!.daysSinceEpoch, LocalDate(year: 999, month: 11, day: 30)!.daysSinceEpoch]
        for day in days {
            let date = LocalDate(daysSinceEpoch: day)
            let expected = Self.expectedISO(date)
            #expect(date.description == expected)
            #expect(date.basicFormat == expected.replacingOccurrences(of: "-", with: ""))
            #expect(LocalDate(iso: date.description) == date)
        }
    }

    @Test("every second of a day, alone and with a date")
    func times() throws {
        let date = try #require(LocalDate(year: 2026, month: 12, day: 5))
        for second in 0..<86_400 {
            let time = LocalTime(secondsSinceMidnight: second)
            let expected = Self.expectedISO(time)
            #expect(time.description == expected)
            let wall = LocalDateTime(date: date, time: time)
            #expect(wall.description == "2026-12-05T" + expected)
            #expect(wall.basicFormat == "20261205T" + expected.replacingOccurrences(of: ":", with: ""))
        }
    }

    @Test(
        "an instant with its zone's offset, east and west, whole and odd minutes and seconds",
        arguments: [0, 3600, -3600, 5 * 3600 + 1800, -(9 * 3600 + 30 * 60), 14 * 3600, -12 * 3600, 1172, -(4 * 3600 + 56 * 60 + 2)])
    func offsets(seconds: Int) throws {
        let zone = Zone(fixedIdentifier: "Test/Offset", offsetSeconds: Int32(seconds))
        let magnitude = abs(seconds)
        var suffix = (seconds < 0 ? "-" : "+") + "\(Self.padded(magnitude / 3600, 2)):\(Self.padded(magnitude / 60 % 60, 2))"
        if magnitude % 60 != 0 { suffix += ":\(Self.padded(magnitude % 60, 2))" }
        for utcSeconds in stride(from: Int64(-2_208_988_800), through: 4_102_444_800, by: 7_777_777) {
            let instant = Instant(secondsSinceEpoch: utcSeconds)
            let wall = LocalDateTime(wallSeconds: utcSeconds + Int64(seconds))
            #expect(zone.isoString(instant) == "\(Self.expectedISO(wall.date))T\(Self.expectedISO(wall.time))" + suffix)
        }
    }

    @Test("numbers wider than their field keep every digit")
    func wide() {
        #expect(pad(7, 2) == "07")
        #expect(pad(0, 4) == "0000")
        #expect(pad(12_345, 4) == "12345")
        #expect(pad(123, 2) == "123")
        let late = LocalTime(secondsSinceMidnight: 100 * 3600 + 61)
        #expect(late.description == "100:01:01")
    }
}
