#if canImport(Glibc)
import Glibc
#elseif canImport(Musl)
import Musl
#endif

/// Writes files so that a crash at any moment leaves either the old content or the new, never a mix:
/// a temporary file in the same directory, `fsync`, `rename` over the target, then `fsync` of the directory
/// so that the rename itself is durable.
public enum AtomicFile {
    /// Why a write failed, with the path and the system's reason.
    public struct WriteError: Error, Sendable, CustomStringConvertible {
        public let path: String
        public let reason: String
        public var description: String { "cannot write \(path): \(reason)" }
    }

    public static func write(_ bytes: [UInt8], to path: String, mode: mode_t = 0o600) throws(WriteError) {
        let directory = path.lastIndex(of: "/").map { String(path[..<$0]) } ?? "."
        let temporary = "\(path).tmp-\(getpid())"
        let descriptor = open(temporary, O_WRONLY | O_CREAT | O_TRUNC | O_CLOEXEC, mode)
        guard descriptor >= 0 else { throw WriteError(path: path, reason: reason(errno)) }
        var offset = 0
        while offset < bytes.count {
            let written = bytes.withUnsafeBytes { buffer in
                Glibc.write(descriptor, buffer.baseAddress.map { $0 + offset }, buffer.count - offset)
            }
            if written < 0 {
                if errno == EINTR { continue }
                let code = errno
                close(descriptor)
                unlink(temporary)
                throw WriteError(path: path, reason: reason(code))
            }
            offset += written
        }
        if fsync(descriptor) != 0 {
            let code = errno
            close(descriptor)
            unlink(temporary)
            throw WriteError(path: path, reason: reason(code))
        }
        close(descriptor)
        guard rename(temporary, path) == 0 else {
            let code = errno
            unlink(temporary)
            throw WriteError(path: path, reason: reason(code))
        }
        let directoryDescriptor = open(directory, O_RDONLY | O_DIRECTORY | O_CLOEXEC)
        if directoryDescriptor >= 0 {
            fsync(directoryDescriptor)
            close(directoryDescriptor)
        }
    }

    /// Creates `path` and its parents (like `mkdir -p`) with `mode`.
    public static func makeDirectory(_ path: String, mode: mode_t = 0o700) throws(WriteError) {
        var current = path.hasPrefix("/") ? "" : "."
        for part in path.split(separator: "/") {
            current += "/\(part)"
            if mkdir(current, mode) != 0 && errno != EEXIST {
                throw WriteError(path: current, reason: reason(errno))
            }
        }
    }

    static func reason(_ code: Int32) -> String { String(cString: strerror(code)) }
}
