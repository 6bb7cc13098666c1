/// The id of a delivery channel (`buero`): it appears in delivery ids and journal fields, so it is restricted
/// to `[a-z0-9-]+` like partnership ids.
public struct ChannelID: ValidatedIdentifier {
    public let rawValue: String
    public init(rawValue: String) { self.rawValue = rawValue }
}

/// Who receives a delivery: the journal, which is the log of record and gets every reminder, or one channel.
///
/// One reminder becomes one delivery per recipient, each with its own due time, retry state and ledger entry.
public enum Recipient: Sendable, Hashable, Comparable, Codable, CustomStringConvertible {
    case journal
    case channel(ChannelID)

    /// `journal`, or `channel:<id>`: the form the ledger stores.
    public var description: String {
        switch self {
        case .journal: "journal"
        case .channel(let id): "channel:\(id.rawValue)"
        }
    }

    /// Reads the form ``description`` writes.
    public init?(text: String) {
        if text == "journal" {
            self = .journal
        } else if text.hasPrefix("channel:"), text.count > 8 {
            self = .channel(ChannelID(rawValue: String(text.dropFirst(8))))
        } else {
            return nil
        }
    }

    public init(from decoder: any Decoder) throws {
        let text = try decoder.singleValueContainer().decode(String.self)
        guard let recipient = Recipient(text: text) else {
            throw DecodingError.dataCorrupted(
                DecodingError.Context(codingPath: decoder.codingPath, debugDescription: "not a recipient: \(text)"))
        }
        self = recipient
    }

    public func encode(to encoder: any Encoder) throws {
        var container = encoder.singleValueContainer()
        try container.encode(description)
    }

    public static func < (lhs: Recipient, rhs: Recipient) -> Bool {
        switch (lhs, rhs) {
        case (.journal, .journal): false
        case (.journal, .channel): true
        case (.channel, .journal): false
        case (.channel(let left), .channel(let right)): left < right
        }
    }
}
