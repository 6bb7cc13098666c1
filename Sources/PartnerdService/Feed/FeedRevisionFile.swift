/// The feed's revision table in the state directory (`feed-revisions.json`): `SEQUENCE` and `DTSTAMP` of
/// every VEVENT, kept across restarts (RFC 5545 §3.8.7.4).
package typealias FeedRevisionFile = StateFile<FeedRevisionTable>

extension FeedRevisionTable: VersionedDocument {
    package static var formatVersion: Int { currentVersion }
    package static var readableVersions: ClosedRange<Int> { currentVersion...currentVersion }
}

extension StateFile where Document == FeedRevisionTable {
    /// The file's name inside the state directory.
    package static var fileName: String { "feed-revisions.json" }

    package init(stateDirectory: String) {
        self.init(stateDirectory: stateDirectory, name: Self.fileName, sizeLimit: 64 << 20)
    }
}
