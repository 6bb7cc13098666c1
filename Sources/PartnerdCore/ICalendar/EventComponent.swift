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
    /// DTSTART, DTEND or DURATION, RRULE, RDATE, EXDATE (and STATUS, if one were written).
    var scheduleLines: [ContentLine]
    /// Every other property.
    var descriptiveLines: [ContentLine]
    /// The `VALARM`s, each as its content lines without BEGIN and END.
    var alarms: [[ContentLine]]

    /// The digest of the schedule, for the revision table.
    var scheduleFingerprint: FeedDigest {
        FeedDigest(hashing: Self.serialized([scheduleLines]))
    }

    /// The digest of everything the event says but `DTSTAMP` and `SEQUENCE`.
    var contentFingerprint: FeedDigest {
        FeedDigest(hashing: Self.serialized([scheduleLines, descriptiveLines] + alarms))
    }

    private static func serialized(_ groups: [[ContentLine]]) -> [UInt8] {
        var bytes: [UInt8] = []
        for group in groups {
            for line in group { bytes += line.folded }
            bytes += Array("--\r\n".utf8)
        }
        return bytes
    }

    /// Writes the component with the revision's `DTSTAMP` (always UTC, RFC 5545 §3.8.7.2) and `SEQUENCE`.
    func write(into writer: inout ICalendarWriter, revision: FeedRevisionTable.Revision) {
        writer.begin("VEVENT")
        writer.write(ContentLine("UID", ICalendarText.escaped(uid)))
        writer.write(ContentLine("DTSTAMP", revision.stamp.basicUTCFormat))
        writer.write(ContentLine("SEQUENCE", String(revision.sequence)))
        writer.write(scheduleLines)
        writer.write(descriptiveLines)
        for alarm in alarms {
            writer.begin("VALARM")
            writer.write(alarm)
            writer.end("VALARM")
        }
        writer.end("VEVENT")
    }
}
