/// A reminder as the status shows it: what it reminds of, with which lead, and when it is due.
public struct ReminderStatus: Sendable, Codable, Hashable {
    /// The occurrence's title in the daemon's language.
    public var title: String
    public var partnership: String
    /// The event id, or `anniversary`.
    public var event: String
    public var kind: Occurrence.Kind
    /// The UID of the VEVENT that carries the occurrence in the feed.
    public var uid: String
    /// The occurrence's start as `upcoming --json` prints it.
    public var occurrence: String
    /// The lead as written in the config, e.g. `7d`.
    public var lead: String
    /// The due time, ISO 8601 with the offset of the occurrence's zone.
    public var due: String
    /// Where it was due before it moved off a closed day of the office, and why (`kein Arbeitstag`, a holiday's
    /// name); absent when it did not move.
    public var movedFrom: String?
    public var movedReason: String?

    public init(
        title: String, partnership: String, event: String, kind: Occurrence.Kind, uid: String, occurrence: String,
        lead: String, due: String
    ) {
        self.title = title
        self.partnership = partnership
        self.event = event
        self.kind = kind
        self.uid = uid
        self.occurrence = occurrence
        self.lead = lead
        self.due = due
    }

    /// The status line of a planned reminder, its due time written in `zone` (the daemon's), the reason it moved
    /// in the language of `texts`.
    public init(_ scheduled: ScheduledReminder, zone: Zone, texts: Texts = Texts(language: .en)) {
        let occurrence = scheduled.occurrence
        self.init(
            title: occurrence.title, partnership: occurrence.partnership.rawValue, event: occurrence.event.rawValue,
            kind: occurrence.kind, uid: occurrence.uid, occurrence: occurrence.startText,
            lead: scheduled.reminder.lead.text, due: zone.isoString(scheduled.due))
        if let move = scheduled.reminder.moved {
            movedFrom = zone.isoString(move.from)
            movedReason = texts.moved(move)
        }
    }
}
