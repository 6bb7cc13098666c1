/// A fetched calendar (`[[partnership.calendar]]` with a `url`) as `partnerctl status` shows it: the copy in use,
/// how old it is, and how the last attempts went. Times are ISO 8601 with offset.
public struct CalendarStatus: Sendable, Codable, Hashable {
    /// `partnership/calendar`.
    public var name: String
    public var url: String
    /// Events of this calendar in the config in force.
    public var events: Int
    /// When the copy in use was written; `nil` before the first good fetch.
    public var copyWritten: String?
    /// When the source last confirmed that copy (a 200 kept or a 304).
    public var confirmedAt: String?
    /// Seconds since `confirmedAt`, when the status was made.
    public var ageSeconds: Int64?
    public var lastAttempt: String?
    /// The last attempt's outcome in words.
    public var lastResult: String?
    public var lastError: String?
    public var lastErrorAt: String?
    /// Attempts failed in a row.
    public var failures: Int
    public var nextAttempt: String?

    public init(
        name: String, url: String, events: Int, copyWritten: String?, confirmedAt: String?, ageSeconds: Int64?,
        lastAttempt: String?, lastResult: String?, lastError: String?, lastErrorAt: String?, failures: Int,
        nextAttempt: String?
    ) {
        self.name = name
        self.url = url
        self.events = events
        self.copyWritten = copyWritten
        self.confirmedAt = confirmedAt
        self.ageSeconds = ageSeconds
        self.lastAttempt = lastAttempt
        self.lastResult = lastResult
        self.lastError = lastError
        self.lastErrorAt = lastErrorAt
        self.failures = failures
        self.nextAttempt = nextAttempt
    }

    enum CodingKeys: String, CodingKey {
        case name, url, events, failures
        case copyWritten = "copy_written", confirmedAt = "confirmed_at", ageSeconds = "age_seconds"
        case lastAttempt = "last_attempt", lastResult = "last_result", lastError = "last_error"
        case lastErrorAt = "last_error_at", nextAttempt = "next_attempt"
    }

    /// Writes every key, `null` included, so that scripts see the same keys every time.
    public func encode(to encoder: any Encoder) throws {
        var container = encoder.container(keyedBy: CodingKeys.self)
        try container.encode(name, forKey: .name)
        try container.encode(url, forKey: .url)
        try container.encode(events, forKey: .events)
        try container.encode(copyWritten, forKey: .copyWritten)
        try container.encode(confirmedAt, forKey: .confirmedAt)
        try container.encode(ageSeconds, forKey: .ageSeconds)
        try container.encode(lastAttempt, forKey: .lastAttempt)
        try container.encode(lastResult, forKey: .lastResult)
        try container.encode(lastError, forKey: .lastError)
        try container.encode(lastErrorAt, forKey: .lastErrorAt)
        try container.encode(failures, forKey: .failures)
        try container.encode(nextAttempt, forKey: .nextAttempt)
    }
}
