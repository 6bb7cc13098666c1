import Foundation
import Testing

@testable import PartnerdCore

/// Drives a scheduler the way the engine does, with a fixed list of deliveries standing in for the planner.
struct SchedulerDriver {
    static let base = Instant(secondsSinceEpoch: 1_700_000_000)

    var scheduler: ReminderScheduler
    /// Everything the planner would know of; a plan request gets the part that falls in its window.
    var known: [Delivery]
    /// Deliveries whose outcome the test reports itself (instead of success at once).
    var holding = false
    var delivered: [String] = []
    /// The lead of every delivery handed out, in order (a task's reminders share one title).
    var deliveredLeads: [String] = []
    var inFlight: [Delivery] = []
    var plans: [ReminderScheduler.PlanRequest] = []
    var persisted: [DeliveryLedger] = []
    var armed: Instant?
    var shown: Delivery??
    var other: [ReminderScheduler.Action] = []

    init(
        _ known: [Delivery], ledger: DeliveryLedger? = nil, policy: SchedulingPolicy = SchedulerDriver.policy(),
        now: Instant = SchedulerDriver.base
    ) {
        self.known = known
        scheduler = ReminderScheduler(ledger: ledger, policy: policy, now: now)
    }

    static func policy(lateTolerance: Int64 = 60, retryFor: [Recipient: Int64] = [:]) -> SchedulingPolicy {
        var policy = SchedulingPolicy(zone: .utc, catchUp: (try? Span(parsing: "7d")) ?? .zero)
        policy.lateTolerance = lateTolerance
        policy.retryFor = retryFor
        return policy
    }

    static func reminder(_ name: String, dueIn seconds: Int64, lead: String = "1d") -> ScheduledReminder {
        let start = Zone.utc.localDateTime(at: base.adding(seconds: seconds + 86_400))
        let occurrence = Occurrence(
            partnership: PartnershipID(rawValue: "p"), event: EventID(rawValue: name), kind: .event,
            uid: "\(name).p@partnerd", title: name, isAllDay: false, start: start,
            startInstant: base.adding(seconds: seconds + 86_400), endInstant: base.adding(seconds: seconds + 90_000),
            lastDay: start.date, zone: .utc, anniversary: nil, isPrivate: false, reminders: [])
        let span = (try? Span(parsing: lead)) ?? .zero
        return ScheduledReminder(occurrence: occurrence, reminder: Reminder(lead: span, due: base.adding(seconds: seconds)))
    }

    static func delivery(_ name: String, dueIn seconds: Int64, to recipient: Recipient = .journal) -> Delivery {
        Delivery(reminder: reminder(name, dueIn: seconds), recipient: recipient)
    }

    static func at(_ seconds: Int64) -> Instant { base.adding(seconds: seconds) }

    mutating func start(at seconds: Int64 = 0) { run(at: seconds) { $0.start(now: $1) } }
    mutating func fire(at seconds: Int64) { run(at: seconds) { $0.timerFired(now: $1) } }
    mutating func stepClock(to seconds: Int64, from previous: Int64) {
        run(at: seconds) { $0.clockStepped(now: $1, from: SchedulerDriver.at(previous)) }
    }
    mutating func reload(at seconds: Int64, policy: SchedulingPolicy = SchedulerDriver.policy()) {
        run(at: seconds) { $0.reload(policy: policy, now: $1) }
    }
    mutating func succeed(_ name: String, at seconds: Int64) {
        let key = take(name).key
        run(at: seconds) { $0.deliverySucceeded(key, now: $1) }
    }
    mutating func fail(_ name: String, at seconds: Int64, _ failure: DeliveryFailure = .init(.transient, reason: "busy")) {
        let key = take(name).key
        run(at: seconds) { $0.deliveryFailed(key, failure, now: $1) }
    }

    private mutating func take(_ name: String) -> Delivery {
        let index = inFlight.firstIndex { $0.reminder.occurrence.title == name }
        guard let index else { return Self.delivery("missing", dueIn: 0) }
        return inFlight.remove(at: index)
    }

    /// One turn: the input, its actions carried out (plans answered from `known`, deliveries succeeding unless
    /// `holding`), then `settle`.
    mutating func run(at seconds: Int64, _ input: (inout ReminderScheduler, Instant) -> [ReminderScheduler.Action]) {
        let now = Self.at(seconds)
        var work = input(&scheduler, now)[...]
        var settled = false
        while true {
            while let action = work.popFirst() {
                switch action {
                case .plan(let request):
                    plans.append(request)
                    let inWindow = known.filter { request.window.contains($0.due) }
                    work += scheduler.planned(inWindow, for: request, now: now)
                case .deliver(let delivery, let late):
                    delivered.append(delivery.reminder.occurrence.title + (late ? "!" : ""))
                    deliveredLeads.append(delivery.reminder.reminder.lead.text + (late ? "!" : ""))
                    if holding {
                        inFlight.append(delivery)
                    } else {
                        work += scheduler.deliverySucceeded(delivery.key, now: now)
                    }
                case .arm(let deadline): armed = deadline
                case .persist: persisted.append(scheduler.ledger)
                case .lookAhead(let window):
                    work += scheduler.lookedAhead(known.filter { window.contains($0.due) }.min())
                case .show(let next): shown = .some(next)
                default: other.append(action)
                }
            }
            if settled { return }
            settled = true
            work = scheduler.settle(now: now)[...]
        }
    }

    /// Takes the names delivered so far, to look only at what the next turn delivers.
    mutating func takeDelivered() -> [String] {
        defer { delivered = [] }
        return delivered
    }
}

@Suite("Scheduler state machine")
struct ReminderSchedulerTests {
    typealias D = SchedulerDriver

    @Test("arms for the earliest reminder and delivers simultaneous ones together, in key order")
    func simultaneous() {
        var driver = D([D.delivery("b", dueIn: 100), D.delivery("a", dueIn: 100), D.delivery("c", dueIn: 200)])
        driver.start()
        #expect(driver.takeDelivered().isEmpty)
        #expect(driver.armed == D.at(100))
        driver.fire(at: 100)
        #expect(driver.takeDelivered() == ["a", "b"])
        #expect(driver.armed == D.at(200))
    }

    @Test("on time within the tolerance, late beyond it", arguments: [(Int64(0), false), (60, false), (61, true), (3600, true)])
    func lateness(delay: Int64, late: Bool) {
        var driver = D([D.delivery("a", dueIn: 100)])
        driver.start()
        driver.fire(at: 100 + delay)
        #expect(driver.takeDelivered() == [late ? "a!" : "a"])
        #expect(driver.scheduler.ledger.delivered.first?.late == late)
    }

    @Test("a timer that fires early (clock set back) delivers nothing and re-arms")
    func earlyTimer() {
        var driver = D([D.delivery("a", dueIn: 100)])
        driver.start()
        driver.fire(at: 40)
        #expect(driver.takeDelivered().isEmpty)
        #expect(driver.armed == D.at(100))
    }

    @Test("a clock step forward delivers everything now due, late beyond the tolerance, nothing twice")
    func clockForward() {
        var driver = D([D.delivery("a", dueIn: 100), D.delivery("b", dueIn: 500), D.delivery("c", dueIn: 900)])
        driver.start()
        driver.stepClock(to: 530, from: 10)
        #expect(driver.takeDelivered() == ["a!", "b"])
        #expect(driver.armed == D.at(900))
        driver.fire(at: 530)
        #expect(driver.takeDelivered().isEmpty)
    }

    @Test("a clock step back plans the new today again, repeats nothing and moves lastSeen back")
    func clockBack() {
        var driver = D([D.delivery("a", dueIn: 100), D.delivery("b", dueIn: 200)])
        driver.start()
        driver.fire(at: 150)
        #expect(driver.takeDelivered() == ["a"])
        driver.stepClock(to: 50, from: 150)
        #expect(driver.plans.last?.reason == .clockStep)
        #expect(driver.armed == D.at(200))
        driver.fire(at: 100)
        #expect(driver.takeDelivered().isEmpty)
        #expect(driver.scheduler.ledger.lastSeen == D.at(50).secondsSinceEpoch)
        driver.fire(at: 200)
        #expect(driver.takeDelivered() == ["b"])
    }

    @Test("a reload while armed keeps what was delivered and drops what the new plan lacks")
    func reload() {
        var driver = D([D.delivery("a", dueIn: 100), D.delivery("b", dueIn: 300)])
        driver.start()
        driver.fire(at: 100)
        #expect(driver.takeDelivered() == ["a"])
        driver.known = [D.delivery("a", dueIn: 100), D.delivery("c", dueIn: 200)]
        driver.reload(at: 150)
        #expect(driver.takeDelivered().isEmpty)
        #expect(driver.armed == D.at(200))
        #expect(driver.scheduler.upcoming.map(\.reminder.occurrence.title) == ["c"])
    }

    @Test("a reload does not fire what the new config adds to the past")
    func reloadAddsPast() {
        var driver = D([D.delivery("a", dueIn: 500)])
        driver.start()
        driver.known.append(D.delivery("new", dueIn: 100))
        driver.reload(at: 200)
        #expect(driver.takeDelivered().isEmpty)
        #expect(driver.armed == D.at(500))
    }

    @Test("catch-up: a plan starting in the past delivers the missed reminders late, once, and counts them")
    func catchUp() {
        var ledger = DeliveryLedger(since: D.at(-100_000))
        ledger.record(D.delivery("done", dueIn: -5000), at: D.at(-5000), late: false)
        ledger.touch(D.at(-4000))
        var driver = D(
            [
                D.delivery("done", dueIn: -5000), D.delivery("before-stop", dueIn: -4500),
                D.delivery("missed", dueIn: -3000), D.delivery("just", dueIn: -2), D.delivery("soon", dueIn: 10),
            ], ledger: ledger)
        driver.start()
        #expect(driver.takeDelivered() == ["missed!", "just!"])
        #expect(driver.other == [.caughtUp(count: 2)])
        #expect(driver.armed == D.at(10))
    }

    @Test("a first start (no ledger) delivers nothing from the past")
    func firstStart() {
        var driver = D([D.delivery("old", dueIn: -100), D.delivery("soon", dueIn: 10)])
        driver.start()
        #expect(driver.takeDelivered().isEmpty)
        #expect(driver.armed == D.at(10))
    }

    @Test("reaching the plan's end asks for the next day's plan (midnight rollover)")
    func rollover() {
        let midnight = SchedulerDriver.policy().planEnd(containing: D.base)
        let untilMidnight = D.base.seconds(until: midnight)
        var driver = D([D.delivery("tomorrow", dueIn: untilMidnight + 3600)])
        driver.start()
        #expect(driver.armed == midnight)
        driver.fire(at: untilMidnight)
        #expect(driver.plans.map(\.reason) == [.start, .newDay])
        #expect(driver.plans.last?.window.lowerBound == midnight)
        #expect(driver.armed == D.at(untilMidnight + 3600))
        driver.fire(at: untilMidnight + 3600)
        #expect(driver.takeDelivered() == ["tomorrow"])
    }

    @Test("many reminders come out in due order")
    func heapOrder() {
        var driver = D((0..<500).map { D.delivery("r\($0)", dueIn: Int64(($0 * 7919) % 500) + 1) })
        driver.start()
        var order: [Int64] = []
        for second in stride(from: Int64(1), through: 500, by: 1) {
            driver.fire(at: second)
            order += driver.takeDelivered().map { _ in second }
        }
        #expect(order.count == 500)
        #expect(order == order.sorted())
    }

    @Test("the ledger is persisted once per turn, after the deliveries of that turn")
    func groupCommit() {
        var driver = D([D.delivery("a", dueIn: 100), D.delivery("b", dueIn: 100)])
        driver.start()
        let before = driver.persisted.count
        driver.fire(at: 100)
        #expect(driver.persisted.count == before + 1)
        #expect(driver.persisted.last?.delivered.count == 2)
    }

    @Test("a crash between delivery and persist repeats exactly that delivery, late, after the restart")
    func crashBeforePersist() {
        var driver = D([D.delivery("a", dueIn: 100), D.delivery("b", dueIn: 200)])
        driver.start()
        driver.fire(at: 100)
        let written = driver.persisted.last
        #expect(driver.takeDelivered() == ["a"])
        driver.holding = true
        driver.fire(at: 200)
        #expect(driver.takeDelivered() == ["b"])
        // The process dies here: "b" reached the journal, its ledger entry never reached the disk.
        var restarted = D(driver.known, ledger: written, now: D.at(300))
        restarted.start(at: 300)
        #expect(restarted.takeDelivered() == ["b!"])
    }

    @Test("a failed delivery is retried with exponential backoff until it goes through, once")
    func retry() {
        var driver = D([D.delivery("a", dueIn: 100)])
        driver.holding = true
        driver.start()
        driver.fire(at: 100)
        driver.fail("a", at: 100)
        #expect(driver.armed == D.at(130))
        driver.fire(at: 130)
        driver.fail("a", at: 130)
        #expect(driver.armed == D.at(190))
        driver.fire(at: 189)
        #expect(driver.takeDelivered() == ["a", "a"])
        driver.fire(at: 190)
        driver.succeed("a", at: 190)
        #expect(driver.takeDelivered() == ["a!"])
        #expect(driver.scheduler.ledger.contains(D.delivery("a", dueIn: 100).key))
        driver.fire(at: 10_000)
        #expect(driver.takeDelivered().isEmpty)
    }

    @Test(
        "backoff doubles from 30 s to at most 1 h; Retry-After wins",
        arguments: [
            (1, nil, Int64(30)), (2, nil, 60), (3, nil, 120), (7, nil, 1920), (8, nil, 3600), (40, nil, 3600),
            (1, 5, 5), (3, 600, 600), (1, 100_000, 3600), (1, 0, 1),
        ] as [(Int, Int64?, Int64)])
    func backoff(attempts: Int, retryAfter: Int64?, delay: Int64) {
        #expect(SchedulerDriver.policy().retryDelay(afterAttempts: attempts, retryAfter: retryAfter) == delay)
    }

    @Test("a permanent failure is given up at once")
    func permanent() {
        let delivery = D.delivery("a", dueIn: 100, to: .channel(ChannelID(rawValue: "mail")))
        var driver = D([delivery])
        driver.holding = true
        driver.start()
        driver.fire(at: 100)
        let failure = DeliveryFailure(.permanent, reason: "535 authentication failed")
        driver.fail("a", at: 101, failure)
        #expect(driver.other == [.fail(delivery, failure, attempts: 1)])
        #expect(driver.scheduler.failures.count == 1)
        #expect(driver.scheduler.counts.retrying == 0)
    }

    @Test("retry_for: a delivery failing longer than its recipient's limit counts as failed")
    func retryForExpires() {
        let channel = Recipient.channel(ChannelID(rawValue: "hook"))
        let delivery = D.delivery("a", dueIn: 100, to: channel)
        var driver = D([delivery], policy: D.policy(retryFor: [channel: 100]))
        driver.holding = true
        driver.start()
        driver.fire(at: 100)
        driver.fail("a", at: 100)
        driver.fire(at: 130)
        driver.fail("a", at: 130)
        #expect(driver.other.last.map { if case .retry = $0 { true } else { false } } == true)
        driver.fire(at: 190)
        driver.fail("a", at: 190)
        #expect(driver.other.last.map { if case .fail(_, _, 3) = $0 { true } else { false } } == true)
        driver.fire(at: 100_000)
        #expect(driver.takeDelivered() == ["a", "a", "a!"])
    }

    @Test("a reload keeps a retry the new config still has and drops one it lacks")
    func reloadRetries() {
        var driver = D([D.delivery("keep", dueIn: 100), D.delivery("gone", dueIn: 100)])
        driver.holding = true
        driver.start()
        driver.fire(at: 100)
        driver.fail("keep", at: 100)
        driver.fail("gone", at: 100)
        driver.known = [D.delivery("keep", dueIn: 100)]
        driver.reload(at: 110)
        #expect(driver.other.contains(.drop(D.delivery("gone", dueIn: 100))))
        #expect(driver.scheduler.retries.map(\.delivery.reminder.occurrence.title) == ["keep"])
        #expect(driver.armed == D.at(130))
    }

    @Test("the same reminder is one delivery per recipient, each recorded apart")
    func recipients() {
        let mail = Recipient.channel(ChannelID(rawValue: "mail"))
        var driver = D([D.delivery("a", dueIn: 100), D.delivery("a", dueIn: 100, to: mail)])
        driver.start()
        driver.fire(at: 100)
        #expect(driver.takeDelivered() == ["a", "a"])
        #expect(Set(driver.scheduler.ledger.delivered.map(\.recipient)) == [.journal, mail])
    }

    @Test("with nothing planned today the status looks ahead once; with nothing at all it says so")
    func lookahead() {
        var driver = D([D.delivery("later", dueIn: 30 * 86_400)])
        driver.start()
        #expect(driver.shown == .some(D.delivery("later", dueIn: 30 * 86_400)))
        var empty = D([])
        empty.start()
        #expect(empty.shown == .some(nil))
    }
}

@Suite("Delivery ledger")
struct DeliveryLedgerTests {
    @Test("a version 1 ledger reads as journal deliveries and is written as version 2")
    func versionOne() throws {
        let json = """
            {"version":1,"since":1000,"lastSeen":2000,"delivered":[{"key":{"uid":"u@partnerd","occurrence":"2022-06-01",\
            "lead":"7d"},"due":1500,"deliveredAt":1501,"late":false}]}
            """
        let ledger = try JSONDecoder().decode(DeliveryLedger.self, from: Data(json.utf8))
        #expect(ledger.version == 2)
        #expect(ledger.contains(DeliveryKey(reminder: ReminderKey(uid: "u@partnerd", occurrence: "2022-06-01", lead: "7d"))))
        let again = try JSONDecoder().decode(DeliveryLedger.self, from: JSONEncoder().encode(ledger))
        #expect(again == ledger)
    }

    @Test("a ledger of a newer version keeps its number, so that the loader sets it aside")
    func newerVersion() throws {
        let json = #"{"version":9,"since":1,"lastSeen":1,"delivered":[]}"#
        #expect(try JSONDecoder().decode(DeliveryLedger.self, from: Data(json.utf8)).version == 9)
    }

    @Test("pruning forgets old entries and their keys")
    func prune() {
        var ledger = DeliveryLedger(since: SchedulerDriver.at(0))
        ledger.record(SchedulerDriver.delivery("old", dueIn: 10), at: SchedulerDriver.at(10), late: false)
        ledger.record(SchedulerDriver.delivery("new", dueIn: 1000), at: SchedulerDriver.at(1000), late: false)
        ledger.prune(dueBefore: SchedulerDriver.at(500))
        #expect(!ledger.contains(SchedulerDriver.delivery("old", dueIn: 10).key))
        #expect(ledger.contains(SchedulerDriver.delivery("new", dueIn: 1000).key))
    }
}
