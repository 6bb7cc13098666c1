import Foundation
import Logging
import ServiceLifecycle

/// The feeds as one service of the daemon's `ServiceGroup`: renders on construction, on every configuration
/// the daemon puts in force (``apply(_:)``) and at each local midnight, and runs the HTTP server when
/// `feed.listen` is set.
///
/// Requests are answered from memory only, so rendering (a few milliseconds) never sits in a request's path.
public final class FeedService: Service, @unchecked Sendable {
    /// What the server answers from.
    public let store: FeedStore
    private let publisher: FeedPublisher
    private let clock: any WallClock
    private let logger: Logger
    private let limits: FeedServerLimits
    private let lock = NSLock()
    private var configuration: Configuration
    private var renderedDay: LocalDate
    private let listening = ListeningSignal()

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

    /// Returns once the HTTP server accepts connections (at once without `feed.listen`), for the daemon's
    /// `READY=1`; throws when the server could not start or the waiting task is cancelled.
    public func waitUntilListening() async throws {
        let listens = lock.withLock { configuration.feed.listen != nil }
        guard listens else { return }
        try await listening.wait()
    }

    /// The port the server listens on, once it does (the configured one, or the system's pick for port 0).
    public var listeningPort: Int? { listening.port }

    /// Runs the HTTP server (with `feed.listen`) and the midnight re-render until graceful shutdown; a server
    /// that cannot bind its address ends the service with that error.
    public func run() async throws {
        let listen: ListenAddress? = lock.withLock { configuration.feed.listen }
        try await withThrowingTaskGroup(of: Void.self) { group in
            if let listen {
                group.addTask {
                    let signal = self.listening
                    do {
                        try await FeedServer(
                            address: listen, store: self.store, logger: self.logger, limits: self.limits,
                            onListening: { signal.succeed(port: $0) }
                        ).run()
                        signal.fail(CancellationError())
                    } catch {
                        self.logger.error("the feed server stopped", metadata: ["error": "\(error)"])
                        signal.fail(error)
                        throw error
                    }
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
            // The first failure ends the service (and cancels the rest); the midnight loop's cancellation at
            // graceful shutdown does not, as the server then finishes its requests on its own.
            while true {
                do {
                    guard try await group.next() != nil else { break }
                } catch is CancellationError {
                    continue
                }
            }
        }
    }
}

/// Tells waiters that the server is listening, or that it never will.
final class ListeningSignal: @unchecked Sendable {
    private enum State {
        case waiting([UInt64: CheckedContinuation<Void, any Error>])
        case listening(port: Int)
        case failed(any Error)
    }

    private let lock = NSLock()
    private var state = State.waiting([:])
    private var nextWaiter: UInt64 = 0

    var port: Int? {
        lock.withLock {
            if case .listening(let port) = state { return port }
            return nil
        }
    }

    func succeed(port: Int) { settle(.listening(port: port)) }

    func fail(_ error: any Error) { settle(.failed(error)) }

    private func settle(_ outcome: State) {
        let waiters: [CheckedContinuation<Void, any Error>] = lock.withLock {
            guard case .waiting(let waiters) = state else { return [] }
            state = outcome
            return Array(waiters.values)
        }
        for waiter in waiters {
            if case .failed(let error) = outcome { waiter.resume(throwing: error) } else { waiter.resume() }
        }
    }

    func wait() async throws {
        let identifier: UInt64 = lock.withLock {
            nextWaiter += 1
            return nextWaiter
        }
        try await withTaskCancellationHandler {
            try await withCheckedThrowingContinuation { (continuation: CheckedContinuation<Void, any Error>) in
                let immediate: Result<Void, any Error>? = lock.withLock {
                    // Cancelled before registering: the cancellation handler found nothing to resume.
                    if Task.isCancelled { return .failure(CancellationError()) }
                    switch state {
                    case .listening: return .success(())
                    case .failed(let error): return .failure(error)
                    case .waiting(var waiters):
                        waiters[identifier] = continuation
                        state = .waiting(waiters)
                        return nil
                    }
                }
                if let immediate { continuation.resume(with: immediate) }
            }
        } onCancel: {
            let waiter: CheckedContinuation<Void, any Error>? = lock.withLock {
                guard case .waiting(var waiters) = state, let waiter = waiters.removeValue(forKey: identifier) else {
                    return nil
                }
                state = .waiting(waiters)
                return waiter
            }
            waiter?.resume(throwing: CancellationError())
        }
    }
}
