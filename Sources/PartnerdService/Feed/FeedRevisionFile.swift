#if canImport(Glibc)
import Glibc
#elseif canImport(Musl)
import Musl
#elseif canImport(Darwin)
import Darwin
#endif

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
        self.init(path: stateDirectory.hasSuffix("/") ? stateDirectory + Self.fileName : "\(stateDirectory)/\(Self.fileName)")
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
            bytes = try AtomicFile.read(path)
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
    public func save(_ table: FeedRevisionTable) throws(FileError) {
        try AtomicFile.createDirectory(AtomicFile.directoryName(of: path), permissions: 0o750)
        try AtomicFile.write(table.encoded(), to: path, permissions: 0o640)
    }
}

/// Where partnerd keeps its state when `daemon.state_directory` does not say (SPEC.md, `[daemon]`).
public enum StateDirectoryLocator {
    /// `daemon.state_directory` when set, else `$STATE_DIRECTORY` (systemd's `StateDirectory=`; the first of
    /// several), else `/var/lib/partnerd` for root, else `$XDG_STATE_HOME/partnerd`, else
    /// `$HOME/.local/state/partnerd`.
    public static func locate(
        configured: String?, environment: [String: String] = processEnvironment(), isRoot: Bool = getuid() == 0
    ) -> String {
        if let configured, !configured.isEmpty { return configured }
        if let directory = environment["STATE_DIRECTORY"], !directory.isEmpty {
            return directory.split(separator: ":").first.map(String.init) ?? directory
        }
        if isRoot { return "/var/lib/partnerd" }
        if let state = environment["XDG_STATE_HOME"], state.hasPrefix("/") { return "\(state)/partnerd" }
        let home = environment["HOME"].flatMap { $0.isEmpty ? nil : $0 } ?? "."
        return "\(home)/.local/state/partnerd"
    }
}
