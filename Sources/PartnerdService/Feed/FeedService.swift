import Foundation
import Logging
import ServiceLifecycle

/// The feeds as one service of the daemon's `ServiceGroup`: renders on construction and whenever the daemon
/// puts a plan in force (``apply(_:)``: a reload, and the reminder engine's re-plan at each local midnight,
/// so the feeds need no timer of their own), and runs the HTTP server when `feed.listen` is set.
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
    private let onListening: @Sendable () -> Void

    /// Renders the feeds of `configuration` at once, so that the server never starts without them.
    /// `onListening` is called when the server listens, or at once from ``run()`` when there is no server.
    public init(
        configuration: Configuration, stateDirectory: String?, clock: any WallClock, logger: Logger,
        limits: FeedServerLimits = FeedServerLimits(), onListening: @escaping @Sendable () -> Void = {}
    ) {
        self.onListening = onListening
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

    public func run() async throws {
        let listen: ListenAddress? = lock.withLock { configuration.feed.listen }
        guard let listen else {
            onListening()
            try await gracefulShutdown()
            return
        }
        try await FeedServer(
            address: listen, store: store, logger: logger, limits: limits, onListening: onListening
        ).run()
    }
}
