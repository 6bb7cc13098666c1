/// What the daemon has delivered, and when it last knew the time: the record that survives restarts.
///
/// This is the one home of "delivered": the scheduler owns the ledger, consults it before every delivery and
/// asks the IO layer to persist it (``ReminderScheduler/Action/persist``). Pure data plus the decisions that
/// depend on it, so all of them are unit-tested without files.
public struct DeliveryLedger: Sendable, Codable, Equatable {
    /// One delivery that went through.
    public struct Entry: Sendable, Codable, Equatable {
        public var key: ReminderKey
        public var recipient: Recipient
        public var due: Int64
        public var deliveredAt: Int64
        public var late: Bool

        public init(key: DeliveryKey, due: Instant, deliveredAt: Instant, late: Bool) {
            self.key = key.reminder
            self.recipient = key.recipient
            self.due = due.secondsSinceEpoch
            self.deliveredAt = deliveredAt.secondsSinceEpoch
            self.late = late
        }

        public var deliveryKey: DeliveryKey { DeliveryKey(reminder: key, recipient: recipient) }

        enum CodingKeys: String, CodingKey {
            case key, recipient, due, deliveredAt, late
        }

        public init(from decoder: any Decoder) throws {
            let container = try decoder.container(keyedBy: CodingKeys.self)
            key = try container.decode(ReminderKey.self, forKey: .key)
            // Version 1 knew only the journal.
            recipient = try container.decodeIfPresent(Recipient.self, forKey: .recipient) ?? .journal
            due = try container.decode(Int64.self, forKey: .due)
            deliveredAt = try container.decode(Int64.self, forKey: .deliveredAt)
            late = try container.decode(Bool.self, forKey: .late)
        }
    }

    /// A task item someone marked done (`partnerctl done`, the confirm page): its reminders and repeats stop.
    public struct Done: Sendable, Codable, Equatable {
        public var item: TaskItemID
        public var at: Int64
        /// Who marked it: the user `partnerctl done` ran as, or `link` for the confirm page.
        public var by: String
        /// Kept until no plan can reach the item's reminders again.
        public var keepUntil: Int64

        public init(item: TaskItemID, at: Instant, by: String, keepUntil: Instant) {
            self.item = item
            self.at = at.secondsSinceEpoch
            self.by = by
            self.keepUntil = keepUntil.secondsSinceEpoch
        }
    }

    /// The format's version; a ledger of an unknown version is set aside, not misread.
    public private(set) var version: Int
    /// When the first daemon with this state directory started: nothing before it is ever caught up.
    public var since: Int64
    /// The last time the daemon knew the time (a delivery, a re-plan, a clean stop).
    public var lastSeen: Int64
    public private(set) var delivered: [Entry]
    private var index: Set<DeliveryKey>
    /// Task items marked done, in the order marked. An older partnerd ignores the key (it knows no tasks).
    public private(set) var done: [Done] = []
    private var doneIndex: [TaskItemID: Int] = [:]

    /// Version 2 added the recipient of each entry; version 1 files are read as journal deliveries.
    public static let currentVersion = 2
    public static let readableVersions = 1...currentVersion

    public init(since: Instant) {
        version = Self.currentVersion
        self.since = since.secondsSinceEpoch
        lastSeen = since.secondsSinceEpoch
        delivered = []
        index = []
    }

    enum CodingKeys: String, CodingKey {
        case version, since, lastSeen, delivered, done
    }

    public init(from decoder: any Decoder) throws {
        let container = try decoder.container(keyedBy: CodingKeys.self)
        let version = try container.decode(Int.self, forKey: .version)
        since = try container.decode(Int64.self, forKey: .since)
        lastSeen = try container.decode(Int64.self, forKey: .lastSeen)
        delivered = try container.decode([Entry].self, forKey: .delivered)
        index = Set(delivered.map(\.deliveryKey))
        done = try container.decodeIfPresent([Done].self, forKey: .done) ?? []
        doneIndex = Dictionary(done.enumerated().map { ($1.item, $0) }, uniquingKeysWith: { first, _ in first })
        // An older version is migrated on reading; a newer one keeps its number so that the loader sets it aside.
        self.version = Self.readableVersions.contains(version) ? Self.currentVersion : version
    }

    public func encode(to encoder: any Encoder) throws {
        var container = encoder.container(keyedBy: CodingKeys.self)
        try container.encode(version, forKey: .version)
        try container.encode(since, forKey: .since)
        try container.encode(lastSeen, forKey: .lastSeen)
        try container.encode(delivered, forKey: .delivered)
        if !done.isEmpty { try container.encode(done, forKey: .done) }
    }

    public static func == (lhs: DeliveryLedger, rhs: DeliveryLedger) -> Bool {
        (lhs.version, lhs.since, lhs.lastSeen, lhs.delivered, lhs.done)
            == (rhs.version, rhs.since, rhs.lastSeen, rhs.delivered, rhs.done)
    }

    /// Whether the delivery went through already (O(1)).
    public func contains(_ key: DeliveryKey) -> Bool { index.contains(key) }

    public var deliveredKeys: Set<DeliveryKey> { index }

    public mutating func record(_ delivery: Delivery, at now: Instant, late: Bool) {
        guard index.insert(delivery.key).inserted else { return }
        delivered.append(Entry(key: delivery.key, due: delivery.due, deliveredAt: now, late: late))
        touch(now)
    }

    /// When and by whom `item` was marked done; `nil` while it is open.
    public func done(_ item: TaskItemID) -> Done? { doneIndex[item].map { done[$0] } }

    /// Marks `item` done; false (and nothing changes) when it was already.
    public mutating func markDone(_ entry: Done) -> Bool {
        guard doneIndex[entry.item] == nil else { return false }
        doneIndex[entry.item] = done.count
        done.append(entry)
        return true
    }

    /// Notes that the daemon knew the time `now`; only ever moves forward (see ``clockSetBack(to:)``).
    public mutating func touch(_ now: Instant) {
        lastSeen = max(lastSeen, now.secondsSinceEpoch)
    }

    /// The wall clock was set back to `now`: what the daemon "last knew" is now, or a crash before the clock
    /// caught up again would start the catch-up in the future and miss what fell due in between.
    public mutating func clockSetBack(to now: Instant) {
        lastSeen = now.secondsSinceEpoch
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
        let limit = cutoff.secondsSinceEpoch
        if done.contains(where: { $0.keepUntil < limit }) {
            done.removeAll { $0.keepUntil < limit }
            doneIndex = Dictionary(done.enumerated().map { ($1.item, $0) }, uniquingKeysWith: { first, _ in first })
        }
        guard delivered.contains(where: { $0.due < limit }) else { return }
        delivered.removeAll { $0.due < limit }
        index = Set(delivered.map(\.deliveryKey))
    }
}
