import Glibc

/// Why a feed file or the revision table could not be read, listed or removed.
package struct FeedFileError: Error, Sendable, CustomStringConvertible {
    package let path: String
    package let reason: String
    package var description: String { "\(path): \(reason)" }

    init(path: String, _ failure: Posix.Failure) {
        self.init(path: path, reason: failure.reason)
    }

    init(path: String, reason: String) {
        self.path = path
        self.reason = reason
    }
}

/// The reading side of the feed's files; writing goes through ``AtomicFile``.
enum FeedFileSystem {
    /// The contents of `path`, or `nil` when it does not exist.
    static func read(_ path: String, limit: Int = 16 << 20) throws(FeedFileError) -> [UInt8]? {
        do {
            return try Posix.readFile(path, limit: limit)
        } catch {
            throw FeedFileError(path: path, error)
        }
    }

    /// Removes `path` and makes the removal durable; a file that is already gone is fine.
    static func remove(_ path: String) throws(FeedFileError) {
        if unlink(path) != 0 && errno != ENOENT { throw FeedFileError(path: path, Posix.Failure(code: errno)) }
        Posix.syncDirectory(containing: path)
    }

    /// The names in `directory` (without `.` and `..`), sorted; empty when it cannot be read.
    static func entries(of directory: String) -> [String] {
        guard let handle = opendir(directory) else { return [] }
        defer { closedir(handle) }
        var names: [String] = []
        while let entry = readdir(handle) {
            let name = withUnsafeBytes(of: entry.pointee.d_name) { raw in
                String(decoding: raw.prefix(while: { $0 != 0 }), as: UTF8.self)
            }
            if name != "." && name != ".." { names.append(name) }
        }
        return names.sorted()
    }
}
