import Testing
@testable import PartnerdCore

@Suite("Scheduler state machine")
struct ReminderSchedulerTests {
    static let base = Instant(secondsSinceEpoch: 1_700_000_000)

    static func reminder(_ name: String, dueIn seconds: Int64, lead: String = "1d") -> ScheduledReminder {
        let start = Zone.utc.localDateTime(at: base.adding(seconds: seconds + 86_400))
        let occurrence = Occurrence(
            partnership: PartnershipID(rawValue: "p"), event: EventID(rawValue: name), kind: .event,
            uid: "\(name).p@partnerd", title: name, isAllDay: false, start: start,
            startInstant: base.adding(seconds: seconds + 86_400), endInstant: base.adding(seconds: seconds + 90_000),
            lastDay: start.date, zone: .utc, anniversary: nil, isPrivate: false, reminders: [])
        // swift-format-ignore
        let span = (try? Span(parsing: lead)) ?? .zero
        return ScheduledReminder(occurrence: occurrence, reminder: Reminder(lead: span, due: base.adding(seconds: seconds)))
    }

    func delivered(_ actions: [ReminderScheduler.Action]) -> [String] {
        actions.compactMap {
            if case .deliver(let reminder, let late) = $0 { return reminder.occurrence.title + (late ? "!" : "") }
            return nil
        }
    }

    func armed(_ actions: [ReminderScheduler.Action]) -> Instant? {
        actions.compactMap { if case .arm(let at) = $0 { return at } else { return nil } }.last
    }

    @Test("arms for the earliest reminder and delivers simultaneous ones together, in key order")
    func simultaneous() {
        var scheduler = ReminderScheduler()
        let plan = [Self.reminder("b", dueIn: 100), Self.reminder("a", dueIn: 100), Self.reminder("c", dueIn: 200)]
        let first = scheduler.replace(plan: plan, until: Self.base.adding(seconds: 1000), now: Self.base)
        #expect(delivered(first).isEmpty)
        #expect(armed(first) == Self.base.adding(seconds: 100))
        let fired = scheduler.timerFired(now: Self.base.adding(seconds: 100))
        #expect(delivered(fired) == ["a", "b"])
        #expect(armed(fired) == Self.base.adding(seconds: 200))
    }

    @Test("a timer that fires early (clock set back) delivers nothing and re-arms")
    func clockBack() {
        var scheduler = ReminderScheduler()
        _ = scheduler.replace(plan: [Self.reminder("a", dueIn: 100)], until: Self.base.adding(seconds: 1000), now: Self.base)
        let early = scheduler.timerFired(now: Self.base.adding(seconds: 40))
        #expect(delivered(early).isEmpty)
        #expect(armed(early) == Self.base.adding(seconds: 100))
    }

    @Test("a clock step forward delivers everything now due, late beyond the tolerance, nothing twice")
    func clockForward() {
        var scheduler = ReminderScheduler(lateTolerance: 60)
        let plan = [Self.reminder("a", dueIn: 100), Self.reminder("b", dueIn: 500), Self.reminder("c", dueIn: 900)]
        _ = scheduler.replace(plan: plan, until: Self.base.adding(seconds: 1000), now: Self.base)
        let jumped = scheduler.timerFired(now: Self.base.adding(seconds: 530))
        #expect(delivered(jumped) == ["a!", "b"])
        #expect(armed(jumped) == Self.base.adding(seconds: 900))
        #expect(delivered(scheduler.timerFired(now: Self.base.adding(seconds: 530))).isEmpty)
    }

    @Test("a reload while armed keeps what was delivered and drops what the new plan lacks")
    func reload() {
        var scheduler = ReminderScheduler()
        _ = scheduler.replace(
            plan: [Self.reminder("a", dueIn: 100), Self.reminder("b", dueIn: 300)], until: Self.base.adding(seconds: 1000),
            now: Self.base)
        #expect(delivered(scheduler.timerFired(now: Self.base.adding(seconds: 100))) == ["a"])
        let reloaded = scheduler.replace(
            plan: [Self.reminder("a", dueIn: 100), Self.reminder("c", dueIn: 200)], until: Self.base.adding(seconds: 1000),
            now: Self.base.adding(seconds: 150))
        #expect(delivered(reloaded).isEmpty)
        #expect(armed(reloaded) == Self.base.adding(seconds: 200))
        #expect(scheduler.upcoming.map(\.occurrence.title) == ["c"])
    }

    @Test("catch-up: a plan starting in the past delivers the missed reminders late, once")
    func catchUp() {
        var scheduler = ReminderScheduler(delivered: [Self.reminder("done", dueIn: -5000).key])
        let plan = [
            Self.reminder("done", dueIn: -5000), Self.reminder("missed", dueIn: -3000),
            Self.reminder("just", dueIn: -2), Self.reminder("soon", dueIn: 10),
        ]
        let actions = scheduler.replace(
            plan: plan, until: Self.base.adding(seconds: 1000), now: Self.base, catchingUp: true)
        #expect(delivered(actions) == ["missed!", "just!"])
        #expect(armed(actions) == Self.base.adding(seconds: 10))
    }

    @Test("reaching the plan's end asks for a new plan (midnight rollover)")
    func rollover() {
        var scheduler = ReminderScheduler()
        let end = Self.base.adding(seconds: 1000)
        let first = scheduler.replace(plan: [Self.reminder("a", dueIn: 2000)], until: end, now: Self.base)
        #expect(armed(first) == end)
        #expect(scheduler.timerFired(now: end) == [.replan])
        let next = scheduler.replace(
            plan: [Self.reminder("a", dueIn: 2000)], until: Self.base.adding(seconds: 90_000), now: end)
        #expect(armed(next) == Self.base.adding(seconds: 2000))
    }

    @Test("many reminders come out in due order")
    func heapOrder() {
        var scheduler = ReminderScheduler()
        let plan = (0..<500).map { Self.reminder("r\($0)", dueIn: Int64(($0 * 7919) % 500) + 1) }
        _ = scheduler.replace(plan: plan, until: Self.base.adding(seconds: 1000), now: Self.base)
        var order: [Int64] = []
        for second in stride(from: Int64(1), through: 500, by: 1) {
            for action in scheduler.timerFired(now: Self.base.adding(seconds: second)) {
                if case .deliver(let reminder, _) = action { order.append(Self.base.seconds(until: reminder.due)) }
            }
        }
        #expect(order.count == 500)
        #expect(order == order.sorted())
    }
}
