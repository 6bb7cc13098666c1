/// What the daemon has delivered, and when it last knew the time: the record that survives restarts.
///
/// The IO layer stores it crash-safely after every delivery; at start it decides catch-up. Pure data
/// plus the two decisions that depend on it, so both are unit-tested without files.
public struct DeliveryLedger: Sendable, Codable, Equatable {
    /// One delivered reminder.
    public struct Entry: Sendable, Codable, Equatable {
        public var key: ReminderKey
        public var due: Int64
        public var deliveredAt: Int64
        public var late: Bool

        public init(key: ReminderKey, due: Instant, deliveredAt: Instant, late: Bool) {
            self.key = key
            self.due = due.secondsSinceEpoch
            self.deliveredAt = deliveredAt.secondsSinceEpoch
            self.late = late
        }
    }

    /// The format's version; a ledger of another version is set aside, not misread.
    public var version: Int
    /// When the first daemon with this state directory started: nothing before it is ever caught up.
    public var since: Int64
    /// The last time the daemon knew the time (a delivery, a re-plan, a clean stop).
    public var lastSeen: Int64
    public var delivered: [Entry]

    public static let currentVersion = 1

    public init(since: Instant) {
        version = Self.currentVersion
        self.since = since.secondsSinceEpoch
        lastSeen = since.secondsSinceEpoch
        delivered = []
    }

    public var deliveredKeys: Set<ReminderKey> { Set(delivered.map(\.key)) }

    public mutating func record(_ reminder: ScheduledReminder, at now: Instant, late: Bool) {
        delivered.append(Entry(key: reminder.key, due: reminder.due, deliveredAt: now, late: late))
        lastSeen = max(lastSeen, now.secondsSinceEpoch)
    }

    public mutating func touch(_ now: Instant) {
        lastSeen = max(lastSeen, now.secondsSinceEpoch)
    }

    /// Where catch-up starts: reminders due from here to `now` that are not in the ledger are delivered late.
    ///
    /// Never before the ledger began (a first start delivers nothing from the past), never before the
    /// daemon last knew the time (what was planned then was delivered then), never more than `catchUp` ago.
    public func catchUpStart(now: Instant, catchUp: Span, zone: Zone) -> Instant {
        if catchUp.isZero { return now }
        let limit = catchUp.before(zone.localDateTime(at: now), in: zone)
        return min(now, max(limit, Instant(secondsSinceEpoch: max(since, lastSeen))))
    }

    /// Drops entries that no plan can contain again: due before `cutoff`.
    public mutating func prune(dueBefore cutoff: Instant) {
        delivered.removeAll { $0.due < cutoff.secondsSinceEpoch }
    }
}
