import Testing
@testable import PartnerdCore

@Suite("Civil time and zones")
struct TimeTests {
    @Test("day counts round-trip over four centuries")
    func dayCountRoundTrip() throws {
        var date = try #require(LocalDate(year: 1900, month: 1, day: 1))
        let start = date.daysSinceEpoch
        for offset in 0..<146_097 {
            let back = LocalDate(daysSinceEpoch: start + offset)
            #expect(back == date)
            date = LocalDate(daysSinceEpoch: date.daysSinceEpoch + 1)
        }
        #expect(LocalDate(daysSinceEpoch: 0) == LocalDate(year: 1970, month: 1, day: 1))
        #expect(LocalDate(year: 1992, month: 6, day: 1)?.weekday == .monday)
        #expect(LocalDate(year: 2022, month: 6, day: 1)?.weekday == .wednesday)
    }

    @Test("invalid dates are rejected", arguments: [(2023, 2, 29), (2022, 2, 30), (2022, 4, 31), (2022, 13, 1), (1900, 2, 29)])
    func invalidDates(year: Int, month: Int, day: Int) {
        #expect(LocalDate(year: year, month: month, day: day) == nil)
    }

    @Test("month arithmetic clamps to the month's last day", arguments: [
        ("2022-03-31", -1, "2022-02-28"), ("2024-03-31", -1, "2024-02-29"), ("2022-06-01", -6, "2021-12-01"),
        ("2024-02-29", -12, "2023-02-28"), ("2022-01-31", 1, "2022-02-28"), ("2022-11-26", -12, "2021-11-26"),
    ])
    func monthArithmetic(start: String, months: Int, expected: String) throws {
        let date = try #require(LocalDate(iso: start))
        #expect(date.adding(months: months).description == expected)
    }

    @Test("wall times in gaps move forward, overlaps take the first instant", arguments: [
        ("Europe/Berlin", "2022-03-27T02:30:00", "2022-03-27T03:30:00+02:00"),
        ("Europe/Berlin", "2022-10-30T02:30:00", "2022-10-30T02:30:00+02:00"),
        ("Europe/Berlin", "2022-11-26T10:00:00", "2022-11-26T10:00:00+01:00"),
        ("America/New_York", "2022-03-13T02:15:00", "2022-03-13T03:15:00-04:00"),
        ("America/New_York", "2022-11-06T01:30:00", "2022-11-06T01:30:00-04:00"),
        ("Australia/Lord_Howe", "2022-10-02T02:10:00", "2022-10-02T02:40:00+11:00"),
        ("Asia/Kathmandu", "2022-01-01T00:00:00", "2022-01-01T00:00:00+05:45"),
    ])
    func gapsAndOverlaps(zoneName: String, wall: String, expected: String) throws {
        let zone = try #require(Zone(identifier: zoneName))
        let local = try #require(LocalDateTime(isoText: wall))
        #expect(zone.isoString(zone.instant(for: local)) == expected)
    }

    @Test("unknown zones are rejected")
    func unknownZone() {
        #expect(Zone(identifier: "Europe/Brussel") == nil)
        #expect(Zone(identifier: "Mars/Olympus") == nil)
        #expect(Zone(identifier: "Europe/Brussels") != nil)
    }
}

extension LocalDateTime {
    init?(isoText: String) {
        let halves = isoText.split(separator: "T")
        guard halves.count == 2, let date = LocalDate(iso: halves[0]), let time = LocalTime(text: halves[1]) else {
            return nil
        }
        self.init(date: date, time: time)
    }
}
