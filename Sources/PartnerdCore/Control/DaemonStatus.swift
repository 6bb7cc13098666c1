/// A snapshot of the running daemon, as `partnerctl status` shows it and `status --json` prints it.
///
/// All times are ISO 8601 with offset, written by the daemon. The type is plain data so that the daemon can fill it
/// from whatever it keeps and the client can render it without knowing how it was made.
public struct DaemonStatus: Sendable, Codable, Hashable {
    /// The config in force: the main file and every file it included, with when each was read.
    public struct ConfigurationState: Sendable, Codable, Hashable {
        /// One file of the config.
        public struct File: Sendable, Codable, Hashable {
            public var path: String
            /// When the daemon read this file for the config in force.
            public var loadedAt: String

            public init(path: String, loadedAt: String) {
                self.path = path
                self.loadedAt = loadedAt
            }

            enum CodingKeys: String, CodingKey {
                case path, loadedAt = "loaded_at"
            }
        }

        /// The main file, as given by `--config` or found by the lookup.
        public var path: String
        /// The main file first, then the included ones in the order read.
        public var files: [File]

        public init(path: String, files: [File]) {
            self.path = path
            self.files = files
        }

        /// Every file of `configuration`, all read at `loadedAt`.
        public init(path: String, configuration: Configuration, loadedAt: String) {
            self.init(path: path, files: configuration.files.map { File(path: $0, loadedAt: loadedAt) })
        }
    }

    /// The daemon's version (`partnerd --version`).
    public var version: String
    public var pid: Int
    /// When the daemon started.
    public var runningSince: String
    public var configuration: ConfigurationState
    /// The last reload since start, `nil` when there was none.
    public var lastReload: ReloadOutcome?
    /// Partnerships in the config in force.
    public var partnerships: Int
    /// Events in the config in force, over all partnerships.
    public var events: Int
    /// The next reminders to fire, soonest first.
    public var nextReminders: [ReminderStatus]
    /// The last reminders delivered, most recent first.
    public var lastDelivered: [DeliveredReminderStatus]
    public var feed: FeedStatus
    /// Where the ledger of delivered reminders is kept.
    public var stateDirectory: String
    /// The control socket this status came through.
    public var socket: String
    /// Where the daemon logs: `journald` or `stderr` (after `auto` was decided).
    public var logTarget: String
    /// `daemon.language`.
    public var language: Language
    /// `daemon.timezone`, an IANA zone.
    public var timezone: String
    /// Each `[[channel]]` of the config in force, in config order.
    public var channels: [ChannelStatus] = []
    /// Each fetched calendar (`[[partnership.calendar]]` with a `url`), in config order.
    public var calendars: [CalendarStatus] = []
    /// Task items of the config in force by state; `nil` when it has no tasks.
    public var tasks: TaskCounts?

    public init(
        version: String, pid: Int, runningSince: String, configuration: ConfigurationState, lastReload: ReloadOutcome?,
        partnerships: Int, events: Int, nextReminders: [ReminderStatus], lastDelivered: [DeliveredReminderStatus],
        feed: FeedStatus, stateDirectory: String, socket: String, logTarget: String, language: Language,
        timezone: String
    ) {
        self.version = version
        self.pid = pid
        self.runningSince = runningSince
        self.configuration = configuration
        self.lastReload = lastReload
        self.partnerships = partnerships
        self.events = events
        self.nextReminders = nextReminders
        self.lastDelivered = lastDelivered
        self.feed = feed
        self.stateDirectory = stateDirectory
        self.socket = socket
        self.logTarget = logTarget
        self.language = language
        self.timezone = timezone
    }

    enum CodingKeys: String, CodingKey {
        case version, pid, runningSince = "running_since", configuration, lastReload = "last_reload", partnerships,
            events, nextReminders = "next_reminders", lastDelivered = "last_delivered", feed,
            stateDirectory = "state_directory", socket, logTarget = "log_target", language, timezone, channels, calendars, tasks
    }

    public init(from decoder: any Decoder) throws {
        let container = try decoder.container(keyedBy: CodingKeys.self)
        version = try container.decode(String.self, forKey: .version)
        pid = try container.decode(Int.self, forKey: .pid)
        runningSince = try container.decode(String.self, forKey: .runningSince)
        configuration = try container.decode(ConfigurationState.self, forKey: .configuration)
        lastReload = try container.decodeIfPresent(ReloadOutcome.self, forKey: .lastReload)
        partnerships = try container.decode(Int.self, forKey: .partnerships)
        events = try container.decode(Int.self, forKey: .events)
        nextReminders = try container.decode([ReminderStatus].self, forKey: .nextReminders)
        lastDelivered = try container.decode([DeliveredReminderStatus].self, forKey: .lastDelivered)
        feed = try container.decode(FeedStatus.self, forKey: .feed)
        stateDirectory = try container.decode(String.self, forKey: .stateDirectory)
        socket = try container.decode(String.self, forKey: .socket)
        logTarget = try container.decode(String.self, forKey: .logTarget)
        language = try container.decode(Language.self, forKey: .language)
        timezone = try container.decode(String.self, forKey: .timezone)
        // A daemon older than channels sends none.
        channels = try container.decodeIfPresent([ChannelStatus].self, forKey: .channels) ?? []
        calendars = try container.decodeIfPresent([CalendarStatus].self, forKey: .calendars) ?? []
        tasks = try container.decodeIfPresent(TaskCounts.self, forKey: .tasks)
    }

    /// Writes `last_reload` as `null` rather than leaving it out, so that scripts see every key every time.
    public func encode(to encoder: any Encoder) throws {
        var container = encoder.container(keyedBy: CodingKeys.self)
        try container.encode(version, forKey: .version)
        try container.encode(pid, forKey: .pid)
        try container.encode(runningSince, forKey: .runningSince)
        try container.encode(configuration, forKey: .configuration)
        try container.encode(lastReload, forKey: .lastReload)
        try container.encode(partnerships, forKey: .partnerships)
        try container.encode(events, forKey: .events)
        try container.encode(nextReminders, forKey: .nextReminders)
        try container.encode(lastDelivered, forKey: .lastDelivered)
        try container.encode(feed, forKey: .feed)
        try container.encode(stateDirectory, forKey: .stateDirectory)
        try container.encode(socket, forKey: .socket)
        try container.encode(logTarget, forKey: .logTarget)
        try container.encode(language, forKey: .language)
        try container.encode(timezone, forKey: .timezone)
        try container.encode(channels, forKey: .channels)
        try container.encode(calendars, forKey: .calendars)
        try container.encode(tasks, forKey: .tasks)
    }
}
