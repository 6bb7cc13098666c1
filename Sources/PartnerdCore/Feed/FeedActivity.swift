/// What the feed server was asked during the last day, per kind of request: the counts `partnerctl status` shows,
/// so that an operator sees whether anyone subscribes and whether their calendars revalidate (304) as they should.
///
/// Requests are counted in five-minute buckets; a bucket older than a day is dropped when the next request comes,
/// so the memory is bounded (at most 289 buckets a kind) however many requests arrive. Pure: the server passes the
/// time of each request in.
public struct FeedActivity: Sendable, Equatable {
    /// What was asked for.
    public enum Kind: String, Sendable, Hashable, Codable, CaseIterable {
        /// `/calendar.ics`, the calendar of every partnership.
        case calendar
        /// `/partnerships/<id>.ics`.
        case partnership
        /// The subscribe page, `/` or `/partnerships/<id>`.
        case page
    }

    struct Bucket: Sendable, Equatable {
        var requests = 0
        var notModified = 0
    }

    struct Counts: Sendable, Equatable {
        /// By the bucket's number: seconds since the epoch divided by ``FeedActivity/bucketSeconds``.
        var buckets: [Int64: Bucket] = [:]
        var lastRequest: Instant?
    }

    static let bucketSeconds: Int64 = 300
    static let window: Int64 = 86_400

    private(set) var counts: [Kind: Counts] = [:]

    public init() {}

    /// Counts one answered request of `kind` with HTTP status `status` at `now`.
    public mutating func record(_ kind: Kind, status: Int, at now: Instant) {
        let bucket = now.secondsSinceEpoch / Self.bucketSeconds
        var entry = counts[kind] ?? Counts()
        entry.buckets[bucket, default: Bucket()].requests += 1
        if status == 304 { entry.buckets[bucket, default: Bucket()].notModified += 1 }
        entry.lastRequest = max(entry.lastRequest ?? now, now)
        let oldest = (now.secondsSinceEpoch - Self.window) / Self.bucketSeconds
        if entry.buckets.count > Int(Self.window / Self.bucketSeconds) + 1 {
            entry.buckets = entry.buckets.filter { $0.key >= oldest }
        }
        counts[kind] = entry
    }

    /// The last day's counts as of `now`, every kind in a fixed order, times written in `zone`.
    public func summary(now: Instant, zone: Zone) -> [FeedActivityStatus] {
        let oldest = (now.secondsSinceEpoch - Self.window) / Self.bucketSeconds
        return Kind.allCases.map { kind in
            let entry = counts[kind] ?? Counts()
            let recent = entry.buckets.filter { $0.key > oldest }.values
            return FeedActivityStatus(
                kind: kind, requests: recent.reduce(0) { $0 + $1.requests },
                notModified: recent.reduce(0) { $0 + $1.notModified },
                lastRequest: entry.lastRequest.map { zone.isoString($0) })
        }
    }
}

/// One line of feed activity in `partnerctl status`.
public struct FeedActivityStatus: Sendable, Codable, Hashable {
    public var kind: FeedActivity.Kind
    /// Requests answered during the last 24 hours.
    public var requests: Int
    /// Of those, how many were answered 304 Not Modified (a client revalidating its copy).
    public var notModified: Int
    /// The last request ever, ISO 8601 with offset; `nil` when there was none since the daemon started.
    public var lastRequest: String?

    public init(kind: FeedActivity.Kind, requests: Int, notModified: Int, lastRequest: String?) {
        self.kind = kind
        self.requests = requests
        self.notModified = notModified
        self.lastRequest = lastRequest
    }

    enum CodingKeys: String, CodingKey {
        case kind, requests = "requests_24h", notModified = "not_modified_24h", lastRequest = "last_request"
    }

    public func encode(to encoder: any Encoder) throws {
        var container = encoder.container(keyedBy: CodingKeys.self)
        try container.encode(kind, forKey: .kind)
        try container.encode(requests, forKey: .requests)
        try container.encode(notModified, forKey: .notModified)
        try container.encode(lastRequest, forKey: .lastRequest)
    }
}
