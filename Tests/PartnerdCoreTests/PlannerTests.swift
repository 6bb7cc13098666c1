import Testing
@testable import PartnerdCore

@Suite("Occurrences and due times")
struct PlannerTests {
    func planner(_ toml: String) throws -> Planner {
        let result = load(toml)
        return Planner(configuration: try #require(result.configuration, "\(result.issues.map(\.rendered))"))
    }

    func dues(_ occurrence: Occurrence) -> [String] {
        occurrence.reminders.map { occurrence.zone.isoString($0.due) }
    }

    @Test("the 30th anniversary is a jubilee with the jubilee leads, at notify_at")
    func jubilee() throws {
        let plan = try planner("[daemon]\ntimezone = \"Europe/Berlin\"\n" + minimalPartnership + "\ntimezone = \"Europe/Brussels\"\n")
        let list = plan.occurrences(in: LocalDate(year: 2022, month: 1, day: 1)!...LocalDate(year: 2023, month: 12, day: 31)!)
        #expect(list.map(\.kind) == [.jubilee, .anniversary])
        #expect(list.map(\.anniversary) == [30, 31])
        #expect(
            dues(list[0]) == [
                "2021-06-01T09:00:00+02:00", "2021-12-01T09:00:00+01:00", "2022-03-01T09:00:00+01:00",
                "2022-05-02T09:00:00+02:00", "2022-05-31T09:00:00+02:00",
            ])
        #expect(dues(list[1]) == ["2023-05-02T09:00:00+02:00", "2023-05-31T09:00:00+02:00"])
        #expect(list[0].uid == "anniversary-30.berlin-bruessel@partnerd")
    }

    @Test("due times across DST changes keep the wall clock for days, the instant for hours", arguments: [
        ("Europe/Berlin", "2022-03-27T10:00:00", "1d", "2022-03-26T10:00:00+01:00"),
        ("Europe/Berlin", "2022-03-27T10:00:00", "12h", "2022-03-26T21:00:00+01:00"),
        ("Europe/Berlin", "2022-10-30T10:00:00", "1w", "2022-10-23T10:00:00+02:00"),
        ("Europe/Berlin", "2022-03-28T02:30:00", "1d", "2022-03-27T03:30:00+02:00"),
        ("America/New_York", "2022-03-13T12:00:00", "1d", "2022-03-12T12:00:00-05:00"),
        ("America/New_York", "2022-11-06T01:30:00", "1d 12h", "2022-11-04T13:30:00-04:00"),
        ("America/New_York", "2022-03-14T02:30:00", "1d", "2022-03-13T03:30:00-04:00"),
    ])
    func dst(zone: String, start: String, lead: String, expected: String) throws {
        // Every day a working day: this is about the clock, not about weekends.
        let plan = try planner(
            "[reminders]\non_closed_day = \"keep\"\n"
                + minimalPartnership + "\nstatus = \"suspended\"\n\n[[partnership.event]]\nid = \"e\"\ntitle = \"E\"\n"
                + "start = \(start)\ntimezone = \"\(zone)\"\nremind = [\"\(lead)\"]\n")
        let day = try #require(LocalDateTime(isoText: start)).date
        let occurrence = try #require(plan.occurrences(in: day...day).first)
        #expect(dues(occurrence) == [expected])
    }

    @Test(
        "all-day reminders fire at notify_at in the daemon's zone, whatever the partnership's zone",
        arguments: [
            ("Asia/Shanghai", "2026-03-14T09:00:00+01:00", "2026-04-12T09:00:00+02:00"),
            ("Asia/Jakarta", "2026-03-14T09:00:00+01:00", "2026-04-12T09:00:00+02:00"),
            ("America/New_York", "2026-03-14T09:00:00+01:00", "2026-04-12T09:00:00+02:00"),
            ("Europe/Berlin", "2026-03-14T09:00:00+01:00", "2026-04-12T09:00:00+02:00"),
        ])
    func allDayInDaemonZone(partnershipZone: String, thirtyDays: String, oneDay: String) throws {
        let plan = try planner(
            "[daemon]\ntimezone = \"Europe/Berlin\"\nnotify_at = \"09:00\"\n"
                + "workdays = [\"mon\", \"tue\", \"wed\", \"thu\", \"fri\", \"sat\", \"sun\"]\n"
                + minimalPartnership.replacingOccurrences(of: "1992-06-01", with: "1994-04-13")
                + "\ntimezone = \"\(partnershipZone)\"\n")
        let day = try #require(LocalDate(iso: "2026-04-13"))
        let occurrence = try #require(plan.occurrences(in: day...day).first)
        let berlin = try #require(Zone(identifier: "Europe/Berlin"))
        #expect(occurrence.reminders.map { berlin.isoString($0.due) } == [thirtyDays, oneDay])
        #expect(OccurrenceSummary(occurrence, zone: berlin).reminders.map(\.due) == [thirtyDays, oneDay])
        // The scheduler finds them at those instants.
        let due = try #require(occurrence.reminders.last?.due)
        #expect(plan.reminders(dueIn: due..<due.adding(seconds: 1)).map(\.occurrence.uid) == [occurrence.uid])
    }

    @Test("streamed a chunk at a time, the occurrences are those of the whole range, in the same order", arguments: [1, 3, 31])
    func streamed(chunkDays: Int) throws {
        var toml = "[daemon]\ntimezone = \"Europe/Berlin\"\n"
        for (index, zone) in ["Pacific/Kiritimati", "Pacific/Pago_Pago", "Asia/Tokyo", "America/New_York"].enumerated() {
            toml += minimalPartnership.replacingOccurrences(of: "berlin-bruessel", with: "p\(index)")
                .replacingOccurrences(of: "1992-06-01", with: "1992-06-0\(index + 1)")
                + "\ntimezone = \"\(zone)\"\n"
                + "\n[[partnership.event]]\nid = \"e\"\ntitle = \"E\"\nstart = 2026-05-30T23:30:00\n"
                + "rrule = \"FREQ=HOURLY;INTERVAL=7\"\n"
        }
        let plan = try planner(toml)
        let days = try #require(LocalDate(iso: "2026-05-28"))...(try #require(LocalDate(iso: "2026-06-12")))
        let whole = plan.occurrences(in: days).map(\.uid) + []
        let wholeStarts = plan.occurrences(in: days).map(\.startInstant)
        var streamed: [Instant] = []
        var uids: [String] = []
        plan.forEachOccurrence(in: days, chunkDays: chunkDays) {
            streamed.append($0.startInstant)
            uids.append($0.uid)
        }
        #expect(wholeStarts.count > 150)
        #expect(streamed == wholeStarts)
        #expect(uids == whole)
    }

    @Test(
        "a one-off event's start is found without expansion, the same as its recurrence set gives, at the range's edges",
        arguments: ["2026-06-01", "2026-06-01T00:00:00", "2026-06-03T23:59:59", "2026-05-31T23:59:59", "2026-06-04T00:00:00", "2026-06-04"])
    func oneOff(start: String) throws {
        let plan = try planner(
            "[daemon]\ntimezone = \"Europe/Berlin\"\n" + minimalPartnership
                + "\n[[partnership.event]]\nid = \"e\"\ntitle = \"E\"\nstart = \(start)\n")
        let event = try #require(plan.configuration.partnerships.first?.events.first)
        #expect(event.rule == nil)
        let days = try #require(LocalDate(iso: "2026-06-01"))...(try #require(LocalDate(iso: "2026-06-03")))
        let expanded = Array(
            event.recurrenceSet.occurrences(
                from: LocalDateTime(date: days.lowerBound, time: .midnight),
                through: LocalDateTime(date: days.upperBound, time: LocalTime(secondsSinceMidnight: 86_399))))
        #expect(plan.eventStarts(event, days: days) == expanded)
        #expect(expanded.count == (start.hasPrefix("2026-06-0") && !start.hasPrefix("2026-06-04") ? 1 : 0))
    }

    @Test("29 February signings follow leap_day", arguments: [
        ("feb28", "2021-02-28"), ("mar1", "2021-03-01"), ("skip", nil),
    ])
    func leapDay(rule: String, expected: String?) throws {
        let plan = try planner(
            minimalPartnership.replacingOccurrences(of: "1992-06-01", with: "2020-02-29") + "\nleap_day = \"\(rule)\"\n")
        let list = plan.occurrences(in: LocalDate(year: 2021, month: 1, day: 1)!...LocalDate(year: 2021, month: 12, day: 31)!)
        #expect(list.first?.start.date.description == expected)
        let leap = plan.occurrences(in: LocalDate(year: 2024, month: 1, day: 1)!...LocalDate(year: 2024, month: 12, day: 31)!)
        #expect(leap.map(\.start.date.description) == ["2024-02-29"])
    }

    @Test("suspended partnerships have no anniversaries but keep their events")
    func suspended() throws {
        let plan = try planner(
            minimalPartnership + "\nstatus = \"suspended\"\n\n[[partnership.event]]\nid = \"e\"\ntitle = \"E\"\n"
                + "start = 2022-11-26\nend = 2022-11-28\n")
        let list = plan.occurrences(in: LocalDate(year: 2022, month: 1, day: 1)!...LocalDate(year: 2022, month: 12, day: 31)!)
        #expect(list.map(\.kind) == [.event])
        #expect(list.first?.endText == "2022-11-28")
        #expect(list.first?.reminders.count == 2)
    }

    @Test("milestones decide jubilees")
    func milestones() throws {
        let plan = try planner("[reminders]\nmilestones = [31]\n" + minimalPartnership)
        let list = plan.occurrences(in: LocalDate(year: 2022, month: 1, day: 1)!...LocalDate(year: 2023, month: 12, day: 31)!)
        #expect(list.map(\.kind) == [.anniversary, .jubilee])
    }

    @Test("the scheduler's window finds reminders whose occurrence lies far ahead")
    func reminderWindow() throws {
        let plan = try planner(minimalPartnership)
        let from = Zone.utc.instant(for: LocalDateTime(year: 2021, month: 6, day: 1)!)
        let to = Zone.utc.instant(for: LocalDateTime(year: 2021, month: 6, day: 2)!)
        let due = plan.reminders(dueIn: from..<to)
        #expect(due.map(\.reminder.lead.text) == ["1y"])
        #expect(due.first?.occurrence.anniversary == 30)
    }

    @Test("the reminders due in each day of two years are exactly those of a brute-force walk over every occurrence")
    func remindersMatchBruteForce() throws {
        let plan = try planner(
            """
            [daemon]
            timezone = "Europe/Berlin"
            [reminders]
            events = ["7d", "1d"]
            anniversaries = ["30d", "1d"]
            jubilees = ["1y", "3mo", "1d"]
            milestones = [30, 35]
            [[partnership]]
            id = "berlin-bruessel"
            city = "Berlin"
            partner = "Brüssel"
            country = "BE"
            signed = 1992-06-01
            remind = ["2w"]
            [[partnership.event]]
            id = "jazz"
            title = "Jazz"
            start = 2022-11-26T20:00:00
            duration = "3h"
            rrule = "FREQ=MONTHLY;BYDAY=-1SA"
            remind = ["5d", "1d"]
            [[partnership.event]]
            id = "messe"
            title = "Messe"
            start = 2023-03-10
            end = 2023-03-12
            rrule = "FREQ=YEARLY"
            [[partnership]]
            id = "berlin-peking"
            city = "Berlin"
            partner = "Peking"
            country = "CN"
            signed = 1994-04-05
            timezone = "Asia/Shanghai"
            [[partnership.event]]
            id = "delegation"
            title = "Delegation"
            start = 2023-09-14T10:00:00
            remind = []
            """)
        let first = try #require(LocalDate(iso: "2022-10-01"))
        let everything = plan.occurrences(in: first.adding(days: -800)...first.adding(days: 1200))
        let zone = plan.configuration.daemon.zone
        for offset in 0..<730 {
            let day = first.adding(days: offset)
            let window = zone.startOfDay(day)..<zone.startOfDay(day.adding(days: 1))
            let expected = everything.flatMap { occurrence in
                occurrence.reminders.filter { window.contains($0.due) }.map {
                    ScheduledReminder(occurrence: occurrence, reminder: $0).key
                }
            }
            #expect(plan.reminders(dueIn: window).map(\.key).sorted() == expected.sorted(), "\(day)")
        }
    }
}
