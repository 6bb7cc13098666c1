/// One event of a partnership (`[[partnership.event]]`): a visit, a concert, an exhibition, a project week.
public struct Event: Sendable, Identifiable {
    /// When the event starts: a whole day, or a wall time in the event's zone (the iCalendar `DTSTART`).
    public typealias Start = RecurrenceStart

    /// How long each occurrence lasts.
    public enum Length: Sendable, Hashable {
        /// All-day: this many days, the start day included (`end` is the last day, inclusive).
        case days(Int)
        /// Timed, from `end`: the exact seconds between start and end, the same for every occurrence
        /// (RFC 5545 §3.8.5.3: DTEND − DTSTART applies to every instance).
        case exact(seconds: Int64)
        /// Timed, from `duration`: nominal days move the wall clock, hours are exact (RFC 5545 §3.3.6).
        case span(Span)
    }

    public var id: EventID
    public var title: String
    public var start: Start
    public var length: Length
    public var location: String?
    public var description: String?
    public var url: String?
    public var zone: Zone
    /// The recurrence rule, when the event repeats.
    public var rule: RecurrenceRule? {
        get { ruleStorage?.rule }
        set { ruleStorage = newValue.map(RuleStorage.init) }
    }
    /// The rule lives out of line: most events do not repeat, and the rule would more than double each event's
    /// size in the arrays that hold 50,000 of them. Never mutated once made, so copies may share it.
    private var ruleStorage: RuleStorage?
    public var exceptionDates: [Start]
    public var recurrenceDates: [Start]
    /// Overrides `reminders.events`; `[]` means none.
    public var remind: [Span]?
    public var isPrivate: Bool
    /// `on_closed_day`: overrides the partnership's and `reminders.on_closed_day` for this event's reminders.
    public var onClosedDay: ClosedDayRule?

    public init(
        id: EventID, title: String, start: Start, length: Length, location: String? = nil, description: String? = nil,
        url: String? = nil, zone: Zone, rule: RecurrenceRule? = nil, exceptionDates: [Start] = [],
        recurrenceDates: [Start] = [], remind: [Span]? = nil, isPrivate: Bool = false
    ) {
        self.id = id
        self.title = title
        self.start = start
        self.length = length
        self.location = location
        self.description = description
        self.url = url
        self.zone = zone
        self.ruleStorage = rule.map(RuleStorage.init)
        self.exceptionDates = exceptionDates
        self.recurrenceDates = recurrenceDates
        self.remind = remind
        self.isPrivate = isPrivate
    }

    /// Every occurrence of the event: the start, the rule's instances, `rdate` added, `exdate` removed.
    public var recurrenceSet: RecurrenceSet {
        RecurrenceSet(
            start: start, zone: zone, rule: rule, exceptionDates: exceptionDates, recurrenceDates: recurrenceDates)
    }
}

/// An event's recurrence rule, boxed (see ``Event/rule``).
private final class RuleStorage: Sendable {
    let rule: RecurrenceRule

    init(_ rule: RecurrenceRule) {
        self.rule = rule
    }
}
