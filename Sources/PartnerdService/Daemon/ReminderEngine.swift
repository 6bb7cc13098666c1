import Dispatch
import Logging
import Synchronization

/// Carries out the ``ReminderScheduler``'s decisions and feeds their outcomes back: the one timer, deliveries to
/// the journal, the ledger written when the scheduler asks, the status line. It decides nothing itself.
///
/// Every turn (start, reload, a timer firing, stop) runs on one serial Dispatch queue, never on Swift's
/// cooperative pool, because a turn does blocking IO (`sd_journal_sendv`, an fsync of the ledger). The
/// scheduler and the planner sit in a `Mutex` so that status queries read a consistent snapshot from any thread.
/// Async callers wait for a turn without blocking a thread.
package final class ReminderEngine: Sendable {
    /// What the engine needs from the outside world, each behind a protocol so that tests can stand in for it.
    package struct Environment: Sendable {
        package var clock: any WallClock
        package var journal: any JournalSink
        package var ledger: any LedgerStore
        package var timer: any ReminderTimer
        package var logger: Logger
        package var notifier: SystemdNotifier
        package var channels: any ChannelDelivering
        /// Signs the links of task reminders; `nil` sends none.
        package var taskLinkKey: TaskLinkKey?

        package init(
            clock: any WallClock, journal: any JournalSink, ledger: any LedgerStore,
            timer: any ReminderTimer = DispatchWallTimer(), logger: Logger, notifier: SystemdNotifier = SystemdNotifier(),
            channels: any ChannelDelivering = NoChannels(), taskLinkKey: TaskLinkKey? = nil
        ) {
            self.channels = channels
            self.taskLinkKey = taskLinkKey
            self.clock = clock
            self.journal = journal
            self.ledger = ledger
            self.timer = timer
            self.logger = logger
            self.notifier = notifier
        }
    }

    /// What the engine tells its owner.
    package enum Event: Sendable, Equatable {
        /// The plan of a new local day is in force (the daemon's midnight), at this instant.
        case newDay(Instant)
    }

    /// What a status display shows of the engine.
    package struct Snapshot: Sendable {
        /// The next reminders for the journal, earliest first, looking past today's plan when it holds fewer.
        package var next: [ScheduledReminder]
        /// The last deliveries, newest first.
        package var recent: [ReminderScheduler.Record]
        /// The last deliveries given up, newest first.
        package var failures: [ReminderScheduler.FailureRecord]
        /// Deliveries waiting for a retry.
        package var retrying: Int
        /// Each channel of the config in force, in config order, with what happened on it.
        package var channels: [ChannelSnapshot]
    }

    /// What `status` shows of one channel.
    package struct ChannelSnapshot: Sendable {
        package var settings: ChannelSettings
        package var activity: ChannelActivity
        /// Deliveries to it waiting for a retry.
        package var retrying: Int
        /// Its next delivery, when one is planned today.
        package var next: Delivery?
    }

    struct State: Sendable {
        var scheduler: ReminderScheduler
        var planner: Planner
        /// The links of the config in force, `nil` without a feed server.
        var links: TaskLinkMaker?
        var stopped = false
        /// The last `STATUS=` line sent.
        var shownStatus: String?
    }

    /// The owner's view of what happens: ``Event``s in order.
    package let events: AsyncStream<Event>
    private let eventSink: AsyncStream<Event>.Continuation
    private let queue = DispatchQueue(label: "partnerd.reminders")
    private let environment: Environment
    private let state: Mutex<State>
    /// Channel outcomes waiting for their turn, and whether one is queued.
    private let outcomes = Mutex<
        (items: [(keys: [DeliveryKey], outcome: Result<DeliveryReceipt, DeliveryFailure>)], scheduled: Bool)
    >(([], false))

    /// - Parameters:
    ///   - ledger: what an earlier run left (`nil` on a first start, which catches nothing up).
    package init(configuration: Configuration, ledger: DeliveryLedger?, environment: Environment) {
        self.environment = environment
        environment.channels.apply(configuration)
        let scheduler = ReminderScheduler(
            ledger: ledger, policy: SchedulingPolicy(configuration: configuration), now: environment.clock.now)
        state = Mutex(
            State(
                scheduler: scheduler, planner: Planner(configuration: configuration),
                links: TaskLinkMaker(key: environment.taskLinkKey, configuration: configuration)))
        (events, eventSink) = AsyncStream.makeStream(of: Event.self, bufferingPolicy: .bufferingNewest(16))
    }

    // MARK: - Lifecycle

    /// Plans from the catch-up start (from now on a first start), delivers what was missed, arms the timer.
    package func start() async {
        await onQueue { [self] in
            environment.timer.start(on: queue) { [weak self] in self?.turn { $0.timerFired(now: $1) } }
            turn { $0.start(now: $1) }
        }
    }

    /// Puts a new configuration in force: deliveries due from now on follow it; nothing delivered repeats.
    package func apply(_ configuration: Configuration) async {
        await onQueue { [self] in
            state.withLock { state in
                state.planner = Planner(configuration: configuration)
                state.links = TaskLinkMaker(key: environment.taskLinkKey, configuration: configuration)
                // The reload wrote "Reloading …" as the status line: the next one must be sent whatever it says.
                state.shownStatus = nil
            }
            environment.channels.apply(configuration)
            turn { $0.reload(policy: SchedulingPolicy(configuration: configuration), now: $1) }
        }
    }

    /// The wall clock was stepped from `previous` to now: deliver what became due, or plan again after a step back.
    package func clockStepped(from previous: Instant) async {
        await onQueue { [self] in turn { $0.clockStepped(now: $1, from: previous) } }
    }

    /// Stops the timer and writes the ledger with the time of stopping; nothing is delivered afterwards.
    package func stop() async {
        await onQueue { [self] in
            environment.timer.cancel()
            let actions = state.withLock { state -> [ReminderScheduler.Action] in
                state.stopped = true
                return state.scheduler.stop(now: environment.clock.now)
            }
            perform(actions, now: environment.clock.now, settle: false)
            eventSink.finish()
        }
    }

    // MARK: - Queries

    /// The next `limit` reminders and the last deliveries, read without waiting for a turn.
    package func snapshot(limit: Int = 10) -> Snapshot {
        let now = environment.clock.now
        let (scheduler, planner) = state.withLock { ($0.scheduler, $0.planner) }
        var next = scheduler.upcoming.filter { $0.recipient == .journal }.map(\.reminder)
        if next.count < limit {
            let ahead = planner.reminders(dueIn: scheduler.lookaheadWindow(now: now))
            next += ahead.prefix(limit - next.count)
        }
        let activity = environment.channels.activity()
        let retries = scheduler.retries
        let waiting = scheduler.upcoming
        let channels = planner.configuration.channels.map { channel in
            ChannelSnapshot(
                settings: channel, activity: activity[channel.id] ?? ChannelActivity(),
                retrying: retries.count { $0.delivery.recipient == .channel(channel.id) },
                next: waiting.first { $0.recipient == .channel(channel.id) })
        }
        return Snapshot(
            next: Array(next.prefix(limit)), recent: scheduler.recent.reversed(), failures: scheduler.failures.reversed(),
            retrying: scheduler.counts.retrying, channels: channels)
    }

    /// Every task item of the config in force, with its state now.
    package func taskStatuses() -> [TaskItemStatus] {
        let (planner, ledger) = state.withLock { ($0.planner, $0.scheduler.ledger) }
        return planner.taskStatuses(now: environment.clock.now) { ledger.done($0) }
    }

    /// What the confirm page shows of an item of the config in force; `nil` when it has none such.
    package func taskView(_ id: TaskItemID) -> TaskView? {
        let (planner, ledger) = state.withLock { ($0.planner, $0.scheduler.ledger) }
        guard let item = planner.taskItem(id) else { return nil }
        let daemon = planner.configuration.daemon
        return TaskView(item: item, done: ledger.done(id), language: daemon.language, zone: daemon.zone)
    }

    /// `/tasks.ics` of the config in force and the marks so far.
    package func taskFeed(includesPrivate: Bool) -> [UInt8] {
        let (planner, ledger) = state.withLock { ($0.planner, $0.scheduler.ledger) }
        let now = environment.clock.now
        let zone = planner.configuration.daemon.zone
        return TaskFeed.render(
            planner: planner, now: now, stamp: zone.startOfDay(zone.localDateTime(at: now).date),
            includesPrivate: includesPrivate) { ledger.done($0) }
    }

    /// Marks a task item done and writes the ledger before answering: a mark that is answered is on disk, and one
    /// that could not be written is answered as such (a second press tries again).
    package func markDone(_ item: TaskItemID, by: String) async -> Result<TaskDoneOutcome, ControlError> {
        await withCheckedContinuation { continuation in
            queue.async { continuation.resume(returning: self.markDoneOnQueue(item, by: by)) }
        }
    }

    private func markDoneOnQueue(_ item: TaskItemID, by rawBy: String) -> Result<TaskDoneOutcome, ControlError> {
        dispatchPrecondition(condition: .onQueue(queue))
        let now = environment.clock.now
        let by = String(ControlCharacters.escaped(rawBy).prefix(64))
        let (planner, stopped) = state.withLock { ($0.planner, $0.stopped) }
        guard !stopped else { return .failure(ControlError(.notRecorded, "the daemon is stopping; try again once it runs")) }
        guard let found = planner.taskItem(item) else {
            return .failure(
                ControlError(.unknownItem, "the config in force has no task item \(item); `partnerctl tasks` lists them"))
        }
        let keepUntil = max(found.target.endInstant, found.repeatsUntil).adding(seconds: 2 * 86_400)
        let (mark, isNew, ledger) = state.withLock { state in
            let result = state.scheduler.markDone(item, by: by, keepUntil: keepUntil, now: now)
            return (result.mark, result.isNew, state.scheduler.ledger)
        }
        if isNew {
            do {
                try environment.ledger.save(ledger)
            } catch {
                environment.logger.error(
                    "\(error); the task item \(item) is marked done in memory only",
                    metadata: ["message_id": "\(MessageID.ledgerWriteFailed.rawValue)"])
                return .failure(
                    ControlError(.notRecorded, "the mark could not be written (\(error)); it does not count yet, try again"))
            }
            environment.logger.notice(
                "task item \(item) marked done by \(by): \(found.task.title)",
                metadata: ["message_id": "\(MessageID.taskDone.rawValue)", "task": "\(item)"])
            turn { _, _ in [] }
        }
        let zone = planner.configuration.daemon.zone
        return .success(
            TaskDoneOutcome(
                item: item.rawValue, title: found.task.title, at: zone.isoString(Instant(secondsSinceEpoch: mark.at)),
                by: mark.by, isNew: isNew))
    }

    /// The ledger as the scheduler holds it (written or about to be).
    package var ledger: DeliveryLedger { state.withLock { $0.scheduler.ledger } }

    // MARK: - Turns (on `queue`)

    private func onQueue(_ body: @escaping @Sendable () -> Void) async {
        await withCheckedContinuation { (continuation: CheckedContinuation<Void, Never>) in
            queue.async {
                body()
                continuation.resume()
            }
        }
    }

    /// One input to the scheduler, its actions carried out, then the turn closed with ``ReminderScheduler/settle(now:)``.
    private func turn(_ input: (inout ReminderScheduler, Instant) -> [ReminderScheduler.Action]) {
        dispatchPrecondition(condition: .onQueue(queue))
        let now = environment.clock.now
        let actions: [ReminderScheduler.Action]? = state.withLock { state in
            state.stopped ? nil : input(&state.scheduler, now)
        }
        guard let actions else { return }
        perform(actions, now: now, settle: true)
    }

    private func perform(_ actions: [ReminderScheduler.Action], now: Instant, settle: Bool) {
        var work = actions[...]
        var settled = !settle
        while true {
            while let action = work.popFirst() {
                work += carryOut(action, now: now)
            }
            if settled { return }
            settled = true
            work = state.withLock { $0.scheduler.settle(now: now) }[...]
        }
    }

    /// Does what one action says; returns what the scheduler answers to its outcome.
    private func carryOut(_ action: ReminderScheduler.Action, now: Instant) -> [ReminderScheduler.Action] {
        let logger = environment.logger
        switch action {
        case .plan(let request):
            let planner = state.withLock { $0.planner }
            let deliveries = planner.deliveries(dueIn: request.window)
            logger.debug(
                "planned \(deliveries.count) deliveries until \(planner.configuration.daemon.zone.isoString(request.window.upperBound))",
                metadata: ["reason": "\(request.reason.rawValue)", "pending": "\(deliveries.count)"])
            if request.reason == .newDay { eventSink.yield(.newDay(now)) }
            return state.withLock { $0.scheduler.planned(deliveries, for: request, now: now) }
        case .deliver(let delivery, let late):
            return deliver(delivery, late: late, now: now)
        case .digest(let channel, let deliveries):
            let configuration = state.withLock { $0.planner.configuration }
            guard let settings = configuration.channel(channel) else {
                let failure = DeliveryFailure(.permanent, reason: "no channel \"\(channel)\" is configured")
                return state.withLock { state in deliveries.flatMap { state.scheduler.deliveryFailed($0.key, failure, now: now) } }
            }
            let links = state.withLock { $0.links }
            send(
                ChannelMessage.digest(
                    deliveries, channel: settings, configuration: configuration, taskLink: Self.linkFunction(links)),
                keys: deliveries.map(\.key))
        case .arm(let deadline):
            environment.timer.arm(at: deadline)
        case .persist:
            let ledger = state.withLock { $0.scheduler.ledger }
            do {
                try environment.ledger.save(ledger)
            } catch {
                logger.error(
                    "\(error); deliveries since the last successful write may repeat after a crash",
                    metadata: ["message_id": "\(MessageID.ledgerWriteFailed.rawValue)"])
            }
        case .retry(let delivery, let at, let failure):
            DaemonMetrics.retried(delivery.recipient)
            logger.error(
                "could not deliver the reminder \(delivery.key): \(failure); retrying in \(now.seconds(until: at)) s",
                metadata: [
                    "message_id": "\(MessageID.deliveryFailed.rawValue)", "uid": "\(delivery.reminder.occurrence.uid)",
                ])
        case .fail(let delivery, let failure, let attempts):
            DaemonMetrics.failed(delivery.recipient)
            if case .channel(let channel) = delivery.recipient {
                environment.channels.recordFailure(channel)
                logger.error(
                    "gave up delivering the reminder \(delivery.reminder.key) to the channel \"\(channel)\" after \(attempts) \(attempts == 1 ? "try" : "tries"): \(failure)",
                    metadata: [
                        "message_id": "\(MessageID.channelFailed.rawValue)", "uid": "\(delivery.reminder.occurrence.uid)",
                        "channel": "\(channel)", "delivery_id": "\(delivery.key.deliveryID)",
                    ])
                return []
            }
            logger.error(
                "gave up delivering the reminder \(delivery.key) after \(attempts) tries: \(failure)",
                metadata: [
                    "message_id": "\(MessageID.deliveryFailed.rawValue)", "uid": "\(delivery.reminder.occurrence.uid)",
                ])
        case .drop(let delivery):
            if case .channel(let channel) = delivery.recipient {
                logger.notice(
                    "dropped the delivery of \(delivery.reminder.key) to the channel \"\(channel)\": the config in force no longer sends it there",
                    metadata: [
                        "message_id": "\(MessageID.channelDropped.rawValue)", "uid": "\(delivery.reminder.occurrence.uid)",
                        "channel": "\(channel)", "delivery_id": "\(delivery.key.deliveryID)",
                    ])
                return []
            }
            logger.notice(
                "dropped the delivery \(delivery.key): the config in force no longer has it",
                metadata: ["uid": "\(delivery.reminder.occurrence.uid)"])
        case .caughtUp(let count):
            logger.notice(
                "delivered \(count) reminder\(count == 1 ? "" : "s") late that fell due while partnerd was not running",
                metadata: ["message_id": "\(MessageID.catchUpDelivered.rawValue)", "late_count": "\(count)"])
        case .lookAhead(let window):
            let planner = state.withLock { $0.planner }
            let first = planner.firstDelivery(dueIn: window)
            return state.withLock { $0.scheduler.lookedAhead(first) }
        case .show(let next):
            showStatus(next, now: now)
        }
        return []
    }

    private static func linkFunction(_ links: TaskLinkMaker?) -> ChannelMessage.TaskLink? {
        guard let links else { return nil }
        return { occurrence in links.link(for: occurrence) }
    }

    private func deliver(_ delivery: Delivery, late: Bool, now: Instant) -> [ReminderScheduler.Action] {
        let (texts, zone, links) = state.withLock { ($0.planner.texts, $0.planner.configuration.daemon.zone, $0.links) }
        switch delivery.recipient {
        case .journal:
            do {
                try environment.journal.send(
                    ReminderEntry.make(
                        delivery.reminder, late: late, texts: texts, zone: zone,
                        taskLink: links?.link(for: delivery.reminder.occurrence)))
            } catch {
                let failure = DeliveryFailure(.transient, reason: "\(error) (errno \(error.errno))")
                return state.withLock { $0.scheduler.deliveryFailed(delivery.key, failure, now: now) }
            }
            DaemonMetrics.delivered(kind: delivery.reminder.occurrence.kind, late: late)
            return state.withLock { $0.scheduler.deliverySucceeded(delivery.key, now: now) }
        case .channel(let id):
            let configuration = state.withLock { $0.planner.configuration }
            guard let settings = configuration.channel(id) else {
                let failure = DeliveryFailure(.permanent, reason: "no channel \"\(id)\" is configured")
                return state.withLock { $0.scheduler.deliveryFailed(delivery.key, failure, now: now) }
            }
            send(
                ChannelMessage.reminder(
                    delivery, late: late, channel: settings, configuration: configuration,
                    taskLink: Self.linkFunction(links)),
                keys: [delivery.key])
            return []
        }
    }

    /// Hands a channel message to the channels and returns at once; the outcome comes back as a turn of its own,
    /// so that a slow server delays neither the journal nor the timer nor any other channel.
    private func send(_ message: ChannelMessage, keys: [DeliveryKey]) {
        let channels = environment.channels
        let logger = environment.logger
        Task { [weak self] in
            let outcome = await channels.deliver(message)
            switch outcome {
            case .success(let receipt):
                logger.info(
                    "sent \(message.kind == .digest ? "a digest of \(keys.count) reminders" : "the reminder \(keys[0].reminder)") to the channel \"\(message.channel)\": \(receipt.answer)",
                    metadata: [
                        "message_id": "\(MessageID.channelDelivered.rawValue)", "channel": "\(message.channel)",
                        "delivery_id": "\(message.deliveryID)",
                    ])
            case .failure:
                break
            }
            self?.report(keys, outcome)
        }
    }

    /// Queues a channel outcome for the scheduler. Outcomes that arrive while a turn runs are taken together in
    /// the next one: each turn ends with a crash-safe ledger write (an fsync), and a burst of channel answers
    /// must not put hundreds of them between the timer and the journal.
    private func report(_ keys: [DeliveryKey], _ outcome: Result<DeliveryReceipt, DeliveryFailure>) {
        let schedule = outcomes.withLock { pending in
            pending.items.append((keys, outcome))
            defer { pending.scheduled = true }
            return !pending.scheduled
        }
        guard schedule else { return }
        queue.async { [weak self] in
            guard let self else { return }
            let batch = outcomes.withLock { pending in
                defer {
                    pending.items = []
                    pending.scheduled = false
                }
                return pending.items
            }
            turn { scheduler, now in
                batch.flatMap { keys, outcome in
                    keys.flatMap { key in
                        switch outcome {
                        case .success: scheduler.deliverySucceeded(key, now: now)
                        case .failure(let failure): scheduler.deliveryFailed(key, failure, now: now)
                        }
                    }
                }
            }
        }
    }

    /// Sends the `STATUS=` line when it says something new. Every turn ends here, and each channel outcome is a
    /// turn: repeating the same line would flood the notify socket, and `sd_notify` blocks when its buffer is full.
    private func showStatus(_ next: Delivery?, now: Instant) {
        DaemonMetrics.nextDue(next?.due)
        let text: String
        if let next {
            let (texts, zone) = state.withLock { ($0.planner.texts, $0.planner.configuration.daemon.zone) }
            let occurrence = next.reminder.occurrence
            let today = zone.localDateTime(at: now).date
            let day = occurrence.zone.localDateTime(at: occurrence.startInstant).date
            text = texts.nextStatus(title: occurrence.title, days: today.days(until: day))
        } else {
            text = "No reminders planned"
        }
        let isNew = state.withLock { state in
            defer { state.shownStatus = text }
            return state.shownStatus != text
        }
        if isNew { _ = environment.notifier.status(text) }
    }
}
