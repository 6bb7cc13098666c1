import Testing
@testable import PartnerdCore

private let agenda = """
    BEGIN:VCALENDAR\r
    BEGIN:VEVENT\r
    UID:jazz@agenda.example.be\r
    DTSTART;TZID=Europe/Brussels:20260603T200000\r
    DTEND;TZID=Europe/Brussels:20260603T220000\r
    RRULE:FREQ=WEEKLY;COUNT=3\r
    SUMMARY:Jazz au parc\r
    CATEGORIES:Berlin,Musique\r
    END:VEVENT\r
    BEGIN:VEVENT\r
    UID:jazz@agenda.example.be\r
    RECURRENCE-ID;TZID=Europe/Brussels:20260610T200000\r
    DTSTART;TZID=Europe/Brussels:20260611T190000\r
    DTEND;TZID=Europe/Brussels:20260611T210000\r
    SUMMARY:Jazz au parc (jeudi)\r
    CATEGORIES:Berlin\r
    SEQUENCE:4\r
    END:VEVENT\r
    BEGIN:VEVENT\r
    UID:marche@agenda.example.be\r
    DTSTART;VALUE=DATE:20260620\r
    SUMMARY:Marché\r
    CATEGORIES:Paris\r
    END:VEVENT\r
    END:VCALENDAR\r

    """

private func config(_ calendar: String) -> String {
    """
    [daemon]
    timezone = "Europe/Berlin"

    [[partnership]]
    id = "berlin-bruessel"
    city = "Berlin"
    partner = "Brüssel"
    country = "BE"
    signed = 1992-06-01
    status = "suspended"

    \(calendar)
    """
}

@Suite("[[partnership.calendar]]: events of a partner's calendar file")
struct CalendarImportConfigTests {
    private func occurrences(_ result: ConfigurationLoader.Result) throws -> [Occurrence] {
        let configuration = try #require(result.configuration, "\(result.issues.map(\.rendered))")
        let first = LocalDate(year: 2026, month: 6, day: 1)!
        return Planner(configuration: configuration).occurrences(in: first...first.adding(days: 60))
    }

    @Test("the series, its moved instance and the category filter, under stable UIDs, with the calendar's leads")
    func imported() throws {
        let toml = config("""
            [[partnership.calendar]]
            id = "agenda-bruxelles"
            file = "partnerships.d/agenda.ics"
            categories = ["berlin"]
            remind = ["2d"]
            """)
        let result = load(toml, others: ["etc/partnerships.d/agenda.ics": agenda])
        let list = try occurrences(result)
        let brussels = Zone(identifier: "Europe/Brussels")!
        #expect(list.map { "\(brussels.isoString($0.startInstant)) \($0.title)" } == [
            "2026-06-03T20:00:00+02:00 Jazz au parc",
            "2026-06-11T19:00:00+02:00 Jazz au parc (jeudi)",
            "2026-06-17T20:00:00+02:00 Jazz au parc",
        ])
        #expect(list.allSatisfy { $0.reminders.map(\.lead.text) == ["2d"] })
        #expect(list[0].uid.hasPrefix("agenda-bruxelles-") && list[0].uid.hasSuffix(".berlin-bruessel@partnerd"))
        #expect(list[0].uid == list[2].uid)
        #expect(list[0].uid != list[1].uid)
        // The same file read again gives the same UIDs; a new SEQUENCE changes nothing about them.
        let again = try occurrences(load(toml, others: [
            "etc/partnerships.d/agenda.ics": agenda.replacingOccurrences(of: "SEQUENCE:4", with: "SEQUENCE:5"),
        ]))
        #expect(again.map(\.uid) == list.map(\.uid))
        #expect(result.warnings.isEmpty)
    }

    @Test("a calendar file that is missing or broken leaves its events out, with a warning; the config stays valid")
    func broken() throws {
        let toml = config("[[partnership.calendar]]\nid = \"agenda\"\nfile = \"agenda.ics\"\n")
        let missing = load(toml)
        #expect(missing.configuration != nil)
        #expect(missing.warnings.contains { $0.message.contains("cannot read the calendar etc/agenda.ics") })
        let broken = load(toml, others: ["etc/agenda.ics": "BEGIN:VCALENDAR\r\nBEGIN:VEVENT\r\nEND:VTODO\r\n"])
        #expect(broken.configuration != nil)
        #expect(broken.warnings.contains {
            $0.message == "etc/agenda.ics:3: END:VTODO where BEGIN:VEVENT of line 2 is open; the calendar's events are left out"
        })
    }

    @Test("config errors: neither file nor url, both, an id twice, an unknown key, bad spans and URLs")
    func errors() {
        let result = load(config("""
            [[partnership.calendar]]
            id = "a"
            [[partnership.calendar]]
            id = "a"
            url = "https://agenda.example.be/jumelages.ics"
            [[partnership.calendar]]
            id = "b"
            file = "b.ics"
            refrsh = "6h"
            [[partnership.calendar]]
            id = "c"
            file = "c.ics"
            url = "https://agenda.example.be/c.ics"
            [[partnership.calendar]]
            id = "d"
            url = "ftp://agenda.example.be/d.ics"
            refresh = "6 fortnights"
            timeout = "1h"
            """))
        let messages = result.errors.map(\.rendered)
        #expect(messages.contains { $0.contains("the calendar names neither a file nor a url") })
        #expect(messages.contains { $0.contains("the calendar id \"a\" is used twice") })
        #expect(messages.contains { $0.contains("unknown key \"refrsh\"") && $0.contains("did you mean \"refresh\"") })
        #expect(messages.contains { $0.contains("the calendar names both a file and a url") })
        #expect(messages.contains { $0.contains("ftp: URLs cannot be fetched; only https (and http to this host)") })
        #expect(messages.contains { $0.contains("\"6 fortnights\" is not a refresh interval between 1 s and 366 days") })
        #expect(messages.contains { $0.contains("\"1h\" is not a timeout between 1 s and 600 s") })
    }
}

/// Copies of fetched calendars by URL, as the state directory would hold them.
private struct InMemoryCopies: CalendarCopies {
    var copies: [String: String]
    var asked: [String] = []

    func copy(of source: CalendarSource, configuredStateDirectory: String?) -> Result<[UInt8], ConfigurationFileError>? {
        copies[source.url].map { .success(Array($0.utf8)) }
    }
}

@Suite("[[partnership.calendar]] url: fetched calendars, read from their last good copy")
struct FetchedCalendarConfigTests {
    private func loaded(_ calendar: String, copies: [String: String]) -> ConfigurationLoader.Result {
        let instant = Zone.utc.instant(for: LocalDateTime(year: 2026, month: 1, day: 15, hour: 12)!)
        var loader = ConfigurationLoader(
            fileSystem: InMemoryFileSystem(["etc/partnerd.toml": config(calendar)]), now: instant, systemZone: .utc)
        loader.calendarCopies = InMemoryCopies(copies: copies)
        return loader.load(path: "etc/partnerd.toml")
    }

    @Test("a url calendar is a source to fetch; its copy's events join the partnership under the same ids as a file's")
    func source() throws {
        let url = "https://agenda.example.be/jumelages.ics"
        let result = loaded("""
            [[partnership.calendar]]
            id = "agenda"
            url = "\(url)"
            refresh = "30min"
            timeout = "20s"
            """, copies: [url: agenda])
        let configuration = try #require(result.configuration, "\(result.issues.map(\.rendered))")
        let source = try #require(configuration.calendarSources.first)
        #expect(source.name == "berlin-bruessel/agenda")
        #expect(source.refresh == 1800 && source.timeout == 20)
        #expect(source.copyPath.hasPrefix("calendars/berlin-bruessel/agenda-") && source.copyPath.hasSuffix(".ics"))
        let ids = configuration.partnerships[0].events.map(\.id.rawValue)
        #expect(ids.count == 3)
        #expect(ids.allSatisfy { $0.hasPrefix("agenda-") })
        // The same calendar from a file has the same ids: moving between file and url repeats nothing.
        let file = load(config("""
            [[partnership.calendar]]
            id = "agenda"
            file = "agenda.ics"
            """), others: ["etc/agenda.ics": agenda])
        #expect(file.configuration?.partnerships[0].events.map(\.id.rawValue) == ids)
    }

    @Test("no copy yet: no events and no warning; a broken copy: a warning and the config stays valid")
    func noCopy() throws {
        let url = "https://agenda.example.be/jumelages.ics"
        let calendar = """
            [[partnership.calendar]]
            id = "agenda"
            url = "\(url)"
            """
        let none = loaded(calendar, copies: [:])
        #expect(none.issues.isEmpty)
        #expect(none.configuration?.partnerships[0].events.isEmpty == true)
        #expect(none.configuration?.calendarSources.count == 1)
        let broken = loaded(calendar, copies: [url: "BEGIN:VCALENDAR\r\nBEGIN:VEVENT\r\nEND:VTODO\r\n"])
        #expect(broken.configuration != nil)
        #expect(broken.warnings.contains { $0.message.hasPrefix("\(url):3: END:VTODO") })
    }

    @Test("plain http is fetched from loopback only; elsewhere it is a warning and nothing is fetched")
    func plainHTTP() throws {
        let local = loaded("""
            [[partnership.calendar]]
            id = "local"
            url = "http://127.0.0.1:8080/agenda.ics"
            [[partnership.calendar]]
            id = "named"
            url = "http://localhost/agenda.ics"
            [[partnership.calendar]]
            id = "six"
            url = "http://[::1]:8080/agenda.ics"
            [[partnership.calendar]]
            id = "far"
            url = "http://agenda.example.be/agenda.ics"
            refresh = "10s"
            """, copies: [:])
        let configuration = try #require(local.configuration)
        #expect(configuration.calendarSources.map(\.id.rawValue) == ["local", "named", "six"])
        #expect(local.warnings.count == 1)
        #expect(local.warnings.first?.message.contains("plain http to another host") == true)
    }

    @Test("URL parts: loopback addresses and the schemes fetched")
    func urls() throws {
        #expect(try CalendarURL.parse("https://Agenda.Example.BE/x.ics").get().host == "agenda.example.be")
        #expect(try CalendarURL.parse("http://127.1.2.3/x").get().isFetchable)
        #expect(try !CalendarURL.parse("http://127.0.0.1.example.com/x").get().isFetchable)
        #expect(try !CalendarURL.parse("http://10.0.0.1/x").get().isFetchable)
        #expect(try CalendarURL.parse("http://foo.localhost/x").get().isLoopback)
        #expect((try? CalendarURL.parse("file:///etc/passwd").get()) == nil)
        #expect((try? CalendarURL.parse("https:///x").get()) == nil)
        #expect((try? CalendarURL.parse("not a url").get()) == nil)
    }
}

@Suite("partnerd to partnerd: Berlin imports Brussels' feed")
struct PartnerdRoundTripTests {
    @Test("the occurrences of two years come back exactly, and the anniversaries are not doubled")
    func roundTrip() throws {
        let brussels = """
            [daemon]
            timezone = "Europe/Brussels"
            language = "fr"

            [[partnership]]
            id = "bruxelles-berlin"
            city = "Bruxelles"
            partner = "Berlin"
            country = "DE"
            signed = 1992-06-01

            [[partnership.event]]
            id = "jazz"
            title = "Jazz; au parc, à Bruxelles"
            start = 2026-06-03T20:00:00
            duration = "2h"
            rrule = "FREQ=WEEKLY;BYDAY=WE;UNTIL=20270331T220000Z"
            exdate = [2026-06-10T20:00:00]

            [[partnership.event]]
            id = "semaine"
            title = "Semaine berlinoise"
            start = 2026-10-05
            end = 2026-10-09
            rrule = "FREQ=YEARLY;COUNT=3"

            [[partnership.event]]
            id = "new-york"
            title = "Visite"
            start = 2026-09-01T09:30:00
            timezone = "America/New_York"
            """
        let source = try #require(load(brussels).configuration)
        let now = Zone.utc.instant(for: LocalDateTime(year: 2026, month: 5, day: 1)!)
        let feed = FeedRenderer(configuration: source).render(revisions: .empty, now: now)
        let bytes = try #require(feed.feeds.feeds[FeedKey(partnership: PartnershipID(rawValue: "bruxelles-berlin"))]?.bytes)
        let berlin = """
            [daemon]
            timezone = "Europe/Berlin"

            [[partnership]]
            id = "berlin-bruessel"
            city = "Berlin"
            partner = "Brüssel"
            country = "BE"
            signed = 1992-06-01

            [[partnership.calendar]]
            id = "bruxelles"
            file = "bruxelles.ics"
            """
        let result = load(berlin, others: ["etc/bruxelles.ics": String(decoding: bytes, as: UTF8.self)])
        let imported = try #require(result.configuration, "\(result.issues.map(\.rendered))")
        #expect(result.warnings.isEmpty, "\(result.warnings.map(\.rendered))")
        let first = LocalDate(year: 2026, month: 5, day: 1)!
        let days = first...first.adding(days: 730)
        func shape(_ occurrences: [Occurrence]) -> [String] {
            occurrences.map { "\($0.startInstant.secondsSinceEpoch) \($0.endInstant.secondsSinceEpoch) \($0.isAllDay) \($0.title)" }
        }
        let theirs = Planner(configuration: source).occurrences(in: days).filter { $0.kind == .event }
        let ours = Planner(configuration: imported).occurrences(in: days)
        #expect(shape(ours.filter { $0.kind == .event }) == shape(theirs))
        #expect(theirs.count > 40)
        // Berlin's own anniversaries only: the feed's were recognised.
        #expect(ours.filter { $0.kind != .event }.map(\.uid) == ["anniversary-34.berlin-bruessel@partnerd", "anniversary-35.berlin-bruessel@partnerd"])
    }
}
