import Dispatch
import Logging
import ServiceLifecycle
import UnixSignals

/// The reminder side of the daemon as a swift-service-lifecycle service: starts the engine, tells systemd it
/// is ready, reloads on SIGHUP, and on shutdown stops the timer and writes the ledger.
public struct ReminderService: Service {
    public let controller: DaemonController
    /// Waits until the other services (the feed server) are up, before READY=1.
    public let ready: @Sendable () async throws -> Void

    public init(controller: DaemonController, ready: @escaping @Sendable () async throws -> Void = {}) {
        self.controller = controller
        self.ready = ready
    }

    public func run() async throws {
        let engine = controller.engine
        let logger = controller.logger
        let notifier = controller.notifier
        // Trap SIGHUP before READY=1: its default action would end the process.
        let hangups = await UnixSignalsSequence(trapping: .sighup)
        engine.start()
        try await ready()
        _ = notifier.ready()
        let snapshot = engine.snapshot(limit: 1)
        let partnerships = snapshot.configuration.partnerships.count
        logger.notice(
            "started with \(controller.source.path): \(partnerships) partnerships, \(snapshot.configuration.eventCount) events",
            metadata: ["message_id": "\(MessageID.daemonStarted.rawValue)", "config": "\(controller.source.path)"])

        let watchdog = SystemdNotifier.watchdogPingInterval().map { interval -> DispatchSourceTimer in
            let timer = DispatchSource.makeTimerSource(queue: DispatchQueue(label: "partnerd.watchdog"))
            let nanoseconds = interval.components.seconds * 1_000_000_000 + interval.components.attoseconds / 1_000_000_000
            timer.schedule(
                deadline: .now() + .nanoseconds(Int(nanoseconds)), repeating: .nanoseconds(Int(nanoseconds)),
                leeway: .milliseconds(100))
            timer.setEventHandler { _ = notifier.watchdog() }
            timer.resume()
            return timer
        }

        for await _ in hangups.cancelOnGracefulShutdown() {
            controller.reloadNow()
        }

        watchdog?.cancel()
        _ = notifier.stopping()
        logger.notice("stopping", metadata: ["message_id": "\(MessageID.stopping.rawValue)"])
        engine.stop()
    }
}
