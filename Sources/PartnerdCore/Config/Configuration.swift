/// A complete, validated configuration: what the daemon runs on and what `partnerctl` reads.
///
/// Only ``ConfigurationLoader`` makes one, so every value here has passed validation.
public struct Configuration: Sendable {
    public var daemon: DaemonSettings
    public var feed: FeedSettings
    public var reminders: ReminderDefaults
    public var partnerships: [Partnership]
    /// `[[channel]]`: where reminders go besides the journal, in the order written.
    public var channels: [ChannelSettings] = []
    /// `[[route]]`: which reminders go to which channels.
    public var routes: [ChannelRoute] = []
    /// The main file first, then every included file in the order they were read.
    public var files: [String]

    public init(
        daemon: DaemonSettings, feed: FeedSettings, reminders: ReminderDefaults, partnerships: [Partnership],
        files: [String]
    ) {
        self.daemon = daemon
        self.feed = feed
        self.reminders = reminders
        self.partnerships = partnerships
        self.files = files
    }

    public func partnership(_ id: PartnershipID) -> Partnership? {
        partnerships.first { $0.id == id }
    }

    public var eventCount: Int { partnerships.reduce(0) { $0 + $1.events.count } }
    /// Every calendar the daemon fetches, in config order.
    public var calendarSources: [CalendarSource] { partnerships.flatMap(\.calendarSources) }

    public func channel(_ id: ChannelID) -> ChannelSettings? {
        channels.first { $0.id == id }
    }

    /// The channels an occurrence's reminders go to: those of every route that matches it, or
    /// `reminders.channels` when none does; each once, in the order of `[[channel]]`.
    public func channels(for occurrence: Occurrence) -> [ChannelSettings] {
        guard !channels.isEmpty else { return [] }
        var wanted = Set<ChannelID>()
        var matched = false
        for route in routes where route.matches(occurrence) {
            matched = true
            wanted.formUnion(route.channels)
        }
        if !matched { wanted = Set(reminders.channels) }
        return channels.filter { wanted.contains($0.id) }
    }
}

/// `[daemon]`.
public struct DaemonSettings: Sendable {
    public var zone: Zone
    public var language: Language
    /// When reminders for all-day occurrences fire, on the reminder's day.
    public var notifyAt: LocalTime
    /// How far back reminders missed during downtime are still delivered; zero means never.
    public var catchUp: Span
    public var stateDirectory: String?
    /// `daemon.timezone` is unset: ``zone`` is the system's, and a new `/etc/localtime` calls for a reload.
    public var followsSystemZone = false
    /// `daemon.workdays`, `daemon.holidays` and `[[closure]]`: when the office reads the journal, and the channels
    /// that set neither `workdays` nor `holidays`.
    public var workingDays = WorkingCalendar()

    public init(
        zone: Zone = .utc, language: Language = .de, notifyAt: LocalTime = LocalTime(secondsSinceMidnight: 9 * 3600),
        catchUp: Span = Span(text: "7d", months: 0, days: 7, seconds: 0), stateDirectory: String? = nil
    ) {
        self.zone = zone
        self.language = language
        self.notifyAt = notifyAt
        self.catchUp = catchUp
        self.stateDirectory = stateDirectory
    }
}

/// `[feed]`.
public struct FeedSettings: Sendable {
    /// `nil` when `listen = ""`: no HTTP server.
    public var listen: ListenAddress?
    public var directory: String?
    public var name: String
    public var refresh: Span
    public var horizon: Span
    public var token: String?
    public var alarms: Bool
    /// `feed.public_url`: where subscribers reach the feeds (behind nginx or a CDN), without a trailing slash;
    /// the subscribe page links there. `nil`: the page links to the host the request named.
    public var publicURL: String?
    /// `feed.metrics`: whether `/metrics` answers Prometheus's scrapes.
    public var metrics: Bool
    /// `feed.partner_holidays`: each partnership's feed shows the partner's public holidays.
    public var partnerHolidays = false

    public init(
        listen: ListenAddress? = ListenAddress(host: "127.0.0.1", port: 8080), directory: String? = nil,
        name: String = "Städtepartnerschaften", refresh: Span = Span(text: "12h", months: 0, days: 0, seconds: 43_200),
        horizon: Span = Span(text: "5y", months: 60, days: 0, seconds: 0), token: String? = nil, alarms: Bool = false,
        publicURL: String? = nil, metrics: Bool = true
    ) {
        self.publicURL = publicURL
        self.metrics = metrics
        self.listen = listen
        self.directory = directory
        self.name = name
        self.refresh = refresh
        self.horizon = horizon
        self.token = token
        self.alarms = alarms
    }
}

/// `[reminders]`: default lead times and which anniversaries are jubilees.
public struct ReminderDefaults: Sendable {
    public var events: [Span]
    public var anniversaries: [Span]
    public var jubilees: [Span]
    public var milestones: Set<Int>
    /// `reminders.channels`: the channels of every reminder that no `[[route]]` matches.
    public var channels: [ChannelID] = []
    /// `reminders.on_closed_day`: where a reminder due on a closed day of its recipient goes.
    public var onClosedDay: ClosedDayRule = .before

    public init(events: [Span], anniversaries: [Span], jubilees: [Span], milestones: Set<Int>) {
        self.events = events
        self.anniversaries = anniversaries
        self.jubilees = jubilees
        self.milestones = milestones
    }

    public static let standard: ReminderDefaults = {
        func spans(_ texts: [String]) -> [Span] { texts.compactMap { try? Span(parsing: $0) } }
        return ReminderDefaults(
            events: spans(["7d", "1d"]), anniversaries: spans(["30d", "1d"]),
            jubilees: spans(["1y", "6mo", "3mo", "30d", "1d"]),
            milestones: [1, 5, 10, 15, 20, 25, 30, 40, 50, 60, 70, 75, 80, 90, 100])
    }()
}
