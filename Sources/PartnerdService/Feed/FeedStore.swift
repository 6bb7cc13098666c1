import Foundation
import NIOCore
import Synchronization

/// The rendered feeds the server answers from, swapped as a whole when the plan changes.
///
/// Requests only read a snapshot (a reference under a lock held for a pointer copy), so a request never
/// renders, never touches a file and never sees half of an old render and half of a new one.
package final class FeedStore: Sendable {
    private let current = Mutex<FeedSnapshot?>(nil)

    package init() {}

    /// Replaces every feed at once. A feed whose bytes did not change keeps its `Last-Modified`; a changed or
    /// new one gets the render time (a restart therefore moves `Last-Modified`, which costs clients one
    /// full download, but can never make one keep a stale copy).
    /// - Parameter publicURL: `feed.public_url`, which the subscribe page links to.
    ///   - metrics: `feed.metrics`: whether `/metrics` answers.
    package func replace(with feeds: RenderedFeeds, publicURL: String? = nil, metrics: Bool = true) {
        let previous = snapshot
        let history = previous?.validators() ?? [:]
        var stored: [FeedKey: StoredFeed] = [:]
        // Feeds of the same bytes (a public feed and its private variant when nothing is private) share one buffer.
        var made: [String: StoredFeed] = [:]
        for (key, feed) in feeds.feeds {
            if let kept = previous?.feeds[key], kept.entityTag == feed.entityTag {
                stored[key] = kept
            } else if let earlier = history[key], earlier.entityTag == feed.entityTag {
                let new = StoredFeed(feed, lastModified: earlier.lastModified)
                made[feed.entityTag] = new
                stored[key] = new
            } else if let same = made[feed.entityTag] {
                stored[key] = same
            } else {
                let new = StoredFeed(feed, lastModified: feeds.renderedAt)
                made[feed.entityTag] = new
                stored[key] = new
            }
        }
        var next = FeedSnapshot(
            feeds: stored, accessToken: feeds.accessToken, directory: feeds.directory, publicURL: publicURL,
            metricsEnabled: metrics, renderedAt: feeds.renderedAt)
        if let deferred = feeds.deferred {
            next.onDemand = OnDemandFeeds(deferred, renderedAt: feeds.renderedAt, earlier: history)
        }
        current.withLock { $0 = next }
    }

    /// What requests are answered from; `nil` before the first render.
    var snapshot: FeedSnapshot? {
        current.withLock { $0 }
    }
}

/// One generation of feeds as the server holds them.
struct FeedSnapshot: Sendable {
    var feeds: [FeedKey: StoredFeed]
    var accessToken: String?
    /// What the subscribe pages list.
    var directory: SubscribeDirectory?
    /// `feed.public_url`.
    var publicURL: String?
    /// `feed.metrics`.
    var metricsEnabled: Bool
    var renderedAt: Instant
    /// Each feed's response heads, made on its first request of this generation.
    let heads = PreparedFeedHeads()
    /// The per-partnership feeds when they are rendered on their first request; `nil` when all are in `feeds`.
    var onDemand: OnDemandFeeds?

    init(
        feeds: [FeedKey: StoredFeed], accessToken: String?, directory: SubscribeDirectory? = nil,
        publicURL: String? = nil, metricsEnabled: Bool = true, renderedAt: Instant = Instant(secondsSinceEpoch: 0)
    ) {
        self.metricsEnabled = metricsEnabled
        self.feeds = feeds
        self.accessToken = accessToken
        self.directory = directory
        self.publicURL = publicURL
        self.renderedAt = renderedAt
    }
}

extension FeedSnapshot {
    /// The feed of `key`, rendered now if it is its first request in this generation; `nil` when there is none.
    func feed(_ key: FeedKey) -> StoredFeed? {
        feeds[key] ?? onDemand?.feed(key)
    }

    /// The validators of every feed this generation served or holds, and of those earlier ones served: where
    /// the next generation's feeds take their `Last-Modified` from when their bytes did not change.
    func validators() -> [FeedKey: FeedValidators] {
        var all = onDemand?.validators() ?? [:]
        for (key, feed) in feeds {
            all[key] = FeedValidators(entityTag: feed.entityTag, lastModified: feed.lastModified)
        }
        return all
    }
}

/// What a client may hold of a feed: its entity tag and `Last-Modified`.
struct FeedValidators: Sendable {
    var entityTag: String
    var lastModified: Instant
}

/// Per-partnership feeds rendered on their first request and kept until the next rendering.
final class OnDemandFeeds: Sendable {
    private let deferred: DeferredPartnershipFeeds
    private let renderedAt: Instant
    /// Validators of feeds served by earlier generations.
    private let earlier: [FeedKey: FeedValidators]
    private let made = Mutex<[FeedKey: StoredFeed]>([:])

    init(_ deferred: DeferredPartnershipFeeds, renderedAt: Instant, earlier: [FeedKey: FeedValidators]) {
        self.deferred = deferred
        self.renderedAt = renderedAt
        self.earlier = earlier
    }

    func feed(_ key: FeedKey) -> StoredFeed? {
        if let feed = made.withLock({ $0[key] }) { return feed }
        guard let rendered = deferred.render(key) else { return nil }
        // Unchanged bytes keep the Last-Modified clients saw; changed or new ones are as new as this rendering.
        let lastModified =
            earlier[key].flatMap { $0.entityTag == rendered.entityTag ? $0.lastModified : nil } ?? renderedAt
        let feed = StoredFeed(rendered, lastModified: lastModified)
        // Two first requests at once render twice; both answer with the one kept.
        return made.withLock { made in
            if let first = made[key] { return first }
            made[key] = feed
            return feed
        }
    }

    func validators() -> [FeedKey: FeedValidators] {
        var all = earlier
        for (key, feed) in made.withLock({ $0 }) {
            all[key] = FeedValidators(entityTag: feed.entityTag, lastModified: feed.lastModified)
        }
        return all
    }
}

/// A feed ready to send: the body as a shared buffer and the validators (RFC 9110 §8.8).
struct StoredFeed: Sendable {
    var body: ByteBuffer
    var entityTag: String
    var lastModified: Instant
    /// `Last-Modified` as an IMF-fixdate, computed once.
    var lastModifiedText: String

    init(_ feed: RenderedFeed, lastModified: Instant) {
        body = ByteBuffer(bytes: feed.bytes)
        entityTag = feed.entityTag
        self.lastModified = lastModified
        lastModifiedText = HTTPDate.format(lastModified)
    }
}
