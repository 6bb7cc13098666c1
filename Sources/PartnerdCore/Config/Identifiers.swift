/// The id of a partnership (`berlin-bruessel`): it appears in UIDs, URLs and journald fields, so it is
/// restricted to `[a-z0-9-]+`.
public struct PartnershipID: ValidatedIdentifier {
    public let rawValue: String
    public init(rawValue: String) { self.rawValue = rawValue }
}

/// The id of a partnership's imported calendar (`agenda-bruxelles`), unique within its partnership; its events'
/// ids begin with it.
public struct CalendarID: ValidatedIdentifier {
    public let rawValue: String
    public init(rawValue: String) { self.rawValue = rawValue }
}

/// The id of an event, unique within its partnership.
public struct EventID: ValidatedIdentifier {
    public let rawValue: String
    public init(rawValue: String) { self.rawValue = rawValue }

    /// The pseudo event id under which anniversaries appear (`PARTNERD_EVENT=anniversary`).
    public static let anniversary = EventID(rawValue: "anniversary")
}

/// An id that users write and that ends up in UIDs, URLs, file names, delivery ids and journald fields:
/// partnerships, events and channels. All of them follow one rule, `[a-z0-9-]+`, checked in one place.
public protocol ValidatedIdentifier: RawRepresentable, Sendable, Hashable, Comparable, Codable, CustomStringConvertible
where RawValue == String {
    init(rawValue: String)
}

extension ValidatedIdentifier {
    public static func < (lhs: Self, rhs: Self) -> Bool { lhs.rawValue < rhs.rawValue }
    public var description: String { rawValue }

    /// The id, when `text` follows the rule `[a-z0-9-]+`; `nil` otherwise.
    public init?(validating text: String) {
        guard Identifier.isValid(text) else { return nil }
        self.init(rawValue: text)
    }
}

enum Identifier {
    /// Whether `text` matches `[a-z0-9-]+`: the one identifier rule (see ``ValidatedIdentifier``).
    static func isValid(_ text: String) -> Bool {
        !text.isEmpty && text.utf8.allSatisfy { ($0 >= 0x61 && $0 <= 0x7A) || ($0 >= 0x30 && $0 <= 0x39) || $0 == 0x2D }
    }

    /// A suggestion in the allowed alphabet: lower case, umlauts spelled out, other runs turned into `-`.
    static func suggestion(for text: String) -> String {
        var result = ""
        for character in text.lowercased() {
            switch character {
            case "ä": result += "ae"
            case "ö": result += "oe"
            case "ü": result += "ue"
            case "ß": result += "ss"
            case "a"..."z", "0"..."9": result.append(character)
            default: if !result.hasSuffix("-") { result += "-" }
            }
        }
        let trimmed = result.split(separator: "-").joined(separator: "-")
        return trimmed.isEmpty ? "partnership-1" : trimmed
    }
}
