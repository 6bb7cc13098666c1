@testable import PartnerdCore

/// A fixed status and "now" for the protocol and view tests.
enum ControlFixtures {
    /// 2026-05-07 10:00 in Berlin (summer time, +02:00).
    static let now = Instant(secondsSinceEpoch: 1_778_140_800)

    static let anniversaryReminder = ReminderStatus(
        title: "34. Jahrestag der Städtepartnerschaft Berlin – Brüssel", partnership: "berlin-bruessel",
        event: "anniversary", kind: .anniversary, uid: "anniversary-34@berlin-bruessel.partnerd", occurrence: "2026-06-01",
        lead: "30d", due: "2026-05-10T10:30:00+02:00")

    static let tournamentReminder = ReminderStatus(
        title: "Fünf-Städte-Jugend-Leichtathletik-Turnier", partnership: "berlin-bruessel",
        event: "jugend-leichtathletik", kind: .event, uid: "jugend-leichtathletik@berlin-bruessel.partnerd",
        occurrence: "2026-05-08T15:00:00+02:00", lead: "1d", due: "2026-05-07T15:00:00+02:00")

    static let delivered = DeliveredReminderStatus(
        reminder: ReminderStatus(
            title: "Jazzfestival", partnership: "berlin-paris", event: "jazz", kind: .event, uid: "jazz@berlin-paris.partnerd",
            occurrence: "2026-05-12", lead: "7d", due: "2026-05-05T09:00:00+02:00"),
        deliveredAt: "2026-05-05T09:00:05+02:00", late: true)

    static let rejectedReload = ReloadOutcome(
        result: .rejected, at: "2026-05-06T08:00:00+02:00",
        errors: [
            "partnerships.d/paris.toml:4:1: error: partnership \"berlin-paris\" → signed: \"1987-13-01\" is not a date\n    fix: write YYYY-MM-DD",
            "partnerships.d/paris.toml:9:3: error: partnership \"berlin-paris\" → event \"jazz\" → remind[0]: \"7x\" is not a span",
        ],
        warnings: [], partnerships: 2, events: 5)

    static func status(lastReload: ReloadOutcome? = rejectedReload, listen: Bool = true) -> DaemonStatus {
        DaemonStatus(
            version: "0.1.0", pid: 4711, runningSince: "2026-05-04T09:12:03+02:00",
            configuration: .init(
                path: "/etc/partnerd/partnerd.toml",
                files: [
                    .init(path: "/etc/partnerd/partnerd.toml", loadedAt: "2026-05-04T09:12:03+02:00"),
                    .init(path: "/etc/partnerd/partnerships.d/paris.toml", loadedAt: "2026-05-04T09:12:03+02:00"),
                ]),
            lastReload: lastReload, partnerships: 2, events: 5,
            nextReminders: [tournamentReminder, anniversaryReminder], lastDelivered: [delivered],
            feed: listen
                ? FeedStatus(
                    listen: "127.0.0.1:8080",
                    links: [
                        .init(partnership: nil, url: "http://127.0.0.1:8080/calendar.ics"),
                        .init(partnership: "berlin-bruessel", url: "http://127.0.0.1:8080/partnerships/berlin-bruessel.ics"),
                    ], directory: "/srv/feeds")
                : FeedStatus(listen: nil, links: [], directory: nil),
            stateDirectory: "/var/lib/partnerd", socket: "/run/partnerd/partnerd.sock", logTarget: "journald",
            language: .de, timezone: "Europe/Berlin")
    }
}
