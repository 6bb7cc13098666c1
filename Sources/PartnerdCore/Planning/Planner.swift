/// Works out occurrences and reminders from a configuration: the single place where "when" is decided.
///
/// Pure: it takes ranges and instants as arguments and reads no clock. `upcoming`, the feed and the
/// scheduler all ask it, so they can never disagree.
public struct Planner: Sendable {
    public let configuration: Configuration
    public let texts: Texts

    public init(configuration: Configuration) {
        self.configuration = configuration
        self.texts = Texts(language: configuration.daemon.language)
    }

    /// Which occurrences to list.
    public struct Filter: Sendable {
        public var partnership: PartnershipID?
        public var includePrivate: Bool

        public init(partnership: PartnershipID? = nil, includePrivate: Bool = true) {
            self.partnership = partnership
            self.includePrivate = includePrivate
        }
    }

    /// Occurrences whose first day (in their own zone) lies in `days`, sorted by start.
    public func occurrences(in days: ClosedRange<LocalDate>, filter: Filter = Filter()) -> [Occurrence] {
        var result: [Occurrence] = []
        collectOccurrences(in: days, filter: filter, into: &result)
        return Self.sortedByStart(result)
    }

    /// Appends the occurrences whose first day lies in `days` to `result`, in no particular order. Partnerships and
    /// events are visited in place: copying an `Event` out of its array for each chunk of days costs more than
    /// expanding it.
    func collectOccurrences(in days: ClosedRange<LocalDate>, filter: Filter, into result: inout [Occurrence]) {
        configuration.partnerships.withUnsafeBufferPointer { partnerships in
            for partnershipIndex in partnerships.indices {
                if let wanted = filter.partnership, wanted != partnerships[partnershipIndex].id { continue }
                if partnerships[partnershipIndex].isPrivate && !filter.includePrivate { continue }
                appendAnniversaries(of: partnerships[partnershipIndex], in: days, to: &result)
                partnerships[partnershipIndex].events.withUnsafeBufferPointer { events in
                    for eventIndex in events.indices where filter.includePrivate || !events[eventIndex].isPrivate {
                        appendOccurrences(of: events[eventIndex], in: partnerships[partnershipIndex], days: days, to: &result)
                    }
                }
            }
        }
    }

    /// `occurrences` in the order every listing uses: by start instant, then by UID. The order is found on indices and
    /// the values moved once, instead of swapping whole occurrences while sorting.
    static func sortedByStart(_ occurrences: [Occurrence]) -> [Occurrence] {
        let order = sortedIndices(occurrences)
        return order.map { occurrences[$0] }
    }

    /// The indices of `occurrences` by start instant, then by UID.
    static func sortedIndices(_ occurrences: [Occurrence]) -> [Int] {
        occurrences.withUnsafeBufferPointer { buffer in
            buffer.indices.sorted { left, right in
                let leftStart = buffer[left].startInstant
                let rightStart = buffer[right].startInstant
                if leftStart != rightStart { return leftStart < rightStart }
                return buffer[left].uid < buffer[right].uid
            }
        }
    }

    /// The same occurrences as ``occurrences(in:filter:)``, in the same order, handed to `body` one by one while
    /// they are planned a chunk of days at a time, so that memory holds about two chunks, not the whole range: a
    /// rule that repeats every minute for ten years is millions of occurrences.
    ///
    /// An occurrence's first day is counted in its own zone, and no zone is more than 14 hours ahead of UTC: once
    /// the days up to `D` are planned, nothing later can start before `D + 1` at 00:00 UTC minus 14 hours, so
    /// everything earlier is final and goes out.
    public func forEachOccurrence(
        in days: ClosedRange<LocalDate>, filter: Filter = Filter(), chunkDays: Int = 31,
        _ body: (Occurrence) throws -> Void
    ) rethrows {
        var pending: [Occurrence] = []
        var chunkStart = days.lowerBound
        while chunkStart <= days.upperBound {
            let chunkEnd = min(days.upperBound, chunkStart.adding(days: max(1, chunkDays) - 1))
            collectOccurrences(in: chunkStart...chunkEnd, filter: filter, into: &pending)
            let order = Self.sortedIndices(pending)
            let isLast = chunkEnd >= days.upperBound
            let settled = Zone.utc.startOfDay(chunkEnd.adding(days: 1)).adding(seconds: -15 * 3600)
            let cut = isLast ? order.count : (order.firstIndex { pending[$0].startInstant >= settled } ?? order.count)
            for index in order[..<cut] { try body(pending[index]) }
            if isLast { break }
            pending = order[cut...].map { pending[$0] }
            chunkStart = chunkEnd.adding(days: 1)
        }
    }

    /// Reminders due in `window`, sorted by due time: the scheduler's input.
    ///
    /// A reminder with lead `L` is due in the window only when its occurrence lies about `L` after it, so
    /// each distinct lead needs the occurrences of a few days only, not of everything up to the longest
    /// lead (a year for jubilees): planning a day costs the same for ten partnerships as for ten thousand
    /// per partnership, whatever the leads.
    public func reminders(dueIn window: Range<Instant>) -> [ScheduledReminder] {
        reminders(dueIn: window, sorted: true)
    }

    func reminders(dueIn window: Range<Instant>, sorted: Bool) -> [ScheduledReminder] {
        var result: [ScheduledReminder] = []
        var seen = Set<ReminderKey>()
        let planned = widened(window)
        for lead in distinctLeads {
            for occurrence in occurrences(in: Self.days(reminded: lead, dueIn: planned, margin: 2), remindedWith: lead) {
                for reminder in occurrence.reminders where reminder.lead == lead && window.contains(reminder.due) {
                    let scheduled = ScheduledReminder(occurrence: occurrence, reminder: reminder)
                    if seen.insert(scheduled.key).inserted { result.append(scheduled) }
                }
            }
        }
        return sorted ? result.sorted() : result
    }

    /// The occurrences in `days` that have a reminder with `lead`, in no particular order: only the events and
    /// anniversaries whose leads include it are expanded (a year's lead belongs to jubilees, not to 50,000 events).
    func occurrences(in days: ClosedRange<LocalDate>, remindedWith lead: Span) -> [Occurrence] {
        let jubilees = configuration.reminders.jubilees.contains(lead)
        let eventDefault = configuration.reminders.events.contains(lead)
        var result: [Occurrence] = []
        for partnership in configuration.partnerships {
            if jubilees || (partnership.remind ?? configuration.reminders.anniversaries).contains(lead) {
                appendAnniversaries(of: partnership, in: days, to: &result)
            }
            partnership.events.withUnsafeBufferPointer { events in
                for index in events.indices where events[index].remind.map({ $0.contains(lead) }) ?? eventDefault {
                    appendOccurrences(of: events[index], in: partnership, days: days, to: &result)
                }
            }
        }
        return result
    }

    /// The days whose occurrences a reminder with `lead` can remind of within `window`, widened by `margin` days
    /// each way for the zones (no zone is more than a day off UTC) and, for channels, their `notify_at`.
    static func days(reminded lead: Span, dueIn window: Range<Instant>, margin: Int) -> ClosedRange<LocalDate> {
        let earliest = window.lowerBound.adding(seconds: lead.minimumSeconds)
        let latest = window.upperBound.adding(seconds: lead.maximumSeconds)
        return Zone.utc.localDateTime(at: earliest).date.adding(days: -margin)...Zone.utc.localDateTime(at: latest)
            .date.adding(days: margin)
    }

    /// The window of planned due times whose reminders can land in `window` once moved off closed days: a reminder
    /// moved to the working day before was planned up to the end of the closed days that follow the window, one
    /// moved after from as far back as the closed days before it. Two days more each way cover the zones (the
    /// closed days are counted in UTC here, and in each recipient's zone when moving).
    func widened(_ window: Range<Instant>) -> Range<Instant> {
        var calendars = [configuration.daemon.workingDays]
        for channel in configuration.channels where !calendars.contains(channel.workingDays) {
            calendars.append(channel.workingDays)
        }
        let first = Zone.utc.localDateTime(at: window.lowerBound).date
        let last = Zone.utc.localDateTime(at: window.upperBound).date
        var before = 0
        var after = 0
        for calendar in calendars where !calendar.isOpenEveryDay {
            before = max(before, calendar.closedRun(from: first.adding(days: -1), step: -1) + 2)
            after = max(after, calendar.closedRun(from: last.adding(days: 1), step: 1) + 2)
        }
        guard before > 0 || after > 0 else { return window }
        return window.lowerBound.adding(seconds: -86_400 * Int64(before))..<window.upperBound
            .adding(seconds: 86_400 * Int64(after))
    }

    /// Every lead the config uses, once each.
    var distinctLeads: [Span] {
        var spans = configuration.reminders.events + configuration.reminders.anniversaries
            + configuration.reminders.jubilees
        for partnership in configuration.partnerships {
            spans += partnership.remind ?? []
            for event in partnership.events { spans += event.remind ?? [] }
        }
        var seen = Set<String>()
        return spans.filter { seen.insert($0.text).inserted }
    }

    // MARK: - Anniversaries

    /// The date of anniversary `number` of a signing, or `nil` when `leap_day = "skip"` drops it.
    public static func anniversaryDate(
        signed: LocalDate, number: Int, leapDay: Partnership.LeapDayRule
    ) -> LocalDate? {
        let year = signed.year + number
        if let date = LocalDate(year: year, month: signed.month, day: signed.day) { return date }
        switch leapDay {
        case .feb28: return LocalDate(year: year, month: 2, day: 28)
        case .mar1: return LocalDate(year: year, month: 3, day: 1)
        case .skip: return nil
        }
    }

    func anniversaries(of partnership: Partnership, in days: ClosedRange<LocalDate>) -> [Occurrence] {
        var result: [Occurrence] = []
        appendAnniversaries(of: partnership, in: days, to: &result)
        return result
    }

    func appendAnniversaries(of partnership: Partnership, in days: ClosedRange<LocalDate>, to result: inout [Occurrence]) {
        guard partnership.status == .active else { return }
        let first = max(1, days.lowerBound.year - partnership.signed.year - 1)
        let last = days.upperBound.year - partnership.signed.year + 1
        guard first <= last else { return }
        for number in first...last {
            guard
                let date = Self.anniversaryDate(signed: partnership.signed, number: number, leapDay: partnership.leapDay),
                days.contains(date)
            else { continue }
            let isJubilee = configuration.reminders.milestones.contains(number)
            let leads =
                isJubilee ? configuration.reminders.jubilees : (partnership.remind ?? configuration.reminders.anniversaries)
            let zone = partnership.zone
            let start = LocalDateTime(date: date, time: .midnight)
            let rule = partnership.onClosedDay ?? configuration.reminders.onClosedDay
            let startInstant = zone.startOfDay(date)
            result.append(
                Occurrence(
                    partnership: partnership.id, event: .anniversary, kind: isJubilee ? .jubilee : .anniversary,
                    uid: Self.anniversaryUID(partnership.id, number: number),
                    title: texts.anniversaryTitle(number: number, city: partnership.city, partner: partnership.partner),
                    isAllDay: true, start: start, startInstant: startInstant,
                    endInstant: zone.startOfDay(date.adding(days: 1)), lastDay: date, zone: zone, anniversary: number,
                    isPrivate: partnership.isPrivate,
                    reminders: reminders(
                        leads, start: start, isAllDay: true, zone: zone, startInstant: startInstant, rule: rule),
                    onClosedDay: rule))
        }
    }

    // MARK: - Events

    func occurrences(
        of event: Event, in partnership: Partnership, days: ClosedRange<LocalDate>, limit: Int? = nil
    ) -> [Occurrence] {
        var result: [Occurrence] = []
        appendOccurrences(of: event, in: partnership, days: days, limit: limit, to: &result)
        return result
    }

    func appendOccurrences(
        of event: Event, in partnership: Partnership, days: ClosedRange<LocalDate>, limit: Int? = nil,
        to result: inout [Occurrence]
    ) {
        let starts = eventStarts(event, days: days, limit: limit)
        guard !starts.isEmpty else { return }
        let leads = event.remind ?? configuration.reminders.events
        let uid = Self.eventUID(partnership.id, event.id)
        let zone = event.zone
        let rule = event.onClosedDay ?? partnership.onClosedDay ?? configuration.reminders.onClosedDay
        for start in starts {
            let startInstant = zone.instant(for: start)
            let endInstant: Instant
            let lastDay: LocalDate
            switch event.length {
            case .days(let count):
                lastDay = start.date.adding(days: count - 1)
                endInstant = zone.startOfDay(lastDay.adding(days: 1))
            case .exact(let seconds):
                endInstant = startInstant.adding(seconds: seconds)
                lastDay = zone.localDateTime(at: endInstant).date
            case .span(let span):
                endInstant = span.after(start, in: zone)
                lastDay = zone.localDateTime(at: endInstant).date
            }
            result.append(
                Occurrence(
                    partnership: partnership.id, event: event.id, kind: .event, uid: uid, title: event.title,
                    isAllDay: event.start.isAllDay, start: start, startInstant: startInstant, endInstant: endInstant,
                    lastDay: lastDay, zone: zone, anniversary: nil, isPrivate: partnership.isPrivate || event.isPrivate,
                    reminders: reminders(
                        leads, start: start, isAllDay: event.start.isAllDay, zone: zone, startInstant: startInstant,
                        rule: rule),
                    onClosedDay: rule))
        }
    }

    /// The wall-clock starts of an event whose first day lies in `days`, from its recurrence set.
    func eventStarts(_ event: Event, days: ClosedRange<LocalDate>, limit: Int? = nil) -> [LocalDateTime] {
        let from = LocalDateTime(date: days.lowerBound, time: .midnight)
        let through = LocalDateTime(date: days.upperBound, time: LocalTime(secondsSinceMidnight: 86_399))
        if event.rule == nil && event.recurrenceDates.isEmpty && event.exceptionDates.isEmpty {
            // A single occurrence, the most common event: no expansion to set up for each chunk of days.
            let start = event.start.wallTime
            return from <= start && start <= through ? [start] : []
        }
        if let limit { return Array(event.recurrenceSet.occurrences(from: from, through: through).prefix(limit)) }
        return Array(event.recurrenceSet.occurrences(from: from, through: through))
    }

    // MARK: - Reminders

    /// The reminders of an occurrence for the journal. A timed occurrence is reminded of `lead` before its start,
    /// on the calendar of its own zone. An all-day one is reminded on the day `lead` before its date at
    /// `daemon.notify_at` in `daemon.timezone`: whoever reads the journal reads it in the daemon's zone, and a
    /// partnership in Beijing must not remind Berlin at 02:00 (SPEC "Channels": who is reminded decides when).
    ///
    /// A reminder due on a day the office does not work (`daemon.workdays`, `daemon.holidays`, `[[closure]]`) moves
    /// by `rule` to `daemon.notify_at` of the working day before or after.
    func reminders(
        _ leads: [Span], start: LocalDateTime, isAllDay: Bool, zone: Zone, startInstant: Instant, rule: ClosedDayRule
    ) -> [Reminder] {
        let daemon = configuration.daemon
        let anchor = isAllDay ? LocalDateTime(date: start.date, time: daemon.notifyAt) : start
        let calendar = isAllDay ? daemon.zone : zone
        var seen = Set<String>()
        return leads.compactMap { lead in
            guard seen.insert(lead.text).inserted else { return nil }
            let planned = lead.before(anchor, in: calendar)
            let (due, move) = daemon.workingDays.move(
                planned, rule: rule, zone: daemon.zone, notifyAt: daemon.notifyAt, deadline: startInstant)
            return Reminder(lead: lead, due: due, moved: move)
        }.sorted { $0.due < $1.due }
    }

    // MARK: - UIDs

    /// The UID of an event's VEVENT, stable across restarts and machines (RFC 5545 §3.8.4.7).
    public static func eventUID(_ partnership: PartnershipID, _ event: EventID) -> String {
        "\(event).\(partnership)@partnerd"
    }

    /// The UID of one year's anniversary VEVENT.
    public static func anniversaryUID(_ partnership: PartnershipID, number: Int) -> String {
        "anniversary-\(number).\(partnership)@partnerd"
    }
}

extension Planner {
    /// Every delivery due in `window`: each reminder once for the journal and once for each channel its
    /// occurrence is routed to, with that recipient's due time. The scheduler's input for
    /// ``ReminderScheduler/Action/plan(_:)``.
    public func deliveries(dueIn window: Range<Instant>) -> [Delivery] {
        deliveries(dueIn: window, sorted: true)
    }

    func deliveries(dueIn window: Range<Instant>, sorted: Bool) -> [Delivery] {
        let tasks = taskDeliveries(dueIn: window)
        guard !configuration.channels.isEmpty else {
            let journal = reminders(dueIn: window, sorted: false).map { Delivery(reminder: $0) } + tasks
            return sorted ? journal.sorted() : journal
        }
        var result: [Delivery] = tasks
        var seen = Set<DeliveryKey>(tasks.map(\.key))
        let planned = widened(window)
        for lead in distinctLeads {
            // A channel's all-day due time differs from the journal's by the zones' offsets and the notify_at
            // times: less than three days either way.
            for occurrence in occurrences(in: Self.days(reminded: lead, dueIn: planned, margin: 4), remindedWith: lead) {
                let channels = configuration.channels(for: occurrence)
                for reminder in occurrence.reminders where reminder.lead == lead {
                    let scheduled = ScheduledReminder(occurrence: occurrence, reminder: reminder)
                    if window.contains(reminder.due), seen.insert(DeliveryKey(reminder: scheduled.key)).inserted {
                        result.append(Delivery(reminder: scheduled))
                    }
                    for channel in channels {
                        let (due, move) = Self.channelDue(
                            lead: lead, of: occurrence, for: channel, plannedDue: reminder.plannedDue)
                        guard window.contains(due) else { continue }
                        let delivery = Delivery(reminder: scheduled, recipient: .channel(channel.id), due: due, moved: move)
                        if seen.insert(delivery.key).inserted { result.append(delivery) }
                    }
                }
            }
        }
        return sorted ? result.sorted() : result
    }

    /// When a reminder is due for a channel: the same instant as the journal's for a timed occurrence; for an
    /// all-day one, the channel's `notify_at` in the channel's zone on the day `lead` before the occurrence.
    public static func due(lead: Span, of occurrence: Occurrence, for channel: ChannelSettings, journalDue: Instant) -> Instant {
        guard occurrence.isAllDay else { return journalDue }
        return lead.before(LocalDateTime(date: occurrence.start.date, time: channel.notifyAt), in: channel.zone)
    }

    /// ``due(lead:of:for:journalDue:)`` moved off the channel's closed days (its `workdays` and `holidays`, or the
    /// office's) by the occurrence's `on_closed_day`. `plannedDue` is the journal's due time before the office's move.
    public static func channelDue(
        lead: Span, of occurrence: Occurrence, for channel: ChannelSettings, plannedDue: Instant
    ) -> (due: Instant, move: ReminderMove?) {
        let planned = due(lead: lead, of: occurrence, for: channel, journalDue: plannedDue)
        return channel.workingDays.move(
            planned, rule: occurrence.onClosedDay, zone: channel.zone, notifyAt: channel.notifyAt,
            deadline: occurrence.startInstant)
    }

    /// The first delivery due in `window`, for a status that looks past the plan.
    ///
    /// Deliveries are ordered by due time first, so the first one lies in the earliest stretch of the window that has
    /// any: the stretches double from a day, and the search stops at the first that is not empty. Planning a stretch
    /// costs about its length, so finding a delivery a week ahead costs two weeks of planning, not the whole year of a
    /// jubilee's lead; and the least is picked without sorting the rest.
    public func firstDelivery(dueIn window: Range<Instant>) -> Delivery? {
        var start = window.lowerBound
        var width: Int64 = 86_400
        while start < window.upperBound {
            let end = window.upperBound.secondsSinceEpoch - start.secondsSinceEpoch <= width
                ? window.upperBound : start.adding(seconds: width)
            if let first = deliveries(dueIn: start..<end, sorted: false).min() { return first }
            start = end
            width *= 2
        }
        return nil
    }
}
