/// Names one of the feeds partnerd publishes (SPEC.md, "HTTP feeds").
public struct FeedKey: Sendable, Hashable, Comparable, CustomStringConvertible {
    /// The partnership of a per-partnership feed; `nil` for the calendar of all partnerships.
    public var partnership: PartnershipID?
    /// Whether private partnerships and events are included (only served with `feed.token`).
    public var includesPrivate: Bool

    public init(partnership: PartnershipID? = nil, includesPrivate: Bool = false) {
        self.partnership = partnership
        self.includesPrivate = includesPrivate
    }

    /// `/calendar.ics` without the token.
    public static let publicCalendar = FeedKey()

    /// Where the feed lives below the server root and in `feed.directory`: `calendar.ics` or
    /// `partnerships/<id>.ics` (partnership ids are `[a-z0-9-]+`, so the path is always safe).
    public var relativePath: String {
        partnership.map { "partnerships/\($0.rawValue).ics" } ?? "calendar.ics"
    }

    public static func < (lhs: FeedKey, rhs: FeedKey) -> Bool {
        (lhs.partnership?.rawValue ?? "", lhs.includesPrivate ? 1 : 0)
            < (rhs.partnership?.rawValue ?? "", rhs.includesPrivate ? 1 : 0)
    }

    public var description: String { relativePath + (includesPrivate ? " (with private items)" : "") }
}
