import Synchronization

/// Renders partnerd's iCalendar feeds from a configuration (RFC 5545, with the calendar properties of
/// RFC 7986).
///
/// Pure: the revision table and `now` are arguments, so the daemon (which keeps the table in its state
/// directory) and `partnerctl export` (which reads it when it can) produce the same bytes for the same
/// config on the same day. Anniversaries appear one per year from one year before today to `feed.horizon`
/// ahead; events appear once each, with their recurrence as configured.
public struct FeedRenderer: Sendable {
    public let configuration: Configuration
    private let planner: Planner

    /// A renderer for one configuration; it holds the planner, so render it as often as `now` requires.
    public init(configuration: Configuration) {
        self.configuration = configuration
        planner = Planner(configuration: configuration)
    }

    /// Renders every feed: the public calendar, one per public partnership, and the variants with private
    /// items (the calendar and one per partnership); returns them with the updated revision table.
    /// With `only`, renders that one feed (what `partnerctl export` prints), byte for byte the same.
    public func render(revisions: FeedRevisionTable, now: Instant, only: FeedKey? = nil) -> FeedRendering {
        render(revisions: revisions, now: now, only: only, flush: nil, deferringPartnerships: false)
    }

    /// Renders the two calendars of all partnerships now and leaves the per-partnership feeds to
    /// ``RenderedFeeds/feed(_:)``, which renders each when it is first asked for, byte for byte what
    /// `render(revisions:now:only:)` holds for it. The revision table covers every feed either way. For the daemon:
    /// of ten thousand partnership feeds few are asked for between two renderings.
    public func renderDeferringPartnerships(revisions: FeedRevisionTable, now: Instant) -> FeedRendering {
        render(revisions: revisions, now: now, only: nil, flush: nil, deferringPartnerships: true)
    }

    /// Writes the one feed `key` while it is rendered, in blocks of about 64 KiB: byte for byte what
    /// `render(revisions:now:only:)` holds for it, without holding it (`partnerctl export`). Returns whether the feed
    /// exists; when it does not, nothing is written.
    public func stream(_ key: FeedKey, revisions: FeedRevisionTable, now: Instant, to output: ([UInt8]) -> Void) -> Bool
    {
        // The optional closure of the shared path counts as escaping; it is only called while rendering.
        withoutActuallyEscaping(output) { output in
            render(revisions: revisions, now: now, only: key, flush: output, deferringPartnerships: false).feeds[key]
                != nil
        }
    }

    private func render(
        revisions: FeedRevisionTable, now: Instant, only: FeedKey?, flush: (([UInt8]) -> Void)?,
        deferringPartnerships: Bool
    ) -> FeedRendering {
        let window = anniversaryWindow(now: now)
        let components = self.components(anniversaryWindow: window)
        // The partners' public holidays go in each partnership's own feed only: the feed of every partnership would
        // show the same national days many times over.
        let holidays = configuration.partnerships.flatMap { holidayComponents(of: $0, in: window) }
        var table = revisions
        for component in components + holidays {
            _ = table.record(
                uid: component.uid, schedule: component.scheduleFingerprint, content: component.contentFingerprint,
                at: now)
        }
        // Every component of this rendering now has its entry in the table.
        let revisionByUID = table.revisions
        let windowRange = self.windowRange(window)

        var feeds: [FeedKey: RenderedFeed] = [:]
        var timeZones = TimeZoneBlocks()
        func add(_ key: FeedKey, name: String, _ members: @autoclosure () -> [EventComponent]) {
            guard only == nil || only == key else { return }
            feeds[key] = RenderedFeed(
                bytes: calendar(
                    name: name, components: members(), revisions: revisionByUID, windowRange: windowRange,
                    timeZones: &timeZones, flush: flush))
        }
        /// The public feed (`nil` for a private partnership) and the one with private items. When nothing is
        /// private the two are the same bytes: rendered once, held once.
        func addBoth(_ publicKey: FeedKey?, _ privateKey: FeedKey, name: String, _ members: [EventComponent]) {
            let publicMembers = members.filter { !$0.isPrivate }
            if let publicKey, only == nil, publicMembers.count == members.count {
                let feed = RenderedFeed(
                    bytes: calendar(
                        name: name, components: members, revisions: revisionByUID, windowRange: windowRange,
                        timeZones: &timeZones, flush: flush))
                feeds[publicKey] = feed
                feeds[privateKey] = feed
                return
            }
            if let publicKey { add(publicKey, name: name, publicMembers) }
            add(privateKey, name: name, members)
        }
        let name = configuration.feed.name
        addBoth(.publicCalendar, FeedKey(includesPrivate: true), name: name, components)
        var deferred: DeferredPartnershipFeeds?
        if deferringPartnerships {
            deferred = DeferredPartnershipFeeds(
                renderer: self, revisions: revisionByUID, window: window, timeZones: timeZones)
        } else {
            let byPartnership = Dictionary(grouping: components + holidays, by: \.partnership)
            for partnership in configuration.partnerships {
                addBoth(
                    partnership.isPrivate ? nil : FeedKey(partnership: partnership.id),
                    FeedKey(partnership: partnership.id, includesPrivate: true),
                    name: partnershipFeedName(partnership), byPartnership[partnership.id] ?? [])
            }
        }
        let daemonZone = configuration.daemon.zone
        let directory =
            only == nil
            ? SubscribeDirectory(configuration: configuration, today: daemonZone.localDateTime(at: now).date) : nil
        var rendered = RenderedFeeds(
            feeds: feeds, accessToken: configuration.feed.token, renderedAt: now, directory: directory)
        rendered.deferred = deferred
        return FeedRendering(feeds: rendered, revisions: table)
    }

    /// The instants of the anniversary window's days in the daemon's zone: what every feed's VTIMEZONEs cover at least.
    private func windowRange(_ window: ClosedRange<LocalDate>) -> ClosedRange<Instant> {
        let daemonZone = configuration.daemon.zone
        return daemonZone.startOfDay(window.lowerBound)...daemonZone.startOfDay(window.upperBound.adding(days: 1))
    }

    private func partnershipFeedName(_ partnership: Partnership) -> String {
        "\(configuration.feed.name): \(partnership.city) – \(partnership.partner)"
    }

    /// One partnership's feed, public (`includesPrivate` false: its public items; `nil` for a private partnership)
    /// or with its private items, exactly as an eager rendering makes it.
    fileprivate func partnershipFeed(
        _ partnership: Partnership, includesPrivate: Bool, revisions: [String: FeedRevisionTable.Revision],
        window: ClosedRange<LocalDate>, timeZones: inout TimeZoneBlocks
    ) -> RenderedFeed? {
        if partnership.isPrivate && !includesPrivate { return nil }
        var members = planner.anniversaries(of: partnership, in: window).map {
            anniversaryComponent($0, partner: partnership.partner)
        }
        members += partnership.events.map { eventComponent($0, in: partnership) }
        members += holidayComponents(of: partnership, in: window)
        if !includesPrivate { members = members.filter { !$0.isPrivate } }
        return RenderedFeed(
            bytes: calendar(
                name: partnershipFeedName(partnership), components: members, revisions: revisions,
                windowRange: windowRange(window), timeZones: &timeZones))
    }

    /// VTIMEZONE blocks already written in this rendering: per-partnership feeds mostly repeat the same few, and
    /// making one means walking the zone's transitions and finding its yearly rule.
    struct TimeZoneBlocks: Sendable {
        private var written: [String: [UInt8]] = [:]

        mutating func write(_ zone: Zone, covering range: ClosedRange<Instant>, into writer: inout ICalendarWriter) {
            let key = Self.key(zone, covering: range)
            if let bytes = written[key] {
                writer.append(bytes)
                return
            }
            var block = ICalendarWriter()
            TimeZoneDefinition(zone: zone, covering: range).write(into: &block)
            // Kept for the rest of the rendering: at its size, not the writer's 16 KiB reserve.
            let bytes = Array(block.bytes)
            written[key] = bytes
            writer.append(bytes)
        }

        /// What a ``TimeZoneDefinition`` depends on besides the zone: which transition is in force at the start of
        /// the range (for none, the year it starts in) and how many transitions come before its end. Ranges of
        /// different feeds that agree on these give the same block, whatever their exact instants.
        static func key(_ zone: Zone, covering range: ClosedRange<Instant>) -> String {
            let transitions = zone.transitions
            let lower = range.lowerBound.secondsSinceEpoch
            let upper = range.upperBound.secondsSinceEpoch
            let startsAfter = partition(transitions) { $0 <= lower }
            let endsAfter = partition(transitions) { $0 <= upper }
            let year = startsAfter == 0 ? Zone.utc.localDateTime(at: range.lowerBound).date.year : 0
            return "\(zone.identifier) \(startsAfter) \(endsAfter) \(year)"
        }

        /// How many leading elements of the ascending `values` satisfy `isBefore`.
        private static func partition(_ values: [Int64], _ isBefore: (Int64) -> Bool) -> Int {
            var low = 0
            var high = values.count
            while low < high {
                let middle = (low + high) / 2
                if isBefore(values[middle]) { low = middle + 1 } else { high = middle }
            }
            return low
        }
    }

    /// The days whose anniversaries the feed lists: one year back from today (in the daemon's zone) to
    /// `feed.horizon` ahead (SPEC.md, `[feed]`).
    public func anniversaryWindow(now: Instant) -> ClosedRange<LocalDate> {
        let today = configuration.daemon.zone.localDateTime(at: now).date
        let horizon = configuration.feed.horizon
        let last = today.adding(months: horizon.months).adding(days: horizon.days + Int(horizon.seconds / 86_400))
        return today.adding(months: -12)...max(today, last)
    }

    /// The instant today began in `zone`: the `now` under which `partnerctl export` renders, so that its
    /// output (and any `DTSTAMP` the revision table does not know yet) is the same all day.
    public static func startOfDay(at now: Instant, in zone: Zone) -> Instant {
        zone.startOfDay(zone.localDateTime(at: now).date)
    }

    // MARK: - The calendar

    private func calendar(
        name: String, components: [EventComponent], revisions: [String: FeedRevisionTable.Revision],
        windowRange: ClosedRange<Instant>, timeZones: inout TimeZoneBlocks, flush: (([UInt8]) -> Void)? = nil
    ) -> [UInt8] {
        var writer = ICalendarWriter()
        writer.begin("VCALENDAR")
        writer.write(ContentLine("VERSION", "2.0"))
        writer.write(
            ContentLine(
                "PRODID",
                "-//partnerd//partnerd \(PartnerdVersion.current)//\(configuration.daemon.language.rawValue.uppercased())"
            ))
        writer.write(ContentLine("CALSCALE", "GREGORIAN"))
        writer.write(ContentLine("NAME", ICalendarText.escaped(name)))
        writer.write(ContentLine("X-WR-CALNAME", ICalendarText.escaped(name)))
        // No X-WR-TIMEZONE: every time carries its own TZID, and readers that honour X-WR-TIMEZONE move even
        // those into it (recurring-ical-events shows a TZID=UTC start in the X-WR-TIMEZONE zone).
        let refresh = ICalendarValue.duration(configuration.feed.refresh)
        writer.write(ContentLine("REFRESH-INTERVAL", [.init(name: "VALUE", value: "DURATION")], refresh))
        writer.write(ContentLine("X-PUBLISHED-TTL", refresh))

        var lower = windowRange.lowerBound
        var upper = windowRange.upperBound
        var zones: [String: Zone] = [:]
        for component in components {
            lower = min(lower, component.coveredRange.lowerBound)
            upper = max(upper, component.coveredRange.upperBound)
            for zone in component.zones { zones[zone.identifier] = zone }
        }
        for identifier in zones.keys.sorted() {
            guard let zone = zones[identifier] else { continue }
            timeZones.write(zone, covering: lower...upper, into: &writer)
        }
        let ordered = components.sorted { ($0.firstStart, $0.uid) < ($1.firstStart, $1.uid) }
        for component in ordered {
            guard let revision = revisions[component.uid] else { continue }
            component.write(into: &writer, revision: revision)
            if let flush, writer.bytes.count >= 1 << 16 { flush(writer.takeBytes()) }
        }
        writer.end("VCALENDAR")
        // Held until the next rendering: at its size, not with the writer's spare capacity.
        guard let flush else { return Array(writer.bytes) }
        flush(writer.takeBytes())
        return []
    }

    // MARK: - Components

    /// Every VEVENT of the configuration, private ones included.
    func components(anniversaryWindow window: ClosedRange<LocalDate>) -> [EventComponent] {
        var result: [EventComponent] = []
        // Only the anniversaries: events appear once each with their rules, so planning their dates is not needed.
        let anniversaries = configuration.partnerships.flatMap { planner.anniversaries(of: $0, in: window) }
        let partners = Dictionary(
            configuration.partnerships.map { ($0.id, $0.partner) }, uniquingKeysWith: { first, _ in first })
        result += anniversaries.map {
            anniversaryComponent($0, partner: partners[$0.partnership] ?? $0.partnership.rawValue)
        }
        for partnership in configuration.partnerships {
            for event in partnership.events {
                result.append(eventComponent(event, in: partnership))
            }
        }
        return result
    }

    private func anniversaryComponent(_ occurrence: Occurrence, partner: String) -> EventComponent {
        let descriptive = Self.anniversaryProperties(occurrence, partner: partner, texts: planner.texts)
        let alarms =
            configuration.feed.alarms
            ? occurrence.reminders.map { absoluteAlarm($0, title: occurrence.title) } : []
        return EventComponent(
            uid: occurrence.uid, partnership: occurrence.partnership, isPrivate: occurrence.isPrivate,
            firstStart: occurrence.startInstant, coveredRange: occurrence.startInstant...occurrence.endInstant,
            zones: [],
            scheduleLines: [
                Self.dateLine("DTSTART", occurrence.start.date),
                Self.dateLine("DTEND", occurrence.lastDay.adding(days: 1)),
            ],
            descriptiveLines: descriptive, alarms: alarms)
    }

    /// `feed.partner_holidays`: the partner's public holidays in the window, each an all-day, transparent VEVENT
    /// titled in the feed's language (`Feiertag in Brüssel: Nationalfeiertag`) with a category of its own, so that a
    /// client can hide them. The UID names the region, the holiday and the day, so it is stable across renderings.
    func holidayComponents(of partnership: Partnership, in window: ClosedRange<LocalDate>) -> [EventComponent] {
        guard configuration.feed.partnerHolidays else { return [] }
        let texts = planner.texts
        var result: [EventComponent] = []
        for region in partnership.holidays {
            guard let country = HolidayData.country(region) else { continue }
            let years = window.lowerBound.year...window.upperBound.year
            for holiday in country.holidays(years: years, subdivision: region.subdivision)
            where window.contains(holiday.date) {
                let name = holiday.names[texts.language.rawValue] ?? holiday.name(in: country.language)
                let uid =
                    "holiday-\(region.description.lowercased())-\(holiday.id)\(holiday.isSubstitute ? "-substitute" : "")-"
                    + "\(holiday.date.basicFormat).\(partnership.id)@partnerd"
                var lines = [
                    ContentLine(
                        "SUMMARY",
                        ICalendarText.escaped(
                            texts.partnerHolidayTitle(city: partnership.partner, holiday: name, substitute: holiday.isSubstitute))),
                    ContentLine("CATEGORIES", ICalendarText.escapedList([texts.holidayCategory])),
                    ContentLine("TRANSP", "TRANSPARENT"),
                ]
                if partnership.isPrivate { lines.append(ContentLine("CLASS", "PRIVATE")) }
                let start = partnership.zone.startOfDay(holiday.date)
                let end = partnership.zone.startOfDay(holiday.date.adding(days: 1))
                result.append(
                    EventComponent(
                        uid: uid, partnership: partnership.id, isPrivate: partnership.isPrivate, firstStart: start,
                        coveredRange: start...end, zones: [],
                        scheduleLines: [
                            Self.dateLine("DTSTART", holiday.date), Self.dateLine("DTEND", holiday.date.adding(days: 1)),
                        ],
                        descriptiveLines: lines, alarms: []))
            }
        }
        return result
    }

    private func eventComponent(_ event: Event, in partnership: Partnership) -> EventComponent {
        let zone = event.zone
        let start = event.start.wallTime
        let startInstant = zone.instant(for: start)
        var schedule: [ContentLine] = []
        var endInstant = startInstant
        switch event.start {
        case .date(let date):
            schedule.append(Self.dateLine("DTSTART", date))
        case .dateTime(let dateTime):
            schedule.append(Self.dateTimeLine("DTSTART", [dateTime], zone: zone))
        }
        switch event.length {
        case .days(let count):
            let end = start.date.adding(days: max(1, count))
            schedule.append(Self.dateLine("DTEND", end))
            endInstant = zone.startOfDay(end)
        case .exact(let seconds):
            endInstant = startInstant.adding(seconds: seconds)
            // Without DTEND a timed event ends when it starts (RFC 5545 §3.6.1); a DTEND equal to DTSTART
            // would break §3.8.2.2 ("later in time").
            if seconds > 0 {
                schedule.append(Self.dateTimeLine("DTEND", [zone.localDateTime(at: endInstant)], zone: zone))
            }
        case .span(let span):
            endInstant = span.after(start, in: zone)
            if span.months == 0 {
                // Nominal days and exact hours, exactly as RFC 5545 §3.3.6 reads DURATION.
                schedule.append(
                    ContentLine("DURATION", ICalendarValue.duration(days: span.days, seconds: span.seconds)))
            } else {
                schedule.append(Self.dateTimeLine("DTEND", [zone.localDateTime(at: endInstant)], zone: zone))
            }
        }
        if let rule = event.rule {
            // UNTIL must have DTSTART's type (RFC 5545 §3.3.10); the writer converts one given otherwise.
            schedule.append(ContentLine("RRULE", ICalendarText.verbatim(rule.text(for: event.start, in: zone))))
        }
        schedule += Self.dateListLines("RDATE", event.recurrenceDates, zone: zone)
        schedule += Self.dateListLines("EXDATE", event.exceptionDates, zone: zone)

        let isPrivate = partnership.isPrivate || event.isPrivate
        let descriptive = Self.eventProperties(event, isPrivate: isPrivate)

        var alarms: [[ContentLine]] = []
        if configuration.feed.alarms {
            let leads = event.remind ?? configuration.reminders.events
            // A calendar's alarm rings on whatever device its reader carries: it stays `lead` before the start, and
            // only the office's and the channels' reminders move off closed days.
            let reminders = planner.reminders(
                leads, start: start, isAllDay: event.start.isAllDay, zone: zone, startInstant: startInstant, rule: .keep)
            let repeats = event.rule != nil || !event.recurrenceDates.isEmpty
            alarms = reminders.map {
                repeats
                    ? relativeAlarm($0, title: event.title, start: start, zone: zone)
                    : absoluteAlarm($0, title: event.title)
            }
        }

        let named =
            [startInstant, endInstant]
            + (event.recurrenceDates + event.exceptionDates).map { zone.instant(for: $0.wallTime) }
        let lower = named.min() ?? startInstant
        let upper = named.max() ?? endInstant
        return EventComponent(
            uid: Planner.eventUID(partnership.id, event.id), partnership: partnership.id, isPrivate: isPrivate,
            firstStart: startInstant, coveredRange: lower...upper, zones: event.start.isAllDay ? [] : [zone],
            scheduleLines: schedule, descriptiveLines: descriptive, alarms: alarms)
    }

    // MARK: - What a VEVENT says besides its schedule (shared with the mail's calendar part)

    /// SUMMARY, LOCATION, DESCRIPTION, URL and CLASS of an event's VEVENT.
    static func eventProperties(_ event: Event, isPrivate: Bool) -> [ContentLine] {
        var lines = [ContentLine("SUMMARY", ICalendarText.escaped(event.title))]
        if let location = event.location, !location.isEmpty {
            lines.append(ContentLine("LOCATION", ICalendarText.escaped(location)))
        }
        if let description = event.description, !description.isEmpty {
            lines.append(ContentLine("DESCRIPTION", ICalendarText.escaped(description)))
        }
        if let url = event.url, !url.isEmpty {
            lines.append(ContentLine("URL", ICalendarText.verbatim(url)))
        }
        if isPrivate { lines.append(ContentLine("CLASS", "PRIVATE")) }
        return lines
    }

    /// SUMMARY, DESCRIPTION, CATEGORIES, TRANSP and CLASS of an anniversary's VEVENT, in the language of `texts`.
    static func anniversaryProperties(_ occurrence: Occurrence, partner: String, texts: Texts) -> [ContentLine] {
        var categories = [texts.anniversaryCategory]
        if occurrence.kind == .jubilee { categories.append(texts.jubileeCategory) }
        let summary = texts.calendarTitle(
            number: occurrence.anniversary ?? 0, partner: partner, isJubilee: occurrence.kind == .jubilee)
        var lines = [
            ContentLine("SUMMARY", ICalendarText.escaped(summary)),
            ContentLine("DESCRIPTION", ICalendarText.escaped(occurrence.title)),
            ContentLine("CATEGORIES", ICalendarText.escapedList(categories)),
            ContentLine("TRANSP", "TRANSPARENT"),
        ]
        if occurrence.isPrivate { lines.append(ContentLine("CLASS", "PRIVATE")) }
        return lines
    }

    // MARK: - Alarms

    /// A `VALARM` at the reminder's due instant (RFC 5545 §3.8.6.3, `TRIGGER;VALUE=DATE-TIME` in UTC): exact,
    /// for events that happen once.
    private func absoluteAlarm(_ reminder: Reminder, title: String) -> [ContentLine] {
        [
            ContentLine("ACTION", "DISPLAY"),
            ContentLine("DESCRIPTION", ICalendarText.escaped("\(planner.texts.leadPhrase(reminder.lead)): \(title)")),
            ContentLine("TRIGGER", [.init(name: "VALUE", value: "DATE-TIME")], reminder.due.basicUTCFormat),
        ]
    }

    /// A `VALARM` relative to each instance's start, for recurring events: the distance from the first
    /// occurrence's start to its reminder, in nominal days and exact hours. Leads in months are approximated
    /// by the first occurrence's distance, as RFC 5545 durations have no months.
    private func relativeAlarm(_ reminder: Reminder, title: String, start: LocalDateTime, zone: Zone) -> [ContentLine] {
        let dueWall = zone.localDateTime(at: reminder.due)
        let distance = start.wallSeconds - dueWall.wallSeconds
        let magnitude = distance.magnitude
        let trigger = ICalendarValue.duration(
            negative: distance > 0, days: Int(magnitude / 86_400), seconds: Int64(magnitude % 86_400))
        return [
            ContentLine("ACTION", "DISPLAY"),
            ContentLine("DESCRIPTION", ICalendarText.escaped("\(planner.texts.leadPhrase(reminder.lead)): \(title)")),
            ContentLine("TRIGGER", trigger),
        ]
    }

    // MARK: - Date values

    /// `NAME;VALUE=DATE:20221126` (RFC 5545 §3.3.4).
    static func dateLine(_ name: String, _ date: LocalDate) -> ContentLine {
        ContentLine(name, [.init(name: "VALUE", value: "DATE")], date.basicFormat)
    }

    /// `NAME;TZID=Europe/Berlin:20221126T100000[,…]` (RFC 5545 §3.3.5, form 3).
    static func dateTimeLine(_ name: String, _ values: [LocalDateTime], zone: Zone) -> ContentLine {
        ContentLine(
            name, [.init(name: "TZID", value: zone.identifier)], values.map(\.basicFormat).joined(separator: ","))
    }

    /// RDATE or EXDATE lines: one for the dates, one for the date-times (the config keeps each list to
    /// DTSTART's type, so in practice there is one line), values sorted.
    static func dateListLines(_ name: String, _ values: [Event.Start], zone: Zone) -> [ContentLine] {
        var dates: [LocalDate] = []
        var dateTimes: [LocalDateTime] = []
        for value in values {
            switch value {
            case .date(let date): dates.append(date)
            case .dateTime(let dateTime): dateTimes.append(dateTime)
            }
        }
        var lines: [ContentLine] = []
        if !dates.isEmpty {
            let text = Array(Set(dates)).sorted().map(\.basicFormat).joined(separator: ",")
            lines.append(ContentLine(name, [.init(name: "VALUE", value: "DATE")], text))
        }
        if !dateTimes.isEmpty {
            lines.append(dateTimeLine(name, Array(Set(dateTimes)).sorted(), zone: zone))
        }
        return lines
    }
}

/// The per-partnership feeds of a rendering that left them for later (``FeedRenderer/renderDeferringPartnerships(revisions:now:)``):
/// everything needed to render any of them as the rendering would have, and nothing rendered yet.
public final class DeferredPartnershipFeeds: Sendable {
    private let renderer: FeedRenderer
    private let revisions: [String: FeedRevisionTable.Revision]
    private let window: ClosedRange<LocalDate>
    private let partnerships: [PartnershipID: Partnership]
    /// The VTIMEZONE blocks made so far, shared by the feeds rendered later.
    private let timeZones: Mutex<FeedRenderer.TimeZoneBlocks>

    init(
        renderer: FeedRenderer, revisions: [String: FeedRevisionTable.Revision], window: ClosedRange<LocalDate>,
        timeZones: FeedRenderer.TimeZoneBlocks
    ) {
        self.renderer = renderer
        self.revisions = revisions
        self.window = window
        self.timeZones = Mutex(timeZones)
        partnerships = Dictionary(
            renderer.configuration.partnerships.map { ($0.id, $0) }, uniquingKeysWith: { first, _ in first })
    }

    /// The feed of `key`'s partnership; `nil` for the calendars of all partnerships, an unknown partnership, and
    /// the public feed of a private one.
    public func render(_ key: FeedKey) -> RenderedFeed? {
        guard let id = key.partnership, let partnership = partnerships[id] else { return nil }
        return timeZones.withLock { timeZones in
            renderer.partnershipFeed(
                partnership, includesPrivate: key.includesPrivate, revisions: revisions, window: window,
                timeZones: &timeZones)
        }
    }
}
