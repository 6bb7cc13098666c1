/// The id of a partnership (`berlin-bruessel`): it appears in UIDs, URLs and journald fields, so it is
/// restricted to `[a-z0-9-]+`.
public struct PartnershipID: RawRepresentable, Sendable, Hashable, Comparable, Codable, CustomStringConvertible {
    public let rawValue: String
    public init(rawValue: String) { self.rawValue = rawValue }
    public static func < (lhs: Self, rhs: Self) -> Bool { lhs.rawValue < rhs.rawValue }
    public var description: String { rawValue }
}

/// The id of an event, unique within its partnership.
public struct EventID: RawRepresentable, Sendable, Hashable, Comparable, Codable, CustomStringConvertible {
    public let rawValue: String
    public init(rawValue: String) { self.rawValue = rawValue }
    public static func < (lhs: Self, rhs: Self) -> Bool { lhs.rawValue < rhs.rawValue }
    public var description: String { rawValue }

    /// The pseudo event id under which anniversaries appear (`PARTNERD_EVENT=anniversary`).
    public static let anniversary = EventID(rawValue: "anniversary")
}

enum Identifier {
    /// Whether `text` matches `[a-z0-9-]+`.
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
