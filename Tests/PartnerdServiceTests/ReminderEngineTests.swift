import Logging
import PartnerdTestSupport
import Testing

@testable import PartnerdService

/// A config of two timed events, an hour apart, each reminded of an hour before (UTC, no anniversaries).
enum EngineFixture {
    /// 2023-11-14T00:13:20Z: the whole test day lies ahead.
    static let base = Instant(secondsSinceEpoch: 1_699_920_800)

    static func configuration(events names: [String] = ["first", "second"]) -> Configuration {
        let events = names.enumerated().map { index, name in
            Event(
                id: EventID(rawValue: name), title: name.capitalized,
                start: .dateTime(Zone.utc.localDateTime(at: base.adding(seconds: Int64(index + 2) * 3600))),
                length: .exact(seconds: 600), zone: .utc, remind: [(try? Span(parsing: "1h")) ?? .zero])
        }
        let partnership = Partnership(
            id: PartnershipID(rawValue: "berlin-test"), city: "Berlin", partner: "Test", country: "BE",
            signed: LocalDate(year: 1992, month: 6, day: 1) ?? LocalDate(daysSinceEpoch: 0), zone: .utc,
            status: .suspended, events: events)
        return Configuration(
            daemon: DaemonSettings(zone: .utc, language: .en), feed: FeedSettings(), reminders: .standard,
            partnerships: [partnership], files: [])
    }

    static var quietLogger: Logger {
        var logger = Logger(label: "engine-test")
        logger.logLevel = .critical
        return logger
    }

    struct Rig {
        let clock: ManualClock
        let journal = InMemoryJournal()
        let store: InMemoryLedgerStore
        let timer = ManualTimer()
        let engine: ReminderEngine

        init(
            configuration: Configuration = EngineFixture.configuration(), ledger: DeliveryLedger? = nil,
            at now: Instant = EngineFixture.base, logger: Logger = EngineFixture.quietLogger
        ) {
            clock = ManualClock(now)
            store = InMemoryLedgerStore(ledger)
            engine = ReminderEngine(
                configuration: configuration, ledger: ledger,
                environment: ReminderEngine.Environment(
                    clock: clock, journal: journal, ledger: store, timer: timer, logger: logger,
                    notifier: SystemdNotifier(transport: { _ in 0 })))
        }

        /// Moves the clock to the armed deadline and fires the timer there.
        func fireAtDeadline() {
            if let deadline = timer.deadline { clock.set(deadline) }
            timer.fire()
        }

        var delivered: [String] { journal.entries.compactMap { $0[.event] } }
        var late: [String?] { journal.entries.map { $0[.late] } }
    }
}

@Suite("The reminder engine over its doubles: timer, journal, ledger store, clock")
struct ReminderEngineTests {
    typealias Rig = EngineFixture.Rig

    @Test("a ledger that cannot be written is logged under its own MESSAGE_ID, not as a failed delivery")
    func ledgerWriteFailure() async {
        let log = InMemoryLogHandler.Store()
        let rig = Rig(logger: log.logger())
        await rig.engine.start()
        rig.store.failSaving(true)
        rig.fireAtDeadline()
        #expect(rig.delivered == ["first"])
        let ids = log.all.compactMap { $0.metadata["message_id"].map { "\($0)" } }
        #expect(ids.contains(MessageID.ledgerWriteFailed.rawValue))
        #expect(!ids.contains(MessageID.deliveryFailed.rawValue))
    }

    @Test("delivers each reminder on time with its fields, persists the ledger, re-arms for the next")
    func onTime() async {
        let rig = Rig()
        await rig.engine.start()
        #expect(rig.timer.deadline == EngineFixture.base.adding(seconds: 3600))
        rig.fireAtDeadline()
        #expect(rig.delivered == ["first"])
        let entry = rig.journal.entries.first
        #expect(entry?[.uid] == "first.berlin-test@partnerd")
        #expect(entry?[.lead] == "1h")
        #expect(entry?[.late] == nil)
        #expect(rig.store.stored?.delivered.map(\.key.uid) == ["first.berlin-test@partnerd"])
        #expect(rig.timer.deadline == EngineFixture.base.adding(seconds: 7200))
        rig.fireAtDeadline()
        #expect(rig.delivered == ["first", "second"])
    }

    @Test("journald refusing an entry: retried after 30 s, delivered once when it accepts again")
    func journalRefuses() async {
        let rig = Rig()
        await rig.engine.start()
        rig.journal.failSending(with: JournalWriteError(errno: 11))
        rig.fireAtDeadline()
        #expect(rig.delivered.isEmpty)
        #expect(rig.timer.deadline == EngineFixture.base.adding(seconds: 3630))
        #expect(rig.engine.snapshot().retrying == 1)
        rig.journal.failSending(with: nil)
        rig.fireAtDeadline()
        #expect(rig.delivered == ["first"])
        #expect(rig.engine.ledger.delivered.count == 1)
        rig.fireAtDeadline()
        #expect(rig.delivered == ["first", "second"])
    }

    @Test("a crash between delivery and persist repeats that delivery once, late, and nothing else")
    func crashBeforePersist() async {
        let rig = Rig()
        await rig.engine.start()
        rig.fireAtDeadline()
        rig.store.failSaving(true)
        rig.fireAtDeadline()
        #expect(rig.delivered == ["first", "second"])
        // kill -9 here: the ledger on "disk" lacks "second".
        let restarted = Rig(ledger: rig.store.stored, at: EngineFixture.base.adding(seconds: 7300))
        await restarted.engine.start()
        #expect(restarted.delivered == ["second"])
        #expect(restarted.late == ["1"])
        let again = Rig(ledger: restarted.store.stored, at: EngineFixture.base.adding(seconds: 7400))
        await again.engine.start()
        #expect(again.delivered.isEmpty)
    }

    @Test("a reload re-arms for the new config and repeats nothing delivered")
    func reload() async {
        let rig = Rig()
        await rig.engine.start()
        rig.fireAtDeadline()
        await rig.engine.apply(EngineFixture.configuration(events: ["first", "third"]))
        #expect(rig.timer.deadline == EngineFixture.base.adding(seconds: 7200))
        rig.fireAtDeadline()
        #expect(rig.delivered == ["first", "third"])
    }

    @Test("a clock step back re-plans; the step forward again delivers what fell due, nothing twice")
    func clockSteps() async {
        let rig = Rig()
        await rig.engine.start()
        rig.fireAtDeadline()
        let previous = rig.clock.now
        rig.clock.set(EngineFixture.base.adding(seconds: -86_400))
        await rig.engine.clockStepped(from: previous)
        #expect(rig.engine.ledger.lastSeen == rig.clock.now.secondsSinceEpoch)
        #expect(rig.delivered == ["first"])
        let back = rig.clock.now
        rig.clock.set(EngineFixture.base.adding(seconds: 7300))
        await rig.engine.clockStepped(from: back)
        #expect(rig.delivered == ["first", "second"])
        #expect(rig.late == [nil, "1"])
    }

    @Test("local midnight: the engine plans the new day and tells its owner")
    func newDay() async {
        let rig = Rig(configuration: EngineFixture.configuration(events: []))
        await rig.engine.start()
        let midnight = Zone.utc.startOfDay(LocalDate(year: 2023, month: 11, day: 15) ?? LocalDate(daysSinceEpoch: 0))
        #expect(rig.timer.deadline == midnight)
        rig.fireAtDeadline()
        var events = rig.engine.events.makeAsyncIterator()
        #expect(await events.next() == .newDay(midnight))
    }

    @Test("stop cancels the timer, writes the time of stopping, and delivers nothing afterwards")
    func stop() async {
        let rig = Rig()
        await rig.engine.start()
        rig.clock.set(EngineFixture.base.adding(seconds: 600))
        await rig.engine.stop()
        #expect(rig.timer.isCancelled)
        #expect(rig.store.stored?.lastSeen == EngineFixture.base.adding(seconds: 600).secondsSinceEpoch)
        rig.clock.set(EngineFixture.base.adding(seconds: 3600))
        rig.timer.fire()
        #expect(rig.delivered.isEmpty)
    }
}
