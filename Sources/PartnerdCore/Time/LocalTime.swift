/// A time of day with second precision, with no date and no zone.
public struct LocalTime: Sendable, Hashable, Comparable, Codable, CustomStringConvertible {
    public let hour: Int
    public let minute: Int
    public let second: Int

    public init?(hour: Int, minute: Int, second: Int = 0) {
        guard (0...23).contains(hour), (0...59).contains(minute), (0...59).contains(second) else { return nil }
        self.hour = hour
        self.minute = minute
        self.second = second
    }

    public static let midnight = LocalTime(secondsSinceMidnight: 0)

    /// The time `seconds` after midnight (0 ..< 86 400).
    public init(secondsSinceMidnight seconds: Int) {
        hour = seconds / 3600
        minute = seconds / 60 % 60
        second = seconds % 60
    }

    /// Parses `HH:MM` or `HH:MM:SS`.
    public init?(text: some StringProtocol) {
        let parts = text.split(separator: ":", omittingEmptySubsequences: false)
        guard (2...3).contains(parts.count), parts.allSatisfy({ $0.count == 2 && $0.allSatisfy(\.isASCII) }),
            let h = Int(parts[0]), let m = Int(parts[1])
        else { return nil }
        let s = parts.count == 3 ? Int(parts[2]) : 0
        guard let s else { return nil }
        self.init(hour: h, minute: m, second: s)
    }

    public var secondsSinceMidnight: Int { hour * 3600 + minute * 60 + second }

    public static func < (lhs: LocalTime, rhs: LocalTime) -> Bool {
        lhs.secondsSinceMidnight < rhs.secondsSinceMidnight
    }

    /// `HH:MM:SS`.
    public var description: String {
        guard Digits.fit(self) else {
            return "\(pad(hour, 2)):\(pad(minute, 2)):\(pad(second, 2))"
        }
        return String(unsafeUninitializedCapacity: 8) { Digits.write(self, separators: true, $0, 0) }
    }
}
