/// The feed's revision table in the state directory (`feed-revisions.json`): `SEQUENCE` and `DTSTAMP` of
/// every VEVENT, kept across restarts (RFC 5545 §3.8.7.4).
public struct FeedRevisionFile: Sendable {
    /// The file's name inside the state directory.
    public static let fileName = "feed-revisions.json"

    public let path: String

    public init(path: String) {
        self.path = path
    }

    /// The file in `stateDirectory`.
    public init(stateDirectory: String) {
        self.init(
            path: stateDirectory.hasSuffix("/") ? stateDirectory + Self.fileName : "\(stateDirectory)/\(Self.fileName)")
    }

    /// Why the stored table could not be used.
    public struct LoadError: Error, Sendable, CustomStringConvertible {
        public let path: String
        public let reason: String
        public var description: String { "\(path): \(reason)" }
    }

    /// The stored table; `nil` when there is none yet.
    public func load() throws(LoadError) -> FeedRevisionTable? {
        let bytes: [UInt8]?
        do {
            bytes = try FeedFileSystem.read(path)
        } catch {
            throw LoadError(path: path, reason: error.description)
        }
        guard let bytes else { return nil }
        do {
            return try FeedRevisionTable(decoding: bytes)
        } catch {
            throw LoadError(path: path, reason: error.reason)
        }
    }

    /// Stores the table crash-safely, creating the state directory when it is missing.
    public func save(_ table: FeedRevisionTable) throws(AtomicFile.WriteError) {
        let directory = path.lastIndex(of: "/").map { String(path[..<$0]) } ?? "."
        try AtomicFile.makeDirectory(directory.isEmpty ? "/" : directory)
        try AtomicFile.write(table.encoded(), to: path)
    }
}
