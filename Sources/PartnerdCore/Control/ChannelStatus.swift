/// One channel in `partnerctl status`: what it is and how its deliveries fare. Never a secret.
public struct ChannelStatus: Sendable, Codable, Hashable {
    public var id: String
    public var type: String
    /// Host, room or URL; without passwords or tokens.
    public var target: String
    public var language: Language
    public var timezone: String
    /// Deliveries that went through since the daemon started.
    public var delivered: Int
    public var lastDelivery: String?
    /// What the receiver answered to the last delivery.
    public var lastAnswer: String?
    public var lastError: String?
    public var lastErrorAt: String?
    /// Deliveries waiting for a retry.
    public var retrying: Int
    /// Deliveries given up since the daemon started.
    public var failures: Int
    /// The due time of its next delivery planned today, ISO 8601 in the daemon's zone.
    public var next: String?

    public init(
        id: String, type: String, target: String, language: Language, timezone: String, delivered: Int,
        lastDelivery: String?, lastAnswer: String?, lastError: String?, lastErrorAt: String?, retrying: Int,
        failures: Int, next: String?
    ) {
        self.id = id
        self.type = type
        self.target = target
        self.language = language
        self.timezone = timezone
        self.delivered = delivered
        self.lastDelivery = lastDelivery
        self.lastAnswer = lastAnswer
        self.lastError = lastError
        self.lastErrorAt = lastErrorAt
        self.retrying = retrying
        self.failures = failures
        self.next = next
    }

    enum CodingKeys: String, CodingKey {
        case id, type, target, language, timezone, delivered, lastDelivery = "last_delivery", lastAnswer = "last_answer",
            lastError = "last_error", lastErrorAt = "last_error_at", retrying, failures, next
    }

    /// Writes absent values as `null`, so that scripts see every key every time.
    public func encode(to encoder: any Encoder) throws {
        var container = encoder.container(keyedBy: CodingKeys.self)
        try container.encode(id, forKey: .id)
        try container.encode(type, forKey: .type)
        try container.encode(target, forKey: .target)
        try container.encode(language, forKey: .language)
        try container.encode(timezone, forKey: .timezone)
        try container.encode(delivered, forKey: .delivered)
        try container.encode(lastDelivery, forKey: .lastDelivery)
        try container.encode(lastAnswer, forKey: .lastAnswer)
        try container.encode(lastError, forKey: .lastError)
        try container.encode(lastErrorAt, forKey: .lastErrorAt)
        try container.encode(retrying, forKey: .retrying)
        try container.encode(failures, forKey: .failures)
        try container.encode(next, forKey: .next)
    }
}
