import Dispatch
import Logging

#if canImport(Glibc)
import Glibc
#endif

/// Carries out the scheduler's decisions: one Dispatch timer armed at the next deadline, deliveries to the
/// journal, the ledger written after each one.
///
/// Every piece of mutable state is touched only on `queue`; the timer's handler runs there too. The timer is
/// armed with a wall-clock deadline (`CLOCK_REALTIME`), so a clock step or a suspend makes it fire at the
/// right wall time, and the state machine then delivers what became due and nothing early.
public final class ReminderEngine: @unchecked Sendable {
    /// One delivered reminder, for status displays.
    public struct Delivery: Sendable {
        public var reminder: ScheduledReminder
        public var at: Instant
        public var late: Bool
    }

    /// What the engine needs from the outside world.
    public struct Environment: Sendable {
        public var clock: any WallClock
        public var journal: any JournalSink
        public var ledgerFile: LedgerFile
        public var logger: Logger
        public var notifier: SystemdNotifier
        /// Called on the engine's queue whenever a new plan is in force (start, reload, a new day).
        public var planChanged: @Sendable (Configuration, Instant, PlanChange) -> Void
        /// How long to wait before retrying a delivery the journal refused.
        public var retryDelay: Int64

        public init(
            clock: any WallClock, journal: any JournalSink, ledgerFile: LedgerFile, logger: Logger,
            notifier: SystemdNotifier = SystemdNotifier(),
            planChanged: @escaping @Sendable (Configuration, Instant, PlanChange) -> Void = { _, _, _ in },
            retryDelay: Int64 = 30
        ) {
            self.clock = clock
            self.journal = journal
            self.ledgerFile = ledgerFile
            self.logger = logger
            self.notifier = notifier
            self.planChanged = planChanged
            self.retryDelay = retryDelay
        }
    }

    /// Why a new plan is in force.
    public enum PlanChange: Sendable {
        case start, reload, newDay
    }

    private let queue = DispatchQueue(label: "partnerd.reminders")
    private let environment: Environment
    private var timer: DispatchSourceTimer?
    private var configuration: Configuration
    private var planner: Planner
    private var scheduler: ReminderScheduler
    private var ledger: DeliveryLedger
    private var hadLedger: Bool
    private var retries: [ScheduledReminder] = []
    private var retryAt: Instant?
    private var recent: [Delivery] = []
    private var ledgerDirty = false
    private var stopped = false
    /// The first reminder after today's plan, looked up once per plan when today has nothing left.
    private var lookahead: ScheduledReminder?

    public init(configuration: Configuration, ledger: DeliveryLedger?, environment: Environment) {
        self.configuration = configuration
        self.planner = Planner(configuration: configuration)
        self.environment = environment
        self.hadLedger = ledger != nil
        self.ledger = ledger ?? DeliveryLedger(since: environment.clock.now)
        self.scheduler = ReminderScheduler(delivered: self.ledger.deliveredKeys)
    }

    // MARK: - Lifecycle

    /// Plans from the catch-up start (or from now on a first start), delivers what was missed, arms the timer.
    public func start() {
        queue.sync {
            let timer = DispatchSource.makeTimerSource(queue: queue)
            timer.setEventHandler { [weak self] in self?.timerFired() }
            timer.schedule(wallDeadline: .distantFuture)
            timer.resume()
            self.timer = timer
            let now = environment.clock.now
            let from =
                hadLedger
                ? ledger.catchUpStart(now: now, catchUp: configuration.daemon.catchUp, zone: configuration.daemon.zone)
                : now
            replan(from: from, now: now, reason: .start, catchingUp: true)
        }
    }

    /// Puts a new configuration in force: reminders due from now on follow it; nothing delivered repeats.
    public func apply(_ configuration: Configuration) {
        queue.sync {
            self.configuration = configuration
            self.planner = Planner(configuration: configuration)
            let now = environment.clock.now
            replan(from: now, now: now, reason: .reload)
        }
    }

    /// Stops the timer and writes the ledger with the time of stopping.
    public func stop() {
        queue.sync {
            stopped = true
            timer?.cancel()
            timer = nil
            ledger.touch(environment.clock.now)
            saveLedger()
        }
    }

    // MARK: - Queries

    /// The configuration in force.
    public var currentConfiguration: Configuration { queue.sync { configuration } }

    /// The next `limit` reminders and the last `limit` deliveries.
    public func snapshot(limit: Int = 10) -> (next: [ScheduledReminder], recent: [Delivery], configuration: Configuration) {
        queue.sync {
            var next = scheduler.upcoming
            if next.count < limit {
                // Beyond today's plan: look ahead so that status always shows what is coming.
                let now = environment.clock.now
                let start = max(now, scheduler.planEnd)
                let ahead = planner.reminders(dueIn: start..<start.adding(seconds: 400 * 86_400))
                next += ahead.prefix(limit - next.count)
            }
            return (Array(next.prefix(limit)), recent.reversed(), configuration)
        }
    }

    // MARK: - Internals (on `queue`)

    private func replan(from start: Instant, now: Instant, reason: PlanChange, catchingUp: Bool = false) {
        let zone = configuration.daemon.zone
        let today = zone.localDateTime(at: now).date
        let end = zone.startOfDay(today.adding(days: 1))
        let plan = planner.reminders(dueIn: min(start, now)..<end)
        let catchUpCutoff = configuration.daemon.catchUp.before(zone.localDateTime(at: now), in: zone)
        ledger.prune(dueBefore: min(catchUpCutoff, start).adding(seconds: -2 * 86_400))
        let kept = ledger.deliveredKeys
        scheduler.forgetDelivered(where: { !kept.contains($0) })
        ledger.touch(now)
        environment.logger.debug(
            "planned \(plan.count) reminders until \(zone.isoString(end))",
            metadata: ["reason": "\(reason)", "pending": "\(plan.count)"])
        environment.planChanged(configuration, now, reason)
        lookahead = nil
        perform(scheduler.replace(plan: plan, until: end, now: now, catchingUp: catchingUp), now: now)
        saveLedger()
    }

    private func timerFired() {
        guard !stopped else { return }
        let now = environment.clock.now
        if let retryAt, retryAt <= now {
            let pending = retries
            retries = []
            self.retryAt = nil
            for reminder in pending {
                deliver(reminder, late: reminder.due.seconds(until: now) > scheduler.lateTolerance, now: now)
            }
        }
        perform(scheduler.timerFired(now: now), now: now)
        if ledgerDirty { saveLedger() }
    }

    private func perform(_ actions: [ReminderScheduler.Action], now: Instant) {
        var lateCount = 0
        for action in actions {
            switch action {
            case .deliver(let reminder, let late):
                if late { lateCount += 1 }
                deliver(reminder, late: late, now: now)
            case .arm(let deadline):
                arm(deadline)
            case .replan:
                replan(from: scheduler.planEnd, now: now, reason: .newDay)
            }
        }
        if lateCount > 0 {
            environment.logger.notice(
                "delivered \(lateCount) reminder\(lateCount == 1 ? "" : "s") late that fell due while partnerd was not running",
                metadata: ["message_id": "\(MessageID.catchUpDelivered.rawValue)", "late_count": "\(lateCount)"])
        }
    }

    private func deliver(_ reminder: ScheduledReminder, late: Bool, now: Instant) {
        let entry = ReminderEntry.make(reminder, late: late, texts: planner.texts)
        do {
            try environment.journal.send(entry)
        } catch {
            environment.logger.error(
                "could not deliver the reminder \(reminder.key): \(error); retrying in \(environment.retryDelay) s",
                metadata: [
                    "message_id": "\(MessageID.deliveryFailed.rawValue)", "uid": "\(reminder.occurrence.uid)",
                    "errno": "\(error.errno)",
                ])
            retries.append(reminder)
            retryAt = now.adding(seconds: environment.retryDelay)
            return
        }
        // Recorded now, written once for every reminder of this firing (see `saveLedger`).
        ledger.record(reminder, at: now, late: late)
        ledgerDirty = true
        scheduler.markDelivered(reminder.key)
        recent.append(Delivery(reminder: reminder, at: now, late: late))
        if recent.count > 20 { recent.removeFirst(recent.count - 20) }
    }

    private func arm(_ deadline: Instant) {
        let target = retryAt.map { min($0, deadline) } ?? deadline
        var spec = timespec(tv_sec: Int(target.secondsSinceEpoch), tv_nsec: 0)
        if target.secondsSinceEpoch <= 0 { spec.tv_sec = 0 }
        timer?.schedule(wallDeadline: DispatchWallTime(timespec: spec), leeway: .milliseconds(5))
        updateStatus()
    }

    private func updateStatus() {
        if scheduler.pendingCount == 0 && lookahead == nil {
            lookahead = planner.reminders(dueIn: scheduler.planEnd..<scheduler.planEnd.adding(seconds: 400 * 86_400)).first
        }
        guard let next = scheduler.next ?? lookahead else {
            _ = environment.notifier.status("No reminders planned")
            return
        }
        let zone = configuration.daemon.zone
        let today = zone.localDateTime(at: environment.clock.now).date
        let day = next.occurrence.zone.localDateTime(at: next.occurrence.startInstant).date
        _ = environment.notifier.status(planner.texts.nextStatus(title: next.occurrence.title, days: today.days(until: day)))
    }

    /// Writes the ledger: once per timer firing (group commit), not once per reminder.
    ///
    /// A crash-safe write costs milliseconds (fsync, rename, fsync of the directory); reminders due at the same
    /// moment would otherwise queue behind each other's writes. The price: a kill -9 between the journal
    /// writes and this one repeats the reminders of that one firing, which is what "in flight" means here.
    private func saveLedger() {
        ledgerDirty = false
        do {
            try environment.ledgerFile.save(ledger)
        } catch {
            environment.logger.error(
                "\(error); deliveries since the last successful write may repeat after a crash",
                metadata: ["message_id": "\(MessageID.deliveryFailed.rawValue)"])
        }
    }
}
