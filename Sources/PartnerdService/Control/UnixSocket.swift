import Glibc

/// Blocking POSIX helpers for `AF_UNIX` stream sockets: connecting, and telling a live socket from a stale file.
enum UnixSocket {
    /// What is at a socket path.
    enum Probe: Hashable {
        /// Nothing.
        case absent
        /// A socket file that nobody listens on: left behind by a daemon that did not stop cleanly.
        case stale
        /// A socket with a listener.
        case live
        /// Something that is not a socket, which must not be removed on the user's behalf.
        case notASocket
        /// The path cannot be examined or connected to; the `errno` says why.
        case inaccessible(Int32)
    }

    /// The longest path `sockaddr_un.sun_path` holds, without its terminating zero.
    static var maximumPathLength: Int {
        MemoryLayout.size(ofValue: sockaddr_un().sun_path) - 1
    }

    /// A new `AF_UNIX` stream socket, close-on-exec.
    private static func makeSocket() -> Result<Int32, SystemError> {
        let descriptor = socket(AF_UNIX, Int32(SOCK_STREAM.rawValue) | Int32(SOCK_CLOEXEC.rawValue), 0)
        return descriptor >= 0 ? .success(descriptor) : .failure(SystemError(errno))
    }

    /// Calls `operation` (`connect` or `bind`) with `descriptor` and the address of `path`; returns the descriptor,
    /// or closes it and returns the `errno` of the failure.
    private static func apply(
        _ operation: (Int32, UnsafePointer<sockaddr>, socklen_t) -> Int32, to descriptor: Int32, path: String
    ) -> Result<Int32, SystemError> {
        let bytes = Array(path.utf8)
        guard bytes.count <= maximumPathLength else {
            close(descriptor)
            return .failure(SystemError(ENAMETOOLONG))
        }
        var address = sockaddr_un()
        address.sun_family = sa_family_t(AF_UNIX)
        withUnsafeMutableBytes(of: &address.sun_path) { raw in
            raw.copyBytes(from: bytes)
        }
        let result = withUnsafePointer(to: &address) { pointer in
            pointer.withMemoryRebound(to: sockaddr.self, capacity: 1) {
                operation(descriptor, $0, socklen_t(MemoryLayout<sockaddr_un>.size))
            }
        }
        guard result == 0 else {
            let error = errno
            close(descriptor)
            return .failure(SystemError(error))
        }
        return .success(descriptor)
    }

    /// Connects to `path`; returns the descriptor, or the `errno` of the failure.
    static func connection(to path: String) -> Result<Int32, SystemError> {
        makeSocket().flatMap { apply(connect, to: $0, path: path) }
    }

    /// A socket bound to `path` but not yet listening: nobody can connect until `listen(2)`, so the file's mode can
    /// be set first.
    static func bound(to path: String) -> Result<Int32, SystemError> {
        makeSocket().flatMap { apply(bind, to: $0, path: path) }
    }

    /// Looks at `path` without disturbing a listener there beyond one connection that it sees close at once.
    static func probe(_ path: String) -> Probe {
        var info = stat()
        if lstat(path, &info) != 0 {
            return errno == ENOENT ? .absent : .inaccessible(errno)
        }
        guard info.st_mode & S_IFMT == S_IFSOCK else { return .notASocket }
        switch connection(to: path) {
        case .success(let descriptor):
            close(descriptor)
            return .live
        case .failure(let error) where error.code == ECONNREFUSED:
            return .stale
        case .failure(let error):
            return .inaccessible(error.code)
        }
    }

    /// The device and inode of the file at `path`, to recognise our own socket file later.
    static func identity(_ path: String) -> FileIdentity? {
        var info = stat()
        guard lstat(path, &info) == 0 else { return nil }
        return FileIdentity(device: UInt64(info.st_dev), inode: UInt64(info.st_ino))
    }
}

/// An `errno` value as an error.
struct SystemError: Error, Hashable, CustomStringConvertible {
    var code: Int32

    init(_ code: Int32) { self.code = code }

    var description: String { Posix.reason(code) }
}

/// A file's identity across renames: the device and inode numbers.
struct FileIdentity: Hashable, Sendable {
    var device: UInt64
    var inode: UInt64
}
