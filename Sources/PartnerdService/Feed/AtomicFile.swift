#if canImport(Glibc)
import Glibc
#elseif canImport(Musl)
import Musl
#elseif canImport(Darwin)
import Darwin
#endif

/// Why a file could not be written or read.
public struct FileError: Error, Sendable, Equatable, CustomStringConvertible {
    public let path: String
    public let operation: String
    public let code: Int32

    public var description: String {
        "\(path): \(operation) failed: \(String(cString: strerror(code)))"
    }
}

/// Writes and reads whole files the crash-safe way: a reader (or the next start after a crash) sees either
/// the old contents or the new ones, never a mix or an empty file.
public enum AtomicFile {
    /// Replaces `path` with `bytes`: writes a temporary file in the same directory, fsyncs it, renames it over
    /// `path`, then fsyncs the directory so that the rename itself is durable.
    public static func write(_ bytes: [UInt8], to path: String, permissions: mode_t = 0o644) throws(FileError) {
        let directory = directoryName(of: path)
        let name = path.split(separator: "/").last.map(String.init) ?? path
        let temporary = "\(directory)/.\(name).\(getpid()).tmp"
        let descriptor = open(temporary, O_WRONLY | O_CREAT | O_TRUNC | O_CLOEXEC | O_NOFOLLOW, permissions)
        guard descriptor >= 0 else { throw FileError(path: temporary, operation: "open", code: errno) }
        var closed = false
        defer {
            if !closed { close(descriptor) }
        }
        do throws(FileError) {
            try writeAll(bytes, to: descriptor, path: temporary)
            if fchmod(descriptor, permissions) != 0 { throw FileError(path: temporary, operation: "chmod", code: errno) }
            if fsync(descriptor) != 0 { throw FileError(path: temporary, operation: "fsync", code: errno) }
            closed = true
            if close(descriptor) != 0 { throw FileError(path: temporary, operation: "close", code: errno) }
            if rename(temporary, path) != 0 { throw FileError(path: path, operation: "rename", code: errno) }
        } catch {
            unlink(temporary)
            throw error
        }
        try synchronizeDirectory(directory)
    }

    /// The contents of `path`, or `nil` when it does not exist.
    public static func read(_ path: String, limit: Int = 16 << 20) throws(FileError) -> [UInt8]? {
        let descriptor = open(path, O_RDONLY | O_CLOEXEC)
        guard descriptor >= 0 else {
            if errno == ENOENT { return nil }
            throw FileError(path: path, operation: "open", code: errno)
        }
        defer { close(descriptor) }
        var bytes: [UInt8] = []
        var buffer = [UInt8](repeating: 0, count: 65_536)
        while true {
            let count = buffer.withUnsafeMutableBytes { Glibc.read(descriptor, $0.baseAddress, $0.count) }
            if count < 0 {
                if errno == EINTR { continue }
                throw FileError(path: path, operation: "read", code: errno)
            }
            if count == 0 { return bytes }
            bytes += buffer[0..<count]
            if bytes.count > limit { throw FileError(path: path, operation: "read", code: EFBIG) }
        }
    }

    /// Creates `path` and its missing parents (like `mkdir -p`).
    public static func createDirectory(_ path: String, permissions: mode_t = 0o755) throws(FileError) {
        var prefix = path.hasPrefix("/") ? "" : "."
        for component in path.split(separator: "/") {
            prefix += "/" + component
            if mkdir(prefix, permissions) != 0 && errno != EEXIST {
                throw FileError(path: prefix, operation: "mkdir", code: errno)
            }
        }
    }

    /// Removes `path`; a file that is already gone is fine.
    public static func remove(_ path: String) throws(FileError) {
        if unlink(path) != 0 && errno != ENOENT { throw FileError(path: path, operation: "unlink", code: errno) }
        try synchronizeDirectory(directoryName(of: path))
    }

    static func directoryName(of path: String) -> String {
        guard let slash = path.lastIndex(of: "/") else { return "." }
        return slash == path.startIndex ? "/" : String(path[..<slash])
    }

    private static func writeAll(_ bytes: [UInt8], to descriptor: Int32, path: String) throws(FileError) {
        var offset = 0
        while offset < bytes.count {
            let written = bytes.withUnsafeBytes { Glibc.write(descriptor, $0.baseAddress.map { $0 + offset }, $0.count - offset) }
            if written < 0 {
                if errno == EINTR { continue }
                throw FileError(path: path, operation: "write", code: errno)
            }
            offset += written
        }
    }

    private static func synchronizeDirectory(_ directory: String) throws(FileError) {
        let descriptor = open(directory, O_RDONLY | O_DIRECTORY | O_CLOEXEC)
        guard descriptor >= 0 else { throw FileError(path: directory, operation: "open", code: errno) }
        defer { close(descriptor) }
        if fsync(descriptor) != 0 && errno != EINVAL { throw FileError(path: directory, operation: "fsync", code: errno) }
    }
}
