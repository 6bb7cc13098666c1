/// `feed.directory`: the public feeds as files (`calendar.ics`, `partnerships/<id>.ics`) for a web server
/// to publish, each replaced atomically when its bytes change.
package struct FeedDirectory: Sendable {
    package let path: String

    package init(path: String) {
        self.path = path
    }

    /// What one update did, relative to the directory.
    package struct Changes: Sendable, Equatable {
        package var written: [String] = []
        package var removed: [String] = []
    }

    /// Writes every public feed whose bytes differ from the file's, and removes partnership files that are
    /// no longer published (a partnership that was removed or made private must not stay readable).
    /// Feeds with private items are never written.
    @discardableResult
    package func update(with feeds: RenderedFeeds) throws -> Changes {
        var changes = Changes()
        try AtomicFile.makeDirectory("\(path)/partnerships", mode: 0o755)
        var published: Set<String> = []
        for (key, feed) in feeds.publicFeeds {
            let relative = key.relativePath
            published.insert(relative)
            let file = "\(path)/\(relative)"
            if (try? FeedFileSystem.read(file)) == feed.bytes { continue }
            // Readable by the web server that publishes the directory.
            try AtomicFile.write(feed.bytes, to: file, mode: 0o644)
            changes.written.append(relative)
        }
        for name in FeedFileSystem.entries(of: "\(path)/partnerships") where Self.isFeedFileName(name) {
            let relative = "partnerships/\(name)"
            guard !published.contains(relative) else { continue }
            try FeedFileSystem.remove("\(path)/\(relative)")
            changes.removed.append(relative)
        }
        return changes
    }

    /// `<id>.ics` with an id partnerd could have written; other files are left alone.
    static func isFeedFileName(_ name: String) -> Bool {
        name.hasSuffix(".ics") && PartnershipID(validating: String(name.dropLast(4))) != nil
    }
}
