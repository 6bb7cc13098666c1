/// What one channel delivery says, in the channel's language and zone: one reminder, a digest of late ones,
/// or `partnerctl test`'s message. Each transport turns it into its own form (mail, Matrix event, JSON, argv).
public struct ChannelMessage: Sendable, Hashable {
    /// One reminder as the payloads carry it (SPEC "Channels": the json object's fields).
    public struct Item: Sendable, Hashable {
        public var deliveryID: String
        public var partnership: String
        public var event: String
        public var kind: String
        public var uid: String
        public var title: String
        /// The occurrence's start as `upcoming --json` writes it.
        public var occurrence: String
        public var lead: String
        /// The due time for this channel, ISO 8601 in the channel's zone.
        public var due: String
        public var anniversary: Int?
        public var late: Bool
        public var message: String
        /// Where it was due before it moved off a closed day of this channel's people (ISO 8601 in the channel's
        /// zone), and why, in the channel's language.
        public var movedFrom: String?
        public var movedReason: String?
        /// For a task's reminder: the item (`partnership/task/date`) and when it is due, ISO 8601 in the channel's zone.
        public var task: String?
        public var taskDue: String?
        /// The confirm page that marks the item done (when the feed server runs).
        public var taskLink: String?
        /// What the mail attaches as a VEVENT.
        public var calendar: Occurrence
        /// The feed's VEVENT properties besides its schedule (SUMMARY, LOCATION, DESCRIPTION, URL, CATEGORIES, …).
        var calendarProperties: [ContentLine]
        /// Whether the feed's VEVENT recurs (RRULE or RDATE): only then is this occurrence one of a series, with a
        /// RECURRENCE-ID.
        public var recurs: Bool
    }

    public enum Kind: String, Sendable, Hashable {
        case reminder, digest, test
    }

    public var kind: Kind
    /// The id the protocol carries so that a receiver can drop a repeat.
    public var deliveryID: String
    public var channel: ChannelID
    public var language: Language
    /// One line: the mail's subject, ntfy's title.
    public var subject: String
    /// The whole text: the reminder's message, or a digest's heading and one line per reminder.
    public var text: String
    /// The reminders it carries: one, several for a digest, none for a test.
    public var items: [Item]

    /// The message for one delivery to `channel`.
    /// The link of a task reminder's confirm page, for an occurrence of kind `task`; `nil` when there is none.
    public typealias TaskLink = @Sendable (Occurrence) -> String?

    public static func reminder(
        _ delivery: Delivery, late: Bool, channel: ChannelSettings, configuration: Configuration, taskLink: TaskLink? = nil
    ) -> ChannelMessage {
        let item = Self.item(delivery, late: late, channel: channel, configuration: configuration, taskLink: taskLink)
        return ChannelMessage(
            kind: .reminder, deliveryID: item.deliveryID, channel: channel.id, language: channel.language,
            subject: item.message, text: item.message, items: [item])
    }

    /// One message for several late deliveries to `channel`, in due order.
    public static func digest(
        _ deliveries: [Delivery], channel: ChannelSettings, configuration: Configuration, taskLink: TaskLink? = nil
    ) -> ChannelMessage {
        let items = deliveries.sorted().map {
            Self.item($0, late: true, channel: channel, configuration: configuration, taskLink: taskLink)
        }
        let heading = Texts(language: channel.language).digestHeading(count: items.count)
        let ids = items.map(\.deliveryID).joined(separator: ",")
        return ChannelMessage(
            kind: .digest, deliveryID: DeliveryKey.deliveryID(of: "digest\n\(ids)"),
            channel: channel.id, language: channel.language, subject: heading,
            text: ([heading, ""] + items.map { "• \($0.message)" }).joined(separator: "\n"), items: items)
    }

    /// `partnerctl test`'s message; `nonce` makes each test its own delivery.
    public static func test(channel: ChannelSettings, nonce: String) -> ChannelMessage {
        let text = Texts(language: channel.language).testMessage(channel: channel.id.rawValue)
        return ChannelMessage(
            kind: .test, deliveryID: DeliveryKey.deliveryID(of: "test\n\(channel.id)\n\(nonce)"),
            channel: channel.id, language: channel.language, subject: text, text: text, items: [])
    }

    static func item(
        _ delivery: Delivery, late: Bool, channel: ChannelSettings, configuration: Configuration, taskLink: TaskLink? = nil
    ) -> Item {
        let texts = Texts(language: channel.language)
        var occurrence = delivery.reminder.occurrence
        // Titles of anniversaries are made in the daemon's language; the channel's people read their own.
        if let number = occurrence.anniversary, let partnership = configuration.partnership(occurrence.partnership) {
            occurrence.title = texts.anniversaryTitle(number: number, city: partnership.city, partner: partnership.partner)
        }
        let partnership = configuration.partnership(occurrence.partnership)
        let properties: [ContentLine]
        var recurs = false
        if occurrence.kind == .event, let partnership,
           let event = partnership.events.first(where: { $0.id == occurrence.event })
        {
            properties = FeedRenderer.eventProperties(event, isPrivate: partnership.isPrivate || event.isPrivate)
            recurs = event.rule != nil || !event.recurrenceDates.isEmpty
        } else if occurrence.kind == .task {
            properties = [ContentLine("SUMMARY", ICalendarText.escaped(occurrence.title))]
        } else if occurrence.kind != .event {
            properties = FeedRenderer.anniversaryProperties(
                occurrence, partner: partnership?.partner ?? occurrence.partnership.rawValue, texts: texts)
        } else {
            properties = [ContentLine("SUMMARY", ICalendarText.escaped(occurrence.title))]
        }
        let link = occurrence.task == nil ? nil : taskLink?(occurrence)
        var message = texts.message(for: delivery.reminder, due: delivery.due, zone: channel.zone, late: late, link: link)
        if let move = delivery.moved { message += " (\(texts.moved(move)))" }
        return Item(
            deliveryID: delivery.key.deliveryID, partnership: occurrence.partnership.rawValue,
            event: occurrence.event.rawValue, kind: occurrence.kind.rawValue, uid: occurrence.uid, title: occurrence.title,
            occurrence: occurrence.startText, lead: delivery.reminder.reminder.lead.text,
            due: channel.zone.isoString(delivery.due), anniversary: occurrence.anniversary, late: late, message: message,
            movedFrom: delivery.moved.map { channel.zone.isoString($0.from) },
            movedReason: delivery.moved.map { texts.closedReason($0.reason) },
            task: occurrence.task?.item.rawValue, taskDue: occurrence.task.map { channel.zone.isoString($0.due) },
            taskLink: link,
            calendar: occurrence, calendarProperties: properties, recurs: recurs)
    }
}
