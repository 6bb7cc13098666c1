import Glibc

/// Why `partnerctl` got no answer from the daemon.
package enum ControlClientError: Error, Hashable, CustomStringConvertible {
    /// Why a daemon is taken to be not running.
    package enum Absence: String, Sendable, Hashable {
        /// There is no socket file.
        case noSocket
        /// A socket file is there but nobody listens: a daemon that did not stop cleanly left it.
        case nobodyListening
        /// Something other than a socket is at the path.
        case notASocket
    }

    /// No daemon answers on the socket (LSB status 3).
    case notRunning(path: String, Absence)
    /// The socket is there but this user may not connect to it.
    case permissionDenied(path: String)
    /// Connecting, writing or reading failed for another reason.
    case connectionFailed(path: String, reason: String)
    /// The daemon did not answer within the client's timeout.
    case timedOut(path: String, seconds: Int64)
    /// The daemon answered with an error.
    case refused(ControlError)
    /// The daemon's answer could not be read.
    case unreadableAnswer(ControlResponse.DecodingFailure)
    /// The daemon answered, but not to the command asked.
    case unexpectedAnswer(command: ControlRequest.Command)

    package var description: String {
        switch self {
        case .notRunning(let path, .noSocket):
            return "partnerd is not running: no control socket at \(path)"
        case .notRunning(let path, .nobodyListening):
            return "partnerd is not running: nobody listens on \(path) (a stale socket file)"
        case .notRunning(let path, .notASocket):
            return "partnerd is not running: \(path) is not a socket"
        case .permissionDenied(let path):
            return "permission denied on \(path): "
                + (Self.socketGroup(of: path).map {
                    "only root and members of the group \"\($0)\" may ask partnerd; an administrator adds you with "
                        + "`usermod -aG \($0) $USER` (then log in again), or run it with sudo"
                } ?? "only root and the daemon's own user may ask partnerd; run it with sudo")
        case .connectionFailed(let path, let reason):
            return "cannot talk to partnerd on \(path): \(reason)"
        case .timedOut(let path, let seconds):
            return "partnerd did not answer on \(path) within \(seconds) s"
        case .refused(let error):
            return "partnerd refused the request: \(error.message) (\(error.code))"
        case .unreadableAnswer(let failure):
            return failure.description
        case .unexpectedAnswer(let command):
            return "partnerd answered something other than the \(command.rawValue) that was asked"
        }
    }

    /// The name of the group that owns the socket file, when there is one to name.
    static func socketGroup(of path: String) -> String? {
        var info = stat()
        guard stat(path, &info) == 0, let entry = getgrgid(info.st_gid), let name = entry.pointee.gr_name else {
            return nil
        }
        return String(cString: name)
    }
}
