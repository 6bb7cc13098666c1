/// A `VEVENT` (RFC 5545 §3.6.1) before its `DTSTAMP` and `SEQUENCE` are known.
///
/// The properties are split the way RFC 5545 §3.8.7.4 splits them: the schedule (whose change raises
/// `SEQUENCE`) and the rest (whose change only moves `DTSTAMP`).
struct EventComponent: Sendable {
    var uid: String
    var partnership: PartnershipID
    var isPrivate: Bool
    /// The first start, for ordering the feed.
    var firstStart: Instant
    /// The earliest and latest instants the event names, for the range the `VTIMEZONE`s must cover.
    var coveredRange: ClosedRange<Instant>
    /// The zones named by `TZID` parameters.
    var zones: [Zone]
    /// DTSTART, DTEND or DURATION, RRULE, RDATE, EXDATE (and STATUS, if one were written), folded.
    let schedule: [UInt8]
    /// Every other property, then the `VALARM`s, folded: what follows the schedule in the component.
    let rest: [UInt8]
    /// The digest of the schedule, for the revision table.
    let scheduleFingerprint: FeedDigest
    /// The digest of everything the event says but `DTSTAMP` and `SEQUENCE`.
    let contentFingerprint: FeedDigest

    /// A component of these properties: `scheduleLines` (DTSTART, DTEND or DURATION, RRULE, RDATE, EXDATE),
    /// `descriptiveLines` (every other property) and the `VALARM`s, each as its content lines without BEGIN and
    /// END. Only their folded bytes are kept: a registry's calendar has 110,000 components, and the lines as
    /// values took several times the room of the bytes they become.
    init(
        uid: String, partnership: PartnershipID, isPrivate: Bool, firstStart: Instant,
        coveredRange: ClosedRange<Instant>, zones: [Zone], scheduleLines: [ContentLine],
        descriptiveLines: [ContentLine], alarms: [[ContentLine]]
    ) {
        self.uid = uid
        self.partnership = partnership
        self.isPrivate = isPrivate
        self.firstStart = firstStart
        self.coveredRange = coveredRange
        self.zones = zones
        schedule = Self.folded(scheduleLines)
        let descriptive = Self.folded(descriptiveLines)
        let foldedAlarms = alarms.map(Self.folded)
        let separator = Array("--\r\n".utf8)
        scheduleFingerprint = FeedDigest(hashing: schedule + separator)
        var content = schedule + separator + descriptive + separator
        for alarm in foldedAlarms { content += alarm + separator }
        contentFingerprint = FeedDigest(hashing: content)
        var writer = ICalendarWriter(capacity: descriptive.count + foldedAlarms.reduce(0) { $0 + $1.count + 40 })
        writer.append(descriptive)
        for alarm in foldedAlarms {
            writer.begin("VALARM")
            writer.append(alarm)
            writer.end("VALARM")
        }
        rest = writer.bytes
    }

    private static func folded(_ lines: [ContentLine]) -> [UInt8] {
        var writer = ICalendarWriter(capacity: lines.count * 80)
        writer.write(lines)
        return Array(writer.bytes)
    }

    /// Writes the component with the revision's `DTSTAMP` (always UTC, RFC 5545 §3.8.7.2) and `SEQUENCE`.
    func write(into writer: inout ICalendarWriter, revision: FeedRevisionTable.Revision) {
        writer.begin("VEVENT")
        writer.write(ContentLine("UID", ICalendarText.escaped(uid)))
        writer.write(ContentLine("DTSTAMP", revision.stamp.basicUTCFormat))
        writer.write(ContentLine("SEQUENCE", String(revision.sequence)))
        writer.append(schedule)
        writer.append(rest)
        writer.end("VEVENT")
    }
}
