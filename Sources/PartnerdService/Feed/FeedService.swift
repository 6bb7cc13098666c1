import Foundation
import Logging
import ServiceLifecycle

/// The feeds as one service of the daemon's `ServiceGroup`: renders on construction, on every configuration
/// the daemon puts in force (``apply(_:)``) and at each local midnight, and runs the HTTP server when
/// `feed.listen` is set.
///
/// Requests are answered from memory only, so rendering (a few milliseconds) never sits in a request's path.
public final class FeedService: Service, @unchecked Sendable {
    public let store: FeedStore
    private let publisher: FeedPublisher
    private let clock: any WallClock
    private let logger: Logger
    private let limits: FeedServerLimits
    private let lock = NSLock()
    private var configuration: Configuration
    private var renderedDay: LocalDate

    /// Renders the feeds of `configuration` at once, so that the server never starts without them.
    public init(
        configuration: Configuration, stateDirectory: String?, clock: any WallClock, logger: Logger,
        limits: FeedServerLimits = FeedServerLimits()
    ) {
        store = FeedStore()
        publisher = FeedPublisher(store: store, stateDirectory: stateDirectory, logger: logger)
        self.clock = clock
        self.logger = logger
        self.limits = limits
        self.configuration = configuration
        let now = clock.now
        renderedDay = configuration.daemon.zone.localDateTime(at: now).date
        publisher.publish(configuration, now: now)
    }

    /// Renders and serves a new configuration (after SIGHUP or `partnerctl reload` put it in force).
    /// A changed `feed.listen` takes effect at the next start.
    public func apply(_ configuration: Configuration) {
        lock.lock()
        defer { lock.unlock() }
        if configuration.feed.listen != self.configuration.feed.listen {
            logger.warning(
                "feed.listen changed; the feed server keeps its address until partnerd restarts",
                metadata: [
                    "old": "\(self.configuration.feed.listen?.description ?? "off")",
                    "new": "\(configuration.feed.listen?.description ?? "off")",
                ])
        }
        let listen = self.configuration.feed.listen
        self.configuration = configuration
        self.configuration.feed.listen = listen
        let now = clock.now
        renderedDay = configuration.daemon.zone.localDateTime(at: now).date
        publisher.publish(self.configuration, now: now)
    }

    /// Renders again if the local day has changed since the last render; returns whether it did.
    @discardableResult
    public func renderIfDayChanged() -> Bool {
        lock.lock()
        defer { lock.unlock() }
        let now = clock.now
        let today = configuration.daemon.zone.localDateTime(at: now).date
        guard today != renderedDay else { return false }
        renderedDay = today
        publisher.publish(configuration, now: now)
        return true
    }

    /// Seconds until the next local midnight, at most an hour, so that a changed wall clock is noticed soon.
    public var secondsUntilNextRender: Int64 {
        lock.lock()
        defer { lock.unlock() }
        let now = clock.now
        let next = FeedRenderer(configuration: configuration).nextRender(after: now)
        return max(1, min(3600, now.seconds(until: next)))
    }

    public func run() async throws {
        let listen: ListenAddress? = lock.withLock { configuration.feed.listen }
        try await withThrowingTaskGroup(of: Void.self) { group in
            if let listen {
                group.addTask {
                    try await FeedServer(address: listen, store: self.store, logger: self.logger, limits: self.limits).run()
                }
            }
            group.addTask {
                try await cancelWhenGracefulShutdown {
                    while !Task.isCancelled {
                        try await Task.sleep(for: .seconds(self.secondsUntilNextRender))
                        self.renderIfDayChanged()
                    }
                }
            }
            do {
                try await group.waitForAll()
            } catch is CancellationError {
                return
            }
        }
    }
}
