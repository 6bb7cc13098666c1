import AsyncHTTPClient
import Logging
import NIOCore
import NIOPosix
import PartnerdCore
import Synchronization

/// Delivers messages to channels for the engine; tests stand in for it.
package protocol ChannelDelivering: Sendable {
    /// The channels of a new configuration are in force.
    func apply(_ configuration: Configuration)
    /// One delivery, within the delivery timeouts; never throws, never blocks the caller's thread.
    func deliver(_ message: ChannelMessage) async -> Result<DeliveryReceipt, DeliveryFailure>
    /// What `status` shows of each channel.
    func activity() -> [ChannelID: ChannelActivity]
    /// Counts a delivery given up, for `status`.
    func recordFailure(_ channel: ChannelID)
}

/// No channels at all: what the engine uses where none are wired (unit tests of the journal path).
package struct NoChannels: ChannelDelivering {
    package init() {}
    package func apply(_ configuration: Configuration) {}
    package func deliver(_ message: ChannelMessage) async -> Result<DeliveryReceipt, DeliveryFailure> {
        .failure(DeliveryFailure(.permanent, reason: "no channel \"\(message.channel)\" is configured"))
    }
    package func activity() -> [ChannelID: ChannelActivity] { [:] }
    package func recordFailure(_ channel: ChannelID) {}
}

/// What happened on one channel lately, for `status`.
package struct ChannelActivity: Sendable, Equatable {
    package var delivered = 0
    package var lastDelivery: Instant?
    package var lastAnswer: String?
    package var lastError: String?
    package var lastErrorAt: Instant?
    /// Deliveries given up.
    package var failures = 0

    package init() {}
}

/// The real channels: one sender per `[[channel]]`, rebuilt on each config, sharing one HTTP client.
///
/// Deliveries run concurrently on Swift's pool, each within ``DeliveryTimeouts/whole``: a hung server delays only
/// its own delivery, never the journal, the timer (both on the engine's queue) or another channel.
package final class ChannelDispatcher: ChannelDelivering {
    private struct State {
        var senders: [ChannelID: any ChannelSender] = [:]
        /// The SMTP sessions of each mail server in use; kept across reloads while a channel still uses it.
        var mailPools: [SMTPConnectionKey: SMTPSessionPool] = [:]
        var activity: [ChannelID: ChannelActivity] = [:]
    }

    private let client: HTTPClient
    private let timeouts: DeliveryTimeouts
    private let clock: any WallClock
    private let state = Mutex(State())

    package init(clock: any WallClock, timeouts: DeliveryTimeouts = DeliveryTimeouts()) {
        self.clock = clock
        self.timeouts = timeouts
        var configuration = HTTPClient.Configuration()
        configuration.timeout = HTTPClient.Configuration.Timeout(connect: timeouts.connect, read: timeouts.whole)
        configuration.redirectConfiguration = .disallow
        configuration.httpVersion = .http1Only
        client = HTTPClient(eventLoopGroup: MultiThreadedEventLoopGroup.singleton, configuration: configuration)
    }

    /// Closes the HTTP client's connections and says QUIT to every mail server; call once, when the daemon stops.
    package func shutdown() async {
        for pool in state.withLock({ $0.mailPools.values }) { try? await pool.close()?.get() }
        try? await client.shutdown()
    }

    package func apply(_ configuration: Configuration) {
        var senders: [ChannelID: any ChannelSender] = [:]
        for channel in configuration.channels { senders[channel.id] = sender(for: channel) }
        let inUse = Set(configuration.channels.compactMap { channel -> SMTPConnectionKey? in
            if case .mail(let mail) = channel.transport { return SMTPConnectionKey(mail) }
            return nil
        })
        let dropped = state.withLock { state in
            let dropped = state.mailPools.filter { !inUse.contains($0.key) }
            state.mailPools = state.mailPools.filter { inUse.contains($0.key) }
            return dropped.values
        }
        for pool in dropped { pool.close() }
        state.withLock { state in
            state.senders = senders
            state.activity = state.activity.filter { senders[$0.key] != nil }
            for id in senders.keys where state.activity[id] == nil { state.activity[id] = ChannelActivity() }
        }
    }

    /// The sender of one channel (`partnerctl test` uses it without a running daemon).
    package func sender(for channel: ChannelSettings) -> any ChannelSender {
        switch channel.transport {
        case .mail(let mail):
            let pool = state.withLock { state in
                let key = SMTPConnectionKey(mail)
                if let pool = state.mailPools[key] { return pool }
                let pool = SMTPSessionPool(timeouts: timeouts)
                state.mailPools[key] = pool
                return pool
            }
            var sender = MailSender(transport: mail, zone: channel.zone, pool: pool)
            sender.clock = clock
            return sender
        case .matrix(let matrix):
            var sender = MatrixSender(transport: matrix, client: client)
            sender.timeouts = timeouts
            return sender
        case .webhook(let hook):
            var sender = WebhookSender(transport: hook, client: client)
            sender.timeouts = timeouts
            return sender
        case .exec(let exec):
            return ExecSender(transport: exec)
        }
    }

    package func deliver(_ message: ChannelMessage) async -> Result<DeliveryReceipt, DeliveryFailure> {
        guard let sender = state.withLock({ $0.senders[message.channel] }) else {
            return .failure(DeliveryFailure(.permanent, reason: "no channel \"\(message.channel)\" is configured"))
        }
        let outcome = await Self.withinTimeout(timeouts.whole, channel: message.channel) {
            do throws(DeliveryFailure) {
                return .success(try await sender.send(message))
            } catch {
                return .failure(error)
            }
        }
        let now = clock.now
        state.withLock { state in
            var activity = state.activity[message.channel] ?? ChannelActivity()
            switch outcome {
            case .success(let receipt):
                activity.delivered += 1
                activity.lastDelivery = now
                activity.lastAnswer = receipt.answer
            case .failure(let failure):
                activity.lastError = failure.reason
                activity.lastErrorAt = now
            }
            state.activity[message.channel] = activity
        }
        return outcome
    }

    /// Counts a delivery given up, for `status`.
    package func recordFailure(_ channel: ChannelID) {
        state.withLock { $0.activity[channel, default: ChannelActivity()].failures += 1 }
    }

    package func activity() -> [ChannelID: ChannelActivity] {
        state.withLock { $0.activity }
    }

    /// Runs `body`, or gives up after `limit` with a transient failure; the body is cancelled then, and the
    /// answer does not wait for it to wind down (a TCP connect in progress, a program being stopped).
    static func withinTimeout(
        _ limit: TimeAmount, channel: ChannelID,
        _ body: @escaping @Sendable () async -> Result<DeliveryReceipt, DeliveryFailure>
    ) async -> Result<DeliveryReceipt, DeliveryFailure> {
        let race = Race()
        let seconds = limit.nanoseconds / 1_000_000_000
        return await withCheckedContinuation { continuation in
            race.start(continuation)
            let work = Task { race.finish(await body()) }
            let timer = Task {
                try? await Task.sleep(for: .nanoseconds(limit.nanoseconds))
                if Task.isCancelled { return }
                work.cancel()
                race.finish(
                    .failure(DeliveryFailure(.transient, reason: "the delivery to \"\(channel)\" took longer than \(seconds) s")))
            }
            race.onFinish { timer.cancel() }
        }
    }

    /// The first of two outcomes wins; the other is ignored.
    private final class Race: Sendable {
        private struct Waiting {
            var continuation: CheckedContinuation<Result<DeliveryReceipt, DeliveryFailure>, Never>?
            var cleanup: (@Sendable () -> Void)?
            var done = false
        }
        private let waiting = Mutex(Waiting())

        func start(_ continuation: CheckedContinuation<Result<DeliveryReceipt, DeliveryFailure>, Never>) {
            waiting.withLock { $0.continuation = continuation }
        }

        func onFinish(_ cleanup: @escaping @Sendable () -> Void) {
            let finished = waiting.withLock { state -> Bool in
                if state.done { return true }
                state.cleanup = cleanup
                return false
            }
            if finished { cleanup() }
        }

        func finish(_ outcome: Result<DeliveryReceipt, DeliveryFailure>) {
            let (continuation, cleanup) = waiting.withLock { state in
                defer {
                    state.continuation = nil
                    state.cleanup = nil
                    state.done = true
                }
                return (state.continuation, state.cleanup)
            }
            continuation?.resume(returning: outcome)
            cleanup?()
        }
    }
}
