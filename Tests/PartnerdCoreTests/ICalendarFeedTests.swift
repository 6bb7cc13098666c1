import Foundation
import Testing

@testable import PartnerdCore

@Suite("Feed rendering: components, revisions, determinism")
struct ICalendarFeedTests {
    static let berlin = Zone(identifier: "Europe/Berlin") ?? .utc
    static let newYork = Zone(identifier: "America/New_York") ?? .utc

    /// The table after its stored form (JSON, as the state directory keeps it) and back.
    static func roundTrip(_ table: FeedRevisionTable) -> FeedRevisionTable? {
        guard let data = try? JSONEncoder().encode(table) else { return nil }
        return try? JSONDecoder().decode(FeedRevisionTable.self, from: data)
    }

    static func date(_ text: String) -> LocalDate { LocalDate(iso: text) ?? LocalDate(daysSinceEpoch: 0) }

    static func dateTime(_ text: String) -> LocalDateTime {
        LocalDateTime(isoText: text) ?? LocalDateTime(wallSeconds: 0)
    }

    /// 2024-05-10T12:00:00Z.
    static let now = Instant(secondsSinceEpoch: 1_715_342_400)
    static let later = now.adding(seconds: 3 * 3600)

    static func concert(
        start: Event.Start = .dateTime(dateTime("2024-11-26T10:00:00")), description: String = "Jazz",
        rule: String? = nil, exceptions: [Event.Start] = [], isPrivate: Bool = false
    ) -> Event {
        Event(
            id: EventID(rawValue: "concert"), title: "Konzert „Jazz“; Berlin, Brüssel", start: start,
            length: .exact(seconds: 7200), location: "Haus der Statistik, Berlin", description: description,
            url: "https://example.org/konzert", zone: newYork, rule: rule.flatMap { try? RecurrenceRule(parsing: $0) },
            exceptionDates: exceptions, isPrivate: isPrivate)
    }

    static func configuration(
        events: [Event] = [concert()], alarms: Bool = false, privatePartnership: Bool = false
    ) -> Configuration {
        let festival = Event(
            id: EventID(rawValue: "festival"), title: "Festival", start: .date(date("2024-07-01")), length: .days(3),
            zone: berlin, isPrivate: true)
        let partnership = Partnership(
            id: PartnershipID(rawValue: "berlin-bruessel"), city: "Berlin", partner: "Brüssel", country: "BE",
            signed: date("1992-06-01"), zone: Zone(identifier: "Europe/Brussels") ?? .utc, events: events + [festival])
        let other = Partnership(
            id: PartnershipID(rawValue: "berlin-paris"), city: "Berlin", partner: "Paris", country: "FR",
            signed: date("1987-07-02"), zone: Zone(identifier: "Europe/Paris") ?? .utc, isPrivate: privatePartnership)
        var feed = FeedSettings()
        feed.alarms = alarms
        feed.token = "0123456789abcdef0123"
        return Configuration(
            daemon: DaemonSettings(zone: berlin, language: .de), feed: feed, reminders: .standard,
            partnerships: [partnership, other], files: [])
    }

    static func text(_ rendering: FeedRendering, _ key: FeedKey = .publicCalendar) -> String {
        String(decoding: rendering.feeds[key]?.bytes ?? [], as: UTF8.self).replacingOccurrences(of: "\r\n ", with: "")
    }

    /// The unfolded lines of the VEVENT with `uid`.
    static func event(_ text: String, uid: String) -> [Substring] {
        let lines = text.split(separator: "\r\n")
        guard let uidIndex = lines.firstIndex(of: Substring("UID:\(uid)")) else { return [] }
        let end = lines[uidIndex...].firstIndex(of: "END:VEVENT") ?? lines.endIndex
        return Array(lines[uidIndex..<end])
    }

    static let concertUID = "concert.berlin-bruessel@partnerd"

    @Test("the same configuration, table and day give byte-identical feeds")
    func deterministic() {
        let renderer = FeedRenderer(configuration: Self.configuration())
        let first = renderer.render(revisions: .empty, now: Self.now)
        let again = renderer.render(revisions: .empty, now: Self.now)
        #expect(first.feeds.feeds == again.feeds.feeds)
        // Rendering later the same day with the stored table changes nothing: DTSTAMP is when content changed.
        let restarted = FeedRenderer(configuration: Self.configuration()).render(
            revisions: first.revisions, now: Self.later)
        #expect(restarted.feeds.feeds == first.feeds.feeds)
        #expect(restarted.revisions == first.revisions)
        // A table that went through its file format gives the same result.
        let stored = Self.roundTrip(first.revisions)
        #expect(stored == first.revisions)
    }

    @Test("the calendar header (RFC 5545 §3.6, RFC 7986 §5)")
    func header() {
        let text = Self.text(FeedRenderer(configuration: Self.configuration()).render(revisions: .empty, now: Self.now))
        #expect(
            text.hasPrefix(
                "BEGIN:VCALENDAR\r\nVERSION:2.0\r\nPRODID:-//partnerd//partnerd \(PartnerdVersion.current)//DE\r\n"
                    + "CALSCALE:GREGORIAN\r\nNAME:Städtepartnerschaften\r\nX-WR-CALNAME:Städtepartnerschaften\r\n"
                    + "REFRESH-INTERVAL;VALUE=DURATION:PT12H\r\nX-PUBLISHED-TTL:PT12H\r\n"))
        #expect(!text.contains("METHOD"))
        #expect(text.hasSuffix("END:VCALENDAR\r\n"))
        #expect(!text.utf8.starts(with: [0xEF, 0xBB, 0xBF]))
    }

    @Test("a timed event: TZID with its VTIMEZONE, escaped text, SEQUENCE 0 and DTSTAMP at first sight")
    func timedEvent() {
        let text = Self.text(FeedRenderer(configuration: Self.configuration()).render(revisions: .empty, now: Self.now))
        #expect(
            Self.event(text, uid: Self.concertUID) == [
                "UID:concert.berlin-bruessel@partnerd", "DTSTAMP:20240510T120000Z", "SEQUENCE:0",
                "DTSTART;TZID=America/New_York:20241126T100000", "DTEND;TZID=America/New_York:20241126T120000",
                "SUMMARY:Konzert „Jazz“\\; Berlin\\, Brüssel", "LOCATION:Haus der Statistik\\, Berlin",
                "DESCRIPTION:Jazz", "URL:https://example.org/konzert",
            ])
        #expect(text.contains("BEGIN:VTIMEZONE\r\nTZID:America/New_York\r\n"))
        #expect(!text.contains("TZID:Europe/Berlin"), "all-day items need no VTIMEZONE")
    }

    @Test(
        "anniversaries: all-day with exclusive DTEND, transparent, categorised, one a year from a year back to the horizon"
    )
    func anniversaries() {
        let text = Self.text(FeedRenderer(configuration: Self.configuration()).render(revisions: .empty, now: Self.now))
        #expect(
            Self.event(text, uid: "anniversary-32.berlin-bruessel@partnerd") == [
                "UID:anniversary-32.berlin-bruessel@partnerd", "DTSTAMP:20240510T120000Z", "SEQUENCE:0",
                "DTSTART;VALUE=DATE:20240601", "DTEND;VALUE=DATE:20240602",
                "SUMMARY:Brüssel: 32. Jahrestag der Städtepartnerschaft",
                "DESCRIPTION:32. Jahrestag der Städtepartnerschaft Berlin – Brüssel", "CATEGORIES:Jahrestag",
                "TRANSP:TRANSPARENT",
            ])
        let jubilee = Self.event(text, uid: "anniversary-40.berlin-paris@partnerd")
        #expect(jubilee.contains("CATEGORIES:Jahrestag,Jubiläum"))
        #expect(jubilee.contains("SUMMARY:Paris: Jubiläum – 40 Jahre Städtepartnerschaft"))
        // From 2023-05-10 to 2029-05-10: the 31st (2023-06-01) to the 36th (2028-06-01).
        #expect(Self.event(text, uid: "anniversary-30.berlin-bruessel@partnerd").isEmpty)
        #expect(!Self.event(text, uid: "anniversary-31.berlin-bruessel@partnerd").isEmpty)
        #expect(!Self.event(text, uid: "anniversary-36.berlin-bruessel@partnerd").isEmpty)
        #expect(Self.event(text, uid: "anniversary-37.berlin-bruessel@partnerd").isEmpty)
    }

    @Test("SEQUENCE goes up and DTSTAMP moves when DTSTART changes")
    func sequenceOnStartChange() {
        let first = FeedRenderer(configuration: Self.configuration()).render(revisions: .empty, now: Self.now)
        let moved = Self.configuration(events: [Self.concert(start: .dateTime(Self.dateTime("2024-11-27T10:00:00")))])
        let second = FeedRenderer(configuration: moved).render(revisions: first.revisions, now: Self.later)
        let lines = Self.event(Self.text(second), uid: Self.concertUID)
        #expect(lines.contains("SEQUENCE:1"))
        #expect(lines.contains("DTSTAMP:20240510T150000Z"))
        #expect(lines.contains("DTSTART;TZID=America/New_York:20241127T100000"))
        // Moving it again raises it again; the table is what carries it across restarts.
        let restored = Self.roundTrip(second.revisions) ?? .empty
        let third = FeedRenderer(configuration: Self.configuration()).render(
            revisions: restored, now: Self.later.adding(seconds: 60))
        #expect(Self.event(Self.text(third), uid: Self.concertUID).contains("SEQUENCE:2"))
    }

    @Test("new anniversary titles keep every UID and SEQUENCE; only DTSTAMP moves, as for any text change")
    func retitledAnniversaries() {
        // The table as an older partnerd left it: the same components with the titles of that time.
        var old = FeedRevisionTable()
        let first = FeedRenderer(configuration: Self.configuration()).render(revisions: .empty, now: Self.now)
        for (uid, revision) in first.revisions.revisions {
            _ = old.record(uid: uid, schedule: revision.schedule, content: FeedDigest(hashing: Array((revision.content.hex + "-old-title").utf8)), at: Self.now)
        }
        let second = FeedRenderer(configuration: Self.configuration()).render(revisions: old, now: Self.later)
        #expect(Set(second.revisions.revisions.keys) == Set(first.revisions.revisions.keys))
        let lines = Self.event(Self.text(second), uid: "anniversary-32.berlin-bruessel@partnerd")
        #expect(lines.contains("SEQUENCE:0"))
        #expect(lines.contains("DTSTAMP:20240510T150000Z"))
    }

    @Test("a feed streamed in blocks is byte for byte the rendered one", arguments: [1, 400])
    func streamed(partnerships: Int) throws {
        var configuration = Self.configuration()
        let template = configuration.partnerships[0]
        configuration.partnerships = (0..<partnerships).map { index in
            var copy = template
            copy.id = PartnershipID(rawValue: "p\(index)")
            return copy
        }
        let renderer = FeedRenderer(configuration: configuration)
        let whole = try #require(renderer.render(revisions: .empty, now: Self.now, only: .publicCalendar).feeds[.publicCalendar])
        var blocks: [[UInt8]] = []
        #expect(renderer.stream(.publicCalendar, revisions: .empty, now: Self.now) { blocks.append($0) })
        #expect(blocks.flatMap { $0 } == whole.bytes)
        if partnerships > 1 { #expect(blocks.count > 1, "a large calendar comes in several blocks") }
        #expect(!renderer.stream(FeedKey(partnership: PartnershipID(rawValue: "nowhere")), revisions: .empty, now: Self.now) { _ in
            Issue.record("nothing is written for a feed that does not exist")
        })
    }

    @Test("only the DESCRIPTION changed: SEQUENCE stays, DTSTAMP moves")
    func descriptionOnly() {
        let first = FeedRenderer(configuration: Self.configuration()).render(revisions: .empty, now: Self.now)
        let edited = Self.configuration(events: [Self.concert(description: "Jazz, neu beschrieben")])
        let second = FeedRenderer(configuration: edited).render(revisions: first.revisions, now: Self.later)
        let lines = Self.event(Self.text(second), uid: Self.concertUID)
        #expect(lines.contains("SEQUENCE:0"))
        #expect(lines.contains("DTSTAMP:20240510T150000Z"))
        #expect(lines.contains("DESCRIPTION:Jazz\\, neu beschrieben"))
        // Other events keep their DTSTAMP.
        #expect(
            Self.event(Self.text(second), uid: "anniversary-32.berlin-bruessel@partnerd").contains(
                "DTSTAMP:20240510T120000Z"))
    }

    @Test(
        "RRULE and EXDATE are schedule changes",
        arguments: [
            (nil as String?, [] as [String], "FREQ=YEARLY" as String?, [] as [String]),
            ("FREQ=YEARLY", [], "FREQ=YEARLY;COUNT=3", []),
            ("FREQ=YEARLY", [], "FREQ=YEARLY", ["2025-11-26T10:00:00"]),
        ])
    func scheduleChanges(ruleBefore: String?, exceptionsBefore: [String], ruleAfter: String?, exceptionsAfter: [String])
    {
        let before = Self.configuration(events: [
            Self.concert(rule: ruleBefore, exceptions: exceptionsBefore.map { .dateTime(Self.dateTime($0)) })
        ])
        let after = Self.configuration(events: [
            Self.concert(rule: ruleAfter, exceptions: exceptionsAfter.map { .dateTime(Self.dateTime($0)) })
        ])
        let first = FeedRenderer(configuration: before).render(revisions: .empty, now: Self.now)
        let second = FeedRenderer(configuration: after).render(revisions: first.revisions, now: Self.later)
        #expect(Self.event(Self.text(second), uid: Self.concertUID).contains("SEQUENCE:1"))
    }

    @Test("RRULE, EXDATE and RDATE are written as configured, in the event's zone")
    func recurrence() throws {
        var event = Self.concert(
            rule: "FREQ=YEARLY;BYMONTH=11;BYDAY=-1SA",
            exceptions: [
                .dateTime(Self.dateTime("2026-11-28T10:00:00")), .dateTime(Self.dateTime("2025-11-29T10:00:00")),
            ])
        event.recurrenceDates = [.dateTime(Self.dateTime("2025-06-01T10:00:00"))]
        let text = Self.text(
            FeedRenderer(configuration: Self.configuration(events: [event])).render(revisions: .empty, now: Self.now))
        let lines = Self.event(text, uid: Self.concertUID)
        let rule = try #require(event.rule)
        #expect(lines.contains(Substring("RRULE:\(rule.text)")))
        #expect(rule.text.contains("BYMONTH=11") && rule.text.contains("BYDAY=-1SA"))
        #expect(lines.contains("EXDATE;TZID=America/New_York:20251129T100000,20261128T100000"))
        #expect(lines.contains("RDATE;TZID=America/New_York:20250601T100000"))
    }

    @Test("private events and partnerships appear only in the feeds with private items")
    func privacy() {
        let rendering = FeedRenderer(configuration: Self.configuration(privatePartnership: true))
            .render(revisions: .empty, now: Self.now)
        let publicText = Self.text(rendering)
        #expect(!publicText.contains("UID:festival."))
        #expect(!publicText.contains("berlin-paris"))
        let privateText = Self.text(rendering, FeedKey(includesPrivate: true))
        #expect(Self.event(privateText, uid: "festival.berlin-bruessel@partnerd").contains("CLASS:PRIVATE"))
        #expect(privateText.contains("UID:anniversary-37.berlin-paris@partnerd"))
        #expect(rendering.feeds[FeedKey(partnership: PartnershipID(rawValue: "berlin-paris"))] == nil)
        #expect(
            rendering.feeds[FeedKey(partnership: PartnershipID(rawValue: "berlin-paris"), includesPrivate: true)] != nil
        )
        let partnershipText = Self.text(rendering, FeedKey(partnership: PartnershipID(rawValue: "berlin-bruessel")))
        #expect(partnershipText.contains("NAME:Städtepartnerschaften: Berlin – Brüssel"))
        #expect(partnershipText.contains("UID:\(Self.concertUID)"))
        #expect(!partnershipText.contains("berlin-paris"))
        #expect(
            rendering.feeds.publicFeeds.map(\.key.relativePath) == ["calendar.ics", "partnerships/berlin-bruessel.ics"])
        #expect(rendering.feeds.accessToken == "0123456789abcdef0123")
    }

    @Test("VALARMs only with feed.alarms: absolute triggers for single events, relative ones for recurring events")
    func alarms() throws {
        let plain = Self.text(
            FeedRenderer(configuration: Self.configuration()).render(revisions: .empty, now: Self.now))
        #expect(!plain.contains("BEGIN:VALARM"))
        let rendering = FeedRenderer(
            configuration: Self.configuration(events: [Self.concert(), recurringConcert], alarms: true)
        )
        .render(revisions: .empty, now: Self.now)
        let text = Self.text(rendering)
        let single = Self.event(text, uid: Self.concertUID)
        // 7 days and 1 day before 2024-11-26T10:00 in New York (UTC−5).
        #expect(single.contains("TRIGGER;VALUE=DATE-TIME:20241119T150000Z"))
        #expect(single.contains("TRIGGER;VALUE=DATE-TIME:20241125T150000Z"))
        let phrase = Texts(language: .de).leadPhrase(try Span(parsing: "7d"))
        #expect(single.contains(Substring("DESCRIPTION:\(phrase): Konzert „Jazz“\\; Berlin\\, Brüssel")))
        let recurring = Self.event(text, uid: "weekly.berlin-bruessel@partnerd")
        #expect(recurring.contains("TRIGGER:-P7D"))
        #expect(recurring.contains("TRIGGER:-P1D"))
        // All-day anniversaries remind at notify_at (09:00 in Brussels, UTC+2 in summer).
        let anniversary = Self.event(text, uid: "anniversary-32.berlin-bruessel@partnerd")
        #expect(anniversary.contains("TRIGGER;VALUE=DATE-TIME:20240502T070000Z"))
    }

    var recurringConcert: Event {
        var event = Self.concert(rule: "FREQ=WEEKLY")
        event.id = EventID(rawValue: "weekly")
        return event
    }

    @Test("every TZID used has its VTIMEZONE, and the entity tag is the quoted SHA-256 of the bytes")
    func timeZonesAndTags() throws {
        var event = Self.concert()
        event.zone = Self.berlin
        let rendering = FeedRenderer(configuration: Self.configuration(events: [event, recurringConcert]))
            .render(revisions: .empty, now: Self.now)
        let text = Self.text(rendering)
        #expect(text.contains("DTSTART;TZID=Europe/Berlin:"))
        #expect(text.contains("BEGIN:VTIMEZONE\r\nTZID:Europe/Berlin\r\n"))
        #expect(text.contains("BEGIN:VTIMEZONE\r\nTZID:America/New_York\r\n"))
        let feed = try #require(rendering.feeds[.publicCalendar])
        #expect(feed.entityTag == "\"\(SHA256.hexDigest(feed.bytes))\"")
    }

    @Test("a timed event without an end has no DTEND; a duration becomes DURATION")
    func lengths() throws {
        var instant = Self.concert()
        instant.length = .exact(seconds: 0)
        instant.id = EventID(rawValue: "instant")
        var spanned = Self.concert()
        spanned.length = .span(try Span(parsing: "1d 2h"))
        spanned.id = EventID(rawValue: "spanned")
        let text = Self.text(
            FeedRenderer(configuration: Self.configuration(events: [instant, spanned])).render(
                revisions: .empty, now: Self.now))
        #expect(!Self.event(text, uid: "instant.berlin-bruessel@partnerd").contains { $0.hasPrefix("DTEND") })
        #expect(Self.event(text, uid: "spanned.berlin-bruessel@partnerd").contains("DURATION:P1DT2H"))
    }
}
