import PartnerdTestSupport
import Testing

@testable import PartnerdService

/// The daemon's engine on Berlin's working days, with a channel for the partner's office in Brussels (Belgium's
/// holidays, 08:30 Brussels time): the journal and the channel each move by their own calendar.
enum WorkingDaysFixture {
    static let berlin = Zone(identifier: "Europe/Berlin") ?? .utc
    static let brussels = Zone(identifier: "Europe/Brussels") ?? .utc
    static let bruxelles = ChannelID(rawValue: "bruxelles")

    static func configuration(rule: ClosedDayRule) -> Configuration {
        let fest = Event(
            id: EventID(rawValue: "fest"), title: "Fest", start: .date(LocalDate(year: 2027, month: 5, day: 23)!),
            length: .days(1), zone: berlin, remind: [(try? Span(parsing: "8d")) ?? .zero])
        let jazz = Event(
            id: EventID(rawValue: "jazz"), title: "Jazz", start: .date(LocalDate(year: 2027, month: 7, day: 28)!),
            length: .days(1), zone: berlin, remind: [(try? Span(parsing: "7d")) ?? .zero])
        let partnership = Partnership(
            id: PartnershipID(rawValue: "berlin-bruessel"), city: "Berlin", partner: "Brüssel", country: "BE",
            signed: LocalDate(year: 1992, month: 6, day: 1)!, zone: brussels, status: .suspended, events: [fest, jazz])
        var daemon = DaemonSettings(zone: berlin, language: .de, notifyAt: LocalTime(secondsSinceMidnight: 9 * 3600))
        daemon.workingDays.holidays = [HolidayRegion(country: "DE", subdivision: "BE")]
        var reminders = ReminderDefaults.standard
        reminders.onClosedDay = rule
        reminders.channels = [bruxelles]
        var configuration = Configuration(
            daemon: daemon, feed: FeedSettings(), reminders: reminders, partnerships: [partnership], files: [])
        var channel = ChannelSettings(
            id: bruxelles, transport: .exec(ExecTransport(command: ["/usr/local/bin/notify-brussels"], timeout: 30)),
            language: .fr, zone: brussels, notifyAt: LocalTime(secondsSinceMidnight: 8 * 3600 + 1800),
            retryFor: Span(text: "1d", months: 0, days: 1, seconds: 0))
        channel.workingDays = WorkingCalendar(holidays: [HolidayRegion(country: "BE")])
        configuration.channels = [channel]
        return configuration
    }

    struct Rig {
        let clock: ManualClock
        let journal = InMemoryJournal()
        let store = InMemoryLedgerStore()
        let timer = ManualTimer()
        let channels = ScriptedChannels([])
        let engine: ReminderEngine

        init(rule: ClosedDayRule, at now: Instant) {
            clock = ManualClock(now)
            engine = ReminderEngine(
                configuration: WorkingDaysFixture.configuration(rule: rule), ledger: nil,
                environment: ReminderEngine.Environment(
                    clock: clock, journal: journal, ledger: store, timer: timer, logger: EngineFixture.quietLogger,
                    notifier: SystemdNotifier(transport: { _ in 0 }), channels: channels))
        }

        /// Fires every armed deadline up to `target` (the engine also wakes at midnight to plan the next day), then
        /// leaves the clock at `target`.
        func advance(to target: Instant) async {
            var turns = 0
            while let deadline = timer.deadline, deadline <= target, turns < 100 {
                clock.set(deadline)
                timer.fire()
                turns += 1
                // The engine hands channel deliveries to its own task: let it take them before the next turn.
                await Task.yield()
            }
            clock.set(target)
        }
    }

    static func at(_ zone: Zone, _ year: Int, _ month: Int, _ day: Int, _ hour: Int, _ minute: Int = 0) -> Instant {
        zone.instant(for: LocalDateTime(year: year, month: month, day: day, hour: hour, minute: minute)!)
    }
}

@Suite("The engine on working days: the journal by Berlin's, the channel by Brussels' calendar")
struct WorkingDaysEngineTests {
    typealias Fixture = WorkingDaysFixture

    @Test("a reminder due on the Saturday before Whit Monday arrives on Friday at notify_at, in the journal and on the channel")
    func movedToFriday() async throws {
        let rig = Fixture.Rig(rule: .before, at: Fixture.at(Fixture.berlin, 2027, 5, 13, 12))
        await rig.engine.start()
        // Friday 14 May: 08:30 in Brussels for the channel, 09:00 in Berlin for the journal; nothing before.
        await rig.advance(to: Fixture.at(Fixture.brussels, 2027, 5, 14, 8, 29))
        #expect(rig.channels.messages.isEmpty && rig.journal.entries.isEmpty)
        await rig.advance(to: Fixture.at(Fixture.brussels, 2027, 5, 14, 8, 30))
        await eventually("the channel has the message") { rig.channels.messages.count == 1 }
        let message = try #require(rig.channels.messages.first)
        #expect(message.text.hasSuffix("(déplacé du samedi 15 mai 2027 : jour non ouvré)"))
        #expect(message.items.first?.movedFrom == "2027-05-15T08:30:00+02:00")
        #expect(rig.journal.entries.isEmpty)
        await rig.advance(to: Fixture.at(Fixture.berlin, 2027, 5, 14, 9))
        let entry = try #require(rig.journal.entries.first)
        #expect(entry[.event] == "fest")
        #expect(entry[.due] == "2027-05-14T09:00:00+02:00")
        #expect(entry[.movedFrom] == "2027-05-15T09:00:00+02:00")
        #expect(entry[.movedReason] == "kein Arbeitstag")
        #expect(entry[.message]?.hasSuffix("(verschoben vom Samstag, 15. Mai 2027: kein Arbeitstag)") == true)
        #expect(entry[.late] == nil)
        // Nothing more on the Saturday.
        await rig.advance(to: Fixture.at(Fixture.berlin, 2027, 5, 16, 0))
        #expect(rig.journal.entries.count == 1 && rig.channels.messages.count == 1)
    }

    @Test("keep: the reminder stays on the Saturday, for both")
    func kept() async throws {
        let rig = Fixture.Rig(rule: .keep, at: Fixture.at(Fixture.berlin, 2027, 5, 13, 12))
        await rig.engine.start()
        await rig.advance(to: Fixture.at(Fixture.berlin, 2027, 5, 15, 8, 59))
        #expect(rig.journal.entries.isEmpty)
        await eventually("the channel has the message") { rig.channels.messages.count == 1 }
        #expect(rig.channels.messages.first?.items.first?.due == "2027-05-15T08:30:00+02:00")
        #expect(rig.channels.messages.first?.items.first?.movedFrom == nil)
        await rig.advance(to: Fixture.at(Fixture.berlin, 2027, 5, 15, 9))
        let entry = try #require(rig.journal.entries.first)
        #expect(entry[.due] == "2027-05-15T09:00:00+02:00")
        #expect(entry[.movedFrom] == nil)
    }

    @Test("Belgium's national day moves the channel's reminder to the day before; Berlin's journal keeps its day")
    func twoCalendars() async throws {
        let rig = Fixture.Rig(rule: .before, at: Fixture.at(Fixture.berlin, 2027, 7, 19, 12))
        await rig.engine.start()
        await rig.advance(to: Fixture.at(Fixture.brussels, 2027, 7, 20, 8, 30))
        await eventually("the channel has the message") { rig.channels.messages.count == 1 }
        #expect(rig.channels.messages.first?.items.first?.movedReason == "Fête nationale")
        #expect(rig.journal.entries.isEmpty)
        await rig.advance(to: Fixture.at(Fixture.berlin, 2027, 7, 21, 8, 59))
        #expect(rig.journal.entries.isEmpty)
        await rig.advance(to: Fixture.at(Fixture.berlin, 2027, 7, 21, 9))
        let entry = try #require(rig.journal.entries.first)
        #expect(entry[.event] == "jazz")
        #expect(entry[.due] == "2027-07-21T09:00:00+02:00")
        #expect(entry[.movedFrom] == nil)
    }
}

@Suite("The start's config warnings: the first 20, then one line per kind")
struct StartWarningTests {
    @Test("3,000 past events and a short token: 20 lines, a summary per kind, the pointer to check")
    func summaries() {
        let past = (0..<3000).map { index in
            ConfigurationIssue(
                .warning, file: "partnerships.d/generated.toml", line: index + 1,
                message: "the event was on 2020-01-01, more than a year ago, so its reminders will never fire",
                kind: .pastEvent)
        }
        let token = ConfigurationIssue(.warning, file: "partnerd.toml", line: 3, message: "short", kind: .shortToken)
        let other = ConfigurationIssue(.warning, file: "partnerd.toml", line: 4, message: "something else")
        let lines = DaemonRuntime.warningLines(past + [token, other], path: "partnerd.toml")
        #expect(lines.count == 20 + 3 + 1)
        #expect(lines[0].hasPrefix("partnerships.d/generated.toml:1: warning:"))
        #expect(lines[20] == "partnerd.toml: 3000 warnings: events more than a year past, whose reminders never fire")
        #expect(lines[21] == "partnerd.toml: 1 warning: a feed token shorter than 16 characters")
        #expect(lines[22] == "partnerd.toml: 1 warning: other warnings")
        #expect(lines[23] == "2982 more warnings; `partnerctl check --config partnerd.toml` lists them all")
        #expect(DaemonRuntime.warningLines([token], path: "partnerd.toml") == [token.rendered])
    }
}
