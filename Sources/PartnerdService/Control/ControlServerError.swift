/// Why the control socket could not be set up; the daemon reports it and exits before it says READY.
package enum ControlServerError: Error, Hashable, CustomStringConvertible {
    /// Another process answers on the socket, most likely a second `partnerd`.
    case alreadyRunning(path: String)
    /// Something other than a socket is at the path.
    case notASocket(path: String)
    /// The path does not fit into a `sockaddr_un`.
    case pathTooLong(path: String, limit: Int)
    /// Creating the directory, removing a stale socket, binding or setting the mode failed.
    case cannotListen(path: String, step: String, reason: String)

    package var description: String {
        switch self {
        case .alreadyRunning(let path):
            return "another partnerd is already listening on \(path); stop it first (systemctl stop partnerd) "
                + "or give this one another --socket"
        case .notASocket(let path):
            return "\(path) exists and is not a socket; move it away or give another --socket"
        case .pathTooLong(let path, let limit):
            return "control socket path \(path) is \(path.utf8.count) bytes long, more than the \(limit) a Unix socket "
                + "path may have; give a shorter --socket"
        case .cannotListen(let path, let step, let reason):
            return "cannot listen on \(path): \(step): \(reason)"
        }
    }
}
