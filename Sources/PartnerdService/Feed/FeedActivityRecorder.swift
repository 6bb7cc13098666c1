import Synchronization

/// The feed server's request counts (``FeedActivity``) behind a lock: every request records into it, `status` reads it.
package final class FeedActivityRecorder: Sendable {
    private let activity = Mutex(FeedActivity())
    private let clock: any WallClock

    package init(clock: any WallClock) {
        self.clock = clock
    }

    func record(_ kind: FeedActivity.Kind, status: Int) {
        let now = clock.now
        activity.withLock { $0.record(kind, status: status, at: now) }
    }

    /// The last day's counts, times written in `zone`.
    package func summary(zone: Zone) -> [FeedActivityStatus] {
        let now = clock.now
        return activity.withLock { $0.summary(now: now, zone: zone) }
    }
}
