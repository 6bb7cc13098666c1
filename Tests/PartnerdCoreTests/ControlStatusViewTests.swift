import Foundation
import Testing

@testable import PartnerdCore

@Suite("partnerctl status: the human view")
struct ControlStatusViewTests {
    private let plain = DaemonStatusView(colour: false)

    private func lines(_ status: DaemonStatus, colour: Bool = false) -> [String] {
        DaemonStatusView(colour: colour).render(status, now: ControlFixtures.now)
            .split(separator: "\n", omittingEmptySubsequences: false).map(String.init)
    }

    @Test("the state line: running since, PID and uptime")
    func stateLine() {
        #expect(
            lines(ControlFixtures.status()).first
                == "● partnerd — running since 2026-05-04 09:12 +02:00 (PID 4711), up 3 days")
    }

    @Test("the whole view of a daemon whose last reload was rejected")
    func wholeView() {
        let expected = """
            ● partnerd — running since 2026-05-04 09:12 +02:00 (PID 4711), up 3 days
                   Version: 0.1.0
                    Config: /etc/partnerd/partnerd.toml (loaded 2026-05-04 09:12 +02:00)
                            /etc/partnerd/partnerships.d/paris.toml (loaded 2026-05-04 09:12 +02:00)
               Last reload: rejected 2026-05-06 08:00 +02:00 (1 day ago); the previous config stays in force
                            2 errors:
                              partnerships.d/paris.toml:4:1: error: partnership "berlin-paris" → signed: "1987-13-01" is not a date
                                  fix: write YYYY-MM-DD
                              partnerships.d/paris.toml:9:3: error: partnership "berlin-paris" → event "jazz" → remind[0]: "7x" is not a span
              Partnerships: 2 with 5 events
                  Language: de, time zone Europe/Berlin
                     Feeds: http://127.0.0.1:8080/calendar.ics
                            http://127.0.0.1:8080/partnerships/berlin-bruessel.ics
            Feed directory: /srv/feeds
                     State: /var/lib/partnerd
                    Socket: /run/partnerd/partnerd.sock
                       Log: journald

            Next reminders:
              2026-05-07 15:00 +02:00  in 5 hours  1d before   Fünf-Städte-Jugend-Leichtathletik-Turnier (berlin-bruessel, 2026-05-08T15:00:00+02:00)
              2026-05-10 10:30 +02:00  in 3 days   30d before  34. Jahrestag der Städtepartnerschaft Berlin – Brüssel (berlin-bruessel, 2026-06-01)

            Last delivered:
              2026-05-05 09:00 +02:00  2 days ago  7d before  Jazzfestival (berlin-paris, 2026-05-12) late

            """
        #expect(plain.render(ControlFixtures.status(), now: ControlFixtures.now) == expected)
    }

    @Test("no colour codes unless asked; with colour the dot is green and the rejection red")
    func colour() {
        let status = ControlFixtures.status()
        #expect(!plain.render(status, now: ControlFixtures.now).contains("\u{1B}"))
        let coloured = DaemonStatusView(colour: true).render(status, now: ControlFixtures.now)
        #expect(coloured.hasPrefix("\u{1B}[32m●\u{1B}[0m partnerd"))
        #expect(coloured.contains("\u{1B}[31mrejected\u{1B}[0m"))
        #expect(coloured.contains("\u{1B}[33mlate\u{1B}[0m"))
    }

    @Test("an applied reload, no reload, no feeds and nothing planned")
    func quietDaemon() {
        var status = ControlFixtures.status(
            lastReload: ReloadOutcome(
                result: .applied, at: "2026-05-07T09:59:30+02:00", errors: [], warnings: [], partnerships: 2, events: 5),
            listen: false)
        status.nextReminders = []
        status.lastDelivered = []
        let view = lines(status)
        #expect(view.contains("   Last reload: applied 2026-05-07 09:59 +02:00 (now)"))
        #expect(view.contains("         Feeds: none (feed.listen is \"\")"))
        #expect(!view.contains { $0.contains("Feed directory") })
        #expect(view.contains("  none planned"))
        #expect(view.contains("  none yet"))
        status.lastReload = nil
        #expect(lines(status).contains("   Last reload: none since start"))
    }

    @Test("many partnership feeds are summarised in one line")
    func manyFeeds() {
        var status = ControlFixtures.status()
        let ids = ["a", "b", "c", "d", "e"]
        status.feed.links = [.init(partnership: nil, url: "http://127.0.0.1:8080/calendar.ics")]
            + ids.map { .init(partnership: $0, url: "http://127.0.0.1:8080/partnerships/\($0).ics") }
        let view = lines(status)
        #expect(view.contains("         Feeds: http://127.0.0.1:8080/calendar.ics"))
        #expect(view.contains("                http://127.0.0.1:8080/partnerships/<id>.ics for each of 5 partnerships"))
        #expect(!view.contains { $0.contains("/partnerships/a.ics") })
        status.feed.links.removeLast()
        #expect(lines(status).contains("                http://127.0.0.1:8080/partnerships/d.ics"))
    }

    @Test("feed requests of the last day per kind, with their 304s and the last request")
    func feedActivity() throws {
        var status = ControlFixtures.status()
        status.feed.activity = [
            FeedActivityStatus(kind: .calendar, requests: 42, notModified: 40, lastRequest: "2026-05-07 08:59:00+02:00"),
            FeedActivityStatus(kind: .partnership, requests: 0, notModified: 0, lastRequest: nil),
        ]
        let view = lines(status)
        #expect(view.contains(" Feed requests: calendar: 42 in 24 h, 40 of them 304, last 2026-05-07 08:59 +02:00"))
        #expect(view.contains("                partnership: 0 in 24 h, none since start"))
        let json = try JSONEncoder().encode(status.feed)
        let decoded = try JSONDecoder().decode(FeedStatus.self, from: json)
        #expect(decoded.activity == status.feed.activity)
        #expect(String(decoding: json, as: UTF8.self).contains("\"requests_24h\":42"))
    }

    @Test(
        "countdowns in one unit, rounded down",
        arguments: [
            (0, "now"), (59, "now"), (-59, "now"), (60, "in 1 minute"), (61 * 60, "in 1 hour"),
            (5 * 3600 + 3599, "in 5 hours"), (86_399, "in 23 hours"), (86_400, "in 1 day"), (3 * 86_400 + 1800, "in 3 days"),
            (729 * 86_400, "in 729 days"), (800 * 86_400, "in 2 years"), (-7200, "2 hours ago"), (-3 * 86_400, "3 days ago"),
        ] as [(Int64, String)])
    func countdowns(seconds: Int64, text: String) {
        let now = ControlFixtures.now
        #expect(Countdown.text(from: now, to: now.adding(seconds: seconds)) == text)
    }

    @Test(
        "timestamps the status carries are read back",
        arguments: [
            ("2026-05-07T10:00:00+02:00", 1_778_140_800, "2026-05-07 10:00 +02:00"),
            ("2026-05-07T08:00:00Z", 1_778_140_800, "2026-05-07 08:00 +00:00"),
            ("2026-05-07T08:00:00.250Z", 1_778_140_800, "2026-05-07 08:00 +00:00"),
            ("2026-05-07T04:30:00-03:30", 1_778_140_800, "2026-05-07 04:30 -03:30"),
            ("1900-01-01T00:00:00+00:53:28", -2_208_992_008, "1900-01-01 00:00 +00:53"),
        ] as [(String, Int64, String)])
    func timestamps(text: String, seconds: Int64, short: String) throws {
        let timestamp = try #require(StatusTimestamp(text))
        #expect(timestamp.instant == Instant(secondsSinceEpoch: seconds))
        #expect(timestamp.shortText == short)
    }

    @Test(
        "what is not a status timestamp",
        arguments: [
            "", "2026-05-07", "2026-05-07T10:00:00", "2026-05-07T10:00:00+2:00", "2026-13-07T10:00:00Z",
            "2026-05-07T10:00:00+02:00x", "2026-05-07T25:00:00Z", "2026-05-07T10:00:00.Z", "2026-05-07T10:00:00+24:00",
        ])
    func notTimestamps(text: String) {
        #expect(StatusTimestamp(text) == nil)
    }

    @Test("a time the view cannot read is shown as sent, without a countdown")
    func unreadableTime() {
        var status = ControlFixtures.status()
        status.nextReminders = [ControlFixtures.anniversaryReminder]
        status.nextReminders[0].due = "soon"
        #expect(lines(status).contains { $0.hasPrefix("  soon    30d before  34. Jahrestag") })
    }
}
