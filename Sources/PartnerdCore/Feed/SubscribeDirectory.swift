/// What the subscribe pages show, made with each rendering of the feeds: the calendar's name and language, the
/// partnerships that have a feed, and the anniversaries and jubilees coming up.
///
/// Pure data: the server turns it into HTML for the host and token of each request, so the page never needs the
/// configuration and never renders occurrences in a request's path.
public struct SubscribeDirectory: Sendable, Hashable {
    /// A partnership with a feed of its own.
    public struct Partnership: Sendable, Hashable {
        public var id: PartnershipID
        /// `Berlin – Brüssel`.
        public var name: String
        /// Only a request with `feed.token` sees it.
        public var isPrivate: Bool
    }

    /// An anniversary or a jubilee ahead.
    public struct Upcoming: Sendable, Hashable {
        public var partnership: PartnershipID
        public var date: LocalDate
        /// The date as the page's language writes it.
        public var dateText: String
        /// The title as the feed's SUMMARY has it (`Brüssel: Jubiläum – 30 Jahre Städtepartnerschaft`).
        public var title: String
        public var isJubilee: Bool
        public var isPrivate: Bool
    }

    public var name: String
    public var language: Language
    public var partnerships: [Partnership]
    /// Soonest first: the anniversaries of the next year and the jubilees of the next five.
    public var upcoming: [Upcoming]
    /// Per partnership, for its own page: its next anniversary and its next jubilee within ten years.
    public var upcomingByPartnership: [PartnershipID: [Upcoming]]

    public init(
        name: String, language: Language, partnerships: [Partnership], upcoming: [Upcoming],
        upcomingByPartnership: [PartnershipID: [Upcoming]] = [:]
    ) {
        self.name = name
        self.language = language
        self.partnerships = partnerships
        self.upcoming = upcoming
        self.upcomingByPartnership = upcomingByPartnership
    }

    /// How many anniversaries the page lists, and how many jubilees beyond them.
    static let anniversaryLimit = 12
    static let jubileeLimit = 6

    /// The directory of `configuration` on `today` (in the daemon's zone).
    public init(configuration: Configuration, today: LocalDate) {
        let texts = Texts(language: configuration.daemon.language)
        let planner = Planner(configuration: configuration)
        var partners: [PartnershipID: Swift.String] = [:]
        var list: [Partnership] = []
        for partnership in configuration.partnerships {
            partners[partnership.id] = partnership.partner
            list.append(
                Partnership(
                    id: partnership.id, name: "\(partnership.city) – \(partnership.partner)",
                    isPrivate: partnership.isPrivate))
        }
        func item(_ occurrence: Occurrence) -> Upcoming {
            let isJubilee = occurrence.kind == .jubilee
            return Upcoming(
                partnership: occurrence.partnership, date: occurrence.start.date,
                dateText: texts.date(occurrence.start.date),
                title: texts.calendarTitle(
                    number: occurrence.anniversary ?? 0,
                    partner: partners[occurrence.partnership] ?? occurrence.partnership.rawValue, isJubilee: isJubilee),
                isJubilee: isJubilee, isPrivate: occurrence.isPrivate)
        }
        // Anniversaries only: the events' recurrences are not needed, which keeps a large registry cheap.
        func anniversaries(in days: ClosedRange<LocalDate>) -> [Occurrence] {
            configuration.partnerships.flatMap { planner.anniversaries(of: $0, in: days) }
                .sorted { ($0.start.date, $0.partnership) < ($1.start.date, $1.partnership) }
        }
        var upcoming = anniversaries(in: today...today.adding(days: 365)).prefix(Self.anniversaryLimit).map(item)
        let shown = Set(upcoming.map { "\($0.partnership)/\($0.date)" })
        let jubilees = anniversaries(in: today.adding(days: 1)...today.adding(days: 5 * 366))
            .filter { $0.kind == .jubilee && !shown.contains("\($0.partnership)/\($0.start.date)") }
        upcoming += jubilees.prefix(Self.jubileeLimit).map(item)
        upcoming.sort { ($0.date, $0.partnership) < ($1.date, $1.partnership) }
        var byPartnership: [PartnershipID: [Upcoming]] = [:]
        let decade = today...today.adding(days: 10 * 366)
        for partnership in configuration.partnerships {
            let ahead = planner.anniversaries(of: partnership, in: decade)
            var mine = ahead.prefix(1).map(item)
            if let jubilee = ahead.first(where: { $0.kind == .jubilee }), jubilee.start.date != ahead.first?.start.date {
                mine.append(item(jubilee))
            }
            if !mine.isEmpty { byPartnership[partnership.id] = mine }
        }
        self.init(
            name: configuration.feed.name, language: configuration.daemon.language, partnerships: list,
            upcoming: upcoming, upcomingByPartnership: byPartnership)
    }
}
