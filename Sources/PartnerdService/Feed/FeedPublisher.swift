import Foundation
import Logging
import Synchronization

/// What the daemon calls whenever the plan changes (start, reload, local midnight): renders every feed once,
/// swaps them into the ``FeedStore``, keeps the revision table in the state directory, and updates
/// `feed.directory`.
///
/// Publishes run one at a time: the revision table of one rendering is the input of the next.
package final class FeedPublisher: Sendable {
    /// Receives every render.
    package let store: FeedStore
    private let revisionFile: FeedRevisionFile?
    private let logger: Logger
    /// The table in force, `nil` until read from the state directory; held while a rendering runs.
    private let revisions = Mutex<FeedRevisionTable?>(nil)

    /// - Parameters:
    ///   - stateDirectory: where `feed-revisions.json` lives; `nil` keeps the table in memory only.
    package init(store: FeedStore, stateDirectory: String?, logger: Logger) {
        self.store = store
        revisionFile = stateDirectory.map { FeedRevisionFile(stateDirectory: $0) }
        self.logger = logger
    }

    /// Renders `configuration` as of `now` and publishes the result; returns it (for status output).
    ///
    /// Failures to store the table or write feed files are logged, not thrown: the feeds in memory are
    /// already up to date, and the next publish tries again.
    @discardableResult
    package func publish(_ configuration: Configuration, now: Instant) -> RenderedFeeds {
        revisions.withLock { revisions in
            publishLocked(configuration, now: now, revisions: &revisions)
        }
    }

    private func publishLocked(_ configuration: Configuration, now: Instant, revisions: inout FeedRevisionTable?)
        -> RenderedFeeds
    {
        let previous = revisions ?? loadRevisions()
        let started = ContinuousClock.now
        let renderer = FeedRenderer(configuration: configuration)
        // Per-partnership feeds are rendered when first asked for, unless feed.directory wants them all as files.
        let rendering =
            configuration.feed.directory == nil
            ? renderer.renderDeferringPartnerships(revisions: previous, now: now)
            : renderer.render(revisions: previous, now: now)
        let took = started.duration(to: .now).components
        DaemonMetrics.rendered(
            seconds: Double(took.seconds) + Double(took.attoseconds) / 1e18,
            calendarBytes: rendering.feeds[.publicCalendar]?.bytes.count ?? 0)
        store.replace(
            with: rendering.feeds, publicURL: configuration.feed.publicURL, metrics: configuration.feed.metrics)
        revisions = rendering.revisions
        if rendering.revisions != previous, let revisionFile {
            do {
                try revisionFile.save(rendering.revisions)
            } catch {
                logger.error("could not store the feed revisions", metadata: ["error": "\(error)"])
            }
        }
        if let directory = configuration.feed.directory {
            do {
                let changes = try FeedDirectory(path: directory).update(with: rendering.feeds)
                if !changes.written.isEmpty || !changes.removed.isEmpty {
                    logger.info(
                        "updated feed files",
                        metadata: [
                            "directory": "\(directory)", "written": "\(changes.written)",
                            "removed": "\(changes.removed)",
                        ])
                }
            } catch {
                logger.error("could not write the feed files", metadata: ["error": "\(error)"])
            }
        }
        return rendering.feeds
    }

    private func loadRevisions() -> FeedRevisionTable {
        guard let revisionFile else { return .empty }
        do {
            return try revisionFile.load() ?? .empty
        } catch {
            logger.error(
                "could not read the feed revisions; SEQUENCE starts again at 0", metadata: ["error": "\(error)"])
            return .empty
        }
    }
}
