import CSystemd
import Foundation
import Glibc
import Logging
import ServiceLifecycle
import Synchronization

/// The feeds as one service of the daemon's `ServiceGroup`: renders on construction and whenever the daemon
/// puts a plan in force (``apply(_:)``: a reload, and the reminder engine's re-plan at each local midnight,
/// so the feeds need no timer of their own), and runs the HTTP server when `feed.listen` is set.
///
/// Requests are answered from memory only, so rendering never sits in a request's path. Rendering runs on a
/// queue of its own, so neither the start nor the reminder engine waits for it (a config of 10,000
/// partnerships takes seconds to render): READY=1 means the config is loaded, the timer armed and the server
/// listening (issue 5), and a request that comes before the first rendering gets 503 with `Retry-After`.
/// Renders asked for while one runs are folded into one of the latest configuration.
package final class FeedService: Service, Sendable {
    package let store: FeedStore
    /// What the server was asked during the last day, for `status`.
    package let activity: FeedActivityRecorder
    private let metrics: (@Sendable () -> [UInt8])?
    private let tasks: (@Sendable (_ includesPrivate: Bool) -> [UInt8])?
    private let confirmation: TaskConfirmation?
    private let publisher: FeedPublisher
    private let clock: any WallClock
    private let logger: Logger
    private let limits: FeedServerLimits
    private struct State {
        var configuration: Configuration
        var renderPending = false
    }

    private let state: Mutex<State>
    private let onListening: @Sendable () -> Void
    private let renderQueue = DispatchQueue(label: "partnerd.feeds")

    /// Starts rendering the feeds of `configuration` at once, in the background.
    /// `onListening` is called when the server listens, or at once from ``run()`` when there is no server.
    package init(
        configuration: Configuration, stateDirectory: String?, clock: any WallClock, logger: Logger,
        limits: FeedServerLimits = FeedServerLimits(), metrics: (@Sendable () -> [UInt8])? = nil,
        tasks: (@Sendable (_ includesPrivate: Bool) -> [UInt8])? = nil, confirmation: TaskConfirmation? = nil,
        onListening: @escaping @Sendable () -> Void = {}
    ) {
        self.confirmation = confirmation
        self.onListening = onListening
        self.metrics = metrics
        self.tasks = tasks
        activity = FeedActivityRecorder(clock: clock)
        store = FeedStore()
        publisher = FeedPublisher(store: store, stateDirectory: stateDirectory, logger: logger)
        self.clock = clock
        self.logger = logger
        self.limits = limits
        state = Mutex(State(configuration: configuration))
        scheduleRender()
    }

    /// Waits until every rendering asked for so far is done (for tests and an orderly stop).
    package func flush() {
        renderQueue.sync {}
    }

    private func scheduleRender() {
        let start = state.withLock { state in
            defer { state.renderPending = true }
            return !state.renderPending
        }
        guard start else { return }
        renderQueue.async { [self] in
            let configuration = state.withLock { state in
                state.renderPending = false
                return state.configuration
            }
            publisher.publish(configuration, now: clock.now)
            // A rendering allocates hundreds of megabytes for a registry and frees most of them at once; glibc
            // keeps freed pages in its arenas unless asked to give them back.
            malloc_trim(0)
        }
    }

    /// Renders and serves a new configuration (after SIGHUP or `partnerctl reload` put it in force, and at each
    /// local midnight). The server keeps the address it was started with: the daemon's controller keeps
    /// `feed.listen` as it was (``ConfigurationOverrides/applied(to:inForce:logger:)``).
    package func apply(_ configuration: Configuration) {
        state.withLock { $0.configuration = configuration }
        scheduleRender()
    }

    package func run() async throws {
        let listen: ListenAddress? = state.withLock { $0.configuration.feed.listen }
        // No waiting for a rendering in progress on the way out: SIGTERM must stop the daemon within a
        // second, and every file a rendering writes is replaced atomically, so an abandoned one leaves the
        // previous files whole.
        guard let listen else {
            onListening()
            try await gracefulShutdown()
            return
        }
        try await FeedServer(
            address: listen, store: store, logger: logger, limits: limits, metrics: metrics, tasks: tasks,
            confirmation: confirmation, activity: activity, onListening: onListening
        ).run()
    }
}
