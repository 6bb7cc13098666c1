/// The numbers behind the scheduler's decisions, taken from the config in force.
///
/// Kept apart from the state so that a reload can change them and tests can set them.
public struct SchedulingPolicy: Sendable, Equatable {
    /// The daemon's zone: each plan covers the reminders due until its next local midnight.
    public var zone: Zone
    /// How far back a start reaches for reminders missed while no daemon ran (`daemon.catch_up`).
    public var catchUp: Span
    /// How late a delivery may be and still count as on time (timer latency, a busy machine), in seconds.
    public var lateTolerance: Int64 = 60
    /// The wait after a delivery's first failure; it doubles with each further failure (SPEC: 30 s).
    public var firstRetryDelay: Int64 = 30
    /// The longest wait between two tries (SPEC: 1 h).
    public var maximumRetryDelay: Int64 = 3_600
    /// How long each recipient's failing deliveries are retried before they count as failed, in seconds.
    /// A recipient without an entry is retried for ever: the journal, the log of record, is never given up.
    public var retryFor: [Recipient: Int64] = [:]
    /// How far past the plan's end `status` looks for the next reminder when the plan holds none.
    public var lookahead: Int64 = 400 * 86_400
    /// Ledger entries are kept this long beyond the oldest due time any plan can reach again.
    public var ledgerPadding: Int64 = 2 * 86_400
    /// How many deliveries and failures the scheduler remembers for `status`.
    public var historyLimit = 20
    /// A channel that would get more late reminders than this at once gets one digest instead (SPEC: three).
    public var digestThreshold = 3

    public init(zone: Zone, catchUp: Span) {
        self.zone = zone
        self.catchUp = catchUp
    }

    /// The policy of a configuration: its zone and catch-up, the defaults for everything else.
    public init(configuration: Configuration) {
        self.init(zone: configuration.daemon.zone, catchUp: configuration.daemon.catchUp)
        for channel in configuration.channels { retryFor[.channel(channel.id)] = channel.retryForSeconds }
    }

    /// The wait before try `attempt + 1` after `attempt` failed tries: 30 s, 1 min, 2 min, … up to the maximum,
    /// or the receiver's `Retry-After` when it gave one (never more than the maximum).
    public func retryDelay(afterAttempts attempt: Int, retryAfter: Int64?) -> Int64 {
        if let retryAfter { return min(maximumRetryDelay, max(1, retryAfter)) }
        var delay = firstRetryDelay
        for _ in 1..<max(1, attempt) {
            delay *= 2
            if delay >= maximumRetryDelay { return maximumRetryDelay }
        }
        return min(delay, maximumRetryDelay)
    }

    /// The end of the plan that contains `now`: the next local midnight.
    public func planEnd(containing now: Instant) -> Instant {
        zone.startOfDay(zone.localDateTime(at: now).date.adding(days: 1))
    }

    /// The earliest due time a plan made at `now` can reach back to: `catch_up` ago.
    public func catchUpLimit(now: Instant) -> Instant {
        catchUp.before(zone.localDateTime(at: now), in: zone)
    }
}
