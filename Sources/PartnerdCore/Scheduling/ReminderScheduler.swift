import HeapModule

/// Every delivery decision of the daemon, as a pure state machine: inputs are instants and outcomes ("start",
/// "the plan for this window", "the timer fired", "delivery succeeded", "delivery failed", "the clock was set
/// back", "the config changed"); outputs are ``Action``s for the IO layer to carry out. It reads no clock and
/// touches no file, so every decision is unit-tested over instants.
///
/// It owns the delivered state: the ``DeliveryLedger`` (whose persisted form the IO layer writes on
/// ``Action/persist``), the deliveries waiting for their time, those in flight and those waiting to be retried.
/// Waiting deliveries sit in one min-heap by the time of their next try, so each delivery costs O(log n) and
/// finding the next deadline O(1). A plan covers the deliveries due before ``planEnd`` (the daemon's next local
/// midnight); reaching it asks for the next plan.
///
/// One turn of the IO layer: call an input method, carry out its actions (feeding each delivery's outcome back
/// through ``deliverySucceeded(_:now:)`` or ``deliveryFailed(_:_:now:)``, and each ``Action/plan(_:)`` through
/// ``planned(_:for:now:)``), then call ``settle(now:)`` for the persist, arm and status actions that close it.
/// The ledger is therefore written once per turn, not once per delivery: a crash-safe write costs milliseconds,
/// and the reminders due at one moment would otherwise wait for each other's writes.
public struct ReminderScheduler: Sendable {
    /// Why a plan is asked for.
    public enum PlanReason: String, Sendable, Hashable {
        /// The daemon started: the window reaches back over the downtime (catch-up).
        case start
        /// A new config is in force.
        case reload
        /// The previous plan ran out at local midnight.
        case newDay
        /// The wall clock was set back: today is another day than the plan's.
        case clockStep
    }

    /// A window to plan: every delivery due in `window`, of which those due before `deliverFrom` are delivered
    /// only when they are already waiting for a retry (a reload does not fire what a new config adds to the past).
    public struct PlanRequest: Sendable, Hashable {
        public var window: Range<Instant>
        public var deliverFrom: Instant
        public var reason: PlanReason

        public init(window: Range<Instant>, deliverFrom: Instant, reason: PlanReason) {
            self.window = window
            self.deliverFrom = deliverFrom
            self.reason = reason
        }
    }

    /// A delivery that went through, for status displays.
    public struct Record: Sendable, Hashable {
        public var delivery: Delivery
        public var at: Instant
        public var late: Bool
    }

    /// A delivery that was given up, for status displays.
    public struct FailureRecord: Sendable, Hashable {
        public var delivery: Delivery
        public var failure: DeliveryFailure
        public var at: Instant
        public var attempts: Int
    }

    /// What the IO layer must do.
    public enum Action: Sendable, Hashable {
        /// Compute the deliveries the request covers and pass them to ``planned(_:for:now:)``.
        case plan(PlanRequest)
        /// Deliver now and report the outcome; `late` when it is more than the tolerance after its due time.
        case deliver(Delivery, late: Bool)
        /// Deliver these late deliveries to one channel as one digest message, and report the outcome for each
        /// of them (they succeed or fail together).
        case digest(ChannelID, [Delivery])
        /// Arm the one timer for this instant, replacing any earlier arming.
        case arm(Instant)
        /// Write ``ledger`` crash-safely.
        case persist
        /// The delivery failed and will be tried again at `at`.
        case retry(Delivery, at: Instant, after: DeliveryFailure)
        /// The delivery failed for good: permanently, or for longer than its recipient's `retry_for`.
        case fail(Delivery, DeliveryFailure, attempts: Int)
        /// A new config no longer has a delivery that was waiting for a retry; it will not be tried again.
        case drop(Delivery)
        /// A start delivered this many reminders late that fell due while no daemon was running.
        case caughtUp(count: Int)
        /// The plan holds nothing more: find the first delivery due in this window and pass it to
        /// ``lookedAhead(_:)``, so that the status can say what comes next.
        case lookAhead(Range<Instant>)
        /// What comes next, for the status line (`nil`: nothing planned at all).
        case show(next: Delivery?)
    }

    struct Entry: Comparable, Sendable {
        var delivery: Delivery
        /// When it may be tried: its due time, or the retry time after a failure.
        var notBefore: Instant
        var attempts = 0
        var firstTry: Instant?

        static func < (lhs: Entry, rhs: Entry) -> Bool {
            (lhs.notBefore, lhs.delivery.key) < (rhs.notBefore, rhs.delivery.key)
        }

        static func == (lhs: Entry, rhs: Entry) -> Bool {
            lhs.notBefore == rhs.notBefore && lhs.delivery.key == rhs.delivery.key
        }
    }

    struct Flight: Sendable {
        var entry: Entry
        var late: Bool
        /// A reload removed it while it was under way: a failure drops it instead of retrying.
        var orphaned = false
    }

    public private(set) var policy: SchedulingPolicy
    public private(set) var ledger: DeliveryLedger
    /// The end of the current plan: deliveries due at or after it are not waiting yet.
    public private(set) var planEnd = Instant(secondsSinceEpoch: .min)
    /// The last deliveries that went through, oldest first.
    public private(set) var recent: [Record] = []
    /// The last deliveries given up, oldest first.
    public private(set) var failures: [FailureRecord] = []
    private var waiting = Heap<Entry>()
    private var waitingKeys = Set<DeliveryKey>()
    private var inFlight: [DeliveryKey: Flight] = [:]
    private let resumed: Bool
    private var awaitingPlan = false
    private var dirty = false
    /// The first delivery after the plan, once looked up: `.some(nil)` when there is none.
    private var lookahead: Delivery??
    private var lookaheadAsked = false

    /// - Parameters:
    ///   - ledger: the ledger an earlier run left, or `nil` on a first start (which catches nothing up).
    public init(ledger: DeliveryLedger?, policy: SchedulingPolicy, now: Instant) {
        self.policy = policy
        resumed = ledger != nil
        self.ledger = ledger ?? DeliveryLedger(since: now)
    }

    // MARK: - Inputs

    /// The daemon starts: plan from where catch-up begins (from `now` on a first start).
    public mutating func start(now: Instant) -> [Action] {
        let from = resumed ? ledger.catchUpStart(now: now, catchUp: policy.catchUp, zone: policy.zone) : now
        return requestPlan(
            PlanRequest(window: min(from, now)..<policy.planEnd(containing: now), deliverFrom: from, reason: .start))
    }

    /// A new config is in force: deliveries due from now on follow it, nothing delivered repeats, and a delivery
    /// waiting for a retry is kept when the new config still has it.
    public mutating func reload(policy: SchedulingPolicy, now: Instant) -> [Action] {
        self.policy = policy
        return requestPlan(
            PlanRequest(window: replanStart(now)..<policy.planEnd(containing: now), deliverFrom: now, reason: .reload))
    }

    /// The wall clock was stepped (`now` is the new time). Forward: whatever became due is delivered (late).
    /// Back: the plan is made again for the new today; what was delivered stays delivered.
    public mutating func clockStepped(now: Instant, from previous: Instant) -> [Action] {
        guard now < previous else { return timerFired(now: now) }
        ledger.clockSetBack(to: now)
        dirty = true
        return requestPlan(
            PlanRequest(
                window: replanStart(now)..<policy.planEnd(containing: now), deliverFrom: now, reason: .clockStep))
    }

    /// The deliveries for a requested window, in any order, duplicates allowed.
    public mutating func planned(_ deliveries: [Delivery], for request: PlanRequest, now: Instant) -> [Action] {
        awaitingPlan = false
        let cutoff = min(policy.catchUpLimit(now: now), request.window.lowerBound)
        ledger.prune(dueBefore: cutoff.adding(seconds: -policy.ledgerPadding))
        ledger.touch(now)
        dirty = true

        var retrying: [DeliveryKey: Entry] = [:]
        for entry in waiting.unordered where entry.attempts > 0 { retrying[entry.delivery.key] = entry }
        var next: [Entry] = []
        var nextKeys = Set<DeliveryKey>()
        for delivery in deliveries where request.window.contains(delivery.due) {
            let key = delivery.key
            guard !ledger.contains(key), inFlight[key] == nil, !nextKeys.contains(key), !isDone(delivery) else { continue }
            if var entry = retrying.removeValue(forKey: key) {
                entry.delivery = delivery
                next.append(entry)
            } else if delivery.due >= request.deliverFrom {
                next.append(Entry(delivery: delivery, notBefore: delivery.due))
            } else {
                continue
            }
            nextKeys.insert(key)
        }
        var actions: [Action] = []
        for entry in retrying.values.sorted(by: <) {
            if request.window.contains(entry.delivery.due) {
                actions.append(.drop(entry.delivery))
            } else {
                next.append(entry)
                nextKeys.insert(entry.delivery.key)
            }
        }
        if !inFlight.isEmpty {
            let planKeys = Set(deliveries.map(\.key))
            for (key, flight) in inFlight where request.window.contains(flight.entry.delivery.due) {
                if !planKeys.contains(key) { inFlight[key]?.orphaned = true }
            }
        }
        waiting = Heap(next)
        waitingKeys = nextKeys
        planEnd = request.window.upperBound
        lookahead = nil
        lookaheadAsked = false

        let catchingUp = request.reason == .start
        let delivering = advance(now: now, tolerance: catchingUp ? 0 : policy.lateTolerance)
        actions += delivering
        if catchingUp {
            let late = delivering.reduce(0) { count, action in
                switch action {
                case .deliver(_, true): count + 1
                case .digest(_, let deliveries): count + deliveries.count
                default: count
                }
            }
            if late > 0 { actions.append(.caughtUp(count: late)) }
        }
        return actions
    }

    /// The timer fired (or the clock moved on): deliver what is due, ask for the next plan at its end.
    /// A timer that fires early (the clock was set back) delivers nothing.
    public mutating func timerFired(now: Instant) -> [Action] {
        advance(now: now, tolerance: policy.lateTolerance)
    }

    /// Whether a delivery is under way (for the IO layer's bookkeeping of digests and tests).
    public func isInFlight(_ key: DeliveryKey) -> Bool { inFlight[key] != nil }

    /// A delivery went through: it is in the ledger now and will never be delivered again.
    public mutating func deliverySucceeded(_ key: DeliveryKey, now: Instant) -> [Action] {
        guard let flight = inFlight.removeValue(forKey: key) else { return [] }
        ledger.record(flight.entry.delivery, at: now, late: flight.late)
        dirty = true
        remember(&recent, Record(delivery: flight.entry.delivery, at: now, late: flight.late))
        return []
    }

    /// A delivery failed: retry it with exponential backoff (or when the receiver said), or give it up when
    /// the failure is permanent or its recipient's `retry_for` has passed.
    public mutating func deliveryFailed(_ key: DeliveryKey, _ failure: DeliveryFailure, now: Instant) -> [Action] {
        guard let flight = inFlight.removeValue(forKey: key) else { return [] }
        var entry = flight.entry
        entry.attempts += 1
        let firstTry = entry.firstTry ?? now
        entry.firstTry = firstTry
        if flight.orphaned { return [.drop(entry.delivery)] }
        let retryAt = now.adding(
            seconds: policy.retryDelay(afterAttempts: entry.attempts, retryAfter: failure.retryAfter))
        let giveUpAt = policy.retryFor[entry.delivery.recipient].map { firstTry.adding(seconds: $0) }
        if failure.kind == .permanent || giveUpAt.map({ retryAt > $0 }) == true {
            remember(
                &failures, FailureRecord(delivery: entry.delivery, failure: failure, at: now, attempts: entry.attempts))
            return [.fail(entry.delivery, failure, attempts: entry.attempts)]
        }
        entry.notBefore = retryAt
        waiting.insert(entry)
        waitingKeys.insert(key)
        return [.retry(entry.delivery, at: retryAt, after: failure)]
    }

    /// Someone marked a task item done: its waiting reminders and repeats go, none is planned again (the ledger keeps
    /// the mark until `keepUntil`). Returns the mark in force: the new one, or the earlier one when it was done
    /// already (marking twice changes nothing).
    public mutating func markDone(
        _ item: TaskItemID, by: String, keepUntil: Instant, now: Instant
    ) -> (mark: DeliveryLedger.Done, isNew: Bool) {
        if let earlier = ledger.done(item) { return (earlier, false) }
        let mark = DeliveryLedger.Done(item: item, at: now, by: by, keepUntil: keepUntil)
        _ = ledger.markDone(mark)
        ledger.touch(now)
        dirty = true
        let kept = waiting.unordered.filter { $0.delivery.reminder.occurrence.task?.item != item }
        if kept.count != waiting.count {
            waiting = Heap(kept)
            waitingKeys = Set(kept.map(\.delivery.key))
            lookahead = nil
            lookaheadAsked = false
        }
        return (mark, true)
    }

    /// The first delivery after the plan, as asked for by ``Action/lookAhead(_:)``.
    public mutating func lookedAhead(_ delivery: Delivery?) -> [Action] {
        lookahead = .some(delivery)
        return [.show(next: delivery)]
    }

    /// The daemon stops: the ledger records the time of stopping.
    public mutating func stop(now: Instant) -> [Action] {
        ledger.touch(now)
        dirty = false
        return [.persist]
    }

    /// Closes a turn: persist the ledger when it changed, arm the timer for the next deadline, show what is next.
    public mutating func settle(now: Instant) -> [Action] {
        var actions: [Action] = []
        if dirty {
            dirty = false
            actions.append(.persist)
        }
        actions.append(.arm(nextDeadline))
        if let next = nextWaiting {
            actions.append(.show(next: next))
        } else if let known = lookahead {
            actions.append(.show(next: known))
        } else if !lookaheadAsked, !awaitingPlan {
            lookaheadAsked = true
            actions.append(.lookAhead(lookaheadWindow(now: now)))
        }
        return actions
    }

    // MARK: - Queries

    /// The next deadline: the earliest waiting delivery, or the plan's end.
    public var nextDeadline: Instant {
        guard let first = waiting.min?.notBefore else { return planEnd }
        return min(first, planEnd)
    }

    /// The deliveries waiting (due or retried), earliest first (for status displays; O(n log n)).
    public var upcoming: [Delivery] {
        waiting.unordered.map(\.delivery).sorted()
    }

    /// How many deliveries wait, how many are under way, and how many of the waiting ones are retries.
    public var counts: (waiting: Int, inFlight: Int, retrying: Int) {
        (waiting.count, inFlight.count, waiting.unordered.count { $0.attempts > 0 })
    }

    /// The deliveries waiting for a retry, with their next try and how many tries failed.
    public var retries: [(delivery: Delivery, at: Instant, attempts: Int)] {
        waiting.unordered.filter { $0.attempts > 0 }.sorted(by: <).map { ($0.delivery, $0.notBefore, $0.attempts) }
    }

    /// Where a status display looks for what comes after the plan.
    public func lookaheadWindow(now: Instant) -> Range<Instant> {
        let start = max(now, planEnd)
        return start..<start.adding(seconds: policy.lookahead)
    }

    // MARK: - Internals

    private func isDone(_ delivery: Delivery) -> Bool {
        delivery.reminder.occurrence.task.map { ledger.done($0.item) != nil } ?? false
    }

    private var nextWaiting: Delivery? {
        waiting.unordered.min { $0.delivery < $1.delivery }?.delivery
    }

    /// Where a re-plan at `now` starts: at `now`, or earlier when a delivery waiting for a retry is older.
    private func replanStart(_ now: Instant) -> Instant {
        let oldest = waiting.unordered.filter { $0.attempts > 0 }.map(\.delivery.due).min() ?? now
        return min(now, oldest)
    }

    private mutating func requestPlan(_ request: PlanRequest) -> [Action] {
        awaitingPlan = true
        return [.plan(request)]
    }

    private mutating func advance(now: Instant, tolerance: Int64) -> [Action] {
        var actions: [Action] = []
        var lateByChannel: [ChannelID: [Delivery]] = [:]
        while let first = waiting.min, first.notBefore <= now {
            waiting.removeMin()
            let key = first.delivery.key
            waitingKeys.remove(key)
            guard !ledger.contains(key), inFlight[key] == nil, !isDone(first.delivery) else { continue }
            let late = first.delivery.due.seconds(until: now) > tolerance
            inFlight[key] = Flight(entry: first, late: late)
            if late, case .channel(let channel) = first.delivery.recipient {
                lateByChannel[channel, default: []].append(first.delivery)
            } else {
                actions.append(.deliver(first.delivery, late: late))
            }
        }
        // A channel that would get more than `digestThreshold` late reminders at once gets one digest instead.
        for channel in lateByChannel.keys.sorted() {
            let late = lateByChannel[channel]!
            if late.count > policy.digestThreshold {
                actions.append(.digest(channel, late))
            } else {
                actions += late.map { .deliver($0, late: true) }
            }
        }
        if now >= planEnd, !awaitingPlan {
            actions += requestPlan(
                PlanRequest(
                    window: planEnd..<max(policy.planEnd(containing: now), planEnd.adding(seconds: 1)),
                    deliverFrom: planEnd, reason: .newDay))
        }
        return actions
    }

    private func remember<Item>(_ list: inout [Item], _ item: Item) {
        list.append(item)
        if list.count > policy.historyLimit { list.removeFirst(list.count - policy.historyLimit) }
    }
}
