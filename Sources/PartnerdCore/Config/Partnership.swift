/// One town twinning (`[[partnership]]`) with its events.
public struct Partnership: Sendable, Identifiable {
    public enum Status: String, Sendable, CaseIterable {
        /// Anniversaries and events are planned.
        case active
        /// The partnership rests: no anniversaries, but its events are kept.
        case suspended
    }

    /// Where the anniversary of a 29 February signing falls in common years.
    public enum LeapDayRule: String, Sendable, CaseIterable {
        case feb28, mar1, skip
    }

    public var id: PartnershipID
    public var city: String
    public var partner: String
    public var partnerRegion: String?
    public var country: String
    /// `subdivision`: the partner's ISO 3166-2 subdivision without the country (`BE` of `DE-BE`).
    public var subdivision: String?
    /// The partner's public holidays: `holidays`, else `country` with `subdivision` where the data has them.
    public var holidays: [HolidayRegion] = []
    /// `on_closed_day`: overrides `reminders.on_closed_day` for this partnership's reminders.
    public var onClosedDay: ClosedDayRule?
    public var signed: LocalDate
    public var signedIn: String?
    public var zone: Zone
    public var networks: [String]
    public var topics: [String]
    public var status: Status
    public var leapDay: LeapDayRule
    public var isPrivate: Bool
    /// Overrides `reminders.anniversaries` (jubilees keep `reminders.jubilees`).
    public var remind: [Span]?
    public var events: [Event]
    /// `[[partnership.calendar]]` entries with a `url`: what the daemon fetches (their events are in ``events``).
    public var calendarSources: [CalendarSource] = []
    /// `[[partnership.task]]`: preparations of its occurrences, reminded until done.
    public var tasks: [TaskSettings] = []
    /// The file it was read from, for messages.
    public var file: String

    public init(
        id: PartnershipID, city: String, partner: String, partnerRegion: String? = nil, country: String,
        signed: LocalDate, signedIn: String? = nil, zone: Zone, networks: [String] = [], topics: [String] = [],
        status: Status = .active, leapDay: LeapDayRule = .feb28, isPrivate: Bool = false, remind: [Span]? = nil,
        events: [Event] = [], file: String = ""
    ) {
        self.id = id
        self.city = city
        self.partner = partner
        self.partnerRegion = partnerRegion
        self.country = country
        self.signed = signed
        self.signedIn = signedIn
        self.zone = zone
        self.networks = networks
        self.topics = topics
        self.status = status
        self.leapDay = leapDay
        self.isPrivate = isPrivate
        self.remind = remind
        self.events = events
        self.file = file
    }
}
