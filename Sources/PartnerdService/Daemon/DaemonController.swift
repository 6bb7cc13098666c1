import Dispatch
import Foundation
import Logging
import ServiceLifecycle
import UnixSignals

/// The one owner of the config in force. It loads and reloads it (SIGHUP and `partnerctl reload` meet here),
/// fans each applied config out to the reminder engine and the feeds, tells the feeds when a new local day
/// begins, answers `partnerctl status`, and speaks to systemd (READY, RELOADING, STOPPING, the watchdog).
/// A rejected config leaves the one in force untouched.
///
/// As a swift-service-lifecycle service it starts the engine, waits for the feed server, sends READY=1, and
/// on graceful shutdown stops the engine, which writes the ledger.
package actor DaemonController: ControlHandler, Service {
    /// Facts about this process that the status shows and that never change while it runs.
    package struct Identity: Sendable {
        package var stateDirectory: String
        package var socket: String
        package var logTarget: LogTarget
        package var overrides: ConfigurationOverrides

        package init(stateDirectory: String, socket: String, logTarget: LogTarget, overrides: ConfigurationOverrides) {
            self.stateDirectory = stateDirectory
            self.socket = socket
            self.logTarget = logTarget
            self.overrides = overrides
        }
    }

    package nonisolated let source: ConfigurationSource
    package nonisolated let identity: Identity
    /// How long a reload may take to read and check the config; beyond it the reload is rejected and the
    /// config in force stays, so that a pathological file can never hold the daemon in "reloading".
    package private(set) var reloadBudget: Double = 30

    package func setReloadBudget(_ seconds: Double) { reloadBudget = seconds }
    private let engine: ReminderEngine
    private let feeds: FeedService
    /// Fetches the calendars with a `url`; a changed one reloads the config.
    private let calendars: CalendarFetcher?
    private let logger: Logger
    private let notifier: SystemdNotifier
    private let startedAt: Instant
    /// Waits until the other services (the feed server) are up, before READY=1.
    private let ready: @Sendable () async throws -> Void
    /// Wall-clock steps and time zone changes.
    private let clockEvents: any ClockEventSource
    private var inForce: Configuration
    private var loadedAt: Instant
    private var lastReload: ReloadOutcome?
    private var reloadBusy = false
    private var reloadWaiters: [CheckedContinuation<Void, Never>] = []

    /// - Parameter configuration: the config loaded at start, with ``Identity/overrides`` applied.
    package init(
        source: ConfigurationSource, configuration: Configuration, engine: ReminderEngine, feeds: FeedService,
        logger: Logger, notifier: SystemdNotifier, startedAt: Instant, identity: Identity,
        clockEvents: any ClockEventSource, calendars: CalendarFetcher? = nil,
        ready: @escaping @Sendable () async throws -> Void = {}
    ) {
        self.calendars = calendars
        self.clockEvents = clockEvents
        self.source = source
        self.inForce = configuration
        self.engine = engine
        self.feeds = feeds
        self.logger = logger
        self.notifier = notifier
        self.startedAt = startedAt
        self.loadedAt = startedAt
        self.identity = identity
        self.ready = ready
    }

    /// The configuration in force.
    package var configuration: Configuration { inForce }

    // MARK: - Service

    package func run() async throws {
        // Trap SIGHUP before READY=1: its default action would end the process.
        let hangups = await UnixSignalsSequence(trapping: .sighup)
        DaemonMetrics.inForce(inForce)
        await engine.start()
        try await ready()
        _ = notifier.ready()
        logger.notice(
            "started with \(source.path): \(inForce.partnerships.count) partnerships, \(inForce.eventCount) events",
            metadata: ["message_id": "\(MessageID.daemonStarted.rawValue)", "config": "\(source.path)"])
        let watchdog = Self.startWatchdog(notifier)

        await withDiscardingTaskGroup { group in
            group.addTask {
                for await _ in hangups.cancelOnGracefulShutdown() { _ = await self.reload() }
            }
            group.addTask {
                for await event in self.engine.events.cancelOnGracefulShutdown() { await self.handle(event) }
            }
            group.addTask {
                for await event in self.clockEvents.events.cancelOnGracefulShutdown() { await self.handle(event) }
            }
            if let calendars = self.calendars {
                group.addTask {
                    for await _ in calendars.changes.cancelOnGracefulShutdown() { _ = await self.reload() }
                }
            }
        }
        await clockEvents.stop()

        watchdog?.cancel()
        _ = notifier.stopping()
        logger.notice("stopping", metadata: ["message_id": "\(MessageID.stopping.rawValue)"])
        await engine.stop()
    }

    private func handle(_ event: ReminderEngine.Event) {
        switch event {
        case .newDay:
            // The feeds show a year back and `feed.horizon` ahead of today: a new day renders them again.
            feeds.apply(inForce)
        }
    }

    /// A wall-clock step re-plans the reminders at once (forward: what became due is delivered, late; back: the plan
    /// is made again for the new today, nothing repeats). A new `/etc/localtime` reloads the config when it follows
    /// the system's zone.
    func handle(_ event: ClockEvent) async {
        switch event {
        case .stepped(let expected):
            let now = source.clock.now
            logger.notice(
                "the wall clock was set from \(inForce.daemon.zone.isoString(expected)) to \(inForce.daemon.zone.isoString(now)); reminders re-planned")
            await engine.clockStepped(from: expected)
            feeds.apply(inForce)
        case .zoneChanged:
            NSTimeZone.resetSystemTimeZone()
            guard inForce.daemon.followsSystemZone else { return }
            guard Zone.system.identifier != inForce.daemon.zone.identifier else { return }
            logger.notice(
                "the system time zone changed from \(inForce.daemon.zone.identifier) to \(Zone.system.identifier); reloading")
            _ = await reload()
        }
    }

    /// Pings systemd's watchdog at half its timeout, when the unit asks for one (`WatchdogSec=`).
    private static func startWatchdog(_ notifier: SystemdNotifier) -> (any DispatchSourceTimer)? {
        guard let interval = SystemdNotifier.watchdogPingInterval() else { return nil }
        let timer = DispatchSource.makeTimerSource(queue: DispatchQueue(label: "partnerd.watchdog"))
        let nanoseconds = interval.components.seconds * 1_000_000_000 + interval.components.attoseconds / 1_000_000_000
        timer.schedule(
            deadline: .now() + .nanoseconds(Int(nanoseconds)), repeating: .nanoseconds(Int(nanoseconds)),
            leeway: .milliseconds(100))
        timer.setEventHandler { _ = notifier.watchdog() }
        timer.resume()
        return timer
    }

    // MARK: - ControlHandler

    /// Loads the config again and applies it whole, or keeps the old one and logs why. Reloads run one at a
    /// time, in the order asked for (the actor alone would interleave them at each `await`); the files are read
    /// off the cooperative pool.
    package func reload() async -> ReloadOutcome {
        while reloadBusy {
            await withCheckedContinuation { reloadWaiters.append($0) }
        }
        reloadBusy = true
        defer {
            reloadBusy = false
            if !reloadWaiters.isEmpty { reloadWaiters.removeFirst().resume() }
        }
        return await reloadOnce()
    }

    private func reloadOnce() async -> ReloadOutcome {
        _ = notifier.reloading(status: "Reloading \(source.path)")
        let source = self.source
        let budget = reloadBudget
        let result =
            await BlockingIO.run(within: budget) { source.load() }
            ?? ConfigurationLoader.Result(
                configuration: nil,
                issues: [
                    ConfigurationIssue(
                        file: source.path,
                        message: "reading and checking the config took longer than \(Int(budget)) s, so it is not applied",
                        hint: "run `partnerctl check` on it: a rule or file that takes this long is a mistake")
                ])
        let now = source.clock.now
        let zone = inForce.daemon.zone
        guard let loaded = result.configuration else {
            let rendered = result.errors.map(\.rendered)
            let text =
                "reload rejected: \(source.path) has \(rendered.count) error\(rendered.count == 1 ? "" : "s"); "
                + "the previous config stays in force\n" + rendered.joined(separator: "\n")
            logger.error(
                "\(text)", metadata: ["message_id": "\(MessageID.reloadRejected.rawValue)", "config": "\(source.path)"])
            let outcome = ReloadOutcome(at: zone.isoString(now), issues: result.issues, inForce: inForce)
            lastReload = outcome
            DaemonMetrics.reload(applied: false)
            // READY=1 alone would leave "Reloading …" as the unit's status line for ever.
            _ = notifier.ready(
                status: "Reload rejected: \(rendered.count) error\(rendered.count == 1 ? "" : "s") in \(source.path); "
                    + "the previous config stays in force")
            return outcome
        }
        let configuration = identity.overrides.applied(to: loaded, inForce: inForce, logger: logger)
        inForce = configuration
        loadedAt = now
        DaemonMetrics.reload(applied: true)
        DaemonMetrics.inForce(configuration)
        await engine.apply(configuration)
        feeds.apply(configuration)
        await calendars?.apply(configuration)
        logger.notice(
            "reloaded \(source.path): \(configuration.partnerships.count) partnerships, \(configuration.eventCount) events",
            metadata: ["message_id": "\(MessageID.configReloaded.rawValue)", "config": "\(source.path)"])
        let outcome = ReloadOutcome(at: zone.isoString(now), issues: result.issues, inForce: configuration)
        lastReload = outcome
        _ = notifier.ready()
        return outcome
    }

    package func status() async -> DaemonStatus {
        let snapshot = engine.snapshot(limit: 10)
        let configuration = inForce
        let zone = configuration.daemon.zone
        var status = DaemonStatus(
            version: PartnerdVersion.current, pid: Int(getpid()), runningSince: zone.isoString(startedAt),
            configuration: DaemonStatus.ConfigurationState(
                path: source.path,
                files: configuration.files.map {
                    DaemonStatus.ConfigurationState.File(path: $0, loadedAt: zone.isoString(loadedAt))
                }),
            lastReload: lastReload, partnerships: configuration.partnerships.count, events: configuration.eventCount,
            nextReminders: snapshot.next.map {
                ReminderStatus($0, zone: zone, texts: Texts(language: configuration.daemon.language))
            },
            lastDelivered: snapshot.recent.filter { $0.delivery.recipient == .journal }.map {
                DeliveredReminderStatus($0.delivery.reminder, deliveredAt: $0.at, late: $0.late, zone: zone)
            },
            feed: {
                var feed = FeedStatus(configuration.feed, partnerships: configuration.partnerships)
                if feed.listen != nil { feed.activity = feeds.activity.summary(zone: zone) }
                return feed
            }(),
            stateDirectory: identity.stateDirectory, socket: identity.socket, logTarget: identity.logTarget.rawValue,
            language: configuration.daemon.language, timezone: zone.identifier)
        status.channels = snapshot.channels.map { channel in
            ChannelStatus(
                id: channel.settings.id.rawValue, type: channel.settings.type, target: channel.settings.target,
                language: channel.settings.language, timezone: channel.settings.zone.identifier,
                delivered: channel.activity.delivered, lastDelivery: channel.activity.lastDelivery.map(zone.isoString),
                lastAnswer: channel.activity.lastAnswer, lastError: channel.activity.lastError,
                lastErrorAt: channel.activity.lastErrorAt.map(zone.isoString), retrying: channel.retrying,
                failures: channel.activity.failures, next: channel.next.map { zone.isoString($0.due) })
        }
        status.calendars = await calendars?.statuses(in: configuration) ?? []
        if configuration.partnerships.contains(where: { !$0.tasks.isEmpty }) {
            status.tasks = TaskCounts(engine.taskStatuses())
        }
        return status
    }

    package func markDone(_ item: TaskItemID, by: String) async -> Result<TaskDoneOutcome, ControlError> {
        await engine.markDone(item, by: by)
    }

    package func tasks() async -> [TaskItemStatus] { engine.taskStatuses() }

    package func fetchCalendars() async -> DaemonStatus {
        if let calendars, await calendars.fetchEverything() { _ = await reload() }
        return await status()
    }
}
