/// What the feed remembers about each VEVENT between renders: its `SEQUENCE`, its `DTSTAMP` and
/// fingerprints of what it said last time.
///
/// RFC 5545 §3.8.7.4 wants `SEQUENCE` to grow whenever DTSTART, DTEND, DURATION, RRULE, RDATE, EXDATE or
/// STATUS change, so that clients replace their copy instead of keeping a stale one; §3.8.7.2 makes
/// `DTSTAMP` (in a feed without `METHOD`) the time the event's information was last revised. Both must
/// survive restarts, so the daemon keeps this table in its state directory; it is a pure value here.
public struct FeedRevisionTable: Sendable, Hashable, Codable {
    /// The remembered state of one VEVENT.
    public struct Revision: Sendable, Hashable, Codable {
        /// The iCalendar `SEQUENCE`.
        public var sequence: Int
        /// The iCalendar `DTSTAMP`: when the event's content last changed.
        public var stamp: Instant
        /// A digest of the scheduling properties (DTSTART, DTEND, DURATION, RRULE, RDATE, EXDATE, STATUS).
        public var schedule: String
        /// A digest of every property but DTSTAMP and SEQUENCE.
        public var content: String

        public init(sequence: Int, stamp: Instant, schedule: String, content: String) {
            self.sequence = sequence
            self.stamp = stamp
            self.schedule = schedule
            self.content = content
        }

        enum CodingKeys: String, CodingKey { case sequence, stamp, schedule, content }

        public init(from decoder: any Decoder) throws {
            let container = try decoder.container(keyedBy: CodingKeys.self)
            sequence = try container.decode(Int.self, forKey: .sequence)
            stamp = Instant(secondsSinceEpoch: try container.decode(Int64.self, forKey: .stamp))
            schedule = try container.decode(String.self, forKey: .schedule)
            content = try container.decode(String.self, forKey: .content)
        }

        public func encode(to encoder: any Encoder) throws {
            var container = encoder.container(keyedBy: CodingKeys.self)
            try container.encode(sequence, forKey: .sequence)
            try container.encode(stamp.secondsSinceEpoch, forKey: .stamp)
            try container.encode(schedule, forKey: .schedule)
            try container.encode(content, forKey: .content)
        }
    }

    /// The version of the stored form (a top-level `version` beside `revisions`); a newer one is refused rather
    /// than misread.
    public static let currentVersion = 1

    /// Revisions by UID. Entries of events that left the feed are kept, so that an event that comes back
    /// continues its `SEQUENCE` instead of restarting at 0 (which clients would take for an old copy).
    public private(set) var revisions: [String: Revision]

    public init(revisions: [String: Revision] = [:]) {
        self.revisions = revisions
    }

    /// A table that remembers nothing: every event gets `SEQUENCE:0` and the render time as `DTSTAMP`.
    public static let empty = FeedRevisionTable()

    /// Records what a VEVENT says now and returns its revision: `SEQUENCE` goes up when the schedule
    /// changed, `DTSTAMP` moves to `now` when anything changed; an event seen for the first time starts at 0.
    public mutating func record(uid: String, schedule: String, content: String, at now: Instant) -> Revision {
        let revision: Revision
        if let previous = revisions[uid] {
            if previous.schedule != schedule {
                revision = Revision(sequence: previous.sequence + 1, stamp: now, schedule: schedule, content: content)
            } else if previous.content != content {
                revision = Revision(sequence: previous.sequence, stamp: now, schedule: schedule, content: content)
            } else {
                revision = previous
            }
        } else {
            revision = Revision(sequence: 0, stamp: now, schedule: schedule, content: content)
        }
        revisions[uid] = revision
        return revision
    }

    // MARK: - Stored form

    enum CodingKeys: String, CodingKey { case version, revisions }

    public init(from decoder: any Decoder) throws {
        let container = try decoder.container(keyedBy: CodingKeys.self)
        revisions = try container.decode([String: Revision].self, forKey: .revisions)
    }

    public func encode(to encoder: any Encoder) throws {
        var container = encoder.container(keyedBy: CodingKeys.self)
        try container.encode(Self.currentVersion, forKey: .version)
        try container.encode(revisions, forKey: .revisions)
    }
}
