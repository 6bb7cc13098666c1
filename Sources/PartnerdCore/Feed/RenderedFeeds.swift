/// One rendered iCalendar feed: its bytes and their strong entity tag.
public struct RenderedFeed: Sendable, Hashable {
    /// The `text/calendar` body: UTF-8, CRLF, folded (RFC 5545 §3.1).
    public let bytes: [UInt8]
    /// A strong entity tag (RFC 9110 §8.8.3): the quoted SHA-256 of the bytes, so equal bytes always get the
    /// same tag, across restarts and between the daemon and `partnerctl export`.
    public let entityTag: String

    public init(bytes: [UInt8]) {
        self.bytes = bytes
        entityTag = "\"" + SHA256.hexDigest(bytes) + "\""
    }
}

/// Every feed of one configuration on one day, rendered at once so that they are replaced together.
public struct RenderedFeeds: Sendable {
    /// The feeds by key: the public calendar, every public partnership, and the variants with private items.
    public var feeds: [FeedKey: RenderedFeed]
    /// `feed.token`: a request must carry it to get a feed with private items.
    public var accessToken: String?
    /// When they were rendered (the `now` the renderer was given).
    public var renderedAt: Instant
    /// What the subscribe pages list; `nil` when only one feed was rendered (`partnerctl export`).
    public var directory: SubscribeDirectory?
    /// The per-partnership feeds when they are rendered on demand (not in `feeds`).
    public var deferred: DeferredPartnershipFeeds?

    public init(
        feeds: [FeedKey: RenderedFeed], accessToken: String?, renderedAt: Instant, directory: SubscribeDirectory? = nil
    ) {
        self.feeds = feeds
        self.accessToken = accessToken
        self.renderedAt = renderedAt
        self.directory = directory
    }

    public subscript(key: FeedKey) -> RenderedFeed? { feeds[key] }

    /// The feed of `key`, rendered now when it was deferred; `nil` when there is none.
    public func feed(_ key: FeedKey) -> RenderedFeed? {
        feeds[key] ?? deferred?.render(key)
    }

    /// The feeds without private items, sorted by key: what `feed.directory` receives.
    public var publicFeeds: [(key: FeedKey, feed: RenderedFeed)] {
        feeds.filter { !$0.key.includesPrivate }.sorted { $0.key < $1.key }.map { (key: $0.key, feed: $0.value) }
    }
}

/// What one render produces: the feeds, and the revision table to keep for the next render.
public struct FeedRendering: Sendable {
    public var feeds: RenderedFeeds
    public var revisions: FeedRevisionTable

    public init(feeds: RenderedFeeds, revisions: FeedRevisionTable) {
        self.feeds = feeds
        self.revisions = revisions
    }
}
