/// A length of time as the config writes it: lead times, durations, `catch_up`, `horizon`, `refresh`.
///
/// Days, weeks, months and years are nominal (calendar) units and move the wall clock; hours and minutes
/// are exact and move the instant, as RFC 5545 §3.3.6 treats durations across DST changes.
public struct Span: Sendable, Hashable, CustomStringConvertible {
    public enum Unit: String, Sendable, CaseIterable {
        case minute, hour, day, week, month, year

        /// Every spelling the config accepts, longest first so that `mo` wins over `min`'s prefix rules.
        static let spellings: [(String, Unit)] = [
            ("minutes", .minute), ("minute", .minute), ("min", .minute),
            ("hours", .hour), ("hour", .hour), ("h", .hour),
            ("days", .day), ("day", .day), ("d", .day),
            ("weeks", .week), ("week", .week), ("w", .week),
            ("months", .month), ("month", .month), ("mo", .month),
            ("years", .year), ("year", .year), ("y", .year),
        ]
    }

    /// The text as written in the config, trimmed (`PARTNERD_LEAD` and `upcoming --json` show it).
    public let text: String
    public let months: Int
    public let days: Int
    public let seconds: Int64
    /// The parts as written (`1d 12h` → 1 day, 12 hours), for saying the span in words.
    public let parts: [Part]

    /// One `<integer><unit>` part.
    public struct Part: Sendable, Hashable {
        public let amount: Int
        public let unit: Unit
    }

    public static let zero = Span(text: "0", months: 0, days: 0, seconds: 0)

    public init(text: String, months: Int, days: Int, seconds: Int64, parts: [Part]? = nil) {
        self.text = text
        self.months = months
        self.days = days
        self.seconds = seconds
        self.parts = parts ?? Span.parts(months: months, days: days, seconds: seconds)
    }

    private static func parts(months: Int, days: Int, seconds: Int64) -> [Part] {
        let candidates: [Part] = [
            Part(amount: months / 12, unit: .year), Part(amount: months % 12, unit: .month),
            Part(amount: days, unit: .day), Part(amount: Int(seconds / 3600), unit: .hour),
            Part(amount: Int(seconds % 3600 / 60), unit: .minute),
        ]
        return candidates.filter { $0.amount > 0 }
    }

    /// Why a span was rejected, for the config errors.
    public struct ParseError: Error, Sendable, Equatable {
        public let reason: String
    }

    /// Parses `<integer><unit>` parts separated by optional spaces (`30min`, `1d 12h`, `6mo`); `0` alone is zero.
    public init(parsing raw: String) throws(ParseError) {
        let text = raw.trimmingASCIIWhitespace()
        guard !text.isEmpty else { throw ParseError(reason: "it is empty") }
        if text == "0" {
            self = .zero
            return
        }
        var months = 0
        var days = 0
        var seconds: Int64 = 0
        var parts: [Part] = []
        var scalars = Substring(text)
        while !scalars.isEmpty {
            scalars = scalars.drop(while: { $0 == " " })
            let digits = scalars.prefix(while: { $0.isASCII && $0.isNumber })
            guard !digits.isEmpty else {
                throw ParseError(reason: "expected a number at \"\(scalars)\"")
            }
            guard digits.count <= 6, let amount = Int(digits) else {
                throw ParseError(reason: "the number \(digits) is too large")
            }
            scalars = scalars.dropFirst(digits.count).drop(while: { $0 == " " })
            let word = scalars.prefix(while: { $0.isLetter })
            guard let unit = Unit.spellings.first(where: { $0.0 == word })?.1 else {
                let shown = word.isEmpty ? "nothing" : "\"\(word)\""
                throw ParseError(reason: "found \(shown) where a unit belongs after \(amount)")
            }
            scalars = scalars.dropFirst(word.count)
            parts.append(Part(amount: amount, unit: unit))
            switch unit {
            case .minute: seconds += Int64(amount) * 60
            case .hour: seconds += Int64(amount) * 3600
            case .day: days += amount
            case .week: days += amount * 7
            case .month: months += amount
            case .year: months += amount * 12
            }
            // Checked after every part, so that no number of parts can overflow the sums, and no span reaches
            // so far that a date computed from it leaves the calendar.
            guard months <= Self.maximumMonths, days <= Self.maximumMonths * 31, seconds <= Self.maximumSeconds
            else {
                throw ParseError(reason: "it is longer than \(Self.maximumMonths / 12) years")
            }
        }
        self.init(text: text, months: months, days: days, seconds: seconds, parts: parts)
    }

    /// The longest span the config may write, 1,000 years: longer than any lead, duration or horizon can mean,
    /// short enough that every date computed from one stays far inside the calendar's range.
    public static let maximumMonths = 12_000
    static let maximumSeconds = Int64(maximumMonths) * 31 * 86_400

    public var isZero: Bool { months == 0 && days == 0 && seconds == 0 }

    /// `count` times this span (a task's n-th repeat), counted from the same anchor so that months do not drift.
    public func times(_ count: Int) -> Span {
        Span(text: "\(count)x\(text)", months: months * count, days: days * count, seconds: seconds * Int64(count))
    }

    /// The instant `self` before the wall time `anchor` in `zone`.
    public func before(_ anchor: LocalDateTime, in zone: Zone) -> Instant {
        let date = anchor.date.adding(months: -months).adding(days: -days)
        return zone.instant(for: LocalDateTime(date: date, time: anchor.time)).adding(seconds: -seconds)
    }

    /// The instant `self` after the wall time `anchor` in `zone`.
    public func after(_ anchor: LocalDateTime, in zone: Zone) -> Instant {
        let date = anchor.date.adding(months: months).adding(days: days)
        return zone.instant(for: LocalDateTime(date: date, time: anchor.time)).adding(seconds: seconds)
    }

    /// A generous upper bound in seconds, for sizing planning windows (a month counts 31 days).
    public var maximumSeconds: Int64 {
        Int64(months) * 31 * 86_400 + Int64(days) * 86_400 + seconds + 3600
    }

    /// A lower bound in seconds (a month counts 28 days, a day 23 hours for DST), for sizing planning windows.
    public var minimumSeconds: Int64 {
        Int64(months) * 28 * 86_400 + Int64(days) * 82_800 + seconds - 3600
    }

    public var description: String { text }

    public static func == (lhs: Span, rhs: Span) -> Bool { lhs.text == rhs.text }
    public func hash(into hasher: inout Hasher) { hasher.combine(text) }
}

extension StringProtocol {
    func trimmingASCIIWhitespace() -> String {
        let isSpace: (Character) -> Bool = { $0 == " " || $0 == "\t" || $0 == "\n" || $0 == "\r" }
        guard let first = firstIndex(where: { !isSpace($0) }), let last = lastIndex(where: { !isSpace($0) }) else {
            return ""
        }
        return String(self[first...last])
    }
}
