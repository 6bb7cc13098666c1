import HeapModule

/// The scheduler's decisions as a pure state machine: inputs are "a new plan", "the timer fired" and
/// "the clock may have jumped"; outputs are actions for the IO layer to carry out.
///
/// Pending reminders sit in a min-heap by due time, so each delivery costs O(log n) and finding the next
/// deadline O(1). The plan covers reminders due before ``planEnd``; reaching it asks for a new plan
/// (`replan`), which is also when the daemon re-renders its feeds for the new day.
public struct ReminderScheduler: Sendable {
    /// What the IO layer must do.
    public enum Action: Sendable, Equatable {
        /// Deliver now; `late` when it is delivered more than ``lateTolerance`` after its due time.
        case deliver(ScheduledReminder, late: Bool)
        /// Arm the one timer for this instant, replacing any earlier arming.
        case arm(Instant)
        /// The plan has run out: compute the next one and call ``replace(plan:until:now:)``.
        case replan
    }

    private struct Entry: Comparable, Sendable {
        let reminder: ScheduledReminder
        static func < (lhs: Entry, rhs: Entry) -> Bool { lhs.reminder < rhs.reminder }
        static func == (lhs: Entry, rhs: Entry) -> Bool { lhs.reminder.key == rhs.reminder.key }
    }

    private var pending = Heap<Entry>()
    private var pendingKeys = Set<ReminderKey>()
    /// Keys delivered (by this process or, from the ledger, an earlier one) that a new plan must not repeat.
    public private(set) var delivered: Set<ReminderKey>
    /// The end of the current plan: reminders due at or after it are not in the heap yet.
    public private(set) var planEnd: Instant
    /// How late a delivery may be and still count as on time (timer latency, a busy machine).
    public var lateTolerance: Int64

    public init(delivered: Set<ReminderKey> = [], lateTolerance: Int64 = 60) {
        self.delivered = delivered
        self.planEnd = Instant(secondsSinceEpoch: .min)
        self.lateTolerance = lateTolerance
    }

    /// The reminders waiting, earliest first (for status displays; O(n log n)).
    public var upcoming: [ScheduledReminder] { pending.unordered.map(\.reminder).sorted() }

    public var pendingCount: Int { pending.count }

    /// The earliest pending reminder (O(1)).
    public var next: ScheduledReminder? { pending.min?.reminder }

    /// The next deadline: the earliest pending reminder, or the plan's end.
    public var nextDeadline: Instant {
        guard let first = pending.min?.reminder.due else { return planEnd }
        return min(first, planEnd)
    }

    /// Replaces the plan (start, reload, a new day) with reminders due before `end`. Reminders already
    /// delivered are dropped; everything already due is delivered at once.
    ///
    /// With `catchingUp` (the plan at start, reaching back over downtime) every reminder whose due time has
    /// passed counts as late, however recently: it fell due while no daemon was running.
    public mutating func replace(
        plan: [ScheduledReminder], until end: Instant, now: Instant, catchingUp: Bool = false
    ) -> [Action] {
        pending = Heap()
        pendingKeys = []
        for reminder in plan where reminder.due < end && !delivered.contains(reminder.key) {
            if pendingKeys.insert(reminder.key).inserted { pending.insert(Entry(reminder: reminder)) }
        }
        planEnd = end
        return advance(now: now, tolerance: catchingUp ? 0 : lateTolerance)
    }

    /// The timer fired (or the clock changed): deliver what is due, then arm for what comes next.
    /// A timer that fires early (the clock was set back) delivers nothing and re-arms.
    public mutating func timerFired(now: Instant) -> [Action] {
        advance(now: now, tolerance: lateTolerance)
    }

    /// Records a delivery made outside ``timerFired(now:)``, or confirmed by the sink.
    public mutating func markDelivered(_ key: ReminderKey) {
        delivered.insert(key)
    }

    /// Forgets delivered keys the plan can no longer contain (due before `cutoff`), keeping memory bounded.
    public mutating func forgetDelivered(where isOld: (ReminderKey) -> Bool) {
        delivered = delivered.filter { !isOld($0) }
    }

    private mutating func advance(now: Instant, tolerance: Int64) -> [Action] {
        var actions: [Action] = []
        while let first = pending.min, first.reminder.due <= now {
            pending.removeMin()
            pendingKeys.remove(first.reminder.key)
            guard !delivered.contains(first.reminder.key) else { continue }
            delivered.insert(first.reminder.key)
            actions.append(.deliver(first.reminder, late: first.reminder.due.seconds(until: now) > tolerance))
        }
        if now >= planEnd {
            actions.append(.replan)
        } else {
            actions.append(.arm(nextDeadline))
        }
        return actions
    }
}
