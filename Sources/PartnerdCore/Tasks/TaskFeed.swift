/// `/tasks.ics`: every task item as a VTODO (RFC 5545 §3.6.2) for the clients that show tasks, with `DUE`,
/// `STATUS` (`NEEDS-ACTION` or `COMPLETED`) and, once done, `COMPLETED`. The UID is the item's, stable across
/// renderings; `DTSTAMP` is when the item last changed for the feed (its mark, or `stamp` while it is open).
public enum TaskFeed {
    public static func render(
        planner: Planner, now: Instant, stamp: Instant, includesPrivate: Bool, done: (TaskItemID) -> DeliveryLedger.Done?
    ) -> [UInt8] {
        let configuration = planner.configuration
        let texts = Texts(language: configuration.daemon.language)
        var writer = ICalendarWriter()
        writer.begin("VCALENDAR")
        writer.write(ContentLine("VERSION", "2.0"))
        writer.write(ContentLine("PRODID", "-//partnerd//partnerd \(PartnerdVersion.current)//EN"))
        writer.write(ContentLine("X-WR-CALNAME", ICalendarText.escaped(texts.tasksCalendarName)))
        for (item, mark) in planner.listedTaskItems(now: now, done: done) {
            guard let partnership = configuration.partnership(item.id.partnership) else { continue }
            if partnership.isPrivate && !includesPrivate { continue }
            writer.begin("VTODO")
            writer.write(ContentLine("UID", Planner.taskUID(item.id)))
            let changed = mark.map { Instant(secondsSinceEpoch: $0.at) } ?? stamp
            writer.write(ContentLine("DTSTAMP", changed.basicUTCFormat))
            writer.write(ContentLine("SUMMARY", ICalendarText.escaped(item.task.title)))
            let when = item.target.isAllDay ? texts.date(item.target.start.date) : texts.dateTime(item.target.start)
            writer.write(
                ContentLine(
                    "DESCRIPTION",
                    ICalendarText.escaped("\(item.target.title) (\(when))\n\(item.id)")))
            writer.write(ContentLine("DUE", item.due.basicUTCFormat))
            writer.write(ContentLine("CATEGORIES", ICalendarText.escaped("\(partnership.city) – \(partnership.partner)")))
            writer.write(ContentLine("X-PARTNERD-ITEM", ICalendarText.escaped(item.id.rawValue)))
            if let mark {
                writer.write(ContentLine("STATUS", "COMPLETED"))
                writer.write(ContentLine("COMPLETED", Instant(secondsSinceEpoch: mark.at).basicUTCFormat))
                writer.write(ContentLine("PERCENT-COMPLETE", "100"))
            } else {
                writer.write(ContentLine("STATUS", "NEEDS-ACTION"))
            }
            writer.end("VTODO")
        }
        writer.end("VCALENDAR")
        return writer.takeBytes()
    }
}

extension Texts {
    /// `X-WR-CALNAME` of the tasks feed.
    public var tasksCalendarName: String {
        switch language {
        case .de: "Städtepartnerschaften – Aufgaben"
        case .en: "Town twinning – tasks"
        case .fr: "Jumelages – tâches"
        case .nl: "Stedenbanden – taken"
        }
    }
}
