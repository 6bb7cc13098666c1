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
        public var schedule: FeedDigest
        /// A digest of every property but DTSTAMP and SEQUENCE.
        public var content: FeedDigest

        public init(sequence: Int, stamp: Instant, schedule: FeedDigest, content: FeedDigest) {
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
            schedule = try Self.digest(container, .schedule)
            content = try Self.digest(container, .content)
        }

        public func encode(to encoder: any Encoder) throws {
            var container = encoder.container(keyedBy: CodingKeys.self)
            try container.encode(sequence, forKey: .sequence)
            try container.encode(stamp.secondsSinceEpoch, forKey: .stamp)
            try container.encode(schedule.hex, forKey: .schedule)
            try container.encode(content.hex, forKey: .content)
        }

        /// Stored as 64 hexadecimal digits.
        private static func digest(_ container: KeyedDecodingContainer<CodingKeys>, _ key: CodingKeys) throws -> FeedDigest {
            let text = try container.decode(String.self, forKey: key)
            guard let digest = FeedDigest(hex: text) else {
                throw DecodingError.dataCorruptedError(
                    forKey: key, in: container, debugDescription: "not a SHA-256 digest in hexadecimal")
            }
            return digest
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
    public mutating func record(uid: String, schedule: FeedDigest, content: FeedDigest, at now: Instant) -> Revision {
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

/// A SHA-256 digest as four words, held inline: the revision table keeps two for every VEVENT (110,000 of them for
/// ten thousand partnerships), where hexadecimal strings took three times the room, each its own allocation.
public struct FeedDigest: Sendable, Hashable {
    private let first: UInt64
    private let second: UInt64
    private let third: UInt64
    private let fourth: UInt64

    /// The SHA-256 digest of `message`.
    public init(hashing message: [UInt8]) {
        self.init(digest: SHA256.digest(message))
    }

    /// 64 hexadecimal digits (either case); `nil` for anything else.
    public init?(hex: String) {
        let digits = Array(hex.utf8)
        guard digits.count == 64 else { return nil }
        var bytes: [UInt8] = []
        bytes.reserveCapacity(32)
        for index in stride(from: 0, to: 64, by: 2) {
            guard let high = Self.value(of: digits[index]), let low = Self.value(of: digits[index + 1]) else {
                return nil
            }
            bytes.append(high << 4 | low)
        }
        self.init(digest: bytes)
    }

    private init(digest bytes: [UInt8]) {
        precondition(bytes.count == 32, "a SHA-256 digest has 32 bytes")
        func word(_ start: Int) -> UInt64 {
            bytes[start..<(start + 8)].reduce(0) { $0 << 8 | UInt64($1) }
        }
        first = word(0)
        second = word(8)
        third = word(16)
        fourth = word(24)
    }

    /// Lower-case hexadecimal, as the revision file stores it.
    public var hex: String {
        let digits = Array("0123456789abcdef".utf8)
        var text: [UInt8] = []
        text.reserveCapacity(64)
        for word in [first, second, third, fourth] {
            for shift in stride(from: 60, through: 0, by: -4) {
                text.append(digits[Int((word >> UInt64(shift)) & 0x0F)])
            }
        }
        return String(decoding: text, as: UTF8.self)
    }

    private static func value(of digit: UInt8) -> UInt8? {
        switch digit {
        case UInt8(ascii: "0")...UInt8(ascii: "9"): digit - UInt8(ascii: "0")
        case UInt8(ascii: "a")...UInt8(ascii: "f"): digit - UInt8(ascii: "a") + 10
        case UInt8(ascii: "A")...UInt8(ascii: "F"): digit - UInt8(ascii: "A") + 10
        default: nil
        }
    }
}
