/// The file access the config loader needs, passed in so that Core does no IO of its own.
///
/// The daemon and `partnerctl` pass the real file system; tests pass an in-memory one.
public protocol ConfigurationFileSystem: Sendable {
    /// The bytes of the file at `path`; throws ``ConfigurationFileError`` with a reason users understand.
    func contents(of path: String) throws(ConfigurationFileError) -> [UInt8]
    /// The paths matching a glob pattern (absolute, or relative to `directory`), sorted.
    func paths(matching pattern: String, relativeTo directory: String) -> [String]
    /// A canonical form of `path` for detecting include cycles (symbolic links resolved where possible).
    func canonicalPath(_ path: String) -> String
}

/// Why a file could not be read.
public struct ConfigurationFileError: Error, Sendable, Equatable {
    public let reason: String
    public init(reason: String) { self.reason = reason }
}

extension String {
    /// The directory part of a path (`.` for a bare file name).
    package var directoryPart: String {
        guard let slash = lastIndex(of: "/") else { return "." }
        return slash == startIndex ? "/" : String(self[..<slash])
    }
}
