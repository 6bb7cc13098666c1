/// An occurrence as `partnerctl upcoming --json` and the daemon's status print it (SPEC.md).
public struct OccurrenceSummary: Sendable, Codable, Hashable {
    public struct ReminderSummary: Sendable, Codable, Hashable {
        public var lead: String
        public var due: String
        /// Where it was due before it moved off a closed day of the office, and why; absent when it did not move.
        public var movedFrom: String?
        public var movedReason: String?

        enum CodingKeys: String, CodingKey {
            case lead, due, movedFrom = "moved_from", movedReason = "moved_reason"
        }
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
    /// - Parameter texts: the language of the reasons a reminder moved: the daemon's.
    public init(_ occurrence: Occurrence, zone: Zone, texts: Texts = Texts(language: .en)) {
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
            ReminderSummary(
                lead: $0.lead.text, due: zone.isoString($0.due), movedFrom: $0.moved.map { zone.isoString($0.from) },
                movedReason: $0.moved.map { texts.closedReason($0.reason) })
        }
    }
}
