/// Where the daemon publishes its iCalendar feeds.
public struct FeedStatus: Sendable, Codable, Hashable {
    /// One subscribable feed.
    public struct Link: Sendable, Codable, Hashable {
        /// The partnership the feed is about; `nil` for `/calendar.ics`, which has them all.
        public var partnership: String?
        public var url: String

        public init(partnership: String?, url: String) {
            self.partnership = partnership
            self.url = url
        }

        public func encode(to encoder: any Encoder) throws {
            var container = encoder.container(keyedBy: CodingKeys.self)
            try container.encode(partnership, forKey: .partnership)
            try container.encode(url, forKey: .url)
        }

        enum CodingKeys: String, CodingKey { case partnership, url }
    }

    /// `feed.listen` (`HOST:PORT`), `nil` when it is `""` and no HTTP server runs.
    public var listen: String?
    /// The feeds: `/calendar.ics` first, then one per public partnership. Empty without an HTTP server.
    public var links: [Link]
    /// `feed.directory`, where the `.ics` files are also written, or `nil`.
    public var directory: String?
    /// Requests of the last 24 hours per kind of feed; empty without an HTTP server.
    public var activity: [FeedActivityStatus]

    public init(listen: String?, links: [Link], directory: String?, activity: [FeedActivityStatus] = []) {
        self.listen = listen
        self.links = links
        self.directory = directory
        self.activity = activity
    }

    /// The feeds of a config. Private partnerships are left out: their feed needs `feed.token`, which the status
    /// must not reveal.
    public init(_ feed: FeedSettings, partnerships: [Partnership]) {
        guard let listen = feed.listen else {
            self.init(listen: nil, links: [], directory: feed.directory)
            return
        }
        let base = "http://\(listen)"
        var links = [Link(partnership: nil, url: "\(base)/calendar.ics")]
        for partnership in partnerships where !partnership.isPrivate {
            links.append(Link(partnership: partnership.id.rawValue, url: "\(base)/partnerships/\(partnership.id.rawValue).ics"))
        }
        self.init(listen: listen.description, links: links, directory: feed.directory)
    }

    enum CodingKeys: String, CodingKey { case listen, links, directory, activity }

    public init(from decoder: any Decoder) throws {
        let container = try decoder.container(keyedBy: CodingKeys.self)
        listen = try container.decodeIfPresent(String.self, forKey: .listen)
        links = try container.decode([Link].self, forKey: .links)
        directory = try container.decodeIfPresent(String.self, forKey: .directory)
        // A daemon older than the activity counts sends none.
        activity = try container.decodeIfPresent([FeedActivityStatus].self, forKey: .activity) ?? []
    }

    public func encode(to encoder: any Encoder) throws {
        var container = encoder.container(keyedBy: CodingKeys.self)
        try container.encode(listen, forKey: .listen)
        try container.encode(links, forKey: .links)
        try container.encode(directory, forKey: .directory)
        // Only a daemon with an HTTP server counts requests; without one the key is left out, as older daemons do.
        if !activity.isEmpty { try container.encode(activity, forKey: .activity) }
    }
}
