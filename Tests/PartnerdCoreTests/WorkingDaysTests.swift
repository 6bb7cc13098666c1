import Foundation
import Testing
@testable import PartnerdCore

/// Berlin's office keeps Berlin's holidays; a channel for the partner's office in Brussels keeps Belgium's, at 08:30
/// Brussels time. Pfingstmontag 2027 is Monday 17 May; Belgium's national day, Wednesday 21 July 2027; German Unity
/// Day, Tuesday 3 October 2028.
private func workingDaysConfig(rule: String = "before", extra: String = "") -> String {
    """
    [daemon]
    timezone = "Europe/Berlin"
    notify_at = "09:00"
    holidays = "DE-BE"

    [reminders]
    channels = ["bruxelles"]
    on_closed_day = "\(rule)"

    [[channel]]
    id = "bruxelles"
    type = "exec"
    command = ["/usr/local/bin/notify-brussels"]
    language = "fr"
    timezone = "Europe/Brussels"
    notify_at = "08:30"
    holidays = "BE"

    \(extra)
    [[partnership]]
    id = "berlin-bruessel"
    city = "Berlin"
    partner = "Brüssel"
    country = "BE"
    signed = 1992-06-01
    status = "suspended"

    [[partnership.event]]
    id = "fest"
    title = "Fest"
    start = 2027-05-23
    remind = ["8d", "6d"]

    [[partnership.event]]
    id = "jazz"
    title = "Jazz"
    start = 2027-07-28
    remind = ["7d"]

    [[partnership.event]]
    id = "einheit"
    title = "Empfang"
    start = 2028-10-10T18:00:00
    remind = ["7d"]
    """
}

@Suite("Working days: reminders off weekends, holidays and closures")
struct WorkingDaysTests {
    let berlin = Zone(identifier: "Europe/Berlin")!
    let brussels = Zone(identifier: "Europe/Brussels")!

    private func planner(_ toml: String) throws -> Planner {
        let result = load(toml)
        return Planner(configuration: try #require(result.configuration, "\(result.issues.map(\.rendered))"))
    }

    private func occurrence(_ plan: Planner, _ event: String, on day: String) throws -> Occurrence {
        let date = try #require(LocalDate(iso: day))
        return try #require(plan.occurrences(in: date...date).first { $0.event.rawValue == event })
    }

    private func deliveries(_ plan: Planner, on day: String, in zone: Zone) throws -> [Delivery] {
        let date = try #require(LocalDate(iso: day))
        return plan.deliveries(dueIn: zone.startOfDay(date)..<zone.startOfDay(date.adding(days: 1)))
    }

    @Test("a reminder due on the Saturday before Whit Monday comes on Friday at notify_at, one due on the holiday too")
    func before() throws {
        let plan = try planner(workingDaysConfig())
        let fest = try occurrence(plan, "fest", on: "2027-05-23")
        #expect(fest.reminders.map { berlin.isoString($0.due) } == ["2027-05-14T09:00:00+02:00", "2027-05-14T09:00:00+02:00"])
        let eight = try #require(fest.reminders.first { $0.lead.text == "8d" })
        let six = try #require(fest.reminders.first { $0.lead.text == "6d" })
        #expect(berlin.isoString(try #require(eight.moved).from) == "2027-05-15T09:00:00+02:00")
        let texts = Texts(language: .de)
        #expect(texts.moved(try #require(eight.moved)) == "verschoben vom Samstag, 15. Mai 2027: kein Arbeitstag")
        #expect(texts.moved(try #require(six.moved)) == "verschoben vom Montag, 17. Mai 2027: Pfingstmontag")
        #expect(Texts(language: .en).moved(try #require(six.moved)) == "moved from Monday, 17 May 2027: Whit Monday")
        // The scheduler finds them on the Friday, for the journal and the channel, and nothing on the Saturday.
        let friday = try deliveries(plan, on: "2027-05-14", in: berlin).filter { $0.reminder.occurrence.event.rawValue == "fest" }
        #expect(friday.count == 4)
        #expect(friday.filter { $0.recipient == .journal }.allSatisfy { berlin.isoString($0.due) == "2027-05-14T09:00:00+02:00" })
        #expect(friday.filter { $0.recipient != .journal }.allSatisfy { brussels.isoString($0.due) == "2027-05-14T08:30:00+02:00" })
        #expect(try deliveries(plan, on: "2027-05-15", in: berlin).isEmpty)
        #expect(try deliveries(plan, on: "2027-05-17", in: berlin).isEmpty)
    }

    @Test("after: the next working day, Tuesday after Whit Monday; keep: the Saturday")
    func afterAndKeep() throws {
        let after = try occurrence(try planner(workingDaysConfig(rule: "after")), "fest", on: "2027-05-23")
        #expect(after.reminders.map { berlin.isoString($0.due) } == ["2027-05-18T09:00:00+02:00", "2027-05-18T09:00:00+02:00"])
        let keep = try occurrence(try planner(workingDaysConfig(rule: "keep")), "fest", on: "2027-05-23")
        #expect(keep.reminders.map { berlin.isoString($0.due) } == ["2027-05-15T09:00:00+02:00", "2027-05-17T09:00:00+02:00"])
        #expect(keep.reminders.allSatisfy { $0.moved == nil })
    }

    @Test("after never passes the occurrence: a reminder that would come after it goes to the day before")
    func afterStopsAtTheOccurrence() throws {
        // Sunday 23 May's "1d" reminder is due on the Saturday; the next working day is after the festival.
        let toml = workingDaysConfig(rule: "after").replacingOccurrences(of: "remind = [\"8d\", \"6d\"]", with: "remind = [\"1d\"]")
        let fest = try occurrence(try planner(toml), "fest", on: "2027-05-23")
        #expect(fest.reminders.map { berlin.isoString($0.due) } == ["2027-05-21T09:00:00+02:00"])
    }

    @Test("the channel in Brussels moves by Belgium's holidays, the journal by Berlin's")
    func twoCalendars() throws {
        let plan = try planner(workingDaysConfig())
        // 21 July: Belgium's national day, a working day in Berlin.
        let july = try deliveries(plan, on: "2027-07-21", in: berlin)
        #expect(july.map(\.recipient) == [.journal])
        let moved = try deliveries(plan, on: "2027-07-20", in: brussels)
        #expect(moved.map(\.recipient) == [.channel(ChannelID(rawValue: "bruxelles"))])
        #expect(brussels.isoString(try #require(moved.first).due) == "2027-07-20T08:30:00+02:00")
        let message = ChannelMessage.reminder(
            try #require(moved.first), late: false, channel: try #require(plan.configuration.channels.first),
            configuration: plan.configuration)
        #expect(message.text.hasSuffix("(déplacé du mercredi 21 juillet 2027 : Fête nationale)"))
        #expect(message.items.first?.movedReason == "Fête nationale")
        #expect(message.items.first?.movedFrom == "2027-07-21T08:30:00+02:00")
        // 3 October 2028: German Unity Day; a timed event's reminder moves for Berlin only, to Monday at 09:00.
        let october = try deliveries(plan, on: "2028-10-02", in: berlin)
        #expect(october.map(\.recipient) == [.journal])
        #expect(berlin.isoString(try #require(october.first).due) == "2028-10-02T09:00:00+02:00")
        let kept = try deliveries(plan, on: "2028-10-03", in: brussels)
        #expect(kept.map(\.recipient) == [.channel(ChannelID(rawValue: "bruxelles"))])
        #expect(brussels.isoString(try #require(kept.first).due) == "2028-10-03T18:00:00+02:00")
    }

    @Test("closures: a span, and the same days every year across the new year")
    func closures() throws {
        let toml = workingDaysConfig(extra: """
            [[closure]]
            name = "Betriebsausflug"
            date = 2027-07-14

            [[closure]]
            name = "Weihnachtspause"
            from = 2026-12-24
            until = 2027-01-01
            yearly = true

            """)
            .replacingOccurrences(of: "start = 2027-07-28\nremind = [\"7d\"]", with: "start = 2027-07-21\nremind = [\"7d\"]")
        let plan = try planner(toml)
        let jazz = try occurrence(plan, "jazz", on: "2027-07-21")
        let reminder = try #require(jazz.reminders.first)
        #expect(berlin.isoString(reminder.due) == "2027-07-13T09:00:00+02:00")
        #expect(Texts(language: .de).moved(try #require(reminder.moved)) == "verschoben vom Mittwoch, 14. Juli 2027: Betriebsausflug")
        let calendar = plan.configuration.daemon.workingDays
        #expect(calendar.closedReason(on: LocalDate(year: 2030, month: 12, day: 30)!) == .closure("Weihnachtspause"))
        #expect(calendar.closedReason(on: LocalDate(year: 2031, month: 1, day: 1)!) != nil)
        #expect(calendar.isWorkingDay(LocalDate(year: 2031, month: 1, day: 2)!))
        // The channel names its own holidays: the office's closures are not its.
        let channel = try #require(plan.configuration.channels.first)
        #expect(channel.workingDays.isWorkingDay(LocalDate(year: 2027, month: 7, day: 14)!))
    }

    @Test("partnerships and events override on_closed_day; partner holidays come from country and subdivision")
    func overrides() throws {
        let toml = workingDaysConfig()
            .replacingOccurrences(of: "status = \"suspended\"\n", with: "status = \"suspended\"\non_closed_day = \"keep\"\nsubdivision = \"BRU\"\n")
        let result = load(toml)
        // BRU is not a subdivision the data has for Belgium: the error says what is known.
        #expect(result.configuration == nil)
        #expect(result.errors.contains { $0.rendered.contains("no public holidays known for BE-BRU") })
        let plan = try planner(workingDaysConfig().replacingOccurrences(
            of: "status = \"suspended\"\n", with: "status = \"suspended\"\non_closed_day = \"keep\"\n"))
        #expect(try occurrence(plan, "fest", on: "2027-05-23").reminders.allSatisfy { $0.moved == nil })
        #expect(plan.configuration.partnerships.first?.holidays == [HolidayRegion(country: "BE")])
        let event = try planner(workingDaysConfig(rule: "keep").replacingOccurrences(
            of: "title = \"Fest\"\n", with: "title = \"Fest\"\non_closed_day = \"before\"\n"))
        #expect(try occurrence(event, "fest", on: "2027-05-23").reminders.allSatisfy { $0.moved != nil })
    }

    @Test("config errors: an unknown weekday, no working days, an unknown region, a closure the wrong way round")
    func errors() {
        func errors(_ daemon: String, _ extra: String = "") -> [String] {
            load("[daemon]\n\(daemon)\n\(extra)\n" + minimalPartnership).errors.map(\.rendered)
        }
        #expect(errors("workdays = [\"mon\", \"tues\"]").contains { $0.contains("\"tues\" is not a day of the week") && $0.contains("did you mean \"tue\"") })
        #expect(errors("workdays = []").contains { $0.contains("no working days") })
        #expect(errors("holidays = \"DE-XY\"").contains { $0.contains("no public holidays known for DE-XY") && $0.contains("DE-BE") })
        #expect(errors("holidays = \"NZ\"").contains { $0.contains("no public holidays known for the country NZ") })
        #expect(errors("holidays = \"Berlin\"").contains { $0.contains("is not a country or subdivision code") })
        #expect(errors("", "[[closure]]\nname = \"x\"\nfrom = 2027-01-05\nuntil = 2027-01-01\n").contains { $0.contains("ends (2027-01-01) before it begins") })
        #expect(errors("", "[[closure]]\nname = \"x\"\n").contains { $0.contains("the closure has no days") })
        #expect(errors("", "[reminders]\non_closed_day = \"later\"\n").contains { $0.contains("\"later\" is not one of before, after, keep") })
    }
}

@Suite("check: events on a public holiday of either city, or in a closure")
struct HolidayConflictTests {
    @Test("the partner's national day, the office's holiday and closure, each named with the date")
    func conflicts() throws {
        let result = load(workingDaysConfig(extra: """
            [[closure]]
            name = "Betriebsausflug"
            date = 2027-05-17

            """).replacingOccurrences(of: "start = 2027-07-28\n", with: "start = 2027-07-21\n")
            .replacingOccurrences(of: "start = 2027-05-23\n", with: "start = 2027-05-16\nend = 2027-05-17\n"))
        let configuration = try #require(result.configuration, "\(result.issues.map(\.rendered))")
        let warnings = HolidayConflicts.warnings(
            in: configuration, from: LocalDate(year: 2027, month: 1, day: 1)!, through: LocalDate(year: 2028, month: 12, day: 31)!)
        let messages = warnings.map(\.message)
        #expect(messages.contains("event \"jazz\" on 2027-07-21 is Belgium's National Day (Nationale feestdag) in Brüssel"))
        #expect(messages.contains("event \"fest\" on 2027-05-16 is Belgium's Whit Sunday (Pinksteren) in Brüssel"))
        #expect(messages.contains("event \"fest\" on 2027-05-17 is Berlin's Whit Monday (Pfingstmontag) in Berlin"))
        #expect(messages.contains("event \"fest\" on 2027-05-17 is Belgium's Whit Monday (Pinkstermaandag) in Brüssel"))
        #expect(messages.contains("event \"fest\" on 2027-05-17 falls in the office's closure \"Betriebsausflug\""))
        #expect(messages.count == 5)
        #expect(warnings.allSatisfy { $0.severity == .warning && $0.hint != nil })
        #expect(warnings.first { $0.message.contains("jazz") }?.rendered.contains("partnership \"berlin-bruessel\"") == true)
        // Outside the range nothing is looked at.
        #expect(HolidayConflicts.warnings(
            in: configuration, from: LocalDate(year: 2029, month: 1, day: 1)!, through: LocalDate(year: 2029, month: 12, day: 31)!)
            .isEmpty)
    }
}

@Suite("feed.partner_holidays: the partner's public holidays in its partnership's feed")
struct PartnerHolidayFeedTests {
    private func rendering(partnerHolidays: Bool, language: String = "de") throws -> FeedRendering {
        let toml = """
            [daemon]
            timezone = "Europe/Berlin"
            language = "\(language)"

            [feed]
            partner_holidays = \(partnerHolidays)

            """ + minimalPartnership + "\ntimezone = \"Europe/Brussels\"\n"
        let configuration = try #require(load(toml).configuration)
        // 2027-03-01: the window runs a year back and five years ahead.
        let now = Zone.utc.instant(for: LocalDateTime(year: 2027, month: 3, day: 1, hour: 12)!)
        return FeedRenderer(configuration: configuration).render(revisions: .empty, now: now)
    }

    @Test("all-day, transparent, titled in the feed's language, with their own category and a stable UID")
    func holidays() throws {
        let feed = ICalendarFeedTests.text(
            try rendering(partnerHolidays: true), FeedKey(partnership: PartnershipID(rawValue: "berlin-bruessel")))
        let uid = "holiday-be-nationale-feestdag-20270721.berlin-bruessel@partnerd"
        let lines = ICalendarFeedTests.event(feed, uid: uid)
        #expect(lines.contains("SUMMARY:Feiertag in Brüssel: Nationalfeiertag"))
        #expect(lines.contains("CATEGORIES:Feiertag"))
        #expect(lines.contains("TRANSP:TRANSPARENT"))
        #expect(lines.contains("DTSTART;VALUE=DATE:20270721"))
        #expect(lines.contains("DTEND;VALUE=DATE:20270722"))
        // A year back to five ahead: Belgium's twelve holidays a year.
        let count = feed.components(separatedBy: "CATEGORIES:Feiertag\r\n").count - 1
        #expect(count == 72, "\(count)")
        // Not in the feed of every partnership, and not without the setting.
        #expect(!ICalendarFeedTests.text(try rendering(partnerHolidays: true)).contains("holiday-be-"))
        let off = ICalendarFeedTests.text(
            try rendering(partnerHolidays: false), FeedKey(partnership: PartnershipID(rawValue: "berlin-bruessel")))
        #expect(!off.contains("holiday-be-"))
        let english = ICalendarFeedTests.text(
            try rendering(partnerHolidays: true, language: "en"), FeedKey(partnership: PartnershipID(rawValue: "berlin-bruessel")))
        #expect(ICalendarFeedTests.event(english, uid: uid).contains("SUMMARY:Public holiday in Brüssel: National Day"))
    }
}

@Suite("status: a moved reminder says why")
struct MovedReminderStatusTests {
    @Test("the next reminders carry where they were due and why they moved, and the view shows it")
    func status() throws {
        let plan = Planner(configuration: try #require(load(workingDaysConfig()).configuration))
        let day = LocalDate(year: 2027, month: 5, day: 23)!
        let fest = try #require(plan.occurrences(in: day...day).first { $0.event.rawValue == "fest" })
        let eight = try #require(fest.reminders.first { $0.lead.text == "8d" })
        let berlin = try #require(Zone(identifier: "Europe/Berlin"))
        let reminder = ReminderStatus(ScheduledReminder(occurrence: fest, reminder: eight), zone: berlin, texts: Texts(language: .de))
        #expect(reminder.due == "2027-05-14T09:00:00+02:00")
        #expect(reminder.movedFrom == "2027-05-15T09:00:00+02:00")
        #expect(reminder.movedReason == "verschoben vom Samstag, 15. Mai 2027: kein Arbeitstag")
        let decoded = try JSONDecoder().decode(ReminderStatus.self, from: try JSONEncoder().encode(reminder))
        #expect(decoded == reminder)
        var status = ControlFixtures.status()
        status.nextReminders = [reminder]
        let text = DaemonStatusView(colour: false).render(status, now: berlin.instant(for: LocalDateTime(date: day, time: .midnight)))
        #expect(text.contains("Fest (berlin-bruessel, 2027-05-23) verschoben vom Samstag, 15. Mai 2027: kein Arbeitstag"))
    }
}
