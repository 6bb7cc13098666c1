#if canImport(Glibc)
import Glibc
#endif

import Logging

/// Loads and reloads the config for the running daemon: the one place where SIGHUP and `partnerctl reload`
/// meet. A rejected config leaves the one in force untouched.
public final class DaemonController: @unchecked Sendable {
    /// The result of a reload.
    public struct ReloadResult: Sendable {
        public var applied: Bool
        public var at: Instant
        /// Every issue found, rendered (errors when rejected, warnings otherwise).
        public var issues: [String]
    }

    public let source: ConfigurationSource
    public let engine: ReminderEngine
    public let logger: Logger
    public let notifier: SystemdNotifier
    public let startedAt: Instant
    private let lock = NSLockLike()
    private var loadedAt: Instant
    private var lastReload: ReloadResult?

    public init(source: ConfigurationSource, engine: ReminderEngine, logger: Logger, notifier: SystemdNotifier, startedAt: Instant) {
        self.source = source
        self.engine = engine
        self.logger = logger
        self.notifier = notifier
        self.startedAt = startedAt
        self.loadedAt = startedAt
    }

    public var configurationLoadedAt: Instant { lock.withLock { loadedAt } }
    public var lastReloadResult: ReloadResult? { lock.withLock { lastReload } }

    /// Loads the config again and applies it whole, or keeps the old one and logs why.
    @discardableResult
    public func reload() -> ReloadResult {
        _ = notifier.reloading(status: "Reloading \(source.path)")
        let result = source.load()
        let now = source.clock.now
        let outcome: ReloadResult
        if let configuration = result.configuration {
            engine.apply(configuration)
            outcome = ReloadResult(applied: true, at: now, issues: result.warnings.map(\.rendered))
            lock.withLock { loadedAt = now }
            logger.notice(
                "reloaded \(source.path): \(configuration.partnerships.count) partnerships, \(configuration.eventCount) events",
                metadata: ["message_id": "\(MessageID.configReloaded.rawValue)", "config": "\(source.path)"])
        } else {
            let rendered = result.errors.map(\.rendered)
            outcome = ReloadResult(applied: false, at: now, issues: rendered)
            let text =
                "reload rejected: \(source.path) has \(rendered.count) error\(rendered.count == 1 ? "" : "s"); "
                + "the previous config stays in force\n" + rendered.joined(separator: "\n")
            logger.error(
                "\(text)",
                metadata: ["message_id": "\(MessageID.reloadRejected.rawValue)", "config": "\(source.path)"])
        }
        lock.withLock { lastReload = outcome }
        _ = notifier.ready()
        return outcome
    }
}

/// A small mutex for state read from several threads.
final class NSLockLike: @unchecked Sendable {
    private var mutex = pthread_mutex_t()
    init() { pthread_mutex_init(&mutex, nil) }
    deinit { pthread_mutex_destroy(&mutex) }
    func withLock<T>(_ body: () throws -> T) rethrows -> T {
        pthread_mutex_lock(&mutex)
        defer { pthread_mutex_unlock(&mutex) }
        return try body()
    }
}
