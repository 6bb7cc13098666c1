import Dispatch
import Foundation
import PartnerdCore
import Synchronization

/// The one timer the reminder engine arms: production uses ``DispatchWallTimer``, tests a manual one.
package protocol ReminderTimer: Sendable {
    /// Calls `handler` on `queue` whenever an armed deadline passes. Called once, before the first ``arm(at:)``.
    func start(on queue: DispatchQueue, handler: @escaping @Sendable () -> Void)
    /// Fires once at `deadline`, replacing any earlier arming; a deadline in the past fires at once.
    func arm(at deadline: Instant)
    /// Never fires again.
    func cancel()
}

/// One `DispatchSourceTimer` armed with a wall-clock deadline (`CLOCK_REALTIME`), re-armed for each next
/// deadline, never repeating: a clock step or a suspend makes it fire at the right wall time, and the scheduler
/// then delivers what became due and nothing early.
package final class DispatchWallTimer: ReminderTimer {
    private let source = Mutex<(any DispatchSourceTimer)?>(nil)
    /// How late the system may fire the timer to save wake-ups.
    private let leeway: DispatchTimeInterval

    package init(leeway: DispatchTimeInterval = .milliseconds(5)) {
        self.leeway = leeway
    }

    package func start(on queue: DispatchQueue, handler: @escaping @Sendable () -> Void) {
        source.withLock {
            let timer = DispatchSource.makeTimerSource(queue: queue)
            timer.setEventHandler(handler: handler)
            timer.schedule(wallDeadline: .distantFuture)
            timer.resume()
            $0 = timer
        }
    }

    package func arm(at deadline: Instant) {
        let seconds = max(0, deadline.secondsSinceEpoch)
        let wall = DispatchWallTime(timespec: timespec(tv_sec: Int(clamping: seconds), tv_nsec: 0))
        source.withLock { $0?.schedule(wallDeadline: wall, leeway: leeway) }
    }

    package func cancel() {
        source.withLock {
            $0?.cancel()
            $0 = nil
        }
    }
}
