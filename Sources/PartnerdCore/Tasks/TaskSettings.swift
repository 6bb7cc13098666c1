/// The id of a partnership's task (`delegation-invite`), unique within its partnership.
public struct TaskID: ValidatedIdentifier {
    public let rawValue: String
    public init(rawValue: String) { self.rawValue = rawValue }
}

/// `[[partnership.task]]`: something to be done by a date before (or after) each occurrence it prepares, reminded
/// ahead of that date and again after it until someone marks it done.
public struct TaskSettings: Sendable, Hashable {
    /// What the task prepares (`for`).
    public enum Target: Sendable, Hashable, CustomStringConvertible {
        /// Every round jubilee (`reminders.milestones`).
        case jubilee
        /// Every anniversary, jubilees included.
        case anniversary
        /// Every occurrence of one event of the partnership.
        case event(EventID)

        public var description: String {
            switch self {
            case .jubilee: "jubilee"
            case .anniversary: "anniversary"
            case .event(let id): id.rawValue
            }
        }
    }

    public var id: TaskID
    public var title: String
    public var target: Target
    /// `due`: how long before the occurrence's start the task is due (`"-6mo"`); ``dueIsAfter`` for `"+2w"`.
    public var due: Span
    public var dueIsAfter: Bool
    /// `remind`: leads before the due time.
    public var remind: [Span]
    /// `repeat`: after the due time, again every so often until done.
    public var repeatEvery: Span?
    /// `escalate_after`: how long after the due time reminders also go to ``escalateTo``.
    public var escalateAfter: Span?
    public var escalateTo: [ChannelID]
    /// `channels`: where its reminders go besides the journal; `nil` follows the routes of the occurrence.
    public var channels: [ChannelID]?

    public init(
        id: TaskID, title: String, target: Target, due: Span, dueIsAfter: Bool = false, remind: [Span] = [],
        repeatEvery: Span? = nil, escalateAfter: Span? = nil, escalateTo: [ChannelID] = [], channels: [ChannelID]? = nil
    ) {
        self.id = id
        self.title = title
        self.target = target
        self.due = due
        self.dueIsAfter = dueIsAfter
        self.remind = remind
        self.repeatEvery = repeatEvery
        self.escalateAfter = escalateAfter
        self.escalateTo = escalateTo
        self.channels = channels
    }

    /// The due time for an occurrence starting at `start` (wall time in `zone`).
    public func dueInstant(start: LocalDateTime, zone: Zone) -> Instant {
        dueIsAfter ? due.after(start, in: zone) : due.before(start, in: zone)
    }

    /// How long repeats go on when nobody marks the item done: until the occurrence it prepares begins, or for a task
    /// due after its occurrence, a year past the due time.
    public static let repeatLimitAfterDue: Int64 = 366 * 86_400

    /// The most items one task has in one planning range (a task on an event that recurs every minute).
    public static let maximumItemsPerRange = 500
}

/// One task for one occurrence: `berlin-bruessel/delegation-invite/2027-06-01`, the id `partnerctl done` takes and
/// the ledger records. The date is the occurrence's first day in its own zone.
public struct TaskItemID: Sendable, Hashable, Comparable, Codable, CustomStringConvertible {
    public var rawValue: String

    public init(rawValue: String) { self.rawValue = rawValue }

    public init(partnership: PartnershipID, task: TaskID, occurrence: LocalDate) {
        rawValue = "\(partnership)/\(task)/\(occurrence)"
    }

    /// The id when `text` has its three parts (`partnership/task/YYYY-MM-DD`).
    public init?(validating text: String) {
        let parts = text.split(separator: "/", omittingEmptySubsequences: false).map(String.init)
        guard parts.count == 3, PartnershipID(validating: parts[0]) != nil, TaskID(validating: parts[1]) != nil,
            LocalDate(iso: parts[2]) != nil
        else { return nil }
        rawValue = text
    }

    public var partnership: PartnershipID { PartnershipID(rawValue: String(rawValue.split(separator: "/")[0])) }

    public static func < (lhs: TaskItemID, rhs: TaskItemID) -> Bool { lhs.rawValue < rhs.rawValue }
    public var description: String { rawValue }

    public init(from decoder: any Decoder) throws { rawValue = try decoder.singleValueContainer().decode(String.self) }
    public func encode(to encoder: any Encoder) throws {
        var container = encoder.singleValueContainer()
        try container.encode(rawValue)
    }
}
