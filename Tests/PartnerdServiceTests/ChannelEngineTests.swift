import Logging
import PartnerdTestSupport
import Synchronization
import Testing

@testable import PartnerdService

/// A stand-in for the channels that records each message and answers from a script, one answer per delivery
/// (success once the script runs out). A hanging answer waits until ``releaseHung()``.
final class ScriptedChannels: ChannelDelivering {
    enum Answer: Sendable {
        case success, transient, permanent, hang
    }

    private struct State {
        var script: [Answer]
        var messages: [ChannelMessage] = []
        var hung: [CheckedContinuation<Void, Never>] = []
        var releasedHangs = false
        var failures: [ChannelID] = []
        var applied = 0
    }

    private let state: Mutex<State>

    init(_ script: [Answer]) {
        state = Mutex(State(script: script))
    }

    var messages: [ChannelMessage] { state.withLock { $0.messages } }
    var recordedFailures: [ChannelID] { state.withLock { $0.failures } }
    var appliedConfigurations: Int { state.withLock { $0.applied } }

    func apply(_ configuration: Configuration) {
        state.withLock { $0.applied += 1 }
    }

    func deliver(_ message: ChannelMessage) async -> Result<DeliveryReceipt, DeliveryFailure> {
        let answer = state.withLock { state -> Answer in
            state.messages.append(message)
            return state.script.isEmpty ? .success : state.script.removeFirst()
        }
        switch answer {
        case .success:
            return .success(DeliveryReceipt(answer: "HTTP 200 OK"))
        case .transient:
            return .failure(DeliveryFailure(.transient, reason: "HTTP 503 Service Unavailable"))
        case .permanent:
            return .failure(DeliveryFailure(.permanent, reason: "HTTP 404 Not Found"))
        case .hang:
            await withCheckedContinuation { (continuation: CheckedContinuation<Void, Never>) in
                let released = state.withLock { state -> Bool in
                    if !state.releasedHangs { state.hung.append(continuation) }
                    return state.releasedHangs
                }
                if released { continuation.resume() }
            }
            return .success(DeliveryReceipt(answer: "HTTP 200 OK (after a long wait)"))
        }
    }

    /// Lets every hanging delivery answer (success), and those that start hanging later at once.
    func releaseHung() {
        let hung = state.withLock { state -> [CheckedContinuation<Void, Never>] in
            state.releasedHangs = true
            defer { state.hung = [] }
            return state.hung
        }
        for continuation in hung { continuation.resume() }
    }

    func activity() -> [ChannelID: ChannelActivity] { [:] }

    func recordFailure(_ channel: ChannelID) {
        state.withLock { $0.failures.append(channel) }
    }
}

/// Waits until `condition` holds, checking every few milliseconds; records an issue when it still does not after
/// `limit` (generous: this waits for the engine's asynchronous hand-back, it measures nothing).
@discardableResult
func eventually(
    _ what: String, within limit: Duration = .seconds(10), sourceLocation: SourceLocation = #_sourceLocation,
    _ condition: () -> Bool
) async -> Bool {
    let clock = ContinuousClock()
    let deadline = clock.now.advanced(by: limit)
    while !condition() {
        if clock.now >= deadline {
            Issue.record("gave up waiting until \(what)", sourceLocation: sourceLocation)
            return false
        }
        try? await Task.sleep(for: .milliseconds(5))
    }
    return true
}

/// The engine fixture's two timed events (reminders due at base + 1 h and base + 2 h), both also routed to the
/// channel "buero" through reminders.channels.
enum ChannelEngineFixture {
    static let buero = ChannelID(rawValue: "buero")

    static func configuration() -> Configuration {
        var configuration = EngineFixture.configuration()
        configuration.channels = [
            ChannelSettings(
                id: buero, transport: .exec(ExecTransport(command: ["/usr/local/bin/notify-office"], timeout: 30)),
                language: .en, zone: .utc, notifyAt: LocalTime(secondsSinceMidnight: 9 * 3600),
                retryFor: Span(text: "1d", months: 0, days: 1, seconds: 0))
        ]
        configuration.reminders.channels = [buero]
        return configuration
    }

    /// The channel's delivery key of the reminder of `event`, as the planner makes it.
    static func channelKey(_ event: String) -> DeliveryKey? {
        Planner(configuration: configuration())
            .deliveries(dueIn: EngineFixture.base..<EngineFixture.base.adding(seconds: 86_400))
            .first { $0.recipient == .channel(buero) && $0.reminder.occurrence.event.rawValue == event }?.key
    }

    struct Rig {
        let clock = ManualClock(EngineFixture.base)
        let journal = InMemoryJournal()
        let store = InMemoryLedgerStore()
        let timer = ManualTimer()
        let channels: ScriptedChannels
        let engine: ReminderEngine

        init(script: [ScriptedChannels.Answer] = []) {
            channels = ScriptedChannels(script)
            engine = ReminderEngine(
                configuration: ChannelEngineFixture.configuration(), ledger: nil,
                environment: ReminderEngine.Environment(
                    clock: clock, journal: journal, ledger: store, timer: timer, logger: EngineFixture.quietLogger,
                    notifier: SystemdNotifier(transport: { _ in 0 }), channels: channels))
        }

        func fireAtDeadline() {
            if let deadline = timer.deadline { clock.set(deadline) }
            timer.fire()
        }

        var delivered: [String] { journal.entries.compactMap { $0[.event] } }

        func ledgerHas(_ key: DeliveryKey) -> Bool { engine.ledger.contains(key) }
    }
}

@Suite("The reminder engine with channels: sent apart from the journal, retried, never blocking it")
struct ChannelEngineTests {
    typealias Rig = ChannelEngineFixture.Rig
    let first = ChannelEngineFixture.channelKey("first")
    let second = ChannelEngineFixture.channelKey("second")

    @Test("a reminder routed to a channel goes to the channel once and to the journal once")
    func sentOnce() async throws {
        let first = try #require(first)
        let second = try #require(second)
        let rig = Rig()
        await rig.engine.start()
        #expect(rig.channels.appliedConfigurations == 1)
        #expect(rig.timer.deadline == EngineFixture.base.adding(seconds: 3600))
        rig.fireAtDeadline()
        #expect(rig.delivered == ["first"])
        await eventually("the channel's delivery is in the ledger") { rig.ledgerHas(first) }
        let message = try #require(rig.channels.messages.first)
        #expect(rig.channels.messages.count == 1)
        #expect(message.kind == .reminder)
        #expect(message.channel == ChannelEngineFixture.buero)
        #expect(message.deliveryID == first.deliveryID)
        #expect(message.items.map(\.uid) == ["first.berlin-test@partnerd"])
        #expect(message.items.first?.late == false)
        await eventually("the ledger with it is saved") { rig.store.stored?.contains(first) == true }

        #expect(rig.timer.deadline == EngineFixture.base.adding(seconds: 7200))
        rig.fireAtDeadline()
        await eventually("the second channel delivery is in the ledger") { rig.ledgerHas(second) }
        // Turns after the first delivery sent nothing again, to either recipient.
        #expect(rig.delivered == ["first", "second"])
        #expect(rig.channels.messages.map(\.deliveryID) == [first.deliveryID, second.deliveryID])
        #expect(rig.engine.ledger.delivered.filter { $0.recipient == .journal }.count == 2)
        #expect(rig.engine.ledger.delivered.filter { $0.recipient == .channel(ChannelEngineFixture.buero) }.count == 2)
    }

    @Test("a transient failure is retried 30 s later when the timer fires, then recorded in the ledger")
    func transientRetried() async throws {
        let first = try #require(first)
        let rig = Rig(script: [.transient])
        await rig.engine.start()
        rig.fireAtDeadline()
        #expect(rig.delivered == ["first"])
        await eventually("the retry is armed 30 s after the failure") {
            rig.timer.deadline == EngineFixture.base.adding(seconds: 3630)
        }
        #expect(!rig.ledgerHas(first))
        #expect(rig.engine.snapshot().retrying == 1)
        #expect(rig.engine.snapshot().channels.first?.retrying == 1)
        #expect(rig.channels.messages.count == 1)

        rig.fireAtDeadline()
        await eventually("the retried delivery is in the ledger") { rig.ledgerHas(first) }
        // The same delivery id both times, so that a receiver that got the first after all can drop the second.
        #expect(rig.channels.messages.map(\.deliveryID) == [first.deliveryID, first.deliveryID])
        #expect(rig.engine.snapshot().retrying == 0)
        #expect(rig.delivered == ["first"])
        await eventually("the ledger with it is saved") { rig.store.stored?.contains(first) == true }
        #expect(rig.timer.deadline == EngineFixture.base.adding(seconds: 7200))
    }

    @Test("a permanent failure is given up at once and counted on the channel")
    func permanentGivenUp() async throws {
        let first = try #require(first)
        let rig = Rig(script: [.permanent])
        await rig.engine.start()
        rig.fireAtDeadline()
        await eventually("the channel counts the failure") { !rig.channels.recordedFailures.isEmpty }
        #expect(rig.channels.recordedFailures == [ChannelEngineFixture.buero])
        #expect(rig.engine.snapshot().failures.count == 1)
        #expect(rig.engine.snapshot().failures.first?.delivery.key == first)
        #expect(rig.engine.snapshot().retrying == 0)
        #expect(!rig.ledgerHas(first))
        #expect(rig.delivered == ["first"])
        #expect(rig.timer.deadline == EngineFixture.base.adding(seconds: 7200))
    }

    @Test("the journal is written while a channel hangs: channels never block the journal or the timer")
    func hangingChannel() async throws {
        let first = try #require(first)
        let second = try #require(second)
        let rig = Rig(script: [.hang])
        await rig.engine.start()
        rig.fireAtDeadline()
        // No waiting: the timer's turn wrote the journal entry itself, whatever the channel does.
        #expect(rig.delivered == ["first"])
        await eventually("the channel got the message it hangs on") { rig.channels.messages.count == 1 }
        #expect(rig.delivered == ["first"])
        #expect(rig.engine.ledger.delivered.map(\.recipient) == [.journal])

        // The next reminder's turn is not held up either, nor is its channel delivery.
        #expect(rig.timer.deadline == EngineFixture.base.adding(seconds: 7200))
        rig.fireAtDeadline()
        #expect(rig.delivered == ["first", "second"])
        await eventually("the second channel delivery is in the ledger") { rig.ledgerHas(second) }
        #expect(!rig.ledgerHas(first))

        rig.channels.releaseHung()
        await eventually("the first channel delivery is in the ledger once it answers") { rig.ledgerHas(first) }
        #expect(rig.channels.messages.map(\.deliveryID) == [first.deliveryID, second.deliveryID])
    }
}
