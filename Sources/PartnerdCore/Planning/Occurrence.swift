/// One occurrence of an event or an anniversary, with its reminders.
///
/// This is what `partnerctl upcoming` lists, what the feed's VEVENTs describe, and what the scheduler
/// reminds of. All-day occurrences have `start` at midnight and `lastDay` as their inclusive last day.
public struct Occurrence: Sendable, Hashable {
    public enum Kind: String, Sendable, Hashable, Codable, CaseIterable {
        /// A `[[partnership.task]]` for one occurrence (its reminders only; feeds show tasks as VTODO).
        case event, anniversary, jubilee, task
    }

    public var partnership: PartnershipID
    public var event: EventID
    public var kind: Kind
    /// The UID of the VEVENT that carries this occurrence in the feed.
    public var uid: String
    public var title: String
    public var isAllDay: Bool
    /// The wall time of the start in ``zone`` (midnight for all-day occurrences).
    public var start: LocalDateTime
    public var startInstant: Instant
    /// The end: the instant for timed occurrences, the start of the day after ``lastDay`` for all-day ones.
    public var endInstant: Instant
    /// The last day the occurrence covers, inclusive.
    public var lastDay: LocalDate
    public var zone: Zone
    /// The anniversary's number, for anniversaries and jubilees.
    public var anniversary: Int?
    public var isPrivate: Bool
    public var reminders: [Reminder]
    /// Where its reminders go when they fall on a closed day of their recipient: the event's `on_closed_day`, else
    /// the partnership's, else `reminders.on_closed_day`.
    public var onClosedDay: ClosedDayRule = .before
    /// For kind `task`: the item and what it prepares.
    public var task: TaskDetail?

    /// The start as `upcoming --json` and journald show it: `YYYY-MM-DD` all-day, else ISO 8601 with offset.
    public var startText: String {
        isAllDay ? start.date.description : zone.isoString(startInstant)
    }

    /// The end as `upcoming --json` shows it: the last day (inclusive) all-day, else ISO 8601 with offset.
    public var endText: String {
        isAllDay ? lastDay.description : zone.isoString(endInstant)
    }
}

/// One reminder of one occurrence: `lead` before its anchor, or off a closed day of the office (``moved``).
public struct Reminder: Sendable, Hashable {
    public var lead: Span
    public var due: Instant
    /// Where it was due before it moved off a closed day, and why.
    public var moved: ReminderMove?

    public init(lead: Span, due: Instant, moved: ReminderMove? = nil) {
        self.lead = lead
        self.due = due
        self.moved = moved
    }

    /// The due time before any move: what a channel's own move starts from.
    public var plannedDue: Instant { moved?.from ?? due }
}

/// A reminder together with what it reminds of: the unit the scheduler, the ledger and journald work with.
public struct ScheduledReminder: Sendable, Hashable, Comparable {
    public var occurrence: Occurrence
    public var reminder: Reminder

    public init(occurrence: Occurrence, reminder: Reminder) {
        self.occurrence = occurrence
        self.reminder = reminder
    }

    public var due: Instant { reminder.due }

    /// Identifies the reminder across restarts and reloads: the UID, the occurrence's start and the lead.
    public var key: ReminderKey {
        ReminderKey(uid: occurrence.uid, occurrence: occurrence.startText, lead: reminder.lead.text)
    }

    public static func < (lhs: ScheduledReminder, rhs: ScheduledReminder) -> Bool {
        (lhs.due, lhs.key) < (rhs.due, rhs.key)
    }
}

/// The stable identity of a reminder: `(UID, occurrence start, lead)`.
public struct ReminderKey: Sendable, Hashable, Comparable, Codable, CustomStringConvertible {
    public var uid: String
    public var occurrence: String
    public var lead: String

    public init(uid: String, occurrence: String, lead: String) {
        self.uid = uid
        self.occurrence = occurrence
        self.lead = lead
    }

    public static func < (lhs: ReminderKey, rhs: ReminderKey) -> Bool {
        (lhs.uid, lhs.occurrence, lhs.lead) < (rhs.uid, rhs.occurrence, rhs.lead)
    }

    public var description: String { "\(uid) \(occurrence) −\(lead)" }
}
