import PartnerdService
import Synchronization

/// A ``WallClock`` that stands still until a test moves it.
package final class ManualClock: WallClock {
    private let current: Mutex<Instant>

    package init(_ now: Instant) {
        current = Mutex(now)
    }

    package var now: Instant { current.withLock { $0 } }

    /// Sets the time (forward or back: a clock step).
    package func set(_ instant: Instant) {
        current.withLock { $0 = instant }
    }

    /// Moves the time forward by `seconds`.
    package func advance(seconds: Int64) {
        current.withLock { $0 = $0.adding(seconds: seconds) }
    }
}
