/// An occurrence as `partnerctl upcoming --json` and the daemon's status print it (SPEC.md).
public struct OccurrenceSummary: Sendable, Codable, Hashable {
    public struct ReminderSummary: Sendable, Codable, Hashable {
        public var lead: String
        public var due: String
    }

    public var uid: String
    public var partnership: String
    public var event: String
    public var kind: Occurrence.Kind
    public var title: String
    public var allDay: Bool
    public var start: String
    public var end: String
    public var anniversary: Int?
    public var timezone: String
    public var reminders: [ReminderSummary]

    enum CodingKeys: String, CodingKey {
        case uid, partnership, event, kind, title, allDay = "all_day", start, end, anniversary, timezone, reminders
    }

    /// - Parameter zone: the zone in which due times are written: the daemon's, where its reminders are read.
    public init(_ occurrence: Occurrence, zone: Zone) {
        uid = occurrence.uid
        partnership = occurrence.partnership.rawValue
        event = occurrence.event.rawValue
        kind = occurrence.kind
        title = occurrence.title
        allDay = occurrence.isAllDay
        start = occurrence.startText
        end = occurrence.endText
        anniversary = occurrence.anniversary
        timezone = occurrence.zone.identifier
        reminders = occurrence.reminders.map {
            ReminderSummary(lead: $0.lead.text, due: zone.isoString($0.due))
        }
    }
}
