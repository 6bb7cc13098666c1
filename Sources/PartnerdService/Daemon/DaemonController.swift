import Foundation
import Logging

/// Loads and reloads the config for the running daemon, and answers `partnerctl status`: the one place
/// where SIGHUP and `partnerctl reload` meet. A rejected config leaves the one in force untouched.
public final class DaemonController: ControlHandler, @unchecked Sendable {
    /// Facts about this process that the status shows and that never change while it runs.
    public struct Identity: Sendable {
        public var stateDirectory: String
        public var socket: String
        public var logTarget: LogTarget
        /// `--listen`, which overrides `feed.listen` in every config this daemon loads.
        public var listenOverride: ListenAddress?
        /// An empty `--listen ""` turns the feed server off whatever the config says.
        public var listenDisabled: Bool

        public init(
            stateDirectory: String, socket: String, logTarget: LogTarget, listenOverride: ListenAddress?,
            listenDisabled: Bool
        ) {
            self.stateDirectory = stateDirectory
            self.socket = socket
            self.logTarget = logTarget
            self.listenOverride = listenOverride
            self.listenDisabled = listenDisabled
        }
    }

    public let source: ConfigurationSource
    public let engine: ReminderEngine
    public let logger: Logger
    public let notifier: SystemdNotifier
    public let startedAt: Instant
    public let identity: Identity
    private let lock = NSLock()
    private var loadedAt: Instant
    private var files: [String]
    private var lastReload: ReloadOutcome?

    public init(
        source: ConfigurationSource, configuration: Configuration, engine: ReminderEngine, logger: Logger,
        notifier: SystemdNotifier, startedAt: Instant, identity: Identity
    ) {
        self.source = source
        self.engine = engine
        self.logger = logger
        self.notifier = notifier
        self.startedAt = startedAt
        self.identity = identity
        self.loadedAt = startedAt
        self.files = configuration.files
    }

    /// The config at `source`, with the command line's overrides applied.
    public func load() -> ConfigurationLoader.Result {
        var result = source.load()
        result.configuration = result.configuration.map(adjusted)
        return result
    }

    func adjusted(_ configuration: Configuration) -> Configuration {
        var configuration = configuration
        if identity.listenDisabled { configuration.feed.listen = nil }
        if let listen = identity.listenOverride { configuration.feed.listen = listen }
        return configuration
    }

    /// Loads the config again and applies it whole, or keeps the old one and logs why.
    @discardableResult
    public func reloadNow() -> ReloadOutcome {
        lock.withLock {
            _ = notifier.reloading(status: "Reloading \(source.path)")
            defer { _ = notifier.ready() }
            let result = load()
            let now = source.clock.now
            let zone = engine.currentConfiguration.daemon.zone
            if let configuration = result.configuration {
                engine.apply(configuration)
                loadedAt = now
                files = configuration.files
                logger.notice(
                    "reloaded \(source.path): \(configuration.partnerships.count) partnerships, \(configuration.eventCount) events",
                    metadata: ["message_id": "\(MessageID.configReloaded.rawValue)", "config": "\(source.path)"])
                let outcome = ReloadOutcome(at: zone.isoString(now), issues: result.issues, inForce: configuration)
                lastReload = outcome
                return outcome
            }
            let rendered = result.errors.map(\.rendered)
            let text =
                "reload rejected: \(source.path) has \(rendered.count) error\(rendered.count == 1 ? "" : "s"); "
                + "the previous config stays in force\n" + rendered.joined(separator: "\n")
            logger.error(
                "\(text)", metadata: ["message_id": "\(MessageID.reloadRejected.rawValue)", "config": "\(source.path)"])
            let outcome = ReloadOutcome(at: zone.isoString(now), issues: result.issues, inForce: engine.currentConfiguration)
            lastReload = outcome
            return outcome
        }
    }

    // MARK: - ControlHandler

    public func reload() async -> ReloadOutcome {
        reloadNow()
    }

    public func status() async -> DaemonStatus {
        let snapshot = engine.snapshot(limit: 10)
        let configuration = snapshot.configuration
        let zone = configuration.daemon.zone
        let (loaded, files, lastReload) = lock.withLock { (loadedAt, self.files, self.lastReload) }
        return DaemonStatus(
            version: PartnerdVersion.current, pid: Int(getpid()), runningSince: zone.isoString(startedAt),
            configuration: DaemonStatus.ConfigurationState(
                path: source.path,
                files: files.map { DaemonStatus.ConfigurationState.File(path: $0, loadedAt: zone.isoString(loaded)) }),
            lastReload: lastReload, partnerships: configuration.partnerships.count, events: configuration.eventCount,
            nextReminders: snapshot.next.map(ReminderStatus.init),
            lastDelivered: snapshot.recent.map { DeliveredReminderStatus($0.reminder, deliveredAt: $0.at, late: $0.late) },
            feed: FeedStatus(configuration.feed, partnerships: configuration.partnerships),
            stateDirectory: identity.stateDirectory, socket: identity.socket, logTarget: identity.logTarget.rawValue,
            language: configuration.daemon.language, timezone: zone.identifier)
    }
}
