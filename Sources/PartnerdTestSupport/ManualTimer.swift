import Dispatch
import PartnerdService
import Synchronization

/// A ``ReminderTimer`` that fires only when a test says so, on the queue the engine gave it.
package final class ManualTimer: ReminderTimer {
    private struct State {
        var queue: DispatchQueue?
        var handler: (@Sendable () -> Void)?
        var deadline: Instant?
        var cancelled = false
    }

    private let state = Mutex(State())

    package init() {}

    /// The instant the engine last armed the timer for (`nil` before the first arming or after cancel).
    package var deadline: Instant? { state.withLock { $0.deadline } }

    package var isCancelled: Bool { state.withLock { $0.cancelled } }

    package func start(on queue: DispatchQueue, handler: @escaping @Sendable () -> Void) {
        state.withLock {
            $0.queue = queue
            $0.handler = handler
        }
    }

    package func arm(at deadline: Instant) {
        state.withLock { $0.deadline = deadline }
    }

    package func cancel() {
        state.withLock {
            $0.cancelled = true
            $0.deadline = nil
        }
    }

    /// Fires as the real timer would, and returns once the engine's turn is over.
    package func fire() {
        let (queue, handler, cancelled) = state.withLock { ($0.queue, $0.handler, $0.cancelled) }
        guard let queue, let handler, !cancelled else { return }
        queue.sync(execute: handler)
    }
}
